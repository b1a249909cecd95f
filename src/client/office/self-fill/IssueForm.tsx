import { useState, type FormEvent } from 'react';
import type { ProgressReport } from '../../../shared/api/progress';
import type { CampaignInfo } from '../../../shared/api/pull';
import type { IssuedBatch } from '../../../shared/api/self-fill';
import { outstandingCodes } from '../../../shared/self-fill/batches';
import { Banner } from '../../ui/Banner';
import { defaultCount, IssueFields, issueRequest } from '../../ui/self-fill-sheet/IssueFields';
import { ChoiceSelect } from '../ChoiceSelect';
import { Loaded } from '../Loading';
import { useProgress } from '../queries/progress';
import { useText } from '../text';
import { useIssueBatch, useSelfFillBatches } from './queries';

/** A new batch for one unit × group with a quota (the progress report's cells): how many codes, and a note. */
export function IssueForm({ campaign, onIssued }: { campaign: CampaignInfo; onIssued: (issued: IssuedBatch) => void }) {
  const { t } = useText();
  const query = useProgress(campaign.id);
  return (
    <section className="card no-print" aria-labelledby="sf-issue">
      <h2 id="sf-issue">{t('sf.issue.title')}</h2>
      <Loaded query={query}>{(report) => <Fields campaign={campaign} report={report} onIssued={onIssued} />}</Loaded>
    </section>
  );
}

function Fields({
  campaign,
  report,
  onIssued,
}: {
  campaign: CampaignInfo;
  report: ProgressReport;
  onIssued: (issued: IssuedBatch) => void;
}) {
  const { t, number } = useText();
  const cells = report.cells.filter((c) => c.target > 0);
  const cellOf = (unit: string, group: string) => cells.find((c) => c.unit === unit && c.group === group);
  const units = campaign.units.filter((u) => cells.some((c) => c.unit === u.id));
  const groupsOf = (unit: string) => campaign.groups.filter((g) => cellOf(unit, g.id));
  const [unitId, setUnitId] = useState(units[0]?.id ?? '');
  const [groupId, setGroupId] = useState(groupsOf(unitId)[0]?.id ?? '');
  const [count, setCount] = useState(defaultCount(cellOf(unitId, groupId)?.remaining ?? 1));
  const [note, setNote] = useState('');
  const [countError, setCountError] = useState(false);
  const issue = useIssueBatch(campaign.id, onIssued);
  // Every unit's batches: the list below reads the same (its unit filter at first), so this is no other request then.
  const batches = useSelfFillBatches(campaign.id, '').data?.batches ?? [];

  if (units.length === 0) return <p className="muted">{t('sf.issue.noCells')}</p>;

  const choose = (unit: string, group: string) => {
    setUnitId(unit);
    setGroupId(group);
    setCount(defaultCount(cellOf(unit, group)?.remaining ?? 1));
    setCountError(false);
  };
  const cell = cellOf(unitId, groupId);
  // The server's calendar day (the progress report's), as the list below and the phone tell a batch still in use.
  const outstanding = outstandingCodes(
    batches.filter((b) => b.unitId === unitId && b.groupId === groupId),
    report.today,
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = issueRequest(unitId, groupId, count, note);
    setCountError(body === null);
    if (body) issue.mutate(body);
  };

  return (
    <form onSubmit={submit} noValidate>
      <div className="filters">
        <ChoiceSelect label={t('sf.issue.unit')} value={unitId} onChange={(u) => choose(u, groupsOf(u)[0]?.id ?? '')} options={units} />
        <ChoiceSelect label={t('sf.issue.group')} value={groupId} onChange={(g) => choose(unitId, g)} options={groupsOf(unitId)} />
      </div>
      {cell && (
        <p className="muted">
          {t('sf.issue.cell', { target: number(cell.target), received: number(cell.received), remaining: number(cell.remaining) })}
          {outstanding > 0 && (
            <>
              {' · '}
              {t('sf.issue.outstanding', { count: number(outstanding) })}
            </>
          )}
        </p>
      )}
      <div className="filters">
        <IssueFields
          noteHelp={t('sf.issue.noteHelp')}
          count={count}
          onCount={setCount}
          countError={countError}
          note={note}
          onNote={setNote}
        />
      </div>
      {issue.isError && (
        <Banner kind="error">{t('sf.issue.failed', { message: issue.error.offline ? t('office.offline') : issue.error.message })}</Banner>
      )}
      <p>
        <button type="submit" className="primary" disabled={issue.isPending || !cell}>
          {issue.isPending ? t('sf.issue.working') : t('sf.issue.submit')}
        </button>
      </p>
    </form>
  );
}
