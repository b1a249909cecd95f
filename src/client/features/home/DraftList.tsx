import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { progress } from '../../../shared/questionnaire/progress';
import { visibleSections } from '../../../shared/questionnaire/sections';
import type { PullResult } from '../../../shared/api/pull';
import type { Questionnaire } from '../../../shared/schema/questionnaire';
import type { LocalResponse } from '../../db/database';
import { DRAFT_AT_REVIEW, useDraftsWithPlace } from '../../db/drafts';
import { questionnairesOf } from '../fill/questionnaire';
import { useI18n } from '../../i18n/i18n';
import { useDevice } from '../../sync/device';

/**
 * The drafts on the device ("Phiếu đang điền dở"): for each, its cell, its paper serial, when it was started and how
 * far it got (answers given of those shown, the section it was left on); "Điền tiếp" reopens it there.
 */
export function DraftList({ pull }: { pull: PullResult | undefined }) {
  const { t, dateTime } = useI18n();
  const { db } = useDevice();
  const drafts = useDraftsWithPlace(db);
  // Each questionnaire version found once per pull, not once per draft and render.
  const questionnaires = useMemo(
    () => new Map<string, Questionnaire>(questionnairesOf(pull).map((q) => [`${q.id}@${q.version}`, q])),
    [pull],
  );
  const unitName = (id: string) => pull?.campaign.units.find((u) => u.id === id)?.name ?? id;
  const groupName = (id: string) => pull?.campaign.groups.find((g) => g.id === id)?.name ?? id;

  const howFar = (d: LocalResponse, place: string | undefined): string | null => {
    const q = questionnaires.get(`${d.questionnaireId}@${d.questionnaireVersion}`);
    if (!q) return null;
    const stats = progress(q, d.answers);
    const sections = visibleSections(q, d.answers);
    const at = place === DRAFT_AT_REVIEW ? sections.length : sections.findIndex((s) => s.id === place);
    const where = at >= sections.length ? t('drafts.atReview') : t('fill.section', { n: Math.max(0, at) + 1, total: sections.length });
    return t('drafts.progress', { answered: stats.answered, visible: stats.visible, where });
  };

  return (
    <>
      <h2>{t('drafts.title')}</h2>
      {drafts?.length === 0 && <p className="muted">{t('drafts.none')}</p>}
      {drafts?.map(({ draft: d, place }) => {
        const far = howFar(d, place);
        return (
          <div className="card draft" key={d.id}>
            <div>
              <strong>
                {unitName(d.unitId)} — {groupName(d.groupId)}
              </strong>
              {d.paperSerial !== undefined && <div>{t('fill.paperSerial', { serial: d.paperSerial })}</div>}
              <div className="muted">{t('drafts.started', { when: dateTime(d.startedAt) })}</div>
              {far && <div className="muted">{far}</div>}
            </div>
            <Link className="button" to={`/fill/${d.id}`}>
              {t('drafts.resume')}
            </Link>
          </div>
        );
      })}
    </>
  );
}
