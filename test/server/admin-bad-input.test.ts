// Hostile and broken input to the admin routes: always a 4xx with { error, message }, never a 5xx, and a refused
// call writes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { api, CAMPAIGN, countRows, signIn, upload, type Method } from './admin-helpers';
import { harnessPerTest, type Harness } from './harness';

let h: Harness;
let admin: string;
let surveyorId: string;

harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    await t.account('qt', 'admin');
    surveyorId = await t.account('dt', 'surveyor');
    admin = await signIn(t, 'qt');
  },
);

const written = async () => ({
  accounts: await countRows(h, 'accounts'),
  assignments: await countRows(h, 'assignments'),
  settings: await countRows(h, 'campaign_settings'),
  audit: await countRows(h, 'audit_log'),
});

/** Anything JSON can carry, biased towards the shapes the routes expect. */
const junk = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      username: fc.string(),
      displayName: fc.string(),
      role: fc.string(),
      unitId: fc.oneof(fc.string(), fc.constant(null)),
      password: fc.string(),
    },
    { requiredKeys: [] },
  ),
  fc.record({ allocation: fc.oneof(fc.double(), fc.integer({ min: -5, max: 5 }), fc.string(), fc.constant(null)) }, { requiredKeys: [] }),
  fc.record(
    { state: fc.string(), deadlines: fc.dictionary(fc.string(), fc.string()), minInterviewMinutes: fc.double(), payment: fc.jsonValue() },
    { requiredKeys: [] },
  ),
);

const ROUTES: [Method, () => string][] = [
  ['POST', () => `/api/campaigns/${CAMPAIGN}/accounts`],
  ['PATCH', () => `/api/accounts/${surveyorId}`],
  ['POST', () => `/api/accounts/${surveyorId}/password`],
  ['PUT', () => `/api/campaigns/${CAMPAIGN}/state`],
  ['PUT', () => `/api/campaigns/${CAMPAIGN}/settings`],
  ['PUT', () => `/api/campaigns/${CAMPAIGN}/assignments/${surveyorId}/so-y-te/so-nguoi-dan`],
];

describe('admin routes under broken input', () => {
  it.each(ROUTES.map(([m, u]) => [`${m} ${u()}`, m, u] as const))(
    '%s answers junk with a 4xx or a valid change, never a 5xx',
    async (_, method, url) => {
      await fc.assert(
        fc.asyncProperty(junk, async (body) => {
          const res = await api(h, method, url(), {
            cookie: admin,
            payload: JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
          });
          expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
          if (res.statusCode >= 400) {
            const b = res.json() as { error: unknown; message: unknown };
            expect(typeof b.error).toBe('string');
            expect(typeof b.message).toBe('string');
          }
        }),
        { numRuns: 40 },
      );
    },
  );

  it('answers odd path and query values with a 4xx', async () => {
    for (const url of [
      `/api/campaigns/${'x'.repeat(300)}/accounts`,
      `/api/campaigns/${CAMPAIGN}/accounts?disabled=maybe`,
      `/api/accounts/${'a'.repeat(100)}`,
      `/api/campaigns/${CAMPAIGN}/assignments?surveyorId=${'a'.repeat(100)}`,
      '/api/audit?limit=abc',
      '/api/audit?cursor=-1',
      '/api/audit?cursor=99999999999999999999',
      `/api/campaigns/${CAMPAIGN}/assignments/x/Y/z`,
    ]) {
      const res = await api(h, url.includes('/assignments/x') ? 'DELETE' : 'GET', url, { cookie: admin });
      expect(res.statusCode, `${url}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });

  it('answers random bytes uploaded as a sheet with a 4xx (or a report of bad rows) and writes nothing', async () => {
    const before = await written();
    const prefixes = [
      Buffer.alloc(0),
      Buffer.from('PK\x03\x04'),
      Buffer.from('\uFEFFusername,display_name,role\n'),
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0]),
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...prefixes), fc.uint8Array({ maxLength: 2048 }), async (prefix, bytes) => {
        const dryRun = bytes.length % 2 === 0;
        const res = await upload(h, admin, 'x.csv', Buffer.concat([prefix, Buffer.from(bytes)]), dryRun ? '?dryRun=true' : '');
        expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
        expect(res.statusCode === 200 && res.json().committed).toBe(false);
      }),
      { numRuns: 60 },
    );
    expect(await written()).toEqual(before);
  });
});
