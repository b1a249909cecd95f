import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Appraisal } from '../../../shared/api/appraisal';
import type { SubCriterion } from '../../../shared/schema/framework';
import { appraisalKeys, saveAppraisalItem } from '../queries/appraisal';
import { useSaFormat } from '../self-assessment/format';
import { ItemSaver } from '../self-assessment/item-saver';
import { useItemSaver } from '../self-assessment/useItemSaver';
import { SaveState } from '../self-assessment/SaveState';
import { useText } from '../text';
import type { ApEnv } from './AppraisalData';
import type { AppraisalItem } from './model';
import { appraisedScoreProblem } from './score';

/** The text box of an appraisal beside its score. */
const FIELDS = ['comment'] as const;

/** The server's refusals that mean "this item cannot be appraised now" (closed, waiting for the unit, not yours). */
const LOCKED = ['workflow.wrong-state', 'workflow.awaiting-explanation', 'workflow.not-appraiser'];

/**
 * The council member's score (điểm thẩm định) and comment (nhận xét) of one sub-criterion, saved as they are typed
 * with the same version rule as the unit's entry. The score is 0..max in the framework's step, a decimal comma
 * accepted; a score other than the unit's own needs a comment, which the server says beside the comment box.
 */
export function AppraisalEditor({
  env,
  sub,
  selfScore,
  item,
}: {
  env: ApEnv;
  sub: SubCriterion;
  selfScore: number | null;
  item: AppraisalItem;
}) {
  const { t, number } = useText();
  const { points } = useSaFormat();
  const client = useQueryClient();
  const [saver] = useState(
    () =>
      new ItemSaver<(typeof FIELDS)[number], AppraisalItem>(item, {
        fields: FIELDS,
        conflictCode: 'appraisal.conflict',
        lockedCodes: LOCKED,
        send: (body) => saveAppraisalItem(env.campaignId, env.unitId, sub.code, body),
        latest: async () => {
          await env.refresh();
          return client.getQueryData<Appraisal>(appraisalKeys.unit(env.campaignId, env.unitId))?.items.find((i) => i.code === sub.code);
        },
        saved: () => void env.refresh().catch(() => undefined),
        acceptable: (d) => appraisedScoreProblem(sub, d.score) === null,
        now: () => new Date(),
      }),
  );
  const snap = useItemSaver(saver, item);
  const { draft, status } = snap;

  const scoreId = useId();
  const hintId = useId();
  const problemId = useId();
  const commentId = useId();
  const commentHintId = useId();
  const refusalId = useId();
  const kind = appraisedScoreProblem(sub, draft.score);
  const problem =
    kind === null
      ? null
      : kind === 'not-number'
        ? t('ap.score.notNumber')
        : kind === 'separators'
          ? t('ap.score.separators')
          : kind === 'negative'
            ? t('ap.score.negative')
            : kind === 'over-max'
              ? t('ap.score.overMax', { max: points(sub.maxPoints) })
              : t('ap.score.step', { step: points(sub.step) });
  // The server's refusal of a missing comment is said beside the comment box, not as a general error.
  const commentRefusal = status.kind === 'error' && status.code === 'appraisal.comment-needed' ? status.message : null;
  const locked = status.kind === 'locked';

  return (
    <div className="sa-entry ap-entry">
      <div className="sa-score">
        <label htmlFor={scoreId}>{t('ap.score.label')}</label>
        <input
          id={scoreId}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={draft.score}
          disabled={locked}
          aria-invalid={problem !== null}
          aria-describedby={`${hintId}${problem ? ` ${problemId}` : ''}`}
          onChange={(e) => saver.change({ score: e.currentTarget.value })}
          onBlur={() => saver.flush()}
        />
        <p id={hintId} className="muted sa-small">
          {t('ap.score.hint', { max: number(sub.maxPoints), step: number(sub.step) })}
        </p>
        {problem && (
          <p id={problemId} className="error">
            {problem}
          </p>
        )}
      </div>
      <label htmlFor={commentId}>{t('ap.comment')}</label>
      <textarea
        id={commentId}
        rows={3}
        maxLength={5000}
        value={draft.comment}
        disabled={locked}
        aria-invalid={commentRefusal !== null}
        aria-describedby={`${commentHintId}${commentRefusal ? ` ${refusalId}` : ''}`}
        onChange={(e) => saver.change({ comment: e.currentTarget.value })}
        onBlur={() => saver.flush()}
      />
      <p id={commentHintId} className="muted sa-small">
        {selfScore === null ? t('ap.comment.hintNoSelf') : t('ap.comment.hint', { self: points(selfScore) })}
      </p>
      {commentRefusal ? (
        <p id={refusalId} className="error" role="alert">
          {commentRefusal}
        </p>
      ) : (
        <SaveState
          snap={snap}
          item={item}
          saver={saver}
          fields={FIELDS}
          describe={(f, value) => t(f === 'score' ? 'sa.conflict.score' : 'ap.conflict.comment', { value })}
        />
      )}
    </div>
  );
}
