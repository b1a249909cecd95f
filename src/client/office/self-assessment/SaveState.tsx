import { Banner } from '../../ui/Banner';
import { useText } from '../text';
import { useSaFormat } from './format';
import type { ItemSaver, SavedItem, SaverSnapshot } from './item-saver';

/** Who saved an item last and when, as both sides show it. */
interface Saved {
  updatedAt: string | null;
  updatedBy: string | null;
}

/**
 * Where an item saved as it is typed stands: last saved, waiting, saving, saved, refused (with a retry), locked, or a
 * conflict with the other person's version beside what was typed here and the two ways out (keep mine, take
 * theirs). `describe` words one box and its value in the conflict banner ("điểm 0,5", "giải trình: …").
 */
export function SaveState<F extends string, I extends SavedItem<F> & Saved>({
  snap,
  item,
  saver,
  fields,
  describe,
}: {
  snap: SaverSnapshot<F, I>;
  item: Saved;
  saver: ItemSaver<F, I>;
  fields: readonly F[];
  describe: (field: 'score' | F, value: string) => string;
}) {
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
      const values = (v: Record<string, string | null>, which: readonly ('score' | F)[]) =>
        which
          .map((f) =>
            describe(f, f === 'score' ? (v.score == null || v.score.trim() === '' ? t('sa.conflict.empty') : v.score) : show(v[f] ?? null)),
          )
          .join('; ');
      const mine = saver.changed(snap.draft, status.base);
      const theirValues = (i: I): Record<string, string | null> => ({
        ...(i as unknown as Record<string, string | null>),
        score: i.score === null ? '' : points(i.score),
      });
      return (
        <Banner kind="warn">
          <p>
            <strong>{t('sa.conflict.title')}</strong> {status.message}
          </p>
          {theirs ? (
            <dl className="sa-conflict">
              <div>
                <dt>{t('sa.conflict.theirs', { by: theirs.updatedBy ?? '—', at: theirs.updatedAt ? dateTime(theirs.updatedAt) : '—' })}</dt>
                <dd>{values(theirValues(theirs), ['score', ...fields])}</dd>
              </div>
              {mine.length > 0 && (
                <div>
                  <dt>{t('sa.conflict.mine')}</dt>
                  <dd>{values(snap.draft as unknown as Record<string, string | null>, mine)}</dd>
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
