/**
 * Where Home Affairs uploads a phone's "Xuất dữ liệu chưa đồng bộ" file, and what its nav entry says. The office shell
 * adds the route (Home Affairs only) and the entry with `deviceImportNav(lang)`; the screen's other strings are in
 * text-vi.ts / text-en.ts beside this file.
 */
export const DEVICE_IMPORT_PATH = '/device-import';

export function deviceImportNav(lang: string): string {
  return lang === 'en' ? 'Device file upload' : 'Nhập tệp từ máy';
}
