import { useEffect, useRef } from 'react';
import type { CampaignInfo } from '../../../shared/api/pull';
import type { UnitResult } from '../../../shared/api/results';
import type { QuestionTexts } from './data';
import { groupName, surveyUnder } from './model';
import { useResultsText } from './text';

type SubCriterion = UnitResult['survey']['subCriteria'][number];
type Group = SubCriterion['groups'][number];

/**
 * How a unit's survey points were computed (DESIGN §5, "every figure can be traced back"): per sub-criterion the rule
 * and the arithmetic, every respondent group with its weight, valid answers and mean coefficient (or why it was left
 * out), and per group each question's tallies. `code` narrows it to a field, criterion or sub-criterion.
 */
export function SurveyDrillDown({
  unit,
  code,
  campaign,
  minValid,
  questionTexts,
  onClose,
}: {
  unit: UnitResult;
  code: string | null;
  campaign: CampaignInfo;
  minValid: number;
  questionTexts: QuestionTexts;
  onClose: () => void;
}) {
  const { t, number } = useResultsText();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [unit.unitId, code]);
  // In the campaign's order of respondent groups (the server's record keeps no order of its own).
  const order = (g: string) => {
    const i = campaign.groups.findIndex((x) => x.id === g);
    return i < 0 ? Infinity : i;
  };
  const responses = Object.entries(unit.survey.responses).sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b));
  return (
    <section className="card rs-drill" aria-labelledby="rs-drill-title">
      <div className="spread">
        <h2 id="rs-drill-title" tabIndex={-1} ref={heading}>
          {t('rs.drill.title', { unit: unit.unitName })}
        </h2>
        <button type="button" onClick={onClose}>
          {t('rs.drill.close')}
        </button>
      </div>
      <p className="muted">{t('rs.drill.intro', { min: number(minValid) })}</p>
      <p>
        {responses.length === 0
          ? t('rs.drill.noResponses')
          : t('rs.drill.responses', {
              list: responses
                .map(([g, n]) => t('rs.drill.responsesItem', { group: groupName(unit, campaign, g), n: number(n) }))
                .join('; '),
            })}
      </p>
      {surveyUnder(unit, code).map((s) => (
        <SubCriterionDrill key={s.code} sub={s} minValid={minValid} questionTexts={questionTexts} />
      ))}
    </section>
  );
}

function SubCriterionDrill({ sub, minValid, questionTexts }: { sub: SubCriterion; minValid: number; questionTexts: QuestionTexts }) {
  const { t, tOr, number, ratio } = useResultsText();
  const counted = sub.groups.filter((g) => g.omitted === null && g.meanCoefficient !== null);
  const weights = counted.reduce((a, g) => a + g.weight, 0);
  const formula = `(${counted.map((g) => `${number(g.weight)} × ${ratio(g.meanCoefficient ?? 0)}`).join(' + ')}) / ${number(weights)}`;
  const figures = {
    formula,
    ratio: ratio(sub.ratio ?? 0),
    max: number(sub.maxPoints),
    points: number(sub.points ?? 0),
  };
  const headingId = `rs-drill-${sub.code}`;
  return (
    <section className="rs-drill-sub" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {sub.points === null
          ? t('rs.drill.subLeftOut', { code: sub.code, title: sub.title, max: number(sub.maxPoints) })
          : t('rs.drill.sub', {
              code: sub.code,
              title: sub.title,
              points: t('rs.outOf', { value: number(sub.points), max: number(sub.maxPoints) }),
            })}
      </h3>
      <p>{tOr(`rs.drill.rule.${sub.rule}`, sub.rule, figures)}</p>
      <div className="table-wrap">
        <table className="data rs-groups">
          <caption>{t('rs.drill.groups.caption', { code: sub.code })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rs.drill.col.group')}</th>
              <th scope="col">{t('rs.drill.col.weight')}</th>
              <th scope="col">{t('rs.drill.col.valid')}</th>
              <th scope="col">{t('rs.drill.col.mean')}</th>
              <th scope="col">{t('rs.drill.col.counted')}</th>
            </tr>
          </thead>
          <tbody>
            {sub.groups.map((g) => (
              <tr key={g.groupId} className={g.omitted ? 'rs-omitted' : undefined}>
                <th scope="row">{g.groupName}</th>
                <td className="num">{number(g.weight)}</td>
                <td className="num">{number(g.valid)}</td>
                <td className="num">{g.meanCoefficient === null ? t('rs.items.none') : ratio(g.meanCoefficient)}</td>
                <td>
                  {g.omitted === null ? t('rs.drill.counted') : tOr(`rs.drill.omitted.${g.omitted}`, g.omitted, { min: number(minValid) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sub.groups
        .filter((g) => g.questions.length > 0)
        .map((g) => (
          <GroupQuestions key={g.groupId} sub={sub} group={g} questionTexts={questionTexts} />
        ))}
    </section>
  );
}

/** One group's questions of a sub-criterion, folded: weight, tallies, mean, whether it was used, the choices counted. */
function GroupQuestions({ sub, group, questionTexts }: { sub: SubCriterion; group: Group; questionTexts: QuestionTexts }) {
  const { t, number, ratio } = useResultsText();
  return (
    <details className="rs-questions">
      <summary>{t('rs.drill.questions', { group: group.groupName })}</summary>
      <div className="table-wrap">
        <table className="data">
          <caption>{t('rs.drill.questions.caption', { group: group.groupName, code: sub.code })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rs.drill.q.question')}</th>
              <th scope="col">{t('rs.drill.q.weight')}</th>
              <th scope="col">{t('rs.drill.q.valid')}</th>
              <th scope="col">{t('rs.drill.q.excluded')}</th>
              <th scope="col">{t('rs.drill.q.missing')}</th>
              <th scope="col">{t('rs.drill.q.sum')}</th>
              <th scope="col">{t('rs.drill.q.mean')}</th>
              <th scope="col">{t('rs.drill.q.used')}</th>
              <th scope="col">{t('rs.drill.q.choices')}</th>
            </tr>
          </thead>
          <tbody>
            {group.questions.map((q) => {
              const text = questionTexts(q.questionnaireId, q.questionCode);
              const known = new Map((text?.choices ?? []).map((c, i) => [c.code, { ...c, order: i }]));
              const counts = Object.entries(q.choiceCounts).sort(
                ([a], [b]) => (known.get(a)?.order ?? Infinity) - (known.get(b)?.order ?? Infinity) || a.localeCompare(b),
              );
              return (
                <tr key={`${q.questionnaireId}-${q.questionCode}`}>
                  <th scope="row">
                    {text ? `${q.questionCode} — ${text.text}` : q.questionCode}{' '}
                    <span className="muted rs-small">({q.questionnaireId})</span>
                  </th>
                  <td className="num">{number(q.weight)}</td>
                  <td className="num">{number(q.valid)}</td>
                  <td className="num">{number(q.excluded)}</td>
                  <td className="num">{number(q.missing)}</td>
                  <td className="num">{number(q.sum)}</td>
                  <td className="num">{q.mean === null ? t('rs.items.none') : ratio(q.mean)}</td>
                  <td>{q.used ? t('rs.drill.q.yes') : t('rs.drill.q.no')}</td>
                  <td>
                    {counts.length === 0 ? (
                      <span className="muted">{t('rs.drill.q.noAnswers')}</span>
                    ) : (
                      <ul className="rs-choices">
                        {counts.map(([c, n]) => {
                          const choice = known.get(c);
                          const coefficient = choice?.excluded
                            ? t('rs.drill.excludedChoice')
                            : choice?.coefficient !== undefined
                              ? t('rs.drill.coefficient', { value: ratio(choice.coefficient) })
                              : '';
                          return (
                            <li key={c}>
                              {t('rs.drill.choice', { choice: choice ? `${c} ${choice.label}` : c, coefficient, n: number(n) })}
                            </li>
                          );
                        })}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}
