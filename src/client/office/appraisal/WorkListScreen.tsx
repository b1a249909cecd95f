import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { AppraisalTask, AppraisalWorkList, CouncilMember } from '../../../shared/api/appraisal';
import type { AccountSummary } from '../../../shared/api/auth';
import type { CampaignInfo } from '../../../shared/api/pull';
import { assessmentStates, type AssessmentState } from '../../../shared/appraisal/states';
import type { Framework } from '../../../shared/schema/framework';
import { ProgressBar } from '../../ui/ProgressBar';
import { Loaded } from '../Loading';
import { useWorkList } from '../queries/appraisal';
import { useCouncil } from '../queries/council';
import { useFrameworks } from '../queries/definitions';
import { useSaFormat } from '../self-assessment/format';
import { StateBadge } from '../self-assessment/StateBadge';
import { useText } from '../text';
import { appraisalPath } from './urls';

/**
 * A council member's work list (Home Affairs and the chair: every unit): each unit × what they appraise there, its
 * state, how many items are appraised, still to appraise, or waiting for the unit's explanation; the deadline above.
 */
export function WorkListScreen({ campaign, account }: { campaign: CampaignInfo; account: AccountSummary }) {
  const tasks = useWorkList(campaign.id);
  const frameworks = useFrameworks(campaign.id);
  // What this member appraises, in words (fields of a level, or whole units); the chair and Home Affairs: everything.
  const council = useCouncil(campaign.id, account.role === 'council');
  const show = (fws: Framework[], list: AppraisalWorkList, members: CouncilMember[]) => (
    <WorkList campaign={campaign} list={list} frameworks={fws} me={members.find((m) => m.accountId === account.id)} role={account.role} />
  );
  return (
    <Loaded query={frameworks}>
      {(fws) => (
        <Loaded query={tasks}>
          {(list) =>
            account.role === 'council' ? <Loaded query={council}>{(members) => show(fws, list, members)}</Loaded> : show(fws, list, [])
          }
        </Loaded>
      )}
    </Loaded>
  );
}

function WorkList({
  campaign,
  list,
  frameworks,
  me,
  role,
}: {
  campaign: CampaignInfo;
  list: AppraisalWorkList;
  frameworks: Framework[];
  me: CouncilMember | undefined;
  role: AccountSummary['role'];
}) {
  const { t, number } = useText();
  const { day } = useSaFormat();
  const [level, setLevel] = useState('');
  const [state, setState] = useState<'' | 'todo' | AssessmentState>('');
  const unitName = (id: string) => campaign.units.find((u) => u.id === id)?.name ?? id;
  const levelName = (id: string) => campaign.unitLevels.find((l) => l.id === id)?.name ?? id;
  const levels = [...new Set(list.tasks.map((u) => u.level))];
  const everything = role === 'admin' || list.chair;
  const scopeOf = (task: AppraisalTask): string => {
    if (everything || me?.scopes.some((s) => s.kind === 'unit' && s.unitId === task.unitId)) return t('ap.list.wholeUnit');
    const fw = frameworks.find((f) => f.level === task.level);
    const fields = (me?.scopes ?? []).flatMap((s) => (s.kind === 'field' && s.level === task.level ? [s.field] : []));
    return fields.map((code) => `${code}. ${fw?.fields.find((f) => f.code === code)?.title ?? ''}`).join('; ');
  };
  const todo = (task: AppraisalTask) => task.items - task.appraised;
  const shown = list.tasks.filter(
    (u) => (!level || u.level === level) && (!state || (state === 'todo' ? todo(u) > 0 && u.state !== 'draft' : u.state === state)),
  );
  const sum = (pick: (task: AppraisalTask) => number) => list.tasks.reduce((n, task) => n + pick(task), 0);

  return (
    <>
      <h1>{t('ap.list.title')}</h1>
      <p>
        <strong>{t('ap.deadline', { date: day(list.deadline) })}</strong>
      </p>
      <p>{role === 'admin' ? t('ap.list.admin') : list.chair ? t('ap.list.chair') : t('ap.list.member')}</p>
      <p>
        {t('ap.list.summary', {
          units: number(list.tasks.length),
          submitted: number(list.tasks.filter((task) => task.state !== 'draft').length),
          appraised: number(sum((task) => task.appraised)),
          items: number(sum((task) => task.items)),
          waiting: number(sum((task) => task.waiting)),
        })}
      </p>
      <div className="filters">
        <label>
          {t('overview.level')}
          <select value={level} onChange={(e) => setLevel(e.target.value)}>
            <option value="">{t('overview.allLevels')}</option>
            {levels.map((l) => (
              <option key={l} value={l}>
                {levelName(l)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('sa.list.state')}
          <select value={state} onChange={(e) => setState(e.target.value as typeof state)}>
            <option value="">{t('sa.list.allStates')}</option>
            <option value="todo">{t('ap.list.todoFilter')}</option>
            {assessmentStates.map((s) => (
              <option key={s} value={s}>
                {t(`sa.state.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list.tasks.length === 0 && <p className="muted">{t('ap.list.empty')}</p>}
      {role === 'council' && list.tasks.length > 0 && list.tasks.every((task) => task.state === 'draft') && (
        <p className="muted">{t('council.waiting')}</p>
      )}
      <div className="table-wrap">
        <table className="data ap-tasks">
          <caption className="sa-sr-only">{t('ap.list.caption', { n: shown.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sa.list.col.unit')}</th>
              <th scope="col">{t('sa.list.col.level')}</th>
              <th scope="col">{t('ap.list.col.scope')}</th>
              <th scope="col">{t('sa.list.col.state')}</th>
              <th scope="col">{t('ap.list.col.appraised')}</th>
              <th scope="col">{t('ap.list.col.todo')}</th>
              <th scope="col">{t('ap.list.col.waiting')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((task) => (
              <tr key={task.unitId}>
                <th scope="row">
                  <Link to={appraisalPath(task.unitId)}>{unitName(task.unitId)}</Link>
                </th>
                <td>{levelName(task.level)}</td>
                <td>{scopeOf(task)}</td>
                <td>
                  <StateBadge state={task.state} late={task.late} />
                </td>
                <td className="num">
                  {t('sa.list.ofItems', { scored: number(task.appraised), items: number(task.items) })}
                  <ProgressBar
                    value={task.appraised}
                    max={task.items}
                    label={t('ap.list.progress', { unit: unitName(task.unitId), appraised: task.appraised, items: task.items })}
                  />
                </td>
                <td className="num">{number(todo(task))}</td>
                <td className="num">{task.waiting > 0 ? <strong>{number(task.waiting)}</strong> : number(0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
