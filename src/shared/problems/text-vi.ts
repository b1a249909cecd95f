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
    'appraisal.deadline-passed': 'Đã quá hạn thẩm định (đến hết ngày {deadline}). Liên hệ Sở Nội vụ.',
    'appraisal.explanation-deadline-passed': 'Đã quá hạn giải trình (đến hết ngày {deadline}). Liên hệ Hội đồng thẩm định hoặc Sở Nội vụ.',
    'appraisal.deadline-before-today': 'Hạn giải trình phải từ hôm nay trở đi.',
    'results.deadline-passed': 'Đã quá hạn công bố (đến hết ngày {deadline}). Đổi hạn trong Quản trị → Kỳ đánh giá, hoặc chọn "vẫn công bố và ghi quá hạn".',
    'results.not-appraised': 'Chưa công bố được: còn {count} đơn vị chưa kết thúc thẩm định ({units}…).',
    'results.reason-needed': 'Đây là bản đính chính: hãy ghi lý do công bố lại.',
    'results.not-published': 'Kết quả của kỳ đánh giá này chưa được công bố.',
    'upload.invalid': 'Dữ liệu tải lên không trọn vẹn hoặc sai định dạng multipart/form-data (thiếu hoặc sai "boundary", nội dung bị cắt). Hãy tải lên lại.',
    'upload.evidence-not-multipart': 'Hãy gửi tệp dạng multipart/form-data (mỗi tệp một phần, kèm trường "attachTo" nếu muốn gắn ngay vào một tiêu chí thành phần).',
    'upload.evidence-too-many-files': 'Mỗi lần tải lên tối đa {max} tệp. Hãy chia thành nhiều lần.',
    'upload.evidence-too-many-parts': 'Yêu cầu có quá nhiều trường: chỉ gửi các tệp (tối đa {max}) và trường "attachTo" nếu cần.',
    'upload.sheet-not-multipart': 'Hãy gửi tệp dạng multipart/form-data, trong trường "file".',
    'upload.sheet-one-file': 'Mỗi lần chỉ gửi một tệp bảng tính (trường "file").',
    'upload.sheet-too-large': 'Tệp lớn hơn {mb} MB. Một bảng tài khoản chỉ cần vài trăm KB: bỏ các trang tính, hình ảnh không cần thiết hoặc chia thành nhiều tệp.',
    'signed-report.read-forbidden':
      'Tài khoản của bạn không có quyền xem hoặc làm báo cáo tự đánh giá đã ký của đơn vị (chỉ đầu mối của đơn vị, Sở Nội vụ, Chủ tịch và thành viên Hội đồng thẩm định toàn bộ đơn vị).',
    'signed-report.not-found': 'Không tìm thấy báo cáo tự đánh giá đã ký của {unit}: đơn vị chưa tải lên.',
    'signed-report.upload-forbidden': 'Tài khoản của bạn không có quyền xem hoặc làm việc tải lên báo cáo tự đánh giá đã ký (chỉ đầu mối của đơn vị, trước khi gửi).',
    'signed-report.submitted': 'Bản tự đánh giá đã gửi Hội đồng thẩm định nên không thay được báo cáo đã ký nữa.',
    'signed-report.unknown-field': 'Trường "{field}" không được dùng: chỉ gửi một tệp PDF (báo cáo đã ký).',
    'signed-report.one-file-only': 'Chỉ gửi một tệp: báo cáo tự đánh giá đã ký, đóng dấu (PDF).',
    'signed-report.invalid-file-name':
      'Tên tệp không dùng được: tên phải có, dài tối đa {max} ký tự, không chứa đường dẫn thư mục ("/", "\\", "." hay "..") và không có ký tự điều khiển hay ký tự đảo chiều hiển thị. Hãy đặt lại tên tệp rồi tải lên lại.',
    'signed-report.file-too-large':
      'Tệp lớn hơn {max}, giới hạn của báo cáo đã ký. Hãy quét lại ở độ phân giải thấp hơn (150–200 dpi, đen trắng hoặc thang xám) rồi tải lên lại.',
    'signed-report.empty-file': 'Tệp rỗng (0 byte). Hãy kiểm tra lại tệp rồi tải lên lại.',
    'signed-report.not-pdf':
      'Báo cáo đã ký phải là tệp PDF (nội dung tệp này không phải PDF, dù tên có đuôi gì). Hãy quét bản có chữ ký, đóng dấu thành PDF, hoặc xuất/in ra PDF, rồi tải lên lại.',
    'signed-report.no-file': 'Chưa có tệp: hãy chọn bản PDF của báo cáo tự đánh giá đã ký, đóng dấu.',
    'signed-report.unchanged':
      'Báo cáo đã ký này (cùng nội dung) đã được tải lên lúc {at} ({by}) với tên "{name}": không có gì thay đổi. Muốn thay, hãy chọn bản PDF khác.',
    'signed-report.missing':
      'Chưa gửi được: chưa có Báo cáo tự đánh giá đã ký, đóng dấu. Hãy in báo cáo, trình lãnh đạo ký, đóng dấu, quét thành PDF và tải lên ở trang "Rà soát & gửi", rồi gửi lại.',
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
