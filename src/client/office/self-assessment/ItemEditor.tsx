import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { SaItem, SelfAssessment } from '../../../shared/api/self-assessment';
import { problemText } from '../../../shared/problems/problem';
import { problemTextEn } from '../../../shared/problems/text-en';
import { problemTextVi } from '../../../shared/problems/text-vi';
import type { SubCriterion } from '../../../shared/schema/framework';
import { saveSaItem, selfAssessmentKeys } from '../queries/self-assessment';
import { useText } from '../text';
import { ItemSaver } from './item-saver';
import { scoreHasSeparators, typedScoreProblem } from './model';
import { useItemSaver } from './useItemSaver';
import { SaveState } from './SaveState';
import type { SaEnv } from './SelfAssessmentData';

/** The text boxes of a self-assessment item beside its score. */
const FIELDS = ['explanation', 'note'] as const;

/**
 * Entry of one sub-criterion (nhập kết quả đánh giá): self score, explanation (giải trình) and note, saved as they are
 * typed. The score is checked with the shared rule as it is typed, and a refused one is never sent.
 */
export function ItemEditor({ env, sub, item }: { env: SaEnv; sub: SubCriterion; item: SaItem }) {
  const { t, number, lang } = useText();
  const client = useQueryClient();
  const [saver] = useState(
    () =>
      new ItemSaver<(typeof FIELDS)[number], SaItem>(item, {
        fields: FIELDS,
        conflictCode: 'conflict',
        lockedCodes: ['submitted', 'workflow.wrong-state', 'workflow.not-reopened'],
        send: (body) => saveSaItem(env.campaignId, env.unitId, sub.code, body),
        latest: async () => {
          await env.refresh();
          return client
            .getQueryData<SelfAssessment>(selfAssessmentKeys.entry(env.campaignId, env.unitId))
            ?.items.find((i) => i.code === sub.code);
        },
        saved: () => void env.refresh().catch(() => undefined),
        acceptable: (d) => !d.badScore && typedScoreProblem(sub, d.score) === null,
        now: () => new Date(),
      }),
  );
  const snap = useItemSaver(saver, item);
  const { draft, status } = snap;

  const scoreId = useId();
  const hintId = useId();
  const problemId = useId();
  const explanationId = useId();
  const noteId = useId();
  const refused = typedScoreProblem(sub, draft.score);
  // The shared rule's problem in the person's language, from the catalogues the server words it with.
  const problem = scoreHasSeparators(draft.score)
    ? t('sa.score.separators')
    : draft.badScore
      ? t('sa.score.notNumber')
      : refused && problemText(lang === 'en' ? problemTextEn : problemTextVi, refused);
  const locked = status.kind === 'locked';

  return (
    <div className="sa-entry">
      <div className="sa-score">
        <label htmlFor={scoreId}>{t('sa.score.label')}</label>
        <input
          id={scoreId}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={draft.score}
          disabled={locked}
          aria-invalid={problem !== null}
          aria-describedby={`${hintId}${problem ? ` ${problemId}` : ''}`}
          onChange={(e) => saver.change({ score: e.currentTarget.value, badScore: false })}
          onBlur={() => saver.flush()}
        />
        <p id={hintId} className="muted sa-small">
          {t('sa.score.hint', { max: number(sub.maxPoints), step: number(sub.step) })}
        </p>
        {problem && (
          <p id={problemId} className="error">
            {problem}
          </p>
        )}
      </div>
      <label htmlFor={explanationId}>{t('sa.explanation')}</label>
      <textarea
        id={explanationId}
        rows={3}
        maxLength={5000}
        value={draft.explanation}
        disabled={locked}
        onChange={(e) => saver.change({ explanation: e.currentTarget.value })}
        onBlur={() => saver.flush()}
      />
      <label htmlFor={noteId}>{t('sa.note')}</label>
      <textarea
        id={noteId}
        rows={2}
        maxLength={2000}
        className="short"
        value={draft.note}
        disabled={locked}
        onChange={(e) => saver.change({ note: e.currentTarget.value })}
        onBlur={() => saver.flush()}
      />
      <SaveState snap={snap} item={item} saver={saver} fields={FIELDS} describe={(f, value) => t(`sa.conflict.${f}`, { value })} />
    </div>
  );
}
