import { surveyScorer, type CampaignIndex, type ScorableResponse, type SurveyScores } from '../../../shared';
import type { ScorableRow } from '../../db/export';

/**
 * The shared engine over stored rows (DESIGN §5): each row's answers are parsed as the engine reaches it, so only the
 * engine's tallies (and the ids it keeps for tracing) grow with the number of responses. Runs in an export worker, or
 * in the request thread when there is none.
 */
export function scoreRows(index: CampaignIndex, rows: Iterable<ScorableRow>): { result: SurveyScores; used: number } {
  const scorer = surveyScorer(index);
  let used = 0;
  for (const r of rows) {
    scorer.add(scorable(r));
    used += 1;
  }
  return { result: scorer.result(), used };
}

/** scoreRows over batches read asynchronously (ExportReader.scorable): one batch in memory at a time. */
export async function scoreRowBatches(
  index: CampaignIndex,
  batches: AsyncIterable<readonly ScorableRow[]>,
): Promise<{ result: SurveyScores; used: number }> {
  const scorer = surveyScorer(index);
  let used = 0;
  for await (const batch of batches) {
    for (const r of batch) scorer.add(scorable(r));
    used += batch.length;
  }
  return { result: scorer.result(), used };
}

const scorable = (r: ScorableRow): ScorableResponse => ({
  id: r.id,
  unitId: r.unit_id,
  groupId: r.group_id,
  questionnaireId: r.questionnaire_id,
  questionnaireVersion: r.questionnaire_version,
  answers: JSON.parse(r.answers_json),
});
