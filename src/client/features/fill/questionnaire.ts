import type { PullResult } from '../../../shared/api/pull';
import type { Questionnaire } from '../../../shared/schema/questionnaire';

/**
 * The questionnaires of a pull, as the device uses them. The server sends each version as it parsed it with the
 * shared schema when the campaign was loaded (defaults filled in), so the app reads them as they are instead of
 * carrying zod to parse them again (issue #14); a row that is not even shaped like one is left out.
 */
export function questionnairesOf(pull: PullResult | undefined): Questionnaire[] {
  return (pull?.questionnaires ?? []).filter(isQuestionnaire);
}

function isQuestionnaire(raw: unknown): raw is Questionnaire {
  const q = raw as Partial<Questionnaire> | null;
  return (
    typeof q === 'object' &&
    q !== null &&
    typeof q.id === 'string' &&
    typeof q.version === 'number' &&
    Array.isArray(q.groups) &&
    Array.isArray(q.sections)
  );
}

/** The newest questionnaire version serving a group, from what the device pulled. */
export function newestFor(pull: PullResult, groupId: string): Questionnaire | undefined {
  return questionnairesOf(pull)
    .filter((q) => q.groups.includes(groupId))
    .sort((a, b) => b.version - a.version)[0];
}

/** A specific version (a draft keeps the version it started with). */
export function versionOf(pull: PullResult, id: string, version: number): Questionnaire | undefined {
  return questionnairesOf(pull).find((q) => q.id === id && q.version === version);
}
