import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { config as zodConfig } from 'zod/mini';
import { fieldTextIn } from '../../../shared/problems/field-text';
import { FIELD_TEXT_EN } from '../../../shared/problems/field-text-en';
import { FIELD_TEXT_VI } from '../../../shared/problems/field-text-vi';
import { rosterEntrySchema } from '../../../shared/sync/roster-entry';
import { uuidv7 } from '../../../shared/sync/uuidv7';
import { usePull } from '../../db/hooks';
import { queueRosterEntry } from '../../db/roster';
import { isQuotaExceeded } from '../../db/errors';
import { useScreenI18n } from '../../i18n/screens';
import { useDevice } from '../../sync/device';
import { Banner } from '../../ui/Banner';

// The one zod parse of the surveyor's app (the roster entry, zod/mini): never compiled with `new Function`, which the
// CSP forbids (its probe would be logged). Set here, in the chunk that parses, so the first screen carries no zod.
zodConfig({ jitless: true });

/** After finalising: an optional payment-roster line, stored apart from the answers and never linked to them. */
export function RosterScreen() {
  const { unit = '', group = '' } = useParams();
  const { t, lang } = useScreenI18n();
  const navigate = useNavigate();
  const { db, deviceId } = useDevice();
  const pulled = usePull(db);
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!pulled || !deviceId) return;
    const entry = rosterEntrySchema.safeParse({
      id: uuidv7(),
      campaignId: pulled.pull.campaign.id,
      unitId: unit,
      groupId: group,
      surveyorId: pulled.pull.account.id,
      deviceId,
      respondentName: name,
      ...(organisation.trim() ? { organisation } : {}),
      ...(phone.trim() ? { phone } : {}),
      collectedOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()),
    });
    if (!entry.success)
      return setError(entry.error.issues.map((i) => fieldTextIn(lang === 'en' ? FIELD_TEXT_EN : FIELD_TEXT_VI, i.message)).join('; '));
    try {
      await queueRosterEntry(db, entry.data, new Date());
      navigate('/');
    } catch (err) {
      setError(isQuotaExceeded(err) ? t('storage.full') : String(err));
    }
  }

  return (
    <main>
      <Banner kind="ok">{t('fill.finalised')}</Banner>
      <h1>{t('roster.title')}</h1>
      <p className="muted">{t('roster.explain')}</p>
      <form onSubmit={(e) => void save(e)}>
        <label htmlFor="r-name">{t('roster.name')}</label>
        <input id="r-name" type="text" value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" />
        <label htmlFor="r-org">{t('roster.organisation')}</label>
        <input id="r-org" type="text" value={organisation} onChange={(e) => setOrganisation(e.target.value)} autoComplete="off" />
        <label htmlFor="r-phone">{t('roster.phone')}</label>
        <input id="r-phone" type="tel" inputMode="tel" value={phone} onChange={(e) => setPhone(e.target.value)} autoComplete="off" />
        {error && <Banner kind="error">{error}</Banner>}
        <div className="row" style={{ marginTop: 16 }}>
          <button type="button" onClick={() => navigate('/')}>
            {t('roster.skip')}
          </button>
          <button className="primary" type="submit" disabled={!pulled || !deviceId}>
            {t('roster.save')}
          </button>
        </div>
      </form>
    </main>
  );
}
