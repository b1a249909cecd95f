import { useId, useState, type ReactNode } from 'react';
import { useText } from '../text';
import { saveFile } from '../../ui/save-file';
import { fetchFile } from './download';
import type { ApiError } from '../api';

/** One file of a row of download buttons. */
export interface DownloadChoice {
  format: string;
  url: string;
  primary?: boolean;
  /** Why this file cannot be downloaded yet: the button is disabled and the reason shown beside it. */
  blockedBecause?: string;
}

type Outcome = { kind: 'busy'; format: string } | { kind: 'saved'; name: string } | { kind: 'failed'; format: string; message: string };

/**
 * Download buttons that fetch the file first: a refusal shows the server's reason under the buttons (role=alert), a
 * file is saved under the server's name; an error body is never saved as a file.
 */
export function DownloadButtons({ choices, children }: { choices: DownloadChoice[]; children?: ReactNode }) {
  const { t } = useText();
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const busy = outcome?.kind === 'busy';

  const start = async (c: DownloadChoice) => {
    setOutcome({ kind: 'busy', format: c.format });
    try {
      const file = await fetchFile(c.url, `download.${c.format.toLowerCase()}`);
      saveFile(file);
      setOutcome({ kind: 'saved', name: file.name });
    } catch (e) {
      const err = e as ApiError;
      setOutcome({ kind: 'failed', format: c.format, message: err.offline ? t('downloads.offline') : err.message });
    }
  };

  return (
    <>
      <p className="row">
        {choices.map((c, i) => (
          <button
            key={c.format}
            type="button"
            className={`button${c.primary ? ' primary' : ''}`}
            disabled={busy || c.blockedBecause !== undefined}
            aria-describedby={c.blockedBecause !== undefined ? `${id}-blocked-${i}` : undefined}
            onClick={() => void start(c)}
          >
            {t('downloads.get', { format: c.format })}
          </button>
        ))}
        {children}
      </p>
      {choices.map((c, i) =>
        c.blockedBecause !== undefined ? (
          <p key={c.format} id={`${id}-blocked-${i}`} className="muted">
            {c.blockedBecause}
          </p>
        ) : null,
      )}
      {outcome?.kind === 'failed' ? (
        <p className="banner error" role="alert">
          {t('downloads.failed', { format: outcome.format, message: outcome.message })}
        </p>
      ) : (
        <p className="muted" role="status">
          {outcome?.kind === 'busy'
            ? t('downloads.busy', { format: outcome.format })
            : outcome?.kind === 'saved'
              ? t('downloads.saved', { name: outcome.name })
              : ''}
        </p>
      )}
    </>
  );
}
