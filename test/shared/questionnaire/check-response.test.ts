import { describe, expect, it } from 'vitest';
import { checkResponse, indexCampaign, problemText, problemTextVi } from '../../../src/shared';
import { allKinds } from '../../fixtures/all-kinds-questionnaire';
import { tinyIndex } from '../../fixtures/tiny-campaign';

const tiny = tinyIndex();
const index = indexCampaign({ ...tiny.bundle, questionnaires: [...tiny.bundle.questionnaires, allKinds] });

const valid = {
  id: '0b6f4a3e-8f51-4d6f-9a39-2f1f0c1d2e3a',
  campaignId: 'tiny',
  unitId: 'u1',
  groupId: 'c',
  questionnaireId: 'all-kinds',
  questionnaireVersion: 1,
  surveyorId: 'sv-1',
  deviceId: 'dev-1',
  startedAt: '2030-12-01T08:00:00+07:00',
  finishedAt: '2030-12-01T08:12:00+07:00',
  appVersion: '0.1.0',
  mode: 'interview',
  answers: { S1: 'nu', Y1: 'no', R1: 'A', N1: 1 },
};

describe('checkResponse', () => {
  it('accepts a valid response and drops answers to hidden questions', () => {
    const result = checkResponse(valid, index);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.response.answers).toEqual({ S1: 'nu', Y1: 'no', N1: 1 });
  });

  it.each([
    ['a malformed id', { id: 'abc' }, 'id'],
    ['another campaign', { campaignId: 'other' }, 'campaignId'],
    ['an unknown unit', { unitId: 'u9' }, 'unitId'],
    ['an unknown group', { groupId: 'z' }, 'groupId'],
    ['a questionnaire for another group', { groupId: 'b' }, 'questionnaireId'],
    ['paper mode without serial', { mode: 'paper' }, 'paperSerial'],
    ['a serial outside paper mode', { paperSerial: 'A-001' }, 'paperSerial'],
    ['finish before start', { finishedAt: '2030-12-01T07:00:00+07:00' }, 'finishedAt'],
    ['an unknown field', { extra: 1 }, ''],
    ['a wrong answer', { answers: { S1: 'nu', Y1: 'no', N1: 99 } }, 'answers.N1'],
    ['a missing required answer', { answers: { S1: 'nu', Y1: 'no' } }, 'answers.N1'],
  ])('refuses %s as invalid, pointing at the field', (_label, change, path) => {
    const result = checkResponse({ ...valid, ...change }, index);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe('invalid');
      expect(result.issues.map((i) => i.path)).toContain(path);
      expect(problemText(problemTextVi, result.problem).length).toBeGreaterThan(5);
    }
  });

  it('tells an unknown questionnaire version apart from invalid content', () => {
    const result = checkResponse({ ...valid, questionnaireVersion: 2 }, index);
    expect(result).toMatchObject({ ok: false, code: 'questionnaire-version-unknown' });
  });

  it('refuses non-objects without throwing', () => {
    for (const payload of [null, 42, 'x', [], { answers: null }]) {
      expect(checkResponse(payload, index)).toMatchObject({ ok: false, code: 'invalid' });
    }
  });
});
