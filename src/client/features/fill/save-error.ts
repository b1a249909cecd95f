import { DraftUnavailableError, isQuotaExceeded } from '../../db/errors';
import type { ScreenKey } from '../../i18n/vi-screens';
import type { MessageKey } from '../../i18n/vi';

type T = (key: MessageKey | ScreenKey, params?: Record<string, string | number>) => string;

/** Why an answer or a finalise was not saved, in the surveyor's language (the device's errors carry reasons, not words). */
export function saveErrorText(t: T, e: unknown): string {
  if (isQuotaExceeded(e)) return t('storage.full');
  if (e instanceof DraftUnavailableError) return t(e.reason === 'missing' ? 'fill.draftMissing' : 'fill.draftFinalised');
  return t('fill.saveError', { message: e instanceof Error ? e.message : String(e) });
}
