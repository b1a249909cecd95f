import type { PublicationSummary } from '../../../shared/api/results';
import { useResultsText } from './text';
import { resultsUrls } from './urls';

/**
 * Every published version, newest first: number, date, who, the correction's reason, whether it was late, the hash of
 * what was frozen, and its public page, XLSX and printable report. Earlier versions stay readable.
 */
export function PublicationList({ campaignId, publications }: { campaignId: string; publications: PublicationSummary[] }) {
  const { t, dateTime, number } = useResultsText();
  const urls = resultsUrls(campaignId);
  const versions = [...publications].sort((a, b) => b.version - a.version);
  return (
    <section className="rs-versions" aria-labelledby="rs-versions-title">
      <h2 id="rs-versions-title">{t('rs.versions.title')}</h2>
      {versions.length === 0 ? (
        <p className="muted">{t('rs.versions.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption>{t('rs.versions.caption', { n: number(versions.length) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rs.versions.col.version')}</th>
                <th scope="col">{t('rs.versions.col.at')}</th>
                <th scope="col">{t('rs.versions.col.by')}</th>
                <th scope="col">{t('rs.versions.col.reason')}</th>
                <th scope="col">{t('rs.versions.col.late')}</th>
                <th scope="col">{t('rs.versions.col.sha')}</th>
                <th scope="col">{t('rs.versions.col.links')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((p) => {
                const of = t('rs.versions.ofVersion', { version: number(p.version) });
                return (
                  <tr key={p.version}>
                    <th scope="row" className="num">
                      {number(p.version)}
                    </th>
                    <td>{dateTime(p.publishedAt)}</td>
                    <td>{p.publishedBy ?? t('rs.items.none')}</td>
                    <td>{p.reason ?? <span className="muted">{t('rs.versions.first')}</span>}</td>
                    <td>{p.late ? <span className="tag warn">{t('rs.versions.late')}</span> : t('rs.versions.onTime')}</td>
                    <td>
                      <code title={t('rs.versions.sha', { sha: p.sha256 })}>{p.sha256.slice(0, 12)}</code>
                    </td>
                    <td>
                      <ul className="rs-links">
                        <li>
                          <a href={urls.publicPage(p.version)} target="_blank" rel="noreferrer">
                            {t('rs.versions.public')} <span className="rs-sr-only">{`${of}${t('rs.versions.newTab')}`}</span>
                          </a>
                        </li>
                        <li>
                          <a href={urls.xlsx(p.version)} download>
                            {t('rs.versions.xlsx')} <span className="rs-sr-only">{of}</span>
                          </a>
                        </li>
                        <li>
                          <a href={urls.report(p.version)} target="_blank" rel="noreferrer">
                            {t('rs.versions.report')} <span className="rs-sr-only">{`${of}${t('rs.versions.newTab')}`}</span>
                          </a>
                        </li>
                      </ul>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
