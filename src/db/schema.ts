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
}

/** A person's choice of e-mail for one kind of notification, where it differs from the default. */
export interface NotificationSettingTable {
  org_id: string;
  user_id: string;
  kind: string;
  email: number; // 0 | 1
  updated_at: string;
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
  team_reviews: TeamReviewTable;
  objective_approvals: ObjectiveApprovalTable;
  knowledge_notes: KnowledgeNoteTable;
  objective_grades: ObjectiveGradeTable;
  audit_log: AuditLogTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  invitations: InvitationTable;
  rate_limits: RateLimitTable;
  notifications: NotificationTable;
  notification_settings: NotificationSettingTable;
  import_mappings: ImportMappingTable;
}

export type TableName = keyof Database;
