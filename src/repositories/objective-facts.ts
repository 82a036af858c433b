/**
 * Loading an objective or key result together with the facts the policy needs (cycle state,
 * readers, contributing teams, the owners' teams), in a fixed number of queries.
 */
import { sql, type Selectable } from 'kysely';
import type { CycleStatus, ObjectiveLevel, Visibility } from '../contracts/model.ts';
import type { Connection } from '../db/connection.ts';
import { readThrough } from '../db/read-cache.ts';
import type { KeyResultTable, ObjectiveTable } from '../db/schema.ts';
import type { KeyResultFacts, ObjectiveFacts } from '../policy/policy.ts';
import type { Db } from '../services/context.ts';

export type ObjectiveRow = Selectable<ObjectiveTable>;
export type KeyResultRow = Selectable<KeyResultTable>;

export interface CycleInfo {
  id: string;
  name: string;
  status: CycleStatus;
  start_date: string;
  end_date: string;
}

export interface LoadedObjective {
  row: ObjectiveRow;
  cycle: CycleInfo;
  facts: ObjectiveFacts;
}

async function teamsOf(db: Db, orgId: string, userIds: (string | null)[]): Promise<Map<string, string[]>> {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  const byUser = new Map<string, string[]>();
  if (ids.length === 0) return byUser;
  const rows = await db.selectFrom('team_members').select(['user_id', 'team_id']).where('org_id', '=', orgId).where('user_id', 'in', ids).execute();
  for (const row of rows) {
    const list = byUser.get(row.user_id);
    if (list) list.push(row.team_id);
    else byUser.set(row.user_id, [row.team_id]);
  }
  return byUser;
}

/** Readers and contributing teams of these objectives, in one query, each list in id order. */
async function relationsOf(db: Db, objectiveIds: string[]): Promise<{ readers: Map<string, string[]>; teams: Map<string, string[]> }> {
  const rows = await db
    .selectFrom('objective_readers')
    .select(['objective_id', 'user_id as ref', sql<string>`'r'`.as('kind')])
    .where('objective_id', 'in', objectiveIds)
    .unionAll(
      db.selectFrom('objective_teams').select(['objective_id', 'team_id as ref', sql<string>`'t'`.as('kind')]).where('objective_id', 'in', objectiveIds),
    )
    .execute();
  const readers = new Map<string, string[]>();
  const teams = new Map<string, string[]>();
  for (const row of rows) {
    const byObjective = row.kind === 'r' ? readers : teams;
    const list = byObjective.get(row.objective_id);
    if (list) list.push(row.ref);
    else byObjective.set(row.objective_id, [row.ref]);
  }
  // The same order on both databases (a UNION's order is the planner's): by id, creation order.
  for (const lists of [readers, teams]) for (const list of lists.values()) list.sort();
  return { readers, teams };
}

/** Objectives of the organisation with their policy facts; unknown ids are simply absent. */
export async function loadObjectives(db: Db, orgId: string, ids: string[]): Promise<Map<string, LoadedObjective>> {
  return (await loadObjectivesAndTeams(db, orgId, ids, [])).objectives;
}

/**
 * Objectives with their policy facts, and the teams of `people` as well as of the objectives'
 * owners (one query for both).
 */
export async function loadObjectivesAndTeams(
  db: Db,
  orgId: string,
  ids: string[],
  people: (string | null)[],
): Promise<{ objectives: Map<string, LoadedObjective>; teamsOf: Map<string, string[]> }> {
  const result = new Map<string, LoadedObjective>();
  const rows =
    ids.length === 0
      ? []
      : await db
          .selectFrom('objectives as o')
          .innerJoin('cycles as c', 'c.id', 'o.cycle_id')
          .selectAll('o')
          .select(['c.name as cycle_name', 'c.status as cycle_status', 'c.start_date as cycle_start', 'c.end_date as cycle_end'])
          .where('o.org_id', '=', orgId)
          .where('o.id', 'in', ids)
          .execute();
  const empty = { readers: new Map<string, string[]>(), teams: new Map<string, string[]>() };
  const [relations, ownerTeams] = await Promise.all([
    rows.length === 0 ? empty : relationsOf(db, rows.map((r) => r.id)),
    teamsOf(db, orgId, [...rows.map((r) => r.owner_id), ...people]),
  ]);
  for (const r of rows) {
    const { cycle_name, cycle_status, cycle_start, cycle_end, ...row } = r;
    result.set(r.id, {
      row,
      cycle: { id: r.cycle_id, name: cycle_name, status: cycle_status as CycleStatus, start_date: cycle_start, end_date: cycle_end },
      facts: {
        level: r.level as ObjectiveLevel,
        ownerId: r.owner_id,
        teamId: r.team_id,
        visibility: r.visibility as Visibility,
        readerIds: relations.readers.get(r.id) ?? [],
        contributingTeamIds: relations.teams.get(r.id) ?? [],
        ownerTeamIds: (r.owner_id && ownerTeams.get(r.owner_id)) || [],
        cycleStatus: cycle_status as CycleStatus,
      },
    });
  }
  return { objectives: result, teamsOf: ownerTeams };
}

export async function loadObjective(db: Db, orgId: string, id: string): Promise<LoadedObjective | undefined> {
  return (await loadObjectives(db, orgId, [id])).get(id);
}

export interface LoadedKeyResult {
  row: KeyResultRow;
  objective: LoadedObjective;
  facts: KeyResultFacts;
}

/**
 * What an objective's facts, its cycle and its owner's teams are read from (progress aside; the
 * row's details too, as callers may use the row).
 */
const OBJECTIVE_FACT_TABLES = ['objectives', 'objectives#detail', 'cycles', 'objective_readers', 'objective_teams', 'team_members'] as const;

/**
 * The key result with its objective's facts; `known` is its row when the caller has just read it.
 * Given `cached` (the connection `db` belongs to), the objective's facts come through the read
 * cache while nothing they are read from was written — checked inside a transaction too: the
 * versions count its own writes, and a rollback moves them all. The objective's progress and
 * health may then be older than the database's: such callers must not use them.
 */
export async function loadKeyResult(
  db: Db,
  orgId: string,
  id: string,
  known?: KeyResultRow,
  cached?: Connection,
): Promise<LoadedKeyResult | undefined> {
  const row = known ?? (await db.selectFrom('key_results').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst());
  if (!row) return undefined;
  const load = async () => {
    const { objectives, teamsOf: ownerTeams } = await loadObjectivesAndTeams(db, orgId, [row.objective_id], [row.owner_id]);
    return { objective: objectives.get(row.objective_id), ownerTeamIds: (row.owner_id && ownerTeams.get(row.owner_id)) || [] };
  };
  const { objective, ownerTeamIds } = cached
    ? await readThrough(cached, `kr-facts ${orgId} ${row.objective_id} ${row.owner_id ?? ''}`, load, () => 2_000, OBJECTIVE_FACT_TABLES)
    : await load();
  if (!objective) return undefined;
  return { row, objective, facts: { ownerId: row.owner_id, ownerTeamIds } };
}
