import fc from 'fast-check';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandling } from '../../src/server/http/errors';
import { sha256Hex } from '../../src/server/services/crypto';
import { contentHash, judgeBody, judgeResponses } from '../../src/server/services/response-check';
import { canonicalJson, pushResponsesRequestSchema, type ItemResult } from '../../src/shared';
import { citizenResponse, harnessPerTest, ORIGIN, type Harness } from './harness';

/**
 * A responses push body is kept as text and parsed by the response checker (a validation worker), not by Fastify on
 * the request thread. These tests hold that this changes nothing a device can see: the same content hash, the same
 * verdicts, and for a body that is not a valid push the very answer Fastify's own parser and validator give.
 */

/** Canonical JSON the plain way (every object's keys sorted): the text stored hashes were made of. */
function referenceCanonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v: unknown) => (v === undefined ? 'null' : referenceCanonical(v))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .filter((k) => record[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${referenceCanonical(record[k])}`);
  return `{${members.join(',')}}`;
}

describe('content hash', () => {
  it('canonicalJson (which skips sorting keys already in order) gives the plain sorted text, and the hash is SHA-256 of it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(referenceCanonical(value));
        expect(contentHash(value)).toBe(sha256Hex(canonicalJson(value)));
      }),
      { numRuns: 500 },
    );
  });

  it('orders keys by code unit, whatever order they came in (integer-like keys, non-ASCII, escapes)', () => {
    const keys = ['b', 'a', '10', '2', '1', 'Q10', 'Q2', 'ý', 'Ý', 'z', '', 'a"b', '\u0000', '\ud83d\ude00', '\ud800'];
    const arbitrary = fc.uniqueArray(fc.constantFrom(...keys), { minLength: 0, maxLength: keys.length });
    fc.assert(
      fc.property(arbitrary, fc.jsonValue({ maxDepth: 2 }), (order, inner) => {
        const value = JSON.parse(
          `{${order.map((k, i) => `${JSON.stringify(k)}:${i % 2 ? JSON.stringify(inner) : i}`).join(',')}}`,
        ) as unknown;
        expect(canonicalJson(value)).toBe(referenceCanonical(value));
        expect(canonicalJson([value, { nested: value }])).toBe(referenceCanonical([value, { nested: value }]));
      }),
      { numRuns: 300 },
    );
  });
});

let h: Harness;
let pooled: Harness;
let reference: FastifyInstance;
let surveyorId: string;
let pooledSurveyorId: string;
let cookie: string;
let pooledCookie: string;

beforeAll(() => {
  // What Fastify alone answers for a body: its JSON parser and the zod validator of the push schema, our error shape.
  const app = Fastify({ bodyLimit: 4 * 1024 * 1024 }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  app.post('/', { schema: { body: pushResponsesRequestSchema } }, async (req) => ({ items: req.body.responses.length }));
  reference = app;
});
afterAll(() => reference.close());

const push = (app: Harness, sessionCookie: string, payload: string | Buffer, contentType = 'application/json') =>
  app.app.inject({
    method: 'POST',
    url: '/api/sync/responses',
    headers: { cookie: sessionCookie, origin: ORIGIN, 'content-type': contentType },
    payload,
  });

/** Both apps (checked in the request thread, and in a worker) answer `payload` as Fastify alone would. */
async function expectFastifyAnswer(payload: string | Buffer, contentType = 'application/json'): Promise<void> {
  const expected = await reference.inject({ method: 'POST', url: '/', headers: { 'content-type': contentType }, payload });
  for (const [app, sessionCookie] of [
    [h, cookie],
    [pooled, pooledCookie],
  ] as const) {
    const res = await push(app, sessionCookie, payload, contentType);
    if (expected.statusCode === 200) {
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect((res.json() as { results: ItemResult[] }).results).toHaveLength((expected.json() as { items: number }).items);
    } else {
      expect({ status: res.statusCode, body: res.body }).toEqual({ status: expected.statusCode, body: expected.body });
    }
  }
}

describe('a push body parsed by the checker', () => {
  // Each test owns two servers: one checking in the request thread, one in a validation worker.
  harnessPerTest(
    (fresh) => (h = fresh),
    async (t) => {
      surveyorId = await t.account('dt', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
      cookie = await t.login('dt');
    },
  );
  harnessPerTest(
    (fresh) => (pooled = fresh),
    async (t) => {
      pooledSurveyorId = await t.account('dt', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
      pooledCookie = await t.login('dt');
    },
    // No execArgv: the pool boots tsx itself for TypeScript sources, whatever flags the test runner has.
    { app: { validationWorkers: 1, validationWorkerExecArgv: [] } },
  );
  const valid = () => citizenResponse(surveyorId);

  it('gets the very answer Fastify gives to bodies that are not a valid push', async () => {
    const bodies = [
      '',
      '{',
      '{"responses": [}',
      '[]',
      'null',
      '"responses"',
      '{}',
      '{"responses": []}',
      '{"responses": {}}',
      '{"responses": [1], "extra": 1}',
      `{"responses": [${Array.from({ length: 101 }, () => '1').join(',')}]}`,
      '{"__proto__": {"isAdmin": true}, "responses": [1]}',
      '{"responses": [{"answers": {"\\u005f_proto__": {"polluted": "yes"}}}]}',
      '{"constructor": {"prototype": {"isAdmin": true}}, "responses": [1]}',
      '\uFEFF{"responses": [1]}',
      '{"responses": [NaN]}',
      ' {"responses": [1]} ',
    ];
    for (const body of bodies) await expectFastifyAnswer(body);
    // Bytes that are not UTF-8, and a character split nowhere special: decoded the way Fastify decodes them.
    await expectFastifyAnswer(
      Buffer.concat([Buffer.from('{"responses": [{"note": "'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}]}')]),
    );
    await expectFastifyAnswer(Buffer.concat([Buffer.from('{"responses": ["'), Buffer.from([0xc3, 0x9d, 0xe1, 0xba]), Buffer.from('"]}')]));
    await expectFastifyAnswer(JSON.stringify({ responses: [valid()] }), 'text/plain');
    expect(Object.prototype).not.toHaveProperty('isAdmin');
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('gets the very answer Fastify gives to arbitrary text and envelopes', async () => {
    const text = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify({ responses: v })),
      fc.array(fc.jsonValue(), { maxLength: 3 }).map((items) => JSON.stringify({ responses: items })),
    );
    await fc.assert(
      fc.asyncProperty(text, (payload) => expectFastifyAnswer(payload)),
      { numRuns: 150 },
    );
  });

  it('judges a valid body exactly as items parsed on the request thread are judged', () => {
    const items: unknown[] = [
      valid(),
      { ...valid(), unitId: 'so-y-te' },
      'not a response',
      { ...valid(), extra: 1 },
      citizenResponse('someone-else'),
    ];
    const text = JSON.stringify({ responses: items });
    const lookup = (id: string) => h.registry.get(id);
    const bytes = (t: string) => Buffer.from(t, 'utf8');
    expect(judgeBody(bytes(text), lookup)).toEqual(judgeResponses((JSON.parse(text) as { responses: unknown[] }).responses, lookup));
    expect(judgeBody(bytes(text.replace('"id"', '"__proto__":{},"id"')), lookup)).toBeNull();
    expect(judgeBody(bytes(text.slice(0, -1)), lookup)).toBeNull();
    expect(judgeBody(bytes('{"responses":[]}'), lookup)).toBeNull();
  });

  it('accepts a response whose text mentions "constructor" (left to the request thread, still accepted), and its retry is a duplicate', async () => {
    for (const [app, sessionCookie, id] of [
      [h, cookie, surveyorId],
      [pooled, pooledCookie, pooledSurveyorId],
    ] as const) {
      const r = citizenResponse(id, { deviceId: 'constructor-prototype' });
      const first = await push(app, sessionCookie, JSON.stringify({ responses: [r] }));
      expect((first.json() as { results: ItemResult[] }).results).toEqual([{ id: r.id, status: 'accepted', overQuota: false }]);
      const again = await push(app, sessionCookie, JSON.stringify({ responses: [r] }));
      expect((again.json() as { results: ItemResult[] }).results).toEqual([{ id: r.id, status: 'duplicate' }]);
    }
  });
});
