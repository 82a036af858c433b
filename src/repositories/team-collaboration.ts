/**
 * Collaboration between teams: what counts in a shared objective, collaboration requests, and the
 * rows the cross-team map is drawn from. Every query is scoped to one organisation.
 */
import type { Insertable, Selectable } from 'kysely';
import type { CollaborationRequestTable } from '../db/schema.ts';
import type { ListScope } from '../policy/policy.ts';
import type { Db } from '../services/context.ts';
import { readableObjective } from './collaboration.ts';

// ---- shared objectives -----------------------------------------------------------------------

export interface ContributionRow {
  id: string;
  title: string;
  objective_id: string;
  progress: number;
  health: string | null;
  weight: number;
  owner_id: string | null;
  team_id: string | null;
  objective_owner_id: string | null;
  readable: unknown;
}

/** Key results of other objectives that count in this one (`contributes_to_id`). */
export async function keyResultsCountingIn(
  db: Db,
  scope: ListScope,
  objectiveId: string,
): Promise<ContributionRow[]> {
  return db
    .selectFrom('key_results as k')
    .innerJoin('objectives as o', 'o.id', 'k.objective_id')
    .select([
      'k.id',
      'k.title',
      'k.objective_id',
      'k.progress',
      'k.health',
      'k.weight',
      'k.owner_id',
      'o.team_id',
      'o.owner_id as objective_owner_id',
      readableObjective('o', scope).as('readable'),
    ])
    .where('k.org_id', '=', scope.orgId)
    .where('k.contributes_to_id', '=', objectiveId)
    .orderBy('k.id')
    .execute();
}

export interface AlignedObjectiveRow {
  id: string;
  title: string;
  progress: number;
  health: string | null;
  team_id: string | null;
  owner_id: string | null;
  readable: unknown;
}

/** Objectives aligned directly to this one, readable or not. */
export async function objectivesAlignedTo(
  db: Db,
  scope: ListScope,
  objectiveId: string,
): Promise<AlignedObjectiveRow[]> {
  return db
    .selectFrom('alignments as a')
    .innerJoin('objectives as o', 'o.id', 'a.child_id')
    .select([
      'o.id',
      'o.title',
      'o.progress',
      'o.health',
      'o.team_id',
      'o.owner_id',
      readableObjective('o', scope).as('readable'),
    ])
    .where('a.org_id', '=', scope.orgId)
    .where('a.parent_id', '=', objectiveId)
    .orderBy('o.id')
    .execute();
}

// ---- collaboration requests ------------------------------------------------------------------

export type RequestRecord = Selectable<CollaborationRequestTable> & {
  from_team_name: string;
  to_team_name: string;
  objective_title: string;
  objective_level: string;
  key_result_title: string | null;
  requested_by_name: string | null;
  responded_by_name: string | null;
};

function requestsQuery(db: Db, orgId: string) {
  return db
    .selectFrom('collaboration_requests as r')
    .innerJoin('teams as ft', 'ft.id', 'r.from_team_id')
    .innerJoin('teams as tt', 'tt.id', 'r.to_team_id')
    .innerJoin('objectives as o', 'o.id', 'r.objective_id')
    .leftJoin('key_results as k', 'k.id', 'r.key_result_id')
    .leftJoin('users as rq', 'rq.id', 'r.requested_by')
    .leftJoin('users as rs', 'rs.id', 'r.responded_by')
    .selectAll('r')
    .select([
      'ft.name as from_team_name',
      'tt.name as to_team_name',
      'o.title as objective_title',
      'o.level as objective_level',
      'k.title as key_result_title',
      'rq.name as requested_by_name',
      'rs.name as responded_by_name',
    ])
    .where('r.org_id', '=', orgId);
}

export interface RequestFilter {
  teamId?: string | undefined;
  direction: 'incoming' | 'outgoing' | 'both';
  status?: string | undefined;
  objectiveId?: string | undefined;
  /** Newest first: the page starts below this id. */
  before?: string | undefined;
  limit: number;
}

/** Requests on objectives the scope may read, newest first (`limit + 1` rows). */
export async function listRequestRecords(
  db: Db,
  scope: ListScope,
  filter: RequestFilter,
): Promise<RequestRecord[]> {
  let query = requestsQuery(db, scope.orgId).where(readableObjective('o', scope));
  const { teamId, direction } = filter;
  if (teamId) {
    if (direction === 'incoming') query = query.where('r.to_team_id', '=', teamId);
    else if (direction === 'outgoing') query = query.where('r.from_team_id', '=', teamId);
    else
      query = query.where((eb) =>
        eb.or([eb('r.to_team_id', '=', teamId), eb('r.from_team_id', '=', teamId)]),
      );
  }
  if (filter.status) query = query.where('r.status', '=', filter.status);
  if (filter.objectiveId) query = query.where('r.objective_id', '=', filter.objectiveId);
  if (filter.before) query = query.where('r.id', '<', filter.before);
  return query
    .orderBy('r.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}

export async function findRequest(
  db: Db,
  orgId: string,
  id: string,
): Promise<RequestRecord | undefined> {
  return requestsQuery(db, orgId).where('r.id', '=', id).executeTakeFirst();
}

export async function insertRequest(
  db: Db,
  row: Insertable<CollaborationRequestTable>,
): Promise<void> {
  await db.insertInto('collaboration_requests').values(row).execute();
}

/** Records the answer to an open request; false when it is no longer open at `expected`. */
export async function answerRequest(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
  answer: {
    status: 'accepted' | 'declined';
    response: string | null;
    outcome_kind: string | null;
    outcome_id: string | null;
    responded_by: string;
    responded_at: string;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('collaboration_requests')
    .set((eb) => ({ ...answer, version: eb(eb.ref('version'), '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expected)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Adds a contributing team to an objective (nothing when it already is one). */
export async function addContributingTeam(
  db: Db,
  orgId: string,
  objectiveId: string,
  teamId: string,
): Promise<boolean> {
  const existing = await db
    .selectFrom('objective_teams')
    .select('team_id')
    .where('org_id', '=', orgId)
    .where('objective_id', '=', objectiveId)
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  if (existing) return false;
  await db
    .insertInto('objective_teams')
    .values({ org_id: orgId, objective_id: objectiveId, team_id: teamId })
    .execute();
  return true;
}

/** Bumps an objective's version: its contributing teams changed outside its own PATCH. */
export async function touchObjective(
  db: Db,
  orgId: string,
  objectiveId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('objectives')
    .set((eb) => ({ version: eb(eb.ref('version'), '+', 1), updated_at: at }))
    .where('org_id', '=', orgId)
    .where('id', '=', objectiveId)
    .execute();
}

// ---- the cross-team map ----------------------------------------------------------------------

export async function teamsOfOrganisation(
  db: Db,
  orgId: string,
): Promise<{ id: string; name: string; parent_id: string | null }[]> {
  return db
    .selectFrom('teams')
    .select(['id', 'name', 'parent_id'])
    .where('org_id', '=', orgId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export interface MapDependencyRow {
  id: string;
  key_result_id: string;
  depends_on_id: string;
  kr_title: string;
  kr_owner_id: string | null;
  kr_objective_id: string;
  kr_team_id: string | null;
  kr_objective_owner_id: string | null;
  dep_title: string;
  dep_owner_id: string | null;
  dep_health: string | null;
  dep_objective_id: string;
  dep_team_id: string | null;
  dep_objective_owner_id: string | null;
}

/** Open dependencies whose two ends the scope may read (touching the cycle, when given). */
export async function openDependenciesForMap(
  db: Db,
  scope: ListScope,
  cycleId: string | undefined,
): Promise<MapDependencyRow[]> {
  let query = db
    .selectFrom('dependencies as d')
    .innerJoin('key_results as k', 'k.id', 'd.key_result_id')
    .innerJoin('objectives as ko', 'ko.id', 'k.objective_id')
    .innerJoin('key_results as dk', 'dk.id', 'd.depends_on_id')
    .innerJoin('objectives as dko', 'dko.id', 'dk.objective_id')
    .select([
      'd.id',
      'd.key_result_id',
      'd.depends_on_id',
      'k.title as kr_title',
      'k.owner_id as kr_owner_id',
      'ko.id as kr_objective_id',
      'ko.team_id as kr_team_id',
      'ko.owner_id as kr_objective_owner_id',
      'dk.title as dep_title',
      'dk.owner_id as dep_owner_id',
      'dk.health as dep_health',
      'dko.id as dep_objective_id',
      'dko.team_id as dep_team_id',
      'dko.owner_id as dep_objective_owner_id',
    ])
    .where('d.org_id', '=', scope.orgId)
    .where('d.status', '=', 'open')
    .where(readableObjective('ko', scope))
    .where(readableObjective('dko', scope));
  if (cycleId)
    query = query.where((eb) =>
      eb.or([eb('ko.cycle_id', '=', cycleId), eb('dko.cycle_id', '=', cycleId)]),
    );
  return query.orderBy('d.id').execute();
}

/** Readable shared objectives (of the cycle, when given) with their team and contributing teams. */
export async function sharedObjectivesForMap(
  db: Db,
  scope: ListScope,
  cycleId: string | undefined,
): Promise<{ id: string; title: string; health: string | null; teamIds: string[] }[]> {
  let query = db
    .selectFrom('objectives as o')
    .select(['o.id', 'o.title', 'o.health', 'o.team_id'])
    .where('o.org_id', '=', scope.orgId)
    .where('o.level', '=', 'shared')
    .where(readableObjective('o', scope));
  if (cycleId) query = query.where('o.cycle_id', '=', cycleId);
  const objectives = await query.orderBy('o.id').execute();
  if (objectives.length === 0) return [];
  const teams = await db
    .selectFrom('objective_teams')
    .select(['objective_id', 'team_id'])
    .where('org_id', '=', scope.orgId)
    .where(
      'objective_id',
      'in',
      objectives.map((o) => o.id),
    )
    .orderBy('team_id')
    .execute();
  return objectives.map((o) => ({
    id: o.id,
    title: o.title,
    health: o.health,
    teamIds: [
      ...(o.team_id ? [o.team_id] : []),
      ...teams.filter((t) => t.objective_id === o.id).map((t) => t.team_id),
    ],
  }));
}
