/**
 * Vietnamese strings of the surveyor's self-fill codes screen (issue 19, features/self-fill): a catalogue of their own,
 * in that screen's chunk, so that the questionnaire's screens do not carry them (issue 14). Read through useSelfFillI18n
 * (self-fill.ts); en.ts has these keys too. The sheet of slips has its own (ui/self-fill-sheet/text.ts).
 */
export const viSelfFill = {
  'selfFill.title': 'Phát mã tự điền',
  'selfFill.intro':
    'Người trả lời tự điền phiếu trên điện thoại của mình bằng một mã dùng một lần, không cần tài khoản. Phiếu gửi bằng mã được tính vào chỉ tiêu của đơn vị × đối tượng này, nhưng không tính là phiếu bạn thu. Mã hết hạn cùng hạn điều tra.',
  'selfFill.quota': 'Chỉ tiêu {target} phiếu · đã thu {count} · còn thiếu {remaining}',
  'selfFill.outstanding': 'Mã đã phát cho ô này còn chưa dùng: {count}',
  'selfFill.offline': 'Cần có mạng để phát mã. Các đợt mã đã phát cũng chỉ xem được khi có mạng.',
  'selfFill.unreachable': 'Không kết nối được máy chủ. Cần có mạng để phát mã.',
  'selfFill.expired': 'Phiên đăng nhập đã hết hạn: hãy đăng nhập lại để phát mã.',
  'selfFill.notOpen': 'Kỳ đánh giá đang không mở: máy chủ sẽ không phát mã tự điền.',
  'selfFill.notAssigned': 'Đơn vị × đối tượng này không được giao cho bạn, nên bạn không phát mã cho ô này được.',
  'selfFill.issue.title': 'Phát đợt mã mới',
  'selfFill.issue.noteHelp': 'Nơi phát phiếu, người nhận tờ mã… Không in lên phiếu.',
  'selfFill.issue.submit': 'Tạo mã',
  'selfFill.issue.working': 'Đang tạo mã…',
  'selfFill.issue.failed': 'Không tạo được mã: {message}',
  'selfFill.list.title': 'Các đợt mã của ô này',
  'selfFill.list.loading': 'Đang tải các đợt mã…',
  'selfFill.list.none': 'Chưa có đợt mã nào cho ô này.',
  'selfFill.list.failed': 'Không tải được các đợt mã: {message}',
  'selfFill.list.reload': 'Tải lại',
  'selfFill.list.help':
    'Đã mở: số mã đã được mở trên điện thoại ít nhất một lần. Đã gửi: số phiếu đã gửi bằng mã (được tính vào chỉ tiêu). Thu hồi: số mã chưa gửi khi đợt bị thu hồi.',
  'selfFill.batch.name': 'Đợt mã phát lúc {at}',
  'selfFill.batch.by': 'Người phát: {name}',
  'selfFill.batch.note': 'Ghi chú: {note}',
  'selfFill.batch.counts': '{issued} mã · đã mở {opened} · đã gửi {submitted} · thu hồi {revoked}',
  'selfFill.batch.active': 'Đang dùng, đến hết ngày {lastDay}',
  'selfFill.batch.expired': 'Hết hạn ngày {lastDay}',
  'selfFill.batch.revoked': 'Đã thu hồi lúc {at}',
  'selfFill.revoke': 'Thu hồi',
  'selfFill.revoke.name': 'Thu hồi đợt mã phát lúc {at}',
  'selfFill.revoke.question':
    'Thu hồi đợt mã phát lúc {at}? {unused} mã chưa gửi sẽ không dùng được nữa; {submitted} phiếu đã gửi vẫn được giữ và tính.',
  'selfFill.revoke.confirm': 'Thu hồi đợt mã',
  'selfFill.revoke.done': 'Đã thu hồi đợt mã phát lúc {at}: {revoked} mã chưa gửi không còn dùng được.',
  'selfFill.revoke.failed': 'Không thu hồi được đợt mã: {message}',
} as const;

export type SelfFillKey = keyof typeof viSelfFill;
