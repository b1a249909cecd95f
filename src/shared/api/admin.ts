import { z } from 'zod';
import { displayNameSchema, passwordSchema, unitRule, usernameSchema } from '../admin/accounts';
import { problemNote } from '../problems/problem';
import { problemTextVi } from '../problems/text-vi';
import { MAX_ALLOCATION } from '../admin/account-sheet';
import { campaignStateSchema, deadlineRuleSchema } from '../schema/campaign';
import { slugId } from '../schema/common';
import { roleSchema } from './auth';
import { fieldText } from '../problems/field-text';

export * from '../admin/accounts';
export * from '../admin/account-sheet';

/**
 * The campaign administration API of Home Affairs (role admin): campaign state and run-time settings, accounts (one
 * by one or from a sheet), assignments of surveyors to unit × group cells, and the audit log. Requests are checked
 * by these schemas on the server; the client reuses them for its forms.
 */

// ---------------------------------------------------------------------------------------------------------------
// Campaigns

const deadlinesOut = z.object({ selfAssessment: z.string(), survey: z.string(), appraisal: z.string(), publication: z.string() });
const worded = z.object({ day: z.string(), rule: deadlineRuleSchema });
/** Each deadline of campaign.json as written: its day and whether it is "đến hết ngày" (through) or "trước ngày" (before). */
const wordingOut = z.object({ selfAssessment: worded, survey: worded, appraisal: worded, publication: worded });

export const campaignTotalsSchema = z.object({
  target: z.int(),
  received: z.int(),
  excluded: z.int(),
  counted: z.int().describe('received − excluded'),
  remaining: z.int(),
  over: z.int(),
});

export const adminCampaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  province: z.string(),
  year: z.int(),
  state: campaignStateSchema,
  deadlines: deadlinesOut.describe('In force, each the last day on time (inclusive): the saved settings override those of campaign.json'),
  definitionDeadlines: deadlinesOut.describe('campaign.json\'s deadlines as last days on time (a "before" day moved to the day before)'),
  definitionWording: wordingOut,
  deadlinesOverridden: z.boolean(),
  units: z.int(),
  groups: z.int(),
  surveyors: z.int().describe('Surveyors with at least one assignment in the campaign'),
  totals: campaignTotalsSchema,
  loadedAt: z.string(),
  updatedAt: z.string(),
});

export const campaignListSchema = z.object({ campaigns: z.array(adminCampaignSchema) });

export const campaignStateRequestSchema = z.strictObject({ state: campaignStateSchema });

export const campaignStateResultSchema = z.object({
  campaign: adminCampaignSchema,
  previousState: campaignStateSchema,
  changed: z.boolean(),
});

export const campaignSettingsResultSchema = z.object({
  campaignId: z.string(),
  settings: z.object({
    deadlines: deadlinesOut.optional(),
    minInterviewMinutes: z.number(),
    payment: z.object({
      respondentRate: z.int(),
      respondentRateByGroup: z.record(z.string(), z.int()),
      surveyorRate: z.int(),
      surveyorPaidFor: z.enum(['included', 'received']),
    }),
    surveyLate: z.enum(['refuse', 'flag']),
    selfAssessmentLate: z.enum(['refuse', 'flag']),
    appraisalLate: z.enum(['refuse', 'flag']),
    publicationLate: z.enum(['refuse', 'flag']),
  }),
  definitionDeadlines: deadlinesOut.describe("campaign.json's deadlines as last days on time"),
  definitionWording: wordingOut,
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable().describe('Display name of whoever saved the settings last'),
});

// ---------------------------------------------------------------------------------------------------------------
// Accounts

export const adminAccountSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  campaignId: z.string().nullable(),
  disabled: z.boolean(),
  disabledAt: z.string().nullable(),
  lockedUntil: z.string().nullable().describe('Set while a run of wrong passwords locks the account'),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
  activeSessions: z.int(),
  assignments: z.int().describe('Unit × group cells assigned in this campaign (surveyors)'),
});

export const accountListQuerySchema = z.object({
  role: roleSchema.optional(),
  unitId: slugId.optional(),
  disabled: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(64).optional().describe('Part of the username or display name, accents ignored'),
});

export const accountListSchema = z.object({ accounts: z.array(adminAccountSchema) });

export const createAccountRequestSchema = z
  .strictObject({
    username: usernameSchema,
    displayName: displayNameSchema,
    role: roleSchema,
    unitId: slugId.nullable().optional().describe('Required for coordinator and staff, empty for the other roles'),
    password: passwordSchema.optional().describe('At least 10 characters; omit it and the server generates one'),
  })
  .superRefine((a, ctx) => {
    const rule = unitRule(a.role, a.unitId);
    // The problem rides with the issue so that the server can say it in the request's language (http/errors.ts).
    if (rule)
      ctx.addIssue({
        code: 'custom',
        path: ['unitId'],
        message: problemNote(problemTextVi, rule),
        params: { problem: rule },
      });
  });

export const createAccountResultSchema = z.object({
  account: adminAccountSchema,
  password: z.string().nullable().describe('The generated password, shown this once; null when the request gave one'),
});

export const updateAccountRequestSchema = z
  .strictObject({
    displayName: displayNameSchema.optional(),
    role: roleSchema.optional().describe('Changing the role signs the account out everywhere'),
    unitId: slugId.nullable().optional(),
    disabled: z.boolean().optional().describe('true: the account cannot sign in and its sessions end at once'),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), { message: fieldText('nothingToChange') });

export const resetPasswordRequestSchema = z.strictObject({
  password: passwordSchema.optional().describe('Omit it and the server generates one'),
});

export const resetPasswordResultSchema = z.object({
  password: z.string().nullable().describe('The generated password, shown this once; null when the request gave one'),
  sessionsRevoked: z.int(),
});

export const revokeSessionsResultSchema = z.object({ sessionsRevoked: z.int() });

// ---------------------------------------------------------------------------------------------------------------
// Account import from a sheet

export const importIssueSchema = z.object({
  row: z.int().describe('Row number as the spreadsheet shows it (1 = first row)'),
  column: z.string().nullable().describe('The column header as written in the sheet'),
  message: z.string(),
});

export const importAccountRowSchema = z.object({
  row: z.int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema.nullable(),
  unitId: z.string().nullable(),
  assignments: z.array(z.object({ unitId: z.string(), groupId: z.string(), allocation: z.int().nullable() })),
  valid: z.boolean(),
  passwordGenerated: z.boolean().describe('The sheet gave no password: the server makes one'),
  password: z
    .string()
    .nullable()
    .describe('The generated password, shown this once after a committed import; never a password from the sheet'),
});

export const accountImportReportSchema = z.object({
  error: z.string().optional().describe('"import-invalid" when rows are wrong and nothing was written'),
  message: z.string(),
  format: z.enum(['csv', 'xlsx']),
  dryRun: z.boolean(),
  committed: z.boolean().describe('true only when every account (and its assignments) was written'),
  rows: z.int().describe('Data rows read (blank rows skipped)'),
  errors: z.array(importIssueSchema),
  warnings: z.array(importIssueSchema),
  accounts: z.array(importAccountRowSchema),
});

export const accountImportQuerySchema = z.object({
  dryRun: z.enum(['true', 'false']).default('false').describe('true: check and report only, write nothing'),
});

// ---------------------------------------------------------------------------------------------------------------
// Assignments

export const assignmentListQuerySchema = z.object({
  unitId: slugId.optional(),
  groupId: slugId.optional(),
  surveyorId: z.string().max(64).optional(),
});

export const adminAssignmentSchema = z.object({
  surveyorId: z.string(),
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  unitId: z.string(),
  unitName: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  allocation: z.int().nullable(),
  received: z.int().describe("This surveyor's responses received for the cell (excluded ones too)"),
  excluded: z.int(),
  lastReceivedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const assignmentCellSchema = z.object({
  unitId: z.string(),
  groupId: z.string(),
  target: z.int(),
  counted: z.int().describe('Counted responses of the whole cell'),
  allocated: z.int().describe('Sum of the allocations of the surveyors assigned'),
  surveyors: z.int(),
  overAllocated: z.boolean(),
});

export const assignmentListSchema = z.object({
  assignments: z.array(adminAssignmentSchema),
  cells: z.array(assignmentCellSchema).describe('The cells of the listed assignments'),
  warnings: z.array(z.string()),
});

export const assignmentParamsSchema = z.object({
  campaignId: slugId,
  surveyorId: z.string().min(1).max(64),
  unitId: slugId,
  groupId: slugId,
});

export const setAssignmentRequestSchema = z.strictObject({
  allocation: z
    .int(fieldText('allocationWhole'))
    .min(0, fieldText('allocationNegative'))
    .max(MAX_ALLOCATION, fieldText('allocationMax', { max: MAX_ALLOCATION }))
    .nullable()
    .default(null)
    .describe('Questionnaires this surveyor should collect in the cell; null: work towards the cell target'),
});

export const setAssignmentResultSchema = z.object({
  assignment: adminAssignmentSchema,
  created: z.boolean(),
  cell: assignmentCellSchema,
  warnings: z.array(z.string()).describe('E.g. allocations above the cell target: saved all the same'),
});

export const removeAssignmentResultSchema = z.object({
  removed: z.literal(true),
  responsesKept: z.int().describe('Responses this surveyor sent for the cell: they stay and keep counting'),
  message: z.string(),
});

// ---------------------------------------------------------------------------------------------------------------
// Audit

export const auditQuerySchema = z.object({
  subject: z.string().max(200).optional().describe('Exact subject, e.g. "account:dt3" or "campaign:quang-binh-2021"'),
  action: z.string().max(64).optional().describe('Exact action, or a prefix ending in "*", e.g. "account.*"'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional().describe('nextCursor from the previous page'),
});

export const auditLogEntrySchema = z.object({
  id: z.int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  subject: z.string(),
  subjectName: z
    .string()
    .nullable()
    .describe(
      'The subject in words when it names a person or a unit ("account:dt3" → their display name; "sa:<campaign>:<unit>[:<code>]" → the unit name and sub-criterion)',
    ),
  detail: z.unknown().describe('As recorded; account ids in it come with the display name beside them (staffId → staffName)'),
});

export const auditLogPageSchema = z.object({
  entries: z.array(auditLogEntrySchema).describe('Newest first'),
  nextCursor: z.string().nullable(),
});

export type AdminCampaign = z.infer<typeof adminCampaignSchema>;
export type CampaignSettingsResult = z.infer<typeof campaignSettingsResultSchema>;
export type AdminAccount = z.infer<typeof adminAccountSchema>;
export type CreateAccountRequest = z.infer<typeof createAccountRequestSchema>;
export type UpdateAccountRequest = z.infer<typeof updateAccountRequestSchema>;
export type AccountImportReport = z.infer<typeof accountImportReportSchema>;
export type ImportIssue = z.infer<typeof importIssueSchema>;
export type AdminAssignment = z.infer<typeof adminAssignmentSchema>;
export type AssignmentCell = z.infer<typeof assignmentCellSchema>;
export type AuditLogEntry = z.infer<typeof auditLogEntrySchema>;
export type AuditLogPage = z.infer<typeof auditLogPageSchema>;
