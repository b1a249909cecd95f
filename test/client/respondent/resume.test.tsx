import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RespondentApp } from '../../../src/client/respondent/RespondentApp';
import { CODE, FORM, LINK, QUESTIONNAIRE, json, problem, storedDraft, stubServer } from './support';

/**
 * The respondent's page (issue 19) when the one submission meets trouble: a page opened again sends from the draft
 * alone (the form's copy may be missing), a response id already taken gets a new one, and a questionnaire updated
 * meanwhile keeps the answers held in memory when the device cannot store them.
 */

let spies: { mockRestore(): void }[] = [];
beforeEach(() => {
  spies = [
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['vi-VN', 'vi']),
    vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined),
  ];
  localStorage.clear();
  window.history.replaceState(null, '', LINK);
});
afterEach(() => {
  for (const spy of spies.reverse()) spy.mockRestore();
  vi.unstubAllGlobals();
  localStorage.clear();
  window.history.replaceState(null, '', '/');
});

const group = (name: string | RegExp) => screen.getByRole('group', { name });
const choose = (question: string, choice: string) => fireEvent.click(within(group(question)).getByRole('radio', { name: choice }));
const button = (name: string | RegExp) => screen.getByRole('button', { name });
const section = (title: string) => screen.findByRole('heading', { level: 2, name: title });
const REVIEW_TITLE = 'Xem lại trước khi gửi';
const THANKS = 'Xin cảm ơn!';
const OFFLINE = 'Chưa gửi được vì mất mạng; phiếu được giữ trên máy và sẽ tự gửi khi có mạng.';
const SPENT = 'Mã này đã được dùng để gửi phiếu. Xin cảm ơn ông/bà đã tham gia khảo sát.';

async function fillToReview(): Promise<void> {
  await section('Phần I – Thông tin người trả lời');
  choose('Giới tính', 'Nữ');
  fireEvent.click(button('Tiếp'));
  await section('Phần II – Đánh giá');
  choose('Hồ sơ có được trả kết quả đúng hẹn không?', 'Có');
  choose('Mức độ hài lòng chung', 'Hài lòng');
  fireEvent.click(button('Xem lại'));
  await screen.findByRole('heading', { level: 2, name: REVIEW_TITLE });
}

/** The browser refuses the large form copy (its storage is full) but keeps the small draft. */
function formCopyRefused() {
  const setItem = Storage.prototype.setItem;
  const spy = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (this: Storage, key: string, value: string) {
    if (key.endsWith('.form')) throw new DOMException('full', 'QuotaExceededError');
    setItem.call(this, key, value);
  });
  spies.push(spy);
}

describe('a page opened again after "Gửi phiếu"', () => {
  it('keeps in the draft what the submission needs', async () => {
    stubServer({ submit: ['network'] });
    render(<RespondentApp />);
    await fillToReview();
    fireEvent.click(button('Gửi phiếu'));
    await screen.findByText(OFFLINE);
    expect(storedDraft()).toMatchObject({
      finishedAt: expect.any(String),
      submission: {
        questionnaireId: 'phieu-thu',
        questionnaireVersion: 2,
        title: QUESTIONNAIRE.title,
        campaign: FORM.campaign.name,
      },
    });
  });

  it('sends from the draft alone when the form copy is missing: an accepted first send lost on the way is a "duplicate", success', async () => {
    formCopyRefused();
    const server = stubServer({ submit: ['network'] });
    const first = render(<RespondentApp />);
    await fillToReview();
    // The answers are kept: the warning says what was not.
    expect(screen.getByRole('alert').textContent).toBe(
      'Không lưu được bản phiếu trên máy này (bộ nhớ của trình duyệt đã đầy). Các câu trả lời vẫn được lưu, nhưng nếu mở lại trang khi không có mạng thì phiếu sẽ không hiện ra.',
    );
    fireEvent.click(button('Gửi phiếu'));
    await screen.findByText(OFFLINE);
    first.unmount();
    expect(localStorage.getItem(`phieu.p.${CODE}.form`)).toBeNull();
    const body = server.posts()[0]?.body;

    // The server had accepted it; the form is now refused (the code is spent), the same send is a duplicate.
    server.answerForm(problem(410, 'respondent.code-spent', SPENT));
    server.answerSubmit(json(200, { status: 'duplicate' }));
    const gets = server.gets().length;
    render(<RespondentApp />);
    await screen.findByRole('heading', { level: 1, name: THANKS });
    expect(server.gets()).toHaveLength(gets);
    expect(server.posts()[1]?.body).toEqual(body);
    expect(storedDraft()).toMatchObject({ submitted: true });
    expect(storedDraft()?.answers).toBeUndefined();
  });

  it('offline, says the questionnaire will be sent when the network returns, with its title, and sends it then', async () => {
    formCopyRefused();
    const server = stubServer({ submit: ['network'] });
    const first = render(<RespondentApp />);
    await fillToReview();
    fireEvent.click(button('Gửi phiếu'));
    await screen.findByText(OFFLINE);
    first.unmount();

    server.answerForm('network');
    render(<RespondentApp />);
    expect(await screen.findByText(OFFLINE)).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: QUESTIONNAIRE.title })).toBeTruthy();
    expect(screen.queryByText(/Không tải được phiếu/)).toBeNull();
    server.answerSubmit(json(200, { status: 'accepted' }));
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await screen.findByRole('heading', { level: 1, name: THANKS });
    expect(server.gets()).toHaveLength(1);
    expect(storedDraft()).toMatchObject({ submitted: true });
  });

  it('resumed and refused (422), opens the review with the server’s issues', async () => {
    const server = stubServer({ submit: ['network'] });
    const first = render(<RespondentApp />);
    await fillToReview();
    fireEvent.click(button('Gửi phiếu'));
    await screen.findByText(OFFLINE);
    first.unmount();

    server.answerSubmit(
      problem(422, 'respondent.invalid-answers', 'Một số câu trả lời chưa hợp lệ.', {
        issues: [{ path: 'answers.Q3', message: 'Lựa chọn không còn trong phiếu' }],
      }),
    );
    render(<RespondentApp />);
    await screen.findByRole('heading', { level: 2, name: REVIEW_TITLE });
    expect(screen.getByText('Một số câu trả lời chưa hợp lệ.')).toBeTruthy();
    expect(screen.getByText(/Lựa chọn không còn trong phiếu/)).toBeTruthy();
    expect(storedDraft()?.finishedAt).toBeUndefined();
    expect(storedDraft()?.answers).toEqual({ P1: 'nu', Q1: 'yes', Q3: 'hai-long' });
  });
});

describe('the form copy', () => {
  it('is not written again on every open when the device holds the same version', async () => {
    const server = stubServer();
    const first = render(<RespondentApp />);
    await screen.findByRole('heading', { level: 2, name: 'Phần I – Thông tin người trả lời' });
    first.unmount();
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    spies.push(setItem);
    render(<RespondentApp />);
    await screen.findByRole('heading', { level: 2, name: 'Phần I – Thông tin người trả lời' });
    expect(setItem.mock.calls.map(([key]) => key)).not.toContain(`phieu.p.${CODE}.form`);

    // A new version is written.
    cleanup();
    server.answerForm(json(200, { ...FORM, questionnaire: { ...QUESTIONNAIRE, version: 3 } }));
    render(<RespondentApp />);
    await screen.findByRole('heading', { level: 2, name: 'Phần I – Thông tin người trả lời' });
    expect(setItem.mock.calls.map(([key]) => key)).toContain(`phieu.p.${CODE}.form`);
  });
});

describe('the server’s 409', () => {
  it('sync.conflict: the same answers under a new response id and secret, sent again, kept in the draft', async () => {
    const server = stubServer({
      submit: [problem(409, 'sync.conflict', 'Phiếu với mã định danh này đã có trên máy chủ.'), json(200, { status: 'accepted' })],
    });
    render(<RespondentApp />);
    await fillToReview();
    const before = storedDraft() as { responseId: string; secret: string };
    fireEvent.click(button('Gửi phiếu'));
    await screen.findByRole('heading', { level: 1, name: THANKS });
    const [refused, sent] = server.posts();
    expect(server.posts()).toHaveLength(2);
    expect(refused?.body?.responseId).toBe(before.responseId);
    expect(sent?.body?.responseId).not.toBe(before.responseId);
    expect(sent?.body?.responseId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sent?.body?.secret).not.toBe(before.secret);
    const { responseId: _a, secret: _b, ...same } = refused?.body ?? {};
    expect(sent?.body).toMatchObject(same);
    expect(storedDraft()).toMatchObject({ submitted: true });
  });

  it('sync.conflict while the network drops: the new id is what the draft keeps, and what a page opened again sends', async () => {
    const server = stubServer({ submit: [problem(409, 'sync.conflict', 'x'), 'network'] });
    const first = render(<RespondentApp />);
    await fillToReview();
    const before = storedDraft() as { responseId: string };
    fireEvent.click(button('Gửi phiếu'));
    await screen.findByText(OFFLINE);
    const renewed = storedDraft() as { responseId: string; secret: string };
    expect(renewed.responseId).not.toBe(before.responseId);
    expect(server.posts()[1]?.body).toMatchObject({ responseId: renewed.responseId, secret: renewed.secret });
    first.unmount();
    server.answerSubmit(json(200, { status: 'duplicate' }));
    render(<RespondentApp />);
    await screen.findByRole('heading', { level: 1, name: THANKS });
    expect(server.posts()[2]?.body).toMatchObject({ responseId: renewed.responseId, secret: renewed.secret });
  });

  it('respondent.wrong-questionnaire, storage blocked: loads the new version and keeps the answers held in memory', async () => {
    spies.push(
      vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
        throw new DOMException('blocked', 'SecurityError');
      }),
    );
    const updated = 'Phiếu đã được cập nhật; xin xem lại các câu trả lời rồi gửi lại.';
    const server = stubServer({ submit: [problem(409, 'respondent.wrong-questionnaire', updated), json(200, { status: 'accepted' })] });
    render(<RespondentApp />);
    await fillToReview();
    server.answerForm(json(200, { ...FORM, questionnaire: { ...QUESTIONNAIRE, version: 3 } }));
    fireEvent.click(button('Gửi phiếu'));
    expect(await screen.findByText(updated)).toBeTruthy();
    await screen.findByRole('heading', { level: 2, name: REVIEW_TITLE });
    expect(server.gets()).toHaveLength(2);
    expect(screen.getByText('Nữ')).toBeTruthy();
    expect(screen.getByText('Hài lòng')).toBeTruthy();
    fireEvent.click(button('Gửi phiếu'));
    await screen.findByRole('heading', { level: 1, name: THANKS });
    const [first, second] = server.posts();
    expect(second?.body).toMatchObject({ questionnaireVersion: 3, responseId: first?.body?.responseId });
    expect(second?.body?.answers).toEqual({ P1: 'nu', Q1: 'yes', Q3: 'hai-long' });
  });
});
