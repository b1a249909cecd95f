import { useState } from 'react';
import type { CampaignInfo } from '../../../shared/api/pull';
import { useQuestionnaires } from '../queries/definitions';
import { ChoiceSelect } from '../ChoiceSelect';
import { useText } from '../text';
import { matchingQuestionnaires } from './download';
import { DownloadButtons } from './DownloadButtons';

/** Builds an address from the filters that are set: the same URLs Home Affairs' own tools can call. */
const href = (path: string, params: Record<string, string>) => {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== ''));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
};

/** Home Affairs' downloads: responses (CSV, XLSX with codebook), survey scores, payment rosters. Streamed by the server. */
export function Downloads({ campaign }: { campaign: CampaignInfo }) {
  const { t } = useText();
  const questionnaires = useQuestionnaires(campaign.id);
  const base = `/api/campaigns/${campaign.id}/exports`;
  const [f, setF] = useState({
    level: '',
    unitId: '',
    groupId: '',
    questionnaireId: '',
    from: '',
    to: '',
    included: 'all',
    labels: 'codes',
  });
  const set = (k: keyof typeof f) => (value: string) => setF((old) => ({ ...old, [k]: value }));
  const [scoreLevel, setScoreLevel] = useState('');
  const [rosterUnit, setRosterUnit] = useState('');
  const questionnaireIds = [...new Set((questionnaires.data ?? []).map((q) => q.id))];
  const title = (id: string) => questionnaires.data?.find((q) => q.id === id)?.title ?? id;
  const units = campaign.units.filter((u) => !f.level || u.level === f.level);
  // A CSV holds one questionnaire: until the filters narrow to one, the button says what to choose first.
  const csvMatches = questionnaires.data ? matchingQuestionnaires(campaign, questionnaires.data, f).length : 0;
  const csvBlocked = !questionnaires.data
    ? undefined
    : csvMatches === 0
      ? t('downloads.csvNoneMatch')
      : csvMatches > 1
        ? t('downloads.csvNeedsOne', { count: csvMatches })
        : undefined;

  return (
    <>
      <h1>{t('downloads.title')}</h1>
      <p className="muted">{t('downloads.intro')}</p>

      <section className="card" aria-labelledby="dl-responses">
        <h2 id="dl-responses">{t('downloads.responses')}</h2>
        <p className="muted">{t('downloads.responsesHelp')}</p>
        <div className="filters">
          <ChoiceSelect
            label={t('downloads.level')}
            value={f.level}
            onChange={set('level')}
            options={campaign.unitLevels}
            all={t('downloads.all')}
          />
          <ChoiceSelect label={t('downloads.unit')} value={f.unitId} onChange={set('unitId')} options={units} all={t('downloads.all')} />
          <ChoiceSelect
            label={t('downloads.group')}
            value={f.groupId}
            onChange={set('groupId')}
            options={campaign.groups}
            all={t('downloads.all')}
          />
          <ChoiceSelect
            label={t('downloads.questionnaire')}
            value={f.questionnaireId}
            onChange={set('questionnaireId')}
            options={questionnaireIds.map((id) => ({ id, name: title(id) }))}
            all={t('downloads.all')}
          />
          <label>
            {t('downloads.from')}
            <input type="date" value={f.from} onChange={(e) => set('from')(e.target.value)} />
          </label>
          <label>
            {t('downloads.to')}
            <input type="date" value={f.to} onChange={(e) => set('to')(e.target.value)} />
          </label>
          <label>
            {t('downloads.included')}
            <select value={f.included} onChange={(e) => set('included')(e.target.value)}>
              {(['all', 'included', 'excluded'] as const).map((v) => (
                <option key={v} value={v}>
                  {t(`downloads.included.${v}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('downloads.labels')}
            <select value={f.labels} onChange={(e) => set('labels')(e.target.value)}>
              <option value="codes">{t('downloads.labels.codes')}</option>
              <option value="labels">{t('downloads.labels.labels')}</option>
            </select>
          </label>
        </div>
        <p className="muted">{t('downloads.questionnaireHelp')}</p>
        <DownloadButtons
          choices={[
            { format: 'XLSX', url: href(`${base}/responses.xlsx`, f), primary: true },
            { format: 'CSV', url: href(`${base}/responses.csv`, f), blockedBecause: csvBlocked },
          ]}
        />
      </section>

      <section className="card" aria-labelledby="dl-scores">
        <h2 id="dl-scores">{t('downloads.scores')}</h2>
        <p className="muted">{t('downloads.scoresHelp')}</p>
        <ChoiceSelect
          label={t('downloads.level')}
          value={scoreLevel}
          onChange={setScoreLevel}
          options={campaign.unitLevels}
          all={t('downloads.all')}
        />
        <DownloadButtons
          choices={(['xlsx', 'csv', 'json'] as const).map((ext) => ({
            format: ext.toUpperCase(),
            url: href(`${base}/scores.${ext}`, { level: scoreLevel }),
            primary: ext === 'xlsx',
          }))}
        />
      </section>

      <section className="card" aria-labelledby="dl-rosters">
        <h2 id="dl-rosters">{t('downloads.rosters')}</h2>
        <p className="muted">{t('downloads.rostersHelp')}</p>
        <ChoiceSelect
          label={t('downloads.unit')}
          value={rosterUnit}
          onChange={setRosterUnit}
          options={campaign.units}
          all={t('downloads.all')}
        />
        <DownloadButtons choices={[{ format: 'XLSX', url: href(`${base}/rosters.xlsx`, { unitId: rosterUnit }), primary: true }]}>
          <a className="button" href={href(`${base}/rosters.html`, { unitId: rosterUnit })} target="_blank" rel="noreferrer">
            {t('downloads.print')}
          </a>
        </DownloadButtons>
      </section>
    </>
  );
}
