import { resultsNavVi } from './nav';

/**
 * Vietnamese strings of Home Affairs' results screen (kết quả Chỉ số CCHC, công bố): a catalogue of its own beside the
 * office one (text.ts), loaded with the office screens only; text-en.ts beside this file has the same keys.
 */
export const resultsVi = {
  ...resultsNavVi,
  'rs.title': 'Kết quả Chỉ số cải cách hành chính năm {year}',
  'rs.subtitle': '{campaign} · {province}',
  'rs.badAnswer': 'Máy chủ trả về dữ liệu kết quả không đúng định dạng. Hãy báo quản trị hệ thống.',

  // The live marker
  'rs.live': 'Chưa công bố',
  'rs.live.text': 'Số liệu tạm tính: tự tính lại khi Hội đồng thẩm định chấm tiếp và khi có thêm phiếu điều tra. Tính lúc {at}.',
  'rs.live.latest': 'Bản đã công bố mới nhất: lần {version}, lúc {at}. Số liệu dưới đây là số liệu hiện tại, có thể khác bản đã công bố.',
  'rs.live.none': 'Chưa công bố bản nào.',
  'rs.recompute': 'Tính lại ngay',
  'rs.recomputing': 'Đang tính lại…',

  // Units still to appraise
  'rs.waiting.title': 'Còn {n} đơn vị chưa kết thúc thẩm định',
  'rs.waiting.help': 'Điểm thẩm định của các đơn vị này còn thay đổi; chỉ công bố được khi mọi đơn vị đã kết thúc thẩm định.',
  'rs.waiting.none': 'Mọi đơn vị đã kết thúc thẩm định.',
  'rs.waiting.item': '{unit} — {state}',

  'rs.state.draft': 'đang tự đánh giá',
  'rs.state.submitted': 'đã gửi, chờ thẩm định',
  'rs.state.in-appraisal': 'đang thẩm định',
  'rs.state.explanation-requested': 'chờ đơn vị giải trình',
  'rs.state.explained': 'đã giải trình, chờ thẩm định lại',
  'rs.state.appraised': 'đã thẩm định xong',
  'rs.state.published': 'đã công bố',

  // The rules in words
  'rs.rules.title': 'Cách tính',
  'rs.rules.bands': 'Xếp loại: {bands}.',
  'rs.rules.band': '{name} từ {min}',
  'rs.rules.tieBreak': 'Bằng chỉ số thì xét lần lượt: {keys}; vẫn bằng nhau thì cùng hạng.',
  'rs.rules.survey':
    'Điểm điều tra xã hội học: mỗi nhóm đối tượng cần ít nhất {min} câu trả lời hợp lệ cho một câu hỏi thì câu đó mới được tính; tiêu chí không có câu trả lời hợp lệ nào thì {policy}.',
  'rs.tie.appraised-points': 'điểm thẩm định cao hơn',
  'rs.tie.survey-points': 'điểm điều tra xã hội học cao hơn',
  'rs.policy.level-minimum': 'lấy tỉ lệ thấp nhất của các đơn vị cùng cấp có dữ liệu',
  'rs.policy.level-average': 'lấy tỉ lệ trung bình của các đơn vị cùng cấp có dữ liệu',
  'rs.policy.zero': 'được 0 điểm',
  'rs.policy.rescale': 'không tính vào điểm tối đa của đơn vị',

  // The ranking
  'rs.level.caption': 'Xếp hạng {level} ({n} đơn vị)',
  'rs.col.rank': 'Hạng',
  'rs.col.unit': 'Đơn vị',
  'rs.col.appraised': 'Điểm thẩm định',
  'rs.col.survey': 'Điểm điều tra XHH',
  'rs.col.index': 'Chỉ số (%)',
  'rs.col.band': 'Xếp loại',
  'rs.col.change': 'So với tự đánh giá',
  'rs.outOf': '{value}/{max}',
  'rs.percent': '{n} %',
  'rs.openUnit': 'xem chi tiết',
  'rs.openSurvey': 'xem cách tính điểm điều tra',
  'rs.change.up': 'lên {n} hạng so với xếp hạng theo điểm tự đánh giá (hạng {selfRank})',
  'rs.change.down': 'xuống {n} hạng so với xếp hạng theo điểm tự đánh giá (hạng {selfRank})',
  'rs.change.same': 'giữ nguyên hạng so với xếp hạng theo điểm tự đánh giá',
  'rs.change.legend':
    '▲ lên hạng, ▼ xuống hạng so với thứ hạng đơn vị có được nếu giữ nguyên điểm tự đánh giá của mình (điểm điều tra không đổi). ⚠ có điểm điều tra dựa trên quá ít câu trả lời.',
  'rs.caveatMark': 'có điểm điều tra dựa trên quá ít câu trả lời',
  'rs.unappraisedMark': '{n} tiêu chí thành phần chưa chấm (tạm tính 0 điểm)',

  // A unit's breakdown
  'rs.unit.title': 'Chi tiết — {unit}',
  'rs.unit.close': 'Đóng chi tiết',
  'rs.unit.summary': 'Hạng {rank}/{n} {level} · chỉ số {percent} · xếp loại {band} · {state}',
  'rs.unit.self': 'Tự đánh giá (phần thẩm định)',
  'rs.unit.appraised': 'Thẩm định',
  'rs.unit.survey': 'Điều tra xã hội học',
  'rs.unit.total': 'Tổng điểm',
  'rs.unit.unappraised': 'Chưa chấm {n} tiêu chí thành phần (tạm tính 0 điểm): {codes}.',
  'rs.fields.title': 'Điểm theo lĩnh vực',
  'rs.fields.caption': 'Điểm theo lĩnh vực — {unit}',
  'rs.fields.col.field': 'Lĩnh vực',
  'rs.fields.col.self': 'Tự đánh giá',
  'rs.fields.col.appraised': 'Thẩm định',
  'rs.fields.col.appraisedMax': 'Tối đa (thẩm định)',
  'rs.fields.col.survey': 'Điều tra XHH',
  'rs.fields.col.surveyMax': 'Tối đa (điều tra)',
  'rs.fields.total': 'Cộng',
  'rs.chart.label':
    'Biểu đồ điểm theo lĩnh vực của {unit}: tự đánh giá, thẩm định và điều tra xã hội học so với điểm tối đa. Bảng bên cạnh có cùng số liệu.',
  'rs.chart.legend': 'Mỗi thanh là tỉ lệ điểm đạt trên điểm tối đa của phần đó.',
  'rs.items.title': 'Điểm từng tiêu chí thành phần',
  'rs.items.caption': 'Tiêu chí thành phần — {unit}',
  'rs.items.col.code': 'Mã',
  'rs.items.col.title': 'Tiêu chí thành phần',
  'rs.items.col.method': 'Cách chấm',
  'rs.items.col.max': 'Tối đa',
  'rs.items.method.appraised': 'Thẩm định',
  'rs.items.method.survey': 'Điều tra XHH',
  'rs.items.notScored': 'chưa chấm',
  'rs.items.leftOut': 'không tính',
  'rs.items.none': '—',

  // Survey caveats
  'rs.caveats.title': 'Điểm điều tra dựa trên quá ít câu trả lời',
  'rs.caveat.computed': '{code} {title}: tính từ câu trả lời của các nhóm đối tượng còn lại.',
  'rs.caveat.level-minimum':
    '{code} {title}: không có câu trả lời hợp lệ nào được tính, nên lấy tỉ lệ thấp nhất của các đơn vị cùng cấp có dữ liệu.',
  'rs.caveat.level-average':
    '{code} {title}: không có câu trả lời hợp lệ nào được tính, nên lấy tỉ lệ trung bình của các đơn vị cùng cấp có dữ liệu.',
  'rs.caveat.zero': '{code} {title}: không có câu trả lời hợp lệ nào được tính, nên được 0 điểm.',
  'rs.caveat.rescaled':
    '{code} {title}: không có câu trả lời hợp lệ nào được tính, nên không tính vào điểm tối đa; chỉ số tính trên phần điểm còn lại.',
  'rs.caveat.thin': 'Nhóm đối tượng bị bỏ qua vì dưới {min} câu trả lời hợp lệ: {groups}.',
  'rs.caveat.open': 'Xem cách tính {code}',

  // The survey drill-down
  'rs.drill.title': 'Cách tính điểm điều tra XHH — {unit}',
  'rs.drill.close': 'Đóng cách tính',
  'rs.drill.intro':
    'Mỗi câu hỏi: hệ số bình quân = tổng hệ số các câu trả lời hợp lệ / số câu trả lời hợp lệ ("không biết, không trả lời" không tính vào cả hai). Câu hỏi có dưới {min} câu trả lời hợp lệ của một nhóm thì không dùng cho nhóm đó. Tỉ lệ của nhóm = bình quân các câu hỏi theo trọng số câu hỏi; các nhóm gộp theo trọng số nhóm; điểm = điểm tối đa × tỉ lệ.',
  'rs.drill.responses': 'Phiếu đã tính: {list}.',
  'rs.drill.noResponses': 'Chưa có phiếu nào được tính cho đơn vị này.',
  'rs.drill.responsesItem': '{group}: {n}',
  'rs.drill.sub': '{code} {title}: {points} điểm',
  'rs.drill.subLeftOut': '{code} {title}: không tính (tối đa {max} điểm được bỏ khỏi điểm tối đa)',
  'rs.drill.rule.computed': 'Tỉ lệ = {formula} = {ratio}; điểm = {max} × {ratio} = {points}.',
  'rs.drill.rule.level-minimum':
    'Không nhóm nào đủ câu trả lời hợp lệ: lấy tỉ lệ thấp nhất của các đơn vị cùng cấp có dữ liệu, {ratio}; điểm = {max} × {ratio} = {points}.',
  'rs.drill.rule.level-average':
    'Không nhóm nào đủ câu trả lời hợp lệ: lấy tỉ lệ trung bình của các đơn vị cùng cấp có dữ liệu, {ratio}; điểm = {max} × {ratio} = {points}.',
  'rs.drill.rule.zero': 'Không nhóm nào đủ câu trả lời hợp lệ: 0 điểm.',
  'rs.drill.rule.rescaled': 'Không nhóm nào đủ câu trả lời hợp lệ: tiêu chí này không tính, điểm tối đa của đơn vị bớt {max} điểm.',
  'rs.drill.groups.caption': 'Nhóm đối tượng — {code}',
  'rs.drill.col.group': 'Đối tượng',
  'rs.drill.col.weight': 'Trọng số',
  'rs.drill.col.valid': 'Câu trả lời hợp lệ',
  'rs.drill.col.mean': 'Hệ số bình quân',
  'rs.drill.col.counted': 'Tính vào điểm',
  'rs.drill.counted': 'Có',
  'rs.drill.omitted.below-minimum': 'Không — dưới {min} câu trả lời hợp lệ',
  'rs.drill.omitted.not-asked': 'Không — nhóm này không được hỏi về tiêu chí này',
  'rs.drill.omitted.no-weight': 'Không — trọng số bằng 0',
  'rs.drill.questions': 'Từng câu hỏi — {group}',
  'rs.drill.questions.caption': 'Câu hỏi của nhóm {group} — {code}',
  'rs.drill.q.question': 'Câu hỏi',
  'rs.drill.q.weight': 'Trọng số',
  'rs.drill.q.valid': 'Hợp lệ',
  'rs.drill.q.excluded': 'Không biết / không trả lời',
  'rs.drill.q.missing': 'Bỏ trống',
  'rs.drill.q.sum': 'Tổng hệ số',
  'rs.drill.q.mean': 'Bình quân',
  'rs.drill.q.used': 'Dùng',
  'rs.drill.q.choices': 'Các lựa chọn',
  'rs.drill.q.yes': 'Có',
  'rs.drill.q.no': 'Không',
  'rs.drill.q.noAnswers': 'không có',
  'rs.drill.choice': '{choice}{coefficient}: {n}',
  'rs.drill.coefficient': ' (hệ số {value})',
  'rs.drill.excludedChoice': ' (không tính)',

  // Publication
  'rs.publish.title': 'Công bố kết quả',
  'rs.publish.deadline': 'Hạn công bố: đến hết ngày {date}.',
  'rs.publish.intro':
    'Công bố đóng băng toàn bộ số liệu hiện tại thành một bản có số thứ tự và ngày giờ, xem được công khai trên trang kết quả.',
  'rs.publish.waiting': 'Còn {n} đơn vị chưa kết thúc thẩm định: máy chủ sẽ chưa cho công bố.',
  'rs.publish.button': 'Công bố kết quả',
  'rs.publish.correction': 'Công bố bản đính chính',
  'rs.publish.reason': 'Lý do công bố lại (bắt buộc với bản đính chính)',
  'rs.publish.reasonHelp':
    'Ví dụ: bổ sung phiếu điều tra của một đơn vị, sửa điểm thẩm định sau khi đơn vị giải trình. Lý do được ghi trên trang công khai.',
  'rs.publish.confirmTitle': 'Công bố kết quả lần {version}?',
  'rs.publish.confirmText':
    'Toàn bộ số liệu hiện tại — xếp hạng, chỉ số, điểm của từng đơn vị theo lĩnh vực và tiêu chí thành phần — sẽ được đóng băng thành bản công bố lần {version}. Ai cũng xem được bản này mà không cần đăng nhập; bản này không bao giờ thay đổi nữa, kể cả khi có thêm phiếu hay điểm thẩm định. Muốn sửa phải công bố bản đính chính mới, có ghi lý do.',
  'rs.publish.confirm': 'Công bố lần {version}',
  'rs.publish.cancel': 'Huỷ',
  'rs.publish.sending': 'Đang công bố…',
  'rs.publish.done': 'Đã công bố kết quả lần {version} lúc {at}.',
  'rs.publish.doneLate': 'Đã công bố kết quả lần {version} lúc {at} (sau hạn công bố, đã ghi là quá hạn).',

  // The published versions
  'rs.versions.title': 'Các bản đã công bố',
  'rs.versions.none': 'Chưa công bố bản nào.',
  'rs.versions.caption': 'Các bản đã công bố ({n})',
  'rs.versions.col.version': 'Lần',
  'rs.versions.col.at': 'Thời điểm',
  'rs.versions.col.by': 'Người công bố',
  'rs.versions.col.reason': 'Lý do đính chính',
  'rs.versions.col.late': 'Hạn',
  'rs.versions.col.sha': 'SHA-256',
  'rs.versions.col.links': 'Xem và tải',
  'rs.versions.first': '(bản đầu tiên)',
  'rs.versions.late': 'Quá hạn',
  'rs.versions.onTime': 'Đúng hạn',
  'rs.versions.sha': 'Mã băm SHA-256 đầy đủ: {sha}',
  'rs.versions.public': 'Trang công khai',
  'rs.versions.xlsx': 'Tải XLSX',
  'rs.versions.report': 'Báo cáo in (A4)',
  'rs.versions.ofVersion': 'lần {version}',
  'rs.versions.newTab': ' (mở thẻ mới)',
} as const;

export type ResultsKey = keyof typeof resultsVi;
