/**
 * SQL for the work around a cycle's lifecycle and the health dashboard: the objectives of a cycle
 * with whether the caller may read them, the organisation's teams and people, score requests,
 * carried copies and recent check-ins.
 */
import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import type { ScoreRequestTable } from '../db/schema.ts';
import type { ListScope } from '../policy/policy.ts';
import type { Db } from '../services/context.ts';
import { readableBy } from './objectives.ts';

export interface CycleObjectiveRecord {
  id: string;
  title: string;
  level: string;
  rationale: string | null;
  team_id: string | null;
  owner_id: string | null;
  visibility: string;
  status: string;
  progress: number;
  health: string | null;
  score: number | null;
  carried_from_id: string | null;
  created_at: string;
  /** 1 when the scope may read it. */
  readable: number;
}

/** Every objective of the cycle (private ones too), oldest first, with whether `scope` reads it. */
export async function cycleObjectives(
  db: Db,
  scope: ListScope,
  cycleId: string,
): Promise<CycleObjectiveRecord[]> {
  const rows = await db
    .selectFrom('objectives as o')
    .select([
      'o.id',
      'o.title',
      'o.level',
      'o.rationale',
      'o.team_id',
      'o.owner_id',
      'o.visibility',
      'o.status',
      'o.progress',
      'o.health',
      'o.score',
      'o.carried_from_id',
      'o.created_at',
      sql<number>`CASE WHEN ${readableBy(scope)} THEN 1 ELSE 0 END`.as('readable'),
    ])
    .where('o.org_id', '=', scope.orgId)
    .where('o.cycle_id', '=', cycleId)
    .orderBy('o.created_at')
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({ ...r, readable: Number(r.readable) }));
}

/** The organisation's teams with their members' ids. */
export async function teamsWithMembers(
  db: Db,
  orgId: string,
): Promise<{ id: string; name: string; parentId: string | null; memberIds: string[] }[]> {
  const [teams, members] = await Promise.all([
    db
      .selectFrom('teams')
      .select(['id', 'name', 'parent_id'])
      .where('org_id', '=', orgId)
      .orderBy('name')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('team_members')
      .select(['team_id', 'user_id'])
      .where('org_id', '=', orgId)
      .execute(),
  ]);
  const byTeam = new Map<string, string[]>();
  for (const m of members) byTeam.set(m.team_id, [...(byTeam.get(m.team_id) ?? []), m.user_id]);
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    parentId: t.parent_id,
    memberIds: byTeam.get(t.id) ?? [],
  }));
}

/** Everyone in the organisation, by name. */
export async function organisationPeople(
  db: Db,
  orgId: string,
): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('users as u')
    .innerJoin('memberships as m', 'm.user_id', 'u.id')
    .select(['u.id', 'u.name'])
    .where('m.org_id', '=', orgId)
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
}

/** Objective ids (of those given) whose grade has a proposed score, with that score. */
export async function proposedScores(
  db: Db,
  orgId: string,
  objectiveIds: readonly string[],
): Promise<Map<string, { proposed: number; confirmed: number | null }>> {
  if (objectiveIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('objective_grades')
    .select(['objective_id', 'proposed_score', 'confirmed_score'])
    .where('org_id', '=', orgId)
    .where('objective_id', 'in', objectiveIds)
    .execute();
  return new Map(
    rows.map((r) => [r.objective_id, { proposed: r.proposed_score, confirmed: r.confirmed_score }]),
  );
}

/** Replaces the cycle's score requests by these (asking again after a reopening). */
export async function replaceScoreRequests(
  db: Db,
  orgId: string,
  cycleId: string,
  rows: Insertable<ScoreRequestTable>[],
): Promise<void> {
  await db
    .deleteFrom('score_requests')
    .where('org_id', '=', orgId)
    .where('cycle_id', '=', cycleId)
    .execute();
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('score_requests')
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

export interface ScoreRequestRecord {
  objective_id: string;
  cycle_id: string;
  cycle_name: string;
  cycle_status: string;
  requested_at: string;
}

/** The score requests made to `ownerId` in cycles still in grading, oldest first. */
export async function scoreRequestsOf(
  db: Db,
  orgId: string,
  ownerId: string,
): Promise<ScoreRequestRecord[]> {
  return (
    db
      .selectFrom('score_requests as s')
      .innerJoin('cycles as c', 'c.id', 's.cycle_id')
      .innerJoin('objectives as o', 'o.id', 's.objective_id')
      .select([
        's.objective_id',
        's.cycle_id',
        'c.name as cycle_name',
        'c.status as cycle_status',
        's.requested_at',
      ])
      .where('s.org_id', '=', orgId)
      .where('s.owner_id', '=', ownerId)
      .where('c.status', '=', 'grading')
      // Still the owner, and still in the cycle asked about.
      .where('o.owner_id', '=', ownerId)
      .whereRef('o.cycle_id', '=', 's.cycle_id')
      .orderBy('s.requested_at')
      .orderBy('s.objective_id')
      .execute()
  );
}

/** Copies carried from these objectives, with their cycle. */
export async function carriedCopies(
  db: Db,
  orgId: string,
  originalIds: readonly string[],
): Promise<{ id: string; fromId: string; cycleId: string; cycleName: string }[]> {
  if (originalIds.length === 0) return [];
  const rows = await db
    .selectFrom('objectives as o')
    .innerJoin('cycles as c', 'c.id', 'o.cycle_id')
    .select(['o.id', 'o.carried_from_id', 'o.cycle_id', 'c.name'])
    .where('o.org_id', '=', orgId)
    .where('o.carried_from_id', 'in', originalIds)
    .orderBy('o.created_at')
    .execute();
  return rows.flatMap((r) =>
    r.carried_from_id === null
      ? []
      : [{ id: r.id, fromId: r.carried_from_id, cycleId: r.cycle_id, cycleName: r.name }],
  );
}

/** Readers, contributing teams and tags of these objectives (copied along with them). */
export async function objectiveRelationsOf(
  db: Db,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, { readerIds: string[]; contributingTeamIds: string[]; tags: string[] }>> {
  const map = new Map<
    string,
    { readerIds: string[]; contributingTeamIds: string[]; tags: string[] }
  >();
  if (ids.length === 0) return map;
  const entry = (id: string) => {
    let e = map.get(id);
    if (!e) {
      e = { readerIds: [], contributingTeamIds: [], tags: [] };
      map.set(id, e);
    }
    return e;
  };
  const [readers, teams, tags] = await Promise.all([
    db
      .selectFrom('objective_readers')
      .select(['objective_id', 'user_id'])
      .where('org_id', '=', orgId)
      .where('objective_id', 'in', ids)
      .execute(),
    db
      .selectFrom('objective_teams')
      .select(['objective_id', 'team_id'])
      .where('org_id', '=', orgId)
      .where('objective_id', 'in', ids)
      .execute(),
    db
      .selectFrom('objective_tags')
      .select(['objective_id', 'tag'])
      .where('org_id', '=', orgId)
      .where('objective_id', 'in', ids)
      .execute(),
  ]);
  for (const r of readers) entry(r.objective_id).readerIds.push(r.user_id);
  for (const t of teams) entry(t.objective_id).contributingTeamIds.push(t.team_id);
  for (const t of tags) entry(t.objective_id).tags.push(t.tag);
  return map;
}

/** Check-ins of these key results at or after `from` (instant and key result only). */
export async function checkInsSince(
  db: Db,
  orgId: string,
  keyResultIds: readonly string[],
  from: string,
): Promise<{ keyResultId: string; at: string }[]> {
  const out: { keyResultId: string; at: string }[] = [];
  for (let i = 0; i < keyResultIds.length; i += 500) {
    const rows = await db
      .selectFrom('check_ins')
      .select(['key_result_id', 'created_at'])
      .where('org_id', '=', orgId)
      .where('key_result_id', 'in', keyResultIds.slice(i, i + 500))
      .where('created_at', '>=', from)
      .execute();
    for (const r of rows) out.push({ keyResultId: r.key_result_id, at: r.created_at });
  }
  return out;
}

/** Points a key result at the key result it contributes to. */
export async function setContribution(
  db: Db,
  orgId: string,
  keyResultId: string,
  contributesToId: string,
): Promise<void> {
  await db
    .updateTable('key_results')
    .set({ contributes_to_id: contributesToId })
    .where('org_id', '=', orgId)
    .where('id', '=', keyResultId)
    .execute();
}
