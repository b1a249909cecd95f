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
    'appraisal.deadline-passed': 'The appraisal deadline (through {deadline}) has passed. Contact Home Affairs.',
    'appraisal.explanation-deadline-passed': 'The explanation deadline (through {deadline}) has passed. Contact the council or Home Affairs.',
    'appraisal.deadline-before-today': 'The explanation deadline must be today or later.',
    'results.deadline-passed': 'The publication deadline (through {deadline}) has passed. Change it under Administration → Campaign, or choose "publish and record it as late".',
    'results.not-appraised': 'Not published: {count} units have not finished their appraisal ({units}…).',
    'results.reason-needed': 'This is a correction: give the reason for publishing again.',
    'results.not-published': 'The results of this campaign have not been published.',
    'upload.invalid': 'The upload is incomplete or not valid multipart/form-data (a missing or wrong "boundary", a cut body). Upload it again.',
    'upload.evidence-not-multipart': 'Send the files as multipart/form-data (one part per file, with an "attachTo" field to attach them to a sub-criterion at once).',
    'upload.evidence-too-many-files': 'At most {max} files per upload. Split them into several uploads.',
    'upload.evidence-too-many-parts': 'Too many fields: send only the files (at most {max}) and an "attachTo" field if needed.',
    'upload.sheet-not-multipart': 'Send the file as multipart/form-data, in the field "file".',
    'upload.sheet-one-file': 'Send one spreadsheet at a time (field "file").',
    'upload.sheet-too-large': 'The file is larger than {mb} MB. An account sheet needs a few hundred KB: remove unneeded sheets and pictures, or split it.',
    'signed-report.read-forbidden':
      'Your account may not see the unit’s signed self-assessment report (only the unit’s coordinator, Home Affairs, the council’s chair and council members who appraise the whole unit may).',
    'signed-report.not-found': 'There is no signed self-assessment report of {unit}: the unit has not uploaded one.',
    'signed-report.upload-forbidden': 'Your account may not upload the signed self-assessment report (only the unit’s coordinator may, before submitting).',
    'signed-report.submitted': 'The self-assessment has been submitted to the appraisal council, so its signed report can no longer be replaced.',
    'signed-report.unknown-field': 'The field "{field}" is not accepted: send only one PDF file (the signed report).',
    'signed-report.one-file-only': 'Send one file only: the signed and stamped self-assessment report (PDF).',
    'signed-report.invalid-file-name':
      'This file name cannot be used: a file needs a name of at most {max} characters, without a folder path ("/", "\\", "." or "..") and without control or text-direction characters. Rename the file and upload it again.',
    'signed-report.file-too-large':
      'The file is larger than {max}, the limit for the signed report. Scan it again at a lower resolution (150–200 dpi, black and white or greyscale) and upload it again.',
    'signed-report.empty-file': 'The file is empty (0 bytes). Check the file and upload it again.',
    'signed-report.not-pdf':
      'The signed report must be a PDF file (this file’s content is not PDF, whatever its name ends with). Scan the signed and stamped copy to PDF, or export or print it to PDF, then upload it again.',
    'signed-report.no-file': 'No file: choose the PDF of the signed and stamped self-assessment report.',
    'signed-report.unchanged':
      'This signed report (the same content) was already uploaded at {at} ({by}) as "{name}": nothing has changed. To replace it, choose a different PDF.',
    'signed-report.missing':
      'Not sent: the signed and stamped self-assessment report is missing. Print the report, have it signed and stamped, scan it to PDF and upload it on the "Review & submit" page, then submit again.',
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
