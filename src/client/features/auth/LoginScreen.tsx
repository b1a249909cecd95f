import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../shared';
import { useI18n } from '../../i18n/i18n';
import { Banner } from '../../ui/Banner';
import { signIn } from './api';

/** Sign in once online; afterwards the device works for days without a network. */
export function LoginScreen({ expired, onSignedIn }: { expired?: boolean; onSignedIn: (session: SessionInfo) => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const answer = await signIn(username.trim(), password);
    setBusy(false);
    if (answer.ok) onSignedIn(answer.session);
    else setError(answer.offline ? t('login.offline') : t('login.failed', { message: answer.message }));
  }

  return (
    <main>
      <h1>{t('login.title')}</h1>
      <p className="muted">{t('app.tagline')}</p>
      {expired && <Banner kind="warn">{t('login.again')}</Banner>}
      {error && <Banner kind="error">{error}</Banner>}
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="username">{t('login.username')}</label>
        <input id="username" type="text" autoComplete="username" autoCapitalize="none" value={username} onChange={(e) => setUsername(e.target.value)} required />
        <label htmlFor="password">{t('login.password')}</label>
        <input id="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <p>
          <button className="primary" type="submit" disabled={busy}>
            {t('login.submit')}
          </button>
        </p>
      </form>
    </main>
  );
}
