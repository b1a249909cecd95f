import { format } from '../../i18n/i18n';
import { useText } from '../text';
import { deviceImportEn } from './text-en';
import { deviceImportVi, type DeviceImportKey } from './text-vi';

/** The strings of the device-file upload, in the app's language, beside the office ones (`officeT`). */
export function useDeviceImportText() {
  const office = useText();
  const catalog = office.lang === 'en' ? deviceImportEn : deviceImportVi;
  const t = (key: DeviceImportKey, params?: Record<string, string | number>) => format(catalog[key], params);
  return { ...office, officeT: office.t, t };
}
