import { vietnameseDay } from '../../shared/format/vietnamese-date';
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
  /** A calendar day "YYYY-MM-DD" as 20/11/2021 (the shared formatter, as the phone shows dates). */
  return { ...i18n, t, day: vietnameseDay };
}

export type { OfficeKey };
