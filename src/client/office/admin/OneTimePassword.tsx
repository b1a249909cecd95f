import { useState } from 'react';
import { Banner } from '../../ui/Banner';
import { useAdminText } from './text';

/** A password the server generated, shown this once, with a way to copy it and the reason to do so now. */
export function OneTimePassword({ username, password }: { username: string; password: string }) {
  const { t } = useAdminText();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Banner kind="ok">
      <p>{t('password.shownOnce', { username })}</p>
      <p className="row">
        <code className="admin-secret" aria-label={t('password.label', { username })}>
          {password}
        </code>
        {typeof navigator !== 'undefined' && navigator.clipboard && (
          <button type="button" onClick={() => void copy()}>
            {copied ? t('password.copied') : t('password.copy')}
          </button>
        )}
      </p>
      <p className="muted">{t('password.copyHint')}</p>
    </Banner>
  );
}
