import { format, useI18n } from '../i18n/i18n';
import { officeEn } from './text-en';
import { officeVi, type OfficeKey } from './text-vi';

/**
 * The office screens' strings: a catalogue of their own, loaded with the office screens only, so a surveyor's phone
 * never downloads them. The language is the app's (i18n.tsx).
 */
export function useText() {
  const i18n = useI18n();
  const catalog = i18n.lang === 'en' ? officeEn : officeVi;
  const t = (key: OfficeKey, params?: Record<string, string | number>) => format(catalog[key], params);
  const locale = i18n.lang === 'vi' ? 'vi-VN' : 'en-GB';
  const day = (isoDay: string) => new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${isoDay}T00:00:00Z`));
  return { ...i18n, t, day };
}

export type { OfficeKey };
