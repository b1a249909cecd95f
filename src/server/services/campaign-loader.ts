import { canonicalJson, checkBundle, type CampaignBundle } from '../../shared';
import { appendAudit } from '../db/audit';
import {
  getCampaign,
  insertCampaign,
  insertQuestionnaireVersion,
  listQuestionnaireVersions,
  referencedUnitsAndGroups,
  replaceQuestionnaireVersion,
  updateCampaignDefinition,
  versionsWithResponses,
} from '../db/campaigns';
import type { Db } from '../db/database';
import { lockKeys } from '../db/locks';
import { inTransaction } from '../db/transaction';
import { questionnaireSchema } from '../../shared';
import { sha256Hex } from './crypto';

export class CampaignLoadError extends Error {
  constructor(readonly problems: string[]) {
    super(`Không nạp được kỳ đánh giá:\n- ${problems.join('\n- ')}`);
  }
}

export interface LoadResult {
  campaignId: string;
  created: boolean;
  definitionChanged: boolean;
  questionnairesAdded: string[];
  questionnairesReplaced: string[];
}

/**
 * Loads a validated campaign bundle into the database. Idempotent: loading the same bundle twice changes
 * nothing. Refuses, changing nothing, a definition that would orphan stored data: a unit or group that
 * responses, assignments, roster entries or accounts refer to, or a new text under a questionnaire version that
 * already has responses (that needs a new version). Versions missing from the folder stay: old versions remain
 * accepted while the campaign is open. The campaign's state is taken from the file on first load only.
 */
export async function loadCampaign(db: Db, bundle: CampaignBundle, now: Date, actorId: string | null = null): Promise<LoadResult> {
  const at = now.toISOString();
  const { campaign } = bundle;
  const definition = canonicalJson({ campaign, frameworks: bundle.frameworks, scoring: bundle.scoring });
  const definitionHash = sha256Hex(definition);

  return inTransaction(db, async (trx) => {
    // Instances starting together on one empty PostgreSQL (or two CLI loads) load one after the other: the second
    // finds the first's campaign and, with the same definition, changes nothing.
    await lockKeys(trx, [`campaign-load/${campaign.id}`]);
    const existing = await getCampaign(trx, campaign.id);
    const stored = existing ? await listQuestionnaireVersions(trx, campaign.id) : [];
    const storedByKey = new Map(stored.map((v) => [`${v.questionnaire_id}@${v.version}`, v]));
    const problems: string[] = [];

    if (existing) {
      const used = await referencedUnitsAndGroups(trx, campaign.id);
      const units = new Set(campaign.units.map((u) => u.id));
      const groups = new Set(campaign.respondentGroups.map((g) => g.id));
      for (const u of used.units)
        if (!units.has(u)) problems.push(`Đơn vị "${u}" đã có dữ liệu (phiếu, phân công hoặc tài khoản) nên không thể bỏ khỏi kỳ đánh giá`);
      for (const g of used.groups) if (!groups.has(g)) problems.push(`Đối tượng "${g}" đã có dữ liệu nên không thể bỏ khỏi kỳ đánh giá`);
      const withResponses = await versionsWithResponses(trx, campaign.id);
      for (const q of bundle.questionnaires) {
        const key = `${q.id}@${q.version}`;
        const old = storedByKey.get(key);
        if (old && old.definition_hash !== sha256Hex(canonicalJson(q)) && withResponses.has(key)) {
          problems.push(`Phiếu "${q.id}" phiên bản ${q.version} đã có phiếu thu về; nội dung mới phải là phiên bản ${q.version + 1}`);
        }
      }
      // Versions kept from earlier loads must still fit the new definition (their groups must still exist, etc.).
      const kept = stored
        .filter((v) => !bundle.questionnaires.some((q) => q.id === v.questionnaire_id && q.version === v.version))
        .map((v) => questionnaireSchema.parse(JSON.parse(v.definition_json)));
      if (kept.length > 0) {
        const merged = { ...bundle, questionnaires: [...bundle.questionnaires, ...kept] };
        const issues = checkBundle(merged, {
          campaign: 'campaign.json',
          scoring: 'scoring.json',
          frameworks: bundle.frameworks.map((f) => `frameworks/${f.id}`),
          questionnaires: merged.questionnaires.map((q) => `${q.id} v${q.version}`),
        });
        for (const i of issues) problems.push(`${i.file} ${i.path}: ${i.message} (${i.fix})`);
      }
    }
    if (problems.length > 0) throw new CampaignLoadError(problems);

    let definitionChanged = false;
    if (!existing) {
      await insertCampaign(trx, {
        id: campaign.id,
        name: campaign.name,
        definition_json: definition,
        definition_hash: definitionHash,
        state: campaign.state,
        loaded_at: at,
        updated_at: at,
      });
      definitionChanged = true;
    } else if (existing.definition_hash !== definitionHash) {
      await updateCampaignDefinition(trx, campaign.id, {
        name: campaign.name,
        definition_json: definition,
        definition_hash: definitionHash,
        updated_at: at,
      });
      definitionChanged = true;
    }

    const questionnairesAdded: string[] = [];
    const questionnairesReplaced: string[] = [];
    for (const q of bundle.questionnaires) {
      const json = canonicalJson(q);
      const hash = sha256Hex(json);
      const key = `${q.id}@${q.version}`;
      const old = storedByKey.get(key);
      if (!old) {
        await insertQuestionnaireVersion(trx, {
          campaign_id: campaign.id,
          questionnaire_id: q.id,
          version: q.version,
          definition_json: json,
          definition_hash: hash,
          loaded_at: at,
        });
        questionnairesAdded.push(key);
      } else if (old.definition_hash !== hash) {
        await replaceQuestionnaireVersion(trx, campaign.id, q.id, q.version, json, hash, at);
        questionnairesReplaced.push(key);
      }
    }
    const result = { campaignId: campaign.id, created: !existing, definitionChanged, questionnairesAdded, questionnairesReplaced };
    if (definitionChanged || questionnairesAdded.length > 0 || questionnairesReplaced.length > 0) {
      await appendAudit(trx, {
        at,
        actorId,
        action: existing ? 'campaign.update' : 'campaign.create',
        subject: `campaign:${campaign.id}`,
        detail: result,
      });
    }
    return result;
  });
}
