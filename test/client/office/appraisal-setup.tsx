import { randomUUID } from 'node:crypto';
import { cleanup, render, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { expect } from 'vitest';
import { I18nProvider, type Lang } from '../../../src/client/i18n/i18n';
import OfficeApp from '../../../src/client/office/OfficeApp';
import { appraisedSubCriteria, type AccountSummary, type Appraisal } from '../../../src/shared';
import { docx, pdf } from '../../server/evidence-files';
import { ORIGIN } from '../../server/harness';
import { startOfficeServer, type OfficeServer } from './real-server';

/**
 * The appraisal screens against the real server in process: Sở Tư pháp's self-assessment entered and submitted by
 * its coordinator (2.1.1 scored 1,5 with an explanation and two evidence files, every other item 0), a council member
 * for field 2 of every department (`tv2`), the chair (`hd`), Home Affairs (`qt`).
 */
export const C = 'quang-binh-2021';
export const UNIT = 'so-tu-phap';
export const BASE = `/api/self-assessments/${C}/${UNIT}`;

export interface AppraisalWorld {
  server: OfficeServer;
  ids: OfficeServer['ids'] & { tv2: string; chair: string };
  /** The department framework's appraised sub-criteria. */
  codes: string[];
  /** Cookies of sessions of their own, to act and look behind the screens' back. */
  as(username: string): Promise<string>;
  inject(
    username: string,
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    url: string,
    payload?: object,
  ): Promise<{ statusCode: number; body: string; json(): unknown }>;
  appraisal(username?: string): Promise<Appraisal>;
}

export async function startAppraisalWorld(now: () => Date, opts: { staffOn?: string } = {}): Promise<AppraisalWorld> {
  const server = await startOfficeServer(now);
  const { h } = server;
  const tv2 = await h.account('tv2', 'council', { council: [{ kind: 'field', level: 'department', field: '2' }] });
  const chair = (await h.app.inject({ method: 'GET', url: `/api/campaigns/${C}/council`, headers: { cookie: await h.login('qt') } }))
    .json<{ accountId: string; username: string }[]>()
    .find((m) => m.username === 'hd')!.accountId;
  const cookies = new Map<string, string>();
  const as = async (username: string) => {
    if (!cookies.has(username)) cookies.set(username, await h.login(username));
    return cookies.get(username)!;
  };
  const inject: AppraisalWorld['inject'] = async (username, method, url, payload) =>
    h.app.inject({ method, url, headers: { cookie: await as(username), ...(method === 'GET' ? {} : { origin: ORIGIN }) }, payload });
  const ok = async (username: string, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) => {
    const res = await inject(username, method, url, payload);
    expect(res.statusCode, `${username} ${method} ${url}: ${res.body.slice(0, 300)}`).toBeLessThan(300);
    return res;
  };
  const codes = appraisedSubCriteria(h.registry.get(C)!.frameworkByLevel.get('department')!).map((s) => s.code);

  for (const code of codes) {
    await ok('dm', 'PUT', `${BASE}/items/${code}`, {
      version: 0,
      score: code === '2.1.1' ? 1.5 : 0,
      explanation: code === '2.1.1' ? 'Đã ban hành đủ văn bản' : null,
      note: code === '2.1.1' ? 'Xem Quyết định 12/QĐ-STP' : null,
    });
  }
  for (const [name, content] of [
    ['Quyết định 12-QĐ-STP.pdf', pdf('Quyet dinh 12')],
    ['Kế hoạch rà soát.docx', docx()],
  ] as const) {
    const body = multipart([['attachTo', '2.1.1']], name, content);
    const res = await h.app.inject({
      method: 'POST',
      url: `${BASE}/files`,
      headers: { cookie: await as('dm'), origin: ORIGIN, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  if (opts.staffOn) await ok('dm', 'PUT', `${BASE}/assignments`, { assignments: [{ code: opts.staffOn, staffId: server.ids.staff }] });
  // The reference campaign asks for the signed, stamped report with the submission (issue 15).
  const signed = multipart([], 'Báo cáo tự đánh giá (đã ký).pdf', pdf('Bao cao da ky'));
  const put = await h.app.inject({
    method: 'PUT',
    url: `${BASE}/signed-report`,
    headers: { cookie: await as('dm'), origin: ORIGIN, ...signed.headers },
    payload: signed.payload,
  });
  expect(put.statusCode, put.body).toBe(200);
  await ok('dm', 'POST', `${BASE}/submit`, {});

  return {
    server,
    ids: { ...server.ids, tv2, chair },
    codes,
    as,
    inject,
    appraisal: async (username = 'qt') => (await ok(username, 'GET', `${BASE}/appraisal`)).json() as Appraisal,
  };
}

/** A multipart body with text fields first, then one file, as a browser sends it. */
function multipart(fields: [string, string][], filename: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----phieu-${randomUUID()}`;
  const parts = fields.map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([...parts, head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export const account = (id: string, username: string, role: AccountSummary['role'], unitId: string | null = null): AccountSummary => ({
  id,
  username,
  displayName: username,
  role,
  unitId,
  campaignId: C,
});

/** The office app at `path`, signed in (on the server too) as `who`. */
export async function renderOffice(world: AppraisalWorld, who: AccountSummary, path: string, lang: Lang = 'vi') {
  cleanup();
  await world.server.signInAs(who.username);
  return render(
    <I18nProvider lang={lang}>
      <MemoryRouter initialEntries={[path]}>
        <OfficeApp account={who} onSignOut={() => undefined} onExpired={() => undefined} />
      </MemoryRouter>
    </I18nProvider>,
  );
}

/** The card of one sub-criterion on the appraisal screen (by id: role queries over the whole tree are slow in jsdom). */
export function apCard(code: string): Promise<HTMLElement> {
  return waitFor(() => {
    const el = document.getElementById(`ap-${code}`);
    if (!el) throw new Error(`no appraisal card for ${code}`);
    return el;
  });
}
