import type { Catalogue } from './problem';

/** The problems in English. */
export const problemTextEn: Catalogue = {
  problems: {
    'workflow.wrong-state': 'The assessment is "{state}", so this cannot be done now.',
    'workflow.not-yours': 'Your account may not do this with this unit’s assessment.',
    'workflow.not-reopened': 'Sub-criterion {code} is not part of the open explanation request, so it cannot be changed.',
    'workflow.not-appraiser': 'You are not assigned to appraise sub-criterion {code} of this unit.',
    'workflow.awaiting-explanation': 'Sub-criterion {code} is waiting for the unit’s explanation; appraise it once the unit has answered.',
    'workflow.incomplete': 'Not sent: {count} sub-criteria still need work (see the Review page).',
    'workflow.unappraised': 'The appraisal cannot be closed: {count} sub-criteria have no appraised score yet.',
    'workflow.round-open': 'An explanation request is still waiting for the unit’s answer.',
    'workflow.no-items': 'Choose at least one sub-criterion to ask about.',
    'workflow.not-appraised-item': '"{code}" is not a sub-criterion of the framework that the council appraises.',
    'workflow.return-forward': 'A unit can only be returned to a state before "{from}" (draft, submitted or in appraisal), not to "{to}".',
    'council.not-council-account': 'Account "{account}" is not a council account (role "council"): change its role first.',
    'council.unknown-level': 'The campaign has no level "{level}" assessed with a framework.',
    'council.unknown-field': 'The framework of level "{level}" has no field "{field}".',
    'council.unknown-unit': 'The campaign has no unit "{unit}" assessed with a framework.',
    'council.not-member': 'Account "{account}" is not on this campaign’s appraisal council.',
    'appraisal.conflict': 'Someone else has just saved the appraisal of {code} (score {score}). Look at the latest version, then enter your change again if still needed.',
    'appraisal.invalid-score': 'The appraised score of {code} must be between 0 and {max}, in steps of {step}.',
    'appraisal.comment-needed': 'The appraised score of {code} differs from the self score: write a comment giving the reason.',
    'appraisal.deadline-passed': 'The appraisal deadline ({deadline}) has passed. Contact Home Affairs.',
    'appraisal.explanation-deadline-passed': 'The explanation deadline ({deadline}) has passed. Contact the council or Home Affairs.',
    'appraisal.deadline-before-today': 'The explanation deadline must be today or later.',
  },
  states: {
    draft: 'draft',
    submitted: 'submitted',
    'in-appraisal': 'in appraisal',
    'explanation-requested': 'explanation requested',
    explained: 'explained',
    appraised: 'appraised',
    published: 'published',
  },
};
