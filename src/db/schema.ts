/**
 * Table types for Kysely. Every column type is portable between SQLite and PostgreSQL:
 * ids are UUIDv7 text, instants are ISO-8601 UTC text (they sort as text), calendar dates are
 * 'YYYY-MM-DD' text, flags are 0/1 integers and numbers are doubles.
 */
import type { Generated } from 'kysely';

type Flag = number;

export interface OrganisationTable {
  id: string;
  slug: string;
  name: string;
  mission: string | null;
  vision: string | null;
  settings: string; // JSON object
  created_at: string;
  version: Generated<number>;
}

export interface UserTable {
  id: string;
  email: string; // stored lower-case; unique
  name: string;
  password_hash: string | null;
  created_at: string;
  version: Generated<number>;
}

export interface MembershipTable {
  org_id: string;
  user_id: string;
  title: string | null;
  created_at: string;
  version: Generated<number>;
}

export interface MemberRoleTable {
  org_id: string;
  user_id: string;
  role: string;
}

export interface TeamTable {
  id: string;
  org_id: string;
  name: string;
  parent_id: string | null;
  created_at: string;
  version: Generated<number>;
}

export interface TeamMemberTable {
  org_id: string;
  team_id: string;
  user_id: string;
  is_lead: Flag;
}

export interface CycleTable {
  id: string;
  org_id: string;
  name: string;
  start_date: string;
  end_date: string;
  status: string;
  created_at: string;
  version: Generated<number>;
}

export interface ObjectiveTable {
  id: string;
  org_id: string;
  cycle_id: string;
  level: string;
  title: string;
  rationale: string | null;
  owner_id: string | null;
  team_id: string | null;
  visibility: string;
  status: string;
  include_children: Flag;
  progress: number;
  health: string | null;
  score: number | null;
  carried_from_id: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface ObjectiveReaderTable {
  org_id: string;
  objective_id: string;
  user_id: string;
}

export interface ObjectiveTeamTable {
  org_id: string;
  objective_id: string;
  team_id: string;
}

export interface ObjectiveTagTable {
  org_id: string;
  objective_id: string;
  tag: string;
}

export interface AlignmentTable {
  org_id: string;
  child_id: string;
  parent_id: string;
  created_at: string;
}

export interface KeyResultTable {
  id: string;
  org_id: string;
  objective_id: string;
  title: string;
  kind: string;
  direction: string;
  currency: string | null;
  start_value: number;
  target_value: number | null;
  current_value: number;
  unit: string | null;
  weight: number;
  owner_id: string | null;
  contributes_to_id: string | null;
  position: number;
  progress: number;
  health: string | null;
  confidence: number | null;
  score: number | null;
  last_check_in_at: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
  /** The KPI this key result moves (migration 0013). */
  kpi_id: string | null;
}

export interface InitiativeTable {
  id: string;
  org_id: string;
  key_result_id: string;
  title: string;
  owner_id: string | null;
  status: string;
  due_date: string | null;
  created_at: string;
  version: Generated<number>;
}

export interface CheckInTable {
  id: string;
  org_id: string;
  key_result_id: string;
  value: number;
  confidence: number | null;
  note: string | null;
  author_id: string | null;
  source: string;
  created_at: string;
}

export interface DependencyTable {
  id: string;
  org_id: string;
  key_result_id: string;
  depends_on_id: string;
  note: string | null;
  needed_by: string | null;
  status: string;
  created_at: string;
  version: Generated<number>;
}

/** One team asking another for help on an objective, and the answer. */
export interface CollaborationRequestTable {
  id: string;
  org_id: string;
  from_team_id: string;
  to_team_id: string;
  objective_id: string;
  key_result_id: string | null;
  message: string;
  needed_by: string | null;
  status: string; // open | accepted | declined
  response: string | null;
  outcome_kind: string | null; // dependency | contribution
  outcome_id: string | null;
  requested_by: string | null;
  responded_by: string | null;
  created_at: string;
  responded_at: string | null;
  version: Generated<number>;
}

export interface CommentTable {
  id: string;
  org_id: string;
  objective_id: string | null;
  key_result_id: string | null;
  author_id: string | null;
  body: string;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

/** A strategic theme; objectives carry it as a tag of the same name. */
export interface ThemeTable {
  id: string;
  org_id: string;
  name: string;
  description: string | null;
  position: number;
  created_at: string;
  version: Generated<number>;
}

/** A health metric tracked continuously, not per cycle (migration 0013). */
export interface KpiTable {
  id: string;
  org_id: string;
  name: string;
  unit: string | null;
  description: string | null;
  owner_id: string | null;
  /** `higher` or `lower` is better. */
  direction: string;
  green_threshold: number;
  amber_threshold: number;
  /** 0 or 1. */
  archived: Generated<number>;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

/** One measured value of a KPI (append-only). */
export interface KpiValueTable {
  id: string;
  org_id: string;
  kpi_id: string;
  value: number;
  at: string;
  note: string | null;
  recorded_by: string | null;
  created_at: string;
}

/** One "mark reviewed" of a team's weekly review; the latest is the next review's baseline. */
export interface TeamReviewTable {
  id: string;
  org_id: string;
  team_id: string;
  reviewed_by: string | null;
  reviewed_at: string;
}

/** Where a member's objective stands in approval (migration 0006). */
export interface ObjectiveApprovalTable {
  objective_id: string;
  org_id: string;
  state: string; // 'pending' | 'returned' | 'approved'
  comment: string | null;
  submitted_at: string;
  reviewer_id: string | null;
  reviewed_at: string | null;
}

/** A knowledge note, learning or link on an objective, or its retrospective (kind). */
export interface KnowledgeNoteTable {
  id: string;
  org_id: string;
  objective_id: string;
  author_id: string | null;
  kind: string; // 'note' | 'learning' | 'retrospective'
  body: string; // Markdown source
  links: Generated<string>; // JSON array of {title, url}
  went_well: string | null;
  went_badly: string | null;
  learned: string | null;
  search_text: string; // lower-cased text the search matches
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

/** An objective's grade: the owner's proposal and a lead's or an executive's confirmation. */
export interface ObjectiveGradeTable {
  objective_id: string;
  org_id: string;
  proposed_score: number;
  proposed_reason: string;
  proposed_by: string | null;
  proposed_at: string;
  confirmed_score: number | null;
  confirmed_note: string | null;
  confirmed_by: string | null;
  confirmed_at: string | null;
  version: Generated<number>;
}

/** An organisation's own text for one playbook key (migration 0017); no row: the built-in text. */
export interface PlaybookEntryTable {
  org_id: string;
  key: string; // 'step.<wizard step>' | 'rule.<quality rule id>'
  body: string; // Markdown source
  updated_by: string | null;
  updated_at: string;
  version: Generated<number>;
}

export interface AuditLogTable {
  id: string;
  org_id: string | null;
  actor_id: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  before_json: string | null;
  after_json: string | null;
  created_at: string;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  revoked_at: string | null;
  user_agent: string | null;
  ip: string | null;
}

export interface ApiTokenTable {
  id: string;
  token_hash: string;
  user_id: string;
  name: string;
  prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface InvitationTable {
  id: string;
  org_id: string;
  email: string;
  name: string | null;
  roles: string; // JSON array of OrgRole
  team_id: string | null;
  token_hash: string;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
}

export interface RateLimitTable {
  key: string;
  window_start: string;
  count: number;
}

/** A notification a person receives; `email_status` 'pending' rows are what the mailer sends. */
export interface NotificationTable {
  id: string;
  org_id: string;
  user_id: string;
  kind: string; // NotificationKind (src/contracts/api/notifications.ts)
  title: string;
  body: string | null;
  link: string | null; // a path in the web app under /orgs/{org}
  subject_type: string | null;
  subject_id: string | null;
  actor_id: string | null;
  created_at: string;
  read_at: string | null;
  email_status: string | null; // null | 'pending' | 'sent' | 'failed'
  emailed_at: string | null;
  email_error: string | null;
  email_attempts: Generated<number>;
}

/** A person's choice of e-mail for one kind of notification, where it differs from the default. */
export interface NotificationSettingTable {
  org_id: string;
  user_id: string;
  kind: string;
  email: number; // 0 | 1
  updated_at: string;
}

/** An owner asked for the score of an objective when its cycle entered grading. */
export interface ScoreRequestTable {
  org_id: string;
  cycle_id: string;
  objective_id: string;
  owner_id: string;
  requested_at: string;
}

/** An announcement to the organisation or to chosen teams (`announcement_teams`). */
export interface AnnouncementTable {
  id: string;
  org_id: string;
  title: string;
  body: string; // Markdown source
  rationale: string; // Markdown source
  audience: string; // 'organisation' | 'teams'
  published_by: string | null;
  published_at: string;
  updated_at: string;
  withdrawn_at: string | null;
  reminded_at: string | null;
  version: Generated<number>;
}

export interface AnnouncementTeamTable {
  announcement_id: string;
  org_id: string;
  team_id: string;
}

export interface AnnouncementObjectiveTable {
  announcement_id: string;
  org_id: string;
  objective_id: string;
}

/** "I have read and understood", once per person and announcement. */
export interface AnnouncementAcknowledgementTable {
  announcement_id: string;
  org_id: string;
  user_id: string;
  acknowledged_at: string;
}

/** A question to the champions; an answered one may be published to the FAQ. */
export interface QuestionTable {
  id: string;
  org_id: string;
  asker_id: string | null;
  text: string;
  objective_id: string | null;
  announcement_id: string | null;
  status: string; // 'open' | 'assigned' | 'answered'
  assignee_id: string | null;
  answer: string | null; // Markdown source
  answered_by: string | null;
  answered_at: string | null;
  published_to_faq: Generated<Flag>;
  faq_title: string | null;
  search_text: string; // lower-cased text the FAQ search matches
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

/** A scheduled job's lease: who runs it until when, and when it last ran. */
export interface JobLeaseTable {
  name: string;
  holder: string | null;
  lease_until: string;
  last_run_at: string | null;
  runs: Generated<number>;
  last_error: string | null;
}

/** A team's own check-in cadence (overrides the organisation's). */
export interface TeamCadenceTable {
  team_id: string;
  org_id: string;
  check_in_cadence_days: number;
  check_in_weekday: number; // ISO 1 = Monday … 7 = Sunday
  updated_at: string;
  version: Generated<number>;
}

/** A reminder or escalation already sent about a key result's missed check-ins. */
export interface CheckInNudgeTable {
  key_result_id: string;
  org_id: string;
  level: string; // 'reminder' | 'lead' | 'champion'
  period: string;
  sent_at: string;
}

/** A weekly digest e-mail sent (or tried) to a person. */
export interface DigestSentTable {
  org_id: string;
  user_id: string;
  week: string; // 'YYYY-MM-DD', the Monday
  sent_at: string;
  status: string; // 'sent' | 'failed' | 'skipped'
  error: string | null;
}

/** An endpoint an organisation's admin registered for webhook events. */
export interface WebhookEndpointTable {
  id: string;
  org_id: string;
  url: string;
  description: string;
  events: string; // ',check_in.created,status.changed,' (WebhookEventType, commas around each)
  secret: string; // the signing key (HMAC-SHA256), shown once at creation
  active: Flag;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

/** The webhook outbox: one event for one endpoint, written with the change that caused it. */
export interface WebhookDeliveryTable {
  id: string;
  org_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  payload: string; // the JSON body sent
  status: string; // 'pending' | 'succeeded' | 'failed'
  attempts: number;
  next_attempt_at: string;
  last_attempt_at: string | null;
  response_status: number | null;
  response_body: string | null; // truncated
  duration_ms: number | null;
  error: string | null;
  created_at: string;
}

/** Where a key result takes its value from automatically (one at most per key result). */
export interface DataSourceTable {
  id: string;
  org_id: string;
  key_result_id: string;
  kind: string; // 'pull' | 'push'
  url: string | null;
  pointer: string | null;
  header_name: string | null;
  header_secret: string | null;
  interval_minutes: number | null;
  token_hash: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
  last_value: number | null;
  last_success_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
  consecutive_failures: Generated<number>;
  next_run_at: string | null;
}

/** A saved column mapping of spreadsheet imports (migration 0019). */
export interface ImportMappingTable {
  id: string;
  org_id: string;
  name: string;
  mapping: string; // JSON: ColumnMapping (src/domain/sheet-import.ts)
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

/** An organisation's single sign-on provider (migration 0021). */
export interface SsoConfigTable {
  org_id: string;
  issuer: string;
  client_id: string;
  client_secret: string | null;
  allowed_domains: string; // JSON array of lower-case domains
  provisioned_role: string; // 'member' or an OrgRole other than admin
  enabled: Flag;
  require_sso: Flag;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

/** A provider's subject linked to a user, per organisation (migration 0021). */
export interface SsoIdentityTable {
  id: string;
  org_id: string;
  issuer: string;
  subject: string;
  user_id: string;
  email: string;
  created_at: string;
  last_sign_in_at: string;
}

/** A sign-in on its way through the provider: single-use, expiring (migration 0021). */
export interface SsoLoginTable {
  id: string;
  state_hash: string;
  /** SHA-256 of the cookie the starting browser got: the callback must come from that browser. */
  browser_hash: string;
  org_id: string;
  nonce: string;
  code_verifier: string;
  redirect_uri: string;
  return_to: string;
  created_at: string;
  expires_at: string;
  consumed_at: string | null;
}

export interface Database {
  organisations: OrganisationTable;
  users: UserTable;
  memberships: MembershipTable;
  member_roles: MemberRoleTable;
  teams: TeamTable;
  team_members: TeamMemberTable;
  cycles: CycleTable;
  objectives: ObjectiveTable;
  objective_readers: ObjectiveReaderTable;
  objective_teams: ObjectiveTeamTable;
  objective_tags: ObjectiveTagTable;
  alignments: AlignmentTable;
  key_results: KeyResultTable;
  initiatives: InitiativeTable;
  check_ins: CheckInTable;
  dependencies: DependencyTable;
  collaboration_requests: CollaborationRequestTable;
  comments: CommentTable;
  themes: ThemeTable;
  kpis: KpiTable;
  kpi_values: KpiValueTable;
  team_reviews: TeamReviewTable;
  objective_approvals: ObjectiveApprovalTable;
  knowledge_notes: KnowledgeNoteTable;
  objective_grades: ObjectiveGradeTable;
  playbook_entries: PlaybookEntryTable;
  score_requests: ScoreRequestTable;
  audit_log: AuditLogTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  import_mappings: ImportMappingTable;
  invitations: InvitationTable;
  rate_limits: RateLimitTable;
  notifications: NotificationTable;
  notification_settings: NotificationSettingTable;
  announcements: AnnouncementTable;
  announcement_teams: AnnouncementTeamTable;
  announcement_objectives: AnnouncementObjectiveTable;
  announcement_acknowledgements: AnnouncementAcknowledgementTable;
  questions: QuestionTable;
  job_leases: JobLeaseTable;
  team_cadences: TeamCadenceTable;
  check_in_nudges: CheckInNudgeTable;
  digests_sent: DigestSentTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
  data_sources: DataSourceTable;
  sso_configs: SsoConfigTable;
  sso_identities: SsoIdentityTable;
  sso_logins: SsoLoginTable;
}

export type TableName = keyof Database;
