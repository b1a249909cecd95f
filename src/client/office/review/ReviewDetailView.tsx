import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { CampaignInfo } from '../../../shared/api/pull';
import type { ReviewDetail } from '../../../shared/api/review';
import { isChoiceQuestion } from '../../../shared/questionnaire/kinds';
import type { Question } from '../../../shared/schema/questionnaire';
import type { AnswerValue } from '../../../shared/schema/response';
import { Banner } from '../../ui/Banner';
import { Loaded } from '../Loading';
import { useQuestionnaires } from '../queries/definitions';
import { useExcludeResponse, useReviewDetail, useReviewHistory } from '../queries/review';
import { useText } from '../text';

/** One response: its facts, every answer with the question's text, its review history, and exclude / restore. */
export function ReviewDetailView({ campaign }: { campaign: CampaignInfo }) {
  const { id = '' } = useParams();
  const query = useReviewDetail(id);
  return <Loaded query={query}>{(detail) => <Detail campaign={campaign} detail={detail} />}</Loaded>;
}

function Detail({ campaign, detail }: { campaign: CampaignInfo; detail: ReviewDetail }) {
  const { t, dateTime, number } = useText();
  const questionnaires = useQuestionnaires(campaign.id);
  const audit = useReviewHistory(detail.id);
  const questionnaire = questionnaires.data?.find((q) => q.id === detail.questionnaireId && q.version === detail.questionnaireVersion);
  const unit = campaign.units.find((u) => u.id === detail.unitId)?.name ?? detail.unitId;
  const group = campaign.groups.find((g) => g.id === detail.groupId)?.name ?? detail.groupId;
  return (
    <>
      <p>
        <Link to="/review">← {t('review.back')}</Link>
      </p>
      <h1>{t('review.detail.title', { id: detail.id.slice(0, 8) })}</h1>
      {detail.excluded ? (
        <Banner kind="warn">{t('review.excluded', { reason: detail.excludedReason ?? '' })}</Banner>
      ) : (
        <Banner kind="ok">{t('review.included')}</Banner>
      )}
      {detail.flags.map((f) => (
        <span key={f} className="tag warn">
          {t(`review.flag.${f}`)}
        </span>
      ))}
      <ExclusionForm detail={detail} />
      <h2>{t('review.detail.meta')}</h2>
      <dl className="review">
        <dt>{t('review.col.unit')}</dt>
        <dd>
          {unit} × {group}
        </dd>
        <dt>{t('review.detail.questionnaire')}</dt>
        <dd>
          {questionnaire?.title ?? detail.questionnaireId} (v{detail.questionnaireVersion})
        </dd>
        <dt>{t('review.col.surveyor')}</dt>
        <dd>{detail.surveyorName ?? detail.surveyorId}</dd>
        <dt>{t('review.col.mode')}</dt>
        <dd>
          {t(`mode.${detail.mode as 'interview'}`)}
          {detail.paperSerial && ` · ${t('review.detail.paperSerial')} ${detail.paperSerial}`}
        </dd>
        <dt>{t('review.detail.started')}</dt>
        <dd>{dateTime(detail.startedAt)}</dd>
        <dt>{t('review.detail.finished')}</dt>
        <dd>
          {dateTime(detail.finishedAt)}
          {detail.durationSeconds !== null && ` (${t('review.minutes', { m: number(Math.round(detail.durationSeconds / 6) / 10) })})`}
        </dd>
        <dt>{t('review.col.received')}</dt>
        <dd>{dateTime(detail.receivedAt)}</dd>
        <dt>{t('review.detail.device')}</dt>
        <dd>{detail.deviceId}</dd>
      </dl>
      <h2>{t('review.detail.answers')}</h2>
      {questionnaire ? (
        <dl className="review">
          {questionnaire.sections
            .flatMap((s) => s.questions)
            .map((q) => (
              <div key={q.code}>
                <dt>
                  {q.code}. {q.text}
                </dt>
                <dd>{answerText(q, detail.answers[q.code]) ?? <span className="muted">{t('review.detail.unanswered')}</span>}</dd>
              </div>
            ))}
        </dl>
      ) : (
        <pre>{JSON.stringify(detail.answers, null, 2)}</pre>
      )}
      <h2>{t('review.detail.audit')}</h2>
      <Loaded query={audit}>
        {(entries) =>
          entries.length === 0 ? (
            <p className="muted">{t('review.detail.noAudit')}</p>
          ) : (
            <ul>
              {entries.map((e) => (
                <li key={e.id}>
                  {dateTime(e.at)} —{' '}
                  {e.action === 'response.exclude' || e.action === 'response.restore' ? t(`review.audit.${e.action}`) : e.action} —{' '}
                  {e.actorName ?? e.actorId}: {(e.detail as { reason?: string } | null)?.reason}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </>
  );
}

function answerText(q: Question, value: AnswerValue | undefined): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (isChoiceQuestion(q)) {
    const label = (code: string) => q.choices.find((c) => c.code === code)?.label ?? code;
    return Array.isArray(value) ? value.map((v) => label(String(v))).join('; ') : label(String(value));
  }
  return Array.isArray(value) ? value.join('; ') : String(value);
}

function ExclusionForm({ detail }: { detail: ReviewDetail }) {
  const { t } = useText();
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<'exclude' | 'restore' | null>(null);
  const action = detail.excluded ? 'restore' : 'exclude';
  const mutation = useExcludeResponse(detail.id, (done) => {
    setReason('');
    setDone(done);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    mutation.mutate({ action, reason });
  };
  return (
    <form onSubmit={submit} className="card">
      <label htmlFor="review-reason">{t('review.reason')}</label>
      <textarea id="review-reason" value={reason} onChange={(e) => setReason(e.target.value)} required minLength={5} maxLength={500} />
      {mutation.isError && <Banner kind="error">{mutation.error.offline ? t('office.offline') : mutation.error.message}</Banner>}
      {done && <Banner kind="ok">{t(`review.done.${done}`)}</Banner>}
      <p>
        <button type="submit" className={action === 'exclude' ? 'danger' : 'primary'} disabled={mutation.isPending}>
          {t(action === 'exclude' ? 'review.exclude' : 'review.restore')}
        </button>
      </p>
    </form>
  );
}
