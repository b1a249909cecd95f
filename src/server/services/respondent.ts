import {
  fieldTextIn,
  normaliseSelfFillCode,
  problem,
  problemTextVi,
  SELF_ONLINE_SURVEYOR,
  validCodeCharacters,
  vietnameseDay,
  vnDay,
  type CampaignIndex,
  type RespondentForm,
  type RespondentSubmit,
  type RespondentSubmitResult,
} from '../../shared';
import { APP_VERSION } from '../../shared/version';
import type { Db } from '../db/database';
import { campaignStatesForWrite } from '../db/locks';
import { countHit, hitsNow } from '../db/rate-limits';
import { existingResponseHashes } from '../db/responses';
import { findCode, markOpened, spendCode, type CodeRow } from '../db/self-fill';
import { problemError, type ProblemIssue } from '../http/errors';
import type { Deps } from '../http/deps';
import { sha256Hex } from './crypto';
import { judgeResponse } from './response-check';
import { questionnaireForGroup, selfFillCodeHash } from './self-fill';
import { insertCounted } from './sync';

/**
 * The respondent's side of self-fill codes (issue 19), with no account: open a code's questionnaire, submit it once.
 * Nothing that identifies the respondent is stored: no address (the wrong-code throttle counts under a hash of it, and
 * forgets it when its window ends), no user agent; the response keeps its batch, and the code only that it was spent
 * and the hash of the browser's secret (to know a retry), never which response.
 */

/** Wrong codes an address may try in a window before it must wait: generous, so an office behind one NAT is not shut out. */
export const WRONG_CODES_PER_WINDOW = 200;
export const WRONG_CODE_WINDOW_MS = 10 * 60 * 1000;

const throttleKey = (address: string): string => `self-fill-wrong ${sha256Hex(`phieu-address:${address}`)}`;

async function throttled(deps: Deps, address: string): Promise<void> {
  const at = deps.now().getTime();
  const { hits, resetsAt } = await hitsNow(deps.db, throttleKey(address), at);
  if (hits >= WRONG_CODES_PER_WINDOW)
    throw problemError(problem('respondent.too-many-wrong', { minutes: Math.max(1, Math.ceil((resetsAt - at) / 60_000)) }));
}

/** The code's row, or the refusal a person can act on; a well-formed code that matches nothing counts against the address. */
async function codeOf(deps: Deps, text: string, address: string): Promise<{ code: CodeRow; hash: string }> {
  const normal = normaliseSelfFillCode(text);
  if (normal === null) {
    throw problemError(problem('respondent.code-malformed', { length: validCodeCharacters(text) }));
  }
  await throttled(deps, address);
  const hash = selfFillCodeHash(normal);
  const code = await findCode(deps.db, hash);
  if (!code) {
    await countHit(deps.db, throttleKey(address), deps.now().getTime(), WRONG_CODE_WINDOW_MS);
    throw problemError(problem('respondent.code-unknown'));
  }
  return { code, hash };
}

function campaignOf(deps: Deps, code: CodeRow): CampaignIndex {
  const campaign = deps.registry.get(code.campaign_id);
  if (!campaign || campaign.bundle.campaign.state !== 'open') throw problemError(problem('respondent.campaign-closed'));
  return campaign;
}

/**
 * A code's last day is the survey deadline's as the campaign has it now (its settings may have moved it since the slip
 * was printed): codes expire with the survey, not with the date on the paper.
 */
const lastDayOf = (campaign: CampaignIndex): string => campaign.bundle.campaign.deadlines.survey;
const expired = (lastDay: string) => problemError(problem('respondent.code-expired', { lastDay: vietnameseDay(lastDay) }));

/** Opens a code: the questionnaire of its cell; marks the code opened. */
export async function openSelfFill(deps: Deps, text: string, address: string): Promise<RespondentForm> {
  const { code, hash } = await codeOf(deps, text, address);
  if (code.spent) throw problemError(problem('respondent.code-spent'));
  if (code.revoked_at) throw problemError(problem('respondent.code-revoked'));
  const campaign = campaignOf(deps, code);
  const lastDay = lastDayOf(campaign);
  if (vnDay(deps.now()) > lastDay) throw expired(lastDay);
  const questionnaire = questionnaireForGroup(campaign, code.group_id);
  const unit = campaign.units.get(code.unit_id);
  const group = campaign.groups.get(code.group_id);
  if (!questionnaire || !unit || !group) throw problemError(problem('respondent.campaign-closed'));
  if (!code.opened) await markOpened(deps.db, hash);
  return {
    campaign: { id: campaign.bundle.campaign.id, name: campaign.bundle.campaign.name },
    unit: { id: unit.id, name: unit.name },
    group: { id: group.id, name: group.name },
    lastDay,
    questionnaire,
  };
}

type Verdict = 'accepted' | 'duplicate' | 'spent' | 'revoked' | 'closed' | 'conflict';

/**
 * Submits a code's response: checked by the same engine as a surveyor's push, stored with mode `self-online` and its
 * batch, counted in its cell (flagged over quota past it), and the code spent, all in one transaction. The same
 * secret again (a retry after a lost answer) is `duplicate`, a success; another secret finds the code spent.
 */
export async function submitSelfFill(deps: Deps, text: string, body: RespondentSubmit, address: string): Promise<RespondentSubmitResult> {
  const { code, hash } = await codeOf(deps, text, address);
  const secretHash = sha256Hex(`phieu-self-fill-secret:${body.secret}`);
  if (code.spent) {
    if (code.secret_hash === secretHash) return { status: 'duplicate' };
    throw problemError(problem('respondent.code-spent'));
  }
  if (code.revoked_at) throw problemError(problem('respondent.code-revoked'));
  const campaign = campaignOf(deps, code);
  const now = deps.now();
  // Finished by the last day, it is taken a little later too (sent when the network came back); the review flags it.
  const lastDay = lastDayOf(campaign);
  if (vnDay(now) > lastDay && vnDay(body.finishedAt) > lastDay) throw expired(lastDay);

  const judged = judgeResponse(
    {
      id: body.responseId,
      campaignId: code.campaign_id,
      unitId: code.unit_id,
      groupId: code.group_id,
      questionnaireId: body.questionnaireId,
      questionnaireVersion: body.questionnaireVersion,
      surveyorId: SELF_ONLINE_SURVEYOR,
      deviceId: SELF_ONLINE_SURVEYOR,
      startedAt: body.startedAt,
      finishedAt: body.finishedAt,
      appVersion: APP_VERSION,
      mode: 'self-filled',
      answers: body.answers,
    },
    0,
    (id) => (id === campaign.bundle.campaign.id ? campaign : undefined),
  );
  if ('status' in judged) {
    if (judged.code === 'questionnaire-version-unknown' || judged.issues.some((i) => i.path === 'questionnaireId'))
      throw problemError(problem('respondent.wrong-questionnaire'));
    const issues: ProblemIssue[] = judged.issues.map((i) =>
      'problem' in i ? { path: i.path, problem: i.problem } : { path: i.path, message: fieldTextIn(problemTextVi.fields, i.schemaMessage) },
    );
    throw problemError(problem('respondent.invalid-answers'), issues);
  }

  const cell = `cell/${code.campaign_id}/${code.unit_id}/${code.group_id}`;
  // A refusal is returned, not thrown: a job that throws rolls back every push sharing its transaction (write-queue.ts).
  const verdict = await deps.writes.run(
    async (trx: Db): Promise<Verdict> => {
      const now = await findCode(trx, hash);
      if (!now || now.spent) return now?.secret_hash === secretHash ? 'duplicate' : 'spent';
      // Revoked since it was read above: refused like any revoked code.
      if (now.revoked_at) return 'revoked';
      const states = await campaignStatesForWrite(trx, [code.campaign_id]);
      if (states.get(code.campaign_id) !== 'open') return 'closed';
      if ((await existingResponseHashes(trx, [judged.id])).size > 0) return 'conflict';
      if (!(await spendCode(trx, hash, secretHash))) return 'spent';
      await insertCounted(trx, [{ value: judged, campaign }], deps.now().toISOString(), { batchId: code.batch_id });
      return 'accepted';
    },
    [cell],
  );
  if (verdict === 'accepted' || verdict === 'duplicate') return { status: verdict };
  if (verdict === 'closed') throw problemError(problem('respondent.campaign-closed'));
  if (verdict === 'revoked') throw problemError(problem('respondent.code-revoked'));
  if (verdict === 'conflict') throw problemError(problem('sync.conflict'));
  throw problemError(problem('respondent.code-spent'));
}
