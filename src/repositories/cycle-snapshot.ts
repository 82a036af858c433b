/**
 * A whole cycle at once: reading everything under a cycle (and the people and teams it refers
 * to) for an export, looking up what an import would collide with or refer to, and writing an
 * imported cycle in one transaction.
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Connection } from '../db/connection.ts';
import { withBulkWriter, type Row } from '../db/bulk.ts';
import { recordAudit, type AuditEntry } from './audit.ts';
import type {
  AlignmentTable,
  CheckInTable,
  CommentTable,
  CycleTable,
  Database,
  DependencyTable,
  InitiativeTable,
  KeyResultTable,
  MemberRoleTable,
  MembershipTable,
  ObjectiveReaderTable,
  ObjectiveTable,
  ObjectiveTagTable,
  ObjectiveTeamTable,
  OrganisationTable,
  TableName,
  TeamMemberTable,
  TeamTable,
  UserTable,
} from '../db/schema.ts';

/** Long id lists are looked up in chunks, well inside both engines' bind-parameter limits. */
const LOOKUP_CHUNK = 1000;

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += LOOKUP_CHUNK) out.push(values.slice(i, i + LOOKUP_CHUNK));
  return out;
}

export async function listCycles(
  db: Kysely<Database>,
  orgId: string,
): Promise<Pick<Selectable<CycleTable>, 'id' | 'name' | 'start_date'>[]> {
  return db
    .selectFrom('cycles')
    .select(['id', 'name', 'start_date'])
    .where('org_id', '=', orgId)
    .orderBy('start_date')
    .orderBy('name')
    .execute();
}

export interface CycleSnapshot {
  organisation: Pick<OrganisationTable, 'slug' | 'name' | 'mission' | 'vision'>;
  cycle: Selectable<CycleTable>;
  objectives: Selectable<ObjectiveTable>[];
  readers: ObjectiveReaderTable[];
  objectiveTeams: ObjectiveTeamTable[];
  tags: ObjectiveTagTable[];
  alignments: Pick<AlignmentTable, 'child_id' | 'parent_id'>[];
  keyResults: Selectable<KeyResultTable>[];
  initiatives: Selectable<InitiativeTable>[];
  checkIns: CheckInTable[];
  dependencies: Selectable<DependencyTable>[];
  comments: Selectable<CommentTable>[];
  /** Every team of the organisation (the export picks the referenced ones and their ancestors). */
  teams: Pick<TeamTable, 'id' | 'name' | 'parent_id'>[];
  teamMembers: TeamMemberTable[];
  roles: MemberRoleTable[];
}

/** Everything stored under one cycle of an organisation, each list ordered by id. */
export async function readCycleSnapshot(
  db: Kysely<Database>,
  orgId: string,
  cycleId: string,
): Promise<CycleSnapshot | undefined> {
  const cycle = await db
    .selectFrom('cycles')
    .selectAll()
    .where('id', '=', cycleId)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  const organisation = await db
    .selectFrom('organisations')
    .select(['slug', 'name', 'mission', 'vision'])
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (!cycle || !organisation) return undefined;
  const objectiveIds = db.selectFrom('objectives').select('id').where('cycle_id', '=', cycleId);
  const keyResultIds = db
    .selectFrom('key_results')
    .select('id')
    .where('objective_id', 'in', objectiveIds);
  const [objectives, readers, objectiveTeams, tags, alignments, keyResults] = await Promise.all([
    db.selectFrom('objectives').selectAll().where('cycle_id', '=', cycleId).orderBy('id').execute(),
    db
      .selectFrom('objective_readers')
      .selectAll()
      .where('objective_id', 'in', objectiveIds)
      .execute(),
    db
      .selectFrom('objective_teams')
      .selectAll()
      .where('objective_id', 'in', objectiveIds)
      .execute(),
    db.selectFrom('objective_tags').selectAll().where('objective_id', 'in', objectiveIds).execute(),
    db
      .selectFrom('alignments')
      .select(['child_id', 'parent_id'])
      .where('child_id', 'in', objectiveIds)
      .execute(),
    db
      .selectFrom('key_results')
      .selectAll()
      .where('objective_id', 'in', objectiveIds)
      .orderBy('id')
      .execute(),
  ]);
  const [initiatives, checkIns, dependencies, comments, teams, teamMembers, roles] =
    await Promise.all([
      db
        .selectFrom('initiatives')
        .selectAll()
        .where('key_result_id', 'in', keyResultIds)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('check_ins')
        .selectAll()
        .where('key_result_id', 'in', keyResultIds)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('dependencies')
        .selectAll()
        .where('key_result_id', 'in', keyResultIds)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('comments')
        .selectAll()
        .where((eb) =>
          eb.or([eb('objective_id', 'in', objectiveIds), eb('key_result_id', 'in', keyResultIds)]),
        )
        .orderBy('id')
        .execute(),
      db
        .selectFrom('teams')
        .select(['id', 'name', 'parent_id'])
        .where('org_id', '=', orgId)
        .execute(),
      db.selectFrom('team_members').selectAll().where('org_id', '=', orgId).execute(),
      db.selectFrom('member_roles').selectAll().where('org_id', '=', orgId).execute(),
    ]);
  return {
    organisation,
    cycle,
    objectives,
    readers,
    objectiveTeams,
    tags,
    alignments,
    keyResults,
    initiatives,
    checkIns,
    dependencies,
    comments,
    teams,
    teamMembers,
    roles,
  };
}

/** Users by id (e-mail and name), for the people a snapshot refers to. */
export async function findUsersById(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Pick<UserTable, 'id' | 'email' | 'name'>[]> {
  const out: Pick<UserTable, 'id' | 'email' | 'name'>[] = [];
  for (const chunk of chunks(ids)) {
    out.push(
      ...(await db
        .selectFrom('users')
        .select(['id', 'email', 'name'])
        .where('id', 'in', chunk)
        .execute()),
    );
  }
  return out;
}

// ---- import: what exists already --------------------------------------------------------

/** Tables whose ids an import takes from the file. */
export const IMPORTED_ID_TABLES = [
  'cycles',
  'objectives',
  'key_results',
  'initiatives',
  'check_ins',
  'dependencies',
  'comments',
] as const satisfies readonly TableName[];
export type ImportedIdTable = (typeof IMPORTED_ID_TABLES)[number];

export interface ImportLookup {
  organisationSlug: string;
  cycleName: string;
  /** Normalised e-mails of everyone the file names. */
  emails: string[];
  /** Names of every team the file names. */
  teamNames: string[];
  ids: Record<ImportedIdTable, string[]>;
  /** Objectives and key results the file refers to but does not contain. */
  externalObjectives: string[];
  externalKeyResults: string[];
}

export interface ImportContext {
  organisation: { id: string; slug: string } | undefined;
  cycleNameTaken: boolean;
  /** By normalised e-mail: the user, and whether they are a member of the organisation. */
  users: Map<string, { id: string; member: boolean }>;
  /** `${userId} ${role}` for the roles those users hold in the organisation. */
  roles: Set<string>;
  teams: Map<string, { id: string; parentId: string | null }>;
  /** `${teamId} ${userId}` → is lead. */
  teamMembers: Map<string, boolean>;
  existingIds: Record<ImportedIdTable, Set<string>>;
  /** External objectives that exist in the organisation, with their cycle's dates. */
  objectives: Map<string, { level: string; startDate: string; endDate: string }>;
  /** External key results that exist in the organisation. */
  keyResults: Set<string>;
}

/** Looks up everything an import must not collide with or may refer to. */
export async function loadImportContext(
  db: Kysely<Database>,
  lookup: ImportLookup,
): Promise<ImportContext> {
  const organisation = await db
    .selectFrom('organisations')
    .select(['id', 'slug'])
    .where('slug', '=', lookup.organisationSlug)
    .executeTakeFirst();
  const orgId = organisation?.id;

  const users = new Map<string, { id: string; member: boolean }>();
  for (const chunk of chunks(lookup.emails)) {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'email'])
      .where('email', 'in', chunk)
      .execute();
    for (const row of rows) users.set(row.email, { id: row.id, member: false });
  }
  const userIds = [...users.values()].map((u) => u.id);
  const roles = new Set<string>();
  const teams = new Map<string, { id: string; parentId: string | null }>();
  const teamMembers = new Map<string, boolean>();
  const objectives = new Map<string, { level: string; startDate: string; endDate: string }>();
  const keyResults = new Set<string>();
  let cycleNameTaken = false;

  if (orgId !== undefined) {
    const members = new Set<string>();
    for (const chunk of chunks(userIds)) {
      const rows = await db
        .selectFrom('memberships')
        .select('user_id')
        .where('org_id', '=', orgId)
        .where('user_id', 'in', chunk)
        .execute();
      for (const row of rows) members.add(row.user_id);
      const roleRows = await db
        .selectFrom('member_roles')
        .select(['user_id', 'role'])
        .where('org_id', '=', orgId)
        .where('user_id', 'in', chunk)
        .execute();
      for (const row of roleRows) roles.add(`${row.user_id} ${row.role}`);
    }
    for (const user of users.values()) user.member = members.has(user.id);

    for (const chunk of chunks(lookup.teamNames)) {
      const rows = await db
        .selectFrom('teams')
        .select(['id', 'name', 'parent_id'])
        .where('org_id', '=', orgId)
        .where('name', 'in', chunk)
        .execute();
      for (const row of rows) teams.set(row.name, { id: row.id, parentId: row.parent_id });
    }
    for (const chunk of chunks([...teams.values()].map((t) => t.id))) {
      const rows = await db
        .selectFrom('team_members')
        .selectAll()
        .where('team_id', 'in', chunk)
        .execute();
      for (const row of rows) teamMembers.set(`${row.team_id} ${row.user_id}`, row.is_lead === 1);
    }

    const taken = await db
      .selectFrom('cycles')
      .select('id')
      .where('org_id', '=', orgId)
      .where('name', '=', lookup.cycleName)
      .executeTakeFirst();
    cycleNameTaken = taken !== undefined;

    for (const chunk of chunks(lookup.externalObjectives)) {
      const rows = await db
        .selectFrom('objectives')
        .innerJoin('cycles', 'cycles.id', 'objectives.cycle_id')
        .select(['objectives.id', 'objectives.level', 'cycles.start_date', 'cycles.end_date'])
        .where('objectives.org_id', '=', orgId)
        .where('objectives.id', 'in', chunk)
        .execute();
      for (const row of rows) {
        objectives.set(row.id, {
          level: row.level,
          startDate: row.start_date,
          endDate: row.end_date,
        });
      }
    }
    for (const chunk of chunks(lookup.externalKeyResults)) {
      const rows = await db
        .selectFrom('key_results')
        .select('id')
        .where('org_id', '=', orgId)
        .where('id', 'in', chunk)
        .execute();
      for (const row of rows) keyResults.add(row.id);
    }
  }

  const existingIds = {} as Record<ImportedIdTable, Set<string>>;
  for (const table of IMPORTED_ID_TABLES) {
    const found = new Set<string>();
    for (const chunk of chunks(lookup.ids[table])) {
      const rows = await db.selectFrom(table).select('id').where('id', 'in', chunk).execute();
      for (const row of rows) found.add(row.id);
    }
    existingIds[table] = found;
  }

  return {
    organisation,
    cycleNameTaken,
    users,
    roles,
    teams,
    teamMembers,
    existingIds,
    objectives,
    keyResults,
  };
}

// ---- import: writing ----------------------------------------------------------------------

/** The rows of one import, each list in an order its foreign keys allow. */
export interface CycleImportRows {
  organisations: Insertable<OrganisationTable>[];
  users: Insertable<UserTable>[];
  memberships: Insertable<MembershipTable>[];
  memberRoles: MemberRoleTable[];
  teams: Insertable<TeamTable>[];
  teamMembers: TeamMemberTable[];
  /** Existing team members the file names as leads. */
  teamLeadUpdates: { teamId: string; userId: string }[];
  cycles: Insertable<CycleTable>[];
  objectives: Insertable<ObjectiveTable>[];
  objectiveReaders: ObjectiveReaderTable[];
  objectiveTeams: ObjectiveTeamTable[];
  objectiveTags: ObjectiveTagTable[];
  alignments: AlignmentTable[];
  keyResults: Insertable<KeyResultTable>[];
  initiatives: Insertable<InitiativeTable>[];
  checkIns: CheckInTable[];
  dependencies: Insertable<DependencyTable>[];
  comments: Insertable<CommentTable>[];
}

const WRITE_ORDER: [keyof Omit<CycleImportRows, 'teamLeadUpdates'>, TableName][] = [
  ['organisations', 'organisations'],
  ['users', 'users'],
  ['memberships', 'memberships'],
  ['memberRoles', 'member_roles'],
  ['teams', 'teams'],
  ['teamMembers', 'team_members'],
  ['cycles', 'cycles'],
  ['objectives', 'objectives'],
  ['objectiveReaders', 'objective_readers'],
  ['objectiveTeams', 'objective_teams'],
  ['objectiveTags', 'objective_tags'],
  ['alignments', 'alignments'],
  ['keyResults', 'key_results'],
  ['initiatives', 'initiatives'],
  ['checkIns', 'check_ins'],
  ['dependencies', 'dependencies'],
  ['comments', 'comments'],
];

/** Every row of an import, counted the way {@link writeCycleImport} reports progress. */
export function countImportRows(rows: CycleImportRows): number {
  return (
    WRITE_ORDER.reduce((sum, [key]) => sum + rows[key].length, 0) + rows.teamLeadUpdates.length
  );
}

/**
 * Writes an import and its audit entry in one transaction: all of it or, on any error, nothing.
 * `onRows` is told every so often how many more rows were written.
 */
export async function writeCycleImport(
  connection: Connection,
  rows: CycleImportRows,
  audit: AuditEntry,
  onRows: (count: number) => void = () => undefined,
): Promise<void> {
  await withBulkWriter(connection, async (writer, trx) => {
    for (const [key, table] of WRITE_ORDER) {
      // Builders produce exactly the table's columns; the writer takes plain column maps.
      await writer.insert(
        table,
        reporting(rows[key] as readonly object[] as readonly Row[], onRows),
      );
      if (key === 'teamMembers') {
        for (const lead of rows.teamLeadUpdates) {
          await trx
            .updateTable('team_members')
            .set({ is_lead: 1 })
            .where('team_id', '=', lead.teamId)
            .where('user_id', '=', lead.userId)
            .execute();
          onRows(1);
        }
      }
    }
    await recordAudit(trx, audit);
  });
}

function* reporting(rows: readonly Row[], onRows: (count: number) => void): Generator<Row> {
  let pending = 0;
  for (const row of rows) {
    yield row;
    if (++pending === 1000) {
      onRows(pending);
      pending = 0;
    }
  }
  if (pending > 0) onRows(pending);
}
