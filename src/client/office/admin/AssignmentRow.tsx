import { useState, type FormEvent } from 'react';
import type { AdminAssignment, AssignmentCell } from '../../../shared/api/admin';
import { useRemoveAssignment, useSetAssignment } from '../queries/assignments';
import { allocationOf, type Notice } from './assignments';
import { ConfirmAction } from './ConfirmAction';
import { FieldError, MutationError } from './messages';
import { useAdminText } from './text';

/** One assignment: what the surveyor sent, the cell's target, the allocation to change, and its removal. */
export function AssignmentRow({
  campaignId,
  assignment: a,
  cell,
  onDone,
}: {
  campaignId: string;
  assignment: AdminAssignment;
  cell?: AssignmentCell;
  onDone: (n: Notice) => void;
}) {
  const { t, number, dateTime } = useAdminText();
  const [allocation, setAllocation] = useState(a.allocation === null ? '' : String(a.allocation));
  const save = useSetAssignment(
    campaignId,
    (v: { surveyorId: string; unitId: string; groupId: string; allocation: number | null }) => v.allocation,
    (r) => onDone({ text: t('assign.saved', { surveyor: a.username, unit: a.unitName, group: a.groupName }), warnings: r.warnings }),
  );
  const remove = useRemoveAssignment(campaignId, a, (r) => onDone({ text: r.message, warnings: [] }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ ...a, allocation: allocationOf(allocation) });
  };
  const label = t('assign.allocation.label', { surveyor: a.username, unit: a.unitName, group: a.groupName });
  return (
    <tr className={a.disabled ? 'admin-disabled' : undefined}>
      <th scope="row">
        {a.displayName} <span className="muted">({a.username})</span>
        {a.disabled && <span className="tag warn">{t('accounts.disabled')}</span>}
      </th>
      <td>
        {a.unitName} × {a.groupName}
      </td>
      <td>
        <form onSubmit={submit} className="row" noValidate>
          <input
            type="number"
            min={0}
            step={1}
            className="admin-narrow"
            aria-label={label}
            placeholder={t('assign.allocation.none')}
            value={allocation}
            onChange={(e) => setAllocation(e.target.value)}
          />
          <button type="submit" disabled={save.isPending}>
            {t('assign.allocation.save')}
          </button>
        </form>
        <FieldError error={save.error} field="allocation" />
        <MutationError error={save.error} shown={['allocation']} />
      </td>
      <td className="num">
        {number(a.received)}
        {a.excluded > 0 && <span className="muted"> ({t('assign.excluded', { n: a.excluded })})</span>}
        {a.lastReceivedAt && <div className="muted">{dateTime(a.lastReceivedAt)}</div>}
      </td>
      <td className="num">
        {cell && (
          <>
            {t('assign.cell', { allocated: number(cell.allocated), target: number(cell.target), counted: number(cell.counted) })}
            {cell.overAllocated && <span className="tag warn">{t('assign.over')}</span>}
          </>
        )}
      </td>
      <td>
        <MutationError error={remove.error} />
        <ConfirmAction
          label={t('assign.remove')}
          name={t('assign.remove.label', { surveyor: a.username, unit: a.unitName, group: a.groupName })}
          question={t('assign.remove.confirm', { n: a.received })}
          confirmLabel={t('assign.remove.yes')}
          danger
          disabled={remove.isPending}
          onConfirm={() => remove.mutate()}
        />
      </td>
    </tr>
  );
}
