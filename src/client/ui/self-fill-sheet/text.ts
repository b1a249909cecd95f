import { format } from '../../i18n/i18n';

/**
 * The strings of the sheet of self-fill slips as a screen shows it (IssuedSheet.tsx), in the office and in the surveyor
 * app alike: a catalogue of its own, loaded with the sheet only (a lazy chunk on either side). What is printed on the
 * slips themselves is always Vietnamese, whatever the screen's language (slips.ts).
 */
export const sheetVi = {
  title: 'Tờ mã: {unit} × {group}',
  summary: '{count} mã · dùng được đến hết ngày {lastDay}',
  note: 'Ghi chú: {note}',
  once: 'Đây là lần duy nhất các mã này được hiển thị. Máy chủ chỉ lưu mã ở dạng đã băm, nên sau khi bạn đóng tờ mã, đóng thẻ, tải lại trang hoặc đăng xuất thì không xem lại được. Hãy in hoặc tải tờ mã ngay. Nếu lỡ mất tờ mã, hãy thu hồi đợt này và tạo đợt mới.',
  print: 'In tờ mã',
  download: 'Tải tờ mã (HTML)',
  downloadWarn:
    'Tệp HTML chứa các mã ở dạng đọc được: ai có tệp đều dùng được những mã chưa gửi. Giữ tệp cẩn thận như phiếu trắng đã đóng dấu và xoá sau khi in.',
  downloaded: 'Đã tải tệp "{name}". Tệp chứa các mã ở dạng đọc được: xoá sau khi in.',
  printHelp: 'Khổ A4, {perPage} phiếu mỗi trang ({pages} trang); cắt theo đường nét đứt. Chọn tỉ lệ 100% khi in.',
  close: 'Đóng tờ mã',
  closeQuestion: 'Sau khi đóng, các mã này không hiển thị lại được nữa. Bạn đã in hoặc tải tờ mã chưa?',
  closeConfirm: 'Đã in hoặc tải, đóng tờ mã',
  badQr: 'Máy chủ gửi {count} mã QR không đọc được; các phiếu đó không in mã QR nhưng vẫn có đường dẫn và mã để nhập tay.',
  preview: 'Bản xem trước tờ mã',
  cancel: 'Huỷ',
} as const;

export type SheetKey = keyof typeof sheetVi;

export const sheetEn: Record<SheetKey, string> = {
  title: 'Code sheet: {unit} × {group}',
  summary: '{count} codes · valid until the end of {lastDay}',
  note: 'Note: {note}',
  once: 'This is the only time these codes are shown. The server keeps only their hashes, so once you close the sheet, close the tab, reload the page or sign out they cannot be shown again. Print or save the sheet now. If the sheet is lost, revoke this batch and issue a new one.',
  print: 'Print the sheet',
  download: 'Save the sheet (HTML)',
  downloadWarn:
    'The HTML file holds the codes in plain text: anyone with the file can use the codes not yet sent. Keep it as carefully as stamped blank forms and delete it after printing.',
  downloaded: 'Saved "{name}". The file holds the codes in plain text: delete it after printing.',
  printHelp: 'A4, {perPage} slips a page ({pages} pages); cut along the dashed lines. Print at 100% scale.',
  close: 'Close the sheet',
  closeQuestion: 'Once closed, these codes cannot be shown again. Have you printed or saved the sheet?',
  closeConfirm: 'Printed or saved: close the sheet',
  badQr: 'The server sent {count} QR codes that cannot be read; those slips have no QR code but still carry the link and the code to type.',
  preview: 'Preview of the code sheet',
  cancel: 'Cancel',
};

/**
 * The words of the issue form's count and note (IssueFields.tsx), the same in the office and in the surveyor app; `{max}`
 * is MAX_CODES_PER_BATCH. The note's hint differs (who sees the note), so each side passes its own.
 */
export const issueFieldsVi = {
  count: 'Số mã (1–{max})',
  countHelp: 'Mặc định bằng số phiếu còn thiếu của đơn vị × đối tượng.',
  countInvalid: 'Số mã phải là số nguyên từ 1 đến {max}.',
  note: 'Ghi chú (không bắt buộc)',
} as const;

export type IssueFieldsKey = keyof typeof issueFieldsVi;

export const issueFieldsEn: Record<IssueFieldsKey, string> = {
  count: 'Number of codes (1–{max})',
  countHelp: 'By default, the number of questionnaires the unit × group still lacks.',
  countInvalid: 'The number of codes must be a whole number from 1 to {max}.',
  note: 'Note (optional)',
};

/** The sheet's `t` in the language on screen. */
export const sheetText =
  (lang: 'vi' | 'en') =>
  (key: SheetKey, params?: Record<string, string | number>): string =>
    format((lang === 'en' ? sheetEn : sheetVi)[key], params);
