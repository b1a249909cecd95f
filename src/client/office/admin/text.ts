import { format } from '../../i18n/i18n';
import { useText } from '../text';
import { adminEn } from './text-en';
import { adminVi, type AdminKey } from './text-vi';

const dongFormat = new Intl.NumberFormat('vi-VN');

/**
 * The strings of the campaign administration screens (Home Affairs): a catalogue of their own beside the office one,
 * in the app's language. Numbers, days and times come from the office hook; money is always written the vi-VN way.
 */
export function useAdminText() {
  const office = useText();
  const catalog = office.lang === 'en' ? adminEn : adminVi;
  const t = (key: AdminKey, params?: Record<string, string | number>) => format(catalog[key], params);
  /** Whole đồng, e.g. "50.000 đ". */
  const dong = (n: number) => `${dongFormat.format(n)} đ`;
  return { ...office, officeT: office.t, t, dong };
}

export type { AdminKey };
