import { Fragment } from 'react';
import { Link } from 'react-router-dom';
import type { CampaignInfo } from '../../../shared/api/pull';
import type { EvidenceFile } from '../../../shared/api/self-assessment';
import { useText } from '../text';
import { useSaFormat } from './format';
import { attachedFiles, formatBytes } from './model';
import { SelfAssessmentData, type SaContext } from './SelfAssessmentData';
import { SignedReportFile } from './SignedReport';

/**
 * Báo cáo tự đánh giá, laid out like the official one (A4, national heading, one table of every field, criterion
 * and sub-criterion with the self score, the evidence and the explanation, a list of the evidence, the signature
 * block). The place before the date and who signs come from the campaign data (the unit's, else its level's: "Minh
 * Hóa, ngày …", "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"). "In báo cáo" prints it; the app's header and buttons are not
 * printed. Above it, not printed: the signed, stamped copy the unit uploaded, for whoever may read it.
 */
export function ReportScreen({ campaign, unitId, backTo }: { campaign: CampaignInfo; unitId: string; backTo: string }) {
  return (
    <SelfAssessmentData campaign={campaign} unitId={unitId}>
      {(ctx) => <Report ctx={ctx} backTo={backTo} />}
    </SelfAssessmentData>
  );
}

function Report({ ctx, backTo }: { ctx: SaContext; backTo: string }) {
  const { t } = useText();
  const { points, vnDay, dateTime } = useSaFormat();
  const { sa, framework, campaign } = ctx;
  const items = new Map(sa.items.map((i) => [i.code, i]));
  const totals = new Map(sa.totals.fields.flatMap((f) => [[f.code, f] as const, ...f.criteria.map((c) => [c.code, c] as const)]));
  const [y, m, d] = (sa.submittedAt ? vnDay(new Date(sa.submittedAt)) : vnDay(new Date())).split('-');
  const parent = /^UBND\b/i.test(ctx.unitName) ? null : t('sa.report.parent', { province: campaign.province.toLocaleUpperCase('vi-VN') });
  // The evidence list: every file attached to at least one item, with the items it backs.
  const evidence = new Map<string, { file: EvidenceFile; codes: string[] }>();
  for (const item of sa.items) {
    for (const f of attachedFiles(item, sa.files)) {
      const e = evidence.get(f.hash) ?? { file: f, codes: [] };
      e.codes.push(item.code);
      evidence.set(f.hash, e);
    }
  }
  const survey = t('sa.survey');

  return (
    <article className="sa-report">
      <div className="row no-print">
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('sa.report.print')}
        </button>
        <Link to={backTo}>{t('sa.report.back')}</Link>
      </div>
      <div className="no-print">
        <SignedReportFile ctx={ctx} />
      </div>
      {sa.state === 'draft' && <p className="sa-report-draft">{t('sa.report.draft')}</p>}
      <header className="sa-report-head">
        <div>
          {parent && <p>{parent}</p>}
          <p>
            <strong>{ctx.unitName.toLocaleUpperCase('vi-VN')}</strong>
          </p>
        </div>
        <div>
          <p>
            <strong>{t('sa.report.nation')}</strong>
          </p>
          <p>
            <strong className="sa-report-motto">{t('sa.report.motto')}</strong>
          </p>
          <p>
            <em>{t('sa.report.placeDate', { place: sa.report.place, d: d ?? '', m: m ?? '', y: y ?? '' })}</em>
          </p>
        </div>
      </header>
      <h1 className="sa-report-title">{t('sa.report.title', { year: campaign.year })}</h1>
      <p className="sa-report-sub">{t('sa.report.subtitle', { framework: framework.title, unit: ctx.unitName })}</p>
      {sa.submittedAt && (
        <p className="sa-report-sub">{t('sa.report.submitted', { at: dateTime(sa.submittedAt), by: sa.submittedBy ?? '—' })}</p>
      )}

      <table className="sa-report-table">
        <thead>
          <tr>
            <th scope="col">{t('sa.report.col.no')}</th>
            <th scope="col">{t('sa.report.col.item')}</th>
            <th scope="col">{t('sa.report.col.max')}</th>
            <th scope="col">{t('sa.report.col.self')}</th>
            <th scope="col">{t('sa.report.col.evidence')}</th>
            <th scope="col">{t('sa.report.col.explanation')}</th>
          </tr>
        </thead>
        <tbody>
          {framework.fields.map((f) => (
            <Fragment key={f.code}>
              <tr className="sa-report-field">
                <td>{f.code}</td>
                <th scope="row">{f.title}</th>
                <td className="num">{points(f.maxPoints)}</td>
                <td className="num">{points(totals.get(f.code)?.self ?? 0)}</td>
                <td />
                <td />
              </tr>
              {f.criteria.map((c) => {
                const ct = totals.get(c.code);
                return (
                  <Fragment key={c.code}>
                    <tr className="sa-report-criterion">
                      <td>{c.code}</td>
                      <th scope="row">{c.title}</th>
                      <td className="num">{points(c.maxPoints)}</td>
                      <td className="num">{ct && ct.max > 0 ? points(ct.self) : survey}</td>
                      <td />
                      <td />
                    </tr>
                    {c.subCriteria.map((s) => {
                      const item = items.get(s.code);
                      const files = attachedFiles(item, sa.files);
                      return (
                        <tr key={s.code}>
                          <td>{s.code}</td>
                          <td>{s.title}</td>
                          <td className="num">{points(s.maxPoints)}</td>
                          <td className="num">{s.method === 'survey' ? survey : item?.score == null ? '' : points(item.score)}</td>
                          <td>
                            {files.length > 0 && (
                              <ol>
                                {files.map((file) => (
                                  <li key={file.hash}>{file.name}</li>
                                ))}
                              </ol>
                            )}
                          </td>
                          <td className="sa-pre">
                            {item?.explanation ?? ''}
                            {item?.note ? `${item.explanation ? '\n' : ''}${t('sa.report.note', { note: item.note })}` : ''}
                          </td>
                        </tr>
                      );
                    })}
                  </Fragment>
                );
              })}
            </Fragment>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td />
            <th scope="row">{t('sa.report.totalSelf')}</th>
            <td className="num">{points(sa.totals.max)}</td>
            <td className="num">
              <strong>{points(sa.totals.self)}</strong>
            </td>
            <td />
            <td />
          </tr>
          <tr>
            <td />
            <th scope="row">{t('sa.report.totalSurvey')}</th>
            <td className="num">{points(sa.totals.surveyMax)}</td>
            <td className="num">{survey}</td>
            <td />
            <td />
          </tr>
        </tfoot>
      </table>

      <h2 className="sa-report-h2">{t('sa.report.evidenceList')}</h2>
      {evidence.size === 0 ? (
        <p>{t('sa.report.noEvidence')}</p>
      ) : (
        <table className="sa-report-table">
          <thead>
            <tr>
              <th scope="col">{t('sa.report.col.no')}</th>
              <th scope="col">{t('sa.report.col.file')}</th>
              <th scope="col">{t('sa.report.col.size')}</th>
              <th scope="col">{t('sa.report.col.backs')}</th>
            </tr>
          </thead>
          <tbody>
            {[...evidence.values()].map((e, n) => (
              <tr key={e.file.hash}>
                <td>{n + 1}</td>
                <td>{e.file.name}</td>
                <td className="num">{formatBytes(e.file.size)}</td>
                <td>{e.codes.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <div className="sa-report-sign">
        <div>
          <p>
            <strong>
              <em>{t('sa.report.recipients')}</em>
            </strong>
          </p>
          <p>{t('sa.report.recipient1')}</p>
          <p>{t('sa.report.recipient2')}</p>
        </div>
        <div className="sa-report-signer">
          {sa.report.signatureBlock.map((line, n) => (
            <p key={n}>
              <strong>{line}</strong>
            </p>
          ))}
          <p>
            <em>{t('sa.report.signHint')}</em>
          </p>
        </div>
      </div>
    </article>
  );
}
