import { useState } from 'react';
import type { CampaignInfo } from '../../../shared/api/pull';
import type { SelfFillBatch } from '../../../shared/api/self-fill';
import { isUsable, newestFirst, unusedCodes } from '../../../shared/self-fill/batches';
import { Banner } from '../../ui/Banner';
import { ConfirmAction } from '../admin/ConfirmAction';
import { ChoiceSelect } from '../ChoiceSelect';
import { Loaded } from '../Loading';
import { useProgress } from '../queries/progress';
import { useText } from '../text';
import { useRevokeBatch, useSelfFillBatches } from './queries';

/** Every batch issued, newest first, with its codes' fate (counts only); a batch in use can be revoked, after a question. */
export function BatchList({ campaign }: { campaign: CampaignInfo }) {
  const { t, number, day, dateTime } = useText();
  const [unitId, setUnitId] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const query = useSelfFillBatches(campaign.id, unitId);
  const unitName = (id: string) => campaign.units.find((u) => u.id === id)?.name ?? id;
  const groupName = (id: string) => campaign.groups.find((g) => g.id === id)?.name ?? id;
  const cellName = (b: SelfFillBatch) => `${unitName(b.unitId)} × ${groupName(b.groupId)}`;
  const revoke = useRevokeBatch(campaign.id, (b) => setDone(t('sf.revoke.done', { cell: cellName(b), revoked: number(b.revoked) })));
  // The server's calendar day (the progress report's, read for the form above too), not this computer's clock.
  const today = useProgress(campaign.id).data?.today;

  const state = (b: SelfFillBatch) =>
    b.revokedAt ? t('sf.state.revoked', { at: dateTime(b.revokedAt) }) : isUsable(b, today) ? t('sf.state.active') : t('sf.state.expired');

  return (
    <section aria-labelledby="sf-batches">
      <h2 id="sf-batches">{t('sf.list.title')}</h2>
      <div className="filters">
        <ChoiceSelect label={t('sf.list.unit')} value={unitId} onChange={setUnitId} options={campaign.units} all={t('sf.list.allUnits')} />
      </div>
      {done && <Banner kind="ok">{done}</Banner>}
      {revoke.isError && (
        <Banner kind="error">
          {t('sf.revoke.failed', { message: revoke.error.offline ? t('office.offline') : revoke.error.message })}
        </Banner>
      )}
      <Loaded query={query}>
        {({ batches }) =>
          batches.length === 0 ? (
            <p className="muted">{t('sf.list.none')}</p>
          ) : (
            <>
              <div className="table-wrap">
                <table className="data">
                  <thead>
                    <tr>
                      <th scope="col">{t('sf.col.cell')}</th>
                      <th scope="col">{t('sf.col.note')}</th>
                      <th scope="col">{t('sf.col.issuedBy')}</th>
                      <th scope="col">{t('sf.col.lastDay')}</th>
                      <th scope="col">{t('sf.col.issued')}</th>
                      <th scope="col">{t('sf.col.opened')}</th>
                      <th scope="col">{t('sf.col.submitted')}</th>
                      <th scope="col">{t('sf.col.revoked')}</th>
                      <th scope="col">{t('sf.col.state')}</th>
                      <th scope="col">{t('sf.col.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {newestFirst(batches).map((b) => {
                      const at = dateTime(b.issuedAt);
                      const active = isUsable(b, today);
                      return (
                        <tr key={b.id}>
                          <th scope="row">{cellName(b)}</th>
                          <td>{b.note ?? ''}</td>
                          <td>
                            {b.issuedByName ?? b.issuedBy}
                            <br />
                            <span className="muted">{at}</span>
                          </td>
                          <td>{day(b.lastDay)}</td>
                          <td className="num">{number(b.issued)}</td>
                          <td className="num">{number(b.opened)}</td>
                          <td className="num">{number(b.submitted)}</td>
                          <td className="num">{number(b.revoked)}</td>
                          <td>{state(b)}</td>
                          <td>
                            {active && (
                              <ConfirmAction
                                label={t('sf.revoke')}
                                name={t('sf.revoke.name', { cell: cellName(b), at })}
                                question={t('sf.revoke.question', {
                                  cell: cellName(b),
                                  at,
                                  unused: number(unusedCodes(b)),
                                  submitted: number(b.submitted),
                                })}
                                confirmLabel={t('sf.revoke.confirm')}
                                danger
                                disabled={revoke.isPending}
                                onConfirm={() => {
                                  setDone(null);
                                  // Refused (revoked elsewhere meanwhile, gone): the list is read again to show why.
                                  revoke.mutate(b.id, { onError: () => void query.refetch() });
                                }}
                              />
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <p className="muted">{t('sf.list.help')}</p>
            </>
          )
        }
      </Loaded>
    </section>
  );
}
