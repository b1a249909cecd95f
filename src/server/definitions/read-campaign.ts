import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import {
  campaignSchema,
  checkBundle,
  frameworkSchema,
  questionnaireSchema,
  scoringSettingsSchema,
  type BundleSources,
  type CampaignBundle,
  type DefinitionIssue,
} from '../../shared';

export interface CampaignFolder {
  dir: string;
  /** Present only when every file parsed and every cross-check passed. */
  bundle?: CampaignBundle;
  issues: DefinitionIssue[];
}

async function jsonFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
}

/** Reads and validates one campaign folder: campaign.json, scoring.json, frameworks/*.json, questionnaires/*.json. */
export async function readCampaignFolder(dir: string): Promise<CampaignFolder> {
  const issues: DefinitionIssue[] = [];

  async function load<S extends z.ZodType>(rel: string, schema: S): Promise<z.output<S> | undefined> {
    let raw: string;
    try {
      raw = await readFile(path.join(dir, rel), 'utf8');
    } catch {
      issues.push({ file: rel, path: '', message: 'Không đọc được tệp', fix: `Tạo tệp ${rel} trong ${dir}` });
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      issues.push({
        file: rel,
        path: '',
        message: `JSON không hợp lệ: ${(e as Error).message}`,
        fix: 'Sửa cú pháp JSON (dấu phẩy, ngoặc, nháy kép)',
      });
      return undefined;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        issues.push({
          file: rel,
          path: i.path.join('.'),
          message: i.message,
          fix: 'Sửa theo lược đồ trong survey-definitions/schema (trình soạn thảo sẽ gợi ý)',
        });
      }
      return undefined;
    }
    return parsed.data;
  }

  const frameworkFiles = (await jsonFiles(path.join(dir, 'frameworks'))).map((f) => `frameworks/${f}`);
  const questionnaireFiles = (await jsonFiles(path.join(dir, 'questionnaires'))).map((f) => `questionnaires/${f}`);
  const campaign = await load('campaign.json', campaignSchema);
  const scoring = await load('scoring.json', scoringSettingsSchema);
  const frameworks = await Promise.all(frameworkFiles.map((f) => load(f, frameworkSchema)));
  const questionnaires = await Promise.all(questionnaireFiles.map((f) => load(f, questionnaireSchema)));
  if (frameworkFiles.length === 0)
    issues.push({ file: 'frameworks/', path: '', message: 'Chưa có bộ chỉ số nào', fix: 'Thêm frameworks/<cấp>.json' });
  if (questionnaireFiles.length === 0)
    issues.push({ file: 'questionnaires/', path: '', message: 'Chưa có phiếu điều tra nào', fix: 'Thêm questionnaires/<mã phiếu>.json' });
  if (issues.length > 0 || !campaign || !scoring) return { dir, issues };

  const bundle: CampaignBundle = {
    campaign,
    scoring,
    frameworks: frameworks.filter((f) => f !== undefined),
    questionnaires: questionnaires.filter((q) => q !== undefined),
  };
  const sources: BundleSources = {
    campaign: 'campaign.json',
    scoring: 'scoring.json',
    frameworks: frameworkFiles,
    questionnaires: questionnaireFiles,
  };
  const crossIssues = checkBundle(bundle, sources);
  return crossIssues.length > 0 ? { dir, issues: crossIssues } : { dir, bundle, issues: [] };
}

/** Campaign folders directly under a root: those holding a campaign.json. */
export async function listCampaignFolders(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  const dirs: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    if ((await jsonFiles(path.join(root, e.name))).includes('campaign.json')) dirs.push(path.join(root, e.name));
  }
  return dirs.sort();
}
