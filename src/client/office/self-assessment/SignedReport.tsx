import { useId, useState } from 'react';
import { Banner } from '../../ui/Banner';
import { ApiError } from '../api';
import { useUploadSignedReport } from '../queries/self-assessment';
import { useText } from '../text';
import { useSaFormat } from './format';
import { formatBytes } from './model';
import type { SaContext } from './SelfAssessmentData';

/** What a file input may pick (a hint only: the server reads the file's first bytes). */
const PDF_ACCEPT = '.pdf,application/pdf';

type Outcome = { kind: 'uploading'; name: string } | { kind: 'done'; replaced: boolean } | { kind: 'refused'; message: string } | null;

/**
 * Báo cáo đã ký, đóng dấu: the unit's signed, stamped self-assessment report as a PDF, one per unit. The coordinator of a
 * draft uploads it (or a new one in its place) on the review page before submitting; whoever sees the whole unit
 * downloads it. Nothing is shown to those the server gives no signed report to (staff, a member appraising some fields).
 */
export function SignedReportPanel({ ctx, upload }: { ctx: SaContext; upload: boolean }) {
  const { t } = useText();
  const signed = ctx.sa.signedReport;
  const [outcome, setOutcome] = useState<Outcome>(null);
  const uploading = useUploadSignedReport(ctx.campaignId, ctx.unitId);
  const inputId = useId();
  const titleId = useId();
  if (!signed) return null;
  const canUpload = upload && ctx.sa.state === 'draft';

  async function send(file: File) {
    setOutcome({ kind: 'uploading', name: file.name });
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      await uploading.mutateAsync(form);
      setOutcome({ kind: 'done', replaced: signed?.file !== null });
    } catch (e) {
      setOutcome({ kind: 'refused', message: e instanceof ApiError && !e.offline ? e.message : t('sa.signed.offline') });
      await ctx.refresh().catch(() => undefined);
    }
  }

  return (
    <section className="sa-files" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('sa.signed.title')}</h2>
      {canUpload && <p>{t(signed.required ? 'sa.signed.introRequired' : 'sa.signed.introOptional')}</p>}
      <SignedReportFile ctx={ctx} />
      {canUpload && (
        <div>
          <label htmlFor={inputId}>{t(signed.file ? 'sa.signed.replace' : 'sa.signed.upload')}</label>
          <input
            id={inputId}
            type="file"
            accept={PDF_ACCEPT}
            disabled={outcome?.kind === 'uploading'}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void send(file);
            }}
          />
          <p className="muted sa-small">{t('sa.signed.kinds')}</p>
        </div>
      )}
      {outcome?.kind === 'uploading' && (
        <div role="status" className="sa-uploading">
          <progress aria-label={t('sa.signed.uploading', { name: outcome.name })} />
          <span>{t('sa.signed.uploading', { name: outcome.name })}</span>
        </div>
      )}
      {outcome?.kind === 'done' && <Banner kind="ok">{t(outcome.replaced ? 'sa.signed.replaced' : 'sa.signed.uploaded')}</Banner>}
      {outcome?.kind === 'refused' && <Banner kind="error">{outcome.message}</Banner>}
    </section>
  );
}

/** The signed report in force (download, or open in the browser's PDF viewer), or that there is none yet. */
export function SignedReportFile({ ctx }: { ctx: SaContext }) {
  const { t } = useText();
  const { dateTime } = useSaFormat();
  const signed = ctx.sa.signedReport;
  if (!signed) return null;
  const { file } = signed;
  if (!file) {
    return signed.required && ctx.sa.state === 'draft' ? (
      <p className="tag warn">{t('sa.signed.missingRequired')}</p>
    ) : (
      <p className="muted">{t('sa.signed.none')}</p>
    );
  }
  return (
    <p>
      {t('sa.signed.file')}{' '}
      <a href={ctx.urls.signedReport} download={file.name}>
        {file.name}
      </a>{' '}
      <span className="muted">({formatBytes(file.size)})</span> ·{' '}
      <a
        href={`${ctx.urls.signedReport}?view=inline`}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={t('sa.signed.viewNamed', { name: file.name })}
      >
        {t('sa.signed.view')}
      </a>
      <br />
      <span className="muted sa-small">{t('sa.signed.uploadedBy', { at: dateTime(file.uploadedAt), by: file.uploadedBy ?? '—' })}</span>
    </p>
  );
}
