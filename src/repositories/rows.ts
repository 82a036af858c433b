/**
 * Row builders: the one place that turns model values into table rows (defaults, flags, JSON,
 * e-mail normalisation). Imports, the demo and the generator all write through these, so a
 * column added later is filled the same way everywhere.
 */
import type { Insertable } from 'kysely';
import type {
  CheckInSource,
  CycleStatus,
  DependencyStatus,
  InitiativeStatus,
  KrDirection,
  KrKind,
  ObjectiveLevel,
  ObjectiveStatus,
  OrgRole,
  Visibility,
} from '../contracts/model.ts';
import type {
  AlignmentTable,
  CheckInTable,
  CommentTable,
  CycleTable,
  DependencyTable,
  InitiativeTable,
  KeyResultTable,
  MemberRoleTable,
  MembershipTable,
  ObjectiveReaderTable,
  ObjectiveTagTable,
  ObjectiveTeamTable,
  ObjectiveTable,
  OrganisationTable,
  TeamMemberTable,
  TeamTable,
  ThemeTable,
  UserTable,
} from '../db/schema.ts';

type Row<T> = Insertable<T>;

/** The canonical form of an e-mail address: trimmed and lower-case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function organisationRow(o: {
  id: string;
  slug: string;
  name: string;
  mission?: string | null;
  vision?: string | null;
  settings?: Record<string, unknown>;
  createdAt: string;
}): Row<OrganisationTable> {
  return {
    id: o.id,
    slug: o.slug,
    name: o.name,
    mission: o.mission ?? null,
    vision: o.vision ?? null,
    settings: JSON.stringify(o.settings ?? {}),
    created_at: o.createdAt,
  };
}

export function userRow(u: {
  id: string;
  email: string;
  name: string;
  passwordHash?: string | null;
  createdAt: string;
}): Row<UserTable> {
  return {
    id: u.id,
    email: normaliseEmail(u.email),
    name: u.name,
    password_hash: u.passwordHash ?? null,
    created_at: u.createdAt,
  };
}

export function membershipRow(m: {
  orgId: string;
  userId: string;
  title?: string | null;
  createdAt: string;
}): Row<MembershipTable> {
  return { org_id: m.orgId, user_id: m.userId, title: m.title ?? null, created_at: m.createdAt };
}

export function memberRoleRow(orgId: string, userId: string, role: OrgRole): MemberRoleTable {
  return { org_id: orgId, user_id: userId, role };
}

export function teamRow(t: {
  id: string;
  orgId: string;
  name: string;
  parentId?: string | null;
  createdAt: string;
}): Row<TeamTable> {
  return { id: t.id, org_id: t.orgId, name: t.name, parent_id: t.parentId ?? null, created_at: t.createdAt };
}

export function teamMemberRow(orgId: string, teamId: string, userId: string, isLead: boolean): TeamMemberTable {
  return { org_id: orgId, team_id: teamId, user_id: userId, is_lead: isLead ? 1 : 0 };
}

export function cycleRow(c: {
  id: string;
  orgId: string;
  name: string;
  startDate: string;
  endDate: string;
  status: CycleStatus;
  createdAt: string;
}): Row<CycleTable> {
  return {
    id: c.id,
    org_id: c.orgId,
    name: c.name,
    start_date: c.startDate,
    end_date: c.endDate,
    status: c.status,
    created_at: c.createdAt,
  };
}

export function objectiveRow(o: {
  id: string;
  orgId: string;
  cycleId: string;
  level: ObjectiveLevel;
  title: string;
  rationale?: string | null;
  ownerId?: string | null;
  teamId?: string | null;
  visibility?: Visibility;
  status?: ObjectiveStatus;
  includeChildren?: boolean;
  score?: number | null;
  carriedFromId?: string | null;
  createdAt: string;
  updatedAt?: string;
}): Row<ObjectiveTable> {
  return {
    id: o.id,
    org_id: o.orgId,
    cycle_id: o.cycleId,
    level: o.level,
    title: o.title,
    rationale: o.rationale ?? null,
    owner_id: o.ownerId ?? null,
    team_id: o.teamId ?? null,
    visibility: o.visibility ?? 'public',
    status: o.status ?? 'active',
    include_children: o.includeChildren ? 1 : 0,
    progress: 0,
    health: null,
    score: o.score ?? null,
    carried_from_id: o.carriedFromId ?? null,
    created_at: o.createdAt,
    updated_at: o.updatedAt ?? o.createdAt,
  };
}

export function alignmentRow(orgId: string, childId: string, parentId: string, createdAt: string): AlignmentTable {
  return { org_id: orgId, child_id: childId, parent_id: parentId, created_at: createdAt };
}

export function keyResultRow(k: {
  id: string;
  orgId: string;
  objectiveId: string;
  title: string;
  kind: KrKind;
  direction: KrDirection;
  currency?: string | null;
  start: number;
  target: number | null;
  current?: number;
  unit?: string | null;
  weight?: number;
  ownerId?: string | null;
  contributesToId?: string | null;
  position?: number;
  confidence?: number | null;
  score?: number | null;
  lastCheckInAt?: string | null;
  createdAt: string;
  updatedAt?: string;
}): Row<KeyResultTable> {
  return {
    id: k.id,
    org_id: k.orgId,
    objective_id: k.objectiveId,
    title: k.title,
    kind: k.kind,
    direction: k.direction,
    currency: k.currency ?? null,
    start_value: k.start,
    target_value: k.target,
    current_value: k.current ?? k.start,
    unit: k.unit ?? null,
    weight: k.weight ?? 1,
    owner_id: k.ownerId ?? null,
    contributes_to_id: k.contributesToId ?? null,
    position: k.position ?? 0,
    progress: 0,
    health: null,
    confidence: k.confidence ?? null,
    score: k.score ?? null,
    last_check_in_at: k.lastCheckInAt ?? null,
    created_at: k.createdAt,
    updated_at: k.updatedAt ?? k.createdAt,
  };
}

export function initiativeRow(i: {
  id: string;
  orgId: string;
  keyResultId: string;
  title: string;
  ownerId?: string | null;
  status: InitiativeStatus;
  dueDate?: string | null;
  createdAt: string;
}): Row<InitiativeTable> {
  return {
    id: i.id,
    org_id: i.orgId,
    key_result_id: i.keyResultId,
    title: i.title,
    owner_id: i.ownerId ?? null,
    status: i.status,
    due_date: i.dueDate ?? null,
    created_at: i.createdAt,
  };
}

export function checkInRow(c: {
  id: string;
  orgId: string;
  keyResultId: string;
  value: number;
  confidence?: number | null;
  note?: string | null;
  authorId?: string | null;
  source: CheckInSource;
  createdAt: string;
}): CheckInTable {
  return {
    id: c.id,
    org_id: c.orgId,
    key_result_id: c.keyResultId,
    value: c.value,
    confidence: c.confidence ?? null,
    note: c.note ?? null,
    author_id: c.authorId ?? null,
    source: c.source,
    created_at: c.createdAt,
  };
}

export function dependencyRow(d: {
  id: string;
  orgId: string;
  keyResultId: string;
  dependsOnId: string;
  note?: string | null;
  neededBy?: string | null;
  status?: DependencyStatus;
  createdAt: string;
}): Row<DependencyTable> {
  return {
    id: d.id,
    org_id: d.orgId,
    key_result_id: d.keyResultId,
    depends_on_id: d.dependsOnId,
    note: d.note ?? null,
    needed_by: d.neededBy ?? null,
    status: d.status ?? 'open',
    created_at: d.createdAt,
  };
}

export function commentRow(c: {
  id: string;
  orgId: string;
  objectiveId?: string | null;
  keyResultId?: string | null;
  authorId?: string | null;
  body: string;
  createdAt: string;
}): Row<CommentTable> {
  return {
    id: c.id,
    org_id: c.orgId,
    objective_id: c.objectiveId ?? null,
    key_result_id: c.keyResultId ?? null,
    author_id: c.authorId ?? null,
    body: c.body,
    created_at: c.createdAt,
    updated_at: c.createdAt,
  };
}

/** A named reader of a private objective. */
export function objectiveReaderRow(
  orgId: string,
  objectiveId: string,
  userId: string,
): ObjectiveReaderTable {
  return { org_id: orgId, objective_id: objectiveId, user_id: userId };
}

/** A contributing team of a shared objective. */
export function objectiveTeamRow(
  orgId: string,
  objectiveId: string,
  teamId: string,
): ObjectiveTeamTable {
  return { org_id: orgId, objective_id: objectiveId, team_id: teamId };
}

/** A tag or strategic theme on an objective. */
export function objectiveTagRow(
  orgId: string,
  objectiveId: string,
  tag: string,
): ObjectiveTagTable {
  return { org_id: orgId, objective_id: objectiveId, tag };
}

/** A strategic theme of the organisation. */
export function themeRow(t: {
  id: string;
  orgId: string;
  name: string;
  description?: string | null;
  position?: number;
  createdAt: string;
}): Row<ThemeTable> {
  return {
    id: t.id,
    org_id: t.orgId,
    name: t.name,
    description: t.description ?? null,
    position: t.position ?? 0,
    created_at: t.createdAt,
  };
}
