import type { Catalogue } from './problem';

/** The problems in Vietnamese (the default language of every answer). */
export const problemTextVi: Catalogue = {
  problems: {
    'workflow.wrong-state': 'Bản đánh giá đang ở trạng thái "{state}" nên không làm được việc này.',
    'workflow.not-yours': 'Tài khoản của bạn không có quyền làm việc này với bản đánh giá của đơn vị.',
    'workflow.not-reopened': 'Tiêu chí thành phần {code} không thuộc yêu cầu giải trình đang mở nên không sửa được.',
    'workflow.not-appraiser': 'Bạn không được phân công thẩm định tiêu chí thành phần {code} của đơn vị này.',
    'workflow.awaiting-explanation': 'Tiêu chí thành phần {code} đang chờ đơn vị giải trình; hãy thẩm định sau khi đơn vị gửi lại.',
    'workflow.incomplete': 'Chưa gửi được: còn {count} tiêu chí thành phần cần hoàn thiện (xem trang Rà soát).',
    'workflow.unappraised': 'Chưa kết thúc thẩm định được: còn {count} tiêu chí thành phần chưa có điểm thẩm định.',
    'workflow.round-open': 'Đang có yêu cầu giải trình chưa được đơn vị trả lời.',
    'workflow.no-items': 'Hãy chọn ít nhất một tiêu chí thành phần cần giải trình.',
    'workflow.not-appraised-item': '"{code}" không phải tiêu chí thành phần chấm qua thẩm định của bộ chỉ số.',
    'workflow.return-forward': 'Chỉ trả về được một trạng thái trước "{from}" (nháp, đã gửi hoặc đang thẩm định), không phải "{to}".',
    'council.not-council-account': 'Tài khoản "{account}" không phải tài khoản Hội đồng thẩm định (vai trò "Hội đồng thẩm định"): hãy đổi vai trò của tài khoản trước.',
    'council.unknown-level': 'Kỳ đánh giá không có cấp "{level}" được đánh giá bằng bộ chỉ số.',
    'council.unknown-field': 'Bộ chỉ số của cấp "{level}" không có lĩnh vực "{field}".',
    'council.unknown-unit': 'Kỳ đánh giá không có đơn vị "{unit}" được đánh giá bằng bộ chỉ số.',
    'council.not-member': 'Tài khoản "{account}" không có trong Hội đồng thẩm định của kỳ này.',
    'appraisal.conflict': 'Người khác vừa lưu điểm thẩm định tiêu chí {code} (điểm {score}). Xem bản mới nhất rồi nhập lại nếu vẫn cần.',
    'appraisal.invalid-score': 'Điểm thẩm định tiêu chí {code} phải từ 0 đến {max}, theo bước {step}.',
    'appraisal.comment-needed': 'Điểm thẩm định tiêu chí {code} khác điểm tự đánh giá: hãy ghi nhận xét nêu lý do.',
    'appraisal.deadline-passed': 'Đã quá hạn thẩm định ({deadline}). Liên hệ Sở Nội vụ.',
    'appraisal.explanation-deadline-passed': 'Đã quá hạn giải trình ({deadline}). Liên hệ Hội đồng thẩm định hoặc Sở Nội vụ.',
    'appraisal.deadline-before-today': 'Hạn giải trình phải từ hôm nay trở đi.',
  },
  states: {
    draft: 'nháp',
    submitted: 'đã gửi',
    'in-appraisal': 'đang thẩm định',
    'explanation-requested': 'chờ giải trình',
    explained: 'đã giải trình',
    appraised: 'đã thẩm định xong',
    published: 'đã công bố',
  },
};
