import { Link } from 'react-router-dom';
import { deviceCount, startWarning } from '../../../shared';
import { useLocalCellCounts, usePull } from '../../db/hooks';
import { useI18n } from '../../i18n/i18n';
import { LanguageSelect } from '../../ui/LanguageSelect';
import { useDevice } from '../../sync/device';
import { Banner } from '../../ui/Banner';
import { ProgressBar } from '../../ui/ProgressBar';
import { DraftList } from './DraftList';
import { RefusedPanel } from './RefusedPanel';
import { SampleNotice } from './SampleNotice';
import { StoragePanel } from './StoragePanel';
import { SyncPanel } from './SyncPanel';
import { saveUnsyncedFile } from './unsynced-file';

/** The surveyor's home: refused responses first, then sync state, assigned unit × group cells with quota progress, drafts. */
export function HomeScreen({ onSignOut }: { onSignOut: () => void }) {
  const { t } = useI18n();
  const { db } = useDevice();
  const pulled = usePull(db);
  const local = useLocalCellCounts(db, pulled?.pulledAt, pulled?.pull.assignments);

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
        <div className="spread account-row">
          <span className="muted">{t('home.signedInAs', { name: pull.account.displayName })}</span>
          <button type="button" onClick={onSignOut}>
            {t('home.logout')}
          </button>
        </div>
      )}
      {/* What the server refused comes first: never below the fold, never under "all sent" (issue #13). */}
      <RefusedPanel />
      <SyncPanel />
      {pulled === null && <Banner kind="info">{t('home.notLoaded')}</Banner>}
      {pull?.campaign.sampleNotice && <SampleNotice notice={pull.campaign.sampleNotice} />}
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
      <DraftList pull={pull} />
      <p>
        <button type="button" onClick={() => void saveUnsyncedFile(db)}>
          {t('export.button')}
        </button>
      </p>
      <StoragePanel />
    </main>
  );
}
