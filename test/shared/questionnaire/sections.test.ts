import { describe, expect, it } from 'vitest';
import { pageOfPlace, visibleSections } from '../../../src/shared/questionnaire/sections';
import { allKinds } from '../../fixtures/all-kinds-questionnaire';

/** Where a form reopens (the surveyor's draft and the respondent's page share it). */
describe('pageOfPlace', () => {
  const REVIEW = '#review';
  const shown = { N1: 4 }; // shows section B (T1)

  it('opens at the section it was left on, the review past the last section, else the first', () => {
    expect(visibleSections(allKinds, shown).map((s) => s.id)).toEqual(['a', 'b']);
    expect(pageOfPlace(allKinds, shown, 'b', REVIEW)).toBe(1);
    expect(pageOfPlace(allKinds, shown, REVIEW, REVIEW)).toBe(2);
    expect(pageOfPlace(allKinds, shown, null, REVIEW)).toBe(0);
    expect(pageOfPlace(allKinds, shown, 'no-such-section', REVIEW)).toBe(0);
  });

  it('opens at the first section when skip logic now hides the one it was left on', () => {
    expect(visibleSections(allKinds, {}).map((s) => s.id)).toEqual(['a']);
    expect(pageOfPlace(allKinds, {}, 'b', REVIEW)).toBe(0);
    expect(pageOfPlace(allKinds, {}, REVIEW, REVIEW)).toBe(1);
  });
});
