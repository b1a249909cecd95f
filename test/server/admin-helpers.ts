import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { PASSWORD, type Harness } from './harness';

export const CAMPAIGN = 'quang-binh-2021';

let addressSeq = 0;
/** A fresh client address per sign-in, so the per-address login limit never interferes. */
export const nextAddress = (prefix = 10): string => {
  addressSeq += 1;
  return `${prefix}.${Math.floor(addressSeq / 62500) % 250}.${Math.floor(addressSeq / 250) % 250}.${(addressSeq % 250) + 1}`;
};

export async function loginAs(h: Harness, username: string, password = PASSWORD): Promise<LightMyRequestResponse> {
  return h.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: nextAddress(), payload: { username, password } });
}

export async function signIn(h: Harness, username: string, password = PASSWORD): Promise<string> {
  const res = await loginAs(h, username, password);
  expect(res.statusCode, `login ${username}: ${res.body}`).toBe(200);
  const c = res.cookies.find((x) => x.name === 'phieu_session');
  if (!c) throw new Error('no session cookie');
  return `phieu_session=${c.value}`;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function api(
  h: Harness,
  method: Method,
  url: string,
  opts: { cookie?: string; payload?: unknown; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...opts.headers };
  return h.app.inject({ method, url, headers, ...(opts.payload !== undefined ? { payload: opts.payload as object } : {}) });
}

/** A multipart/form-data body with one file part named "file", as a browser's FormData sends it. */
export function multipart(
  filename: string,
  content: Buffer | string,
  contentType = 'application/octet-stream',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----phieu-${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function upload(
  h: Harness,
  cookie: string | undefined,
  filename: string,
  content: Buffer | string,
  query = '',
): Promise<LightMyRequestResponse> {
  const body = multipart(filename, content);
  return h.app.inject({
    method: 'POST',
    url: `/api/campaigns/${CAMPAIGN}/accounts/import${query}`,
    headers: { ...(cookie ? { cookie } : {}), ...body.headers },
    payload: body.payload,
  });
}

/** A 4xx with the JSON error body of DESIGN: a stable code and a message a person can read. */
export function expectError(res: LightMyRequestResponse, status: number, error?: string): void {
  expect(res.statusCode, res.body.slice(0, 400)).toBe(status);
  const body = res.json() as { error: unknown; message: unknown };
  expect(typeof body.error).toBe('string');
  if (error !== undefined) expect(body.error).toBe(error);
  expect(typeof body.message).toBe('string');
  expect((body.message as string).trim().length).toBeGreaterThan(0);
}

export async function countRows(
  h: Harness,
  table: 'accounts' | 'assignments' | 'audit_log' | 'sessions' | 'campaign_settings',
): Promise<number> {
  return Number(
    (
      await h.handle.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}
