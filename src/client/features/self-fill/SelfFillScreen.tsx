import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { IssuedBatch, SelfFillBatch } from '../../../shared/api/self-fill';
import { vietnameseDay } from '../../../shared/format/vietnamese-date';
import { isUsable, newestFirst, outstandingCodes, unusedCodes } from '../../../shared/self-fill/batches';
import { deviceCount } from '../../../shared/quota/quota';
import { vnDay } from '../../../shared/quota/schedule';
import { useLocalCellCounts, usePull } from '../../db/hooks';
import { useSelfFillI18n } from '../../i18n/self-fill';
import { useDevice } from '../../sync/device';
import { Banner } from '../../ui/Banner';
import { ConfirmAction } from '../../ui/ConfirmAction';
import { ApiError } from '../../ui/http';
import { defaultCount, IssueFields, issueRequest } from '../../ui/self-fill-sheet/IssueFields';
import { IssuedSheet } from '../../ui/self-fill-sheet/IssuedSheet';
import { useOnline } from '../../ui/useOnline';
import { issueBatch, listBatches, revokeBatch } from './api';

/**
 * A surveyor issues single-use self-fill codes for one of their assigned unit × group cells (issue 19), prints or saves
 * the sheet of slips at once (the plain codes exist only in the answer that issued them), and follows or revokes the
 * cell's batches. Online only: nothing of it is kept on the device. Printing shows the sheet only (`no-print` elsewhere).
 */
export function SelfFillScreen() {
  const { unit = '', group = '' } = useParams();
  const { t } = useSelfFillI18n();
  const { db } = useDevice();
  const pulled = usePull(db);
  const local = useLocalCellCounts(db, pulled?.pulledAt, pulled?.pull.assignments);

  if (pulled === undefined || (pulled && local === undefined)) return <main>{t('common.loading')}</main>;
  const pull = pulled?.pull;
  const cell = pull?.assignments.find((a) => a.unit === unit && a.group === group);
  if (!pull || !cell) {
    return (
      <main>
        <h1>{t('selfFill.title')}</h1>
        <Banner kind="warn">{t('selfFill.notAssigned')}</Banner>
        <Link className="button" to="/">
          {t('common.back')}
        </Link>
      </main>
    );
  }
  const count = deviceCount(cell.cellCount, local?.get(`${unit} ${group}`) ?? 0);
  return (
    <CellCodes
      campaignId={pull.campaign.id}
      open={pull.campaign.state === 'open'}
      unit={unit}
      group={group}
      unitName={pull.campaign.units.find((u) => u.id === unit)?.name ?? unit}
      groupName={pull.campaign.groups.find((g) => g.id === group)?.name ?? group}
      target={cell.target}
      count={count}
    />
  );
}

interface Cell {
  campaignId: string;
  open: boolean;
  unit: string;
  group: string;
  unitName: string;
  groupName: string;
  target: number;
  count: number;
}

/**
 * What a failed call means to the surveyor. A 401 is the session gone: the device is asked to sync, whose 401 brings
 * the sign-in screen (App.tsx), as everywhere in the surveyor app; the screen says so meanwhile.
 */
function useFailure(): (e: unknown) => string {
  const { t } = useSelfFillI18n();
  const { syncNow } = useDevice();
  // The device's syncNow changes with each sync's state; the words for a failure need not.
  const sync = useRef(syncNow);
  useEffect(() => {
    sync.current = syncNow;
  }, [syncNow]);
  return useCallback(
    (e: unknown): string => {
      if (!(e instanceof ApiError)) return e instanceof Error ? e.message : String(e);
      if (e.status === 401) {
        void sync.current();
        return t('selfFill.expired');
      }
      return e.offline ? t('selfFill.unreachable') : e.message;
    },
    [t],
  );
}

/** The cell's batches, read when the screen opens, when the network comes back, and after each change. */
function useBatches(campaignId: string, unit: string, group: string, online: boolean) {
  const { lang } = useSelfFillI18n();
  const failure = useFailure();
  const [round, setRound] = useState(0);
  // The last answer, and which reading it answered: a reading not answered yet is loading.
  const [state, setState] = useState<{ read: string; batches?: SelfFillBatch[]; error?: string }>({ read: '' });
  const read = `${campaignId} ${unit} ${group} ${lang} ${round}`;
  useEffect(() => {
    if (!online) return;
    let live = true;
    listBatches(campaignId, unit, group, lang).then(
      (batches) => live && setState({ read, batches }),
      (e: unknown) => live && setState((s) => ({ read, batches: s.batches, error: failure(e) })),
    );
    return () => {
      live = false;
    };
  }, [campaignId, unit, group, lang, online, read, failure]);
  return { batches: state.batches, error: state.error, loading: online && state.read !== read, reload: () => setRound((r) => r + 1) };
}

function CellCodes(cell: Cell) {
  const { t, number } = useSelfFillI18n();
  const online = useOnline();
  const [sheet, setSheet] = useState<IssuedBatch | null>(null);
  const list = useBatches(cell.campaignId, cell.unit, cell.group, online);
  const today = vnDay(new Date());
  const usable = (b: SelfFillBatch) => isUsable(b, today);
  const outstanding = outstandingCodes(list.batches ?? [], today);
  const remaining = Math.max(0, cell.target - cell.count);

  return (
    <main>
      <div className="no-print">
        {/* While a sheet is shown, leaving is only by closing it (asked twice): its codes cannot be shown again. */}
        {!sheet && (
          <p>
            <Link to="/">{t('common.back')}</Link>
          </p>
        )}
        <h1>{t('selfFill.title')}</h1>
        <h2 style={{ marginBottom: 0 }}>{cell.unitName}</h2>
        <p className="muted">{cell.groupName}</p>
        <p>{t('selfFill.quota', { target: number(cell.target), count: number(cell.count), remaining: number(remaining) })}</p>
        {outstanding > 0 && <p>{t('selfFill.outstanding', { count: number(outstanding) })}</p>}
        {!sheet && <p className="muted">{t('selfFill.intro')}</p>}
        {!online && <Banner kind="warn">{t('selfFill.offline')}</Banner>}
        {!cell.open && <Banner kind="warn">{t('selfFill.notOpen')}</Banner>}
      </div>
      {sheet ? (
        <IssuedSheet issued={sheet} onClose={() => setSheet(null)} />
      ) : (
        <IssueForm
          cell={cell}
          remaining={remaining}
          online={online}
          onIssued={(issued) => {
            setSheet(issued);
            list.reload();
          }}
        />
      )}
      <div className="no-print">
        <BatchList cell={cell} online={online} list={list} usable={usable} />
      </div>
    </main>
  );
}

function IssueForm({
  cell,
  remaining,
  online,
  onIssued,
}: {
  cell: Cell;
  remaining: number;
  online: boolean;
  onIssued: (issued: IssuedBatch) => void;
}) {
  const { t, lang } = useSelfFillI18n();
  const failure = useFailure();
  const ids = useId();
  const [count, setCount] = useState(() => defaultCount(remaining));
  const [note, setNote] = useState('');
  const [countError, setCountError] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = issueRequest(cell.unit, cell.group, count, note);
    if (body === null) return setCountError(true);
    setCountError(false);
    setError(null);
    setWorking(true);
    issueBatch(cell.campaignId, body, lang)
      .then(onIssued, (err: unknown) => setError(t('selfFill.issue.failed', { message: failure(err) })))
      .finally(() => setWorking(false));
  };

  return (
    <section className="card no-print" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} style={{ marginTop: 0 }}>
        {t('selfFill.issue.title')}
      </h2>
      <form onSubmit={submit} noValidate>
        <IssueFields
          noteHelp={t('selfFill.issue.noteHelp')}
          count={count}
          onCount={setCount}
          countError={countError}
          note={note}
          onNote={setNote}
        />
        {error && <Banner kind="error">{error}</Banner>}
        <p>
          <button type="submit" className="primary" disabled={working || !online}>
            {working ? t('selfFill.issue.working') : t('selfFill.issue.submit')}
          </button>
        </p>
      </form>
    </section>
  );
}

function BatchList({
  cell,
  online,
  list,
  usable,
}: {
  cell: Cell;
  online: boolean;
  list: ReturnType<typeof useBatches>;
  usable: (b: SelfFillBatch) => boolean;
}) {
  const { t, lang, number, dateTime } = useSelfFillI18n();
  const failure = useFailure();
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState(false);

  const revoke = (b: SelfFillBatch) => {
    setDone(null);
    setError(null);
    setRevoking(true);
    revokeBatch(cell.campaignId, b.id, lang)
      .then(
        (r) => setDone(t('selfFill.revoke.done', { at: dateTime(r.issuedAt), revoked: number(r.revoked) })),
        (e: unknown) => setError(t('selfFill.revoke.failed', { message: failure(e) })),
      )
      // Revoked or refused (revoked elsewhere meanwhile, gone): the list is read again to show it as it is.
      .finally(() => {
        setRevoking(false);
        list.reload();
      });
  };
  const batches = newestFirst(list.batches ?? []);

  return (
    <section aria-labelledby="sf-batches">
      <h2 id="sf-batches">{t('selfFill.list.title')}</h2>
      {done && <Banner kind="ok">{done}</Banner>}
      {error && <Banner kind="error">{error}</Banner>}
      {list.error && <Banner kind="error">{t('selfFill.list.failed', { message: list.error })}</Banner>}
      {list.batches === undefined ? (
        online && list.loading && <p className="muted">{t('selfFill.list.loading')}</p>
      ) : batches.length === 0 ? (
        <p className="muted">{t('selfFill.list.none')}</p>
      ) : (
        <>
          {batches.map((b) => (
            <Batch key={b.id} batch={b} usable={usable(b)} disabled={revoking || !online} onRevoke={() => revoke(b)} />
          ))}
          <p className="muted">{t('selfFill.list.help')}</p>
        </>
      )}
      {online && (list.error || list.batches) && (
        <p>
          <button type="button" onClick={list.reload} disabled={list.loading}>
            {t('selfFill.list.reload')}
          </button>
        </p>
      )}
    </section>
  );
}

function Batch({
  batch: b,
  usable,
  disabled,
  onRevoke,
}: {
  batch: SelfFillBatch;
  usable: boolean;
  disabled: boolean;
  onRevoke: () => void;
}) {
  const { t, number, dateTime } = useSelfFillI18n();
  const at = dateTime(b.issuedAt);
  const lastDay = vietnameseDay(b.lastDay);
  const name = t('selfFill.batch.name', { at });
  return (
    <article className="card" aria-label={name}>
      <h3 style={{ margin: 0 }}>{name}</h3>
      <p className="muted">
        {t('selfFill.batch.by', { name: b.issuedByName ?? b.issuedBy })}
        {b.note && (
          <>
            <br />
            {t('selfFill.batch.note', { note: b.note })}
          </>
        )}
      </p>
      <p>
        {t('selfFill.batch.counts', {
          issued: number(b.issued),
          opened: number(b.opened),
          submitted: number(b.submitted),
          revoked: number(b.revoked),
        })}
        <br />
        <strong>
          {b.revokedAt
            ? t('selfFill.batch.revoked', { at: dateTime(b.revokedAt) })
            : usable
              ? t('selfFill.batch.active', { lastDay })
              : t('selfFill.batch.expired', { lastDay })}
        </strong>
      </p>
      {usable && (
        <ConfirmAction
          label={t('selfFill.revoke')}
          name={t('selfFill.revoke.name', { at })}
          question={t('selfFill.revoke.question', {
            at,
            unused: number(unusedCodes(b)),
            submitted: number(b.submitted),
          })}
          confirmLabel={t('selfFill.revoke.confirm')}
          cancelLabel={t('common.cancel')}
          danger
          disabled={disabled}
          onConfirm={onRevoke}
        />
      )}
    </article>
  );
}
