import { useState } from 'react';
import type { CampaignInfo } from '../../../shared/api/pull';
import type { SaStaff } from '../../../shared/api/self-assessment';
import type { Framework } from '../../../shared/schema/framework';
import { assignableCodes, coveredSubCriteria } from '../../../shared/self-assessment/tree';
import { Banner } from '../../ui/Banner';
import { ApiError } from '../api';
import { Loaded } from '../Loading';
import { useSaStaff, useSaveSaAssignments } from '../queries/self-assessment';
import { useText } from '../text';
import { SaStatusLine } from './SelfAssessmentScreen';
import { SelfAssessmentData, type SaContext } from './SelfAssessmentData';

type Pairs = Set<string>;
const pair = (code: string, staffId: string) => `${code}\u0000${staffId}`;

/** The assignable rows in the framework's order: fields, criteria and appraised sub-criteria, with their depth. */
function rowsOf(framework: Framework) {
  const codes = assignableCodes(framework);
  const rows: { code: string; title: string; depth: 0 | 1 | 2 }[] = [];
  for (const f of framework.fields) {
    if (codes.has(f.code)) rows.push({ code: f.code, title: f.title, depth: 0 });
    for (const c of f.criteria) {
      if (codes.has(c.code)) rows.push({ code: c.code, title: c.title, depth: 1 });
      for (const s of c.subCriteria) if (codes.has(s.code)) rows.push({ code: s.code, title: s.title, depth: 2 });
    }
  }
  return rows;
}

/**
 * Phân công đánh giá: the coordinator gives fields, criteria or single sub-criteria to the unit's staff accounts.
 * A staff member then sees and edits only what is covered by their rows; saving replaces the whole assignment.
 */
export function AssignmentScreen({ campaign, unitId }: { campaign: CampaignInfo; unitId: string }) {
  return (
    <SelfAssessmentData campaign={campaign} unitId={unitId}>
      {(ctx) => <StaffLoaded ctx={ctx} />}
    </SelfAssessmentData>
  );
}

function StaffLoaded({ ctx }: { ctx: SaContext }) {
  const staff = useSaStaff(ctx.campaignId, ctx.unitId);
  return <Loaded query={staff}>{(list) => <Assignment ctx={ctx} staff={list} />}</Loaded>;
}

function Assignment({ ctx, staff }: { ctx: SaContext; staff: SaStaff[] }) {
  const { t } = useText();
  const { sa, framework } = ctx;
  const active = new Set(staff.map((s) => s.id));
  // Rows of accounts no longer active (disabled) cannot be saved again: they are dropped with the next save.
  const others = sa.assignments.filter((a) => !active.has(a.staffId));
  const saved = new Set(sa.assignments.filter((a) => active.has(a.staffId)).map((a) => pair(a.code, a.staffId)));
  const [chosen, setChosen] = useState<Pairs>(saved);
  const [state, setState] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string; issues: string[] }>({
    kind: 'idle',
  });
  const saving = useSaveSaAssignments(ctx.campaignId, ctx.unitId);
  const rows = rowsOf(framework);
  const locked = sa.state !== 'draft';
  const changed = others.length > 0 || chosen.size !== saved.size || [...chosen].some((p) => !saved.has(p));
  const covered = new Map(
    staff.map((s) => [
      s.id,
      coveredSubCriteria(
        framework,
        rows.filter((r) => chosen.has(pair(r.code, s.id))).map((r) => r.code),
      ),
    ]),
  );

  const toggle = (code: string, staffId: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(pair(code, staffId));
    else next.delete(pair(code, staffId));
    setChosen(next);
    setState({ kind: 'idle' });
  };

  async function save() {
    setState({ kind: 'saving' });
    const assignments = [...chosen].map((p) => {
      const [code = '', staffId = ''] = p.split('\u0000');
      return { code, staffId };
    });
    try {
      await saving.mutateAsync(assignments);
      setState({ kind: 'saved' });
    } catch (e) {
      const err = e instanceof ApiError ? e : null;
      setState({
        kind: 'error',
        message: err && !err.offline ? err.message : t('office.offline'),
        issues: (err?.issues ?? []).map((i) => i.message),
      });
    }
  }

  return (
    <>
      <h1>{t('sa.assign.title', { unit: ctx.unitName })}</h1>
      <SaStatusLine ctx={ctx} />
      <p>{t('sa.assign.intro')}</p>
      {locked && <Banner kind="info">{t('sa.readOnly.submitted')}</Banner>}
      {staff.length === 0 ? (
        <Banner kind="warn">{t('sa.assign.noStaff')}</Banner>
      ) : (
        <>
          <div className="table-wrap">
            <table className="data sa-assign">
              <thead>
                <tr>
                  <th scope="col">{t('sa.assign.col.item')}</th>
                  {staff.map((s) => (
                    <th key={s.id} scope="col">
                      {s.displayName}
                      <br />
                      <span className="muted sa-small">{s.username}</span>
                    </th>
                  ))}
                  <th scope="col">{t('sa.assign.col.covered')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const by = staff.filter((s) => covered.get(s.id)?.has(r.code));
                  return (
                    <tr key={r.code} className={`depth-${r.depth}`}>
                      <th scope="row">
                        {r.code}. {r.title}
                      </th>
                      {staff.map((s) => (
                        <td key={s.id} className="center">
                          <input
                            type="checkbox"
                            aria-label={t('sa.assign.toggle', { code: r.code, name: s.displayName })}
                            checked={chosen.has(pair(r.code, s.id))}
                            disabled={locked}
                            onChange={(e) => toggle(r.code, s.id, e.currentTarget.checked)}
                          />
                        </td>
                      ))}
                      <td>
                        {r.depth === 2
                          ? by.map((s) => s.displayName).join(', ') || <span className="muted">{t('sa.assign.coordinatorOnly')}</span>
                          : ''}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {others.length > 0 && <p className="muted">{t('sa.assign.others', { n: others.length })}</p>}
          <div className="row sa-actions">
            <button type="button" className="primary" disabled={locked || !changed || state.kind === 'saving'} onClick={() => void save()}>
              {state.kind === 'saving' ? t('sa.assign.saving') : t('sa.assign.save')}
            </button>
            {changed && state.kind !== 'saving' && <span className="muted">{t('sa.assign.unsaved')}</span>}
          </div>
          {state.kind === 'saved' && <Banner kind="ok">{t('sa.assign.saved')}</Banner>}
          {state.kind === 'error' && (
            <Banner kind="error">
              {state.message}
              {state.issues.length > 0 && (
                <ul>
                  {state.issues.map((m, n) => (
                    <li key={n}>{m}</li>
                  ))}
                </ul>
              )}
            </Banner>
          )}
        </>
      )}
    </>
  );
}
