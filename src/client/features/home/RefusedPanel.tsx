import { useId, useState } from 'react';
import type { PullResult } from '../../../shared/api/pull';
import type { LocalResponse, LocalRosterEntry, PhieuDb, Rejection } from '../../db/database';
import { isQuotaExceeded } from '../../db/errors';
import { requeueRefused } from '../../db/responses';
import { requeueRefusedRoster } from '../../db/roster';
import { useScreenI18n } from '../../i18n/screens';
import type { ScreenKey } from '../../i18n/vi-screens';
import { useDevice } from '../../sync/device';
import { isRecoverable } from '../../sync/retry';
import { Banner } from '../../ui/Banner';

/** Loaded on the click, as on the home screen (issue 14). */
const saveUnsyncedFile = (db: PhieuDb) => import('./unsynced-file').then((m) => m.saveUnsyncedFile(db));

type Code = Rejection['code'];

/** Those that need the surveyor first (they will not go away by themselves), then those that will. */
const ORDER: Code[] = ['conflict', 'invalid', 'http', 'after-deadline', 'not-assigned', 'questionnaire-version-unknown', 'campaign-closed'];

const REASON: Record<Code, ScreenKey> = {
  conflict: 'refused.reason.conflict',
  invalid: 'refused.reason.invalid',
  http: 'refused.reason.http',
  'not-assigned': 'refused.reason.not-assigned',
  'questionnaire-version-unknown': 'refused.reason.questionnaire-version-unknown',
  'campaign-closed': 'refused.reason.campaign-closed',
  'after-deadline': 'refused.reason.after-deadline',
};

const TODO: Record<Code, ScreenKey> = {
  conflict: 'refused.todo.conflict',
  invalid: 'refused.todo.invalid',
  http: 'refused.todo.http',
  'not-assigned': 'refused.todo.not-assigned',
  'questionnaire-version-unknown': 'refused.todo.questionnaire-version-unknown',
  'campaign-closed': 'refused.todo.campaign-closed',
  'after-deadline': 'refused.todo.after-deadline',
};

/** By hand: what can go away by itself, and an unknown HTTP refusal. A conflict or an invalid item would come back the same. */
const retryable = (code: Code) => isRecoverable(code) || code === 'http';

/** Unit and group names from the last pull (their ids before the first). */
interface Names {
  unit(id: string): string;
  group(id: string): string;
}

interface Group {
  code: Code;
  responses: LocalResponse[];
  roster: LocalRosterEntry[];
}

function groups(responses: LocalResponse[], roster: LocalRosterEntry[]): Group[] {
  const code = (r: { rejection?: Rejection }): Code => r.rejection?.code ?? 'http';
  return ORDER.map((c) => ({
    code: c,
    responses: responses
      .filter((r) => code(r) === c)
      .sort((a, b) => (a.finishedAt ?? a.updatedAt).localeCompare(b.finishedAt ?? b.updatedAt)),
    roster: roster.filter((r) => code(r) === c),
  })).filter((g) => g.responses.length + g.roster.length > 0);
}

/**
 * What the server refused, at the top of the home screen (issue #13): per reason, in plain words, what to do, and
 * "Gửi lại" where sending again can work. Refused items stay on the device and in the export until accepted. The home
 * screen reads them, with everything else it shows, and loads this chunk before showing anything (issue 14: nothing
 * appears above later).
 */
export function RefusedPanel({
  responses,
  roster,
  pull,
}: {
  responses: LocalResponse[];
  roster: LocalRosterEntry[];
  pull: PullResult | undefined;
}) {
  const { t } = useScreenI18n();
  const { db } = useDevice();
  const titleId = useId();
  if (responses.length + roster.length === 0) return null;
  const names: Names = {
    unit: (id) => pull?.campaign.units.find((u) => u.id === id)?.name ?? id,
    group: (id) => pull?.campaign.groups.find((g) => g.id === id)?.name ?? id,
  };
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>
        {responses.length > 0 ? t('rejected.title', { n: responses.length }) : t('refused.rosterTitle', { n: roster.length })}
      </h2>
      <Banner kind="error">{t('refused.kept')}</Banner>
      {groups(responses, roster).map((g) => (
        <RefusedGroup key={g.code} group={g} names={names} />
      ))}
      <p>
        <button type="button" onClick={() => void saveUnsyncedFile(db)}>
          {t('refused.export')}
        </button>
      </p>
    </section>
  );
}

function RefusedGroup({ group, names }: { group: Group; names: Names }) {
  const { t, dateTime } = useScreenI18n();
  const { db, sync, syncNow } = useDevice();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonId = useId();
  const count = group.responses.length + group.roster.length;

  async function retry() {
    setError(null);
    setSending(true);
    const ids = new Set([...group.responses.map((r) => r.id), ...group.roster.map((r) => r.id)]);
    try {
      await requeueRefused(db, (r) => ids.has(r.id), new Date());
      await requeueRefusedRoster(db, (r) => ids.has(r.id));
    } catch (e) {
      setError(isQuotaExceeded(e) ? t('storage.full') : t('refused.retryFailed', { message: e instanceof Error ? e.message : String(e) }));
      setSending(false);
      return;
    }
    await syncNow();
    setSending(false);
  }

  return (
    <div className="card" style={{ borderColor: 'var(--error-ink)' }}>
      <p id={reasonId}>
        <strong>{t('refused.why')}</strong> {t(REASON[group.code])}
      </p>
      <p className="muted">
        {[
          group.responses.length > 0 && t('refused.count', { n: group.responses.length }),
          group.roster.length > 0 && t('refused.rosterCount', { n: group.roster.length }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <p>
        <strong>{t('refused.todo')}</strong> {t(TODO[group.code])}
      </p>
      {retryable(group.code) && (
        <p>
          <button
            type="button"
            className="primary"
            onClick={() => void retry()}
            disabled={sending || sync.running}
            aria-describedby={reasonId}
          >
            {sending ? t('refused.retrying') : t('refused.retry')}
          </button>
        </p>
      )}
      {error && <Banner kind="error">{error}</Banner>}
      <details open={count <= 3}>
        <summary>{t('refused.items')}</summary>
        {group.responses.map((r) => (
          <div key={r.id} className="refused-item">
            <strong>
              {names.unit(r.unitId)} — {names.group(r.groupId)}
            </strong>
            <br />
            <span className="muted">
              {t('refused.finished', { when: dateTime(r.finishedAt ?? r.updatedAt) })}
              {r.paperSerial !== undefined && ` · ${t('refused.paper', { serial: r.paperSerial })}`}
            </span>
            <ServerSaid rejection={r.rejection} />
          </div>
        ))}
        {group.roster.map((r) => (
          <div key={r.id} className="refused-item">
            <strong>{t('refused.rosterItem', { name: r.respondentName })}</strong>
            <br />
            <span className="muted">
              {names.unit(r.unitId)} — {names.group(r.groupId)}
            </span>
            <ServerSaid rejection={r.rejection} />
          </div>
        ))}
      </details>
    </div>
  );
}

/** The server's own words and the fields it pointed at, as it sent them. */
function ServerSaid({ rejection }: { rejection?: Rejection }) {
  const { t } = useScreenI18n();
  if (!rejection) return null;
  return (
    <>
      <p className="muted">
        <span>{t('refused.serverSaid')}</span> <span>{rejection.message}</span>
      </p>
      {rejection.issues.length > 0 && (
        <ul>
          {rejection.issues.map((i) => (
            <li key={`${i.path} ${i.message}`}>
              {i.path}: {i.message}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
