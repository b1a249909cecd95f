import { useId, useState } from 'react';
import { unsyncedExportSchema, type ImportResult, type UnsyncedExportFile } from '../../../shared/api/import';
import type { CampaignInfo } from '../../../shared/api/pull';
import { fieldTextIn } from '../../../shared/problems/field-text';
import { FIELD_TEXT_EN } from '../../../shared/problems/field-text-en';
import type { ItemResult } from '../../../shared/sync/protocol';
import { Banner } from '../../ui/Banner';
import { MutationError } from '../admin/messages';
import { useAccounts } from '../queries/accounts';
import { useImportDeviceFile } from '../queries/device-import';
import { useDeviceImportText } from './text';
import type { DeviceImportKey } from './text-vi';

/** A file chosen and read: its name and its content, already checked against the export format. */
interface ChosenFile {
  name: string;
  data: UnsyncedExportFile;
}

/** A string field of an item of the file (items are checked by the server, not here). */
function field(item: unknown, key: string): string {
  const v = item && typeof item === 'object' ? (item as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : '';
}

const REASON: Record<Extract<ItemResult, { status: 'rejected' }>['code'], DeviceImportKey> = {
  'campaign-closed': 'di.reason.campaign-closed',
  'after-deadline': 'di.reason.after-deadline',
  'not-assigned': 'di.reason.not-assigned',
  'questionnaire-version-unknown': 'di.reason.questionnaire-version-unknown',
  conflict: 'di.reason.conflict',
  invalid: 'di.reason.invalid',
};

/**
 * Home Affairs uploads the file a phone saved with "Xuất dữ liệu chưa đồng bộ" (issue #13). Every item is checked by
 * the server like a sync push by the surveyor who collected it (POST /api/campaigns/:id/import), and the answer is
 * shown per item: received, already there (a duplicate counts as received), or refused with the reason. Uploading
 * the same file twice changes nothing; the phone, once it syncs again, gets `duplicate` for what was received here
 * and marks it sent.
 */
export function DeviceImportScreen({ campaign }: { campaign: CampaignInfo }) {
  const { t, dateTime, lang } = useDeviceImportText();
  const inputId = useId();
  const [chosen, setChosen] = useState<ChosenFile | null>(null);
  // The schema's issues are kept as zod gave them (Vietnamese) and said in the person's language when shown.
  const [readError, setReadError] = useState<{ message: string; issues: { path: string; message: string }[] } | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const mutation = useImportDeviceFile(campaign.id, setResult);

  async function choose(file: File | undefined) {
    setChosen(null);
    setReadError(null);
    setResult(null);
    mutation.reset();
    if (!file) return;
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      setReadError({ message: t('di.badJson'), issues: [] });
      return;
    }
    const parsed = unsyncedExportSchema.safeParse(json);
    if (!parsed.success) {
      setReadError({ message: t('di.badFile'), issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
      return;
    }
    setChosen({ name: file.name, data: parsed.data });
  }

  const count = (status: ItemResult['status']) =>
    result ? [...result.responses, ...result.roster].filter((r) => r.status === status).length : 0;
  const empty = chosen !== null && chosen.data.responses.length + chosen.data.roster.length === 0;

  return (
    <>
      <h1>{t('di.title')}</h1>
      <p className="muted">{t('di.intro')}</p>
      {campaign.state !== 'open' && <Banner kind="warn">{t('di.campaignClosed')}</Banner>}
      <section className="card">
        <label htmlFor={inputId}>{t('di.file')}</label>
        <input id={inputId} type="file" accept=".json,application/json" onChange={(e) => void choose(e.target.files?.[0])} />
        {readError && (
          <Banner kind="error">
            {readError.message}
            {readError.issues.length > 0 && (
              <ul>
                {readError.issues
                  .map((i) => {
                    const message = lang === 'en' ? fieldTextIn(FIELD_TEXT_EN, i.message) : i.message;
                    return i.path ? `${i.path}: ${message}` : message;
                  })
                  .map((text) => (
                    <li key={text}>{text}</li>
                  ))}
              </ul>
            )}
          </Banner>
        )}
        {chosen && (
          <>
            <p>
              {t('di.summary', {
                device: chosen.data.deviceId ?? t('di.unknownDevice'),
                at: /^\d{4}-\d{2}-\d{2}T/.test(chosen.data.exportedAt) ? dateTime(chosen.data.exportedAt) : chosen.data.exportedAt,
                responses: chosen.data.responses.length,
                roster: chosen.data.roster.length,
              })}
            </p>
            {empty && <p className="muted">{t('di.empty')}</p>}
            {!result && (
              <p>
                <button
                  type="button"
                  className="primary"
                  disabled={mutation.isPending || empty}
                  onClick={() => mutation.mutate(chosen.data)}
                >
                  {mutation.isPending ? t('di.working') : t('di.upload')}
                </button>
              </p>
            )}
          </>
        )}
        <MutationError error={mutation.error} />
      </section>
      {result && chosen && (
        <section aria-live="polite">
          <Banner kind={count('rejected') > 0 ? 'warn' : 'ok'}>
            {t('di.done', { accepted: count('accepted'), duplicate: count('duplicate'), rejected: count('rejected') })}
          </Banner>
          <p>{t('di.phoneAfter')}</p>
          {count('rejected') > 0 && <p className="muted">{t('di.rejectedHelp')}</p>}
          {result.responses.length > 0 && <ResponsesTable campaign={campaign} items={chosen.data.responses} results={result.responses} />}
          {result.roster.length > 0 && <RosterTable campaign={campaign} items={chosen.data.roster} results={result.roster} />}
        </section>
      )}
    </>
  );
}

function useNames(campaign: CampaignInfo) {
  const accounts = useAccounts(campaign.id, { role: 'surveyor' });
  return {
    cell: (item: unknown) => {
      const unit = field(item, 'unitId');
      const group = field(item, 'groupId');
      return `${campaign.units.find((u) => u.id === unit)?.name ?? unit} — ${campaign.groups.find((g) => g.id === group)?.name ?? group}`;
    },
    surveyor: (item: unknown) => {
      const id = field(item, 'surveyorId');
      const account = accounts.data?.accounts.find((a) => a.id === id);
      return account ? `${account.displayName} (${account.username})` : id;
    },
  };
}

function ResponsesTable({ campaign, items, results }: { campaign: CampaignInfo; items: unknown[]; results: ItemResult[] }) {
  const { t, dateTime } = useDeviceImportText();
  const names = useNames(campaign);
  return (
    <div className="table-wrap">
      <table className="data">
        <caption>{t('di.responses')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('di.col.n')}</th>
            <th scope="col">{t('di.col.cell')}</th>
            <th scope="col">{t('di.col.who')}</th>
            <th scope="col">{t('di.col.finished')}</th>
            <th scope="col">{t('di.col.result')}</th>
          </tr>
        </thead>
        <tbody>
          {results.map((r, i) => {
            const finished = field(items[i], 'finishedAt');
            return (
              <tr key={i}>
                <td className="num">{i + 1}</td>
                <td>{names.cell(items[i])}</td>
                <td>{names.surveyor(items[i])}</td>
                <td>{finished && !Number.isNaN(Date.parse(finished)) ? dateTime(finished) : finished}</td>
                <td>
                  <Outcome result={r} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function RosterTable({ campaign, items, results }: { campaign: CampaignInfo; items: unknown[]; results: ItemResult[] }) {
  const { t } = useDeviceImportText();
  const names = useNames(campaign);
  return (
    <div className="table-wrap">
      <table className="data">
        <caption>{t('di.roster')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('di.col.n')}</th>
            <th scope="col">{t('di.col.name')}</th>
            <th scope="col">{t('di.col.cell')}</th>
            <th scope="col">{t('di.col.who')}</th>
            <th scope="col">{t('di.col.result')}</th>
          </tr>
        </thead>
        <tbody>
          {results.map((r, i) => (
            <tr key={i}>
              <td className="num">{i + 1}</td>
              <td>{field(items[i], 'respondentName')}</td>
              <td>{names.cell(items[i])}</td>
              <td>{names.surveyor(items[i])}</td>
              <td>
                <Outcome result={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One item's answer in words; a refusal with the server's message and the fields it pointed at. */
function Outcome({ result }: { result: ItemResult }) {
  const { t } = useDeviceImportText();
  if (result.status === 'accepted') return <>{result.overQuota ? t('di.acceptedOver') : t('di.accepted')}</>;
  if (result.status === 'duplicate') return <>{t('di.duplicate')}</>;
  return (
    <>
      <strong>{t('di.rejected', { reason: t(REASON[result.code]) })}</strong>
      <br />
      <span className="muted">{result.message}</span>
      {result.issues.length > 0 && (
        <ul>
          {result.issues.map((i) => (
            <li key={`${i.path} ${i.message}`}>
              {i.path}: {i.message}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
