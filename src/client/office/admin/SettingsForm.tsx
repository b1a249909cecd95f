import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { CampaignInfo, CampaignSettingsResult } from '../../../shared';
import { Banner } from '../../ui/Banner';
import { useApi, type ApiError } from '../api';
import { Loaded } from '../Loading';
import { DEADLINE_KEYS } from './CampaignStatePanel';
import { sendJson } from './http';
import { FieldError, MutationError } from './messages';
import { PaymentFields } from './PaymentFields';
import { draftOf, LATE_RULES, settingsBody, type SettingsDraft } from './settings-form';
import { useAdminText } from './text';

/** Deadlines (over the campaign file's), the short-interview threshold, payment rates and the late self-assessment rule. */
export function SettingsForm({ campaign }: { campaign: CampaignInfo }) {
  const query = useApi<CampaignSettingsResult>(`/api/campaigns/${encodeURIComponent(campaign.id)}/settings`);
  return <Loaded query={query}>{(result) => <Form key={result.updatedAt ?? ''} campaign={campaign} result={result} />}</Loaded>;
}

function Form({ campaign, result }: { campaign: CampaignInfo; result: CampaignSettingsResult }) {
  const { t, day, dateTime } = useAdminText();
  const client = useQueryClient();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(result));
  const [saved, setSaved] = useState(false);
  const mutation = useMutation<CampaignSettingsResult, ApiError, SettingsDraft>({
    mutationFn: (d) => sendJson('PUT', `/api/campaigns/${encodeURIComponent(campaign.id)}/settings`, settingsBody(d, result.definitionDeadlines)),
    onSuccess: async () => {
      setSaved(true);
      await client.invalidateQueries();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    mutation.mutate(draft);
  };
  const update = (patch: Partial<SettingsDraft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const error = mutation.error;
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
      {result.updatedAt && <p className="muted">{t('settings.lastSaved', { at: dateTime(result.updatedAt), by: result.updatedBy ?? '—' })}</p>}

      <fieldset>
        <legend>{t('deadlines.heading')}</legend>
        <p className="muted">{t('deadlines.help')}</p>
        <div className="filters">
          {DEADLINE_KEYS.map((k) => (
            <div key={k} className="admin-field">
              <label htmlFor={`deadline-${k}`}>{t(`deadline.${k}`)}</label>
              <input id={`deadline-${k}`} type="date" value={draft.deadlines[k]} onChange={(e) => update({ deadlines: { ...draft.deadlines, [k]: e.target.value } })} />
              <span className="muted admin-hint">{t('deadlines.file', { date: day(result.definitionDeadlines[k]) })}</span>
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
        <input id="min-interview" type="number" min={0} max={240} step="any" inputMode="decimal" value={draft.minInterviewMinutes} onChange={(e) => update({ minInterviewMinutes: e.target.value })} />
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

      {saved && <Banner kind="ok">{t('settings.saved')}</Banner>}
      <MutationError error={error} shown={shown} />
      <p>
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {t('settings.save')}
        </button>
      </p>
    </form>
  );
}
