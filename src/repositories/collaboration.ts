/** Initiatives and dependencies: the work around key results and between them. */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { DependencyStatus, InitiativeStatus } from '../contracts/model.ts';
import type { DependencyTable, InitiativeTable } from '../db/schema.ts';
import type { ListScope } from '../policy/policy.ts';
import type { Db } from '../services/context.ts';
import { loadObjectives, type KeyResultRow, type LoadedKeyResult } from './objective-facts.ts';

/** Key results of the organisation with their objectives and policy facts; unknown ids are absent. */
export async function loadKeyResults(
  db: Db,
  orgId: string,
  ids: string[],
): Promise<Map<string, LoadedKeyResult>> {
  const result = new Map<string, LoadedKeyResult>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return result;
  const rows: KeyResultRow[] = await db
    .selectFrom('key_results')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', 'in', unique)
    .execute();
  const owners = [
    ...new Set(rows.map((r) => r.owner_id).filter((id): id is string => id !== null)),
  ];
  const [objectives, teams] = await Promise.all([
    loadObjectives(
      db,
      orgId,
      rows.map((r) => r.objective_id),
    ),
    owners.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('team_members')
          .select(['user_id', 'team_id'])
          .where('org_id', '=', orgId)
          .where('user_id', 'in', owners)
          .execute(),
  ]);
  for (const row of rows) {
    const objective = objectives.get(row.objective_id);
    if (!objective) continue;
    const ownerTeamIds = teams.filter((t) => t.user_id === row.owner_id).map((t) => t.team_id);
    result.set(row.id, { row, objective, facts: { ownerId: row.owner_id, ownerTeamIds } });
  }
  return result;
}

/** SQL: the objective under `alias` is readable within the scope (public, owned, a reader, or admin). */
export function readableObjective(alias: string, scope: ListScope) {
  if (scope.readsAllPrivate) return sql<boolean>`1 = 1`;
  return sql<boolean>`(${sql.ref(`${alias}.visibility`)} = 'public' or ${sql.ref(`${alias}.owner_id`)} = ${scope.userId} or exists (select 1 from objective_readers r where r.objective_id = ${sql.ref(`${alias}.id`)} and r.user_id = ${scope.userId}))`;
}

async function updated(query: Promise<{ numUpdatedRows: bigint }>): Promise<boolean> {
  return (await query).numUpdatedRows > 0n;
}

async function deleted(query: Promise<{ numDeletedRows: bigint }>): Promise<boolean> {
  return (await query).numDeletedRows > 0n;
}

// ---- initiatives -----------------------------------------------------------------------------

export type InitiativeRecord = Selectable<InitiativeTable> & { owner_name: string | null };

function initiativesQuery(db: Db, orgId: string) {
  return db
    .selectFrom('initiatives as i')
    .leftJoin('users as u', 'u.id', 'i.owner_id')
    .selectAll('i')
    .select('u.name as owner_name')
    .where('i.org_id', '=', orgId);
}

export async function listInitiativeRecords(
  db: Db,
  orgId: string,
  keyResultId: string,
  page: { after?: string | undefined; limit: number },
): Promise<InitiativeRecord[]> {
  let query = initiativesQuery(db, orgId).where('i.key_result_id', '=', keyResultId);
  if (page.after) query = query.where('i.id', '>', page.after);
  return query
    .orderBy('i.id')
    .limit(page.limit + 1)
    .execute();
}

export async function findInitiative(
  db: Db,
  orgId: string,
  id: string,
): Promise<InitiativeRecord | undefined> {
  return initiativesQuery(db, orgId).where('i.id', '=', id).executeTakeFirst();
}

export async function insertInitiative(db: Db, row: Insertable<InitiativeTable>): Promise<void> {
  await db.insertInto('initiatives').values(row).execute();
}

export function updateInitiative(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
  changes: {
    title?: string;
    owner_id?: string | null;
    status?: InitiativeStatus;
    due_date?: string | null;
  },
): Promise<boolean> {
  return updated(
    db
      .updateTable('initiatives')
      .set((eb) => ({ ...changes, version: eb(eb.ref('version'), '+', 1) }))
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('version', '=', expected)
      .executeTakeFirst(),
  );
}

export function deleteInitiative(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
): Promise<boolean> {
  return deleted(
    db
      .deleteFrom('initiatives')
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('version', '=', expected)
      .executeTakeFirst(),
  );
}

// ---- dependencies ----------------------------------------------------------------------------

export type DependencyRecord = Selectable<DependencyTable> & {
  kr_title: string;
  kr_objective_id: string;
  dep_title: string;
  dep_objective_id: string;
};

function dependenciesQuery(db: Db, orgId: string) {
  return db
    .selectFrom('dependencies as d')
    .innerJoin('key_results as k', 'k.id', 'd.key_result_id')
    .innerJoin('objectives as ko', 'ko.id', 'k.objective_id')
    .innerJoin('key_results as dk', 'dk.id', 'd.depends_on_id')
    .innerJoin('objectives as dko', 'dko.id', 'dk.objective_id')
    .selectAll('d')
    .select([
      'k.title as kr_title',
      'k.objective_id as kr_objective_id',
      'dk.title as dep_title',
      'dk.objective_id as dep_objective_id',
    ])
    .where('d.org_id', '=', orgId);
}

export interface DependencyFilter {
  keyResultId?: string | undefined;
  teamId?: string | undefined;
  status?: DependencyStatus | undefined;
  after?: string | undefined;
  limit: number;
}

/** Dependencies whose two key results the scope may read, in creation order (`limit + 1` rows). */
export async function listDependencyRecords(
  db: Db,
  scope: ListScope,
  filter: DependencyFilter,
): Promise<DependencyRecord[]> {
  let query = dependenciesQuery(db, scope.orgId)
    .where(readableObjective('ko', scope))
    .where(readableObjective('dko', scope));
  const { keyResultId, teamId, status, after } = filter;
  if (keyResultId)
    query = query.where((eb) =>
      eb.or([eb('d.key_result_id', '=', keyResultId), eb('d.depends_on_id', '=', keyResultId)]),
    );
  if (teamId) {
    query = query.where((eb) =>
      eb.or([
        eb('ko.team_id', '=', teamId),
        eb('dko.team_id', '=', teamId),
        eb.exists(
          eb
            .selectFrom('objective_teams as ot')
            .select('ot.team_id')
            .where('ot.team_id', '=', teamId)
            .where((inner) =>
              inner.or([
                inner('ot.objective_id', '=', inner.ref('ko.id')),
                inner('ot.objective_id', '=', inner.ref('dko.id')),
              ]),
            ),
        ),
      ]),
    );
  }
  if (status) query = query.where('d.status', '=', status);
  if (after) query = query.where('d.id', '>', after);
  return query
    .orderBy('d.id')
    .limit(filter.limit + 1)
    .execute();
}

export async function findDependency(
  db: Db,
  orgId: string,
  id: string,
): Promise<DependencyRecord | undefined> {
  return dependenciesQuery(db, orgId).where('d.id', '=', id).executeTakeFirst();
}

export async function dependencyPairExists(
  db: Db,
  orgId: string,
  keyResultId: string,
  dependsOnId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('dependencies')
    .select('id')
    .where('org_id', '=', orgId)
    .where('key_result_id', '=', keyResultId)
    .where('depends_on_id', '=', dependsOnId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Every dependency of the organisation as an edge from the dependent key result to the one it needs. */
export async function dependencyEdges(
  db: Db,
  orgId: string,
): Promise<{ from: string; to: string }[]> {
  const rows = await db
    .selectFrom('dependencies')
    .select(['key_result_id', 'depends_on_id'])
    .where('org_id', '=', orgId)
    .execute();
  return rows.map((r) => ({ from: r.key_result_id, to: r.depends_on_id }));
}

export async function insertDependency(db: Db, row: Insertable<DependencyTable>): Promise<void> {
  await db.insertInto('dependencies').values(row).execute();
}

export function updateDependency(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
  changes: { note?: string | null; needed_by?: string | null; status?: DependencyStatus },
): Promise<boolean> {
  return updated(
    db
      .updateTable('dependencies')
      .set((eb) => ({ ...changes, version: eb(eb.ref('version'), '+', 1) }))
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('version', '=', expected)
      .executeTakeFirst(),
  );
}

export function deleteDependency(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
): Promise<boolean> {
  return deleted(
    db
      .deleteFrom('dependencies')
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('version', '=', expected)
      .executeTakeFirst(),
  );
}

/**
 * The open dependencies upstream of these key results (what they depend on, directly or
 * transitively), each with the stored health of the key result depended on: everything risk that
 * travels needs, in one recursive query that walks the (key_result_id, depends_on_id) index.
 */
export async function upstreamDependencies(
  db: Db,
  orgId: string,
  keyResultIds: readonly string[],
): Promise<{ from: string; to: string; toHealth: string | null }[]> {
  const unique = [...new Set(keyResultIds)];
  if (unique.length === 0) return [];
  // The recursion collects the edges with their health itself: each step is index lookups from
  // the one row it starts from. Joining outside it let SQLite's planner, which cannot tell how
  // few rows the recursion gives, scan the whole table instead.
  const rows = await db
    .withRecursive('upstream(key_result_id, depends_on_id, health)', (qb) =>
      qb
        .selectFrom('dependencies as d')
        .innerJoin('key_results as k', 'k.id', 'd.depends_on_id')
        .select(['d.key_result_id', 'd.depends_on_id', 'k.health'])
        .where('d.org_id', '=', orgId)
        .where('d.status', '=', 'open')
        .where('d.key_result_id', 'in', unique)
        .union(
          qb
            .selectFrom('upstream as u')
            .innerJoin('dependencies as d', 'd.key_result_id', 'u.depends_on_id')
            .innerJoin('key_results as k', 'k.id', 'd.depends_on_id')
            .select(['d.key_result_id', 'd.depends_on_id', 'k.health'])
            .where('d.org_id', '=', orgId)
            .where('d.status', '=', 'open'),
        ),
    )
    .selectFrom('upstream')
    .select(['key_result_id', 'depends_on_id', 'health'])
    .execute();
  // A stable order whatever the engine returns, so both dialects show the same path.
  return rows
    .map((r) => ({ from: r.key_result_id, to: r.depends_on_id, toHealth: r.health }))
    .sort((a, b) =>
      a.from === b.from ? (a.to < b.to ? -1 : 1) : a.from < b.from ? -1 : 1,
    );
}

/** Titles and objectives of these key results, and whether the scope may read each. */
export async function keyResultLabels(
  db: Db,
  scope: ListScope,
  keyResultIds: readonly string[],
): Promise<Map<string, { title: string; objectiveId: string; readable: boolean }>> {
  const unique = [...new Set(keyResultIds)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('key_results as k')
    .innerJoin('objectives as o', 'o.id', 'k.objective_id')
    .select(['k.id', 'k.title', 'k.objective_id', readableObjective('o', scope).as('readable')])
    .where('k.org_id', '=', scope.orgId)
    .where('k.id', 'in', unique)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { title: r.title, objectiveId: r.objective_id, readable: Boolean(r.readable) },
    ]),
  );
}
