import { useState } from 'react';
import type { AuditEntry } from '../../../shared/api/review';
import { Loaded } from '../Loading';
import { useSaItemHistory } from '../queries/self-assessment';
import { useText } from '../text';
import { useSaFormat } from './format';
import type { SaEnv } from './SelfAssessmentData';

/** Who changed one sub-criterion and when (scores, explanations, files), read from the server when opened. */
export function ItemHistory({ env, code }: { env: SaEnv; code: string }) {
  const { t } = useText();
  const [open, setOpen] = useState(false);
  return (
    <details className="sa-history" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('sa.history')}</summary>
      {open && <Entries env={env} code={code} />}
    </details>
  );
}

function Entries({ env, code }: { env: SaEnv; code: string }) {
  const { t } = useText();
  const { dateTime, points } = useSaFormat();
  // Read again each time it is opened: a save a moment ago must be there.
  const query = useSaItemHistory(env.campaignId, env.unitId, code);
  const describe = (e: AuditEntry): string => {
    const d = (e.detail ?? {}) as { score?: number | null; explanation?: string | null; note?: string | null; name?: string };
    switch (e.action) {
      case 'sa.item.save':
        return [
          t('sa.history.score', { score: d.score == null ? t('sa.conflict.empty') : points(d.score) }),
          d.explanation ? t('sa.history.explanation', { text: d.explanation }) : '',
          d.note ? t('sa.history.note', { text: d.note }) : '',
        ]
          .filter(Boolean)
          .join('; ');
      case 'sa.file.attach':
        return t('sa.history.attach', { name: d.name ?? '' });
      case 'sa.file.detach':
        return t('sa.history.detach', { name: d.name ?? '' });
      default:
        return e.action;
    }
  };
  return (
    <Loaded query={query}>
      {(rows) =>
        rows.length === 0 ? (
          <p className="muted">{t('sa.history.none')}</p>
        ) : (
          <ul>
            {rows.map((e) => (
              <li key={e.id}>{t('sa.history.entry', { at: dateTime(e.at), by: e.actorName ?? '—', what: describe(e) })}</li>
            ))}
          </ul>
        )
      }
    </Loaded>
  );
}
