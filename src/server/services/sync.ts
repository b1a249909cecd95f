import {
  canonicalJson,
  isOverQuota,
  problem,
  problemTextVi,
  quotaTarget,
  rosterEntrySchema,
  vietnameseDay,
  vnDay,
  type CampaignIndex,
  type Catalogue,
  type ItemResult,
  type RosterEntry,
} from '../../shared';
import { assignedCells } from '../db/assignments';
import type { Db } from '../db/database';
import { campaignStatesForWrite } from '../db/locks';
import { countedInCells, existingResponseHashes, insertResponses } from '../db/responses';
import { existingRosterHashes, insertRosterEntries } from '../db/roster';
import type { NewResponse, NewRosterEntry } from '../db/schema';
import type { CampaignRegistry } from './campaign-registry';
import { sha256Hex } from './crypto';
import {
  readString,
  rejected,
  unknownCampaign,
  wordItems,
  type CheckedResponse,
  type ItemVerdict,
  type Rejected,
  type ResponseChecker,
  type ResponseJudgement,
} from './response-check';
import { inProcessChecker } from './validation-pool';
import type { WriteQueue } from './write-queue';

export interface Pusher {
  id: string;
  role: string;
}

/** An item that passed every check that needs no database: what remains is idempotency and assignment. */
interface Checked<T> {
  index: number;
  id: string;
  campaign: CampaignIndex;
  unitId: string;
  groupId: string;
  value: T;
  /** Hash of the payload as received: a retry of the same payload hashes the same whatever the engine drops. */
  hash: string;
}

/**
 * The shape of both pushes (DESIGN §4): every item judged alone (outside the write lock, maybe in a worker), then in one transaction
 * decide duplicate / conflict / not-assigned against the database and write the rest. Answers only after commit.
 */
async function ingest<T>(
  queue: WriteQueue,
  pusher: Pusher,
  verdicts: (Rejected | Checked<T>)[],
  write: (trx: Db, accepted: Checked<T>[]) => Promise<Map<number, ItemVerdict>>,
  existing: (trx: Db, ids: string[]) => Promise<Map<string, string>>,
  /** A refusal of the campaign's rules, decided after idempotency: a response already taken stays a duplicate. */
  refusal: (c: Checked<T>) => Rejected | undefined = () => undefined,
): Promise<ItemVerdict[]> {
  const out: ItemVerdict[] = new Array(verdicts.length);
  const checked: Checked<T>[] = [];
  verdicts.forEach((verdict, index) => {
    if ('status' in verdict) out[index] = verdict;
    else checked.push(verdict);
  });
  // The quota cells written: one instance at a time per cell, so each count read below is the one it commits over.
  const cells = checked.map((c) => `cell/${c.campaign.bundle.campaign.id}/${c.unitId}/${c.groupId}`);
  await queue.run(async (trx) => {
    // The state committed now, not this instance's copy: another instance (or the CLI) may have just closed it.
    const states = await campaignStatesForWrite(trx, [...new Set(checked.map((c) => c.campaign.bundle.campaign.id))]);
    const open = checked.filter((c) => {
      if (states.get(c.campaign.bundle.campaign.id) === 'open') return true;
      out[c.index] = rejected(c.index, c.id, 'campaign-closed', problem('sync.campaign-closed'));
      return false;
    });
    const assigned = new Set<string>();
    for (const campaignId of new Set(open.map((c) => c.campaign.bundle.campaign.id))) {
      for (const a of await assignedCells(trx, campaignId, pusher.id)) assigned.add(`${campaignId}\u0000${a.unit_id}\u0000${a.group_id}`);
    }
    const stored = await existing(
      trx,
      open.map((c) => c.id),
    );
    const inBatch = new Map<string, string>();
    const accepted: Checked<T>[] = [];
    for (const c of open) {
      const prior = stored.get(c.id) ?? inBatch.get(c.id);
      if (prior !== undefined) {
        out[c.index] =
          prior === c.hash
            ? { id: c.id, status: 'duplicate' }
            : rejected(c.index, c.id, 'conflict', problem('sync.conflict'), [{ path: 'id', problem: problem('sync.keep-and-report') }]);
      } else if (!assigned.has(`${c.campaign.bundle.campaign.id}\u0000${c.unitId}\u0000${c.groupId}`)) {
        out[c.index] = rejected(c.index, c.id, 'not-assigned', problem('sync.not-assigned'), [
          { path: 'unitId', problem: problem('sync.cell', { unit: c.unitId, group: c.groupId }) },
        ]);
      } else {
        const refused = refusal(c);
        if (refused) out[c.index] = refused;
        else {
          inBatch.set(c.id, c.hash);
          accepted.push(c);
        }
      }
    }
    for (const [index, result] of await write(trx, accepted)) out[index] = result;
  }, cells);
  return out;
}

/** The checks every item shares once its own schema passed: its surveyor and the campaign's state. */
function ownerAndState<T>(
  index: number,
  id: string,
  campaign: CampaignIndex,
  pusher: Pusher,
  surveyorId: string,
  rest: Omit<Checked<T>, 'index' | 'id' | 'campaign'>,
): Rejected | Checked<T> {
  if (surveyorId !== pusher.id) {
    return rejected(index, id, 'invalid', problem('sync.wrong-surveyor'), [
      { path: 'surveyorId', problem: problem('sync.sign-in-as-collector') },
    ]);
  }
  if (campaign.bundle.campaign.state !== 'open') {
    return rejected(index, id, 'campaign-closed', problem('sync.campaign-closed'));
  }
  return { index, id, campaign, ...rest };
}

/**
 * Under the campaign's late rule `refuse` (settings.surveyLate), a response finished after the survey deadline's last
 * day on time (Vietnam's calendar day of its finishing time). Under `flag`, the default, it is taken and flagged in
 * review (review-flags.ts).
 */
function lateRefusal(registry: CampaignRegistry, c: Checked<CheckedResponse>): Rejected | undefined {
  const campaign = c.campaign.bundle.campaign;
  if (registry.settings(campaign.id)?.surveyLate !== 'refuse') return undefined;
  const lastDay = campaign.deadlines.survey;
  const day = vnDay(c.value.finishedAt);
  if (day <= lastDay) return undefined;
  return rejected(
    c.index,
    c.id,
    'after-deadline',
    problem('sync.after-deadline', { day: vietnameseDay(day), lastDay: vietnameseDay(lastDay) }),
    [{ path: 'finishedAt', problem: problem('sync.keep-late') }],
  );
}

/** Test seam: called after the batch has committed and before the answer is built (a crash there must not double). */
export type AfterCommit = () => void | Promise<void>;

/**
 * Finalised responses. Same id and same content → duplicate (success); same id, other content → conflict.
 * Over quota is accepted and flagged. The answer is built only after the transaction (shared with concurrent
 * pushes by the write queue) has committed.
 */
export async function pushResponses(
  queue: WriteQueue,
  registry: CampaignRegistry,
  pusher: Pusher,
  items: unknown[],
  now: Date,
  opts: { afterCommit?: AfterCommit; checker?: ResponseChecker; catalogue?: Catalogue } = {},
): Promise<ItemResult[]> {
  const checker = opts.checker ?? inProcessChecker(registry);
  return pushJudgedResponses(queue, registry, pusher, await checker.check(items), now, opts);
}

/** pushResponses once every item has been judged (ResponseChecker: check, or checkBody for a body as received). */
export async function pushJudgedResponses(
  queue: WriteQueue,
  registry: CampaignRegistry,
  pusher: Pusher,
  judgements: ResponseJudgement[],
  now: Date,
  /** The language of the refusals' words (the request's Accept-Language); Vietnamese by default. */
  opts: { afterCommit?: AfterCommit; catalogue?: Catalogue } = {},
): Promise<ItemResult[]> {
  const receivedAt = now.toISOString();
  const verdicts = judgements.map((j): Rejected | Checked<CheckedResponse> => {
    if ('status' in j) return j;
    // The campaign as this thread sees it now: its state and quotas decide, whatever a worker held.
    const campaign = registry.get(j.campaignId);
    if (!campaign) return unknownCampaign(j.index, j.id, j.campaignId);
    return ownerAndState(j.index, j.id, campaign, pusher, j.surveyorId, { unitId: j.unitId, groupId: j.groupId, value: j, hash: j.hash });
  });
  const write = async (trx: Db, accepted: Checked<CheckedResponse>[]) => {
    const overQuota = await insertCounted(trx, accepted, receivedAt);
    return new Map<number, ItemVerdict>(
      accepted.map((c, i) => [c.index, { id: c.id, status: 'accepted', overQuota: overQuota[i] ?? false }]),
    );
  };
  const results = await ingest(queue, pusher, verdicts, write, existingResponseHashes, (c) => lateRefusal(registry, c));
  await opts.afterCommit?.();
  return wordItems(opts.catalogue ?? problemTextVi, results);
}

/**
 * Stores checked responses, received at `receivedAt`, each counted in its cell in order and flagged over quota past
 * the cell's target (never refused: DESIGN §4 rule 9); call inside the write queue's transaction, with the cells
 * locked. A respondent's own fill (issue 19) is stored with mode `self-online` and its batch. Returns the flags.
 */
export async function insertCounted(
  trx: Db,
  accepted: readonly { value: CheckedResponse; campaign: CampaignIndex }[],
  receivedAt: string,
  selfFill?: { batchId: string },
): Promise<boolean[]> {
  const counted = new Map<string, number>();
  for (const campaignId of new Set(accepted.map((c) => c.value.campaignId))) {
    const units = [...new Set(accepted.filter((c) => c.value.campaignId === campaignId).map((c) => c.value.unitId))];
    for (const [cell, n] of await countedInCells(trx, campaignId, units)) counted.set(`${campaignId}\u0000${cell}`, n);
  }
  const flags: boolean[] = [];
  const rows: NewResponse[] = accepted.map(({ value: r, campaign }) => {
    const cell = `${r.campaignId}\u0000${r.unitId}\u0000${r.groupId}`;
    const before = counted.get(cell) ?? 0;
    counted.set(cell, before + 1);
    const overQuota = isOverQuota(quotaTarget(campaign, r.unitId, r.groupId), before);
    flags.push(overQuota);
    return {
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
      mode: selfFill ? 'self-online' : r.mode,
      paper_serial: r.paperSerial,
      answers_json: r.answersJson,
      content_hash: r.hash,
      received_at: receivedAt,
      over_quota: overQuota ? 1 : 0,
      excluded: 0,
      duration_seconds: r.durationSeconds,
      uniform_answers: r.uniform ? 1 : 0,
      self_fill_batch_id: selfFill?.batchId ?? null,
    };
  });
  await insertResponses(trx, rows);
  return flags;
}

/** Payment-roster entries: the same rules, their own table, no link to any response. */
export async function pushRoster(
  queue: WriteQueue,
  registry: CampaignRegistry,
  pusher: Pusher,
  items: unknown[],
  now: Date,
  catalogue: Catalogue = problemTextVi,
): Promise<ItemResult[]> {
  const receivedAt = now.toISOString();
  const judge = (item: unknown, index: number): Rejected | Checked<RosterEntry> => {
    const id = readString(item, 'id');
    const parsed = rosterEntrySchema.safeParse(item);
    if (!parsed.success)
      return rejected(
        index,
        id,
        'invalid',
        problem('sync.roster-invalid'),
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), schemaMessage: i.message })),
      );
    const e = parsed.data;
    const campaign = registry.get(e.campaignId);
    const unit = campaign?.units.get(e.unitId);
    const group = campaign?.groups.get(e.groupId);
    if (!campaign || !unit || !group || group.ratesLevel !== unit.level) {
      return rejected(index, id, 'invalid', problem('sync.roster-cell-wrong'), [
        { path: 'unitId', problem: problem('sync.roster-cell', { campaign: e.campaignId, unit: e.unitId, group: e.groupId }) },
      ]);
    }
    return ownerAndState(index, e.id, campaign, pusher, e.surveyorId, {
      unitId: e.unitId,
      groupId: e.groupId,
      value: e,
      hash: sha256Hex(canonicalJson(item)),
    });
  };
  const write = async (trx: Db, accepted: Checked<RosterEntry>[]) => {
    const results = new Map<number, ItemVerdict>();
    const rows: NewRosterEntry[] = accepted.map(({ index, value: e, hash }) => {
      results.set(index, { id: e.id, status: 'accepted', overQuota: false });
      return {
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
      };
    });
    await insertRosterEntries(trx, rows);
    return results;
  };
  return wordItems(catalogue, await ingest(queue, pusher, items.map(judge), write, existingRosterHashes));
}
