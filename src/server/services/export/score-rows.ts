import { scoreSurvey, type CampaignIndex, type ScorableResponse, type SurveyScores } from '../../../shared';
import type { ScorableRow } from '../../db/export';

/**
 * The shared engine over stored rows (DESIGN §5): each row's answers are parsed as the engine reaches it, so only the
 * engine's tallies (and the ids it keeps for tracing) grow with the number of responses. Runs in an export worker, or
 * in the request thread when there is none.
 */
export function scoreRows(index: CampaignIndex, rows: Iterable<ScorableRow>): { result: SurveyScores; used: number } {
  let used = 0;
  const responses: Iterable<ScorableResponse> = {
    *[Symbol.iterator]() {
      for (const r of rows) {
        used += 1;
        yield {
          id: r.id,
          unitId: r.unit_id,
          groupId: r.group_id,
          questionnaireId: r.questionnaire_id,
          questionnaireVersion: r.questionnaire_version,
          answers: JSON.parse(r.answers_json),
        };
      }
    },
  };
  const result = scoreSurvey(index, responses);
  return { result, used };
}
