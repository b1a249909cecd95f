// A refused sync item is said in the language the push asks for (Accept-Language), Vietnamese by default; its code never changes.
import { describe, expect, it } from 'vitest';
import { setCampaignState } from '../../src/server/db/campaigns';
import { FIELD_TEXT_EN, FIELD_TEXT_VI, type ItemResult } from '../../src/shared';
import { citizenResponse, harnessPerTest, ORIGIN, type Harness } from './harness';

let h: Harness;
let surveyorId: string;
let cookie: string;
let admin: string;
const CAMPAIGN = 'quang-binh-2021';
const EN = { 'accept-language': 'en-US,en;q=0.9' };

harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    surveyorId = await t.account('dt', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
    cookie = await t.login('dt');
    await t.account('qt', 'admin');
    admin = await t.login('qt');
  },
);

type Refusal = Extract<ItemResult, { status: 'rejected' }>;
const said = (r: ItemResult | undefined) => {
  if (r?.status !== 'rejected') throw new Error(`expected a refusal, got ${JSON.stringify(r)}`);
  return { code: r.code, message: r.message, issues: r.issues } satisfies Partial<Refusal>;
};

const push = async (responses: unknown[], headers: Record<string, string> = {}) => {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/sync/responses',
    headers: { cookie, origin: ORIGIN, ...headers },
    payload: { responses },
  });
  expect(res.statusCode).toBe(200);
  return (res.json() as { results: ItemResult[] }).results.map(said);
};
const pushRoster = async (entries: unknown[], headers: Record<string, string> = {}) => {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/sync/roster',
    headers: { cookie, origin: ORIGIN, ...headers },
    payload: { entries },
  });
  expect(res.statusCode).toBe(200);
  return (res.json() as { results: ItemResult[] }).results.map(said);
};

const rosterEntry = (over: Record<string, unknown> = {}) => ({
  id: crypto.randomUUID(),
  campaignId: CAMPAIGN,
  unitId: 'so-tu-phap',
  groupId: 'so-nguoi-dan',
  surveyorId,
  deviceId: 'dev-test',
  respondentName: 'Nguyễn Thị Hoà',
  collectedOn: '2021-12-10',
  ...over,
});

describe('the words of a refused sync item', () => {
  // Built once per language, so both pushes send the very same items.
  const items = () => [citizenResponse(surveyorId, { unitId: 'so-y-te' }), citizenResponse(surveyorId, { unitId: 'khong-co' })];

  it('are English when the push asks for English', async () => {
    const [notAssigned, unknownUnit] = await push(items(), EN);
    expect(notAssigned).toEqual({
      code: 'not-assigned',
      message: 'You are not assigned to collect questionnaires for this unit and group',
      issues: [{ path: 'unitId', message: 'so-y-te × so-nguoi-dan' }],
    });
    expect(unknownUnit).toEqual({
      code: 'invalid',
      message: 'No such unit',
      issues: [{ path: 'unitId', message: 'The campaign has no unit "khong-co"' }],
    });
  });

  it('are Vietnamese without the header', async () => {
    const [notAssigned, unknownUnit] = await push(items());
    expect(notAssigned).toEqual({
      code: 'not-assigned',
      message: 'Bạn không được phân công thu phiếu cho đơn vị và đối tượng này',
      issues: [{ path: 'unitId', message: 'so-y-te × so-nguoi-dan' }],
    });
    expect(unknownUnit).toEqual({
      code: 'invalid',
      message: 'Không có đơn vị này',
      issues: [{ path: 'unitId', message: 'Không có đơn vị "khong-co" trong kỳ đánh giá' }],
    });
  });

  it('say a closed campaign in either language', async () => {
    await setCampaignState(h.handle.db, CAMPAIGN, 'closed', new Date().toISOString());
    await h.registry.reload();
    try {
      expect((await push([citizenResponse(surveyorId)], EN))[0]).toEqual({
        code: 'campaign-closed',
        message: 'The campaign is not accepting data. Export the unsynced data and contact Home Affairs.',
        issues: [],
      });
      expect((await push([citizenResponse(surveyorId)]))[0]).toEqual({
        code: 'campaign-closed',
        message: 'Kỳ đánh giá không mở nhận dữ liệu. Xuất dữ liệu chưa đồng bộ và liên hệ Sở Nội vụ.',
        issues: [],
      });
    } finally {
      await setCampaignState(h.handle.db, CAMPAIGN, 'open', new Date().toISOString());
      await h.registry.reload();
    }
  });

  it('say an invalid roster line and its fields (the schema’s words) in either language', async () => {
    const bad = () => [rosterEntry({ phone: '<script>' })];
    expect((await pushRoster(bad(), EN))[0]).toEqual({
      code: 'invalid',
      message: 'The roster line is not valid',
      issues: [{ path: 'phone', message: FIELD_TEXT_EN.phone }],
    });
    expect((await pushRoster(bad()))[0]).toEqual({
      code: 'invalid',
      message: 'Dòng danh sách không hợp lệ',
      issues: [{ path: 'phone', message: FIELD_TEXT_VI.phone }],
    });
  });

  it('say an invalid answer in either language', async () => {
    const r = citizenResponse(surveyorId);
    const [bad] = await push([{ ...r, answers: { ...r.answers, Q1: 'Z' } }], EN);
    expect(bad).toEqual({
      code: 'invalid',
      message: 'Some answers are not valid',
      issues: [{ path: 'answers.Q1', message: '"Z" is not an option of this question' }],
    });
    const [vi] = await push([{ ...r, id: crypto.randomUUID(), answers: { ...r.answers, Q1: 'Z' } }]);
    expect(vi).toEqual({
      code: 'invalid',
      message: 'Có câu trả lời không hợp lệ',
      issues: [{ path: 'answers.Q1', message: '"Z" không phải là một phương án của câu này' }],
    });
  });

  it('follow the request through the upload of a device file', async () => {
    const file = {
      format: 'phieu-unsynced',
      version: 1,
      exportedAt: '2021-12-20T08:00:00.000Z',
      deviceId: 'dev-lost',
      responses: [citizenResponse('no-such-surveyor'), citizenResponse(surveyorId, { unitId: 'so-y-te' })],
      roster: [],
    };
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/campaigns/${CAMPAIGN}/import`,
      headers: { cookie: admin, origin: ORIGIN, ...EN },
      payload: file,
    });
    expect(res.statusCode).toBe(200);
    const [unknownSurveyor, notAssigned] = (res.json() as { responses: ItemResult[] }).responses.map(said);
    expect(unknownSurveyor).toEqual({
      code: 'invalid',
      message: 'The server has no surveyor with this id',
      issues: [{ path: 'surveyorId', message: 'no-such-surveyor' }],
    });
    expect(notAssigned).toMatchObject({
      code: 'not-assigned',
      message: 'You are not assigned to collect questionnaires for this unit and group',
    });
  });
});
