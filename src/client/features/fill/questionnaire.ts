import { questionnaireSchema, type PullResult, type Questionnaire } from '../../../shared';

/** The newest questionnaire version serving a group, from what the device pulled. */
export function newestFor(pull: PullResult, groupId: string): Questionnaire | undefined {
  return pull.questionnaires
    .map((q) => questionnaireSchema.parse(q))
    .filter((q) => q.groups.includes(groupId))
    .sort((a, b) => b.version - a.version)[0];
}

/** A specific version (a draft keeps the version it started with). */
export function versionOf(pull: PullResult, id: string, version: number): Questionnaire | undefined {
  const raw = pull.questionnaires.find((q) => (q as { id?: string; version?: number }).id === id && (q as { version?: number }).version === version);
  return raw ? questionnaireSchema.parse(raw) : undefined;
}
