/**
 * Reading many objectives at once: the alignment tree of a cycle, the filtered objective list and
 * "my OKRs". A fixed number of queries whatever the size, selecting only the columns shown, and
 * what the caller may not read filtered (lists) or flagged (the tree) in SQL.
 */
import { sql } from 'kysely';
import type { Health, ObjectiveLevel, ObjectiveStatus } from '../contracts/model.ts';
import type { ListScope } from '../policy/policy.ts';
import type { Db } from '../services/context.ts';
import type { CycleInfo } from './objective-facts.ts';
import { readableBy } from './objectives.ts';

export interface ObjectiveFilters {
  cycleId?: string;
  level?: ObjectiveLevel;
  teamId?: string;
  ownerId?: string;
  status?: ObjectiveStatus;
  /** The stored health; `none`: nothing to measure (health is null). */
  health?: Health | 'none';
  tag?: string;
  /** Words to find in the title or rationale, any case. */
  text?: string;
}

/** `text` as a LIKE pattern that matches it literally anywhere ('!' escapes the wildcards). */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/**
 * Ids of the objectives matching the filters that the scope may read, in id order (creation
 * order: ids are UUIDv7), after `afterId`; at most `limit`.
 */
export async function searchObjectiveIds(
  db: Db,
  scope: ListScope,
  filters: ObjectiveFilters,
  limit: number,
  afterId?: string,
): Promise<string[]> {
  let query = db.selectFrom('objectives as o').select('o.id').where('o.org_id', '=', scope.orgId).where(readableBy(scope));
  if (filters.cycleId) query = query.where('o.cycle_id', '=', filters.cycleId);
  if (filters.level) query = query.where('o.level', '=', filters.level);
  if (filters.ownerId) query = query.where('o.owner_id', '=', filters.ownerId);
  if (filters.status) query = query.where('o.status', '=', filters.status);
  if (filters.health === 'none') query = query.where('o.health', 'is', null);
  else if (filters.health) query = query.where('o.health', '=', filters.health);
  const { teamId, tag, text } = filters;
  if (teamId) {
    query = query.where((eb) =>
      eb.or([
        eb('o.team_id', '=', teamId),
        eb.exists(eb.selectFrom('objective_teams as t').select('t.team_id').whereRef('t.objective_id', '=', 'o.id').where('t.team_id', '=', teamId)),
      ]),
    );
  }
  if (tag) {
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom('objective_tags as g').select('g.tag').whereRef('g.objective_id', '=', 'o.id').where('g.org_id', '=', scope.orgId).where('g.tag', '=', tag),
      ),
    );
  }
  if (text) {
    const pattern = containsPattern(text);
    query = query.where(
      sql<boolean>`(LOWER(o.title) LIKE ${pattern} ESCAPE '!' OR LOWER(COALESCE(o.rationale, '')) LIKE ${pattern} ESCAPE '!')`,
    );
  }
  if (afterId) query = query.where('o.id', '>', afterId);
  const rows = await query.orderBy('o.id').limit(limit).execute();
  return rows.map((r) => r.id);
}

export interface TreeRows {
  objectives: {
    id: string;
    title: string;
    level: string;
    owner_id: string | null;
    team_id: string | null;
    progress: number;
    health: string | null;
    readable: number;
    key_result_count: number | null;
  }[];
  alignments: { child_id: string; parent_id: string; created_at: string }[];
  teams: { id: string; name: string }[];
  owners: { id: string; name: string }[];
}

/**
 * Everything the alignment tree of a cycle shows, in four queries. `readable` is 1 for the
 * objectives the scope may read; the others are to be shown as private stubs. Measured on 30,000
 * objectives: counting key results per objective through their index inside the objectives query
 * costs less than a separate GROUP BY, and alignments come unsorted (sorting a child's few parents
 * afterwards is cheaper than a temporary B-tree over all of them).
 */
export async function cycleTreeRows(db: Db, scope: ListScope, cycleId: string): Promise<TreeRows> {
  const orgId = scope.orgId;
  // The organisation is checked on the cycle (or the outer query): on the objectives themselves
  // the planner may walk all of the organisation's objectives through (org_id, id) instead of the
  // cycle's through (cycle_id, level).
  const inCycle = db.selectFrom('objectives as c').where('c.cycle_id', '=', cycleId);
  const [objectives, alignments, teams, owners] = await Promise.all([
    db
      .selectFrom('cycles as cy')
      .innerJoin('objectives as o', 'o.cycle_id', 'cy.id')
      .select(['o.id', 'o.title', 'o.level', 'o.owner_id', 'o.team_id', 'o.progress', 'o.health'])
      .select(sql<number>`CASE WHEN ${readableBy(scope)} THEN 1 ELSE 0 END`.as('readable'))
      .select((eb) =>
        eb.selectFrom('key_results as k').select(eb.fn.countAll<number>().as('n')).whereRef('k.objective_id', '=', 'o.id').as('key_result_count'),
      )
      .where('cy.org_id', '=', orgId)
      .where('cy.id', '=', cycleId)
      .orderBy('o.id')
      .execute(),
    db
      .selectFrom('alignments as a')
      .innerJoin('objectives as o', 'o.id', 'a.child_id')
      .select(['a.child_id', 'a.parent_id', 'a.created_at'])
      .where('a.org_id', '=', orgId)
      .where('o.cycle_id', '=', cycleId)
      .execute(),
    db
      .selectFrom('teams')
      .select(['id', 'name'])
      .where('org_id', '=', orgId)
      .where('id', 'in', inCycle.select('c.team_id').where('c.team_id', 'is not', null))
      .execute(),
    db
      .selectFrom('users as u')
      .innerJoin('memberships as m', 'm.user_id', 'u.id')
      .select(['u.id', 'u.name'])
      .where('m.org_id', '=', orgId)
      .where('u.id', 'in', inCycle.select('c.owner_id').where('c.owner_id', 'is not', null))
      .execute(),
  ]);
  return { objectives, alignments, teams, owners };
}

/** The tables {@link cycleTreeRows} reads (progress and health of objectives aside). */
export const CYCLE_TREE_TABLES = [
  'organisations',
  'cycles',
  'objectives',
  'key_results',
  'alignments',
  'teams',
  'users',
  'memberships',
  'member_roles',
  'team_members',
  'objective_readers',
  'objective_teams',
] as const;

/**
 * Which of the cycle's private objectives the scope may read, as a key: everyone with the same key
 * sees the same tree (readers of no private objective, most people, share 'none'; admins 'all').
 */
export async function privateReadKey(db: Db, scope: ListScope, cycleId: string): Promise<string> {
  if (scope.readsAllPrivate) return 'all';
  const rows = await db
    .selectFrom('objectives as o')
    .select('o.id')
    .where('o.cycle_id', '=', cycleId)
    .where('o.org_id', '=', scope.orgId)
    .where('o.visibility', '=', 'private')
    .where((eb) =>
      eb.or([
        eb('o.owner_id', '=', scope.userId),
        eb.exists(eb.selectFrom('objective_readers as rd').select('rd.objective_id').whereRef('rd.objective_id', '=', 'o.id').where('rd.user_id', '=', scope.userId)),
      ]),
    )
    .orderBy('o.id')
    .execute();
  return rows.length === 0 ? 'none' : rows.map((r) => r.id).join(',');
}

/** The tables {@link privateReadKey} reads. */
export const PRIVATE_READ_TABLES = ['objectives', 'objective_readers', 'member_roles'] as const;

/** Progress and health of every objective of a cycle, as stored now. */
export async function cycleProgressRows(db: Db, orgId: string, cycleId: string): Promise<{ id: string; progress: number; health: string | null }[]> {
  return db.selectFrom('objectives').select(['id', 'progress', 'health']).where('org_id', '=', orgId).where('cycle_id', '=', cycleId).execute();
}

const CYCLE_COLUMNS = ['id', 'name', 'status', 'start_date', 'end_date'] as const;

/** The active cycle containing `today` (YYYY-MM-DD), else the one starting last; undefined when there is none. */
export async function currentCycle(db: Db, orgId: string, today: string): Promise<CycleInfo | undefined> {
  const active = await db
    .selectFrom('cycles')
    .select(CYCLE_COLUMNS)
    .where('org_id', '=', orgId)
    .where('status', '=', 'active')
    .where('start_date', '<=', today)
    .where('end_date', '>=', today)
    .orderBy('start_date', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const row =
    active ??
    (await db.selectFrom('cycles').select(CYCLE_COLUMNS).where('org_id', '=', orgId).orderBy('start_date', 'desc').orderBy('id', 'desc').executeTakeFirst());
  return row ? { ...row, status: row.status as CycleInfo['status'] } : undefined;
}

/**
 * Ids of the objectives this person owns in the cycle that the scope may read, in creation order
 * (sorted here: ORDER BY id would tempt SQLite into the organisation's (org_id, id) index).
 */
export async function ownedObjectiveIds(db: Db, scope: ListScope, cycleId: string, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('objectives as o')
    .select('o.id')
    .where('o.org_id', '=', scope.orgId)
    .where('o.cycle_id', '=', cycleId)
    .where('o.owner_id', '=', userId)
    .where(readableBy(scope))
    .execute();
  return rows.map((r) => r.id).sort();
}
