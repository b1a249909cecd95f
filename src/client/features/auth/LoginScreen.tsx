import { useEffect, useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../shared/api/auth';
import { useI18n } from '../../i18n/i18n';
import { useDevice } from '../../sync/device';
import { Banner } from '../../ui/Banner';
import { LanguageSelect } from '../../ui/LanguageSelect';
import { signIn } from './api';
import { checkOffline, knownAccount, rememberForOffline, setSignedOutState, type KnownAccount } from './offline-unlock';
import { useOnline } from '../../ui/useOnline';

interface Props {
  /** Nothing was ever pulled on this device: a first sign-in, which needs the network whoever it is. */
  firstTime: boolean;
  /** The session ended on the server (a 401 during sync). */
  expired?: boolean;
  /** The surveyor signed out on this device. */
  signedOut?: boolean;
  onSignedIn: (session: SessionInfo) => void;
  /** Opened without a network by the person who last signed in here (offline-unlock.ts). */
  onUnlocked?: () => void;
}

/**
 * Sign in once online; afterwards the device works for days without a network. Without a network, the person who last
 * signed in on this device gets back in with the same username and password, and everyone is told the truth: a first
 * sign-in needs a network, another account needs a network, this device cannot be opened offline yet.
 */
export function LoginScreen({ firstTime, expired, signedOut, onSignedIn, onUnlocked }: Props) {
  const { t, lang } = useI18n();
  const { db, resumeSync } = useDevice();
  const online = useOnline();
  const [known, setKnown] = useState<KnownAccount | null | undefined>(undefined);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    knownAccount(db).then(
      (k) => {
        if (!live) return;
        setKnown(k);
        // The same person, most often: their username is already there.
        if (k && !firstTime) setUsername((typed) => typed || k.username);
      },
      () => live && setKnown(null),
    );
    return () => {
      live = false;
    };
  }, [db, firstTime]);

  // What is true for whoever holds the phone when there is no network.
  const offlineText = (): string => {
    if (firstTime) return t('login.offline');
    if (known && onUnlocked) return t('login.offlineKnown', { name: known.displayName, username: known.username });
    return t('login.offlineNoUnlock');
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const name = username.trim();
    const answer = await signIn(name, password, lang);
    if (answer.ok) {
      const account = answer.session.account;
      try {
        await setSignedOutState(db, null);
        if (account.role === 'surveyor') await rememberForOffline(db, account, password);
      } catch {
        // Signed in on the server: only opening offline later is lost, and signing out offline is then refused.
      }
      setBusy(false);
      onSignedIn(answer.session);
      return;
    }
    if (!answer.offline) {
      setBusy(false);
      setError(t('login.failed', { message: answer.message }));
      return;
    }
    if (firstTime || !onUnlocked) {
      setBusy(false);
      setError(offlineText());
      return;
    }
    const verdict = await checkOffline(db, name, password).catch(() => 'unknown' as const);
    setBusy(false);
    if (verdict === 'ok') {
      try {
        await setSignedOutState(db, null);
      } catch (err) {
        setError(t('login.unlockFailed', { message: err instanceof Error ? err.message : String(err) }));
        return;
      }
      // After a 401 the device stopped syncing by itself; the same person is back: the next trigger asks the server again.
      resumeSync();
      onUnlocked();
    } else if (verdict === 'wrong-password') setError(t('login.offlineWrong'));
    else if (verdict === 'other-account' && known) setError(t('login.offlineOther', { name: known.displayName, username: known.username }));
    else setError(offlineText());
  }

  // Shown once this device's account is read, with what the screen says about it: nothing appears above the form later
  // (issue 14). A refusal comes below the button, where it moves nothing. The language is chosen here too, beside the
  // title as on the home screen, laid out with it: choosing one before signing in moves nothing but the words.
  if (known === undefined) return <main />;
  return (
    <main>
      <div className="spread">
        <h1>{t('login.title')}</h1>
        <LanguageSelect />
      </div>
      <p className="muted">{t('app.tagline')}</p>
      {signedOut && <Banner kind="info">{t('login.signedOut')}</Banner>}
      {expired && <Banner kind="warn">{t('login.again')}</Banner>}
      {/* Said again as an error when a sign-in fails for that very reason: the same words in the same place. */}
      {!online && <Banner kind={error === offlineText() ? 'error' : 'info'}>{offlineText()}</Banner>}
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="username">{t('login.username')}</label>
        <input
          id="username"
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
        />
        <label htmlFor="password">{t('login.password')}</label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <p>
          <button className="primary" type="submit" disabled={busy}>
            {busy ? t('login.checking') : t('login.submit')}
          </button>
        </p>
      </form>
      {error && (online || error !== offlineText()) && <Banner kind="error">{error}</Banner>}
    </main>
  );
}
