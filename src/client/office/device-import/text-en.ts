import type { DeviceImportKey } from './text-vi';

/** English strings of the upload of a phone's unsynced file (same keys as text-vi.ts). */
export const deviceImportEn: Record<DeviceImportKey, string> = {
  'di.title': 'Upload unsynced data from a phone',
  'di.intro':
    'When a surveyor\'s phone cannot send its responses (broken, offline for days, responses refused), the surveyor taps "Export unsynced data" and sends the file to Home Affairs. Upload that file here: each response is checked exactly as if the surveyor had synced it. Uploading the same file again never doubles a response.',
  'di.campaignClosed':
    'The campaign is closed: the server will refuse every response in the file. Reopen the campaign (Administration) before uploading.',
  'di.file': 'Data file (.json)',
  'di.badJson': 'The file could not be read: it is not JSON.',
  'di.badFile': 'This is not a Phiếu "Export unsynced data" file.',
  'di.summary': 'File from device {device}, exported at {at}: {responses} responses, {roster} payment-list names.',
  'di.unknownDevice': '(unknown device id)',
  'di.upload': 'Upload and import',
  'di.working': 'Importing…',
  'di.empty': 'The file holds no unsynced responses or names.',
  'di.done': 'File imported: {accepted} new items received, {duplicate} items the server already had, {rejected} items refused.',
  'di.phoneAfter': 'When the phone syncs again, the received responses (including those the server already had) show as sent on it.',
  'di.rejectedHelp': "Refused items were not stored on the server; see each one's reason below.",
  'di.responses': 'Responses in the file',
  'di.roster': 'Payment-list names',
  'di.col.n': 'No.',
  'di.col.cell': 'Unit — group',
  'di.col.who': 'Surveyor',
  'di.col.finished': 'Finished',
  'di.col.name': 'Respondent',
  'di.col.result': 'Result',
  'di.accepted': 'Received',
  'di.acceptedOver': 'Received (over quota)',
  'di.duplicate': 'Already on the server (counts as received)',
  'di.rejected': 'Refused: {reason}',
  'di.reason.campaign-closed': 'the campaign is closed',
  'di.reason.after-deadline': 'finished after the survey deadline, and the campaign takes no late questionnaires',
  'di.reason.not-assigned': 'the surveyor is not assigned this unit and group',
  'di.reason.questionnaire-version-unknown': 'the server does not have this questionnaire version',
  'di.reason.conflict': 'the server holds a response with the same id but different content',
  'di.reason.invalid': 'invalid data',
};
