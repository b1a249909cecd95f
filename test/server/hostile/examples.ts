// The valid-looking input each hostile case starts from: known ids of the test data for path parameters, bodies
// that pass validation where the schema alone would not give one, the schema for everything else.
import { citizenResponse } from '../harness';
import type { OperationExample } from './cases';
import { Examples, type OpenApiDoc, type Operation } from './openapi';

export const CAMPAIGN = 'quang-binh-2021';
export const UNIT = 'so-tu-phap';

export interface KnownIds {
  /** A surveyor assigned Sở Tư pháp × citizens (the sync bodies are theirs). */
  surveyor: string;
  /** Another surveyor: the assignment routes act on them, never on the caller. */
  otherSurveyor: string;
  /** Staff of Sở Tư pháp. */
  staff: string;
  /** The account the account routes act on (disabled, renamed, signed out), so no case touches a caller. */
  target: string;
  /** A stored response. */
  responseId: string;
  /** A file in Sở Tư pháp's evidence library. */
  evidenceHash: string;
  /** A self-fill batch of Sở Tư pháp × citizens (issue 19). */
  batchId: string;
  /** Credentials the login body starts from (an account used for nothing else: wrong passwords lock it). */
  login: { username: string; password: string };
}

/** Valid values for the path parameters the routes use, by name; a new name must be added here (the suite says so). */
export const pathValues = (ids: KnownIds): Record<string, string> => ({
  campaignId: CAMPAIGN,
  unitId: UNIT,
  groupId: 'so-nguoi-dan',
  surveyorId: ids.otherSurveyor,
  accountId: ids.target,
  id: ids.responseId,
  code: '1.1.1',
  hash: ids.evidenceHash,
  batchId: ids.batchId,
  // A publication's number: the first, whether or not one has been made when the case runs.
  version: '1',
});

/**
 * Bodies richer than the schema says (sync items are free-form there), that pass validation where the schema's
 * example would not, or that must not move what the other cases depend on (the campaign stays open).
 */
export const bodyHints = (ids: KnownIds): Record<string, unknown> => ({
  'POST /api/auth/login': ids.login,
  'POST /api/sync/responses': { responses: [citizenResponse(ids.surveyor, { id: '6f1c1f4e-1b7a-4c55-9e0e-2b1f3c4d5e6f' })] },
  'POST /api/sync/roster': {
    entries: [
      {
        id: '0b7e3f1a-5c2d-4e8f-9a1b-3c4d5e6f7a8b',
        campaignId: CAMPAIGN,
        unitId: UNIT,
        groupId: 'so-nguoi-dan',
        surveyorId: ids.surveyor,
        deviceId: 'dev-hostile',
        respondentName: 'Lê Thị Mai',
        collectedOn: '2021-12-10',
      },
    ],
  },
  'POST /api/campaigns/{campaignId}/import': {
    format: 'phieu-unsynced',
    version: 1,
    exportedAt: '2021-12-20T00:00:00Z',
    deviceId: 'dev-hostile',
    responses: [citizenResponse(ids.surveyor, { id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' })],
    roster: [],
  },
  'PUT /api/campaigns/{campaignId}/state': { state: 'open' },
  'POST /api/campaigns/{campaignId}/accounts': {
    username: 'tao-hostile',
    displayName: 'Tạo từ hostile',
    role: 'council',
    password: 'mat-khau-du-dai',
  },
  'PATCH /api/accounts/{accountId}': { displayName: 'Đổi tên hostile' },
  'PUT /api/self-assessments/{campaignId}/{unitId}/assignments': { assignments: [{ code: '1.1', staffId: ids.staff }] },
});

/** The example an operation's hostile cases start from. Throws when a path parameter has no known value. */
export function operationExample(doc: OpenApiDoc, op: Operation, ids: KnownIds): OperationExample {
  const values = pathValues(ids);
  const examples = new Examples(doc, [...Object.values(values), '1.1.1', '2030-12-31', 'dev-hostile', 'abc']);
  const missing = op.pathParams.filter((p) => values[p.name] === undefined).map((p) => p.name);
  if (missing.length > 0)
    throw new Error(
      `${op.key}: no test value for path parameter(s) ${missing.join(', ')}: add them to pathValues() in test/server/hostile/examples.ts`,
    );
  const query: Record<string, string> = {};
  for (const p of op.queryParams) query[p.name] = String(examples.value(p.schema ?? {}, `${op.key} ?${p.name}`));
  const hints = bodyHints(ids);
  const body = op.key in hints ? hints[op.key] : op.body ? examples.value(op.body, `${op.key} body`) : {};
  return { path: Object.fromEntries(op.pathParams.map((p) => [p.name, values[p.name] ?? ''])), query, body };
}
