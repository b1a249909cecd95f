import { useId, useState } from 'react';
import type { EvidenceFile, SaItem } from '../../../shared/api/self-assessment';
import { EVIDENCE_ACCEPT, EVIDENCE_KINDS_TEXT, type SaItemFiles } from '../../../shared/self-assessment/file-name';
import { Banner } from '../../ui/Banner';
import { ApiError } from '../api';
import { evidence } from '../queries/self-assessment';
import { useText } from '../text';
import { clearFailedUploads, recordFailedUploads } from './failed-uploads';
import { attachedFiles, formatBytes } from './model';
import type { SaEnv } from './SelfAssessmentData';

/** The server takes at most this many files in one upload (MAX_EVIDENCE_FILES of services/evidence-upload.ts). */
const FILES_PER_REQUEST = 10;

interface Outcome {
  accepted: { name: string; alreadyThere: boolean }[];
  refused: { name: string; message: string }[];
}

/**
 * The evidence files (tài liệu kiểm chứng) of one sub-criterion: the attached ones with a download link, and for
 * whoever may edit it: upload (several at once, attached at once), attach a file already in the unit's library
 * (reused, not uploaded twice), detach. Every refusal is shown per file and kept for the review page.
 */
export function EvidenceFiles({
  env,
  code,
  item,
  library: all,
  editable,
}: {
  env: SaEnv;
  code: string;
  item: SaItem | undefined;
  library: EvidenceFile[];
  editable: boolean;
}) {
  const { t } = useText();
  const { urls } = env;
  const files = attachedFiles(item, all);
  const [uploading, setUploading] = useState<string[] | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pick, setPick] = useState('');
  const inputId = useId();
  const pickId = useId();
  const listId = useId();
  const library = all.filter((f) => !item?.files.includes(f.hash));

  const failure = (e: unknown) => (e instanceof ApiError && !e.offline ? e.message : t('sa.files.offline'));

  async function upload(chosen: File[]) {
    if (chosen.length === 0) return;
    setUploading(chosen.map((f) => f.name));
    setOutcome(null);
    setError(null);
    const result: Outcome = { accepted: [], refused: [] };
    const wentUp: string[] = [];
    for (let i = 0; i < chosen.length; i += FILES_PER_REQUEST) {
      const batch = chosen.slice(i, i + FILES_PER_REQUEST);
      const form = new FormData();
      form.append('attachTo', code);
      for (const f of batch) form.append('file', f, f.name);
      try {
        const r = await evidence.upload(env.campaignId, env.unitId, form);
        result.accepted.push(...r.files.map((f) => ({ name: f.name, alreadyThere: f.alreadyThere })));
        result.refused.push(...r.refused);
        const refused = new Set(r.refused.map((x) => x.name));
        wentUp.push(...batch.map((f) => f.name).filter((n) => !refused.has(n)));
      } catch (e) {
        // Every file of the batch refused: the server names each in "issues"; otherwise one reason for all.
        const named = e instanceof ApiError && e.issues && e.issues.length > 0 ? e.issues : null;
        result.refused.push(
          ...(named ? named.map((x) => ({ name: x.path, message: x.message })) : batch.map((f) => ({ name: f.name, message: failure(e) }))),
        );
      }
    }
    recordFailedUploads(
      env.campaignId,
      env.unitId,
      result.refused.map((r) => ({ ...r, code })),
      new Date(),
    );
    clearFailedUploads(env.campaignId, env.unitId, code, wentUp);
    await env.refresh().catch(() => undefined);
    setOutcome(result);
    setUploading(null);
  }

  async function change(action: () => Promise<SaItemFiles>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      setPick('');
    } catch (e) {
      setError(failure(e));
    }
    await env.refresh().catch(() => undefined);
    setBusy(false);
  }

  return (
    <div className="sa-files">
      <p className="sa-files-title" id={listId}>
        {t('sa.files.title')}
      </p>
      {files.length === 0 ? (
        <p className="muted">{t('sa.files.none')}</p>
      ) : (
        <ul aria-labelledby={listId}>
          {files.map((f) => (
            <li key={f.hash}>
              <a href={urls.download(f.hash)} download={f.name}>
                {f.name}
              </a>{' '}
              <span className="muted">({formatBytes(f.size)})</span>
              {editable && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="sa-small"
                    disabled={busy}
                    aria-label={t('sa.files.detachNamed', { name: f.name })}
                    onClick={() => void change(() => evidence.detach(env.campaignId, env.unitId, code, f.hash))}
                  >
                    {t('sa.files.detach')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <div className="sa-files-actions">
          <div>
            <label htmlFor={inputId}>{t('sa.files.upload')}</label>
            <input
              id={inputId}
              type="file"
              multiple
              accept={EVIDENCE_ACCEPT}
              disabled={uploading !== null}
              onChange={(e) => {
                const chosen = [...(e.currentTarget.files ?? [])];
                e.currentTarget.value = '';
                void upload(chosen);
              }}
            />
            <p className="muted sa-small">{t('sa.files.kinds', { kinds: EVIDENCE_KINDS_TEXT })}</p>
          </div>
          {library.length > 0 && (
            <div>
              <label htmlFor={pickId}>{t('sa.files.fromLibrary')}</label>
              <div className="row">
                <select id={pickId} value={pick} onChange={(e) => setPick(e.target.value)}>
                  <option value="">{t('sa.files.choose')}</option>
                  {library.map((f) => (
                    <option key={f.hash} value={f.hash}>
                      {f.name} ({formatBytes(f.size)})
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  disabled={!pick || busy}
                  onClick={() => void change(() => evidence.attach(env.campaignId, env.unitId, code, pick))}
                >
                  {t('sa.files.attach')}
                </button>
              </div>
            </div>
          )}
        </div>
      )}
      {uploading && (
        <div role="status" className="sa-uploading">
          <progress aria-label={t('sa.files.uploading', { n: uploading.length })} />
          <span>
            {t('sa.files.uploading', { n: uploading.length })} {uploading.join(', ')}
          </span>
        </div>
      )}
      {outcome && outcome.accepted.length > 0 && (
        <Banner kind="ok">
          {t('sa.files.uploaded', { n: outcome.accepted.length })}
          {outcome.accepted.some((a) => a.alreadyThere) &&
            ` ${t('sa.files.reused', {
              names: outcome.accepted
                .filter((a) => a.alreadyThere)
                .map((a) => a.name)
                .join(', '),
            })}`}
        </Banner>
      )}
      {outcome && outcome.refused.length > 0 && (
        <Banner kind="error">
          {t('sa.files.refused', { n: outcome.refused.length })}
          <ul>
            {outcome.refused.map((r, n) => (
              <li key={`${r.name}-${n}`}>
                <strong>{r.name}</strong>: {r.message}
              </li>
            ))}
          </ul>
        </Banner>
      )}
      {error && <Banner kind="error">{error}</Banner>}
    </div>
  );
}
