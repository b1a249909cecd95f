import { memo, useId } from 'react';
import type { ExplanationRound } from '../../../shared/api/appraisal';
import type { EvidenceFile, SaItem } from '../../../shared/api/self-assessment';
import type { SubCriterion } from '../../../shared/schema/framework';
import { useSaFormat } from '../self-assessment/format';
import { attachedFiles } from '../self-assessment/model';
import { useText } from '../text';
import { AppraisalEditor } from './AppraisalEditor';
import type { ApEnv } from './AppraisalData';
import { EvidenceViewer } from './EvidenceViewer';
import { apAnchor, blankItem, type AppraisalItem } from './model';

interface CardProps {
  env: ApEnv;
  sub: SubCriterion;
  /** The unit's own entry. */
  self: SaItem | undefined;
  library: EvidenceFile[];
  /** The council's score and comment so far. */
  appraised: AppraisalItem | undefined;
  /** This person may appraise it now. */
  appraisable: boolean;
  /** In the open explanation round: the unit is answering it. */
  waiting: boolean;
  /** The rounds that asked about it. */
  rounds: ExplanationRound[] | undefined;
}

/**
 * One sub-criterion side by side: what the unit says (self score, explanation, note, evidence), what the framework
 * asks (scoring guide, evidence expected), and the council's score and comment. Drawn again only when its own data
 * changes.
 */
export const AppraisalItemCard = memo(function AppraisalItemCard({
  env,
  sub,
  self,
  library,
  appraised,
  appraisable,
  waiting,
  rounds,
}: CardProps) {
  const { t } = useText();
  const { points, dateTime, day } = useSaFormat();
  const titleId = `${apAnchor(sub.code)}-title`;
  const unitId = useId();
  const guideId = useId();
  const councilId = useId();
  return (
    <article id={apAnchor(sub.code)} className="card ap-item" aria-labelledby={titleId} tabIndex={-1}>
      <h4 id={titleId} className="spread">
        <span>
          {sub.code}. {sub.title}
        </span>
        <span className="sa-points">{t('sa.max', { max: points(sub.maxPoints) })}</span>
      </h4>
      <div className="ap-columns">
        <section className="ap-col ap-col-unit" aria-labelledby={unitId}>
          <h5 id={unitId}>{t('ap.col.unit')}</h5>
          <dl className="sa-values">
            <div>
              <dt>{t('sa.score.label')}</dt>
              <dd className="ap-self">{self?.score == null ? t('sa.notScored') : points(self.score)}</dd>
            </div>
            <div>
              <dt>{t('sa.explanation')}</dt>
              <dd className="sa-pre">{self?.explanation || t('ap.none')}</dd>
            </div>
            {self?.note && (
              <div>
                <dt>{t('sa.note')}</dt>
                <dd className="sa-pre">{self.note}</dd>
              </div>
            )}
          </dl>
          {self?.updatedAt && (
            <p className="muted sa-small">{t('sa.save.last', { at: dateTime(self.updatedAt), by: self.updatedBy ?? '—' })}</p>
          )}
          <EvidenceViewer urls={env.urls} files={attachedFiles(self, library)} />
        </section>
        <section className="ap-col ap-col-guide" aria-labelledby={guideId}>
          <h5 id={guideId}>{t('ap.col.guide')}</h5>
          {sub.guide ? <p className="sa-pre">{sub.guide}</p> : <p className="muted">{t('ap.noGuide')}</p>}
          {sub.evidence && (
            <p className="sa-expected">
              <span className="muted">{t('sa.expectedEvidence')}</span> {sub.evidence}
            </p>
          )}
        </section>
        <section className="ap-col ap-council" aria-labelledby={councilId}>
          <h5 id={councilId}>{t('ap.col.council')}</h5>
          {waiting && <p className="tag warn">{t('ap.waiting')}</p>}
          {appraisable ? (
            <AppraisalEditor env={env} sub={sub} selfScore={self?.score ?? null} item={appraised ?? blankItem(sub.code)} />
          ) : (
            <>
              <dl className="sa-values">
                <div>
                  <dt>{t('ap.score.label')}</dt>
                  <dd>{appraised?.score == null ? t('ap.notAppraised') : points(appraised.score)}</dd>
                </div>
                {appraised?.comment && (
                  <div>
                    <dt>{t('ap.comment')}</dt>
                    <dd className="sa-pre">{appraised.comment}</dd>
                  </div>
                )}
              </dl>
              {appraised?.updatedAt && (
                <p className="muted sa-small">{t('sa.save.last', { at: dateTime(appraised.updatedAt), by: appraised.updatedBy ?? '—' })}</p>
              )}
            </>
          )}
          {rounds && rounds.length > 0 && (
            <div className="ap-item-rounds">
              <p className="sa-files-title">{t('ap.item.rounds')}</p>
              <ul>
                {rounds.map((r) => (
                  <li key={r.number}>
                    {t('ap.item.round', { n: r.number, date: day(r.deadline) })}: <span className="sa-pre">{r.message}</span>
                    {r.answeredAt ? ` — ${t('ap.item.answered', { at: dateTime(r.answeredAt) })}` : ` — ${t('ap.item.open')}`}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      </div>
    </article>
  );
});
