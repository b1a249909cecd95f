import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router-dom';
import { deviceCount, startWarning } from '../../../shared/quota/quota';
import type { PullResult } from '../../../shared/api/pull';
import type { PhieuDb } from '../../db/database';
import { useDraftsWithPlace } from '../../db/drafts';
import { useLocalCellCounts, usePull, useQueueStatus, useRejected, useRejectedRoster } from '../../db/hooks';
import { useI18n } from '../../i18n/i18n';
import { LanguageSelect } from '../../ui/LanguageSelect';
import { useDevice } from '../../sync/device';
import { Banner } from '../../ui/Banner';
import { lazyPart, useLazyPart } from '../../ui/lazy-part';
import { ProgressBar } from '../../ui/ProgressBar';
import { DraftList } from './DraftList';
import { SampleNotice } from './SampleNotice';
import { SyncPanel } from './SyncPanel';

/** The unsynced file: its code (db/export.ts) is loaded on the click, not with the first screen (issue 14). */
const saveUnsyncedFile = (db: PhieuDb) => import('./unsynced-file').then((m) => m.saveUnsyncedFile(db));

/** What the server refused: a chunk of its own, as only a device holding a refused item shows it (issue 14). */
const refusedPanel = lazyPart(() => import('./RefusedPanel'));
/** The storage figures: a chunk of their own too, last on the screen, so that they move nothing when they come. */
const StoragePanel = lazy(() => import('./StoragePanel').then((m) => ({ default: m.StoragePanel })));

/** The surveyor's home: refused responses first, then sync state, assigned unit × group cells with quota progress, drafts. */
export function HomeScreen({ onSignOut }: { onSignOut: () => void }) {
  const { t } = useI18n();
  const { db } = useDevice();
  const pulled = usePull(db);
  return (
    <main>
      <div className="spread">
        <h1>{t('home.title')}</h1>
        <LanguageSelect />
      </div>
      {pulled !== undefined && <HomeBody pulled={pulled} onSignOut={onSignOut} />}
    </main>
  );
}

/**
 * Everything below the title, shown at once when every count it holds has been read from the device (issue 14): shown
 * piece by piece as each read came back, the sync card grew and the cells and the drafts' heading moved down, then up.
 * Until then it is laid out hidden, the drafts list included, so that the list's own read (DraftList reads its drafts
 * itself) starts with this screen's and is back when it is shown. The storage figures come last, below everything.
 * Mounted once the pull is read, so that the local counts are read for that pull and not for none.
 */
function HomeBody({ pulled, onSignOut }: { pulled: { pull: PullResult; pulledAt: string } | null; onSignOut: () => void }) {
  const { t } = useI18n();
  const { db } = useDevice();
  const pull = pulled?.pull;
  const local = useLocalCellCounts(db, pulled?.pulledAt, pull?.assignments);
  const status = useQueueStatus(db);
  const rejected = useRejected(db);
  const rejectedRoster = useRejectedRoster(db);
  // Only waited for: DraftList shows them.
  const drafts = useDraftsWithPlace(db);
  // Loaded as soon as the refused lists are read non-empty, and waited for, as the panel is at the top of the screen:
  // before the body is first shown only. A refusal that comes later (a sync) shows the panel once it is loaded,
  // without hiding the rest meanwhile.
  const anyRefused = rejected !== undefined && rejectedRoster !== undefined && rejected.length + rejectedRoster.length > 0;
  const refused = useLazyPart(refusedPanel, anyRefused);
  const [shown, setShown] = useState(false);
  const counted =
    local !== undefined && status !== undefined && rejected !== undefined && rejectedRoster !== undefined && drafts !== undefined;
  const ready = counted && (shown || !anyRefused || refused !== undefined);
  if (ready && !shown) setShown(true);

  const unitName = (id: string) => pull?.campaign.units.find((u) => u.id === id)?.name ?? id;
  const groupName = (id: string) => pull?.campaign.groups.find((g) => g.id === id)?.name ?? id;

  return (
    <div hidden={!ready}>
      {ready && (
        <>
          {pull && (
            <div className="spread account-row">
              <span className="muted">{t('home.signedInAs', { name: pull.account.displayName })}</span>
              <button type="button" onClick={onSignOut}>
                {t('home.logout')}
              </button>
            </div>
          )}
          {/* What the server refused comes first: never below the fold, never under "all sent" (issue #13). */}
          {anyRefused && refused && <refused.RefusedPanel responses={rejected} roster={rejectedRoster} pull={pull} />}
          <SyncPanel status={status} />
          {pulled === null && <Banner kind="info">{t('home.notLoaded')}</Banner>}
          {pull?.campaign.sampleNotice && <SampleNotice notice={pull.campaign.sampleNotice} />}
          {pull && <h2>{pull.campaign.name}</h2>}
          {pull && pull.assignments.length === 0 && <Banner kind="info">{t('home.noAssignments')}</Banner>}
          {pull?.assignments.map((a) => {
            const mine = local.get(`${a.unit} ${a.group}`) ?? 0;
            const count = deviceCount(a.cellCount, mine);
            const own = deviceCount(a.ownCount, mine);
            const warning = startWarning({ target: a.target, cellCount: count, allocation: a.allocation ?? undefined, ownCount: own });
            return (
              <article className="card" key={`${a.unit} ${a.group}`}>
                <h3 style={{ margin: 0 }}>{unitName(a.unit)}</h3>
                <p className="muted">{groupName(a.group)}</p>
                <ProgressBar
                  value={count}
                  max={a.target}
                  label={t('cell.progress', { count, target: a.target, remaining: Math.max(0, a.target - count) })}
                />
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
                <div className="row">
                  <Link className="button primary" to={`/start/${a.unit}/${a.group}`}>
                    {t('cell.start')}
                  </Link>
                  {/* Online only, on its own screen (a lazy chunk): single-use codes respondents fill in with (issue 19). */}
                  <Link className="card-link" to={`/self-fill/${a.unit}/${a.group}`}>
                    {t('cell.selfFill')}
                  </Link>
                </div>
              </article>
            );
          })}
        </>
      )}
      <DraftList pull={pull} />
      {ready && (
        <>
          <p>
            <button type="button" onClick={() => void saveUnsyncedFile(db)}>
              {t('export.button')}
            </button>
          </p>
          <Suspense fallback={null}>
            <StoragePanel />
          </Suspense>
        </>
      )}
    </div>
  );
}
