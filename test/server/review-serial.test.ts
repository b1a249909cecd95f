import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ReviewDetail, ReviewPage, ReviewSummary } from '../../src/shared';
import { citizenResponse, harnessPerTest, type Harness } from './harness';

/**
 * Paper serials are compared normalised (shared normalisePaperSerial) on the server, as on the phone: " tp-0001 " and
 * "TP-0001" are one paper form entered twice, and the duplicate-serial flag says so everywhere it is shown.
 */
let clock = new Date('2021-12-10T03:00:00Z');
let h: Harness;
let admin: string;
const ids: Record<string, string> = {};

const get = async (url: string) => {
  const res = await h.app.inject({ method: 'GET', url, headers: { cookie: admin } });
  expect(res.statusCode, res.body).toBe(200);
  return res;
};
const review = async (query = '') => (await get(`/api/campaigns/quang-binh-2021/review${query}`)).json() as ReviewPage;

// The five responses arrive once, on the template; every test reads its own copy of them.
harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    await t.account('qt', 'admin');
    const sid = await t.account('s1', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
    const surveyor = await t.login('s1');
    const responses = {
      spaced: citizenResponse(sid, { mode: 'paper', paperSerial: ' tp-0001 ' }),
      upper: citizenResponse(sid, { mode: 'paper', paperSerial: 'TP-0001', deviceId: 'dev-2' }),
      other: citizenResponse(sid, { mode: 'paper', paperSerial: 'TP-0002' }),
      // "Đà-01" typed on two keyboards: composed (U+00E0) and decomposed (a + U+0300), in two cases.
      composed: citizenResponse(sid, { mode: 'paper', paperSerial: 'Đà-01' }),
      decomposed: citizenResponse(sid, { mode: 'paper', paperSerial: 'đa\u0300-01', deviceId: 'dev-2' }),
    };
    for (const [name, r] of Object.entries(responses)) {
      ids[name] = r.id;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/sync/responses',
        headers: { cookie: surveyor },
        payload: { responses: [r] },
      });
      expect(res.json().results[0].status, res.body).toBe('accepted');
      clock = new Date(clock.getTime() + 60_000);
    }
    admin = await t.login('qt');
  },
  { app: { now: () => clock } },
);

describe('duplicate paper serials, compared normalised', () => {
  it('flags " tp-0001 " and "TP-0001" as the same paper form, and TP-0002 as another', async () => {
    const flags = Object.fromEntries((await review()).items.map((i) => [i.id, i.flags]));
    expect(flags[ids.spaced!]).toEqual(['duplicate-serial']);
    expect(flags[ids.upper!]).toEqual(['duplicate-serial']);
    expect(flags[ids.other!]).toEqual([]);
  });

  it('flags a serial typed with composed and decomposed Vietnamese letters, in either case, as one', async () => {
    const flags = Object.fromEntries((await review()).items.map((i) => [i.id, i.flags]));
    expect(flags[ids.composed!]).toEqual(['duplicate-serial']);
    expect(flags[ids.decomposed!]).toEqual(['duplicate-serial']);
  });

  it('finds them with the flag filter, counts them in the summary, and shows the flag on each one', async () => {
    expect((await review('?flag=duplicate-serial')).items.map((i) => i.id)).toEqual([ids.spaced, ids.upper, ids.composed, ids.decomposed]);
    const summary = (await get('/api/campaigns/quang-binh-2021/review/summary')).json() as ReviewSummary;
    expect(summary.flags['duplicate-serial']).toBe(4);
    const detail = (await get(`/api/responses/${ids.upper}/review`)).json() as ReviewDetail;
    expect(detail.flags).toEqual(['duplicate-serial']);
    // The serial as received is kept (trimmed by the sync schema), not rewritten.
    expect(((await get(`/api/responses/${ids.spaced}/review`)).json() as ReviewDetail).paperSerial).toBe('tp-0001');
  });

  it('marks both in the responses download', async () => {
    const res = await get('/api/campaigns/quang-binh-2021/exports/responses.csv?questionnaireId=phieu-03-s');
    const rows = parse(res.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    const flag = Object.fromEntries(rows.map((r) => [r.id, r.flag_duplicate_serial]));
    expect([flag[ids.spaced!], flag[ids.upper!], flag[ids.other!], flag[ids.composed!], flag[ids.decomposed!]]).toEqual([
      '1',
      '1',
      '0',
      '1',
      '1',
    ]);
  });
});
