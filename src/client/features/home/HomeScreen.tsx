import { Link } from 'react-router-dom';
import { deviceCount, startWarning } from '../../../shared';
import { exportUnsynced } from '../../db/export';
import { useDrafts, useLocalCellCounts, usePull, useRejected } from '../../db/hooks';
import { useI18n } from '../../i18n/i18n';
import { LanguageSelect } from '../../ui/LanguageSelect';
import { useDevice } from '../../sync/device';
import { Banner } from '../../ui/Banner';
import { ProgressBar } from '../../ui/ProgressBar';
import { StoragePanel } from './StoragePanel';
import { SyncPanel } from './SyncPanel';

/** The surveyor's home: assigned unit × group cells with quota progress, sync state, drafts and refused responses. */
export function HomeScreen({ onSignOut }: { onSignOut: () => void }) {
  const { t } = useI18n();
  const { db } = useDevice();
  const pulled = usePull(db);
  const local = useLocalCellCounts(db, pulled?.pulledAt, pulled?.pull.assignments);
  const drafts = useDrafts(db);
  const rejected = useRejected(db);

  async function download() {
    const data = await exportUnsynced(db, new Date());
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `phieu-chua-dong-bo-${data.exportedAt.slice(0, 19).replace(/[:T]/g, '-')}.json`;
    a.click();
    URL.revokeObjectURL(a.href);
  }

  const pull = pulled?.pull;
  const unitName = (id: string) => pull?.campaign.units.find((u) => u.id === id)?.name ?? id;
  const groupName = (id: string) => pull?.campaign.groups.find((g) => g.id === id)?.name ?? id;

  return (
    <main>
      <div className="spread">
        <h1>{t('home.title')}</h1>
        <LanguageSelect />
      </div>
      {pull && (
        <div className="spread">
          <span className="muted">{t('home.signedInAs', { name: pull.account.displayName })}</span>
          <button type="button" onClick={onSignOut}>
            {t('home.logout')}
          </button>
        </div>
      )}
      <SyncPanel />
      {pulled === null && <Banner kind="info">{t('home.notLoaded')}</Banner>}
      {pull?.campaign.sampleNotice && <Banner kind="warn">{t('home.sampleNotice', { notice: pull.campaign.sampleNotice })}</Banner>}
      {pull && <h2>{pull.campaign.name}</h2>}
      {pull && pull.assignments.length === 0 && <Banner kind="info">{t('home.noAssignments')}</Banner>}
      {pull?.assignments.map((a) => {
        const mine = local?.get(`${a.unit} ${a.group}`) ?? 0;
        const count = deviceCount(a.cellCount, mine);
        const own = deviceCount(a.ownCount, mine);
        const warning = startWarning({ target: a.target, cellCount: count, allocation: a.allocation ?? undefined, ownCount: own });
        return (
          <article className="card" key={`${a.unit} ${a.group}`}>
            <h3 style={{ margin: 0 }}>{unitName(a.unit)}</h3>
            <p className="muted">{groupName(a.group)}</p>
            <ProgressBar value={count} max={a.target} label={t('cell.progress', { count, target: a.target, remaining: Math.max(0, a.target - count) })} />
            <p>
              {t('cell.progress', { count, target: a.target, remaining: Math.max(0, a.target - count) })}
              <br />
              <span className="muted">
                {t('cell.synced', { server: a.cellCount })} · {t('cell.unsynced', { local: mine })}
              </span>
            </p>
            {a.allocation !== null && <p>{t('cell.allocation', { own, allocation: a.allocation })}</p>}
            {warning === 'quota-reached' && <Banner kind="warn">{t('cell.reached')}</Banner>}
            {warning === 'allocation-reached' && <Banner kind="warn">{t('cell.allocationReached')}</Banner>}
            <Link className="button primary" to={`/start/${a.unit}/${a.group}`}>
              {t('cell.start')}
            </Link>
          </article>
        );
      })}
      <h2>{t('drafts.title')}</h2>
      {drafts?.length === 0 && <p className="muted">{t('drafts.none')}</p>}
      {drafts?.map((d) => (
        <div className="card spread" key={d.id}>
          <span>
            {unitName(d.unitId)} — {groupName(d.groupId)}
          </span>
          <Link className="button" to={`/fill/${d.id}`}>
            {t('drafts.resume')}
          </Link>
        </div>
      ))}
      {rejected && rejected.length > 0 && (
        <>
          <h2>{t('rejected.title', { n: rejected.length })}</h2>
          <p>{t('rejected.explain')}</p>
          {rejected.map((r) => (
            <div className="card" key={r.id}>
              <strong>
                {unitName(r.unitId)} — {groupName(r.groupId)}
              </strong>
              <p>{r.rejection?.message}</p>
              <ul>
                {r.rejection?.issues.map((i) => (
                  <li key={`${i.path} ${i.message}`}>
                    {i.path}: {i.message}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </>
      )}
      <p>
        <button type="button" onClick={() => void download()}>
          {t('export.button')}
        </button>
      </p>
      <StoragePanel />
    </main>
  );
}
