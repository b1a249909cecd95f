import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import type { Role } from '../../../shared/api/auth';
import type { CampaignInfo } from '../../../shared/api/pull';
import { Banner } from '../../ui/Banner';
import { useSaFormat } from '../self-assessment/format';
import { StateBadge } from '../self-assessment/StateBadge';
import { useText } from '../text';
import { AppraisalData, type ApContext } from './AppraisalData';
import { AppraisalItemCard } from './AppraisalItemCard';
import { CloseAppraisal } from './CloseAppraisal';
import { ExplanationRequestForm } from './ExplanationRequestForm';
import { appraisedTree, roundsByCode } from './model';
import { ReturnUnit } from './ReturnUnit';
import { RoundHistory } from './RoundHistory';
import { APPRAISAL_HOME } from './urls';

/**
 * The appraisal of one unit (thẩm định): every sub-criterion this person sees, side by side with the unit's entry
 * and evidence, the council's score and comment; then explanation requests and their rounds, closing (the chair,
 * Home Affairs) and returning (Home Affairs).
 */
export function AppraisalScreen({ campaign, unitId, who }: { campaign: CampaignInfo; unitId: string; who: Role }) {
  return (
    <AppraisalData campaign={campaign} unitId={unitId}>
      {(ctx) => <Unit ctx={ctx} who={who} />}
    </AppraisalData>
  );
}

function Unit({ ctx, who }: { ctx: ApContext; who: Role }) {
  const { t } = useText();
  const { points, day, dateTime } = useSaFormat();
  const { sa, ap, framework, env } = ctx;
  const fields = useMemo(() => appraisedTree(framework, sa), [framework, sa]);
  const selfItems = useMemo(() => new Map(sa.items.map((i) => [i.code, i])), [sa.items]);
  const apItems = useMemo(() => new Map(ap.items.map((i) => [i.code, i])), [ap.items]);
  const rounds = useMemo(() => roundsByCode(ap.rounds), [ap.rounds]);
  const appraisable = new Set(ap.appraisableCodes);
  const requested = new Set(ap.requestedCodes);
  const shown = fields.flatMap((f) => f.criteria.flatMap((c) => c.subCriteria));
  const scored = shown.filter((s) => apItems.get(s.code)?.score != null);
  const total = (pick: (code: string) => number | null | undefined) => shown.reduce((n, s) => n + (pick(s.code) ?? 0), 0);
  const max = shown.reduce((n, s) => n + s.maxPoints, 0);
  const openRound = ap.rounds.find((r) => r.answeredAt === null);

  const notice =
    ap.state === 'draft'
      ? t('ap.notice.draft')
      : ap.state === 'explanation-requested' && openRound
        ? t('ap.notice.waiting', { n: openRound.codes.length, date: day(openRound.deadline) })
        : ap.state === 'appraised' || ap.state === 'published'
          ? t('ap.notice.closed', { at: ap.appraisedAt ? dateTime(ap.appraisedAt) : '—' })
          : who === 'admin'
            ? t('ap.notice.admin')
            : null;

  return (
    <>
      <p className="no-print">
        <Link to={APPRAISAL_HOME}>{t('ap.back')}</Link>
      </p>
      <h1>{t('ap.title', { unit: ctx.unitName })}</h1>
      <p className="sa-status">
        <StateBadge state={ap.state} late={sa.late} /> {t('ap.deadline', { date: day(ap.deadline) })}
        {ap.late && <span className="tag sa-state-late">{t('ap.closedLate')}</span>}
      </p>
      {notice && <Banner kind="info">{notice}</Banner>}
      <p>
        <strong>{t('ap.progress', { scored: scored.length, items: shown.length })}</strong>{' '}
        {t('ap.totals', {
          appraised: points(total((c) => apItems.get(c)?.score)),
          self: points(total((c) => selfItems.get(c)?.score)),
          max: points(max),
        })}
      </p>
      <nav aria-label={t('ap.jump')} className="ap-jump">
        <ul>
          {fields.map((f) => (
            <li key={f.code}>
              <a href={`#ap-lv-${f.code}`}>
                {f.code}. {f.title}
              </a>
            </li>
          ))}
          {who === 'council' && (
            <li>
              <a href="#ap-request">{t('ap.request.title')}</a>
            </li>
          )}
          <li>
            <a href="#ap-rounds">{t('ap.rounds.short')}</a>
          </li>
        </ul>
      </nav>
      {fields.length === 0 && <p className="muted">{t('ap.nothing')}</p>}
      {fields.map((field) => (
        <section key={field.code} id={`ap-lv-${field.code}`} className="sa-field" aria-labelledby={`ap-lv-h-${field.code}`}>
          <h2 id={`ap-lv-h-${field.code}`}>
            {field.code}. {field.title}
          </h2>
          {field.criteria.map((c) => (
            <div key={c.code} className="sa-criterion">
              <h3>
                {c.code}. {c.title}
              </h3>
              {c.subCriteria.map((s) => (
                <AppraisalItemCard
                  key={s.code}
                  env={env}
                  sub={s}
                  self={selfItems.get(s.code)}
                  library={sa.files}
                  appraised={apItems.get(s.code)}
                  appraisable={appraisable.has(s.code)}
                  waiting={requested.has(s.code)}
                  rounds={rounds.get(s.code)}
                />
              ))}
            </div>
          ))}
        </section>
      ))}
      {who === 'council' && <ExplanationRequestForm ctx={ctx} />}
      <RoundHistory rounds={ap.rounds} framework={framework} />
      <CloseAppraisal ctx={ctx} unscored={shown.length - scored.length} />
      {who === 'admin' && <ReturnUnit ctx={ctx} />}
    </>
  );
}
