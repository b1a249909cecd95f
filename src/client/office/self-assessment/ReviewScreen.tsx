import { Link } from 'react-router-dom';
import type { CampaignInfo } from '../../../shared/api/pull';
import { Banner } from '../../ui/Banner';
import { useText } from '../text';
import { dismissFailedUpload, useFailedUploads } from './failed-uploads';
import { useSaFormat } from './format';
import { itemAnchor, titleOf } from './model';
import { SaStatusLine } from './SelfAssessmentScreen';
import { SelfAssessmentData, type SaContext } from './SelfAssessmentData';
import { SignedReportPanel } from './SignedReport';
import { SubmitPanel } from './SubmitPanel';
import { TotalsTable } from './TotalsTable';

const KINDS = ['no-score', 'invalid-score', 'no-evidence-or-explanation'] as const;

/**
 * Rà soát: what is missing or inconsistent before submitting (the server's list: no score, a score out of the rule,
 * a score with neither evidence nor explanation), the files that failed to upload in this session, the totals per
 * field against the maximum; the signed, stamped report (uploaded here); then the coordinator submits (gửi kết quả).
 */
export function ReviewScreen({
  campaign,
  unitId,
  entryPath,
  reportPath,
}: {
  campaign: CampaignInfo;
  unitId: string;
  entryPath: string;
  reportPath: string;
}) {
  return (
    <SelfAssessmentData campaign={campaign} unitId={unitId}>
      {(ctx) => <Review ctx={ctx} entryPath={entryPath} reportPath={reportPath} />}
    </SelfAssessmentData>
  );
}

function Review({ ctx, entryPath, reportPath }: { ctx: SaContext; entryPath: string; reportPath: string }) {
  const { t, number } = useText();
  const { dateTime } = useSaFormat();
  const { sa, framework } = ctx;
  const failed = useFailedUploads(ctx.campaign.id, ctx.unitId);
  const appraised = sa.visibleCodes.filter((c) =>
    framework.fields.some((f) => f.criteria.some((cr) => cr.subCriteria.some((s) => s.code === c && s.method === 'appraised'))),
  );
  const count = (kind: (typeof KINDS)[number]) => sa.issues.filter((i) => i.kind === kind).length;

  return (
    <>
      <h1>{t('sa.review.title', { unit: ctx.unitName })}</h1>
      <SaStatusLine ctx={ctx} />
      <p>{t('sa.review.intro')}</p>
      <TotalsTable sa={sa} caption={t('sa.totals.caption')} />

      <h2>{t('sa.review.issues', { n: number(sa.issues.length) })}</h2>
      {sa.issues.length === 0 ? (
        <Banner kind="ok">{t('sa.review.complete', { n: number(appraised.length) })}</Banner>
      ) : (
        <>
          <p>{KINDS.map((k) => `${t(`sa.issue.${k}`)}: ${number(count(k))}`).join(' · ')}</p>
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('sa.review.col.item')}</th>
                  <th scope="col">{t('sa.review.col.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {sa.issues.map((i) => (
                  <tr key={i.code}>
                    <th scope="row">
                      <Link to={`${entryPath}#${itemAnchor(i.code)}`}>
                        {i.code}. {titleOf(framework, i.code)}
                      </Link>
                    </th>
                    <td>{i.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      <h2>{t('sa.review.failed', { n: number(failed.length) })}</h2>
      {failed.length === 0 ? (
        <p className="muted">{t('sa.review.noFailed')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('sa.review.col.file')}</th>
                <th scope="col">{t('sa.review.col.item')}</th>
                <th scope="col">{t('sa.review.col.reason')}</th>
                <th scope="col">{t('sa.review.col.at')}</th>
                <th scope="col">
                  <span className="sa-sr-only">{t('sa.review.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {failed.map((f) => (
                <tr key={f.id}>
                  <th scope="row">{f.name}</th>
                  <td>
                    <Link to={`${entryPath}#${itemAnchor(f.code)}`}>{f.code}</Link>
                  </td>
                  <td>{f.message}</td>
                  <td>{dateTime(f.at)}</td>
                  <td>
                    <button
                      type="button"
                      className="sa-small"
                      aria-label={t('sa.review.dismissNamed', { name: f.name })}
                      onClick={() => dismissFailedUpload(ctx.campaign.id, ctx.unitId, f.id)}
                    >
                      {t('sa.review.dismiss')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <p>
        <Link to={reportPath}>{t('sa.openReport')}</Link>
      </p>
      <SignedReportPanel ctx={ctx} upload />
      <SubmitPanel ctx={ctx} />
    </>
  );
}
