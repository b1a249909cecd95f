import { useEffect, useState } from 'react';
import { useDrafts, usePull, useQueueStatus } from '../../db/hooks';
import { useScreenI18n } from '../../i18n/screens';
import { useDevice } from '../../sync/device';
import { Banner } from '../../ui/Banner';
import { signOut } from './api';
import { knownAccount, setSignedOutState, type KnownAccount, type SignedOut } from './offline-unlock';
import { useOnline } from '../../ui/useOnline';

/**
 * "Đăng xuất", asked first: what is still on the device (responses waiting, refused, drafts), that nothing is deleted,
 * who can send them, and how to get back in. Online, the session ends on the server. Offline, the app is locked on
 * this device only when the same person can open it again without a network (offline-unlock.ts); otherwise signing
 * out is refused and the screen says why: it would leave the surveyor unable to work until a network appears.
 */
export function SignOutScreen({ onCancel, onSignedOut }: { onCancel: () => void; onSignedOut: (state: SignedOut) => void }) {
  const { t } = useScreenI18n();
  const { db, sync, syncNow } = useDevice();
  const pulled = usePull(db);
  const status = useQueueStatus(db);
  const drafts = useDrafts(db);
  const online = useOnline();
  const [known, setKnown] = useState<KnownAccount | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  // The server could not be reached when signing out, although the browser said it was online.
  const [unreachable, setUnreachable] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    knownAccount(db).then(
      (k) => live && setKnown(k),
      () => live && setKnown(null),
    );
    return () => {
      live = false;
    };
  }, [db]);

  const account = pulled?.pull.account;
  if (!account || !status || !drafts || known === undefined) return <main>{t('common.loading')}</main>;
  const username = account.username;
  const canUnlockOffline = known?.accountId === account.id;
  const offline = !online || unreachable;
  const unsent = status.queued + status.rejected;
  const refused = offline && !canUnlockOffline;

  async function confirm() {
    setBusy(true);
    setError(null);
    const reached = await signOut();
    if (!reached && !canUnlockOffline) {
      setUnreachable(true);
      setBusy(false);
      return;
    }
    const state: SignedOut = { at: new Date().toISOString(), server: reached ? 'done' : 'pending' };
    try {
      await setSignedOutState(db, state);
    } catch (e) {
      setBusy(false);
      setError(t('signOut.failed', { message: e instanceof Error ? e.message : String(e) }));
      return;
    }
    onSignedOut(state);
  }

  return (
    <main>
      <h1>{t('signOut.title')}</h1>
      <p>{t('signOut.who', { name: account.displayName, username })}</p>
      <h2>{t('signOut.onDevice')}</h2>
      {unsent + drafts.length === 0 ? (
        <p>{t('signOut.nothing')}</p>
      ) : (
        <>
          <ul>
            {status.queued > 0 && <li>{t('signOut.queued', { n: status.queued })}</li>}
            {status.rejected > 0 && <li>{t('signOut.rejected', { n: status.rejected })}</li>}
            {drafts.length > 0 && <li>{t('signOut.drafts', { n: drafts.length })}</li>}
          </ul>
          <p>{t('signOut.kept')}</p>
          {unsent > 0 && <p>{t('signOut.onlyYou', { username })}</p>}
          {unsent > 0 && !offline && (
            <div className="row">
              <span>{t('signOut.sendFirst')}</span>
              <button type="button" onClick={() => void syncNow()} disabled={sync.running}>
                {sync.running ? t('sync.running') : t('sync.now')}
              </button>
            </div>
          )}
        </>
      )}
      <h2>{t('signOut.again')}</h2>
      <p>{canUnlockOffline ? t('signOut.againUnless', { username }) : t('signOut.againNeedsNetwork')}</p>
      {offline && canUnlockOffline && <Banner kind="warn">{t('signOut.offline', { username })}</Banner>}
      {refused && <Banner kind="error">{t('signOut.offlineRefused')}</Banner>}
      {error && <Banner kind="error">{error}</Banner>}
      <div className="row" style={{ marginTop: 16 }}>
        <button type="button" onClick={onCancel}>
          {t('common.back')}
        </button>
        {(!refused || online) && (
          // Refused although the browser says it is online (the server was not reached): it can be tried again.
          <button className="danger" type="button" disabled={busy} onClick={() => void confirm()}>
            {busy ? t('signOut.busy') : refused ? t('signOut.retry') : t('signOut.confirm')}
          </button>
        )}
      </div>
    </main>
  );
}
