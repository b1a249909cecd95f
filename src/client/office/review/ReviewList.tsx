import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { CampaignInfo } from '../../../shared/api/pull';
import { REVIEW_FLAGS, type ReviewFlag } from '../../../shared/review/flags';
import { Banner } from '../../ui/Banner';
import { ChoiceSelect } from '../ChoiceSelect';
import { useReviewPages, useReviewSummary } from '../queries/review';
import { useText } from '../text';

interface Filters {
  unitId: string;
  groupId: string;
  flag: ReviewFlag | 'any' | '';
  state: 'all' | 'included' | 'excluded';
  from: string;
  to: string;
}

const EMPTY: Filters = { unitId: '', groupId: '', flag: '', state: 'all', from: '', to: '' };

/** Home Affairs' list of received responses with the server's warning signs, filtered, 50 at a time. */
export function ReviewList({ campaign }: { campaign: CampaignInfo }) {
  const { t, number, dateTime } = useText();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setFilters((f) => ({ ...f, [k]: v }));
  const summary = useReviewSummary(campaign.id);
  const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '' && v !== 'all'));
  const pages = useReviewPages(campaign.id, params.toString());
  const unitName = (id: string) =>
    campaign.units.find((u) => u.id === id)?.shortName ?? campaign.units.find((u) => u.id === id)?.name ?? id;
  const groupName = (id: string) => campaign.groups.find((g) => g.id === id)?.name ?? id;
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <h1>{t('review.title')}</h1>
      {summary.data && (
        <p>
          {t('review.summary', { total: number(summary.data.total), excluded: number(summary.data.excluded) })}
          {' · '}
          {REVIEW_FLAGS.map((f) => `${t(`review.flag.${f}`)}: ${number(summary.data.flags[f])}`).join(' · ')}
        </p>
      )}
      <div className="filters">
        <ChoiceSelect
          label={t('review.filter.unit')}
          value={filters.unitId}
          onChange={(v) => set('unitId', v)}
          options={campaign.units}
          all={t('review.filter.all')}
        />
        <ChoiceSelect
          label={t('review.filter.group')}
          value={filters.groupId}
          onChange={(v) => set('groupId', v)}
          options={campaign.groups}
          all={t('review.filter.all')}
        />
        <label>
          {t('review.filter.flag')}
          <select value={filters.flag} onChange={(e) => set('flag', e.target.value as Filters['flag'])}>
            <option value="">{t('review.filter.all')}</option>
            <option value="any">{t('review.flag.any')}</option>
            {REVIEW_FLAGS.map((f) => (
              <option key={f} value={f}>
                {t(`review.flag.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('review.filter.state')}
          <select value={filters.state} onChange={(e) => set('state', e.target.value as Filters['state'])}>
            {(['all', 'included', 'excluded'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`review.state.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('review.filter.from')}
          <input type="date" value={filters.from} onChange={(e) => set('from', e.target.value)} />
        </label>
        <label>
          {t('review.filter.to')}
          <input type="date" value={filters.to} onChange={(e) => set('to', e.target.value)} />
        </label>
      </div>
      {pages.isError && (
        <Banner kind="error">{pages.error.offline ? t('office.offline') : t('office.error', { message: pages.error.message })}</Banner>
      )}
      {pages.isPending && <p className="muted">{t('office.loading')}</p>}
      {pages.isSuccess && items.length === 0 && <p>{t('review.none')}</p>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('review.col.received')}</th>
                <th scope="col">{t('review.col.unit')}</th>
                <th scope="col">{t('review.col.group')}</th>
                <th scope="col">{t('review.col.surveyor')}</th>
                <th scope="col">{t('review.col.mode')}</th>
                <th scope="col">{t('review.col.duration')}</th>
                <th scope="col">{t('review.col.flags')}</th>
                <th scope="col">{t('review.col.state')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id} className={r.excluded ? 'excluded' : undefined}>
                  <td>
                    <Link to={`/review/${r.id}`}>{dateTime(r.receivedAt)}</Link>
                  </td>
                  <td>{unitName(r.unitId)}</td>
                  <td>{groupName(r.groupId)}</td>
                  <td>{r.surveyorName ?? r.surveyorId}</td>
                  <td>
                    {t(`mode.${r.mode as 'interview'}`)}
                    {r.paperSerial ? ` ${r.paperSerial}` : ''}
                  </td>
                  <td className="num">
                    {r.durationSeconds === null ? '—' : t('review.minutes', { m: number(Math.round(r.durationSeconds / 6) / 10) })}
                  </td>
                  <td>
                    {r.flags.map((f) => (
                      <span key={f} className="tag warn">
                        {t(`review.flag.${f}`)}
                      </span>
                    ))}
                  </td>
                  <td>{r.excluded ? t('review.state.excluded') : t('review.state.included')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages.hasNextPage && (
        <p>
          <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
            {t('review.more')}
          </button>
        </p>
      )}
    </>
  );
}
