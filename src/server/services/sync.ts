import {
  canonicalJson,
  checkResponse,
  isOverQuota,
  quotaTarget,
  rosterEntrySchema,
  type CampaignIndex,
  type ItemResult,
  type RejectionCode,
  type SurveyResponse,
} from '../../shared';
import { listAssignments } from '../db/assignments';
import { countedInCells, existingResponseHashes, insertResponses } from '../db/responses';
import { existingRosterHashes, insertRosterEntries } from '../db/roster';
import type { NewResponse, NewRosterEntry } from '../db/schema';
import type { CampaignRegistry } from './campaign-registry';
import { sha256Hex } from './crypto';
import type { WriteQueue } from './write-queue';

export interface Pusher {
  id: string;
  role: string;
}

type Rejected = Extract<ItemResult, { status: 'rejected' }>;

/** Enough to act on; a hostile item with 300,000 bad answers must not make a 20 MB answer. */
const MAX_ISSUES = 50;

const rejected = (index: number, id: string | null, code: RejectionCode, message: string, issues: Rejected['issues'] = []): Rejected => ({
  id,
  index,
  status: 'rejected',
  code,
  message,
  issues:
    issues.length > MAX_ISSUES
      ? [...issues.slice(0, MAX_ISSUES), { path: '', message: `… và ${issues.length - MAX_ISSUES} lỗi khác` }]
      : issues,
});

function readId(item: unknown): string | null {
  if (item && typeof item === 'object' && 'id' in item && typeof item.id === 'string' && item.id.length <= 64) return item.id;
  return null;
}

/** Test seam: called after the batch has committed and before the answer is built (a crash there must not double). */
export type AfterCommit = () => void | Promise<void>;

/**
 * DESIGN §4 on the server. Every item is judged alone; the accepted ones are written in one transaction (shared with
 * concurrent pushes by the write queue), and the answer goes out only after it commits. Same id and same content → duplicate (success); same id, other content →
 * conflict. Over quota is accepted and flagged.
 */
export async function pushResponses(
  queue: WriteQueue,
  registry: CampaignRegistry,
  pusher: Pusher,
  items: unknown[],
  now: Date,
  afterCommit?: AfterCommit,
): Promise<ItemResult[]> {
  const receivedAt = now.toISOString();
  const results = await queue.run(async (trx) => {
    const out: (ItemResult | undefined)[] = new Array(items.length);
    const valid: { index: number; response: SurveyResponse; hash: string; campaign: CampaignIndex }[] = [];

    items.forEach((item, index) => {
      const id = readId(item);
      const campaignId = item && typeof item === 'object' && 'campaignId' in item && typeof item.campaignId === 'string' ? item.campaignId : '';
      const campaign = registry.get(campaignId);
      if (!campaign) {
        out[index] = rejected(index, id, 'invalid', 'Phiếu thuộc kỳ đánh giá không có trên máy chủ', [{ path: 'campaignId', message: `Không có kỳ đánh giá "${campaignId}"` }]);
        return;
      }
      const check = checkResponse(item, campaign);
      if (!check.ok) {
        out[index] = rejected(index, id, check.code, check.message, check.issues);
        return;
      }
      const response = check.response;
      if (response.surveyorId !== pusher.id) {
        out[index] = rejected(index, id, 'invalid', 'Phiếu ghi tên một điều tra viên khác với tài khoản đang đăng nhập', [
          { path: 'surveyorId', message: 'Đăng nhập bằng đúng tài khoản đã thu phiếu rồi đồng bộ lại' },
        ]);
        return;
      }
      if (campaign.bundle.campaign.state !== 'open') {
        out[index] = rejected(index, id, 'campaign-closed', 'Kỳ đánh giá không mở nhận phiếu. Xuất dữ liệu chưa đồng bộ và liên hệ Sở Nội vụ.');
        return;
      }
      // Hash of the payload as received: a retry of the same payload hashes the same whatever the engine later drops.
      valid.push({ index, response, hash: sha256Hex(canonicalJson(item)), campaign });
    });

    // Assignments, existing ids and cell counts: one query each for the whole batch.
    const assigned = new Set<string>();
    for (const cid of new Set(valid.map((v) => v.response.campaignId))) {
      for (const a of await listAssignments(trx, cid, { surveyorId: pusher.id })) assigned.add(`${cid}\u0000${a.unit_id}\u0000${a.group_id}`);
    }
    const existing = await existingResponseHashes(trx, valid.map((v) => v.response.id));
    const counted = new Map<string, number>();
    for (const cid of new Set(valid.map((v) => v.response.campaignId))) {
      const units = [...new Set(valid.filter((v) => v.response.campaignId === cid).map((v) => v.response.unitId))];
      for (const [cell, n] of await countedInCells(trx, cid, units)) counted.set(`${cid}\u0000${cell}`, n);
    }

    const rows: NewResponse[] = [];
    const inBatch = new Map<string, string>();
    for (const { index, response: r, hash, campaign } of valid) {
      const prior = existing.get(r.id) ?? inBatch.get(r.id);
      if (prior !== undefined) {
        out[index] = prior === hash ? { id: r.id, status: 'duplicate' } : rejected(index, r.id, 'conflict', 'Máy chủ đã có phiếu cùng mã nhưng nội dung khác', [{ path: 'id', message: 'Giữ phiếu trên máy và báo Sở Nội vụ' }]);
        continue;
      }
      if (!assigned.has(`${r.campaignId}\u0000${r.unitId}\u0000${r.groupId}`)) {
        out[index] = rejected(index, r.id, 'not-assigned', 'Bạn không được phân công thu phiếu cho đơn vị và đối tượng này', [{ path: 'unitId', message: `${r.unitId} × ${r.groupId}` }]);
        continue;
      }
      const cellKey = `${r.campaignId}\u0000${r.unitId}\u0000${r.groupId}`;
      const before = counted.get(cellKey) ?? 0;
      const overQuota = isOverQuota(quotaTarget(campaign, r.unitId, r.groupId), before);
      counted.set(cellKey, before + 1);
      inBatch.set(r.id, hash);
      rows.push({
        id: r.id,
        campaign_id: r.campaignId,
        unit_id: r.unitId,
        group_id: r.groupId,
        questionnaire_id: r.questionnaireId,
        questionnaire_version: r.questionnaireVersion,
        surveyor_id: r.surveyorId,
        device_id: r.deviceId,
        started_at: r.startedAt,
        finished_at: r.finishedAt,
        app_version: r.appVersion,
        mode: r.mode,
        paper_serial: r.paperSerial ?? null,
        answers_json: JSON.stringify(r.answers),
        content_hash: hash,
        received_at: receivedAt,
        over_quota: overQuota ? 1 : 0,
        excluded: 0,
      });
      out[index] = { id: r.id, status: 'accepted', overQuota };
    }
    await insertResponses(trx, rows);
    return out as ItemResult[];
  });
  await afterCommit?.();
  return results;
}

/** Payment-roster entries: same idempotency rules, own table, no link to any response. */
export async function pushRoster(queue: WriteQueue, registry: CampaignRegistry, pusher: Pusher, items: unknown[], now: Date): Promise<ItemResult[]> {
  const receivedAt = now.toISOString();
  return queue.run(async (trx) => {
    const out: ItemResult[] = new Array(items.length);
    const valid: { index: number; entry: ReturnType<typeof rosterEntrySchema.parse>; hash: string }[] = [];
    items.forEach((item, index) => {
      const id = readId(item);
      const parsed = rosterEntrySchema.safeParse(item);
      if (!parsed.success) {
        out[index] = rejected(index, id, 'invalid', 'Dòng danh sách không hợp lệ', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
        return;
      }
      const e = parsed.data;
      const campaign = registry.get(e.campaignId);
      const unit = campaign?.units.get(e.unitId);
      const group = campaign?.groups.get(e.groupId);
      if (!campaign || !unit || !group || group.ratesLevel !== unit.level) {
        out[index] = rejected(index, id, 'invalid', 'Kỳ đánh giá, đơn vị hoặc đối tượng không đúng', [{ path: 'unitId', message: `${e.campaignId}: ${e.unitId} × ${e.groupId}` }]);
        return;
      }
      if (e.surveyorId !== pusher.id) {
        out[index] = rejected(index, id, 'invalid', 'Dòng danh sách ghi tên một điều tra viên khác với tài khoản đang đăng nhập', [{ path: 'surveyorId', message: 'Đăng nhập đúng tài khoản' }]);
        return;
      }
      if (campaign.bundle.campaign.state !== 'open') {
        out[index] = rejected(index, id, 'campaign-closed', 'Kỳ đánh giá không mở nhận dữ liệu');
        return;
      }
      valid.push({ index, entry: e, hash: sha256Hex(canonicalJson(item)) });
    });
    const assigned = new Set<string>();
    for (const cid of new Set(valid.map((v) => v.entry.campaignId))) {
      for (const a of await listAssignments(trx, cid, { surveyorId: pusher.id })) assigned.add(`${cid}\u0000${a.unit_id}\u0000${a.group_id}`);
    }
    const existing = await existingRosterHashes(trx, valid.map((v) => v.entry.id));
    const rows: NewRosterEntry[] = [];
    const inBatch = new Map<string, string>();
    for (const { index, entry: e, hash } of valid) {
      const prior = existing.get(e.id) ?? inBatch.get(e.id);
      if (prior !== undefined) {
        out[index] = prior === hash ? { id: e.id, status: 'duplicate' } : rejected(index, e.id, 'conflict', 'Máy chủ đã có dòng cùng mã nhưng nội dung khác');
        continue;
      }
      if (!assigned.has(`${e.campaignId}\u0000${e.unitId}\u0000${e.groupId}`)) {
        out[index] = rejected(index, e.id, 'not-assigned', 'Bạn không được phân công cho đơn vị và đối tượng này');
        continue;
      }
      inBatch.set(e.id, hash);
      rows.push({
        id: e.id,
        campaign_id: e.campaignId,
        unit_id: e.unitId,
        group_id: e.groupId,
        surveyor_id: e.surveyorId,
        device_id: e.deviceId,
        respondent_name: e.respondentName,
        organisation: e.organisation ?? null,
        phone: e.phone ?? null,
        collected_on: e.collectedOn,
        content_hash: hash,
        received_at: receivedAt,
      });
      out[index] = { id: e.id, status: 'accepted', overQuota: false };
    }
    await insertRosterEntries(trx, rows);
    return out;
  });
}
