import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import type { SaItem, SelfAssessment, SubCriterion } from '../../../shared';
import { Banner } from '../../ui/Banner';
import { putJson } from '../api';
import { useText } from '../text';
import { changedFields, ItemSaver, type ItemField, type SaverSnapshot } from './item-saver';
import { typedScoreProblem } from './model';
import type { SaEnv } from './SelfAssessmentData';
import { useSaFormat } from './format';

/**
 * Entry of one sub-criterion (nhập kết quả đánh giá): self score, explanation (giải trình) and note, saved as they are
 * typed. The score is checked with the shared rule as it is typed, and a refused one is never sent.
 */
export function ItemEditor({ env, sub, item }: { env: SaEnv; sub: SubCriterion; item: SaItem }) {
  const { t, number } = useText();
  const client = useQueryClient();
  const [saver] = useState(
    () =>
      new ItemSaver(item, {
        send: (body) => putJson<void>(env.urls.item(sub.code), body),
        latest: async () => {
          await env.refresh();
          return client.getQueryData<SelfAssessment>([env.urls.base])?.items.find((i) => i.code === sub.code);
        },
        saved: () => void env.refresh().catch(() => undefined),
        acceptable: (d) => !d.badScore && typedScoreProblem(sub, d.score) === null,
        now: () => new Date(),
      }),
  );
  const snap = useSyncExternalStore(saver.subscribe, saver.snapshot);
  const { draft, status } = snap;

  // A newer copy from the server (someone else saved, or a refetch) is taken when nothing typed here waits.
  useEffect(() => saver.serverItem(item), [saver, item]);
  // Leaving the screen saves what waits for the pause.
  useEffect(() => () => saver.dispose(), [saver]);
  // Closing the tab with something unsaved asks first.
  const unsaved = status.kind === 'pending' || status.kind === 'saving' || status.kind === 'invalid' || status.kind === 'error';
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);

  const scoreId = useId();
  const hintId = useId();
  const problemId = useId();
  const explanationId = useId();
  const noteId = useId();
  const problem = draft.badScore ? t('sa.score.notNumber') : typedScoreProblem(sub, draft.score);
  const locked = status.kind === 'locked';

  return (
    <div className="sa-entry">
      <div className="sa-score">
        <label htmlFor={scoreId}>{t('sa.score.label')}</label>
        <input
          id={scoreId}
          type="number"
          inputMode="decimal"
          min={0}
          max={sub.maxPoints}
          step={sub.step}
          value={draft.score}
          disabled={locked}
          aria-invalid={problem !== null}
          aria-describedby={`${hintId}${problem ? ` ${problemId}` : ''}`}
          onChange={(e) => saver.change({ score: e.currentTarget.value, badScore: e.currentTarget.validity.badInput })}
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
      <textarea id={noteId} rows={2} maxLength={2000} className="short" value={draft.note} disabled={locked} onChange={(e) => saver.change({ note: e.currentTarget.value })} onBlur={() => saver.flush()} />
      <SaveState snap={snap} item={item} saver={saver} />
    </div>
  );
}

function SaveState({ snap, item, saver }: { snap: SaverSnapshot; item: SaItem; saver: ItemSaver }) {
  const { t } = useText();
  const { time, dateTime, points } = useSaFormat();
  const { status } = snap;
  switch (status.kind) {
    case 'idle':
      return (
        <p className="sa-save muted" role="status">
          {item.updatedAt ? t('sa.save.last', { at: dateTime(item.updatedAt), by: item.updatedBy ?? '—' }) : ''}
        </p>
      );
    case 'pending':
      return (
        <p className="sa-save muted" role="status">
          {t('sa.save.pending')}
        </p>
      );
    case 'saving':
      return (
        <p className="sa-save muted" role="status">
          {t('sa.save.saving')}
        </p>
      );
    case 'saved':
      return (
        <p className="sa-save ok" role="status">
          {t('sa.save.saved', { at: time(status.at) })}
        </p>
      );
    case 'invalid':
      return (
        <p className="sa-save error" role="status">
          {t('sa.save.invalid')}
        </p>
      );
    case 'error':
      return (
        <Banner kind="error">
          {status.offline ? t('sa.save.offline') : t('sa.save.error', { message: status.message })}{' '}
          <button type="button" onClick={() => saver.retry()}>
            {t('sa.save.retry')}
          </button>
        </Banner>
      );
    case 'locked':
      return <Banner kind="error">{status.message}</Banner>;
    case 'conflict': {
      const theirs = status.theirs;
      const show = (v: string | null) => (v && v.trim() ? v : t('sa.conflict.empty'));
      const values = (v: { score: string; explanation: string | null; note: string | null }, fields: readonly ItemField[]) =>
        fields.map((f) => t(`sa.conflict.${f}`, { value: f === 'score' ? (v.score.trim() === '' ? t('sa.conflict.empty') : v.score) : show(v[f]) })).join('; ');
      const mine = changedFields(snap.draft, status.base);
      return (
        <Banner kind="warn">
          <p>
            <strong>{t('sa.conflict.title')}</strong> {status.message}
          </p>
          {theirs ? (
            <dl className="sa-conflict">
              <div>
                <dt>{t('sa.conflict.theirs', { by: theirs.updatedBy ?? '—', at: theirs.updatedAt ? dateTime(theirs.updatedAt) : '—' })}</dt>
                <dd>{values({ ...theirs, score: theirs.score === null ? '' : points(theirs.score) }, ['score', 'explanation', 'note'])}</dd>
              </div>
              {mine.length > 0 && (
                <div>
                  <dt>{t('sa.conflict.mine')}</dt>
                  <dd>{values(snap.draft, mine)}</dd>
                </div>
              )}
            </dl>
          ) : (
            <p>{t('sa.conflict.unreadable')}</p>
          )}
          <div className="row">
            {theirs ? (
              <>
                <button type="button" onClick={() => saver.takeTheirs()}>
                  {t('sa.conflict.takeTheirs')}
                </button>
                <button type="button" onClick={() => saver.keepMine()}>
                  {t('sa.conflict.keepMine')}
                </button>
              </>
            ) : (
              <button type="button" onClick={() => void saver.readTheirs()}>
                {t('sa.conflict.reload')}
              </button>
            )}
          </div>
        </Banner>
      );
    }
  }
}
