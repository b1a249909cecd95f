// Issue 15, deadlines: Kế hoạch 2656 says the survey ends "trước ngày 30/12/2021", so the last day on time is the
// 29th (Vietnam time, whatever offset the device wrote). Under the default rule a response finished later is accepted
// and flagged "late" for review and in the downloads; Home Affairs moving the deadline moves the flag with it.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { putSettingsJson } from '../../src/server/db/settings';
import type { PullResult, ReviewPage, ReviewSummary } from '../../src/shared';
import { citizenResponse, harnessPerTest, type Harness } from './harness';

const CAMPAIGN = 'quang-binh-2021';
let h: Harness;
let admin: string;
let surveyor: string;
let sid: string;
const ids: Record<string, string> = {};
const sent: Record<string, ReturnType<typeof citizenResponse>> = {};
const push = async (r: ReturnType<typeof citizenResponse>, on: Harness = h) => {
  const res = await on.app.inject({
    method: 'POST',
    url: '/api/sync/responses',
    headers: { cookie: surveyor },
    payload: { responses: [r] },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().results[0] as { status: string; code?: string; message?: string };
};

const get = async <T>(url: string) => {
  const res = await h.app.inject({ method: 'GET', url, headers: { cookie: admin } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
};
const flagsById = async () =>
  Object.fromEntries((await get<ReviewPage>(`/api/campaigns/${CAMPAIGN}/review`)).items.map((i) => [i.id, i.flags]));
const csvFlags = async () => {
  const res = await h.app.inject({
    method: 'GET',
    url: `/api/campaigns/${CAMPAIGN}/exports/responses.csv?questionnaireId=phieu-03-s`,
    headers: { cookie: admin },
  });
  expect(res.statusCode, res.body).toBe(200);
  const rows = parse(res.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
  return Object.fromEntries(rows.map((r) => [r.id, r.flag_late]));
};
const setSettings = async (settings: object) => {
  await putSettingsJson(h.handle.db, CAMPAIGN, JSON.stringify(settings), new Date().toISOString(), null);
  await h.registry.reload();
};

// Every test starts from the three responses pushed once in the template.
harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    await t.account('qt', 'admin');
    sid = await t.account('s1', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
    surveyor = await t.login('s1');
    const finished = {
      // The last day on time, to its last minute.
      lastDay: '2021-12-29T23:50:00+07:00',
      // The deadline's own day: "before 30/12" makes it late.
      deadlineDay: '2021-12-30T00:10:00+07:00',
      // Written in UTC by the device: 17:30Z on the 29th is 00:30 on the 30th in Vietnam.
      utc: '2021-12-29T17:30:00Z',
    };
    for (const [name, at] of Object.entries(finished)) {
      const r = citizenResponse(sid, { startedAt: new Date(Date.parse(at) - 15 * 60_000).toISOString(), finishedAt: at });
      ids[name] = r.id;
      sent[name] = r;
      expect(await push(r, t)).toMatchObject({ status: 'accepted' });
    }
    admin = await t.login('qt');
  },
);

describe('a response finished after the survey deadline (default rule: accept and flag)', () => {
  it('is accepted, flagged late in review, counted in the summary and found by the flag filter', async () => {
    const flags = await flagsById();
    expect(flags[ids.lastDay!]).toEqual([]);
    expect(flags[ids.deadlineDay!]).toEqual(['late']);
    expect(flags[ids.utc!]).toEqual(['late']);
    expect((await get<ReviewSummary>(`/api/campaigns/${CAMPAIGN}/review/summary`)).flags.late).toBe(2);
    const late = await get<ReviewPage>(`/api/campaigns/${CAMPAIGN}/review?flag=late`);
    expect(late.items.map((i) => i.id).sort()).toEqual([ids.deadlineDay, ids.utc].sort());
    expect((await get<ReviewPage>(`/api/campaigns/${CAMPAIGN}/review?flag=any`)).items).toHaveLength(2);
    expect(await get(`/api/responses/${ids.utc}/review`)).toMatchObject({ flags: ['late'] });
  });

  it('carries the flag into the download (flag_late)', async () => {
    expect(await csvFlags()).toEqual({ [ids.lastDay!]: '0', [ids.deadlineDay!]: '1', [ids.utc!]: '1' });
  });

  it('is on time again once Home Affairs moves the survey deadline (a settings day is the last day on time)', async () => {
    await setSettings({
      deadlines: { selfAssessment: '2021-12-14', survey: '2021-12-30', appraisal: '2021-12-30', publication: '2022-01-14' },
    });
    try {
      const flags = await flagsById();
      expect(Object.values(flags)).toEqual([[], [], []]);
      expect((await get<ReviewSummary>(`/api/campaigns/${CAMPAIGN}/review/summary`)).flags.late).toBe(0);
      expect((await get<ReviewPage>(`/api/campaigns/${CAMPAIGN}/review?flag=late`)).items).toEqual([]);
      expect(Object.values(await csvFlags())).toEqual(['0', '0', '0']);
    } finally {
      await setSettings({});
    }
  });
});

describe('under the rule "refuse" (settings.surveyLate)', () => {
  const stored = async () =>
    Number(
      (
        await h.handle.db
          .selectFrom('responses')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses a new late response with after-deadline and a reason, writes nothing, and still takes an on-time one', async () => {
    await setSettings({ surveyLate: 'refuse' });
    try {
      const before = await stored();
      const late = citizenResponse(sid, { startedAt: '2021-12-30T07:45:00+07:00', finishedAt: '2021-12-30T08:00:00+07:00' });
      const refused = await push(late);
      expect(refused).toMatchObject({ status: 'rejected', code: 'after-deadline' });
      expect(refused.message).toBe(
        'Phiếu hoàn thành ngày 30/12/2021, sau hạn điều tra (đến hết ngày 29/12/2021): kỳ đánh giá không nhận phiếu hoàn thành sau hạn.',
      );
      expect(await stored()).toBe(before);
      expect(
        await push(citizenResponse(sid, { startedAt: '2021-12-29T07:45:00+07:00', finishedAt: '2021-12-29T08:00:00+07:00' })),
      ).toMatchObject({ status: 'accepted' });
      expect(await stored()).toBe(before + 1);
      // The device learns the rule from its pull, to know when a refused response is worth sending again.
      const pull = (await h.app.inject({ method: 'GET', url: '/api/sync/pull', headers: { cookie: surveyor } })).json() as PullResult;
      expect(pull).toMatchObject({ surveyLate: 'refuse', campaign: { deadlines: { survey: '2021-12-29' } } });
    } finally {
      await setSettings({});
    }
  });

  it('still answers duplicate for a late response taken before the rule changed: a retry never turns into a refusal', async () => {
    await setSettings({ surveyLate: 'refuse' });
    try {
      expect(await push(sent.deadlineDay!)).toMatchObject({ status: 'duplicate' });
    } finally {
      await setSettings({});
    }
  });

  it('takes the refused response once Home Affairs moves the deadline past its day', async () => {
    await setSettings({
      surveyLate: 'refuse',
      deadlines: { selfAssessment: '2021-12-14', survey: '2021-12-31', appraisal: '2021-12-31', publication: '2022-01-14' },
    });
    try {
      expect(
        await push(citizenResponse(sid, { startedAt: '2021-12-30T07:45:00+07:00', finishedAt: '2021-12-30T08:00:00+07:00' })),
      ).toMatchObject({ status: 'accepted' });
    } finally {
      await setSettings({});
    }
  });
});
