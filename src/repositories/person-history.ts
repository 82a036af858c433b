/**
 * A person's history across cycles: the objectives they own and the check-ins they wrote, only
 * under objectives the scope may read. Every query is scoped to one organisation.
 */
import type { ListScope } from '../policy/policy.ts';
import type { Db } from '../services/context.ts';
import { readableBy } from './objectives.ts';

export interface HistoryObjectiveRow {
  id: string;
  title: string;
  level: string;
  status: string;
  progress: number;
  health: string | null;
  score: number | null;
  cycle_id: string;
}

export interface HistoryCycleRow {
  id: string;
  name: string;
  status: string;
  start_date: string;
  end_date: string;
}

export interface HistoryCheckInRow {
  id: string;
  value: number;
  confidence: number | null;
  note: string | null;
  created_at: string;
  key_result_id: string;
  key_result_title: string;
  unit: string | null;
  objective_id: string;
  objective_title: string;
  cycle_id: string;
}

/** Objectives the person owns, in every cycle, that the scope may read; by cycle start, then creation. */
export async function ownedObjectivesAcrossCycles(
  db: Db,
  scope: ListScope,
  userId: string,
): Promise<HistoryObjectiveRow[]> {
  return db
    .selectFrom('objectives as o')
    .innerJoin('cycles as c', 'c.id', 'o.cycle_id')
    .select([
      'o.id',
      'o.title',
      'o.level',
      'o.status',
      'o.progress',
      'o.health',
      'o.score',
      'o.cycle_id',
    ])
    .where('o.org_id', '=', scope.orgId)
    .where('o.owner_id', '=', userId)
    .where(readableBy(scope, 'o'))
    .orderBy('c.start_date')
    .orderBy('o.id')
    .execute();
}

/** The latest `limit` check-ins the person wrote on key results the scope may read, newest first. */
export async function checkInsWrittenBy(
  db: Db,
  scope: ListScope,
  userId: string,
  limit: number,
): Promise<HistoryCheckInRow[]> {
  return db
    .selectFrom('check_ins as ci')
    .innerJoin('key_results as k', 'k.id', 'ci.key_result_id')
    .innerJoin('objectives as o', 'o.id', 'k.objective_id')
    .select([
      'ci.id',
      'ci.value',
      'ci.confidence',
      'ci.note',
      'ci.created_at',
      'k.id as key_result_id',
      'k.title as key_result_title',
      'k.unit',
      'o.id as objective_id',
      'o.title as objective_title',
      'o.cycle_id',
    ])
    .where('ci.org_id', '=', scope.orgId)
    .where('ci.author_id', '=', userId)
    .where(readableBy(scope, 'o'))
    .orderBy('ci.created_at', 'desc')
    .orderBy('ci.id', 'desc')
    .limit(limit)
    .execute();
}

/** How many check-ins the person wrote in each cycle, on key results the scope may read. */
export async function checkInCountsByCycle(
  db: Db,
  scope: ListScope,
  userId: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('check_ins as ci')
    .innerJoin('key_results as k', 'k.id', 'ci.key_result_id')
    .innerJoin('objectives as o', 'o.id', 'k.objective_id')
    .select((eb) => ['o.cycle_id', eb.fn.countAll<number | string | bigint>().as('count')])
    .where('ci.org_id', '=', scope.orgId)
    .where('ci.author_id', '=', userId)
    .where(readableBy(scope, 'o'))
    .groupBy('o.cycle_id')
    .execute();
  return new Map(rows.map((r) => [r.cycle_id, Number(r.count)]));
}

/** The organisation's cycles among `ids`, by start date. */
export async function cyclesAmong(
  db: Db,
  orgId: string,
  ids: readonly string[],
): Promise<HistoryCycleRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('cycles')
    .select(['id', 'name', 'status', 'start_date', 'end_date'])
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .orderBy('start_date')
    .orderBy('id')
    .execute();
}
