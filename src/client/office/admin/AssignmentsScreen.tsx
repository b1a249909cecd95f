import { useState } from 'react';
import type { CampaignInfo } from '../../../shared/api/pull';
import { Banner } from '../../ui/Banner';
import { Loaded } from '../Loading';
import { useAccounts } from '../queries/accounts';
import { useAssignments } from '../queries/assignments';
import { AssignmentForm } from './AssignmentForm';
import { AssignmentRow } from './AssignmentRow';
import { cellOf, type Notice } from './assignments';
import { useAdminText } from './text';
import { ChoiceSelect } from '../ChoiceSelect';

/** Surveyors × unit × group with allocations: the list by unit or surveyor, a new assignment, change or remove one. */
export function AssignmentsScreen({ campaign }: { campaign: CampaignInfo }) {
  const { t } = useAdminText();
  const [f, setF] = useState({ unitId: '', surveyorId: '' });
  const [notice, setNotice] = useState<Notice | null>(null);
  const surveyors = useAccounts(campaign.id, { role: 'surveyor' });
  // The list stays on screen while another filter loads.
  const query = useAssignments(campaign.id, f);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((old) => ({ ...old, [k]: e.target.value }));

  return (
    <>
      <h1>{t('assign.title')}</h1>
      <p className="muted">{t('assign.intro')}</p>
      <AssignmentForm campaign={campaign} surveyors={surveyors.data?.accounts ?? []} onDone={setNotice} />
      {notice && (
        <div aria-live="polite">
          <Banner kind="ok">{notice.text}</Banner>
          {notice.warnings.map((w) => (
            <Banner key={w} kind="warn">
              {w}
            </Banner>
          ))}
        </div>
      )}
      <section aria-labelledby="assign-list">
        <h2 id="assign-list">{t('assign.list')}</h2>
        <div className="filters">
          <ChoiceSelect
            label={t('assign.filter.unit')}
            value={f.unitId}
            onChange={(unitId) => setF((old) => ({ ...old, unitId }))}
            options={campaign.units}
            all={t('filter.all')}
          />
          <label>
            {t('assign.filter.surveyor')}
            <select value={f.surveyorId} onChange={set('surveyorId')}>
              <option value="">{t('filter.all')}</option>
              {(surveyors.data?.accounts ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.displayName} ({s.username})
                </option>
              ))}
            </select>
          </label>
        </div>
        <Loaded query={query}>
          {({ assignments, cells, warnings }) => (
            <>
              {warnings.length > 0 && (
                <Banner kind="warn">
                  <p>{t('assign.overWarnings')}</p>
                  <ul>
                    {warnings.map((w) => (
                      <li key={w}>{w}</li>
                    ))}
                  </ul>
                </Banner>
              )}
              <p className="muted">{t('assign.count', { n: assignments.length })}</p>
              {assignments.length > 0 && (
                <div className="table-wrap">
                  <table className="data">
                    <thead>
                      <tr>
                        <th scope="col">{t('assign.col.surveyor')}</th>
                        <th scope="col">{t('assign.col.cell')}</th>
                        <th scope="col">{t('assign.col.allocation')}</th>
                        <th scope="col">{t('assign.col.received')}</th>
                        <th scope="col">{t('assign.col.target')}</th>
                        <th scope="col">{t('assign.col.actions')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {assignments.map((a) => (
                        <AssignmentRow
                          key={`${a.surveyorId}/${a.unitId}/${a.groupId}`}
                          campaignId={campaign.id}
                          assignment={a}
                          cell={cellOf(cells, a)}
                          onDone={setNotice}
                        />
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )}
        </Loaded>
      </section>
    </>
  );
}
