/**
 * What the account import says about a sheet, in Vietnamese: its row problems, its warnings and its summary.
 * "{name}" takes a parameter. sheet-text-en.ts says the same in English, under the same keys.
 */
export const SHEET_TEXT_VI = {
  noHeader: 'Không thấy dòng tiêu đề: bảng cần các cột {columns} (hoặc tiếng Anh: username, display_name, role)',
  duplicateColumn: 'Cột "{header}" trùng nghĩa với cột "{first}": chỉ giữ một cột',
  missingColumn: 'Thiếu cột "{header}" ({english})',
  unusedColumn: 'Cột "{column}" không được dùng và sẽ bị bỏ qua',
  noRows: 'Bảng không có dòng tài khoản nào dưới dòng tiêu đề',
  assignmentFormat: '"{item}" phải có dạng đơn vị:đối tượng hoặc đơn vị:đối tượng:số phiếu',
  assignmentAllocation: 'Số phiếu phân bổ trong "{item}" phải là số nguyên từ 0 đến {max}',
  assignmentRepeated: 'Phân công {key} lặp lại trong cùng dòng',
  assignmentsNotSurveyor: 'Chỉ điều tra viên được phân công: để trống cột này',
  overTarget: '{unit} × {group}: tổng phân bổ {allocated} phiếu vượt chỉ tiêu {target} phiếu',
  unitAmbiguous: '"{text}" khớp nhiều đơn vị: dùng mã đơn vị ({ids})',
  unitUnknown: 'Kỳ đánh giá không có đơn vị "{text}"',
  groupAmbiguous: '"{text}" khớp nhiều đối tượng: dùng mã đối tượng ({ids})',
  groupUnknown: 'Kỳ đánh giá không có đối tượng khảo sát "{text}"',
  groupLevel: 'Đối tượng "{group}" không đánh giá cấp của đơn vị "{unit}"',
  appraisesFormat: '"{item}" phải có dạng cấp:lĩnh vực hoặc đơn vị:mã đơn vị',
  unitNotAppraised: 'Đơn vị "{unit}" không thuộc cấp được đánh giá bằng bộ chỉ số',
  levelUnknown: 'Không có cấp "{level}" được đánh giá bằng bộ chỉ số (dùng {levels})',
  fieldUnknown: 'Bộ chỉ số {framework} không có lĩnh vực "{code}"',
  usernameMissing: 'Thiếu tên đăng nhập',
  usernameTaken: 'Tên đăng nhập "{name}" đã có trên máy chủ',
  usernameRepeated: 'Tên đăng nhập "{name}" trùng với dòng {row}',
  roleMissing: 'Thiếu vai trò',
  roleUnknown: 'Không hiểu vai trò "{text}": dùng {labels} (hoặc mã admin, coordinator, surveyor, council, staff)',
  councilNotCouncil: 'Chỉ tài khoản Hội đồng thẩm định có các cột Hội đồng, Cơ quan, Thẩm định: để trống các cột này',
  councilPositionMissing: 'Ghi chức vụ trong Hội đồng: Chủ tịch, Thư ký hoặc Thành viên',
  councilPositionUnknown: 'Không hiểu chức vụ "{text}": dùng Chủ tịch, Thư ký hoặc Thành viên',
  councilOrganisationMissing: 'Ghi cơ quan của thành viên Hội đồng',
  councilOrganisationLong: 'Tên cơ quan tối đa 200 ký tự',
  refused: '{count} lỗi trong bảng. Sửa các dòng được nêu rồi tải lên lại.',
  refusedNothingCreated: '{count} lỗi trong bảng: chưa tạo tài khoản nào. Sửa các dòng được nêu rồi tải lên lại.',
  dryRunValid: 'Bảng hợp lệ: {count} tài khoản sẵn sàng để tạo. Đây là chạy thử, chưa ghi gì.',
  created: 'Đã tạo {count} tài khoản.',
  createdWithPasswords: 'Đã tạo {count} tài khoản; {generated} mật khẩu tự tạo chỉ hiện một lần này, hãy lưu lại và trao tận tay.',
  noTarget: '{unit} × {group} không có chỉ tiêu trong kỳ đánh giá này.',
  accountDisabled: 'Tài khoản "{account}" đang bị khoá: điều tra viên chưa thể đăng nhập để thu phiếu.',
  unassignedKept:
    'Đã bỏ phân công. {kept} phiếu "{surveyor}" đã gửi cho ô này vẫn được giữ nguyên và vẫn tính vào tiến độ; phiếu còn trên máy chưa đồng bộ cho ô này sẽ bị từ chối.',
  unassigned: 'Đã bỏ phân công. Phiếu còn trên máy điều tra viên chưa đồng bộ cho ô này sẽ bị từ chối.',
  cellOverTarget: '{unit} × {group}: tổng phân bổ {allocated} phiếu vượt chỉ tiêu {target} phiếu.',
} as const;

export type SheetTextKey = keyof typeof SHEET_TEXT_VI;
