import { useId } from 'react';
import type { ExplanationRound } from '../../../shared/api/appraisal';
import type { Framework } from '../../../shared/schema/framework';
import { useSaFormat } from '../self-assessment/format';
import { titleOf } from '../self-assessment/model';
import { useText } from '../text';
import { apAnchor } from './model';

/** Every explanation round of the unit (as far as this person sees its items): question, items, deadline, answer, lateness. */
export function RoundHistory({ rounds, framework }: { rounds: readonly ExplanationRound[]; framework: Framework }) {
  const { t } = useText();
  const headingId = useId();
  return (
    <section className="ap-panel" aria-labelledby={headingId} id="ap-rounds">
      <h2 id={headingId}>{t('ap.rounds.title', { n: rounds.length })}</h2>
      {rounds.length === 0 ? (
        <p className="muted">{t('ap.rounds.none')}</p>
      ) : (
        [...rounds].reverse().map((r) => <Round key={r.number} round={r} framework={framework} />)
      )}
    </section>
  );
}

function Round({ round, framework }: { round: ExplanationRound; framework: Framework }) {
  const { t } = useText();
  const { day, dateTime } = useSaFormat();
  const headingId = useId();
  const open = round.answeredAt === null;
  return (
    <article className={`card ap-round${open ? ' open' : ''}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="spread">
        <span>{t('ap.rounds.round', { n: round.number })}</span>
        <span className={`tag ${open ? 'sa-state-explanation-requested' : round.late ? 'sa-state-late' : 'sa-state-submitted'}`}>
          {open ? t('ap.rounds.open') : round.late ? t('ap.rounds.answeredLate') : t('ap.rounds.answered')}
        </span>
      </h3>
      <dl className="sa-values">
        <div>
          <dt>{t('ap.rounds.requested')}</dt>
          <dd>{t('ap.rounds.atBy', { at: dateTime(round.requestedAt), by: round.requestedBy ?? '—' })}</dd>
        </div>
        <div>
          <dt>{t('ap.rounds.deadline')}</dt>
          <dd>{day(round.deadline)}</dd>
        </div>
        <div>
          <dt>{t('ap.rounds.items', { n: round.codes.length })}</dt>
          <dd>
            <ul>
              {round.codes.map((code) => (
                <li key={code}>
                  <a href={`#${apAnchor(code)}`}>
                    {code}. {titleOf(framework, code) ?? ''}
                  </a>
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t('ap.rounds.message')}</dt>
          <dd className="sa-pre">{round.message}</dd>
        </div>
        <div>
          <dt>{t('ap.rounds.answer')}</dt>
          <dd>
            {open ? (
              t('ap.rounds.waiting')
            ) : (
              <>
                {t('ap.rounds.atBy', { at: dateTime(round.answeredAt!), by: round.answeredBy ?? '—' })}
                {round.answer ? <span className="sa-pre">{`: ${round.answer}`}</span> : ` ${t('ap.rounds.noNote')}`}
              </>
            )}
          </dd>
        </div>
      </dl>
    </article>
  );
}
