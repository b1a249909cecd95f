import { format } from '../../i18n/i18n';
import { useText } from '../text';
import { resultsEn } from './text-en';
import { resultsVi, type ResultsKey } from './text-vi';

/**
 * The strings of the results screen: a catalogue of its own beside the office one, in the app's language, with the
 * ways its figures are written (points and percentages with the decimal comma in Vietnamese, "x/max").
 */
export function useResultsText() {
  const office = useText();
  const catalog = office.lang === 'en' ? resultsEn : resultsVi;
  const t = (key: ResultsKey, params?: Record<string, string | number>) => format(catalog[key], params);
  /** A key built from data (a state, a rule), or the data itself when the catalogue has no such key. */
  const tOr = (key: string, fallback: string, params?: Record<string, string | number>) =>
    key in catalog ? t(key as ResultsKey, params) : fallback;
  const locale = office.lang === 'vi' ? 'vi-VN' : 'en-GB';
  const ratioFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 });
  /** Index percentages: "82,6 %" / "82.6%". */
  const percent = (n: number) => t('rs.percent', { n: office.number(n) });
  /** Points against a maximum: "4,5/5". */
  const outOf = (value: number, max: number) => t('rs.outOf', { value: office.number(value), max: office.number(max) });
  /** A ratio or mean coefficient in 0..1, to four decimals: "0,7514". */
  const ratio = (n: number) => ratioFormat.format(n);
  return { ...office, officeT: office.t, t, tOr, percent, outOf, ratio };
}

export type { ResultsKey };
