import { useState, type FormEvent } from 'react';
import type { CampaignSettingsResult } from '../../../shared/api/admin';
import type { CampaignInfo } from '../../../shared/api/pull';
import { DEADLINE_KEYS } from '../../../shared/campaign/deadlines';
import type { ApiError } from '../api';
import { Loaded } from '../Loading';
import { useSaveSettings, useSettings } from '../queries/settings';
import { issuePath } from './http';
import { FieldError, MutationError } from './messages';
import { PaymentFields } from './PaymentFields';
import { draftOf, LATE_RULES, settingsBody, type SettingsDraft } from './settings-form';
import { useAdminText } from './text';

/** Deadlines (over the campaign file's), the short-interview threshold, payment rates and the late self-assessment rule. */
export function SettingsForm({ campaign }: { campaign: CampaignInfo }) {
  const query = useSettings(campaign.id);
  // One form for the screen's life: a save does not remount it (a remount lost the confirmation beside the button).
  return <Loaded query={query}>{(result) => <Form campaign={campaign} result={result} />}</Loaded>;
}

function Form({ campaign, result }: { campaign: CampaignInfo; result: CampaignSettingsResult }) {
  const { t, day, dateTime } = useAdminText();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(result));
  /** When the last save of this form was accepted (shown beside the button until the next change). */
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const mutation = useSaveSettings(campaign.id, (saved) => {
    // The form shows what the server kept (e.g. deadlines equal to the file's), and says so beside the button.
    setDraft(draftOf(saved));
    setSavedAt(saved.updatedAt ?? new Date().toISOString());
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSavedAt(null);
    mutation.mutate(settingsBody(draft, result.definitionDeadlines));
  };
  const update = (patch: Partial<SettingsDraft>) => {
    setSavedAt(null);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const error = mutation.error;
  const fieldLabels: Record<string, string> = {
    ...Object.fromEntries(DEADLINE_KEYS.map((k) => [`deadlines.${k}`, t(`deadline.${k}`)])),
    minInterviewMinutes: t('review.minMinutes'),
    'payment.respondentRate': t('payment.respondent'),
    'payment.surveyorRate': t('payment.surveyor'),
    ...Object.fromEntries(campaign.groups.map((g) => [`payment.respondentRateByGroup.${g.id}`, g.name])),
    ...Object.fromEntries(LATE_RULES.map((r) => [r, t(`late.heading.${r}`)])),
  };
  const shown = [
    ...DEADLINE_KEYS.map((k) => `deadlines.${k}`),
    'minInterviewMinutes',
    'payment.respondentRate',
    'payment.surveyorRate',
    ...campaign.groups.map((g) => `payment.respondentRateByGroup.${g.id}`),
    ...LATE_RULES,
  ];

  return (
    <form onSubmit={submit} className="card" aria-labelledby="admin-settings" noValidate>
      <h2 id="admin-settings">{t('settings.heading')}</h2>
      {result.updatedAt && (
        <p className="muted">{t('settings.lastSaved', { at: dateTime(result.updatedAt), by: result.updatedBy ?? '—' })}</p>
      )}

      <fieldset>
        <legend>{t('deadlines.heading')}</legend>
        <p className="muted">{t('deadlines.help')}</p>
        <div className="filters">
          {DEADLINE_KEYS.map((k) => (
            <div key={k} className="admin-field">
              <label htmlFor={`deadline-${k}`}>{t(`deadline.${k}`)}</label>
              <input
                id={`deadline-${k}`}
                type="date"
                value={draft.deadlines[k]}
                onChange={(e) => update({ deadlines: { ...draft.deadlines, [k]: e.target.value } })}
              />
              <span className="muted admin-hint">
                {result.definitionWording[k].rule === 'before'
                  ? t('deadlines.file.before', { day: day(result.definitionWording[k].day), date: day(result.definitionDeadlines[k]) })
                  : t('deadlines.file', { date: day(result.definitionDeadlines[k]) })}
              </span>
              <FieldError error={error} field={`deadlines.${k}`} />
            </div>
          ))}
        </div>
        <button type="button" onClick={() => update({ deadlines: { ...result.definitionDeadlines } })}>
          {t('deadlines.reset')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('review.heading')}</legend>
        <label htmlFor="min-interview">{t('review.minMinutes')}</label>
        <input
          id="min-interview"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={draft.minInterviewMinutes}
          onChange={(e) => update({ minInterviewMinutes: e.target.value })}
        />
        <span className="muted admin-hint">{t('review.minMinutes.help')}</span>
        <FieldError error={error} field="minInterviewMinutes" />
      </fieldset>

      <PaymentFields campaign={campaign} draft={draft} error={error} update={update} />

      {LATE_RULES.map((rule) => (
        <fieldset key={rule}>
          <legend>{t(`late.heading.${rule}`)}</legend>
          {(['refuse', 'flag'] as const).map((v) => (
            <label key={v} className="choice">
              <input type="radio" name={rule} value={v} checked={draft[rule] === v} onChange={() => update({ [rule]: v })} />
              {t(`late.${v}.${rule}`)}
            </label>
          ))}
          <FieldError error={error} field={rule} />
        </fieldset>
      ))}

      <div className="row">
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {t('settings.save')}
        </button>
        {/* Beside the button, where the person is looking; the region is always there so the change is announced. */}
        <span role="status" className={savedAt ? 'banner ok' : 'muted'}>
          {mutation.isPending ? t('settings.saving') : savedAt ? t('settings.savedAt', { at: dateTime(savedAt) }) : ''}
        </span>
      </div>
      <SaveRefusal error={error} shown={shown} labels={fieldLabels} />
    </form>
  );
}

/** The element of a settings field, to take the person to it from the refusal beside the button. */
function fieldElement(path: string): HTMLElement | null {
  const id = path.startsWith('deadlines.')
    ? `deadline-${path.slice('deadlines.'.length)}`
    : path === 'minInterviewMinutes'
      ? 'min-interview'
      : path === 'payment.respondentRate'
        ? 'rate-respondent'
        : path === 'payment.surveyorRate'
          ? 'rate-surveyor'
          : path.startsWith('payment.respondentRateByGroup.')
            ? `rate-${path.slice('payment.respondentRateByGroup.'.length)}`
            : null;
  if (id) return document.getElementById(id);
  return document.querySelector<HTMLElement>(`input[name="${CSS.escape(path)}"]`);
}

/**
 * A refused save, beside the button (role=alert): which fields were refused, each a link to the field with the
 * server's message beside it there, then anything no field shows.
 */
function SaveRefusal({ error, shown, labels }: { error: ApiError | null; shown: string[]; labels: Record<string, string> }) {
  const { t } = useAdminText();
  const fields = (error?.issues ?? []).filter((i) => shown.includes(issuePath(i.path)));
  if (!error || fields.length === 0) return <MutationError error={error} shown={shown} />;
  const rest = (error.issues ?? []).filter((i) => !shown.includes(issuePath(i.path)));
  return (
    <div className="banner error" role="alert">
      {t('error.fields')}
      <ul>
        {fields.map((i) => (
          <li key={i.path}>
            <button type="button" className="admin-link" onClick={() => fieldElement(issuePath(i.path))?.focus()}>
              {labels[issuePath(i.path)] ?? issuePath(i.path)}
            </button>
            : {i.message}
          </li>
        ))}
        {rest.map((i) => (
          <li key={i.path}>{i.message}</li>
        ))}
      </ul>
    </div>
  );
}
