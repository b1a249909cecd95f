import { z } from 'zod';
import { answerValueSchema, problem } from '../../shared';
import type { Db } from '../db/database';
import { getResponse, listResponses, type ResponseFilter } from '../db/responses';
import type { ResponseRow } from '../db/schema';
import { problemError } from '../http/errors';
import { arrivalKey, decodeCursor, encodeCursor } from './page-cursor';

/** Received responses with their answers, as Home Affairs reads them (DESIGN §2), a page at a time. */

export const storedResponseSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  unitId: z.string(),
  groupId: z.string(),
  questionnaireId: z.string(),
  questionnaireVersion: z.int(),
  surveyorId: z.string(),
  deviceId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  appVersion: z.string(),
  mode: z.string(),
  paperSerial: z.string().nullable(),
  answers: z.record(z.string(), answerValueSchema),
  receivedAt: z.string(),
  overQuota: z.boolean(),
  excluded: z.boolean(),
});

type StoredResponse = z.infer<typeof storedResponseSchema>;

const toApi = (r: ResponseRow): StoredResponse => ({
  id: r.id,
  campaignId: r.campaign_id,
  unitId: r.unit_id,
  groupId: r.group_id,
  questionnaireId: r.questionnaire_id,
  questionnaireVersion: r.questionnaire_version,
  surveyorId: r.surveyor_id,
  deviceId: r.device_id,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  appVersion: r.app_version,
  mode: r.mode,
  paperSerial: r.paper_serial,
  answers: JSON.parse(r.answers_json),
  receivedAt: r.received_at,
  overQuota: r.over_quota === 1,
  excluded: r.excluded === 1,
});

/** One page, oldest first, after `cursor` (the nextCursor of the page before); nextCursor null on the last page. */
export async function listStoredResponses(
  db: Db,
  filter: Omit<ResponseFilter, 'after'> & { cursor?: string },
): Promise<{ responses: StoredResponse[]; nextCursor: string | null }> {
  const { cursor, ...f } = filter;
  const after = cursor ? decodeCursor(cursor, arrivalKey) : undefined;
  const rows = await listResponses(db, { ...f, after });
  const last = rows[rows.length - 1];
  const nextCursor = rows.length === f.limit && last ? encodeCursor({ receivedAt: last.received_at, id: last.id }) : null;
  return { responses: rows.map(toApi), nextCursor };
}

/** One response with its answers; 404 when there is none with this id. */
export async function storedResponse(db: Db, id: string): Promise<StoredResponse> {
  const row = await getResponse(db, id);
  if (!row) throw problemError(problem('not-found.response'));
  return toApi(row);
}
