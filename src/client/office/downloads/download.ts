import type { ErrorBody } from '../../../shared/api/auth';
import type { CampaignInfo } from '../../../shared/api/pull';
import type { Questionnaire } from '../../../shared/schema/questionnaire';
import { ApiError, apiLanguage } from '../api';

/** A file the server sent: its bytes and the name from its Content-Disposition. */
export interface DownloadedFile {
  blob: Blob;
  name: string;
}

/** The file name of a Content-Disposition header: the UTF-8 `filename*` first, then the plain `filename`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // A malformed encoding: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(disposition) ?? /filename\s*=\s*([^;]+)/i.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

/**
 * Fetches a download with the session cookie. A refusal (the server's problem JSON `{ error, message }`) or a broken
 * stream is an ApiError with the server's message, never a file: only a 2xx body that arrived whole is returned.
 */
export async function fetchFile(url: string, fallbackName: string): Promise<DownloadedFile> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'GET', credentials: 'same-origin', headers: { 'accept-language': apiLanguage() } });
  } catch {
    throw new ApiError(0, '');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ErrorBody | null;
    throw new ApiError(res.status, body?.message ?? `HTTP ${res.status}`, body?.issues, body?.error);
  }
  let blob: Blob;
  try {
    blob = await res.blob();
  } catch {
    // The server cuts a download it cannot finish: the person sees an error, never a file that looks whole.
    throw new ApiError(0, '');
  }
  return { blob, name: fileNameOf(res.headers.get('content-disposition'), fallbackName) };
}

/** The response filters of the downloads screen (empty string: not set). */
export interface ResponseFilters {
  level: string;
  unitId: string;
  groupId: string;
  questionnaireId: string;
}

/**
 * The questionnaire ids a responses download with these filters holds, worked out as the server does
 * (services/export/plan.ts): the named one, or those serving the group, or a group rating the unit's or the level's
 * level. A CSV holds exactly one.
 */
export function matchingQuestionnaires(campaign: CampaignInfo, questionnaires: readonly Questionnaire[], f: ResponseFilters): string[] {
  if (f.questionnaireId) return [f.questionnaireId];
  const unit = campaign.units.find((u) => u.id === f.unitId);
  const group = campaign.groups.find((g) => g.id === f.groupId);
  const level = unit?.level ?? (f.level || undefined);
  if (group && level && group.ratesLevel !== level) return [];
  const ratedLevel = group?.ratesLevel ?? level;
  const groups = new Set(
    campaign.groups.filter((g) => (group ? g.id === group.id : ratedLevel ? g.ratesLevel === ratedLevel : true)).map((g) => g.id),
  );
  return [...new Set(questionnaires.filter((q) => q.groups.some((g) => groups.has(g))).map((q) => q.id))].sort();
}
