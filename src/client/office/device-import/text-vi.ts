/**
 * Vietnamese strings of Home Affairs' upload of a phone's unsynced file: a catalogue of its own beside the office one,
 * loaded with the office screens only; text-en.ts beside this file has the same keys.
 */
export const deviceImportVi = {
  'di.title': 'Nhập dữ liệu chưa đồng bộ từ điện thoại',
  'di.intro':
    'Khi điện thoại của điều tra viên không gửi được phiếu (hỏng, mất mạng lâu ngày, phiếu bị từ chối), điều tra viên bấm "Xuất dữ liệu chưa đồng bộ" và gửi tệp cho Sở Nội vụ. Tải tệp đó lên đây: mỗi phiếu được kiểm tra như khi điều tra viên tự đồng bộ. Tải lại cùng một tệp không làm trùng phiếu.',
  'di.campaignClosed': 'Kỳ đánh giá đang đóng: máy chủ sẽ từ chối mọi phiếu trong tệp. Mở lại kỳ đánh giá (Quản trị) trước khi nhập.',
  'di.file': 'Tệp dữ liệu (.json)',
  'di.badJson': 'Không đọc được tệp: đây không phải tệp JSON.',
  'di.badFile': 'Đây không phải tệp "Xuất dữ liệu chưa đồng bộ" của Phiếu.',
  'di.summary': 'Tệp của máy {device}, xuất lúc {at}: {responses} phiếu, {roster} tên trong danh sách nhận tiền.',
  'di.unknownDevice': '(không rõ mã máy)',
  'di.upload': 'Tải lên và nhập',
  'di.working': 'Đang nhập…',
  'di.empty': 'Tệp không có phiếu hay tên nào chưa đồng bộ.',
  'di.done': 'Đã nhập tệp: {accepted} mục mới được nhận, {duplicate} mục máy chủ đã có từ trước, {rejected} mục bị từ chối.',
  'di.phoneAfter': 'Khi điện thoại đồng bộ lại, các phiếu đã nhận (kể cả những phiếu máy chủ đã có) sẽ hiện là đã gửi trên máy.',
  'di.rejectedHelp': 'Các mục bị từ chối chưa được lưu trên máy chủ; xem lý do từng mục bên dưới.',
  'di.responses': 'Phiếu trong tệp',
  'di.roster': 'Tên trong danh sách nhận tiền',
  'di.col.n': 'STT',
  'di.col.cell': 'Đơn vị — đối tượng',
  'di.col.who': 'Điều tra viên',
  'di.col.finished': 'Hoàn thành',
  'di.col.name': 'Người trả lời',
  'di.col.result': 'Kết quả',
  'di.accepted': 'Đã nhận',
  'di.acceptedOver': 'Đã nhận (vượt chỉ tiêu)',
  'di.duplicate': 'Máy chủ đã có (coi như đã nhận)',
  'di.rejected': 'Bị từ chối: {reason}',
  'di.reason.campaign-closed': 'kỳ đánh giá đang đóng',
  'di.reason.after-deadline': 'phiếu hoàn thành sau hạn điều tra, và kỳ đánh giá không nhận phiếu sau hạn',
  'di.reason.not-assigned': 'điều tra viên không được phân công đơn vị và đối tượng này',
  'di.reason.questionnaire-version-unknown': 'máy chủ không có phiên bản mẫu phiếu này',
  'di.reason.conflict': 'máy chủ đã có một phiếu cùng mã nhưng nội dung khác',
  'di.reason.invalid': 'dữ liệu không hợp lệ',
} as const;

export type DeviceImportKey = keyof typeof deviceImportVi;
