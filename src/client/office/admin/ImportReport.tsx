import type { AccountImportReport, ImportIssue } from '../../../shared/api/admin';
import { Banner } from '../../ui/Banner';
import { useAdminText } from './text';

/** What the server said about a sheet: its message, the problems per row and column, the accounts it read. */
export function ImportReport({ report }: { report: AccountImportReport }) {
  const { t } = useAdminText();
  const kind = report.errors.length > 0 ? 'error' : report.committed ? 'ok' : 'info';
  const passwords = report.accounts.filter((a) => a.password);
  return (
    <div className="admin-report">
      <Banner kind={kind}>
        {report.message} {report.dryRun && report.errors.length === 0 && t('import.dryRunOk')}
        {!report.committed && report.errors.length > 0 && t('import.nothingWritten')}
      </Banner>
      <p className="muted">
        {t('import.summary', { rows: report.rows, errors: report.errors.length, format: report.format.toUpperCase() })}
      </p>
      {report.errors.length > 0 && <Issues caption={t('import.errors')} issues={report.errors} />}
      {report.warnings.length > 0 && <Issues caption={t('import.warnings')} issues={report.warnings} />}
      {passwords.length > 0 && (
        <table className="data">
          <caption>{t('import.passwords')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('accounts.col.username')}</th>
              <th scope="col">{t('field.password')}</th>
            </tr>
          </thead>
          <tbody>
            {passwords.map((a) => (
              <tr key={a.username}>
                <th scope="row">{a.username}</th>
                <td>
                  <code className="admin-secret">{a.password}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!report.committed && report.accounts.length > 0 && (
        <div className="table-wrap">
          <table className="data">
            <caption>{t('import.accounts')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.col.row')}</th>
                <th scope="col">{t('accounts.col.username')}</th>
                <th scope="col">{t('accounts.col.name')}</th>
                <th scope="col">{t('accounts.col.role')}</th>
                <th scope="col">{t('accounts.col.unit')}</th>
                <th scope="col">{t('accounts.col.assignments')}</th>
                <th scope="col">{t('field.password')}</th>
                <th scope="col">{t('import.col.valid')}</th>
              </tr>
            </thead>
            <tbody>
              {report.accounts.map((a) => (
                <tr key={a.row} className={a.valid ? undefined : 'admin-invalid'}>
                  <td className="num">{a.row}</td>
                  <th scope="row">{a.username}</th>
                  <td>{a.displayName}</td>
                  <td>{a.role ? t(`role.${a.role}`) : '—'}</td>
                  <td>{a.unitId ?? '—'}</td>
                  <td>
                    {a.assignments.map((x) => `${x.unitId}:${x.groupId}${x.allocation === null ? '' : `:${x.allocation}`}`).join('; ') ||
                      '—'}
                  </td>
                  <td>{a.passwordGenerated ? t('import.password.generated') : t('import.password.sheet')}</td>
                  <td>{a.valid ? t('import.valid') : t('import.invalid')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function Issues({ caption, issues }: { caption: string; issues: ImportIssue[] }) {
  const { t } = useAdminText();
  return (
    <div className="table-wrap">
      <table className="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.col.row')}</th>
            <th scope="col">{t('import.col.column')}</th>
            <th scope="col">{t('import.col.message')}</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((i, n) => (
            <tr key={n}>
              <td className="num">{i.row}</td>
              <td>{i.column ?? '—'}</td>
              <td>{i.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
