/** Questions to the champions and the FAQ their published answers make. */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { QuestionTable } from '../db/schema.ts';
import type { ListScope } from '../policy/policy.ts';
import type { Db } from '../services/context.ts';

export type QuestionRecord = Selectable<QuestionTable> & {
  asker_name: string | null;
  assignee_name: string | null;
  answerer_name: string | null;
  objective_title: string | null;
  announcement_title: string | null;
};

function questionsQuery(db: Db, orgId: string) {
  return db
    .selectFrom('questions as q')
    .leftJoin('users as asker', 'asker.id', 'q.asker_id')
    .leftJoin('users as assignee', 'assignee.id', 'q.assignee_id')
    .leftJoin('users as answerer', 'answerer.id', 'q.answered_by')
    .leftJoin('objectives as o', 'o.id', 'q.objective_id')
    .leftJoin('announcements as a', 'a.id', 'q.announcement_id')
    .selectAll('q')
    .select([
      'asker.name as asker_name',
      'assignee.name as assignee_name',
      'answerer.name as answerer_name',
      'o.title as objective_title',
      'a.title as announcement_title',
    ])
    .where('q.org_id', '=', orgId);
}

/** The condition "no objective, or one the scope may read" on the joined objective `o`. */
function aboutReadable(scope: ListScope) {
  if (scope.readsAllPrivate) return sql<boolean>`1 = 1`;
  return sql<boolean>`(q.objective_id IS NULL OR o.visibility = 'public' OR o.owner_id = ${scope.userId} OR EXISTS (SELECT 1 FROM objective_readers rd WHERE rd.objective_id = q.objective_id AND rd.user_id = ${scope.userId}))`;
}

/** A LIKE pattern matching `term` anywhere, with LIKE's wildcards in the term taken literally. */
function containing(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function findQuestion(
  db: Db,
  orgId: string,
  id: string,
): Promise<QuestionRecord | undefined> {
  return questionsQuery(db, orgId).where('q.id', '=', id).executeTakeFirst();
}

export interface QuestionListing {
  /** Only the questions this person asked (everyone but the desk). */
  askerId?: string | undefined;
  status?: string | undefined;
  after?: string | undefined;
  limit: number;
}

/** Questions about nothing or about objectives the scope may read, newest first. */
export async function listQuestions(
  db: Db,
  scope: ListScope,
  listing: QuestionListing,
): Promise<QuestionRecord[]> {
  let query = questionsQuery(db, scope.orgId).where(aboutReadable(scope));
  if (listing.askerId) query = query.where('q.asker_id', '=', listing.askerId);
  if (listing.status) query = query.where('q.status', '=', listing.status);
  if (listing.after) query = query.where('q.id', '<', listing.after);
  return query
    .orderBy('q.id', 'desc')
    .limit(listing.limit + 1)
    .execute();
}

/** Published answers the scope may read containing every term, newest first. */
export async function searchFaq(
  db: Db,
  scope: ListScope,
  search: { terms: string[]; after?: string | undefined; limit: number },
): Promise<QuestionRecord[]> {
  let query = questionsQuery(db, scope.orgId)
    .where('q.published_to_faq', '=', 1)
    .where(aboutReadable(scope));
  for (const term of search.terms) {
    query = query.where(sql<boolean>`q.search_text LIKE ${containing(term)} ESCAPE '\\'`);
  }
  if (search.after) query = query.where('q.id', '<', search.after);
  return query
    .orderBy('q.id', 'desc')
    .limit(search.limit + 1)
    .execute();
}

export async function insertQuestion(db: Db, row: Insertable<QuestionTable>): Promise<void> {
  await db.insertInto('questions').values(row).execute();
}

export type QuestionChange = Partial<
  Pick<
    QuestionTable,
    | 'status'
    | 'assignee_id'
    | 'answer'
    | 'answered_by'
    | 'answered_at'
    | 'faq_title'
    | 'search_text'
  > & { published_to_faq: number }
>;

/** Changes a question and bumps its version; false when the version is not `expected`. */
export async function updateQuestion(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
  change: QuestionChange,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('questions')
    .set((eb) => ({ ...change, updated_at: at, version: eb(eb.ref('version'), '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The champions of the organisation (whom a question may be assigned to). */
export async function championIds(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('member_roles')
    .select('user_id')
    .where('org_id', '=', orgId)
    .where('role', '=', 'champion')
    .execute();
  return rows.map((r) => r.user_id);
}
