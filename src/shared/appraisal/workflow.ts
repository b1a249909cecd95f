import type { Role } from '../api/auth';
import { problem, type Problem } from '../problems/problem';
import { returnTargets, stateOrder, type AssessmentState } from './states';

/** Who acts on one unit's assessment, as far as the workflow cares. */
export interface WorkflowActor {
  role: Role;
  /** Coordinator or staff of this very unit. */
  ownUnit: boolean;
  /** The council's chair: appraises every item of every unit and closes appraisals. */
  chair: boolean;
  /** Sub-criteria this council member appraises in this unit (by field for a level, or the whole unit). */
  appraises: ReadonlySet<string>;
  /** Sub-criteria this person enters for the unit: all for its coordinator, the assigned ones for staff. */
  enters: ReadonlySet<string>;
}

/** What the workflow needs to know of the unit's assessment now. */
export interface WorkflowFacts {
  state: AssessmentState;
  /** The appraised sub-criteria of the unit's framework. */
  appraised: ReadonlySet<string>;
  /** Items the open explanation round reopened (empty unless `explanation-requested`). */
  requested: ReadonlySet<string>;
  /** Self-assessment items still missing something (submission waits for none). */
  incomplete: number;
  /** Appraised sub-criteria with no appraised score yet (closing waits for none). */
  unappraised: number;
}

export type WorkflowAction =
  /** Change a self score, explanation, note or evidence of one item. */
  | { kind: 'enter'; code: string }
  | { kind: 'submit' }
  /** Save the council's score and comment of one item. */
  | { kind: 'appraise'; code: string }
  | { kind: 'request-explanation'; codes: readonly string[] }
  /** The unit sends its answers to the open round back to the council. */
  | { kind: 'send-explanation' }
  | { kind: 'close' }
  | { kind: 'return'; to: AssessmentState }
  | { kind: 'publish' };

export type Decision = { ok: true; next: AssessmentState } | { ok: false; problem: Problem };

const refuse = (p: Problem): Decision => ({ ok: false, problem: p });
const to = (next: AssessmentState): Decision => ({ ok: true, next });
const wrongState = (state: AssessmentState) => refuse(problem('workflow.wrong-state', { state }));
const notYours = () => refuse(problem('workflow.not-yours'));

const isUnit = (a: WorkflowActor) => a.ownUnit && (a.role === 'coordinator' || a.role === 'staff');
const isCoordinator = (a: WorkflowActor) => a.ownUnit && a.role === 'coordinator';
const appraisesItem = (a: WorkflowActor, code: string) => a.role === 'council' && (a.chair || a.appraises.has(code));

/** States in which the council appraises: from the unit's submission until the appraisal is closed. */
const APPRAISING: ReadonlySet<AssessmentState> = new Set(['submitted', 'in-appraisal', 'explanation-requested', 'explained']);

/**
 * The one place that decides what may happen to a unit's assessment in each state (DESIGN §6): who may do it, and
 * the state it leads to. Rules of time (deadlines) and of content (a score's range) are the services' business.
 */
export function decide(facts: WorkflowFacts, actor: WorkflowActor, action: WorkflowAction): Decision {
  const { state } = facts;
  switch (action.kind) {
    case 'enter': {
      if (!isUnit(actor) || !actor.enters.has(action.code)) return notYours();
      if (state === 'draft') return to(state);
      if (state === 'explanation-requested')
        return facts.requested.has(action.code) ? to(state) : refuse(problem('workflow.not-reopened', { code: action.code }));
      return wrongState(state);
    }
    case 'submit':
      if (!isCoordinator(actor)) return notYours();
      if (state !== 'draft') return wrongState(state);
      return facts.incomplete > 0 ? refuse(problem('workflow.incomplete', { count: facts.incomplete })) : to('submitted');
    case 'appraise': {
      if (actor.role !== 'council') return notYours();
      if (!facts.appraised.has(action.code)) return refuse(problem('workflow.not-appraised-item', { code: action.code }));
      if (!appraisesItem(actor, action.code)) return refuse(problem('workflow.not-appraiser', { code: action.code }));
      if (!APPRAISING.has(state)) return wrongState(state);
      if (state === 'explanation-requested' && facts.requested.has(action.code))
        return refuse(problem('workflow.awaiting-explanation', { code: action.code }));
      return to(state === 'submitted' ? 'in-appraisal' : state);
    }
    case 'request-explanation': {
      if (actor.role !== 'council') return notYours();
      if (action.codes.length === 0) return refuse(problem('workflow.no-items'));
      for (const code of action.codes) {
        if (!facts.appraised.has(code)) return refuse(problem('workflow.not-appraised-item', { code }));
        if (!appraisesItem(actor, code)) return refuse(problem('workflow.not-appraiser', { code }));
      }
      if (state === 'explanation-requested') return refuse(problem('workflow.round-open'));
      if (!APPRAISING.has(state)) return wrongState(state);
      return to('explanation-requested');
    }
    case 'send-explanation':
      if (!isCoordinator(actor)) return notYours();
      return state === 'explanation-requested' ? to('explained') : wrongState(state);
    case 'close':
      if (!(actor.role === 'admin' || (actor.role === 'council' && actor.chair))) return notYours();
      if (state === 'explanation-requested') return refuse(problem('workflow.round-open'));
      if (!APPRAISING.has(state)) return wrongState(state);
      return facts.unappraised > 0 ? refuse(problem('workflow.unappraised', { count: facts.unappraised })) : to('appraised');
    case 'return':
      if (actor.role !== 'admin') return notYours();
      if (!returnTargets.includes(action.to) || stateOrder(action.to) >= stateOrder(state))
        return refuse(problem('workflow.return-forward', { from: state, to: action.to }));
      return to(action.to);
    case 'publish':
      if (actor.role !== 'admin') return notYours();
      return state === 'appraised' ? to('published') : wrongState(state);
  }
}
