import { hash } from 'node:crypto';
import secureJson from 'secure-json-parse';
import {
  canonicalJson,
  checkResponse,
  fieldTextIn,
  interviewSeconds,
  problem,
  problemText,
  pushResponsesRequestSchema,
  uniformAnswers,
  versionKey,
  type Catalogue,
  type CampaignIndex,
  type ItemIssue,
  type ItemResult,
  type PayloadIssue,
  type Problem,
  type RejectionCode,
  holdsNul,
} from '../../shared';

/**
 * The checks of one pushed response that need no database: its campaign, its shape and answers (the shared zod
 * schema and the questionnaire engine) and its content hash. Pure, so it runs the same in the request's thread or
 * in a validation worker (validation-pool.ts); the database checks (idempotency, assignment) follow in sync.ts.
 */

/**
 * A refused item before it is worded: its rejection code (the client decides on it) and its problems, plain data so
 * it crosses from a validation worker; wordItems says it in the request's language once the answer is built.
 */
export interface Rejected {
  id: string | null;
  index: number;
  status: 'rejected';
  code: RejectionCode;
  problem: Problem;
  issues: ItemIssue[];
}

/** An item's outcome before it is worded: accepted and duplicate already are what the device receives. */
export type ItemVerdict = Exclude<ItemResult, { status: 'rejected' }> | Rejected;

/** Enough to act on; a hostile item with 300,000 bad answers must not make a 20 MB answer. */
const MAX_ISSUES = 50;

export const rejected = (index: number, id: string | null, code: RejectionCode, p: Problem, issues: ItemIssue[] = []): Rejected => ({
  id,
  index,
  status: 'rejected',
  code,
  problem: p,
  issues:
    issues.length > MAX_ISSUES
      ? [...issues.slice(0, MAX_ISSUES), { path: '', problem: problem('sync.more-issues', { count: issues.length - MAX_ISSUES }) }]
      : issues,
});

const issueText = (catalogue: Catalogue, issue: ItemIssue): PayloadIssue =>
  'problem' in issue
    ? { path: issue.path, message: problemText(catalogue, issue.problem) }
    : { path: issue.path, message: fieldTextIn(catalogue.fields, issue.schemaMessage) };

/** The items as the device receives them: every refusal in the words of `catalogue`. */
export const wordItems = (catalogue: Catalogue, verdicts: readonly ItemVerdict[]): ItemResult[] =>
  verdicts.map((v) =>
    v.status === 'rejected'
      ? {
          id: v.id,
          index: v.index,
          status: 'rejected',
          code: v.code,
          message: problemText(catalogue, v.problem),
          issues: v.issues.map((i) => issueText(catalogue, i)),
        }
      : v,
  );

export function readString(item: unknown, key: string): string | null {
  if (item && typeof item === 'object' && key in item) {
    const value = (item as Record<string, unknown>)[key];
    if (typeof value === 'string' && value.length <= 64) return value;
  }
  return null;
}

/** A response that passed its own checks, flattened to the columns it will be stored with (cheap to post between threads). */
export interface CheckedResponse {
  index: number;
  id: string;
  campaignId: string;
  unitId: string;
  groupId: string;
  surveyorId: string;
  questionnaireId: string;
  questionnaireVersion: number;
  deviceId: string;
  startedAt: string;
  finishedAt: string;
  appVersion: string;
  mode: 'interview' | 'self-filled' | 'paper';
  paperSerial: string | null;
  /** The answers the engine kept (hidden questions dropped), as stored. */
  answersJson: string;
  /** Hash of the payload as received: a retry of the same payload hashes the same whatever the engine drops. */
  hash: string;
  /** Review facts stored with the response (shared/review/flags.ts). */
  durationSeconds: number | null;
  uniform: boolean;
}

export type ResponseJudgement = Rejected | CheckedResponse;

export const unknownCampaign = (index: number, id: string | null, campaignId: string): Rejected =>
  rejected(index, id, 'invalid', problem('sync.unknown-campaign'), [
    { path: 'campaignId', problem: problem('sync.campaign-not-on-server', { campaign: campaignId }) },
  ]);

export function judgeResponse(item: unknown, index: number, campaigns: (id: string) => CampaignIndex | undefined): ResponseJudgement {
  const id = readString(item, 'id');
  // PostgreSQL cannot store a NUL in text: refused on both databases alike (shared/schema/nul.ts).
  if (holdsNul(item)) return rejected(index, id, 'invalid', problem('sync.nul-character'));
  const campaignId = readString(item, 'campaignId') ?? '';
  const campaign = campaigns(campaignId);
  if (!campaign) return unknownCampaign(index, id, campaignId);
  const check = checkResponse(item, campaign);
  if (!check.ok) return rejected(index, id, check.code, check.problem, check.issues);
  const r = check.response;
  return {
    index,
    id: r.id,
    campaignId: r.campaignId,
    unitId: r.unitId,
    groupId: r.groupId,
    surveyorId: r.surveyorId,
    questionnaireId: r.questionnaireId,
    questionnaireVersion: r.questionnaireVersion,
    deviceId: r.deviceId,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    appVersion: r.appVersion,
    mode: r.mode,
    paperSerial: r.paperSerial ?? null,
    answersJson: JSON.stringify(r.answers),
    hash: contentHash(item),
    durationSeconds: interviewSeconds(r.startedAt, r.finishedAt),
    uniform: uniform(campaign, r.questionnaireId, r.questionnaireVersion, r.answers),
  };
}

function uniform(campaign: CampaignIndex, id: string, version: number, answers: Parameters<typeof uniformAnswers>[1]): boolean {
  const q = campaign.questionnaires.get(versionKey(id, version));
  return q ? uniformAnswers(q, answers) : false;
}

export const judgeResponses = (items: unknown[], campaigns: (id: string) => CampaignIndex | undefined): ResponseJudgement[] =>
  items.map((item, index) => judgeResponse(item, index, campaigns));

/** UTF-8 bytes as text, decoded the way Fastify decodes a body (invalid sequences become U+FFFD). */
export const utf8Text = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');

/**
 * A push body as received (its UTF-8 bytes): decoded, parsed and its envelope checked with the route's own schema
 * here (so in a worker, the request thread neither decodes nor parses it, nor copies parsed items across threads),
 * then every item judged. null when the body is not plain valid JSON of a valid envelope: the request thread then
 * answers it through Fastify's parser and validator, exactly as for any route, so errors keep their one shape.
 */
export function judgeBody(bytes: Uint8Array, campaigns: (id: string) => CampaignIndex | undefined): ResponseJudgement[] | null {
  // Fastify's own parser (secure-json-parse, refusing __proto__ and constructor.prototype keys however escaped): a
  // body it would refuse is left to the request thread, so that the answer is exactly Fastify's.
  // safeParse: undefined for text that is not JSON, null for a forbidden key (or the literal null, no envelope either).
  const body: unknown = secureJson.safeParse(utf8Text(bytes));
  if (body === null || body === undefined) return null;
  const envelope = pushResponsesRequestSchema.safeParse(body);
  return envelope.success ? judgeResponses(envelope.data.responses, campaigns) : null;
}

export const contentHash = (item: unknown): string => hash('sha256', canonicalJson(item), 'hex');

/** Checks a batch of pushed responses: in this thread, or in a worker pool. */
export interface ResponseChecker {
  check(items: unknown[]): Promise<ResponseJudgement[]>;
  /** The same for a push body as received (UTF-8 JSON); null: let the request thread parse and validate it (judgeBody). */
  checkBody(bytes: Uint8Array): Promise<ResponseJudgement[] | null>;
  close(): Promise<void>;
  /** Worker threads checking now; 0 in the request thread (or once every worker failed to start). */
  readonly size: number;
}
