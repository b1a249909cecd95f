import { fillTemplate } from '../../shared/problems/template';
import type { AnswerIssueKey } from '../../shared/questionnaire/validation';

/**
 * The respondent page's words (issue 19): Vietnamese first, English when the browser asks for it. Its own small
 * catalogue, not the surveyor's (src/client/i18n), so the page downloads only the sentences it shows.
 */

const vi = {
  'page.title': 'Phiếu khảo sát',
  'lang.switch': 'English',
  'lang.switchLabel': 'Switch to English',
  loading: 'Đang tải phiếu…',
  'intro.anonymous': 'Phiếu khảo sát ẩn danh',
  'intro.anonymousNote': 'Phiếu không hỏi tên và không lưu thông tin nào cho biết ông/bà là ai.',
  'intro.unit': 'Đơn vị được đánh giá',
  'intro.group': 'Đối tượng trả lời',
  'intro.lastDay': 'Hạn trả lời',
  'intro.lastDayValue': 'hết ngày {date}',
  'intro.kept':
    'Câu trả lời được lưu ngay trên máy này khi ông/bà chọn hoặc nhập. Nếu phải dừng, có thể đóng trang rồi mở lại đường link để điền tiếp.',
  'fill.section': 'Phần {n}/{total}',
  'fill.progress': 'Đã trả lời {answered}/{visible} câu',
  'fill.optional': '(không bắt buộc)',
  'fill.next': 'Tiếp',
  'fill.back': 'Quay lại',
  'fill.review': 'Xem lại',
  'fill.backToReview': 'Về trang xem lại',
  'fill.sectionMissing': 'Phần này còn {n} câu bắt buộc chưa trả lời',
  'fill.sectionInvalid': 'Phần này còn {n} câu trả lời chưa hợp lệ',
  'fill.sectionBoth': 'Phần này còn {missing} câu bắt buộc chưa trả lời và {invalid} câu chưa hợp lệ',
  'fill.offlineForm': 'Đang không có mạng: phiếu được mở từ bản lưu trên máy. Câu trả lời vẫn được lưu và sẽ được gửi khi có mạng.',
  'review.title': 'Xem lại trước khi gửi',
  'review.missing': 'Còn {n} câu bắt buộc chưa trả lời',
  'review.invalid': 'Còn {n} câu trả lời chưa hợp lệ',
  'review.notAnswered': 'Chưa trả lời',
  'review.edit': 'Sửa',
  'review.editQuestion': 'Sửa: {question}',
  'review.submit': 'Gửi phiếu',
  'review.submitNote': 'Sau khi gửi, phiếu không sửa được nữa và mã phiếu không dùng lại được.',
  'send.sending': 'Đang gửi phiếu…',
  'send.offline': 'Chưa gửi được vì mất mạng; phiếu được giữ trên máy và sẽ tự gửi khi có mạng.',
  'send.server': 'Máy chủ chưa nhận được phiếu; phiếu được giữ trên máy và sẽ tự gửi lại.',
  'send.nextTry': 'Lần thử tiếp theo sau khoảng {seconds} giây.',
  'send.keepOpen': 'Xin để trang này mở. Nếu đóng trang, hãy mở lại đường link khi có mạng: phiếu sẽ được gửi tiếp.',
  'send.retryNow': 'Thử gửi lại ngay',
  'send.refused': 'Máy chủ không nhận phiếu: {message}',
  'done.title': 'Xin cảm ơn!',
  'done.text': 'Phiếu của ông/bà đã được gửi. Xin cảm ơn ông/bà đã dành thời gian tham gia khảo sát.',
  'done.close': 'Ông/bà có thể đóng trang này.',
  'closed.spent': 'Mã này đã được sử dụng',
  'closed.other': 'Mã này không còn dùng được',
  'code.title': 'Nhập mã phiếu',
  'code.help': 'Mã gồm 12 chữ và số, in trên phiếu giấy ông/bà nhận được, ví dụ ACDE-FGHJ-KMNP.',
  'code.label': 'Mã phiếu',
  'code.open': 'Mở phiếu',
  'code.malformed':
    'Mã gồm 12 chữ và số in trên phiếu (ông/bà đã nhập {length} ký tự hợp lệ). Mã không có các ký tự dễ nhầm như O, 0, I, 1, L. Xin kiểm tra lại.',
  'load.offline': 'Không tải được phiếu vì không có mạng. Trang sẽ tự tải lại khi có mạng.',
  'load.server': 'Máy chủ đang bận hoặc gặp lỗi (mã {status}). Xin thử lại sau ít phút.',
  'load.retry': 'Thử lại',
  'load.broken': 'Nội dung phiếu nhận được không đọc được. Xin thử lại sau.',
  'storage.failed':
    'Không lưu được câu trả lời trên máy này ({reason}). Nếu đóng trang, các câu trả lời sẽ mất: xin điền xong và gửi phiếu ngay.',
  'storage.formFailed':
    'Không lưu được bản phiếu trên máy này ({reason}). Các câu trả lời vẫn được lưu, nhưng nếu mở lại trang khi không có mạng thì phiếu sẽ không hiện ra.',
  'storage.quota': 'bộ nhớ của trình duyệt đã đầy',
  'storage.denied': 'trình duyệt không cho lưu, có thể do đang ở chế độ riêng tư',
  'answer.required': 'Câu hỏi bắt buộc: xin trả lời',
  'answer.wrong-type.choice': 'Chọn một phương án',
  'answer.wrong-type.choices': 'Chọn một hoặc nhiều phương án',
  'answer.wrong-type.number': 'Nhập một số',
  'answer.wrong-type.text': 'Nhập nội dung dạng chữ',
  'answer.not-a-choice': '"{value}" không phải là một phương án của câu này',
  'answer.duplicate-choice': 'Một phương án được chọn hai lần',
  'answer.too-few-choices': 'Chọn ít nhất {min} phương án',
  'answer.too-many-choices': 'Chọn nhiều nhất {max} phương án',
  'answer.not-integer': 'Nhập một số nguyên',
  'answer.too-small.number': 'Giá trị nhỏ nhất là {min}',
  'answer.too-large.number': 'Giá trị lớn nhất là {max}',
  'answer.too-long': 'Tối đa {max} ký tự (hiện có {length})',
  'answer.invalid-date': 'Ngày không hợp lệ',
  'answer.too-small.date': 'Ngày sớm nhất là {min}',
  'answer.too-large.date': 'Ngày muộn nhất là {max}',
  'answer.unknown-question': 'Phiếu không có câu hỏi mã "{code}"',
} as const satisfies Record<string, string> & Record<`answer.${AnswerIssueKey}`, string>;

export type TextKey = keyof typeof vi;

const en: Record<TextKey, string> = {
  'page.title': 'Survey questionnaire',
  'lang.switch': 'Tiếng Việt',
  'lang.switchLabel': 'Chuyển sang tiếng Việt',
  loading: 'Loading the questionnaire…',
  'intro.anonymous': 'Anonymous questionnaire',
  'intro.anonymousNote': 'The questionnaire asks for no name and keeps nothing that says who you are.',
  'intro.unit': 'Unit being rated',
  'intro.group': 'Respondent group',
  'intro.lastDay': 'Last day to answer',
  'intro.lastDayValue': '{date}',
  'intro.kept':
    'Your answers are kept on this device as you give them. If you must stop, close the page and open the link again to continue.',
  'fill.section': 'Part {n} of {total}',
  'fill.progress': '{answered} of {visible} questions answered',
  'fill.optional': '(optional)',
  'fill.next': 'Next',
  'fill.back': 'Back',
  'fill.review': 'Review',
  'fill.backToReview': 'Back to the review',
  'fill.sectionMissing': '{n} required questions in this part are not answered yet',
  'fill.sectionInvalid': '{n} answers in this part are not valid yet',
  'fill.sectionBoth': '{missing} required questions in this part are not answered yet and {invalid} answers are not valid',
  'fill.offlineForm':
    'No network: the questionnaire was opened from the copy on this device. Your answers are kept and will be sent when the network is back.',
  'review.title': 'Review before sending',
  'review.missing': '{n} required questions are not answered yet',
  'review.invalid': '{n} answers are not valid yet',
  'review.notAnswered': 'Not answered',
  'review.edit': 'Change',
  'review.editQuestion': 'Change: {question}',
  'review.submit': 'Send the questionnaire',
  'review.submitNote': 'Once sent, the answers cannot be changed and the code cannot be used again.',
  'send.sending': 'Sending…',
  'send.offline':
    'Not sent yet: there is no network. The questionnaire is kept on this device and will be sent by itself when the network is back.',
  'send.server': 'The server has not received the questionnaire yet; it is kept on this device and will be sent again by itself.',
  'send.nextTry': 'Next try in about {seconds} seconds.',
  'send.keepOpen':
    'Please keep this page open. If you close it, open the link again when you have a network: the questionnaire will be sent then.',
  'send.retryNow': 'Try again now',
  'send.refused': 'The server did not accept the questionnaire: {message}',
  'done.title': 'Thank you!',
  'done.text': 'Your questionnaire has been sent. Thank you for taking the time to take part in the survey.',
  'done.close': 'You may close this page.',
  'closed.spent': 'This code has been used',
  'closed.other': 'This code can no longer be used',
  'code.title': 'Enter your code',
  'code.help': 'The code has 12 letters and digits and is printed on the slip you received, e.g. ACDE-FGHJ-KMNP.',
  'code.label': 'Code',
  'code.open': 'Open the questionnaire',
  'code.malformed':
    'A code has 12 letters and digits, as printed on the slip (you entered {length} valid characters). Codes have no look-alike characters such as O, 0, I, 1, L. Please check it.',
  'load.offline': 'The questionnaire could not be loaded: there is no network. The page will load it by itself when the network is back.',
  'load.server': 'The server is busy or ran into an error (code {status}). Please try again in a few minutes.',
  'load.retry': 'Try again',
  'load.broken': 'The questionnaire received could not be read. Please try again later.',
  'storage.failed':
    'Your answers cannot be kept on this device ({reason}). If you close the page they will be lost: please finish and send the questionnaire now.',
  'storage.formFailed':
    'The questionnaire cannot be kept on this device ({reason}). Your answers are kept, but if you open the page again without a network the questionnaire will not show.',
  'storage.quota': 'the browser’s storage is full',
  'storage.denied': 'the browser does not allow it, perhaps in private mode',
  'answer.required': 'Required: please answer this question',
  'answer.wrong-type.choice': 'Choose one option',
  'answer.wrong-type.choices': 'Choose one or more options',
  'answer.wrong-type.number': 'Enter a number',
  'answer.wrong-type.text': 'Enter text',
  'answer.not-a-choice': '"{value}" is not an option of this question',
  'answer.duplicate-choice': 'An option is chosen twice',
  'answer.too-few-choices': 'Choose at least {min} options',
  'answer.too-many-choices': 'Choose at most {max} options',
  'answer.not-integer': 'Enter a whole number',
  'answer.too-small.number': 'The smallest value is {min}',
  'answer.too-large.number': 'The largest value is {max}',
  'answer.too-long': 'At most {max} characters (now {length})',
  'answer.invalid-date': 'Not a valid date',
  'answer.too-small.date': 'The earliest date is {min}',
  'answer.too-large.date': 'The latest date is {max}',
  'answer.unknown-question': 'The questionnaire has no question "{code}"',
};

export type Lang = 'vi' | 'en';
export type Params = Readonly<Record<string, string | number>>;
export type Translate = (key: TextKey, params?: Params) => string;

const CATALOGUES: Record<Lang, Record<TextKey, string>> = { vi, en };

export function translator(lang: Lang): Translate {
  const catalogue = CATALOGUES[lang];
  return (key, params) => fillTemplate(catalogue[key], params);
}

const LANG_KEY = 'phieu.p.lang';

/**
 * The language chosen on this page before; else English when the browser puts English first and reads no Vietnamese
 * at all (the questions themselves are in Vietnamese: a phone set to English that also lists Vietnamese gets
 * Vietnamese); Vietnamese otherwise. A button switches.
 */
export function initialLang(): Lang {
  try {
    const chosen = localStorage.getItem(LANG_KEY);
    if (chosen === 'vi' || chosen === 'en') return chosen;
  } catch {
    // storage unavailable: the browser's preference decides
  }
  const langs = (navigator.languages?.length ? navigator.languages : [navigator.language ?? 'vi']).map((l) => l.toLowerCase());
  if (langs.some((l) => l.startsWith('vi'))) return 'vi';
  return langs[0]?.startsWith('en') ? 'en' : 'vi';
}

/** Remembers the language chosen (best effort: a page that cannot store it just starts in the browser's language). */
export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // not worth a message: the answers' storage reports its own failures
  }
}
