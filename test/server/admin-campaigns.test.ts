// Home Affairs opens and closes the campaign and changes its run-time settings; sync and pull see it at once.
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../src/server/db/audit';
import { countResponses } from '../../src/server/db/responses';
import { loadCampaign } from '../../src/server/services/campaign-loader';
import type { AdminCampaign, CampaignSettingsResult, ItemResult, PullResult } from '../../src/shared';
import { loadBundle, twoLevelFixtureDir } from '../fixtures/campaigns';
import { api, CAMPAIGN, countRows, expectError, signIn } from './admin-helpers';
import { citizenResponse, harnessPerTest, type Harness } from './harness';

let h: Harness;
let admin: string;
let adminId: string;
let surveyor: string;
let surveyorId: string;

const push = async (responses: unknown[]) =>
  (await api(h, 'POST', '/api/sync/responses', { cookie: surveyor, payload: { responses } })).json() as { results: ItemResult[] };
const statuses = (r: { results: ItemResult[] }) => r.results.map((x) => (x.status === 'rejected' ? `rejected:${x.code}` : x.status));
const setState = (state: string, id = CAMPAIGN) => api(h, 'PUT', `/api/campaigns/${id}/state`, { cookie: admin, payload: { state } });

harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    adminId = await t.account('qt', 'admin');
    surveyorId = await t.account('dtv', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan', 10]] });
    admin = await signIn(t, 'qt');
    surveyor = await signIn(t, 'dtv');
  },
);

describe('the campaign list', () => {
  it('gives state, deadlines in force, counts and quota totals', async () => {
    expect((await push([citizenResponse(surveyorId), citizenResponse(surveyorId)])).results.map((r) => r.status)).toEqual([
      'accepted',
      'accepted',
    ]);
    const res = await api(h, 'GET', '/api/campaigns', { cookie: admin });
    expect(res.statusCode).toBe(200);
    const [c] = (res.json() as { campaigns: AdminCampaign[] }).campaigns;
    expect(c).toMatchObject({ id: CAMPAIGN, state: 'open', units: 29, groups: 6, surveyors: 1, deadlinesOverridden: false });
    expect(c?.totals).toMatchObject({ target: 2745, received: 2, counted: 2, remaining: 2743 });
    expect(c?.deadlines).toEqual(c?.definitionDeadlines);
  });
});

describe('opening and closing', () => {
  it('closes the campaign: a surveyor push is refused per item with campaign-closed and nothing is stored', async () => {
    const res = await setState('closed');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ previousState: 'open', changed: true, campaign: { state: 'closed' } });
    const before = await countResponses(h.handle.db);
    expect(statuses(await push([citizenResponse(surveyorId)]))).toEqual(['rejected:campaign-closed']);
    expect(await countResponses(h.handle.db)).toBe(before);
    const pull = (await api(h, 'GET', '/api/sync/pull', { cookie: surveyor })).json() as PullResult;
    expect(pull.campaign.state).toBe('closed');
  });

  it('reopens it: pushes are accepted again; setting the same state again changes nothing', async () => {
    expect((await setState('closed')).statusCode).toBe(200);
    expect((await setState('open')).json()).toMatchObject({ previousState: 'closed', changed: true });
    expect(statuses(await push([citizenResponse(surveyorId)]))).toEqual(['accepted']);
    const audit = await countRows(h, 'audit_log');
    expect((await setState('open')).json()).toMatchObject({ previousState: 'open', changed: false });
    expect(await countRows(h, 'audit_log')).toBe(audit);
    const entries = (await listAudit(h.handle.db, `campaign:${CAMPAIGN}`)).filter((e) => e.action === 'campaign.state');
    expect(entries.map((e) => [e.actor_id, JSON.parse(e.detail_json ?? '{}')])).toEqual([
      [adminId, { from: 'open', to: 'closed' }],
      [adminId, { from: 'closed', to: 'open' }],
    ]);
  });

  it('refuses a state that does not exist, and an unknown campaign', async () => {
    expectError(await setState('paused'), 400, 'invalid-request');
    expectError(await api(h, 'PUT', '/api/campaigns/khong-co/state', { cookie: admin, payload: { state: 'open' } }), 404, 'not-found');
    expectError(
      await api(h, 'PUT', `/api/campaigns/${CAMPAIGN}/state`, { cookie: admin, payload: { state: 'open', extra: 1 } }),
      400,
      'invalid-request',
    );
  });

  it('says a refusal in English when asked', async () => {
    const res = await api(h, 'PUT', '/api/campaigns/khong-co/state', {
      cookie: admin,
      payload: { state: 'open' },
      headers: { 'accept-language': 'en-US,en;q=0.8' },
    });
    expectError(res, 404, 'not-found');
    expect(res.json().message).toBe('Campaign "khong-co" was not found.');
    expect((await setState('open', 'khong-co')).json().message).toBe('Không tìm thấy kỳ đánh giá "khong-co".');
  });

  it('keeps one campaign open at a time', async () => {
    const bundle = await loadBundle(twoLevelFixtureDir);
    await loadCampaign(h.handle.db, { ...bundle, campaign: { ...bundle.campaign, state: 'draft' } }, new Date());
    await h.registry.reload();
    const res = await setState('open', bundle.campaign.id);
    expectError(res, 409, 'another-campaign-open');
    expect(res.json().message).toContain('đóng kỳ đó trước');
    const list = (await api(h, 'GET', '/api/campaigns', { cookie: admin })).json() as { campaigns: AdminCampaign[] };
    expect(list.campaigns.map((c) => [c.id, c.state])).toEqual([
      [CAMPAIGN, 'open'],
      [bundle.campaign.id, 'draft'],
    ]);
  });
});

describe('run-time settings', () => {
  const settingsUrl = `/api/campaigns/${CAMPAIGN}/settings`;
  const deadlines = { selfAssessment: '2021-12-20', survey: '2022-01-10', appraisal: '2022-01-20', publication: '2022-02-01' };

  it('reads the defaults and the definition deadlines', async () => {
    const res = await api(h, 'GET', settingsUrl, { cookie: admin });
    expect(res.statusCode).toBe(200);
    const body = res.json() as CampaignSettingsResult;
    expect(body.settings).toEqual({
      minInterviewMinutes: 5,
      payment: { respondentRate: 0, respondentRateByGroup: {}, surveyorRate: 0, surveyorPaidFor: 'included' },
      surveyLate: 'flag',
      selfAssessmentLate: 'refuse',
      appraisalLate: 'refuse',
      publicationLate: 'refuse',
    });
    expect(body.updatedAt).toBeNull();
    // Kế hoạch 2656: "trước ngày 30/12/2021", so the last day on time is the 29th.
    expect(body.definitionWording.survey).toEqual({ day: '2021-12-30', rule: 'before' });
    expect(body.definitionDeadlines.survey).toBe('2021-12-29');
  });

  it('saves new deadlines and rates: pull shows the new deadlines, the list says they are overridden', async () => {
    const payload = {
      deadlines,
      minInterviewMinutes: 8,
      payment: {
        respondentRate: 50_000,
        respondentRateByGroup: { 'so-cong-chuc-so': 30_000 },
        surveyorRate: 20_000,
        surveyorPaidFor: 'received',
      },
      surveyLate: 'refuse',
      selfAssessmentLate: 'flag',
      appraisalLate: 'flag',
      publicationLate: 'refuse',
    };
    const res = await api(h, 'PUT', settingsUrl, { cookie: admin, payload });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ settings: payload, updatedBy: 'qt' });
    expect((await api(h, 'GET', settingsUrl, { cookie: admin })).json().settings).toEqual(payload);
    const pull = (await api(h, 'GET', '/api/sync/pull', { cookie: surveyor })).json() as PullResult;
    expect(pull.campaign.deadlines).toEqual(deadlines);
    const [c] = ((await api(h, 'GET', '/api/campaigns', { cookie: admin })).json() as { campaigns: AdminCampaign[] }).campaigns;
    expect(c).toMatchObject({ deadlines, deadlinesOverridden: true });
    expect(c?.definitionDeadlines).not.toEqual(deadlines);
    const [entry] = (await listAudit(h.handle.db, `campaign:${CAMPAIGN}`)).filter((e) => e.action === 'campaign.settings');
    expect(entry?.actor_id).toBe(adminId);
  });

  it.each([
    ['a date that is not a date', { deadlines: { ...deadlines, survey: '10/01/2022' } }, 'body.deadlines.survey'],
    ['publication before appraisal', { deadlines: { ...deadlines, publication: '2022-01-01' } }, 'body.deadlines.publication'],
    ['a missing deadline', { deadlines: { survey: '2022-01-10' } }, 'body.deadlines.selfAssessment'],
    ['a negative rate', { payment: { respondentRate: -1 } }, 'body.payment.respondentRate'],
    ['a fractional rate', { payment: { surveyorRate: 1.5 } }, 'body.payment.surveyorRate'],
    [
      'a rate for a group of no campaign',
      { payment: { respondentRateByGroup: { 'khong-co': 1000 } } },
      'body.payment.respondentRateByGroup.khong-co',
    ],
    ['an unknown setting', { quota: 3 }, 'body'],
    ['a threshold out of range', { minInterviewMinutes: 500 }, 'body.minInterviewMinutes'],
  ])('refuses %s with a message where it applies, and keeps the settings', async (_, payload, path) => {
    const before = (await api(h, 'GET', settingsUrl, { cookie: admin })).json();
    const res = await api(h, 'PUT', settingsUrl, { cookie: admin, payload });
    expectError(res, 400);
    const issues = res.json().issues as { path: string; message: string }[];
    expect(issues.map((i) => i.path)).toContain(path);
    for (const i of issues) expect(i.message.length).toBeGreaterThan(0);
    expect((await api(h, 'GET', settingsUrl, { cookie: admin })).json()).toEqual(before);
  });

  it('goes back to the file deadlines when the override is left out', async () => {
    expect((await api(h, 'PUT', settingsUrl, { cookie: admin, payload: { deadlines } })).statusCode).toBe(200);
    const res = await api(h, 'PUT', settingsUrl, { cookie: admin, payload: { minInterviewMinutes: 8 } });
    expect(res.statusCode).toBe(200);
    const pull = (await api(h, 'GET', '/api/sync/pull', { cookie: surveyor })).json() as PullResult;
    expect(pull.campaign.deadlines).toEqual(res.json().definitionDeadlines);
  });
});
