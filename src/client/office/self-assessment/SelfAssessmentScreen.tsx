import { memo, useEffect } from 'react';
import { Link, useLocation } from 'react-router-dom';
import type { Role } from '../../../shared/api/auth';
import type { CampaignInfo } from '../../../shared/api/pull';
import type { EvidenceFile, SaItem, SelfAssessment } from '../../../shared/api/self-assessment';
import type { SubCriterion } from '../../../shared/schema/framework';
import { Banner } from '../../ui/Banner';
import { useText } from '../text';
import { EvidenceFiles } from './EvidenceFiles';
import { ExplanationBanner } from './ExplanationBanner';
import { useSaFormat } from './format';
import { ItemEditor } from './ItemEditor';
import { ItemHistory } from './ItemHistory';
import { itemAnchor, visibleTree } from './model';
import { SelfAssessmentData, type SaContext, type SaEnv } from './SelfAssessmentData';
import { SignedReportFile } from './SignedReport';
import { StateBadge } from './StateBadge';
import { TotalsTable } from './TotalsTable';

/**
 * A unit's self-assessment as a tree (field → criterion → sub-criterion) with what is expected and the running
 * totals; each sub-criterion this person may edit has its entry, the rest read-only (DESIGN §6).
 */
export function SelfAssessmentScreen({
  campaign,
  unitId,
  who,
  reportHref,
}: {
  campaign: CampaignInfo;
  unitId: string;
  who: Role;
  reportHref?: string;
}) {
  return (
    <SelfAssessmentData campaign={campaign} unitId={unitId}>
      {(ctx) => <Tree ctx={ctx} who={who} reportHref={reportHref} />}
    </SelfAssessmentData>
  );
}

/** The header of every self-assessment screen: unit, state, deadline, who submitted. */
export function SaStatusLine({ ctx }: { ctx: SaContext }) {
  const { t } = useText();
  const { day, dateTime } = useSaFormat();
  const { sa } = ctx;
  return (
    <p className="sa-status">
      <StateBadge state={sa.state} late={sa.late} /> {t('sa.deadline', { date: day(sa.deadline) })}
      {sa.submittedAt && ` · ${t('sa.submittedBy', { at: dateTime(sa.submittedAt), by: sa.submittedBy ?? '—' })}`}
      {/* Published: the unit's scorecard is public (a server page the unit can print or pass on). */}
      {sa.state === 'published' && (
        <>
          {' · '}
          <a href={`/ket-qua/${encodeURIComponent(sa.campaignId)}/${encodeURIComponent(sa.unitId)}`}>{t('sa.scorecard')}</a>
        </>
      )}
    </p>
  );
}

function Tree({ ctx, who, reportHref }: { ctx: SaContext; who: Role; reportHref?: string }) {
  const { t } = useText();
  const { points } = useSaFormat();
  const { sa, framework } = ctx;
  const { hash } = useLocation();
  const visible = new Set(sa.visibleCodes);
  const editable = new Set(sa.editableCodes);
  const fields = visibleTree(framework, visible);
  const items = new Map(sa.items.map((i) => [i.code, i]));
  const issues = new Map(sa.issues.map((i) => [i.code, i]));
  const totals = new Map(sa.totals.fields.flatMap((f) => [[f.code, f] as const, ...f.criteria.map((c) => [c.code, c] as const)]));

  // From the review page: "#tc-1.2.1" opens on that sub-criterion.
  useEffect(() => {
    if (!hash) return;
    const el = document.getElementById(decodeURIComponent(hash.slice(1)));
    el?.scrollIntoView?.({ block: 'start' });
    el?.focus();
  }, [hash]);

  const readOnly =
    sa.state !== 'draft' && sa.editableCodes.length === 0
      ? t('sa.readOnly.submitted')
      : who === 'admin' || who === 'council'
        ? t('sa.readOnly.viewer')
        : who === 'staff' && sa.visibleCodes.length === 0
          ? t('staff.waiting')
          : null;

  return (
    <>
      <h1>{t('sa.title', { unit: ctx.unitName })}</h1>
      <p className="muted">
        {framework.title}
        {framework.source ? ` — ${framework.source}` : ''}
      </p>
      <SaStatusLine ctx={ctx} />
      {(who === 'coordinator' || who === 'staff') && <ExplanationBanner ctx={ctx} who={who} />}
      {readOnly && <Banner kind="info">{readOnly}</Banner>}
      {who === 'staff' && sa.visibleCodes.length > 0 && <p>{t('sa.staffScope', { n: sa.visibleCodes.length })}</p>}
      <p>
        <strong>{t('sa.total', { self: points(sa.totals.self), max: points(sa.totals.max) })}</strong>{' '}
        {t('sa.surveyPart', { max: points(sa.totals.surveyMax) })}
      </p>
      {reportHref && (
        <p>
          <Link to={reportHref}>{t('sa.openReport')}</Link>
        </p>
      )}
      {who !== 'staff' && <SignedReportFile ctx={ctx} />}
      {who !== 'staff' && <TotalsTable sa={sa} caption={t('sa.totals.caption')} fieldHref={(code) => `#lv-${code}`} />}
      {fields.map((field) => {
        const ft = totals.get(field.code);
        return (
          <section key={field.code} id={`lv-${field.code}`} className="sa-field" aria-labelledby={`lv-h-${field.code}`}>
            <h2 id={`lv-h-${field.code}`} className="spread">
              <span>
                {field.code}. {field.title}
              </span>
              {ft && <span className="sa-points">{t('sa.fieldTotal', { self: points(ft.self), max: points(ft.max) })}</span>}
            </h2>
            {field.criteria.map((c) => {
              const ct = totals.get(c.code);
              return (
                <div key={c.code} className="sa-criterion">
                  <h3 className="spread">
                    <span>
                      {c.code}. {c.title}
                    </span>
                    {ct && ct.max > 0 && (
                      <span className="sa-points">{t('sa.fieldTotal', { self: points(ct.self), max: points(ct.max) })}</span>
                    )}
                  </h3>
                  {c.subCriteria.map((s) => (
                    <SubCriterionCard
                      key={s.code}
                      env={ctx.env}
                      sub={s}
                      item={items.get(s.code)}
                      issue={issues.get(s.code)}
                      library={sa.files}
                      editable={editable.has(s.code)}
                    />
                  ))}
                </div>
              );
            })}
          </section>
        );
      })}
    </>
  );
}

interface CardProps {
  env: SaEnv;
  sub: SubCriterion;
  item: SaItem | undefined;
  issue: SelfAssessment['issues'][number] | undefined;
  library: EvidenceFile[];
  editable: boolean;
}

/** One sub-criterion; drawn again only when its own data changes (react-query keeps unchanged parts identical). */
const SubCriterionCard = memo(function SubCriterionCard({ env, sub, item, issue, library, editable }: CardProps) {
  const { t } = useText();
  const { points, dateTime } = useSaFormat();
  const titleId = `${itemAnchor(sub.code)}-title`;
  return (
    <article id={itemAnchor(sub.code)} className="sa-item card" aria-labelledby={titleId} tabIndex={-1}>
      <h4 id={titleId} className="spread">
        <span>
          {sub.code}. {sub.title}
        </span>
        <span className="sa-points">{t('sa.max', { max: points(sub.maxPoints) })}</span>
      </h4>
      {sub.evidence && (
        <p className="sa-expected">
          <span className="muted">{t('sa.expectedEvidence')}</span> {sub.evidence}
        </p>
      )}
      {sub.guide && (
        <details>
          <summary>{t('sa.guide')}</summary>
          <p>{sub.guide}</p>
        </details>
      )}
      {sub.method === 'survey' ? (
        <p>
          <span className="tag sa-survey">{t('sa.survey')}</span> {t('sa.surveyMax', { max: points(sub.maxPoints) })}
        </p>
      ) : (
        <>
          {issue && <p className="tag warn">{issue.message}</p>}
          {editable && item ? (
            <ItemEditor env={env} sub={sub} item={item} />
          ) : (
            <>
              <dl className="sa-values">
                <div>
                  <dt>{t('sa.score.label')}</dt>
                  <dd>{item?.score == null ? t('sa.notScored') : points(item.score)}</dd>
                </div>
                {item?.explanation && (
                  <div>
                    <dt>{t('sa.explanation')}</dt>
                    <dd className="sa-pre">{item.explanation}</dd>
                  </div>
                )}
                {item?.note && (
                  <div>
                    <dt>{t('sa.note')}</dt>
                    <dd className="sa-pre">{item.note}</dd>
                  </div>
                )}
              </dl>
              {item?.updatedAt && (
                <p className="muted sa-small">{t('sa.save.last', { at: dateTime(item.updatedAt), by: item.updatedBy ?? '—' })}</p>
              )}
            </>
          )}
          <EvidenceFiles env={env} code={sub.code} item={item} library={library} editable={editable} />
          <ItemHistory env={env} code={sub.code} />
        </>
      )}
    </article>
  );
});
