import { useState } from 'react';
import { MAX_SHEET_ROWS, SHEET_COLUMNS } from '../../../shared/admin/account-sheet';
import type { AccountImportReport } from '../../../shared/api/admin';
import type { CampaignInfo } from '../../../shared/api/pull';
import { Banner } from '../../ui/Banner';
import { useImportAccounts } from '../queries/accounts';
import { ImportReport } from './ImportReport';
import { MutationError } from './messages';
import { saveText, sheetTemplate } from './sheet-template';
import { useAdminText } from './text';

/**
 * Accounts from a CSV or XLSX sheet: a dry run first (the per-row report, nothing written), then "Nhập" writes the
 * whole sheet or nothing. The generated passwords are listed this once.
 */
export function ImportSheet({ campaign }: { campaign: CampaignInfo }) {
  const { t } = useAdminText();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<AccountImportReport | null>(null);
  const mutation = useImportAccounts(campaign.id, setReport);
  const run = (dryRun: boolean) => {
    if (!file) return;
    setReport(null);
    mutation.mutate({ file, dryRun });
  };
  const checked = report?.dryRun === true && report.errors.length === 0;

  return (
    <section className="card" aria-labelledby="account-import">
      <h2 id="account-import">{t('import.heading')}</h2>
      <p className="muted">{t('import.help', { max: MAX_SHEET_ROWS })}</p>
      <details>
        <summary>{t('import.columns')}</summary>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('import.col.header')}</th>
              <th scope="col">{t('import.col.english')}</th>
              <th scope="col">{t('import.col.required')}</th>
              <th scope="col">{t('import.col.note')}</th>
            </tr>
          </thead>
          <tbody>
            {SHEET_COLUMNS.map((c) => (
              <tr key={c.field}>
                <th scope="row">{c.header}</th>
                <td>
                  <code>{c.english}</code>
                </td>
                <td>{c.required ? t('import.required') : t('import.optional')}</td>
                <td>{c.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <p>
        <button type="button" onClick={() => saveText(sheetTemplate(campaign), t('import.template.file'))}>
          {t('import.template')}
        </button>
      </p>
      <label htmlFor="import-file">{t('import.file')}</label>
      <input
        id="import-file"
        type="file"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => {
          setFile(e.target.files?.[0] ?? null);
          setReport(null);
          mutation.reset();
        }}
      />
      <p className="row">
        <button type="button" disabled={!file || mutation.isPending} onClick={() => run(true)}>
          {t('import.check')}
        </button>
        <button type="button" className="primary" disabled={!checked || mutation.isPending} onClick={() => run(false)}>
          {t('import.apply')}
        </button>
      </p>
      {mutation.isPending && <p className="muted">{t('import.working')}</p>}
      {!checked && file && !report?.committed && <p className="muted">{t('import.checkFirst')}</p>}
      <MutationError error={mutation.error} />
      {report && <ImportReport report={report} />}
      {report?.committed && report.accounts.some((a) => a.password) && <Banner kind="warn">{t('import.passwords.once')}</Banner>}
    </section>
  );
}
