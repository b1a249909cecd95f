import { useState } from 'react';
import type { CampaignInfo, Questionnaire } from '../../../../shared';
import { useApi } from '../api';
import { useText } from '../text';

/** Builds an address from the filters that are set: the same URLs Home Affairs' own tools can call. */
const href = (path: string, params: Record<string, string>) => {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== ''));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
};

/** Home Affairs' downloads: responses (CSV, XLSX with codebook), survey scores, payment rosters. Streamed by the server. */
export function Downloads({ campaign }: { campaign: CampaignInfo }) {
  const { t } = useText();
  const questionnaires = useApi<Questionnaire[]>(`/api/campaigns/${campaign.id}/questionnaires`);
  const base = `/api/campaigns/${campaign.id}/exports`;
  const [f, setF] = useState({ level: '', unitId: '', groupId: '', questionnaireId: '', from: '', to: '', included: 'all', labels: 'codes' });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((old) => ({ ...old, [k]: e.target.value }));
  const [scoreLevel, setScoreLevel] = useState('');
  const [rosterUnit, setRosterUnit] = useState('');
  const questionnaireIds = [...new Set((questionnaires.data ?? []).map((q) => q.id))];
  const title = (id: string) => questionnaires.data?.find((q) => q.id === id)?.title ?? id;
  const units = campaign.units.filter((u) => !f.level || u.level === f.level);

  return (
    <>
      <h1>{t('downloads.title')}</h1>
      <p className="muted">{t('downloads.intro')}</p>

      <section className="card" aria-labelledby="dl-responses">
        <h2 id="dl-responses">{t('downloads.responses')}</h2>
        <p className="muted">{t('downloads.responsesHelp')}</p>
        <div className="filters">
          <label>
            {t('downloads.level')}
            <select value={f.level} onChange={set('level')}>
              <option value="">{t('downloads.all')}</option>
              {campaign.unitLevels.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('downloads.unit')}
            <select value={f.unitId} onChange={set('unitId')}>
              <option value="">{t('downloads.all')}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('downloads.group')}
            <select value={f.groupId} onChange={set('groupId')}>
              <option value="">{t('downloads.all')}</option>
              {campaign.groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('downloads.questionnaire')}
            <select value={f.questionnaireId} onChange={set('questionnaireId')}>
              <option value="">{t('downloads.all')}</option>
              {questionnaireIds.map((id) => (
                <option key={id} value={id}>
                  {title(id)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('downloads.from')}
            <input type="date" value={f.from} onChange={set('from')} />
          </label>
          <label>
            {t('downloads.to')}
            <input type="date" value={f.to} onChange={set('to')} />
          </label>
          <label>
            {t('downloads.included')}
            <select value={f.included} onChange={set('included')}>
              {(['all', 'included', 'excluded'] as const).map((v) => (
                <option key={v} value={v}>
                  {t(`downloads.included.${v}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('downloads.labels')}
            <select value={f.labels} onChange={set('labels')}>
              <option value="codes">{t('downloads.labels.codes')}</option>
              <option value="labels">{t('downloads.labels.labels')}</option>
            </select>
          </label>
        </div>
        <p className="muted">{t('downloads.questionnaireHelp')}</p>
        <p className="row">
          <a className="button primary" href={href(`${base}/responses.xlsx`, f)} download>
            {t('downloads.get', { format: 'XLSX' })}
          </a>
          <a className="button" href={href(`${base}/responses.csv`, f)} download>
            {t('downloads.get', { format: 'CSV' })}
          </a>
        </p>
      </section>

      <section className="card" aria-labelledby="dl-scores">
        <h2 id="dl-scores">{t('downloads.scores')}</h2>
        <p className="muted">{t('downloads.scoresHelp')}</p>
        <label>
          {t('downloads.level')}
          <select value={scoreLevel} onChange={(e) => setScoreLevel(e.target.value)}>
            <option value="">{t('downloads.all')}</option>
            {campaign.unitLevels.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <p className="row">
          {(['xlsx', 'csv', 'json'] as const).map((ext) => (
            <a key={ext} className={`button${ext === 'xlsx' ? ' primary' : ''}`} href={href(`${base}/scores.${ext}`, { level: scoreLevel })} download>
              {t('downloads.get', { format: ext.toUpperCase() })}
            </a>
          ))}
        </p>
      </section>

      <section className="card" aria-labelledby="dl-rosters">
        <h2 id="dl-rosters">{t('downloads.rosters')}</h2>
        <p className="muted">{t('downloads.rostersHelp')}</p>
        <label>
          {t('downloads.unit')}
          <select value={rosterUnit} onChange={(e) => setRosterUnit(e.target.value)}>
            <option value="">{t('downloads.all')}</option>
            {campaign.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <p className="row">
          <a className="button primary" href={href(`${base}/rosters.xlsx`, { unitId: rosterUnit })} download>
            {t('downloads.get', { format: 'XLSX' })}
          </a>
          <a className="button" href={href(`${base}/rosters.html`, { unitId: rosterUnit })} target="_blank" rel="noreferrer">
            {t('downloads.print')}
          </a>
        </p>
      </section>
    </>
  );
}
