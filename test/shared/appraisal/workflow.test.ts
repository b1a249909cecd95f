// The assessment workflow (DESIGN §6) over random sequences of actions by every kind of actor: only the transitions
// of the table below ever happen, each by the roles it names; an explanation round reopens exactly the requested
// items; a locked unit refuses every change; every refusal is a code with words in both languages.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessmentStates,
  decide,
  problemText,
  problemTextEn,
  problemTextVi,
  type AssessmentState,
  type WorkflowAction,
  type WorkflowActor,
  type WorkflowFacts,
} from '../../../src/shared';

const ITEMS = ['1.1.1', '1.1.2', '2.1.1', '2.2.1', '3.1.1'];
const none = new Set<string>();
const all = new Set(ITEMS);

const CAST: Record<string, WorkflowActor> = {
  coordinator: { role: 'coordinator', ownUnit: true, chair: false, appraises: none, enters: all },
  staff: { role: 'staff', ownUnit: true, chair: false, appraises: none, enters: new Set(['1.1.1', '1.1.2']) },
  otherCoordinator: { role: 'coordinator', ownUnit: false, chair: false, appraises: none, enters: all },
  member: { role: 'council', ownUnit: false, chair: false, appraises: new Set(['1.1.1', '1.1.2', '2.1.1']), enters: none },
  otherMember: { role: 'council', ownUnit: false, chair: false, appraises: none, enters: none },
  chair: { role: 'council', ownUnit: false, chair: true, appraises: none, enters: none },
  admin: { role: 'admin', ownUnit: false, chair: false, appraises: none, enters: none },
  surveyor: { role: 'surveyor', ownUnit: false, chair: false, appraises: none, enters: none },
};
type Who = keyof typeof CAST;

/** DESIGN §6 as a table: from-state × action → to-state, and who may. Nothing else may ever change the state. */
const TRANSITIONS: [AssessmentState, WorkflowAction['kind'], AssessmentState, Who[]][] = [
  ['draft', 'enter', 'draft', ['coordinator', 'staff']],
  ['draft', 'submit', 'submitted', ['coordinator']],
  ['submitted', 'appraise', 'in-appraisal', ['member', 'chair']],
  ['in-appraisal', 'appraise', 'in-appraisal', ['member', 'chair']],
  ['explained', 'appraise', 'explained', ['member', 'chair']],
  ['explanation-requested', 'appraise', 'explanation-requested', ['member', 'chair']],
  ['submitted', 'request-explanation', 'explanation-requested', ['member', 'chair']],
  ['in-appraisal', 'request-explanation', 'explanation-requested', ['member', 'chair']],
  ['explained', 'request-explanation', 'explanation-requested', ['member', 'chair']],
  ['explanation-requested', 'enter', 'explanation-requested', ['coordinator', 'staff']],
  ['explanation-requested', 'send-explanation', 'explained', ['coordinator']],
  ['in-appraisal', 'close', 'appraised', ['chair', 'admin']],
  ['explained', 'close', 'appraised', ['chair', 'admin']],
  ['submitted', 'close', 'appraised', ['chair', 'admin']],
  ['appraised', 'publish', 'published', ['admin']],
  ...(['submitted', 'in-appraisal', 'explanation-requested', 'explained', 'appraised', 'published'] as const).flatMap((from) =>
    (['draft', 'submitted', 'in-appraisal'] as const)
      .filter((target) => assessmentStates.indexOf(target) < assessmentStates.indexOf(from))
      .map((target) => [from, 'return', target, ['admin']] as [AssessmentState, WorkflowAction['kind'], AssessmentState, Who[]]),
  ),
];
const allowed = (from: AssessmentState, kind: string, next: AssessmentState) =>
  TRANSITIONS.find(([f, k, t]) => f === from && k === kind && t === next);

const item = fc.constantFrom(...ITEMS, '9.9.9');
const action: fc.Arbitrary<WorkflowAction> = fc.oneof(
  item.map((code) => ({ kind: 'enter' as const, code })),
  fc.constant({ kind: 'submit' as const }),
  item.map((code) => ({ kind: 'appraise' as const, code })),
  fc.uniqueArray(item, { maxLength: 3 }).map((codes) => ({ kind: 'request-explanation' as const, codes })),
  fc.constant({ kind: 'send-explanation' as const }),
  fc.constant({ kind: 'close' as const }),
  fc.constantFrom(...assessmentStates).map((s) => ({ kind: 'return' as const, to: s })),
  fc.constant({ kind: 'publish' as const }),
);
const step = fc.record({ who: fc.constantFrom(...(Object.keys(CAST) as Who[])), action, incomplete: fc.nat(2), unappraised: fc.nat(2) });

/** Runs a sequence the way a service would: the state and the open round follow each decision. */
function run(
  start: AssessmentState,
  open: string[],
  steps: { who: Who; action: WorkflowAction; incomplete: number; unappraised: number }[],
  seen: Set<string>,
) {
  let state = start;
  let requested = new Set(start === 'explanation-requested' ? open : []);
  for (const s of steps) {
    const facts: WorkflowFacts = { state, appraised: all, requested, incomplete: s.incomplete, unappraised: s.unappraised };
    const actor = CAST[s.who]!;
    const d = decide(facts, actor, s.action);
    if (!d.ok) {
      // Every refusal has words in both languages, with every placeholder filled.
      for (const cat of [problemTextVi, problemTextEn]) expect(problemText(cat, d.problem)).not.toMatch(/\{\w+\}/);
      continue;
    }
    const row = allowed(state, s.action.kind, d.next);
    expect(row, `${state} --${s.action.kind} by ${s.who}--> ${d.next}`).toBeDefined();
    expect(row![3]).toContain(s.who);
    seen.add(`${state} ${s.action.kind} ${d.next}`);
    // An explanation round reopens exactly the requested items.
    if (s.action.kind === 'enter' && state === 'explanation-requested') expect(requested.has(s.action.code)).toBe(true);
    if (s.action.kind === 'enter') expect(actor.enters.has(s.action.code)).toBe(true);
    if (s.action.kind === 'appraise') expect(actor.chair || actor.appraises.has(s.action.code)).toBe(true);
    if (s.action.kind === 'submit') expect(s.incomplete).toBe(0);
    if (s.action.kind === 'close') expect(s.unappraised).toBe(0);
    if (s.action.kind === 'request-explanation') requested = new Set(s.action.codes);
    else if (d.next !== 'explanation-requested') requested = new Set();
    state = d.next;
  }
}

describe('assessment workflow', () => {
  it('only ever makes the transitions of DESIGN §6, by the roles allowed, and every one of them is reachable', () => {
    const seen = new Set<string>();
    // Sequences start in any state (the workflow remembers nothing but the state and the open round), so that the
    // deep states are reached as often as the first ones.
    const start = fc.constantFrom(...assessmentStates);
    const open = fc.uniqueArray(fc.constantFrom(...ITEMS), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(start, open, fc.array(step, { maxLength: 40 }), (s, o, steps) => run(s, o, steps, seen)),
      { numRuns: 3000, seed: 20261204 },
    );
    const missing = TRANSITIONS.map(([f, k, t]) => `${f} ${k} ${t}`).filter((t) => !seen.has(t));
    expect(missing).toEqual([]);
  });

  it('refuses every change of a locked unit, by anyone, but Home Affairs returning it or publishing it', () => {
    for (const state of ['appraised', 'published'] as const) {
      for (const [who, actor] of Object.entries(CAST)) {
        for (const a of [
          { kind: 'enter', code: '1.1.1' },
          { kind: 'submit' },
          { kind: 'appraise', code: '1.1.1' },
          { kind: 'request-explanation', codes: ['1.1.1'] },
          { kind: 'send-explanation' },
          { kind: 'close' },
        ] as WorkflowAction[]) {
          const d = decide({ state, appraised: all, requested: none, incomplete: 0, unappraised: 0 }, actor, a);
          expect(d.ok, `${state} ${a.kind} by ${who}`).toBe(false);
        }
      }
    }
    for (const state of ['submitted', 'in-appraisal', 'explained'] as const) {
      expect(
        decide({ state, appraised: all, requested: none, incomplete: 0, unappraised: 0 }, CAST.coordinator!, {
          kind: 'enter',
          code: '1.1.1',
        }),
      ).toMatchObject({ ok: false, problem: { code: 'workflow.wrong-state' } });
    }
  });

  it('reopens for the unit exactly the requested items, and keeps the council off them until the unit answers', () => {
    const facts: WorkflowFacts = {
      state: 'explanation-requested',
      appraised: all,
      requested: new Set(['1.1.2']),
      incomplete: 0,
      unappraised: 1,
    };
    expect(decide(facts, CAST.staff!, { kind: 'enter', code: '1.1.2' })).toEqual({ ok: true, next: 'explanation-requested' });
    expect(decide(facts, CAST.staff!, { kind: 'enter', code: '1.1.1' })).toMatchObject({
      ok: false,
      problem: { code: 'workflow.not-reopened', params: { code: '1.1.1' } },
    });
    expect(decide(facts, CAST.member!, { kind: 'appraise', code: '1.1.2' })).toMatchObject({
      ok: false,
      problem: { code: 'workflow.awaiting-explanation' },
    });
    expect(decide(facts, CAST.member!, { kind: 'appraise', code: '1.1.1' })).toEqual({ ok: true, next: 'explanation-requested' });
    expect(decide(facts, CAST.chair!, { kind: 'close' })).toMatchObject({ ok: false, problem: { code: 'workflow.round-open' } });
  });

  it('says a refusal in Vietnamese and English, naming the state by its name', () => {
    const d = decide({ state: 'appraised', appraised: all, requested: none, incomplete: 0, unappraised: 0 }, CAST.coordinator!, {
      kind: 'enter',
      code: '1.1.1',
    });
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(problemText(problemTextVi, d.problem)).toBe('Bản đánh giá đang ở trạng thái "đã thẩm định xong" nên không làm được việc này.');
    expect(problemText(problemTextEn, d.problem)).toBe('The assessment is "appraised", so this cannot be done now.');
  });
});
