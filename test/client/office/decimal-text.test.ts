import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../../src/shared/format/decimal';
import { appraisedScoreProblem } from '../../../src/client/office/appraisal/score';
import { parseScore } from '../../../src/client/office/self-assessment/model';
import { settingsBody, type SettingsDraft } from '../../../src/client/office/admin/settings-form';

describe('a decimal typed in the office', () => {
  it('"1,5" and "1.5" both mean 1.5', () => {
    for (const text of ['1,5', '1.5', ' 1,5 ', ',5', '0,25', '2', '2,']) expect(parseDecimal(text).kind, text).toBe('number');
    expect(parseDecimal('1,5')).toEqual({ kind: 'number', value: 1.5 });
    expect(parseDecimal('1.5')).toEqual({ kind: 'number', value: 1.5 });
    expect(parseDecimal(',5')).toEqual({ kind: 'number', value: 0.5 });
    expect(parseDecimal('   ')).toEqual({ kind: 'empty' });
  });

  it('refuses thousands separators and several separators instead of reading another number', () => {
    for (const text of ['1.234,5', '1,234.5', '1,2,3', '1.2.3']) expect(parseDecimal(text), text).toEqual({ kind: 'grouped' });
    for (const text of ['abc', '1,5đ', '1 5', '--1']) expect(parseDecimal(text), text).toEqual({ kind: 'not-number' });
    expect(parseScore('1.234,5')).toBeNaN();
    expect(parseScore('')).toBeNull();
  });

  it('the council’s score box: "1,5" is a score, "1.234,5" says why not', () => {
    const sub = { code: '1.5.1', title: 't', maxPoints: 2, step: 0.5, method: 'appraised' } as Parameters<typeof appraisedScoreProblem>[0];
    expect(appraisedScoreProblem(sub, '1,5')).toBeNull();
    expect(appraisedScoreProblem(sub, '1.5')).toBeNull();
    expect(appraisedScoreProblem(sub, '1.234,5')).toBe('separators');
    expect(appraisedScoreProblem(sub, 'x')).toBe('not-number');
  });

  it('the settings form’s minutes: "1,5" is sent as 1.5', () => {
    const d: SettingsDraft = {
      deadlines: { selfAssessment: '2021-12-15', survey: '2021-12-30', appraisal: '2022-01-15', publication: '2022-01-30' },
      minInterviewMinutes: '1,5',
      respondentRate: '0',
      respondentRateByGroup: {},
      surveyorRate: '0',
      surveyorPaidFor: 'included',
      surveyLate: 'flag',
      selfAssessmentLate: 'refuse',
      appraisalLate: 'refuse',
      publicationLate: 'refuse',
    };
    expect(settingsBody(d, d.deadlines).minInterviewMinutes).toBe(1.5);
    expect(settingsBody({ ...d, minInterviewMinutes: '1.234,5' }, d.deadlines).minInterviewMinutes).toBeNaN();
  });
});
