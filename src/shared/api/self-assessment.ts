import { z } from 'zod';
import { assessmentStates } from '../appraisal/states';
import { visibleText } from '../schema/common';
import { dottedCode } from '../schema/framework';
import { fieldText } from '../problems/field-text';

export const selfAssessmentStateSchema = z.enum(assessmentStates);

/** A file of the unit's evidence library: stored once under its content hash, attachable to several items. */
export const evidenceFileSchema = z.object({
  hash: z.string(),
  name: z.string(),
  size: z.int(),
  mediaType: z.string(),
  uploadedAt: z.string(),
  uploadedBy: z.string().nullable().describe('Display name of the uploader'),
});

export const saItemSchema = z.object({
  code: z.string(),
  score: z.number().nullable(),
  explanation: z.string().nullable(),
  note: z.string().nullable(),
  /** Content hashes of the attached files (see `files` of the self-assessment for their names). */
  files: z.array(z.string()),
  version: z.int().describe('Send it back with a change; a change based on an older version is a conflict'),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable().describe('Display name of who last changed it'),
});

const criterionTotalSchema = z.object({ code: z.string(), title: z.string(), max: z.number(), self: z.number(), surveyMax: z.number() });

export const saTotalsSchema = z.object({
  fields: z.array(criterionTotalSchema.extend({ criteria: z.array(criterionTotalSchema) })),
  max: z.number(),
  self: z.number(),
  surveyMax: z.number(),
});

export const saIssueSchema = z.object({
  code: z.string(),
  kind: z.enum(['no-score', 'invalid-score', 'no-evidence-or-explanation']),
  message: z.string(),
});

export const saAssignmentSchema = z.object({ code: dottedCode, staffId: z.string().min(1).max(64) });

/**
 * The unit's signed, stamped self-assessment report (báo cáo đã ký, đóng dấu), one PDF per unit and campaign: replaced
 * by a new upload until the self-assessment is submitted, kept with its upload time and uploader.
 */
export const signedReportSchema = z.object({
  hash: z.string().describe('SHA-256 of the content'),
  name: z.string(),
  size: z.int(),
  uploadedAt: z.string(),
  uploadedBy: z.string().nullable().describe('Display name of the uploader'),
});

/** The report's place and signature block, from the campaign data (unit, else its level, else the province). */
export const saReportSigningSchema = z.object({
  place: z.string().describe('Địa danh before the date, e.g. "Minh Hóa"'),
  signatureBlock: z.array(z.string()).describe('Lines above the signature, e.g. ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]'),
});

/** One unit's self-assessment as the signed-in person may see it (a staff member: only the items assigned to them). */
export const selfAssessmentSchema = z.object({
  campaignId: z.string(),
  unitId: z.string(),
  frameworkId: z.string(),
  state: selfAssessmentStateSchema,
  late: z.boolean(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable().describe('Display name of who submitted it'),
  deadline: z.string().describe('Self-assessment deadline (inclusive), Vietnamese calendar day'),
  lateRule: z.enum(['refuse', 'flag']),
  /** Whether this person may change anything now. */
  editable: z.boolean(),
  /** Sub-criteria this person may edit (all for the coordinator until submitted; the assigned ones for staff). */
  editableCodes: z.array(z.string()),
  /** Sub-criteria shown: everything, or for staff the assigned ones. */
  visibleCodes: z.array(z.string()),
  items: z.array(saItemSchema),
  files: z.array(evidenceFileSchema),
  assignments: z.array(saAssignmentSchema.extend({ staffName: z.string().nullable() })),
  totals: saTotalsSchema,
  issues: z.array(saIssueSchema),
  report: saReportSigningSchema,
  /**
   * The signed report: whether the campaign asks for it before submission, and the file in force (null before any
   * upload). Null as a whole for who does not see the whole unit (staff, a member appraising some fields): it carries
   * every total (DESIGN §2).
   */
  signedReport: z.object({ required: z.boolean(), file: signedReportSchema.nullable() }).nullable(),
});

/** Saving one item. `version` is the one the editor started from (0 for an item never saved). */
export const saItemUpdateSchema = z.strictObject({
  version: z.int().min(0),
  score: z.number().nullable(),
  explanation: visibleText(z.string().trim().max(5000, fieldText('saExplanationTooLong'))).nullable(),
  note: visibleText(z.string().trim().max(2000, fieldText('saNoteTooLong'))).nullable(),
});

export const saAttachSchema = z.strictObject({ hash: z.string().regex(/^[0-9a-f]{64}$/, fieldText('fileHash')) });

export const saAssignmentsUpdateSchema = z.strictObject({ assignments: z.array(saAssignmentSchema).max(1000) });

/** A unit in Home Affairs' and the council's list of self-assessments. */
export const saUnitSummarySchema = z.object({
  unitId: z.string(),
  level: z.string(),
  state: selfAssessmentStateSchema,
  late: z.boolean(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable().describe('Display name of who submitted it'),
  scored: z.int(),
  items: z.int(),
  self: z.number(),
  max: z.number(),
  signedReportAt: z.string().nullable().describe('When the signed report in force was uploaded; null when there is none'),
});

export const saStaffSchema = z.object({ id: z.string(), username: z.string(), displayName: z.string() });

export type SelfAssessment = z.infer<typeof selfAssessmentSchema>;
export type SaItem = z.infer<typeof saItemSchema>;
export type SaItemUpdate = z.infer<typeof saItemUpdateSchema>;
export type EvidenceFile = z.infer<typeof evidenceFileSchema>;
export type SaUnitSummary = z.infer<typeof saUnitSummarySchema>;
export type SaStaff = z.infer<typeof saStaffSchema>;
export type SignedReport = z.infer<typeof signedReportSchema>;
export type SaReportSigning = z.infer<typeof saReportSigningSchema>;

/** The answer of a step that has a deadline (submit, an explanation's answer, closing an appraisal): whether it came late. */
export const lateResultSchema = z.object({ late: z.boolean() });
export const saStaffListSchema = z.array(saStaffSchema);
export const saUnitSummaryListSchema = z.array(saUnitSummarySchema);
