/** Knowledge notes (notes, learnings, links and retrospectives on objectives) and grades. */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { KnowledgeNoteTable, ObjectiveGradeTable } from '../db/schema.ts';
import type { ListScope } from '../policy/policy.ts';
import type { Db } from '../services/context.ts';
import { readableBy } from './objectives.ts';

export type KnowledgeNoteRecord = Selectable<KnowledgeNoteTable> & {
  author_name: string | null;
  objective_title: string;
  objective_level: string;
  cycle_id: string;
  cycle_name: string;
  team_id: string | null;
  team_name: string | null;
};

function notesQuery(db: Db, orgId: string) {
  return db
    .selectFrom('knowledge_notes as n')
    .innerJoin('objectives as o', 'o.id', 'n.objective_id')
    .innerJoin('cycles as c', 'c.id', 'o.cycle_id')
    .leftJoin('users as u', 'u.id', 'n.author_id')
    .leftJoin('teams as t', 't.id', 'o.team_id')
    .selectAll('n')
    .select([
      'u.name as author_name',
      'o.title as objective_title',
      'o.level as objective_level',
      'o.cycle_id as cycle_id',
      'c.name as cycle_name',
      'o.team_id as team_id',
      't.name as team_name',
    ])
    .where('n.org_id', '=', orgId);
}

/** A LIKE pattern matching `term` anywhere, with LIKE's wildcards in the term taken literally. */
function containing(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Notes on one objective, newest first (`limit + 1` rows). */
export async function listObjectiveNotes(
  db: Db,
  orgId: string,
  objectiveId: string,
  page: { after?: string | undefined; limit: number },
): Promise<KnowledgeNoteRecord[]> {
  let query = notesQuery(db, orgId).where('n.objective_id', '=', objectiveId);
  if (page.after) query = query.where('n.id', '<', page.after);
  return query
    .orderBy('n.id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export interface NoteSearch {
  /** Lower-cased words; a note must contain each of them. */
  terms: string[];
  kind?: string | undefined;
  cycleId?: string | undefined;
  teamId?: string | undefined;
  after?: string | undefined;
  limit: number;
}

/**
 * Notes the scope may read (their objective is readable), newest first, each containing every
 * term in its lower-cased `search_text` — plain LIKE, the same on SQLite and PostgreSQL.
 */
export async function searchNotes(
  db: Db,
  scope: ListScope,
  search: NoteSearch,
): Promise<KnowledgeNoteRecord[]> {
  let query = notesQuery(db, scope.orgId).where(readableBy(scope, 'o'));
  for (const term of search.terms) {
    query = query.where(sql<boolean>`n.search_text LIKE ${containing(term)} ESCAPE '\\'`);
  }
  if (search.kind) query = query.where('n.kind', '=', search.kind);
  if (search.cycleId) query = query.where('o.cycle_id', '=', search.cycleId);
  if (search.teamId) {
    const teamId = search.teamId;
    query = query.where((eb) =>
      eb.or([
        eb('o.team_id', '=', teamId),
        eb.exists(
          eb
            .selectFrom('objective_teams as ot')
            .select('ot.team_id')
            .whereRef('ot.objective_id', '=', 'o.id')
            .where('ot.team_id', '=', teamId),
        ),
      ]),
    );
  }
  if (search.after) query = query.where('n.id', '<', search.after);
  return query
    .orderBy('n.id', 'desc')
    .limit(search.limit + 1)
    .execute();
}

/** Objectives with at least one note, readable by the scope, outside `excludeCycleId`. */
export async function objectivesWithNotes(
  db: Db,
  scope: ListScope,
  excludeCycleId: string | undefined,
  cap: number,
): Promise<{ id: string; title: string; team_id: string | null }[]> {
  let query = db
    .selectFrom('objectives as o')
    .select(['o.id', 'o.title', 'o.team_id'])
    .where('o.org_id', '=', scope.orgId)
    .where(readableBy(scope, 'o'))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('knowledge_notes as n')
          .select('n.id')
          .whereRef('n.objective_id', '=', 'o.id'),
      ),
    );
  if (excludeCycleId) query = query.where('o.cycle_id', '!=', excludeCycleId);
  return query.orderBy('o.id', 'desc').limit(cap).execute();
}

/** The newest notes of each objective, at most `perObjective` each. */
export async function newestNotesOf(
  db: Db,
  orgId: string,
  objectiveIds: string[],
  perObjective: number,
): Promise<Map<string, KnowledgeNoteRecord[]>> {
  const byObjective = new Map<string, KnowledgeNoteRecord[]>();
  if (objectiveIds.length === 0) return byObjective;
  const rows = await notesQuery(db, orgId)
    .where('n.objective_id', 'in', objectiveIds)
    .orderBy('n.id', 'desc')
    .execute();
  for (const row of rows) {
    const list = byObjective.get(row.objective_id) ?? [];
    if (list.length < perObjective) list.push(row);
    byObjective.set(row.objective_id, list);
  }
  return byObjective;
}

export async function findNote(
  db: Db,
  orgId: string,
  id: string,
): Promise<KnowledgeNoteRecord | undefined> {
  return notesQuery(db, orgId).where('n.id', '=', id).executeTakeFirst();
}

export async function findRetrospectiveNote(
  db: Db,
  orgId: string,
  objectiveId: string,
): Promise<KnowledgeNoteRecord | undefined> {
  return notesQuery(db, orgId)
    .where('n.objective_id', '=', objectiveId)
    .where('n.kind', '=', 'retrospective')
    .orderBy('n.id')
    .executeTakeFirst();
}

export async function insertNote(db: Db, row: Insertable<KnowledgeNoteTable>): Promise<void> {
  await db.insertInto('knowledge_notes').values(row).execute();
}

export type NoteChange = Partial<
  Pick<
    KnowledgeNoteTable,
    'kind' | 'body' | 'went_well' | 'went_badly' | 'learned' | 'search_text' | 'author_id'
  > & {
    links: string;
  }
>;

/** Changes a note and bumps its version; false when the version is no longer `expected`. */
export async function updateNote(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
  change: NoteChange,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('knowledge_notes')
    .set((eb) => ({ ...change, updated_at: at, version: eb(eb.ref('version'), '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteNote(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
): Promise<boolean> {
  const result = await db
    .deleteFrom('knowledge_notes')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

// ---- grades ----------------------------------------------------------------------------------

export type GradeRecord = Selectable<ObjectiveGradeTable> & {
  proposed_by_name: string | null;
  confirmed_by_name: string | null;
};

function gradesQuery(db: Db, orgId: string) {
  return db
    .selectFrom('objective_grades as g')
    .leftJoin('users as pu', 'pu.id', 'g.proposed_by')
    .leftJoin('users as cu', 'cu.id', 'g.confirmed_by')
    .selectAll('g')
    .select(['pu.name as proposed_by_name', 'cu.name as confirmed_by_name'])
    .where('g.org_id', '=', orgId);
}

export async function findGrade(
  db: Db,
  orgId: string,
  objectiveId: string,
): Promise<GradeRecord | undefined> {
  return gradesQuery(db, orgId).where('g.objective_id', '=', objectiveId).executeTakeFirst();
}

/** Grades of these objectives, by objective id. */
export async function gradesOf(
  db: Db,
  orgId: string,
  objectiveIds: string[],
): Promise<Map<string, GradeRecord>> {
  const result = new Map<string, GradeRecord>();
  for (const chunk of chunks(objectiveIds)) {
    const rows = await gradesQuery(db, orgId).where('g.objective_id', 'in', chunk).execute();
    for (const row of rows) result.set(row.objective_id, row);
  }
  return result;
}

export async function insertGrade(db: Db, row: Insertable<ObjectiveGradeTable>): Promise<void> {
  await db.insertInto('objective_grades').values(row).execute();
}

export type GradeChange = Partial<
  Pick<
    ObjectiveGradeTable,
    | 'proposed_score'
    | 'proposed_reason'
    | 'proposed_by'
    | 'proposed_at'
    | 'confirmed_score'
    | 'confirmed_note'
    | 'confirmed_by'
    | 'confirmed_at'
  >
>;

/** Changes a grade and bumps its version; false when the version is no longer `expected`. */
export async function updateGrade(
  db: Db,
  orgId: string,
  objectiveId: string,
  expected: number,
  change: GradeChange,
): Promise<boolean> {
  const result = await db
    .updateTable('objective_grades')
    .set((eb) => ({ ...change, version: eb(eb.ref('version'), '+', 1) }))
    .where('org_id', '=', orgId)
    .where('objective_id', '=', objectiveId)
    .where('version', '=', expected)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The confirmed score, stored on the objective too (exports and the objective view show it). */
export async function setObjectiveScore(
  db: Db,
  orgId: string,
  objectiveId: string,
  score: number | null,
): Promise<void> {
  await db
    .updateTable('objectives')
    .set({ score })
    .where('org_id', '=', orgId)
    .where('id', '=', objectiveId)
    .execute();
}

// ---- a cycle's objectives for grading and the report ----------------------------------------

export interface GradingObjectiveRecord {
  id: string;
  title: string;
  level: string;
  team_id: string | null;
  team_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  progress: number;
}

function gradingObjectivesQuery(db: Db, orgId: string) {
  return db
    .selectFrom('objectives as o')
    .leftJoin('teams as t', 't.id', 'o.team_id')
    .leftJoin('users as u', 'u.id', 'o.owner_id')
    .select([
      'o.id',
      'o.title',
      'o.level',
      'o.team_id',
      't.name as team_name',
      'o.owner_id',
      'u.name as owner_name',
      'o.progress',
    ])
    .where('o.org_id', '=', orgId);
}

export async function gradingObjective(
  db: Db,
  orgId: string,
  id: string,
): Promise<GradingObjectiveRecord | undefined> {
  return gradingObjectivesQuery(db, orgId).where('o.id', '=', id).executeTakeFirst();
}

/** The cycle's objectives the scope may read, by level then title, optionally of one team. */
export async function cycleObjectivesForGrading(
  db: Db,
  scope: ListScope,
  cycleId: string,
  teamId: string | undefined,
): Promise<GradingObjectiveRecord[]> {
  let query = gradingObjectivesQuery(db, scope.orgId)
    .where('o.cycle_id', '=', cycleId)
    .where(readableBy(scope, 'o'));
  if (teamId) query = query.where('o.team_id', '=', teamId);
  return query.orderBy('o.level').orderBy('o.title').orderBy('o.id').execute();
}

/** The first team (by name) of each owner, for individual objectives in the report. */
export async function firstTeamOf(
  db: Db,
  orgId: string,
  userIds: string[],
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const chunk of chunks([...new Set(userIds)])) {
    const rows = await db
      .selectFrom('team_members as m')
      .innerJoin('teams as t', 't.id', 'm.team_id')
      .select(['m.user_id', 't.name'])
      .where('m.org_id', '=', orgId)
      .where('m.user_id', 'in', chunk)
      .orderBy('t.name')
      .execute();
    for (const row of rows) if (!result.has(row.user_id)) result.set(row.user_id, row.name);
  }
  return result;
}

/** Key results of these objectives with what their suggested score needs. */
export async function keyResultsForScoring(db: Db, orgId: string, objectiveIds: string[]) {
  const rows = [];
  for (const chunk of chunks(objectiveIds)) {
    rows.push(
      ...(await db
        .selectFrom('key_results')
        .select([
          'id',
          'objective_id',
          'kind',
          'direction',
          'start_value',
          'target_value',
          'current_value',
          'weight',
        ])
        .where('org_id', '=', orgId)
        .where('objective_id', 'in', chunk)
        .orderBy('id')
        .execute()),
    );
  }
  return rows;
}

/** The `learned` answers of these objectives' retrospectives. */
export async function learnedOf(
  db: Db,
  orgId: string,
  objectiveIds: string[],
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const chunk of chunks(objectiveIds)) {
    const rows = await db
      .selectFrom('knowledge_notes')
      .select(['objective_id', 'learned'])
      .where('org_id', '=', orgId)
      .where('kind', '=', 'retrospective')
      .where('objective_id', 'in', chunk)
      .execute();
    for (const row of rows) if (row.learned) result.set(row.objective_id, row.learned);
  }
  return result;
}

/** Lists of ids short enough for one IN (…) on either database. */
function chunks<T>(items: T[], size = 900): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}
