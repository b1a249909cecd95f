import type { CampaignSettingsResult } from '../../../shared/api/admin';
import type { DeadlineKey } from '../../../shared/campaign/deadlines';
import type { CampaignSettingsInput } from '../../../shared/schema/settings';
import { parseDecimal } from '../../../shared/format/decimal';

/** The settings form as the inputs hold it: text, so that an empty or odd field reaches the server's own checks. */
export interface SettingsDraft {
  deadlines: Record<DeadlineKey, string>;
  minInterviewMinutes: string;
  respondentRate: string;
  respondentRateByGroup: Record<string, string>;
  surveyorRate: string;
  surveyorPaidFor: 'included' | 'received';
  surveyLate: 'refuse' | 'flag';
  selfAssessmentLate: 'refuse' | 'flag';
  appraisalLate: 'refuse' | 'flag';
  publicationLate: 'refuse' | 'flag';
}

/** The rules for work done after a deadline, in the order the form shows them. */
export const LATE_RULES = ['surveyLate', 'selfAssessmentLate', 'appraisalLate', 'publicationLate'] as const;

export function draftOf(r: CampaignSettingsResult): SettingsDraft {
  const s = r.settings;
  return {
    deadlines: { ...(s.deadlines ?? r.definitionDeadlines) },
    minInterviewMinutes: String(s.minInterviewMinutes),
    respondentRate: String(s.payment.respondentRate),
    respondentRateByGroup: Object.fromEntries(Object.entries(s.payment.respondentRateByGroup).map(([g, v]) => [g, String(v)])),
    surveyorRate: String(s.payment.surveyorRate),
    surveyorPaidFor: s.payment.surveyorPaidFor,
    surveyLate: s.surveyLate,
    selfAssessmentLate: s.selfAssessmentLate,
    appraisalLate: s.appraisalLate,
    publicationLate: s.publicationLate,
  };
}

/** A number typed in a field; empty is null, so the server says the field is missing rather than it being 0. */
const num = (text: string): number | null => (text.trim() === '' ? null : Number(text.replace(/[.\s]/g, '').replace(',', '.')));
/** Minutes may have a decimal: "1,5" and "1.5" are 1.5 (the shared parser); "1.234,5" is not a number (NaN: the server refuses it). */
const minutes = (text: string): number | null => {
  const parsed = parseDecimal(text);
  return parsed.kind === 'empty' ? null : parsed.kind === 'number' ? parsed.value : Number.NaN;
};

/**
 * The PUT body. Deadlines equal to the campaign file's are left out (the file's stay in force, and a later change
 * of the file shows through); per-group rates left empty are left out (the default rate applies).
 */
export function settingsBody(d: SettingsDraft, fileDeadlines: SettingsDraft['deadlines']): CampaignSettingsInput {
  const same = (Object.keys(fileDeadlines) as (keyof SettingsDraft['deadlines'])[]).every((k) => d.deadlines[k] === fileDeadlines[k]);
  const byGroup = Object.fromEntries(
    Object.entries(d.respondentRateByGroup)
      .filter(([, v]) => v.trim() !== '')
      .map(([g, v]) => [g, num(v)]),
  );
  return {
    ...(same ? {} : { deadlines: d.deadlines }),
    minInterviewMinutes: minutes(d.minInterviewMinutes) as number,
    payment: {
      respondentRate: num(d.respondentRate) as number,
      respondentRateByGroup: byGroup as Record<string, number>,
      surveyorRate: num(d.surveyorRate) as number,
      surveyorPaidFor: d.surveyorPaidFor,
    },
    surveyLate: d.surveyLate,
    selfAssessmentLate: d.selfAssessmentLate,
    appraisalLate: d.appraisalLate,
    publicationLate: d.publicationLate,
  };
}

/** The amount a rate field holds, when it is a whole number of đồng (for the formatted preview). */
export function dongValue(text: string): number | null {
  const n = num(text);
  return n !== null && Number.isInteger(n) && n >= 0 ? n : null;
}
