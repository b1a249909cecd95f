/**
 * Vietnamese strings of Home Affairs' self-fill codes screen (mã tự điền, issue 19) and of the self-fill counts on the
 * progress screens, part of the office catalogue (../text-vi.ts spreads them in); text-en.ts beside this file has the
 * same keys. What is printed on the slips is always Vietnamese, whatever the screen's language (slips.ts).
 */
export const selfFillVi = {
  'nav.selfFill': 'Mã tự điền',
  'sf.title': 'Mã tự điền',
  'sf.intro':
    'Người trả lời tự điền phiếu trên điện thoại của mình bằng một mã dùng một lần, không cần tài khoản. Mỗi đợt mã dành cho một đơn vị × đối tượng; phiếu gửi bằng mã được tính vào chỉ tiêu của đơn vị × đối tượng đó. Mã hết hạn cùng hạn điều tra.',
  'sf.notOpen': 'Kỳ đánh giá đang không mở: máy chủ sẽ không phát mã tự điền.',
  'sf.issue.title': 'Phát đợt mã mới',
  'sf.issue.unit': 'Đơn vị được đánh giá',
  'sf.issue.group': 'Đối tượng khảo sát',
  'sf.issue.cell': 'Chỉ tiêu {target} phiếu · đã nhận {received} · còn thiếu {remaining}',
  'sf.issue.outstanding': 'Mã đã phát cho ô này còn chưa dùng: {count}',
  'sf.issue.noteHelp': 'Nơi phát phiếu, người nhận tờ mã… Chỉ Sở Nội vụ thấy, không in lên phiếu.',
  'sf.issue.submit': 'Tạo mã',
  'sf.issue.working': 'Đang tạo mã…',
  'sf.issue.failed': 'Không tạo được mã: {message}',
  'sf.issue.noCells': 'Kỳ đánh giá chưa có chỉ tiêu phiếu cho đơn vị × đối tượng nào, nên chưa phát được mã.',
  'sf.list.title': 'Các đợt mã đã phát',
  'sf.list.unit': 'Đơn vị',
  'sf.list.allUnits': 'Tất cả đơn vị',
  'sf.list.none': 'Chưa có đợt mã nào.',
  'sf.list.help':
    'Đã mở: số mã đã được mở trên điện thoại ít nhất một lần. Đã gửi: số phiếu đã gửi bằng mã (được tính vào tiến độ). Thu hồi: số mã chưa gửi khi đợt bị thu hồi.',
  'sf.col.cell': 'Đơn vị × đối tượng',
  'sf.col.note': 'Ghi chú',
  'sf.col.issuedBy': 'Người phát, lúc',
  'sf.col.lastDay': 'Dùng đến',
  'sf.col.issued': 'Số mã',
  'sf.col.opened': 'Đã mở',
  'sf.col.submitted': 'Đã gửi',
  'sf.col.revoked': 'Thu hồi',
  'sf.col.state': 'Tình trạng',
  'sf.col.actions': 'Thao tác',
  'sf.state.active': 'Đang dùng',
  'sf.state.expired': 'Hết hạn',
  'sf.state.revoked': 'Đã thu hồi {at}',
  'sf.revoke': 'Thu hồi',
  'sf.revoke.name': 'Thu hồi đợt mã {cell} phát lúc {at}',
  'sf.revoke.question':
    'Thu hồi đợt mã {cell} phát lúc {at}? {unused} mã chưa gửi sẽ không dùng được nữa; {submitted} phiếu đã gửi vẫn được giữ và tính.',
  'sf.revoke.confirm': 'Thu hồi đợt mã',
  'sf.revoke.done': 'Đã thu hồi đợt mã {cell}: {revoked} mã chưa gửi không còn dùng được.',
  'sf.revoke.failed': 'Không thu hồi được đợt mã: {message}',
  'progress.selfFill': 'Tự điền bằng mã',
  'progress.selfFill.help':
    'Mã tự điền đã phát và số đã dùng. Phiếu gửi bằng mã đã được tính trong cột "Đã nhận" ở bảng theo đối tượng. Chỉ hiển thị số lượng.',
  'progress.col.batches': 'Số đợt',
  'progress.col.codes': 'Mã đã phát',
  'progress.col.opened': 'Đã mở',
  'progress.col.submitted': 'Đã gửi',
  'progress.col.revoked': 'Thu hồi',
  'progress.col.unused': 'Chưa dùng',
} as const;
