/**
 * What time travel reads: a cycle as it is now (objectives with readers, teams, tags and
 * alignments, key results), the changes made after an instant (audit rows of objectives and key
 * results, key results checked in since), and key results' values at or before it. A fixed
 * number of queries whatever the size of the cycle; the work follows the changes since the
 * instant, through the indexes of migration 0011.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../services/context.ts';

/** Ids per statement: well under SQLite's and PostgreSQL's limits on parameters. */
const CHUNK = 2_000;

export interface PresentObjectiveRow {
  id: string;
  cycle_id: string;
  level: string;
  title: string;
  rationale: string | null;
  owner_id: string | null;
  team_id: string | null;
  visibility: string;
  status: string;
  include_children: number;
  created_at: string;
}

export interface PresentKeyResultRow {
  id: string;
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
  confidence: number | null;
  last_check_in_at: string | null;
  created_at: string;
}

export interface PresentCycle {
  objectives: PresentObjectiveRow[];
  /** objective id → reader ids, contributing team ids, tags. */
  readers: Map<string, string[]>;
  teams: Map<string, string[]>;
  tags: Map<string, string[]>;
  alignments: { childId: string; parentId: string }[];
  keyResults: PresentKeyResultRow[];
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const OBJECTIVE_COLUMNS = [
  'id',
  'cycle_id',
  'level',
  'title',
  'rationale',
  'owner_id',
  'team_id',
  'visibility',
  'status',
  'include_children',
  'created_at',
] as const;

const KEY_RESULT_COLUMNS = [
  'id',
  'objective_id',
  'title',
  'kind',
  'direction',
  'currency',
  'start_value',
  'target_value',
  'current_value',
  'unit',
  'weight',
  'owner_id',
  'contributes_to_id',
  'position',
  'confidence',
  'last_check_in_at',
  'created_at',
] as const;

/** A part of a cycle to read (see {@link presentCycle}). */
export interface PresentScope {
  objectiveIds: readonly string[];
  keyResultIds: readonly string[];
  /** These objectives wherever they are now (moved to another cycle since), with their own key results. */
  anyCycle?: boolean;
}

/**
 * Every objective of the cycle as stored now, with what time travel needs of each — or, given
 * `only`, just those of these objectives that are in the cycle, with the key results that are
 * theirs or count in them, and these other key results of the cycle.
 */
export async function presentCycle(
  db: Db,
  orgId: string,
  cycleId: string,
  only?: PresentScope,
): Promise<PresentCycle> {
  if (only) return presentPart(db, orgId, cycleId, only);
  const inCycle = (alias: string) =>
    sql<boolean>`${sql.ref(alias)} IN (SELECT id FROM objectives WHERE org_id = ${orgId} AND cycle_id = ${cycleId})`;
  const [objectives, relations, alignments, keyResults] = await Promise.all([
    db
      .selectFrom('objectives')
      .select(OBJECTIVE_COLUMNS)
      .where('org_id', '=', orgId)
      .where('cycle_id', '=', cycleId)
      .orderBy('id')
      .execute(),
    relationRows(db, orgId, inCycle('objective_id')),
    db
      .selectFrom('alignments')
      .select(['child_id', 'parent_id'])
      .where('org_id', '=', orgId)
      .where(inCycle('child_id'))
      .execute(),
    db
      .selectFrom('key_results')
      .select(KEY_RESULT_COLUMNS)
      .where('org_id', '=', orgId)
      .where(inCycle('objective_id'))
      .execute(),
  ]);
  return presentOf(objectives, relations, alignments, keyResults);
}

function relationRows(db: Db, orgId: string, of: RawBuilder<boolean>) {
  return db
    .selectFrom('objective_readers')
    .select(['objective_id', 'user_id as ref', sql<string>`'r'`.as('kind')])
    .where('org_id', '=', orgId)
    .where(of)
    .unionAll(
      db
        .selectFrom('objective_teams')
        .select(['objective_id', 'team_id as ref', sql<string>`'t'`.as('kind')])
        .where('org_id', '=', orgId)
        .where(of),
    )
    .unionAll(
      db
        .selectFrom('objective_tags')
        .select(['objective_id', 'tag as ref', sql<string>`'g'`.as('kind')])
        .where('org_id', '=', orgId)
        .where(of),
    )
    .execute();
}

function presentOf(
  objectives: PresentObjectiveRow[],
  relations: { objective_id: string; ref: string; kind: string }[],
  alignments: { child_id: string; parent_id: string }[],
  keyResults: PresentKeyResultRow[],
): PresentCycle {
  const readers = new Map<string, string[]>();
  const teams = new Map<string, string[]>();
  const tags = new Map<string, string[]>();
  for (const row of relations)
    push(row.kind === 'r' ? readers : row.kind === 't' ? teams : tags, row.objective_id, row.ref);
  return {
    objectives,
    readers,
    teams,
    tags,
    alignments: alignments.map((a) => ({ childId: a.child_id, parentId: a.parent_id })),
    keyResults,
  };
}

/** SQL `<column> IN (ids)`, false for no ids. */
const among = (column: string, ids: readonly string[]) =>
  ids.length === 0 ? sql<boolean>`1 = 0` : sql<boolean>`${sql.ref(column)} IN (${sql.join(ids)})`;

/**
 * {@link presentCycle} for a part of the cycle: every statement looks its rows up by key (ids,
 * the key results' objective and contribution indexes) instead of reading the whole cycle.
 */
async function presentPart(
  db: Db,
  orgId: string,
  cycleId: string,
  only: PresentScope,
): Promise<PresentCycle> {
  const objectives = (
    await db
      .selectFrom('objectives')
      .select([...OBJECTIVE_COLUMNS, 'org_id'])
      .where(among('id', only.objectiveIds))
      .orderBy('id')
      .execute()
  )
    .filter((o) => o.org_id === orgId && (only.anyCycle === true || o.cycle_id === cycleId))
    .map(({ org_id: _org, ...o }) => o);
  const ids = objectives.map((o) => o.id);
  const ofCycle = only.anyCycle
    ? sql<boolean>`1 = 0`
    : sql<boolean>`objective_id IN (SELECT id FROM objectives WHERE org_id = ${orgId} AND cycle_id = ${cycleId})`;
  const [relations, alignments, own, contributing, named] = await Promise.all([
    relationRows(db, orgId, among('objective_id', ids)),
    db
      .selectFrom('alignments')
      .select(['child_id', 'parent_id'])
      .where(among('child_id', ids))
      .where('org_id', '=', orgId)
      .execute(),
    db
      .selectFrom('key_results')
      .select(KEY_RESULT_COLUMNS)
      .where(among('objective_id', ids))
      .where('org_id', '=', orgId)
      .execute(),
    db
      .selectFrom('key_results')
      .select(KEY_RESULT_COLUMNS)
      .where(among('contributes_to_id', ids))
      .where('org_id', '=', orgId)
      .where(ofCycle)
      .execute(),
    db
      .selectFrom('key_results')
      .select(KEY_RESULT_COLUMNS)
      .where(among('id', only.keyResultIds))
      .where('org_id', '=', orgId)
      .where(ofCycle)
      .execute(),
  ]);
  const keyResults = new Map<string, PresentKeyResultRow>();
  for (const row of [...own, ...contributing, ...named]) keyResults.set(row.id, row);
  return presentOf(objectives, relations, alignments, [...keyResults.values()]);
}

/**
 * The objectives a view of a level or a team needs as of a past instant: those of the level (or
 * of the team, or that it contributes to) now, and `changed` ones (changes since may have put them
 * there); then downwards through the alignments every objective rolled up into one of them — by
 * one that rolls up its children, or by a changed one (it may have rolled them up then). At most
 * `max` + 1 ids: more means most of the cycle.
 */
export async function objectivesRollingInto(
  db: Db,
  orgId: string,
  cycleId: string,
  scope: { level?: string | undefined; teamId?: string | undefined },
  changed: readonly string[],
  max: number,
): Promise<string[]> {
  const rows = await db
    .withRecursive('down(id)', (qb) =>
      qb
        .selectFrom('objectives as o')
        .select('o.id')
        .where('o.org_id', '=', orgId)
        .where('o.cycle_id', '=', cycleId)
        .where((eb) =>
          eb.or([
            eb.and([
              scope.level === undefined ? sql<boolean>`1 = 1` : eb('o.level', '=', scope.level),
              scope.teamId === undefined
                ? sql<boolean>`1 = 1`
                : eb.or([
                    eb('o.team_id', '=', scope.teamId),
                    eb.exists(
                      eb
                        .selectFrom('objective_teams as t')
                        .select('t.objective_id')
                        .whereRef('t.objective_id', '=', 'o.id')
                        .where('t.team_id', '=', scope.teamId),
                    ),
                  ]),
            ]),
            among('o.id', changed),
          ]),
        )
        .union((qb2) =>
          qb2
            .selectFrom('down as d')
            .innerJoin('objectives as p', 'p.id', 'd.id')
            .innerJoin('alignments as a', 'a.parent_id', 'd.id')
            .select('a.child_id as id')
            .where((eb) => eb.or([eb('p.include_children', '=', 1), among('d.id', changed)])),
        ),
    )
    .selectFrom('down')
    .select('id')
    .limit(max + 1)
    .execute();
  return rows.map((r) => r.id);
}

/** The audit actions that change what time travel shows. */
export const REPLAYED_ACTIONS = [
  'objective.created',
  'objective.updated',
  'objective.deleted',
  'objective.aligned',
  'objective.unaligned',
  'objective.moved',
  'key_result.created',
  'key_result.updated',
  'key_result.moved',
  'key_result.deleted',
] as const;

export interface AuditChangeRow {
  id: string;
  action: string;
  object_id: string | null;
  before_json: string | null;
  after_json: string | null;
  created_at: string;
}

/** Changes to objectives and key results of the organisation after `asOf`, oldest first. */
export async function changesAfter(db: Db, orgId: string, asOf: string): Promise<AuditChangeRow[]> {
  return db
    .selectFrom('audit_log')
    .select(['id', 'action', 'object_id', 'before_json', 'after_json', 'created_at'])
    .where('org_id', '=', orgId)
    .where('action', 'in', [...REPLAYED_ACTIONS])
    .where('created_at', '>', asOf)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Key results of the organisation checked in after `asOf`, each with its latest such time. */
export async function checkedInAfter(
  db: Db,
  orgId: string,
  asOf: string,
): Promise<{ keyResultId: string; at: string }[]> {
  const rows = await db
    .selectFrom('check_ins')
    .select(['key_result_id', (eb) => eb.fn.max('created_at').as('at')])
    .where('org_id', '=', orgId)
    .where('created_at', '>', asOf)
    .groupBy('key_result_id')
    .execute();
  return rows.map((r) => ({ keyResultId: r.key_result_id, at: String(r.at) }));
}

/**
 * Like {@link checkedInAfter}, for these key results only: one seek each on the
 * (key_result_id, created_at) index.
 */
export async function keyResultsCheckedInAfter(
  db: Db,
  orgId: string,
  keyResultIds: readonly string[],
  asOf: string,
): Promise<{ keyResultId: string; at: string }[]> {
  const result: { keyResultId: string; at: string }[] = [];
  for (let i = 0; i < keyResultIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('check_ins')
      .select(['key_result_id', (eb) => eb.fn.max('created_at').as('at')])
      .where('key_result_id', 'in', keyResultIds.slice(i, i + CHUNK))
      .where('created_at', '>', asOf)
      .where('org_id', '=', orgId)
      .groupBy('key_result_id')
      .execute();
    for (const r of rows) result.push({ keyResultId: r.key_result_id, at: String(r.at) });
  }
  return result;
}

export interface ValueAt {
  keyResultId: string;
  at: string;
  value: number;
  confidence: number | null;
}

/**
 * Each key result's latest check-in at or before `asOf` (none: absent). For each key result one
 * seek on the (key_result_id, created_at) index, newest first, picks the check-in; the outer
 * query reads only those rows. In chunks, so that no statement has too many parameters.
 */
export async function latestCheckInsAtOrBefore(
  db: Db,
  orgId: string,
  keyResultIds: readonly string[],
  asOf: string,
): Promise<ValueAt[]> {
  const result: ValueAt[] = [];
  for (let i = 0; i < keyResultIds.length; i += CHUNK) {
    const chunk = keyResultIds.slice(i, i + CHUNK);
    // Driven from the key results (a primary-key seek each): filtering the check-ins by
    // organisation first let SQLite walk every check-in of the organisation per chunk (97 s for
    // 100,000 key results, against under a second this way).
    const rows = await db
      .selectFrom('key_results as k')
      .innerJoin('check_ins as c', (join) =>
        join.on('c.id', '=', (eb) =>
          eb
            .selectFrom('check_ins as l')
            .select('l.id')
            .whereRef('l.key_result_id', '=', 'k.id')
            .where('l.created_at', '<=', asOf)
            .orderBy('l.created_at', 'desc')
            .limit(1),
        ),
      )
      .select(['c.key_result_id', 'c.value', 'c.confidence', 'c.created_at'])
      .where('k.org_id', '=', orgId)
      .where('k.id', 'in', chunk)
      .execute();
    for (const r of rows)
      result.push({
        keyResultId: r.key_result_id,
        at: r.created_at,
        value: r.value,
        confidence: r.confidence,
      });
  }
  return result;
}

/**
 * Audit rows of these key results with one of `actions` (their creation, or the check-ins of
 * key results whose check-ins left with them), oldest first.
 */
export async function keyResultAudit(
  db: Db,
  orgId: string,
  keyResultIds: readonly string[],
  actions: readonly string[],
  upTo: string | null,
): Promise<AuditChangeRow[]> {
  const result: AuditChangeRow[] = [];
  for (let i = 0; i < keyResultIds.length; i += CHUNK) {
    let query = db
      .selectFrom('audit_log')
      .select(['id', 'action', 'object_id', 'before_json', 'after_json', 'created_at'])
      .where('org_id', '=', orgId)
      .where('object_id', 'in', keyResultIds.slice(i, i + CHUNK))
      .where('action', 'in', [...actions]);
    if (upTo !== null) query = query.where('created_at', '<=', upTo);
    result.push(...(await query.orderBy('created_at').orderBy('id').execute()));
  }
  return result.sort((a, b) =>
    a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1,
  );
}

/** The cycle of an objective now, or as its deletion recorded it; null when never seen. */
export async function cycleOfObjective(
  db: Db,
  orgId: string,
  objectiveId: string,
  asOf?: string,
): Promise<string | null> {
  if (asOf !== undefined) {
    // Moved to another cycle after the instant: it was in the cycle it left by the first such move.
    const move = await db
      .selectFrom('audit_log')
      .select(['before_json'])
      .where('object_id', '=', objectiveId)
      .where('org_id', '=', orgId)
      .where('action', '=', 'objective.moved')
      .where('created_at', '>', asOf)
      .orderBy('created_at')
      .executeTakeFirst();
    const from = move?.before_json ? (JSON.parse(move.before_json) as { cycleId?: unknown }) : {};
    if (typeof from.cycleId === 'string') return from.cycleId;
  }
  const row = await db
    .selectFrom('objectives')
    .select('cycle_id')
    .where('org_id', '=', orgId)
    .where('id', '=', objectiveId)
    .executeTakeFirst();
  if (row) return row.cycle_id;
  const deleted = await db
    .selectFrom('audit_log')
    .select(['before_json'])
    .where('object_id', '=', objectiveId)
    .where('org_id', '=', orgId)
    .where('action', '=', 'objective.deleted')
    .executeTakeFirst();
  if (!deleted?.before_json) return null;
  const before = JSON.parse(deleted.before_json) as { cycleId?: unknown };
  return typeof before.cycleId === 'string' ? before.cycleId : null;
}

/**
 * The objectives of the cycle that are private now, with their owner and readers: who may read
 * an objective now, read fresh for every view of the past (that view may come from a cache).
 */
export async function privateNow(
  db: Db,
  orgId: string,
  cycleId: string,
): Promise<Map<string, { ownerId: string | null; readerIds: string[] }>> {
  const [objectives, readers] = await Promise.all([
    db
      .selectFrom('objectives')
      .select(['id', 'owner_id'])
      .where('org_id', '=', orgId)
      .where('cycle_id', '=', cycleId)
      .where('visibility', '=', 'private')
      .execute(),
    db
      .selectFrom('objective_readers as r')
      .innerJoin('objectives as o', 'o.id', 'r.objective_id')
      .select(['r.objective_id', 'r.user_id'])
      .where('o.org_id', '=', orgId)
      .where('o.cycle_id', '=', cycleId)
      .where('o.visibility', '=', 'private')
      .execute(),
  ]);
  const result = new Map<string, { ownerId: string | null; readerIds: string[] }>();
  for (const o of objectives) result.set(o.id, { ownerId: o.owner_id, readerIds: [] });
  for (const r of readers) result.get(r.objective_id)?.readerIds.push(r.user_id);
  return result;
}
