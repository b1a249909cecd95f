import type { AssessmentState } from '../../shared';
import type { Generated, Insertable, Selectable } from 'kysely';

/** Tables as Kysely sees them. Times are ISO 8601 strings (UTC), flags are 0/1: the same on SQLite and PostgreSQL. */
export interface CampaignTable {
  id: string;
  name: string;
  /** The campaign.json part of the bundle, scoring settings and frameworks: everything but questionnaires. */
  definition_json: string;
  definition_hash: string;
  state: 'draft' | 'open' | 'closed';
  loaded_at: string;
  updated_at: string;
}

export interface QuestionnaireVersionTable {
  campaign_id: string;
  questionnaire_id: string;
  version: number;
  definition_json: string;
  definition_hash: string;
  loaded_at: string;
}

export interface AccountTable {
  id: string;
  username: string;
  display_name: string;
  role: 'admin' | 'coordinator' | 'surveyor' | 'council' | 'staff';
  /** The unit a coordinator or unit staff member belongs to. */
  unit_id: string | null;
  campaign_id: string | null;
  password_hash: string;
  failed_logins: number;
  locked_until: string | null;
  disabled_at: string | null;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a stolen database does not yield live sessions. */
  id_hash: string;
  account_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  user_agent: string | null;
}

export interface AssignmentTable {
  campaign_id: string;
  surveyor_id: string;
  unit_id: string;
  group_id: string;
  allocation: number | null;
  created_at: string;
}

export interface ResponseTable {
  id: string;
  campaign_id: string;
  unit_id: string;
  group_id: string;
  questionnaire_id: string;
  questionnaire_version: number;
  surveyor_id: string;
  device_id: string;
  started_at: string;
  finished_at: string;
  app_version: string;
  mode: 'interview' | 'self-filled' | 'paper' | 'self-online';
  paper_serial: string | null;
  /** paper_serial normalised (shared normalisePaperSerial): what the duplicate-serial flag compares. Set on insert. */
  paper_serial_key: string | null;
  answers_json: string;
  content_hash: string;
  received_at: string;
  over_quota: number;
  excluded: number;
  /** Finished minus started, in seconds; null when unreadable or negative. */
  duration_seconds: number | null;
  /** 1 when the answers are straight-lined (shared/review/flags.ts). */
  uniform_answers: Generated<number>;
  excluded_reason: string | null;
  /** Who last excluded or restored the response, and when. */
  reviewed_by: string | null;
  reviewed_at: string | null;
  /** The self-fill batch of a response filled with a code (mode self-online); never which code. */
  self_fill_batch_id: string | null;
}

export interface RosterEntryTable {
  id: string;
  campaign_id: string;
  unit_id: string;
  group_id: string;
  surveyor_id: string;
  device_id: string;
  respondent_name: string;
  organisation: string | null;
  phone: string | null;
  collected_on: string;
  content_hash: string;
  received_at: string;
}

export interface CellCountTable {
  campaign_id: string;
  unit_id: string;
  group_id: string;
  received: number;
  excluded: number;
}

export interface SurveyorCountTable {
  campaign_id: string;
  surveyor_id: string;
  unit_id: string;
  group_id: string;
  received: number;
  excluded: number;
  last_received_at: string | null;
}

export interface CampaignSettingsTable {
  campaign_id: string;
  /** shared/schema/settings.ts campaignSettingsSchema, as JSON. */
  settings_json: string;
  updated_at: string;
  updated_by: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  action: string;
  subject: string;
  detail_json: string | null;
}

export interface SelfAssessmentTable {
  campaign_id: string;
  unit_id: string;
  state: AssessmentState;
  late: Generated<number>;
  submitted_at: string | null;
  submitted_by: string | null;
  updated_at: string;
  /** When the council's appraisal was closed, and by whom. */
  appraised_at: string | null;
  appraised_by: string | null;
  /** Closed after the appraisal deadline (under the "flag" rule). */
  appraisal_late: Generated<number>;
}

export interface SaItemTable {
  campaign_id: string;
  unit_id: string;
  /** The sub-criterion code, e.g. "3.6.1". */
  code: string;
  score: number | null;
  explanation: string | null;
  note: string | null;
  /** Bumped by every change: an editor holding an older version gets a conflict, not a silent overwrite. */
  version: number;
  updated_at: string;
  updated_by: string | null;
}

export interface EvidenceFileTable {
  campaign_id: string;
  unit_id: string;
  /** SHA-256 of the content, hex: also its name on disk. */
  hash: string;
  name: string;
  size: number;
  /** Sniffed from the content, never taken from the name or the browser. */
  media_type: string;
  uploaded_at: string;
  uploaded_by: string | null;
}

/** The unit's signed, stamped self-assessment report in force (one per unit): its bytes are the evidence store's. */
export interface SaSignedReportTable {
  campaign_id: string;
  unit_id: string;
  /** SHA-256 of the content, hex: its name in the evidence store. */
  hash: string;
  name: string;
  size: number;
  uploaded_at: string;
  uploaded_by: string | null;
}

export interface SaItemFileTable {
  campaign_id: string;
  unit_id: string;
  code: string;
  hash: string;
  attached_at: string;
  attached_by: string | null;
  /** The order of attaching within the unit (migration 20261213-01): files attached by one request share attached_at. */
  attach_seq: Generated<number>;
}

export interface SaAssignmentTable {
  campaign_id: string;
  unit_id: string;
  /** A field, criterion or appraised sub-criterion code. */
  code: string;
  staff_id: string;
  assigned_at: string;
  assigned_by: string | null;
}

export interface CouncilMemberTable {
  campaign_id: string;
  account_id: string;
  position: 'chair' | 'secretary' | 'member';
  /** The member's own body, e.g. "Sở Tư pháp" (the department in charge of a field appraises it everywhere). */
  organisation: string;
  updated_at: string;
}

export interface CouncilAssignmentTable {
  campaign_id: string;
  account_id: string;
  level: string;
  /** 'field': `scope` is a field code appraised in every unit of `level`; 'unit': `scope` is a unit appraised whole. */
  scope_kind: 'field' | 'unit';
  scope: string;
  assigned_at: string;
}

export interface AppraisalItemTable {
  campaign_id: string;
  unit_id: string;
  code: string;
  score: number | null;
  comment: string | null;
  /** Bumped by every change, as for the unit's own items. */
  version: number;
  updated_at: string;
  updated_by: string | null;
}

export interface ExplanationRoundTable {
  campaign_id: string;
  unit_id: string;
  /** 1, 2, … per unit. */
  number: number;
  message: string;
  /** The day (Vietnam) by which the unit answers, inclusive. */
  deadline: string;
  requested_at: string;
  requested_by: string;
  answered_at: string | null;
  answered_by: string | null;
  /** The coordinator's covering note when sending the answers back. */
  answer: string | null;
  answered_late: Generated<number>;
}

export interface ExplanationItemTable {
  campaign_id: string;
  unit_id: string;
  number: number;
  code: string;
}

export interface PublicationTable {
  campaign_id: string;
  version: number;
  published_at: string;
  published_by: string;
  /** Why a correction was published (null for the first version). */
  reason: string | null;
  /** Published after the publication deadline (under the "flag" rule). */
  late: Generated<number>;
  snapshot_json: string;
  sha256: string;
}

export interface DB {
  campaigns: CampaignTable;
  questionnaire_versions: QuestionnaireVersionTable;
  accounts: AccountTable;
  sessions: SessionTable;
  assignments: AssignmentTable;
  responses: ResponseTable;
  cell_counts: CellCountTable;
  surveyor_counts: SurveyorCountTable;
  roster_entries: RosterEntryTable;
  audit_log: AuditLogTable;
  campaign_settings: CampaignSettingsTable;
  self_assessments: SelfAssessmentTable;
  sa_items: SaItemTable;
  evidence_files: EvidenceFileTable;
  sa_item_files: SaItemFileTable;
  sa_assignments: SaAssignmentTable;
  sa_signed_reports: SaSignedReportTable;
  council_members: CouncilMemberTable;
  council_assignments: CouncilAssignmentTable;
  appraisal_items: AppraisalItemTable;
  explanation_rounds: ExplanationRoundTable;
  explanation_items: ExplanationItemTable;
  publications: PublicationTable;
  rate_limits: RateLimitTable;
  evidence_blobs: EvidenceBlobTable;
  evidence_chunks: EvidenceChunkTable;
  self_fill_batches: SelfFillBatchTable;
  self_fill_codes: SelfFillCodeTable;
}

/** Self-fill code batches (migration 20261219-01, services/self-fill.ts). */
export interface SelfFillBatchTable {
  id: string;
  campaign_id: string;
  unit_id: string;
  group_id: string;
  note: string | null;
  issued_by: string;
  issued_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

/** One code of a batch, by the SHA-256 of its plain text; no time, no response. */
export interface SelfFillCodeTable {
  code_hash: string;
  batch_id: string;
  opened: number;
  spent: number;
  secret_hash: string | null;
}

/** Evidence bytes in the database, on PostgreSQL (migration 20261213-03, services/evidence-blobs.ts). */
export interface EvidenceBlobTable {
  hash: string;
  size: number;
  chunks: number;
}

export interface EvidenceChunkTable {
  hash: string;
  n: number;
  data: Buffer;
}

/** Per-address counts of rate-limited routes on PostgreSQL (migration 20261213-02, http/rate-limit-store.ts). */
export interface RateLimitTable {
  key: string;
  hits: number;
  resets_at: number;
}

export type AccountRow = Selectable<AccountTable>;
export type SessionRow = Selectable<SessionTable>;
export type ResponseRow = Selectable<ResponseTable>;
export type NewResponse = Insertable<ResponseTable>;
export type NewRosterEntry = Insertable<RosterEntryTable>;
export type AssignmentRow = Selectable<AssignmentTable>;
