import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RespondentApp } from '../../../src/client/respondent/RespondentApp';
import { CODE, FORM, LINK, json, problem, storedDraft, stubServer } from './support';

/**
 * The respondent's page (issue 19) in jsdom against a stubbed fetch: the draft kept in localStorage as answers are
 * given and resumed, the shared engine's skip logic and validation, the one submission kept and sent again when the
 * network returns, and the server's refusals worded politely.
 */

let spies: { mockRestore(): void }[] = [];
beforeEach(() => {
  spies = [
    // A phone set to Vietnamese (jsdom's navigator says en-US).
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['vi-VN', 'vi']),
    vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined), // jsdom does not implement it
  ];
  localStorage.clear();
  window.history.replaceState(null, '', LINK);
});
afterEach(() => {
  for (const spy of spies) spy.mockRestore();
  vi.unstubAllGlobals();
  localStorage.clear();
  window.history.replaceState(null, '', '/');
});

const group = (name: string | RegExp) => screen.getByRole('group', { name });
const choose = (question: string, choice: string) => fireEvent.click(within(group(question)).getByRole('radio', { name: choice }));
const button = (name: string | RegExp) => screen.getByRole('button', { name });
const section = (title: string) => screen.findByRole('heading', { level: 2, name: title });
const PART_I = 'Phần I – Thông tin người trả lời';
const PART_II = 'Phần II – Đánh giá';

/** From the first section to the review, every required answer given (Q1 "Có", so Q2 stays hidden). */
async function fillToReview(): Promise<void> {
  await section(PART_I);
  choose('Giới tính', 'Nữ');
  fireEvent.click(button('Tiếp'));
  await section(PART_II);
  choose('Hồ sơ có được trả kết quả đúng hẹn không?', 'Có');
  choose('Mức độ hài lòng chung', 'Hài lòng');
  fireEvent.click(button('Xem lại'));
  await screen.findByRole('heading', { level: 2, name: 'Xem lại trước khi gửi' });
}

describe('the respondent page: opening and answering', () => {
  it('shows the intro (anonymous, the unit, the group, the last day) above the first section, in Vietnamese', async () => {
    const server = stubServer();
    render(<RespondentApp />);
    await section(PART_I);
    expect(server.gets().map((c) => c.url)).toEqual([`/api/p/${CODE}`]);
    expect(server.gets()[0]?.headers['accept-language']).toBe('vi');
    expect(screen.getByText('Phiếu khảo sát ẩn danh')).toBeTruthy();
    expect(screen.getByText('Sở Tư pháp')).toBeTruthy();
    expect(screen.getByText('Người dân, doanh nghiệp có giao dịch')).toBeTruthy();
    expect(screen.getByText('hết ngày 30/12/2021')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Phiếu số 03: Người dân có giao dịch với sở' })).toBeTruthy();
    expect(document.title).toBe('Phiếu khảo sát — Chỉ số CCHC tỉnh Quảng Bình năm 2021');
    expect(document.documentElement.lang).toBe('vi');
  });

  it('keeps every answer in localStorage as it is given, and a page opened again resumes where it was left', async () => {
    stubServer();
    const first = render(<RespondentApp />);
    await section(PART_I);
    choose('Giới tính', 'Nữ');
    expect((storedDraft()?.answers as Record<string, unknown>) ?? {}).toEqual({ P1: 'nu' });
    fireEvent.change(screen.getByLabelText(/^Số lần giao dịch trong năm/), { target: { value: '3' } });
    expect(storedDraft()?.answers).toEqual({ P1: 'nu', P2: 3 });
    const { responseId, secret, startedAt } = storedDraft() as { responseId: string; secret: string; startedAt: string };
    expect(responseId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{22,64}$/);
    fireEvent.click(button('Tiếp'));
    await section(PART_II);
    choose('Hồ sơ có được trả kết quả đúng hẹn không?', 'Không');
    await waitFor(() => expect(storedDraft()?.place).toBe('danh-gia'));
    first.unmount();

    // The tab closed and the link opened again: the same draft, on the same section, with the same answers.
    render(<RespondentApp />);
    await section(PART_II);
    expect(
      (within(group('Hồ sơ có được trả kết quả đúng hẹn không?')).getByRole('radio', { name: 'Không' }) as HTMLInputElement).checked,
    ).toBe(true);
    expect(storedDraft()).toMatchObject({ responseId, secret, startedAt, answers: { P1: 'nu', P2: 3, Q1: 'no' } });
    fireEvent.click(button('Quay lại'));
    await section(PART_I);
    expect((screen.getByLabelText(/^Số lần giao dịch trong năm/) as HTMLInputElement).value).toBe('3');
    expect((within(group('Giới tính')).getByRole('radio', { name: 'Nữ' }) as HTMLInputElement).checked).toBe(true);
  });

  it('hides a question that skip logic hides, and drops its answer from what is sent', async () => {
    const server = stubServer();
    render(<RespondentApp />);
    await section(PART_I);
    choose('Giới tính', 'Nam');
    fireEvent.click(button('Tiếp'));
    await section(PART_II);
    const q2 = 'Ông/bà có nhận được thư xin lỗi không?';
    expect(screen.queryByRole('group', { name: q2 })).toBeNull();
    choose('Hồ sơ có được trả kết quả đúng hẹn không?', 'Không');
    choose(q2, 'Chưa nhận');
    choose('Hồ sơ có được trả kết quả đúng hẹn không?', 'Có');
    expect(screen.queryByRole('group', { name: q2 })).toBeNull();
    choose('Mức độ hài lòng chung', 'Rất hài lòng');
    fireEvent.click(button('Xem lại'));
    await screen.findByRole('heading', { level: 2, name: 'Xem lại trước khi gửi' });
    expect(screen.queryByText(q2)).toBeNull();
    fireEvent.click(button('Gửi phiếu'));
    await screen.findByRole('heading', { level: 1, name: 'Xin cảm ơn!' });
    expect(server.posts()[0]?.body?.answers).toEqual({ P1: 'nam', Q1: 'yes', Q3: 'rat-hai-long' });
  });

  it('does not go past "Tiếp" while a required answer is missing or an answer is not valid', async () => {
    stubServer();
    render(<RespondentApp />);
    await section(PART_I);
    fireEvent.click(button('Tiếp'));
    expect((await screen.findByText('Câu hỏi bắt buộc: xin trả lời')).closest('[data-question]')?.getAttribute('data-question')).toBe('P1');
    expect(screen.getByText('Phần này còn 1 câu bắt buộc chưa trả lời')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: PART_I })).toBeTruthy();

    choose('Giới tính', 'Nữ');
    fireEvent.change(screen.getByLabelText(/^Số lần giao dịch trong năm/), { target: { value: '150' } });
    fireEvent.click(button('Tiếp'));
    expect(await screen.findByText('Giá trị lớn nhất là 99')).toBeTruthy();
    expect(screen.getByText('Phần này còn 1 câu trả lời chưa hợp lệ')).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 2, name: PART_II })).toBeNull();

    fireEvent.change(screen.getByLabelText(/^Số lần giao dịch trong năm/), { target: { value: '' } });
    fireEvent.click(button('Tiếp'));
    await section(PART_II);
  });
});

describe('the respondent page: sending', () => {
  it('keeps the questionnaire when the network is down, says so, and sends it once when the network returns', async () => {
    const server = stubServer({ submit: ['network'] });
    render(<RespondentApp />);
    await fillToReview();
    fireEvent.click(button('Gửi phiếu'));
    expect(await screen.findByText('Chưa gửi được vì mất mạng; phiếu được giữ trên máy và sẽ tự gửi khi có mạng.')).toBeTruthy();
    const kept = storedDraft() as { finishedAt?: string; answers: unknown };
    expect(kept.finishedAt).toBeTruthy();
    expect(kept.answers).toEqual({ P1: 'nu', Q1: 'yes', Q3: 'hai-long' });
    expect(server.posts()).toHaveLength(1);

    server.answerSubmit(json(200, { status: 'accepted' }));
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await screen.findByRole('heading', { level: 1, name: 'Xin cảm ơn!' });
    expect(screen.getByText(/Phiếu của ông\/bà đã được gửi/)).toBeTruthy();
    const [failed, sent] = server.posts();
    expect(server.posts()).toHaveLength(2);
    expect(sent?.url).toBe(`/api/p/${CODE}/submit`);
    // The same content both times: id, secret, the moment "Gửi phiếu" was pressed.
    expect(sent?.body).toEqual(failed?.body);
    expect(sent?.body).toMatchObject({
      responseId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      questionnaireId: 'phieu-thu',
      questionnaireVersion: 2,
      finishedAt: kept.finishedAt,
      answers: { P1: 'nu', Q1: 'yes', Q3: 'hai-long' },
    });
    // The answers leave the device; a marker says it was sent.
    expect(storedDraft()).toMatchObject({ submitted: true });
    expect(storedDraft()?.answers).toBeUndefined();
    expect(localStorage.getItem(`phieu.p.${CODE}.form`)).toBeNull();
    // No retry left behind (the sender's own test follows its timer to the end).
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    expect(server.posts()).toHaveLength(2);
  });

  it('sends again after a reload in the middle of sending, without asking for the form; a "duplicate" is success', async () => {
    const server = stubServer({ submit: ['network'] });
    const first = render(<RespondentApp />);
    await fillToReview();
    fireEvent.click(button('Gửi phiếu'));
    await screen.findByText('Chưa gửi được vì mất mạng; phiếu được giữ trên máy và sẽ tự gửi khi có mạng.');
    first.unmount();
    const body = server.posts()[0]?.body;

    server.answerSubmit(json(200, { status: 'duplicate' }));
    const gets = server.gets().length;
    render(<RespondentApp />);
    await screen.findByRole('heading', { level: 1, name: 'Xin cảm ơn!' });
    expect(server.gets()).toHaveLength(gets);
    expect(server.posts()[1]?.body).toEqual(body);

    cleanup();
    // The link opened once more on this device: the thank-you, and no request at all.
    const calls = server.calls.length;
    render(<RespondentApp />);
    await screen.findByRole('heading', { level: 1, name: 'Xin cảm ơn!' });
    expect(server.calls).toHaveLength(calls);
  });

  it('says politely that the code was used, when the link is opened again after another device sent it', async () => {
    const message = 'Mã này đã được dùng để gửi phiếu. Xin cảm ơn ông/bà đã tham gia khảo sát.';
    stubServer({ form: [problem(410, 'respondent.code-spent', message)] });
    render(<RespondentApp />);
    await screen.findByRole('heading', { level: 1, name: 'Mã này đã được sử dụng' });
    const shown = screen.getByText(message);
    expect(shown.getAttribute('role')).toBe('status');
    expect(shown.className).not.toContain('error');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so politely when another device sent the code first, at submission', async () => {
    const message = 'Mã này đã được dùng để gửi phiếu. Xin cảm ơn ông/bà đã tham gia khảo sát.';
    stubServer({ submit: [problem(410, 'respondent.code-spent', message)] });
    render(<RespondentApp />);
    await fillToReview();
    fireEvent.click(button('Gửi phiếu'));
    await screen.findByRole('heading', { level: 1, name: 'Mã này đã được sử dụng' });
    expect(screen.getByText(message)).toBeTruthy();
  });

  it('shows the answers the server refused (422) on the review page, and sends again once they are changed', async () => {
    const server = stubServer({
      submit: [
        problem(422, 'respondent.invalid-answers', 'Một số câu trả lời chưa hợp lệ; hãy xem lại các câu được đánh dấu.', {
          issues: [{ path: 'answers.Q3', message: 'Lựa chọn không còn trong phiếu' }],
        }),
        json(200, { status: 'accepted' }),
      ],
    });
    render(<RespondentApp />);
    await fillToReview();
    fireEvent.click(button('Gửi phiếu'));
    expect(await screen.findByText('Một số câu trả lời chưa hợp lệ; hãy xem lại các câu được đánh dấu.')).toBeTruthy();
    expect(screen.getByText(/Lựa chọn không còn trong phiếu/)).toBeTruthy();
    expect(storedDraft()?.finishedAt).toBeUndefined();
    fireEvent.click(button('Sửa: Mức độ hài lòng chung'));
    await section(PART_II);
    choose('Mức độ hài lòng chung', 'Rất hài lòng');
    fireEvent.click(button('Về trang xem lại'));
    fireEvent.click(await screen.findByRole('button', { name: 'Gửi phiếu' }));
    await screen.findByRole('heading', { level: 1, name: 'Xin cảm ơn!' });
    expect(server.posts()[1]?.body?.answers).toMatchObject({ Q3: 'rat-hai-long' });
  });

  it('shows a storage failure instead of swallowing it, and still lets the respondent send', async () => {
    const server = stubServer();
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    try {
      render(<RespondentApp />);
      await section(PART_I);
      choose('Giới tính', 'Nữ');
      expect((await screen.findByRole('alert')).textContent).toBe(
        'Không lưu được câu trả lời trên máy này (bộ nhớ của trình duyệt đã đầy). Nếu đóng trang, các câu trả lời sẽ mất: xin điền xong và gửi phiếu ngay.',
      );
      fireEvent.click(button('Tiếp'));
      await section(PART_II);
      choose('Hồ sơ có được trả kết quả đúng hẹn không?', 'Có');
      choose('Mức độ hài lòng chung', 'Hài lòng');
      fireEvent.click(button('Xem lại'));
      fireEvent.click(await screen.findByRole('button', { name: 'Gửi phiếu' }));
      await screen.findByRole('heading', { level: 1, name: 'Xin cảm ơn!' });
      expect(server.posts()[0]?.body?.answers).toEqual({ P1: 'nu', Q1: 'yes', Q3: 'hai-long' });
    } finally {
      setItem.mockRestore();
    }
  });
});

describe('the respondent page: codes', () => {
  it('shows the throttle message (429) with a way to try again', async () => {
    const message = 'Có quá nhiều mã sai được nhập từ địa chỉ mạng này. Hãy thử lại sau 15 phút.';
    const server = stubServer({ form: [problem(429, 'rate-limited', message)] });
    render(<RespondentApp />);
    expect(await screen.findByText(message)).toBeTruthy();
    server.answerForm(json(200, FORM));
    fireEvent.click(button('Thử lại'));
    await section(PART_I);
  });

  it('takes a code typed at /p/, refuses a malformed one without asking the server, and opens a good one', async () => {
    window.history.replaceState(null, '', '/p/');
    const server = stubServer();
    render(<RespondentApp />);
    await screen.findByRole('heading', { level: 1, name: 'Nhập mã phiếu' });
    const input = screen.getByLabelText('Mã phiếu');
    fireEvent.change(input, { target: { value: 'AC0O-1ILD' } });
    fireEvent.click(button('Mở phiếu'));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Mã gồm 12 chữ và số in trên phiếu (ông/bà đã nhập 3 ký tự hợp lệ). Mã không có các ký tự dễ nhầm như O, 0, I, 1, L. Xin kiểm tra lại.',
    );
    expect(server.calls).toHaveLength(0);

    fireEvent.change(input, { target: { value: ' acde fghj-kmnp ' } });
    fireEvent.click(button('Mở phiếu'));
    await section(PART_I);
    expect(server.gets().map((c) => c.url)).toEqual([`/api/p/${CODE}`]);
    expect(window.location.pathname).toBe(LINK);
  });

  it('says a malformed code in the link is one, and an unknown code what the server says', async () => {
    window.history.replaceState(null, '', '/p/ABCD-EFGH');
    const server = stubServer({ form: [problem(404, 'not-found', 'Không tìm thấy mã này. Hãy kiểm tra lại mã in trên phiếu.')] });
    render(<RespondentApp />);
    expect((await screen.findByRole('alert')).textContent).toContain('(ông/bà đã nhập 7 ký tự hợp lệ)');
    expect(server.calls).toHaveLength(0);
    fireEvent.change(screen.getByLabelText('Mã phiếu'), { target: { value: 'ACDE-FGHJ-KMNQ' } });
    fireEvent.click(button('Mở phiếu'));
    expect(await screen.findByText('Không tìm thấy mã này. Hãy kiểm tra lại mã in trên phiếu.')).toBeTruthy();
    expect((screen.getByLabelText('Mã phiếu') as HTMLInputElement).value).toBe('ACDE-FGHJ-KMNQ');
  });

  it('opens from the copy on the device when the network is down, and switches to English on request', async () => {
    const server = stubServer();
    const first = render(<RespondentApp />);
    await section(PART_I);
    choose('Giới tính', 'Nữ');
    first.unmount();
    server.answerForm('network');
    render(<RespondentApp />);
    await section(PART_I);
    expect(screen.getByText(/^Đang không có mạng: phiếu được mở từ bản lưu trên máy/)).toBeTruthy();
    expect((within(group('Giới tính')).getByRole('radio', { name: 'Nữ' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Switch to English' }));
    expect(button('Next')).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    localStorage.removeItem('phieu.p.lang');
  });
});
