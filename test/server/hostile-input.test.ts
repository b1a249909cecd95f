// Hostile input over every operation of the OpenAPI document, for every role (issue 11, DESIGN §7): broken and
// truncated multipart, wrong and missing content types, invalid UTF-8 and bad percent-encodings, 10,000-level and
// oversized JSON, prototype keys, bidi controls and NUL in every string field and query parameter, traversal in every
// path parameter. For every case: no 5xx, a JSON { error, message } for every 4xx (or the type the operation documents
// for that status: a page's 404 is a page), and nothing written by a refused request (every table's content and the
// evidence folder's listing, compared before and after).
//
// The cases come from the document, so a route added later is covered without editing this file. Random strings
// come from fast-check with a fixed seed (HOSTILE_SEED to change it); a failure names the case, which replays.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceAssignments } from '../../src/server/db/self-assessment';
import { insertBatch } from '../../src/server/db/self-fill';
import { selfFillCodeHash } from '../../src/server/services/self-fill';
import { insertSession, touchSession } from '../../src/server/db/sessions';
import { newToken, sha256Hex } from '../../src/server/services/crypto';
import type { EvidenceUploadResult, Role } from '../../src/shared';
import { pdf, upload } from './evidence-files';
import { citizenResponse, harnessPerTest, PASSWORD, startHarness, type Harness } from './harness';
import { CAMPAIGN, operationExample, UNIT, type KnownIds } from './hostile/examples';
import { hostileCases, hostileStrings, isDoorCase, sampleCases, type HostileRequest, type OperationExample } from './hostile/cases';
import { differences, DbFingerprinter, type Fingerprint } from './hostile/fingerprint';
import { Examples, fastifyPath, listOperations, type OpenApiDoc, type Operation } from './hostile/openapi';
import { answerProblems, injectHostile, notRouted, refusal, type Answer } from './hostile/send';

const SEED = Number(process.env.HOSTILE_SEED ?? 20261211);
/** Cases sent to a caller that the route refuses at the door (401/403): enough to try each kind of input there. */
const DOOR_SAMPLE = 12;
/** A number from a text, to seed the sample of one operation × caller. */
const seedOf = (text: string): number => [...text].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0, 7);

type Who = 'anonymous' | Role;
const ROLES: readonly Who[] = ['anonymous', 'admin', 'coordinator', 'staff', 'surveyor', 'council'];

/**
 * Writes a refused request may make on purpose, by operation. A wrong password counts towards the account's lock
 * (DESIGN §7: a few failures, then a short lock), so a refused login moves these two columns and nothing else.
 */
const REFUSED_MAY_WRITE: Record<string, readonly string[]> = {
  'POST /api/auth/login': ['accounts.failed_logins', 'accounts.locked_until'],
};

// The operations are read from the document before the tests are collected, from a server started for that alone.
const doc = await (async () => {
  const reader = await startHarness();
  try {
    return (await reader.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApiDoc;
  } finally {
    await reader.close();
  }
})();
const OPERATIONS: Operation[] = listOperations(doc);
const strings = hostileStrings(SEED, 64);

let h: Harness;
const ids = {} as Record<Role | 'surveyorB' | 'target', string>;
/** The sessions of the template database; each test starts with these (a test may replace one, in its own copy). */
const templateTokens = {} as Record<Role, string>;
let tokens = {} as Record<Role, string>;
let responseId = '';
const BATCH_ID = '5d0c2a8e-7f3b-4b1a-9c6d-2e8f4a1b3c5d';
let evidenceHash = '';
let addressSeq = 0;
/** A fresh client address per request: the per-address login limit must not turn every later case into a 429. */
const nextAddress = () => {
  addressSeq += 1;
  return `10.${Math.floor(addressSeq / 62_500) % 250}.${Math.floor(addressSeq / 250) % 250}.${(addressSeq % 250) + 1}`;
};

/** A session straight into the table (signing in costs an argon2 verification; the suite needs a few hundred). */
async function mintSession(role: Role, harness: Harness = h): Promise<void> {
  const token = newToken();
  const now = new Date();
  await insertSession(harness.handle.db, {
    id_hash: sha256Hex(token),
    account_id: ids[role],
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + 12 * 3600_000).toISOString(),
    revoked_at: null,
    user_agent: 'hostile-input.test',
  });
  tokens[role] = token;
}

async function sessionAlive(role: Role): Promise<boolean> {
  const res = await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `phieu_session=${tokens[role]}` } });
  return res.statusCode === 200;
}

let fingerprinter: DbFingerprinter;

// Each test (each operation) its own copy of one set-up database: what one operation's cases change (a closed
// campaign, a deleted council member, a replaced session) is never what another operation starts from.
harnessPerTest(
  (fresh) => {
    h = fresh;
    fingerprinter = new DbFingerprinter(h.handle.db, path.join(h.dir, 'evidence'));
    tokens = { ...templateTokens };
  },
  async (t) => {
    ids.admin = await t.account('qt-hostile', 'admin');
    ids.coordinator = await t.account('dm-hostile', 'coordinator', { unitId: UNIT });
    ids.staff = await t.account('cb-hostile', 'staff', { unitId: UNIT });
    ids.surveyor = await t.account('dtv-hostile', 'surveyor', { cells: [[UNIT, 'so-nguoi-dan']] });
    ids.council = await t.account('hd-hostile', 'council');
    ids.surveyorB = await t.account('dtv-hostile-b', 'surveyor', { cells: [['so-y-te', 'so-nguoi-dan']] });
    // What the account routes act on, so that no case can disable or sign out the callers themselves.
    ids.target = await t.account('muc-tieu-hostile', 'council');
    await t.account('dang-nhap-hostile', 'council');
    for (const role of ['admin', 'coordinator', 'staff', 'surveyor', 'council'] as const) await mintSession(role, t);
    Object.assign(templateTokens, tokens);
    await replaceAssignments(t.handle.db, CAMPAIGN, UNIT, [{ code: '1.1', staffId: ids.staff }], ids.coordinator, new Date().toISOString());
    await seedData(t);
  },
);

/** A stored response and an evidence file attached to 1.1.1: what the routes that take their id or hash act on. */
async function seedData(t: Harness): Promise<void> {
  const stored = citizenResponse(ids.surveyor);
  const push = await t.app.inject({
    method: 'POST',
    url: '/api/sync/responses',
    headers: { cookie: `phieu_session=${tokens.surveyor}` },
    payload: { responses: [stored] },
  });
  expect(push.json()).toMatchObject({ results: [{ status: 'accepted' }] });
  responseId = stored.id;
  const up = await upload(t, `phieu_session=${tokens.coordinator}`, [{ name: 'kiem-chung.pdf', bytes: pdf('Kiem chung') }], {
    attachTo: '1.1.1',
  });
  expect(up.statusCode, up.body).toBe(200);
  evidenceHash = (up.json() as EvidenceUploadResult).files[0]?.hash ?? '';
  // A self-fill batch (issue 19), written as issuing writes it: the revoke route acts on it.
  await insertBatch(
    t.handle.db,
    {
      id: BATCH_ID,
      campaign_id: CAMPAIGN,
      unit_id: UNIT,
      group_id: 'so-nguoi-dan',
      note: null,
      issued_by: ids.admin,
      issued_at: new Date().toISOString(),
      revoked_at: null,
      revoked_by: null,
    },
    [selfFillCodeHash('3333AAAA4444')],
  );
}

const knownIds = (): KnownIds => ({
  surveyor: ids.surveyor,
  otherSurveyor: ids.surveyorB,
  staff: ids.staff,
  target: ids.target,
  responseId,
  evidenceHash,
  batchId: BATCH_ID,
  login: { username: 'dang-nhap-hostile', password: PASSWORD },
});
const exampleFor = (op: Operation): OperationExample => operationExample(doc, op, knownIds());
/** The fewest cases an operation's test sends: each caller gets the door case, then the others or a sample of them. */
const fewestCases = (op: Operation): number => {
  const [, ...rest] = hostileCases(op, exampleFor(op), strings);
  return ROLES.length * (1 + Math.min(rest.length, DOOR_SAMPLE));
};

interface Tally {
  cases: number;
  statuses: Map<number, number>;
  /** Hostile strings that were stored (2xx): not a failure, listed for review. */
  accepted: string[];
}
const tally: Tally = { cases: 0, statuses: new Map(), accepted: [] };

describe('hostile input over every operation of the OpenAPI document', () => {
  it('finds the operations in the document, each registered in the app', () => {
    expect(OPERATIONS.length).toBeGreaterThan(40);
    for (const op of OPERATIONS) expect(h.app.hasRoute({ method: op.method, url: fastifyPath(op) }), op.key).toBe(true);
  });

  it.each(OPERATIONS.map((op) => [op.key, op] as const))(
    '%s: no 5xx, JSON errors, nothing written when refused',
    async (_key, op) => {
      const example = exampleFor(op);
      const failures: string[] = [];
      const allowance = REFUSED_MAY_WRITE[op.key] ?? [];
      let routed = 0;
      let sent = 0;
      let before: Fingerprint = await fingerprinter.take(allowance);

      const run = async (who: Who, c: HostileRequest): Promise<Answer> => {
        // The session is read when the case is sent: a case before may have replaced it.
        if (who !== 'anonymous') c.headers.cookie = `phieu_session=${tokens[who]}`;
        const answer = await injectHostile(h.app, c, nextAddress());
        sent += 1;
        tally.cases += 1;
        tally.statuses.set(answer.status, (tally.statuses.get(answer.status) ?? 0) + 1);
        if (!notRouted(answer)) routed += 1;
        const after = await fingerprinter.take(allowance);
        const where = `[${who}] ${c.name} → ${answer.status} ${answer.body.slice(0, 200)}`;
        for (const p of answerProblems(c, answer)) failures.push(`${where}: ${p}`);
        const changed = differences(before, after);
        const refused = refusal(answer);
        // A 200 refusing every item of an import still records the attempt in the audit log, by design.
        const wrote = refused === 'items' ? changed.filter((d) => !d.startsWith('table audit_log:')) : changed;
        if (refused && wrote.length > 0) failures.push(`${where}: refused but wrote ${wrote.join('; ')}`);
        if (!refused && answer.status < 300 && c.kind === 'field' && wrote.length > 0)
          tally.accepted.push(`[${who}] ${c.name} → ${answer.status} (${wrote.map((d) => d.split(':')[0]).join(', ')})`);
        if (Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')) failures.push(`${where}: Object.prototype polluted`);
        before = after;
        // A case that succeeded may have ended the caller's session (logout): the next case gets a new one.
        if (who !== 'anonymous' && answer.status < 300 && !(await sessionAlive(who))) {
          await mintSession(who);
          before = await fingerprinter.take(allowance);
        }
        return answer;
      };

      for (const who of ROLES) {
        const [door, ...rest] = hostileCases(op, example, strings);
        if (!door || !isDoorCase(door)) throw new Error(`${op.key}: the case list does not start with the door case`);
        const answer = await run(who, door);
        // A caller the route turns away at the door gets a seeded sample of the cases; a caller let in gets all.
        const cases =
          answer.status === 401 || answer.status === 403 ? sampleCases(rest, DOOR_SAMPLE, seedOf(`${SEED} ${op.key} ${who}`)) : rest;
        for (const c of cases) await run(who, c);
      }
      expect(sent, `${op.key}: no case was sent`).toBeGreaterThan(0);
      expect(sent, `${op.key}: fewer cases sent than planned`).toBeGreaterThanOrEqual(fewestCases(op));
      expect(routed, `${op.key}: no case reached the route (every answer was the generic 404)`).toBeGreaterThan(0);
      expect(failures.slice(0, 40), `${failures.length} failing cases (seed ${SEED})`).toEqual([]);
    },
    60_000,
  );

  it('sent a few thousand cases', () => {
    // Counted from the plan, which each operation's test checks it sent at least, not from the tally of the tests
    // that happened to run before this one.
    expect(OPERATIONS.reduce((n, op) => n + fewestCases(op), 0)).toBeGreaterThan(2000);
    if (process.env.HOSTILE_REPORT) {
      console.log(`${tally.cases} cases; statuses ${JSON.stringify(Object.fromEntries([...tally.statuses].sort((a, b) => a[0] - b[0])))}`);
      console.log(`hostile strings stored by a 2xx (${tally.accepted.length}):\n  ${tally.accepted.join('\n  ')}`);
    }
  });
});

// The suite's own guards: an operation the generators cannot exercise fails the suite rather than being skipped.
describe('the generators', () => {
  it('refuse a request body type they cannot produce', () => {
    const bad: OpenApiDoc = {
      openapi: '3.0.3',
      paths: { '/x': { post: { requestBody: { content: { 'application/xml': { schema: {} } } } } } },
    };
    expect(() => listOperations(bad)).toThrow(/application\/xml/);
  });

  it('refuse a path parameter without a test value', () => {
    const op: Operation = {
      key: 'GET /api/x/{nouveau}',
      method: 'GET',
      path: '/api/x/{nouveau}',
      pathParams: [{ in: 'path', name: 'nouveau', required: true, schema: { type: 'string' } }],
      queryParams: [],
      responseTypes: {},
    };
    expect(() => exampleFor(op)).toThrow(/nouveau/);
  });

  it('refuse a string pattern no example fits', () => {
    const examples = new Examples(doc, ['abc']);
    expect(() => examples.value({ type: 'string', pattern: '^Z{3}$' }, 'x')).toThrow(/no example string/);
  });

  it('the fingerprint sees a write to any table and to the evidence folder, and not a session sliding forward', async () => {
    const fp = new DbFingerprinter(h.handle.db, path.join(h.dir, 'evidence'));
    const start = await fp.take();
    await touchSession(
      h.handle.db,
      sha256Hex(tokens.council),
      new Date(Date.now() + 1000).toISOString(),
      new Date(Date.now() + 3600_000).toISOString(),
    );
    expect(differences(start, await fp.take())).toEqual([]);
    const startWithout = await fp.take(['accounts.failed_logins']);
    await h.handle.db.updateTable('accounts').set({ failed_logins: 1 }).where('id', '=', ids.target).execute();
    expect(differences(start, await fp.take())).toEqual([expect.stringMatching(/^table accounts:/)]);
    expect(differences(startWithout, await fp.take(['accounts.failed_logins']))).toEqual([]);
    await h.handle.db.updateTable('accounts').set({ failed_logins: 0 }).where('id', '=', ids.target).execute();
    expect(differences(start, await fp.take())).toEqual([]);
    const stray = path.join(h.dir, 'evidence', 'tmp', 'stray');
    mkdirSync(path.dirname(stray), { recursive: true });
    writeFileSync(stray, 'x');
    expect(differences(start, await fp.take())).toEqual([expect.stringMatching(/^file tmp[/\\]stray:/)]);
    rmSync(stray);
    expect(differences(start, await fp.take())).toEqual([]);
  });

  it('are the same for the same seed', () => {
    expect(hostileStrings(SEED, 8)).toEqual(hostileStrings(SEED, 8));
  });
});
