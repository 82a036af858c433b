/** Reading the audit log: the admins' audit trail and the members' activity feed. */
import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../db/schema.ts';
import type { Db } from '../services/context.ts';

export type AuditRecord = Selectable<AuditLogTable> & { actor_name: string | null };

export interface AuditFilter {
  objectId?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  objectTypes?: readonly string[];
  /** Only entries about this objective, its key results and what hangs on them. */
  objectiveId?: string | undefined;
  /** The last id of the previous page: only older entries. */
  before?: string | undefined;
  /** Only newer entries than this id, oldest first (live updates). */
  after?: string | undefined;
  limit: number;
}

/** Audit entries of the organisation, newest first, `limit + 1` of them. */
export async function listAuditRecords(
  db: Db,
  orgId: string,
  filter: AuditFilter,
): Promise<AuditRecord[]> {
  let query = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .selectAll('a')
    .select('u.name as actor_name')
    .where('a.org_id', '=', orgId);
  const { objectId, actorId, action, objectTypes, objectiveId, before, after } = filter;
  if (objectId) query = query.where('a.object_id', '=', objectId);
  if (actorId) query = query.where('a.actor_id', '=', actorId);
  if (action) query = query.where('a.action', '=', action);
  if (objectTypes) query = query.where('a.object_type', 'in', [...objectTypes]);
  if (objectiveId) {
    query = query.where((eb) => {
      const keyResults = eb
        .selectFrom('key_results')
        .select('id')
        .where('objective_id', '=', objectiveId);
      return eb.or([
        eb('a.object_id', '=', objectiveId),
        eb('a.object_id', 'in', keyResults),
        eb(
          'a.object_id',
          'in',
          eb.selectFrom('initiatives').select('id').where('key_result_id', 'in', keyResults),
        ),
        eb(
          'a.object_id',
          'in',
          eb.selectFrom('check_ins').select('id').where('key_result_id', 'in', keyResults),
        ),
        eb(
          'a.object_id',
          'in',
          eb
            .selectFrom('comments')
            .select('id')
            .where((c) =>
              c.or([c('objective_id', '=', objectiveId), c('key_result_id', 'in', keyResults)]),
            ),
        ),
        eb(
          'a.object_id',
          'in',
          eb
            .selectFrom('dependencies')
            .select('id')
            .where((d) =>
              d.or([d('key_result_id', 'in', keyResults), d('depends_on_id', 'in', keyResults)]),
            ),
        ),
      ]);
    });
  }
  if (before) query = query.where('a.id', '<', before);
  if (after) query = query.where('a.id', '>', after);
  return query
    .orderBy('a.id', after ? 'asc' : 'desc')
    .limit(filter.limit + 1)
    .execute();
}

/** The newest audit entry's id of the organisation (live updates start after it). */
export async function newestAuditId(db: Db, orgId: string): Promise<string | null> {
  const row = await db
    .selectFrom('audit_log')
    .select('id')
    .where('org_id', '=', orgId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** What an audited object is about: the objectives it belongs to, its title and what it is on. */
export interface AuditSubject {
  objectiveIds: string[];
  title: string | null;
  /** For comments: whether it is on an objective or a key result. */
  on?: 'objective' | 'key result';
}

const key = (type: string, id: string) => `${type}:${id}`;

/** The subjects of the entries' objects that still exist, keyed `<objectType>:<objectId>`. */
export async function auditSubjects(
  db: Db,
  orgId: string,
  records: readonly AuditRecord[],
): Promise<Map<string, AuditSubject>> {
  const idsOf = (type: string) => [
    ...new Set(
      records
        .filter((r) => r.object_type === type && r.object_id !== null)
        .map((r) => r.object_id as string),
    ),
  ];
  const result = new Map<string, AuditSubject>();
  const lookups: Promise<void>[] = [];
  const lookup = <T>(
    type: string,
    run: (ids: string[]) => Promise<T[]>,
    subject: (row: T) => [string, AuditSubject],
  ) => {
    const ids = idsOf(type);
    if (ids.length === 0) return;
    lookups.push(
      run(ids).then((rows) => {
        for (const row of rows) {
          const [id, value] = subject(row);
          result.set(key(type, id), value);
        }
      }),
    );
  };
  lookup(
    'objective',
    (ids) =>
      db
        .selectFrom('objectives')
        .select(['id', 'title'])
        .where('org_id', '=', orgId)
        .where('id', 'in', ids)
        .execute(),
    (r) => [r.id, { objectiveIds: [r.id], title: r.title }],
  );
  lookup(
    'key_result',
    (ids) =>
      db
        .selectFrom('key_results')
        .select(['id', 'objective_id', 'title'])
        .where('org_id', '=', orgId)
        .where('id', 'in', ids)
        .execute(),
    (r) => [r.id, { objectiveIds: [r.objective_id], title: r.title }],
  );
  lookup(
    'check_in',
    (ids) =>
      db
        .selectFrom('check_ins as c')
        .innerJoin('key_results as k', 'k.id', 'c.key_result_id')
        .select(['c.id', 'k.objective_id', 'k.title'])
        .where('c.org_id', '=', orgId)
        .where('c.id', 'in', ids)
        .execute(),
    (r) => [r.id, { objectiveIds: [r.objective_id], title: r.title }],
  );
  lookup(
    'initiative',
    (ids) =>
      db
        .selectFrom('initiatives as i')
        .innerJoin('key_results as k', 'k.id', 'i.key_result_id')
        .select(['i.id', 'k.objective_id', 'i.title'])
        .where('i.org_id', '=', orgId)
        .where('i.id', 'in', ids)
        .execute(),
    (r) => [r.id, { objectiveIds: [r.objective_id], title: r.title }],
  );
  lookup(
    'comment',
    (ids) =>
      db
        .selectFrom('comments as c')
        .leftJoin('key_results as k', 'k.id', 'c.key_result_id')
        .innerJoin('objectives as o', (join) =>
          join.on((eb) =>
            eb.or([
              eb('o.id', '=', eb.ref('c.objective_id')),
              eb('o.id', '=', eb.ref('k.objective_id')),
            ]),
          ),
        )
        .select([
          'c.id',
          'o.id as objective_id',
          'o.title as objective_title',
          'k.title as kr_title',
        ])
        .where('c.org_id', '=', orgId)
        .where('c.id', 'in', ids)
        .execute(),
    (r) => [
      r.id,
      {
        objectiveIds: [r.objective_id],
        title: r.kr_title ?? r.objective_title,
        on: r.kr_title === null ? 'objective' : 'key result',
      },
    ],
  );
  lookup(
    'dependency',
    (ids) =>
      db
        .selectFrom('dependencies as d')
        .innerJoin('key_results as k', 'k.id', 'd.key_result_id')
        .innerJoin('key_results as dk', 'dk.id', 'd.depends_on_id')
        .select([
          'd.id',
          'k.objective_id',
          'k.title',
          'dk.objective_id as dep_objective_id',
          'dk.title as dep_title',
        ])
        .where('d.org_id', '=', orgId)
        .where('d.id', 'in', ids)
        .execute(),
    (r) => [
      r.id,
      {
        objectiveIds: [r.objective_id, r.dep_objective_id],
        title: `“${r.title}” depends on “${r.dep_title}”`,
      },
    ],
  );
  lookup(
    'team',
    (ids) =>
      db
        .selectFrom('teams')
        .select(['id', 'name'])
        .where('org_id', '=', orgId)
        .where('id', 'in', ids)
        .execute(),
    (r) => [r.id, { objectiveIds: [], title: r.name }],
  );
  lookup(
    'cycle',
    (ids) =>
      db
        .selectFrom('cycles')
        .select(['id', 'name'])
        .where('org_id', '=', orgId)
        .where('id', 'in', ids)
        .execute(),
    (r) => [r.id, { objectiveIds: [], title: r.name }],
  );
  await Promise.all(lookups);
  return result;
}

export function subjectOf(
  subjects: Map<string, AuditSubject>,
  record: AuditRecord,
): AuditSubject | undefined {
  return record.object_id === null
    ? undefined
    : subjects.get(key(record.object_type, record.object_id));
}
