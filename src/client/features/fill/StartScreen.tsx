import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { deviceCount, startWarning } from '../../../shared/quota/quota';
import { normalisePaperSerial } from '../../../shared/sync/paper-serial';
import { uuidv7 } from '../../../shared/sync/uuidv7';
import type { ResponseMode } from '../../../shared/schema/response';
import { useLocalCellCounts, usePull } from '../../db/hooks';
import { paperSerialUsed } from '../../db/paper-serials';
import { createDraft, DuplicatePaperSerialError } from '../../db/responses';
import { useScreenI18n } from '../../i18n/screens';
import { useDevice } from '../../sync/device';
import { Banner } from '../../ui/Banner';
import { APP_VERSION } from '../../../shared/version';
import { newestFor } from './questionnaire';

const MODES: ResponseMode[] = ['interview', 'self-filled', 'paper'];

/** Choose the mode (and the paper serial), see a warning past the quota, then start a draft with its id. */
export function StartScreen() {
  const { unit = '', group = '' } = useParams();
  const { t } = useScreenI18n();
  const navigate = useNavigate();
  const { db, deviceId } = useDevice();
  const pulled = usePull(db);
  const local = useLocalCellCounts(db, pulled?.pulledAt, pulled?.pull.assignments);
  const [mode, setMode] = useState<ResponseMode>('interview');
  const [serial, setSerial] = useState('');
  const [error, setError] = useState<string | null>(null);

  const pull = pulled?.pull;
  const cell = pull?.assignments.find((a) => a.unit === unit && a.group === group);
  const questionnaire = pull ? newestFor(pull, group) : undefined;
  if (!pull || !cell || !questionnaire || !deviceId) return <main>{t('common.loading')}</main>;
  const mine = local?.get(`${unit} ${group}`) ?? 0;
  const warning = startWarning({
    target: cell.target,
    cellCount: deviceCount(cell.cellCount, mine),
    allocation: cell.allocation ?? undefined,
    ownCount: deviceCount(cell.ownCount, mine),
  });

  async function begin(e: FormEvent) {
    e.preventDefault();
    // Stored normalised (" tp-0001 " is TP-0001), the way the server compares serials for its duplicate flag.
    const paperSerial = normalisePaperSerial(serial);
    if (mode === 'paper' && paperSerial === '') return setError(t('start.serialRequired'));
    if (!pull || !questionnaire || !deviceId) return;
    try {
      if (mode === 'paper' && (await paperSerialUsed(db, unit, group, paperSerial))) return setError(t('start.serialUsed'));
      const draft = await createDraft(
        db,
        {
          id: uuidv7(),
          campaignId: pull.campaign.id,
          unitId: unit,
          groupId: group,
          questionnaireId: questionnaire.id,
          questionnaireVersion: questionnaire.version,
          surveyorId: pull.account.id,
          deviceId,
          appVersion: APP_VERSION,
          mode,
          ...(mode === 'paper' ? { paperSerial } : {}),
        },
        new Date(),
      );
      navigate(`/fill/${draft.id}`);
    } catch (err) {
      setError(
        err instanceof DuplicatePaperSerialError
          ? t('start.serialUsed')
          : t('fill.saveError', { message: err instanceof Error ? err.message : String(err) }),
      );
    }
  }

  return (
    <main>
      <h1>{t('start.title')}</h1>
      <p>
        <strong>{pull.campaign.units.find((u) => u.id === unit)?.name}</strong>
        <br />
        <span className="muted">{pull.campaign.groups.find((g) => g.id === group)?.name}</span>
      </p>
      {warning === 'quota-reached' && <Banner kind="warn">{t('start.quotaReached', { target: cell.target })}</Banner>}
      {warning === 'allocation-reached' && (
        <Banner kind="warn">{t('start.allocationReached', { allocation: cell.allocation ?? 0 })}</Banner>
      )}
      <form onSubmit={(e) => void begin(e)}>
        <fieldset style={{ border: 0, padding: 0 }}>
          <legend style={{ fontWeight: 600 }}>{t('start.mode')}</legend>
          {MODES.map((m) => (
            <label className="choice" key={m}>
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              <span>{t(`start.mode.${m}`)}</span>
            </label>
          ))}
        </fieldset>
        {mode === 'paper' && (
          <>
            <label htmlFor="serial">{t('start.serial')}</label>
            <input
              id="serial"
              type="text"
              value={serial}
              onChange={(e) => setSerial(e.target.value)}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={32}
            />
          </>
        )}
        {error && <Banner kind="error">{error}</Banner>}
        <div className="row" style={{ marginTop: 16 }}>
          <button type="button" onClick={() => navigate('/')}>
            {t('common.back')}
          </button>
          <button className="primary" type="submit">
            {warning ? t('start.continueAnyway') : t('start.begin')}
          </button>
        </div>
      </form>
    </main>
  );
}
