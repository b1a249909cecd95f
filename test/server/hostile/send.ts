// One hostile request, sent in process (inject) or over a real socket, and what its answer must look like.
import { request as httpRequest } from 'node:http';
import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../../src/server/http/deps';
import { hugeStream, type HostileRequest } from './cases';

export interface Answer {
  status: number;
  contentType: string;
  body: string;
}

export async function injectHostile(app: App, r: HostileRequest, remoteAddress: string): Promise<Answer> {
  const headers = { ...r.headers };
  let payload: string | Buffer | ReturnType<typeof hugeStream> | undefined;
  if (r.payload !== undefined && typeof r.payload === 'object' && !Buffer.isBuffer(r.payload)) {
    if (r.payload.declared) headers['content-length'] = String(r.payload.bytes);
    payload = hugeStream(r.payload);
  } else {
    payload = r.payload;
  }
  const res: LightMyRequestResponse = await app.inject({
    method: r.method,
    url: r.url,
    headers,
    remoteAddress,
    ...(payload !== undefined ? { payload } : {}),
  });
  return { status: res.statusCode, contentType: String(res.headers['content-type'] ?? ''), body: res.body };
}

/**
 * Over HTTP, as an attacker's client would send it (raw path, raw bytes). A server that stops reading a huge body
 * answers early and closes; what is left unsent is dropped.
 */
export function sendHostile(base: URL, r: HostileRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...r.headers };
    const huge = r.payload !== undefined && typeof r.payload === 'object' && !Buffer.isBuffer(r.payload) ? r.payload : undefined;
    if (huge?.declared) headers['content-length'] = String(huge.bytes);
    else if (!huge && r.payload !== undefined) headers['content-length'] = String(Buffer.byteLength(r.payload as string | Buffer));
    // A huge body gets a connection of its own, closed once answered: what was not sent is never sent.
    const req = httpRequest({
      host: base.hostname,
      port: base.port,
      method: r.method,
      path: r.url,
      headers,
      ...(huge ? { agent: false } : {}),
    });
    let answered = false;
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        answered = true;
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        });
        if (huge) req.destroy();
      });
      res.on('error', (err) => {
        if (!answered) reject(err);
      });
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    if (huge) {
      const source = hugeStream(huge);
      source.pipe(req);
      req.on('close', () => source.destroy());
    } else {
      req.end(r.payload);
    }
  });
}

/**
 * What is wrong with an answer (empty: fine): never a 5xx, and every 4xx is a JSON { error, message }, unless the
 * operation documents another type for that status (a page for people answers its 404 as a page).
 */
export function answerProblems(r: HostileRequest, a: Answer): string[] {
  if (a.status >= 500) return [`status ${a.status}`];
  if (a.status < 400 || r.method === 'HEAD') return [];
  const documented = (r.responseTypes[String(a.status)] ?? []).filter((t) => t !== 'application/json');
  if (documented.some((t) => a.contentType.startsWith(t))) return [];
  if (!/^application\/json/.test(a.contentType)) return [`${a.status} with content-type "${a.contentType}"`];
  let body: unknown;
  try {
    body = JSON.parse(a.body);
  } catch {
    return [`${a.status} with a body that is not JSON`];
  }
  const b = body as { error?: unknown; message?: unknown } | null;
  const problems: string[] = [];
  if (typeof b?.error !== 'string' || b.error.length === 0) problems.push(`${a.status} without an "error" code`);
  if (typeof b?.message !== 'string' || b.message.trim().length === 0) problems.push(`${a.status} without a "message"`);
  return problems;
}

/**
 * How a request was refused: 'status' for a 4xx; 'items' for a 200 whose per-item results all say "rejected" (a
 * sync push or an import refusing every item: the lists of { status } objects at the top level of the answer).
 */
export function refusal(a: Answer): 'status' | 'items' | undefined {
  if (a.status >= 400 && a.status < 500) return 'status';
  if (a.status !== 200 || !a.contentType.startsWith('application/json')) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(a.body);
  } catch {
    return undefined;
  }
  if (body === null || typeof body !== 'object') return undefined;
  const items = Object.values(body).filter(Array.isArray).flat() as unknown[];
  const verdicts = items.map((x) => (x !== null && typeof x === 'object' ? (x as { status?: unknown }).status : undefined));
  return verdicts.length > 0 && verdicts.every((s) => s === 'rejected') ? 'items' : undefined;
}

/** The generic "no such address" answer: the request never reached a route. */
export const notRouted = (a: Answer): boolean => a.status === 404 && a.body.includes('"Không có địa chỉ ');
