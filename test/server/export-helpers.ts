import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { upsertAssignment } from '../../src/server/db/assignments';
import { createAccount } from '../../src/server/services/auth';
import {
  allQuestions,
  isChoiceQuestion,
  type CampaignBundle,
  type ItemResult,
  type Questionnaire,
  type Role,
  type SurveyResponse,
} from '../../src/shared';
import { ORIGIN, PASSWORD, type Harness } from './harness';

/** An account with a Vietnamese display name (the harness names accounts after their login). */
export async function person(
  h: Harness,
  username: string,
  displayName: string,
  role: Role,
  o: { unitId?: string; cells?: [string, string][] } = {},
): Promise<string> {
  const campaignId = h.registry.list()[0]?.bundle.campaign.id ?? null;
  const id = await createAccount(
    h.handle.db,
    { username, displayName, role, password: PASSWORD, unitId: o.unitId ?? null, campaignId },
    new Date(),
  );
  for (const [unit, group] of o.cells ?? []) {
    await upsertAssignment(h.handle.db, {
      campaign_id: campaignId ?? '',
      surveyor_id: id,
      unit_id: unit,
      group_id: group,
      allocation: null,
      created_at: new Date().toISOString(),
    });
  }
  return id;
}

let address = 0;
/** Signs in from an address of its own (the per-address login limit never gets in the way). */
export async function signIn(h: Harness, username: string): Promise<string> {
  address += 1;
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: `10.55.${Math.floor(address / 250)}.${(address % 250) + 1}`,
    payload: { username, password: PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  const c = res.cookies.find((x) => x.name === 'phieu_session');
  if (!c) throw new Error('no session cookie');
  return `phieu_session=${c.value}`;
}

/** Pushes through the real sync endpoint and expects every item accepted. */
export async function pushAccepted(h: Harness, cookie: string, responses: SurveyResponse[]): Promise<void> {
  for (let i = 0; i < responses.length; i += 100) {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/sync/responses',
      headers: { cookie, origin: ORIGIN },
      payload: { responses: responses.slice(i, i + 100) },
    });
    expect(res.statusCode, res.body).toBe(200);
    const results = (res.json() as { results: ItemResult[] }).results;
    expect(results.map((r) => (r.status === 'rejected' ? `${r.code}: ${JSON.stringify(r.issues)}` : r.status))).toEqual(
      results.map(() => 'accepted'),
    );
  }
}

export async function pushRoster(h: Harness, cookie: string, entries: object[]): Promise<void> {
  const res = await h.app.inject({ method: 'POST', url: '/api/sync/roster', headers: { cookie, origin: ORIGIN }, payload: { entries } });
  expect(res.statusCode, res.body).toBe(200);
  expect((res.json() as { results: ItemResult[] }).results.map((r) => r.status)).toEqual(entries.map(() => 'accepted'));
}

/** Marks a response excluded the way review does (the review endpoints are another issue's), counts included. */
export async function exclude(h: Harness, id: string, reason: string): Promise<void> {
  const row = await h.handle.db
    .selectFrom('responses')
    .select(['campaign_id', 'unit_id', 'group_id', 'surveyor_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  await h.handle.db
    .updateTable('responses')
    .set({ excluded: 1, excluded_reason: reason, reviewed_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
  await h.handle.db
    .updateTable('cell_counts')
    .set((eb) => ({ excluded: eb('excluded', '+', 1) }))
    .where('campaign_id', '=', row.campaign_id)
    .where('unit_id', '=', row.unit_id)
    .where('group_id', '=', row.group_id)
    .execute();
  await h.handle.db
    .updateTable('surveyor_counts')
    .set((eb) => ({ excluded: eb('excluded', '+', 1) }))
    .where('campaign_id', '=', row.campaign_id)
    .where('surveyor_id', '=', row.surveyor_id)
    .where('unit_id', '=', row.unit_id)
    .where('group_id', '=', row.group_id)
    .execute();
}

/**
 * Answers to every question of a questionnaire: the `at`-th choice (clamped; or `at(i)` for the i-th question), two
 * choices for a multiple choice.
 */
export function answersFor(
  q: Questionnaire,
  at: number | ((i: number) => number) = 0,
  text = 'Ý kiến của người trả lời',
): SurveyResponse['answers'] {
  const answers: SurveyResponse['answers'] = {};
  for (const [i, question] of allQuestions(q).entries()) {
    if (isChoiceQuestion(question)) {
      const codes = question.choices.map((c) => c.code);
      const pick = typeof at === 'number' ? at : at(i);
      answers[question.code] =
        question.kind === 'multiple-choice' ? codes.slice(0, 2) : (codes[Math.min(pick, codes.length - 1)] as string);
    } else if (question.kind === 'number') answers[question.code] = question.min ?? 3;
    else if (question.kind === 'date') answers[question.code] = question.min ?? '2021-12-01';
    else answers[question.code] = text;
  }
  return answers;
}

export function response(
  over: Partial<SurveyResponse> & Pick<SurveyResponse, 'unitId' | 'groupId' | 'questionnaireId' | 'surveyorId' | 'answers'>,
): SurveyResponse {
  return {
    id: randomUUID(),
    campaignId: 'quang-binh-2021',
    questionnaireVersion: 1,
    deviceId: 'dev-export',
    startedAt: '2021-12-10T08:00:00+07:00',
    finishedAt: '2021-12-10T08:14:00+07:00',
    appVersion: '0.1.0',
    mode: 'interview',
    ...over,
  };
}

/** "YYYY-MM-DD HH:mm:ss" in Asia/Ho_Chi_Minh, through Intl (not the code under test). */
const vnFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
export const vnTime = (iso: string): string => vnFormat.format(new Date(iso));

export const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export async function readWorkbook(res: LightMyRequestResponse): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

/** A sheet as arrays of cell values (1-based exceljs rows made 0-based; empty cells null). */
export function sheetRows(wb: ExcelJS.Workbook, name: string): unknown[][] {
  const sheet = wb.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet "${name}" (have ${wb.worksheets.map((w) => w.name).join(', ')})`);
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values = row.values as unknown[];
    const out: unknown[] = [];
    for (let i = 1; i < values.length; i += 1) out.push(values[i] ?? null);
    rows.push(out);
  });
  return rows;
}

/** Writes a campaign bundle as a definitions folder (for a harness over a hand-made campaign). */
export function writeCampaignFolder(bundle: CampaignBundle): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'phieu-campaign-'));
  mkdirSync(path.join(dir, 'frameworks'));
  mkdirSync(path.join(dir, 'questionnaires'));
  writeFileSync(path.join(dir, 'campaign.json'), JSON.stringify(bundle.campaign));
  writeFileSync(path.join(dir, 'scoring.json'), JSON.stringify(bundle.scoring));
  for (const f of bundle.frameworks) writeFileSync(path.join(dir, 'frameworks', `${f.level}.json`), JSON.stringify(f));
  for (const q of bundle.questionnaires) writeFileSync(path.join(dir, 'questionnaires', `${q.id}-v${q.version}.json`), JSON.stringify(q));
  return dir;
}

export const errorOf = (res: LightMyRequestResponse) =>
  res.json() as { error: string; message: string; issues?: { path: string; message: string }[] };
