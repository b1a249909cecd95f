import { describe, expect, it } from 'vitest';
import type { AuditLogEntry, CampaignSettingsResult, SaUnitSummary, SelfAssessment } from '../../src/shared';
import { harnessPerTest, type Harness } from './harness';

/**
 * People by name (issue 15): who submitted a self-assessment, who saved the settings, and the actors and people of
 * the audit log come as display names, never as account ids, in what the office shows.
 */
let h: Harness;
const clock = new Date('2021-12-10T03:00:00Z');
const ids: Record<string, string> = {};
const cookies: Record<string, string> = {};
const NAMES: Record<string, string> = { qt: 'Nguyễn Văn Quản', dm: 'Trần Thị Đầu Mối', cb: 'Lê Văn Cán Bộ', tv: 'Phạm Thành Viên' };
const B = '/api/self-assessments/quang-binh-2021/so-tu-phap';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

const call = async (who: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) => {
  cookies[who] ??= await h.login(who);
  return h.app.inject({ method, url, headers: { cookie: cookies[who] }, ...(payload ? { payload } : {}) });
};

// The named work is done once, on the template; every test reads its own copy of it.
harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    h = t; // `call` signs in and acts on the template here
    ids.qt = await h.account('qt', 'admin');
    ids.dm = await h.account('dm', 'coordinator', { unitId: 'so-tu-phap' });
    ids.cb = await h.account('cb', 'staff', { unitId: 'so-tu-phap' });
    ids.tv = await h.account('tv', 'council', { council: 'none' });
    for (const [u, n] of Object.entries(NAMES))
      await h.handle.db.updateTable('accounts').set({ display_name: n }).where('username', '=', u).execute();

    expect((await call('dm', 'PUT', `${B}/assignments`, { assignments: [{ code: '1.1.1', staffId: ids.cb }] })).statusCode).toBe(204);
    expect(
      (await call('cb', 'PUT', `${B}/items/1.1.1`, { version: 0, score: 1, explanation: 'Kế hoạch 12/KH', note: null })).statusCode,
    ).toBe(204);
    const member = await call('qt', 'PUT', `/api/campaigns/quang-binh-2021/council/${ids.tv}`, {
      position: 'member',
      organisation: 'Sở Tư pháp',
      scopes: [{ kind: 'field', level: 'department', field: '2' }],
    });
    expect(member.statusCode, member.body).toBe(200);
    const settings = (await call('qt', 'GET', '/api/campaigns/quang-binh-2021/settings')).json() as CampaignSettingsResult;
    expect(
      (
        await call('qt', 'PUT', '/api/campaigns/quang-binh-2021/settings', {
          selfAssessmentLate: 'flag',
          minInterviewMinutes: settings.settings.minInterviewMinutes,
        })
      ).statusCode,
    ).toBe(200);
    // Submitted by the coordinator (a whole submission needs every item scored: the row is set as the submit sets it).
    await h.handle.db
      .updateTable('self_assessments')
      .set({ state: 'submitted', submitted_at: clock.toISOString(), submitted_by: ids.dm })
      .where('unit_id', '=', 'so-tu-phap')
      .execute();
    // Only sessions opened on the template exist in every copy: none may be opened lazily by a test.
    expect(Object.keys(cookies).sort()).toEqual(['cb', 'dm', 'qt']);
  },
  { app: { now: () => clock } },
);

describe('names, not ids', () => {
  it('the submitter of a self-assessment: in the unit’s self-assessment and in the list of units', async () => {
    expect(((await call('qt', 'GET', B)).json() as SelfAssessment).submittedBy).toBe('Trần Thị Đầu Mối');
    const list = (await call('qt', 'GET', '/api/campaigns/quang-binh-2021/self-assessments')).json() as SaUnitSummary[];
    expect(list.find((u) => u.unitId === 'so-tu-phap')).toMatchObject({ state: 'submitted', submittedBy: 'Trần Thị Đầu Mối' });
    expect(list.find((u) => u.unitId === 'so-y-te')).toMatchObject({ submittedBy: null });
  });

  it('who saved the campaign settings', async () => {
    expect(((await call('qt', 'GET', '/api/campaigns/quang-binh-2021/settings')).json() as CampaignSettingsResult).updatedBy).toBe(
      'Nguyễn Văn Quản',
    );
  });

  it('the audit log: actors, people named by the subject and by the detail', async () => {
    const { entries } = (await call('qt', 'GET', '/api/audit')).json() as { entries: AuditLogEntry[] };
    const byAction = (action: string) => entries.find((e) => e.action === action)!;
    expect(byAction('sa.assign')).toMatchObject({
      actorName: 'Trần Thị Đầu Mối',
      subjectName: 'Sở Tư pháp',
      detail: { assignments: [{ code: '1.1.1', staffId: ids.cb, staffName: 'Lê Văn Cán Bộ' }] },
    });
    expect(byAction('sa.item.save')).toMatchObject({ actorName: 'Lê Văn Cán Bộ', subjectName: 'Sở Tư pháp · 1.1.1' });
    expect(byAction('council.member.set')).toMatchObject({
      actorName: 'Nguyễn Văn Quản',
      subject: `council:quang-binh-2021:${ids.tv}`,
      subjectName: 'Phạm Thành Viên',
    });
    expect(byAction('campaign.settings')).toMatchObject({
      actorName: 'Nguyễn Văn Quản',
      subjectName: expect.stringMatching(/Chỉ số cải cách hành chính/) as string,
    });
    // The start-up load has no actor; every entry with one is named.
    expect(entries.filter((e) => e.actorId !== null).every((e) => e.actorName !== null && !UUID.test(e.actorName))).toBe(true);
    expect(entries.every((e) => e.subjectName === null || !UUID.test(e.subjectName))).toBe(true);

    // An account subject is named too, and the filter still takes the subject's code.
    const created = await call('qt', 'POST', '/api/campaigns/quang-binh-2021/accounts', {
      username: 'dtv.moi',
      displayName: 'Đỗ Thị Mới',
      role: 'surveyor',
    });
    expect(created.statusCode, created.body).toBe(201);
    const one = (await call('qt', 'GET', '/api/audit?subject=account:dtv.moi')).json() as { entries: AuditLogEntry[] };
    expect(one.entries.map((e) => [e.action, e.actorName, e.subjectName])).toEqual([['account.create', 'Nguyễn Văn Quản', 'Đỗ Thị Mới']]);
  });
});
