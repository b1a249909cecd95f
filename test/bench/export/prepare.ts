import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrateToLatest, openSqlite } from '../../../src/server/db/database';
import { openPostgres } from '../../../src/server/db/postgres';
import { insertResponses } from '../../../src/server/db/responses';
import { insertRosterEntries } from '../../../src/server/db/roster';
import type { NewResponse } from '../../../src/server/db/schema';
import { putSettingsJson } from '../../../src/server/db/settings';
import { inTransaction } from '../../../src/server/db/transaction';
import { createAccount } from '../../../src/server/services/auth';
import { loadCampaign } from '../../../src/server/services/campaign-loader';
import { interviewSeconds, uniformAnswers, versionKey, type CampaignIndex, type SurveyResponse } from '../../../src/shared';
import { loadBundle, loadIndex, referenceCampaignDir } from '../../fixtures/campaigns';
import { generateResponses, prng } from '../../fixtures/generate-responses';

export const BENCH_ADMIN = { username: 'bench-admin', password: 'bench-admin-password' };
/** The questionnaire of the responses downloads: citizens rating the 21 departments. */
export const EXPORT_GROUP = 'so-nguoi-dan';
export const EXPORT_QUESTIONNAIRE = 'phieu-03-s';

/**
 * A data folder with the reference campaign, Home Affairs' account, payment rates and `count` responses, stored as
 * sync stores them (duration, straight-lining, over quota) with some variety a real campaign has: paper forms with
 * serials (a few used twice), responses spread over the survey month and excluded ones with a reason.
 * `group` narrows the responses to one respondent group (one questionnaire); otherwise they cover every quota cell.
 * With `databaseUrl` the rows go to that (empty) PostgreSQL database instead of the folder's SQLite file.
 */
export async function prepareDataDir(count: number, opts: { group?: string; seed?: number; databaseUrl?: string } = {}): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'phieu-bench-export-'));
  const handle = opts.databaseUrl ? openPostgres(opts.databaseUrl, 2) : openSqlite(path.join(dir, 'phieu.sqlite'));
  try {
    await migrateToLatest(handle.db);
    const bundle = await loadBundle(referenceCampaignDir);
    await loadCampaign(handle.db, bundle, new Date());
    await createAccount(
      handle.db,
      { username: BENCH_ADMIN.username, displayName: 'Quản trị Sở Nội vụ', role: 'admin', password: BENCH_ADMIN.password },
      new Date(),
    );
    await putSettingsJson(
      handle.db,
      bundle.campaign.id,
      JSON.stringify({ payment: { respondentRate: 50_000, surveyorRate: 20_000 } }),
      new Date().toISOString(),
      null,
    );
    const full = await loadIndex(referenceCampaignDir);
    const index: CampaignIndex = opts.group
      ? {
          ...full,
          bundle: {
            ...full.bundle,
            campaign: { ...full.bundle.campaign, quotas: full.bundle.campaign.quotas.filter((q) => q.group === opts.group) },
          },
        }
      : full;
    const rnd = prng(opts.seed ?? 5);
    const surveyors = new Map<string, string>();
    for (let i = 1; i <= 40; i += 1) {
      surveyors.set(
        `sv-${i}`,
        await createAccount(
          handle.db,
          {
            username: `dtv-${i}`,
            displayName: `Điều tra viên số ${i}`,
            role: 'surveyor',
            password: 'bench-surveyor',
            campaignId: bundle.campaign.id,
          },
          new Date(),
        ),
      );
    }
    const counted = new Map<string, number>();
    const CHUNK = 5_000;
    for (let done = 0; done < count; done += CHUNK) {
      const batch = generateResponses(index, Math.min(CHUNK, count - done), (opts.seed ?? 5) * 1000 + done);
      const rows = batch.map((r) => storedRow(r, full, rnd, surveyors, counted));
      await inTransaction(handle.db, (trx) => insertResponses(trx, rows));
    }
    // The insert path of sync stores no reason (review adds it): give the excluded ones theirs.
    await handle.db
      .updateTable('responses')
      .set({ excluded_reason: 'Phiếu trùng lặp, loại khi rà soát' })
      .where('excluded', '=', 1)
      .execute();
    // A payment roster line for every 50th response (names only; never linked to the answers).
    const roster = Array.from({ length: Math.ceil(count / 50) }, (_, i) => {
      const unit = index.bundle.campaign.quotas[i % index.bundle.campaign.quotas.length]!;
      return {
        id: `roster-${i}`,
        campaign_id: bundle.campaign.id,
        unit_id: unit.unit,
        group_id: unit.group,
        surveyor_id: surveyors.get('sv-1')!,
        device_id: 'dev-1',
        respondent_name: `Người trả lời số ${i}`,
        organisation: 'Thôn Tân Mỹ, xã Quảng Phú',
        phone: null,
        collected_on: '2021-12-10',
        content_hash: String(i),
        received_at: new Date().toISOString(),
      };
    });
    await insertRosterEntries(handle.db, roster);
  } finally {
    await handle.close();
  }
  return dir;
}

/** Arrival times grow with the insert order, as they do when sync stores what it receives. */
const FIRST_ARRIVAL = Date.parse('2021-12-01T02:00:00Z');
let arrivals = 0;

function storedRow(
  r: SurveyResponse,
  index: CampaignIndex,
  rnd: () => number,
  surveyors: Map<string, string>,
  counted: Map<string, number>,
): NewResponse {
  arrivals += 1;
  const received = FIRST_ARRIVAL + arrivals * 20_000;
  const finished = received - Math.floor(rnd() * 48 * 3600) * 1000;
  const minutes = 2 + rnd() * 25;
  const startedAt = new Date(finished - minutes * 60_000).toISOString();
  const finishedAt = new Date(finished).toISOString();
  const paper = rnd() < 0.15;
  const cell = `${r.unitId}\u0000${r.groupId}`;
  const n = (counted.get(cell) ?? 0) + 1;
  counted.set(cell, n);
  const target = index.quotas.get(cell)?.target ?? 0;
  const excluded = rnd() < 0.02 ? 1 : 0;
  const questionnaire = index.questionnaires.get(versionKey(r.questionnaireId, r.questionnaireVersion))!;
  return {
    id: r.id,
    campaign_id: r.campaignId,
    unit_id: r.unitId,
    group_id: r.groupId,
    questionnaire_id: r.questionnaireId,
    questionnaire_version: r.questionnaireVersion,
    surveyor_id: surveyors.get(r.surveyorId) ?? r.surveyorId,
    device_id: r.deviceId,
    started_at: startedAt,
    finished_at: finishedAt,
    app_version: r.appVersion,
    mode: paper ? 'paper' : 'interview',
    paper_serial: paper ? `QB-${Math.floor(rnd() * 40_000)}` : null,
    answers_json: JSON.stringify(r.answers),
    content_hash: r.id,
    received_at: new Date(received).toISOString(),
    over_quota: n > target ? 1 : 0,
    excluded,
    duration_seconds: interviewSeconds(startedAt, finishedAt),
    uniform_answers: uniformAnswers(questionnaire, r.answers) ? 1 : 0,
  };
}
