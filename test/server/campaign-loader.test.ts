import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/server/db/audit';
import { getCampaign, listQuestionnaireVersions, setCampaignState } from '../../src/server/db/campaigns';
import { migrateToLatest, openSqlite, type DatabaseHandle } from '../../src/server/db/database';
import { CampaignRegistry } from '../../src/server/services/campaign-registry';
import { CampaignLoadError, loadCampaign } from '../../src/server/services/campaign-loader';
import { pushResponses } from '../../src/server/services/sync';
import { WriteQueue } from '../../src/server/services/write-queue';
import { upsertAssignment } from '../../src/server/db/assignments';
import { createAccount } from '../../src/server/services/auth';
import type { CampaignBundle } from '../../src/shared';
import { loadBundle, referenceCampaignDir, twoLevelFixtureDir } from '../fixtures/campaigns';
import { citizenResponse } from './harness';

let handle: DatabaseHandle;
let dir: string;
const now = new Date('2021-12-01T00:00:00Z');

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'phieu-loader-'));
  handle = openSqlite(path.join(dir, 'phieu.sqlite'));
  await migrateToLatest(handle.db);
});
afterEach(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Stores one accepted response for Sở Tư pháp × citizens through the real sync service. */
async function storeOneResponse(bundle: CampaignBundle): Promise<void> {
  const registry = new CampaignRegistry(handle.db);
  await registry.reload();
  const id = await createAccount(
    handle.db,
    { username: 'dt', displayName: 'dt', role: 'surveyor', password: 'x-x-x-x', campaignId: bundle.campaign.id },
    now,
  );
  await upsertAssignment(handle.db, {
    campaign_id: bundle.campaign.id,
    surveyor_id: id,
    unit_id: 'so-tu-phap',
    group_id: 'so-nguoi-dan',
    allocation: null,
    created_at: now.toISOString(),
  });
  const [r] = await pushResponses(new WriteQueue(handle.db), registry, { id, role: 'surveyor' }, [citizenResponse(id)], now);
  expect(r?.status).toBe('accepted');
}

describe('campaign loader', () => {
  it('loads the reference campaign and the two-level fixture', async () => {
    const ref = await loadCampaign(handle.db, await loadBundle(referenceCampaignDir), now);
    const two = await loadCampaign(handle.db, await loadBundle(twoLevelFixtureDir), now);
    expect(ref).toMatchObject({
      campaignId: 'quang-binh-2021',
      created: true,
      questionnairesAdded: expect.arrayContaining(['phieu-01-s@1', 'phieu-01-s@2', 'phieu-03-h@1', 'phieu-03-h@2']),
    });
    expect(ref.questionnairesAdded).toHaveLength(12); // six questionnaires, versions 1 and 2
    expect(two.questionnairesAdded.sort()).toEqual([
      'q-ag-dai-bieu@1',
      'q-ag-lanh-dao-xa@1',
      'q-xa-lanh-dao-so@1',
      'q-xa-nguoi-dan@1',
      'q-xa-nguoi-dan@2',
    ]);
    const registry = new CampaignRegistry(handle.db);
    await registry.reload();
    expect(registry.get('quang-binh-2021')?.bundle.campaign.quotas.reduce((a, q) => a + q.target, 0)).toBe(2745);
    expect(registry.get('mau-2025')?.units.get('dac-khu-con-co')?.level).toBe('commune');
  });

  it('is idempotent: loading the same bundle again changes nothing', async () => {
    const bundle = await loadBundle(referenceCampaignDir);
    await loadCampaign(handle.db, bundle, now);
    const audit = (await listAudit(handle.db)).length;
    const again = await loadCampaign(handle.db, bundle, new Date(now.getTime() + 1000));
    expect(again).toEqual({
      campaignId: 'quang-binh-2021',
      created: false,
      definitionChanged: false,
      questionnairesAdded: [],
      questionnairesReplaced: [],
    });
    expect((await listAudit(handle.db)).length).toBe(audit);
    expect((await getCampaign(handle.db, 'quang-binh-2021'))?.loaded_at).toBe(now.toISOString());
  });

  it('refuses to remove a unit that has responses, and changes nothing', async () => {
    const bundle = await loadBundle(referenceCampaignDir);
    await loadCampaign(handle.db, bundle, now);
    await storeOneResponse(bundle);
    const without = structuredClone(bundle);
    without.campaign.units = without.campaign.units.filter((u) => u.id !== 'so-tu-phap');
    without.campaign.quotas = without.campaign.quotas.filter((q) => q.unit !== 'so-tu-phap');
    without.campaign.name = 'Tên mới';
    await expect(loadCampaign(handle.db, without, now)).rejects.toThrow(CampaignLoadError);
    await expect(loadCampaign(handle.db, without, now)).rejects.toThrow(/so-tu-phap/);
    expect((await getCampaign(handle.db, 'quang-binh-2021'))?.name).toBe(bundle.campaign.name);
  });

  it('allows removing a unit nobody refers to', async () => {
    const bundle = await loadBundle(referenceCampaignDir);
    await loadCampaign(handle.db, bundle, now);
    const without = structuredClone(bundle);
    without.campaign.units = without.campaign.units.filter((u) => u.id !== 'so-ngoai-vu');
    without.campaign.quotas = without.campaign.quotas.filter((q) => q.unit !== 'so-ngoai-vu');
    expect(await loadCampaign(handle.db, without, now)).toMatchObject({ definitionChanged: true });
  });

  it('adds a new questionnaire version and keeps the old one accepted', async () => {
    const bundle = await loadBundle(referenceCampaignDir);
    await loadCampaign(handle.db, bundle, now);
    await storeOneResponse(bundle);
    // The folder holds versions 1 and 2 of phieu-03-s; a version 3 goes in beside them, and a folder that no
    // longer holds the older files keeps them stored and accepted.
    const v3 = structuredClone(bundle);
    const q = v3.questionnaires.find((x) => x.id === 'phieu-03-s' && x.version === 2);
    if (!q) throw new Error('phieu-03-s v2 missing');
    q.version = 3;
    q.title = `${q.title} (bản sửa)`;
    v3.questionnaires = v3.questionnaires.filter((x) => x.id !== 'phieu-03-s').concat(q);
    expect(await loadCampaign(handle.db, v3, now)).toMatchObject({ questionnairesAdded: ['phieu-03-s@3'] });
    const versions = (await listQuestionnaireVersions(handle.db, 'quang-binh-2021')).filter((v) => v.questionnaire_id === 'phieu-03-s');
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
  });

  it('refuses new text under a version that has responses, but replaces one that has none', async () => {
    const bundle = await loadBundle(referenceCampaignDir);
    await loadCampaign(handle.db, bundle, now);
    await storeOneResponse(bundle);
    const edited = structuredClone(bundle);
    edited.questionnaires.forEach((q) => (q.intro = `${q.intro} (sửa)`));
    await expect(loadCampaign(handle.db, edited, now)).rejects.toThrow(/phieu-03-s.*phiên bản 2/);
    const onlyUnused = structuredClone(bundle);
    const q = onlyUnused.questionnaires.find((x) => x.id === 'phieu-01-h' && x.version === 1);
    if (q) q.intro = `${q.intro} (sửa)`;
    expect(await loadCampaign(handle.db, onlyUnused, now)).toMatchObject({ questionnairesReplaced: ['phieu-01-h@1'] });
  });

  it('takes the state from the file on first load only', async () => {
    const bundle = await loadBundle(referenceCampaignDir);
    await loadCampaign(handle.db, bundle, now);
    await setCampaignState(handle.db, 'quang-binh-2021', 'closed', now.toISOString());
    await loadCampaign(handle.db, { ...bundle, campaign: { ...bundle.campaign, name: 'x' } }, now);
    expect((await getCampaign(handle.db, 'quang-binh-2021'))?.state).toBe('closed');
  });
});
