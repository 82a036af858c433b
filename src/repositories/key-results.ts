/**
 * Key results: writing them under optimistic concurrency and reading those of objectives. Every
 * query is scoped to one organisation.
 */
import type { Insertable, Updateable } from 'kysely';
import type { KeyResultTable } from '../db/schema.ts';
import type { Db } from '../services/context.ts';
import type { KeyResultRow } from './objective-facts.ts';

export async function insertKeyResults(db: Db, rows: Insertable<KeyResultTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('key_results').values(rows).execute();
}

/** Key results of these objectives, in their display order. */
export async function keyResultsOf(db: Db, orgId: string, objectiveIds: readonly string[]): Promise<KeyResultRow[]> {
  if (objectiveIds.length === 0) return [];
  return db
    .selectFrom('key_results')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('objective_id', 'in', objectiveIds)
    .orderBy('objective_id')
    .orderBy('position')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The position after the objective's last key result. */
export async function nextPosition(db: Db, orgId: string, objectiveId: string): Promise<number> {
  const row = await db
    .selectFrom('key_results')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('org_id', '=', orgId)
    .where('objective_id', '=', objectiveId)
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

/**
 * Changes the key result's columns and bumps its version, only if the stored version is still
 * `expectedVersion`. False when it was not, or the key result is gone.
 */
export async function updateKeyResultIfVersion(
  db: Db,
  orgId: string,
  id: string,
  expectedVersion: number,
  changes: Omit<Updateable<KeyResultTable>, 'id' | 'org_id' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('key_results')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteKeyResultIfVersion(db: Db, orgId: string, id: string, expectedVersion: number): Promise<boolean> {
  const result = await db
    .deleteFrom('key_results')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Bumps the key result's version, which also locks its row until the transaction ends: check-ins
 * on one key result then take turns, so each sees the ones committed before it. False when the
 * key result does not exist in the organisation.
 */
export async function claimKeyResult(db: Db, orgId: string, id: string, at: string): Promise<KeyResultRow | undefined> {
  return db
    .updateTable('key_results')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: at }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Sets the key result's current value, confidence and last check-in from its latest check-in
 * (by time, then id), so the latest wins whatever order concurrent check-ins committed in. Call it
 * with the key result claimed ({@link claimKeyResult}); `added` is the check-in just appended and
 * `lastBefore` the key result's last check-in time read after claiming: when the new one is
 * strictly later it is the latest, without looking. Returns what it set (undefined when the key
 * result has no check-in at all).
 */
export async function applyLatestCheckIn(
  db: Db,
  orgId: string,
  id: string,
  added: { value: number; confidence: number | null; created_at: string },
  lastBefore: string | null,
): Promise<LatestCheckIn | undefined> {
  if (lastBefore === null || added.created_at > lastBefore) {
    const latest = { current_value: added.value, confidence: added.confidence, last_check_in_at: added.created_at };
    await db.updateTable('key_results').set(latest).where('org_id', '=', orgId).where('id', '=', id).execute();
    return latest;
  }
  const latest = await db
    .selectFrom('check_ins')
    .select(['value', 'confidence', 'created_at'])
    .where('org_id', '=', orgId)
    .where('key_result_id', '=', id)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest) return undefined;
  const set = { current_value: latest.value, confidence: latest.confidence, last_check_in_at: latest.created_at };
  await db.updateTable('key_results').set(set).where('org_id', '=', orgId).where('id', '=', id).execute();
  return set;
}

/** What a check-in sets on its key result. */
export interface LatestCheckIn {
  current_value: number;
  confidence: number | null;
  last_check_in_at: string;
}


/** Key results this person owns in the cycle, with their objective's id and title. */
export async function keyResultsOwnedIn(
  db: Db,
  orgId: string,
  cycleId: string,
  userId: string,
): Promise<KeyResultRow[]> {
  return db
    .selectFrom('key_results as k')
    .innerJoin('objectives as o', 'o.id', 'k.objective_id')
    .selectAll('k')
    .where('k.org_id', '=', orgId)
    .where('o.cycle_id', '=', cycleId)
    .where('k.owner_id', '=', userId)
    .orderBy('k.objective_id')
    .orderBy('k.position')
    .orderBy('k.id')
    .execute();
}

/** Key results of `objectiveId` stop counting in `parentId` (after the alignment between them is removed). */
export async function detachContributions(db: Db, orgId: string, objectiveId: string, parentId: string, at: string): Promise<string[]> {
  const rows = await db
    .updateTable('key_results')
    .set((eb) => ({ contributes_to_id: null, updated_at: at, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('objective_id', '=', objectiveId)
    .where('contributes_to_id', '=', parentId)
    .returning('id')
    .execute();
  return rows.map((r) => r.id).sort();
}

/** Key results of other objectives that count in this one (`contributes_to_id`), by id. */
export async function contributingKeyResultIds(db: Db, orgId: string, objectiveId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('key_results')
    .select('id')
    .where('org_id', '=', orgId)
    .where('contributes_to_id', '=', objectiveId)
    .where('objective_id', '!=', objectiveId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
