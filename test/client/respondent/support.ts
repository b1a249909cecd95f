import { vi } from 'vitest';
import type { RespondentForm, RespondentSubmit } from '../../../src/shared/api/self-fill';

/**
 * The respondent page's tests (issue 19): a small questionnaire with skip logic, and a stubbed fetch that answers
 * GET /api/p/:code and POST /api/p/:code/submit as the contract says (src/shared/api/self-fill.ts). The real server is
 * exercised in test/e2e/respondent.test.ts.
 */

export const CODE = 'ACDEFGHJKMNP';
export const LINK = '/p/ACDE-FGHJ-KMNP';

export const QUESTIONNAIRE = {
  id: 'phieu-thu',
  version: 2,
  title: 'Phiếu số 03: Người dân có giao dịch với sở',
  groups: ['so-nguoi-dan'],
  intro: 'Đề nghị ông (bà) cho biết ý kiến về kết quả cải cách hành chính của sở.',
  notice: 'Phiếu không ghi tên người trả lời.',
  sections: [
    {
      id: 'thong-tin',
      title: 'Phần I – Thông tin người trả lời',
      questions: [
        {
          code: 'P1',
          kind: 'single-choice',
          text: 'Giới tính',
          required: true,
          choices: [
            { code: 'nam', label: 'Nam' },
            { code: 'nu', label: 'Nữ' },
          ],
        },
        { code: 'P2', kind: 'number', text: 'Số lần giao dịch trong năm', required: false, integer: true, min: 0, max: 99 },
      ],
    },
    {
      id: 'danh-gia',
      title: 'Phần II – Đánh giá',
      questions: [
        {
          code: 'Q1',
          kind: 'yes-no',
          text: 'Hồ sơ có được trả kết quả đúng hẹn không?',
          required: true,
          choices: [
            { code: 'yes', label: 'Có' },
            { code: 'no', label: 'Không' },
          ],
        },
        {
          code: 'Q2',
          kind: 'yes-no',
          text: 'Ông/bà có nhận được thư xin lỗi không?',
          required: true,
          visibleIf: { question: 'Q1', equals: 'no' },
          choices: [
            { code: 'yes', label: 'Đã nhận' },
            { code: 'no', label: 'Chưa nhận' },
          ],
        },
        {
          code: 'Q3',
          kind: 'rating',
          text: 'Mức độ hài lòng chung',
          required: true,
          choices: [
            { code: 'rat-hai-long', label: 'Rất hài lòng' },
            { code: 'hai-long', label: 'Hài lòng' },
            { code: 'khong-hai-long', label: 'Không hài lòng' },
          ],
        },
      ],
    },
  ],
};

export const FORM: RespondentForm = {
  campaign: { id: 'quang-binh-2021', name: 'Chỉ số CCHC tỉnh Quảng Bình năm 2021' },
  unit: { id: 'so-tu-phap', name: 'Sở Tư pháp' },
  group: { id: 'so-nguoi-dan', name: 'Người dân, doanh nghiệp có giao dịch' },
  lastDay: '2021-12-30',
  questionnaire: QUESTIONNAIRE,
};

export interface Call {
  method: string;
  url: string;
  body?: RespondentSubmit;
  headers: Record<string, string>;
}

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'network';

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({ status, body, headers });
export const problem = (status: number, error: string, message: string, extra: Record<string, unknown> = {}): Reply =>
  json(status, { error, message, ...extra });

/**
 * A stubbed fetch. `form` and `submit` answer each request in turn (the last one again when the list runs out).
 * The default: the form, and `accepted`.
 */
export function stubServer(opts: { form?: Reply[]; submit?: Reply[] } = {}) {
  const calls: Call[] = [];
  const form = [...(opts.form ?? [json(200, FORM)])];
  const submit = [...(opts.submit ?? [json(200, { status: 'accepted' })])];
  const next = (list: Reply[]) => (list.length > 1 ? list.shift() : list[0]) ?? 'network';
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const method = init.method ?? 'GET';
    const headers = { ...(init.headers as Record<string, string>) };
    calls.push({ method, url, headers, ...(init.body ? { body: JSON.parse(String(init.body)) as RespondentSubmit } : {}) });
    const reply = method === 'POST' ? next(submit) : next(form);
    if (reply === 'network') throw new TypeError('Failed to fetch');
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': 'application/json', ...reply.headers },
    });
  });
  vi.stubGlobal('fetch', fetch);
  return {
    calls,
    posts: () => calls.filter((c) => c.method === 'POST'),
    gets: () => calls.filter((c) => c.method === 'GET'),
    /** What the following requests answer from now on. */
    answerForm: (...replies: Reply[]) => form.splice(0, form.length, ...replies),
    answerSubmit: (...replies: Reply[]) => submit.splice(0, submit.length, ...replies),
  };
}

/** The draft the page keeps for CODE, as stored. */
export function storedDraft(): Record<string, unknown> | null {
  const raw = localStorage.getItem(`phieu.p.${CODE}`);
  return raw === null ? null : (JSON.parse(raw) as Record<string, unknown>);
}
