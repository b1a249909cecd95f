import { File as NodeFile } from 'node:buffer';
import { vi } from 'vitest';
import { citizenResponse, startHarness, type Harness } from '../../server/harness';

/**
 * The office screens against the real server in process (real SQLite file, real routes and permission checks):
 * the browser's fetch is pointed at it, carrying the session cookie of whoever the test signed in as.
 */
export interface OfficeServer {
  h: Harness;
  ids: { admin: string; coordinator: string; surveyor: string; staff: string };
  /**
   * Points fetch at the server as this user (`qt` Home Affairs, `dm` coordinator and `cb` staff of Sở Tư pháp, `hd`
   * the council's chair, or any account a test made).
   */
  signInAs(username: string): Promise<void>;
  close(): Promise<void>;
}

export async function startOfficeServer(now: () => Date, opts: { postgres?: string } = {}): Promise<OfficeServer> {
  const h = await startHarness({ app: { now }, postgres: opts.postgres });
  const ids = {
    admin: await h.account('qt', 'admin'),
    coordinator: await h.account('dm', 'coordinator', { unitId: 'so-tu-phap' }),
    surveyor: await h.account('s1', 'surveyor', {
      cells: [
        ['so-tu-phap', 'so-nguoi-dan', 15],
        ['so-y-te', 'so-nguoi-dan'],
      ],
    }),
    staff: await h.account('cb', 'staff', { unitId: 'so-tu-phap' }),
  };
  await h.account('hd', 'council');
  const address = await h.app.listen({ host: '127.0.0.1', port: 0 });
  const realFetch = globalThis.fetch;
  let cookie = '';
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) =>
    realFetch(new URL(input, address), {
      ...init,
      body: await nodeBody(init.body),
      headers: { ...(init.headers as Record<string, string>), cookie },
    }),
  );
  const surveyorCookie = await h.login('s1');
  const push = async (responses: unknown[]) => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/sync/responses',
      headers: { cookie: surveyorCookie },
      payload: { responses },
    });
    if (res.statusCode !== 200) throw new Error(res.body);
  };
  await push([
    citizenResponse(ids.surveyor),
    citizenResponse(ids.surveyor),
    citizenResponse(ids.surveyor, { startedAt: '2021-12-10T08:00:00+07:00', finishedAt: '2021-12-10T08:01:00+07:00' }),
  ]);
  await push([citizenResponse(ids.surveyor, { unitId: 'so-y-te' })]);
  return {
    h,
    ids,
    async signInAs(username) {
      cookie = await h.login(username);
    },
    async close() {
      vi.unstubAllGlobals();
      await h.close();
    },
  };
}

/** Node's own FormData (jsdom replaces the global one). */
let NodeFormData: typeof FormData | undefined;

/**
 * jsdom's FormData and File are not Node's: Node's fetch would not send them as multipart. A form (file uploads) is
 * rebuilt with Node's classes and the same parts, in the same order.
 */
async function nodeBody(body: RequestInit['body']): Promise<RequestInit['body']> {
  if (!(body instanceof FormData)) return body;
  NodeFormData ??= (await new Response('a=b', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }).formData())
    .constructor as typeof FormData;
  const out = new NodeFormData();
  for (const [name, value] of body.entries()) {
    if (typeof value === 'string') out.append(name, value);
    else
      out.append(
        name,
        new NodeFile([new Uint8Array(await value.arrayBuffer())], value.name, { type: value.type }) as unknown as Blob,
        value.name,
      );
  }
  return out;
}
