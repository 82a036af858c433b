/** The activity feed: what happened in the organisation, without what the caller may not read. */
import type { ActivityEntryView, ActivityQuery } from '../../contracts/api/collaboration.ts';
import { encodeCursor, type Page } from '../../contracts/api/page.ts';
import { authorize, can, listScope, type Actor } from '../../policy/policy.ts';
import { parsePayload, presentActivityEntry } from '../../presenters/collaboration.ts';
import {
  auditSubjects,
  listAuditRecords,
  subjectOf,
  type AuditRecord,
  type AuditSubject,
} from '../../repositories/activity.ts';
import {
  loadObjective,
  loadObjectives,
  type LoadedObjective,
} from '../../repositories/objective-facts.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';

/** Object types the feed shows. Accounts, invitations and role changes stay in the audit log. */
export const ACTIVITY_OBJECT_TYPES = [
  'objective',
  'key_result',
  'check_in',
  'initiative',
  'comment',
  'dependency',
  'cycle',
  'team',
] as const;
const ORGANISATION_WIDE = new Set(['cycle', 'team']);
/** How many batches one page may read while skipping entries the caller cannot see. */
const MAX_BATCHES = 8;

function payloadField(record: AuditRecord, name: string): unknown[] {
  return [parsePayload(record.after_json), parsePayload(record.before_json)].map((payload) =>
    typeof payload === 'object' && payload !== null
      ? (payload as Record<string, unknown>)[name]
      : undefined,
  );
}

/** The objectives an entry is about: from the live object, else from what its payload recorded. */
function objectiveIdsOf(record: AuditRecord, subject: AuditSubject | undefined): string[] {
  if (subject) return subject.objectiveIds;
  if (record.object_type === 'objective' && record.object_id) return [record.object_id];
  const ids = [
    ...payloadField(record, 'objectiveId'),
    ...payloadField(record, 'objective_id'),
    ...payloadField(record, 'objectiveIds').flat(),
  ];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
}

/**
 * The visibility recorded in the state an objective's entry shows: the summary names the title
 * after the change (before it, for a deletion), so an update that made an objective private —
 * perhaps retitling it too — is judged private, not by the public state it left.
 */
function shownVisibility(record: AuditRecord): unknown {
  const [after, before] = payloadField(record, 'visibility');
  return after ?? before;
}

/**
 * Whether the actor may see the entry: organisation-wide objects always; OKR objects when every
 * objective they touch is readable (the policy's read rule). An objective deleted since is judged
 * by the visibility its entry recorded; anything else no longer traceable is for admins only.
 */
function visibleTo(
  actor: Actor,
  record: AuditRecord,
  objectiveIds: string[],
  objectives: Map<string, LoadedObjective>,
): boolean {
  if (ORGANISATION_WIDE.has(record.object_type)) return true;
  const { readsAllPrivate } = listScope(actor);
  if (objectiveIds.length === 0) return readsAllPrivate;
  return objectiveIds.every((id) => {
    const objective = objectives.get(id);
    if (objective)
      return can(actor, 'objective.read', { type: 'objective', objective: objective.facts });
    const recordedPublic =
      record.object_type === 'objective' &&
      id === record.object_id &&
      shownVisibility(record) === 'public';
    return readsAllPrivate || recordedPublic;
  });
}

/**
 * The newest entries first, optionally only about one objective (404 when the caller cannot read
 * it). Each entry is a summary line; payloads stay in the audit log.
 */
export async function activityFeed(
  ctx: ServiceContext,
  query: ActivityQuery,
): Promise<Page<ActivityEntryView>> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  authorize(actor, 'activity.read', { type: 'organisation' });
  if (query.objectiveId) {
    const objective = await loadObjective(db, actor.orgId, query.objectiveId);
    if (!objective) throw notFound('objective');
    authorize(actor, 'objective.read', { type: 'objective', objective: objective.facts });
  }
  const items: ActivityEntryView[] = [];
  let last = query.cursor;
  let more = true;
  for (let batch = 0; batch < MAX_BATCHES && more && items.length < query.limit; batch++) {
    const size = Math.min(500, 2 * (query.limit - items.length) + 10);
    const rows = await listAuditRecords(db, actor.orgId, {
      objectTypes: ACTIVITY_OBJECT_TYPES,
      objectiveId: query.objectiveId,
      before: last,
      limit: size,
    });
    more = rows.length > size;
    const records = rows.slice(0, size);
    const subjects = await auditSubjects(db, actor.orgId, records);
    const objectiveIds = new Map(
      records.map((record) => [record.id, objectiveIdsOf(record, subjectOf(subjects, record))]),
    );
    const objectives = await loadObjectives(db, actor.orgId, [
      ...new Set([...objectiveIds.values()].flat()),
    ]);
    for (const [index, record] of records.entries()) {
      last = record.id;
      if (visibleTo(actor, record, objectiveIds.get(record.id) ?? [], objectives))
        items.push(presentActivityEntry(record, subjectOf(subjects, record)));
      if (items.length === query.limit) {
        more ||= index < records.length - 1;
        break;
      }
    }
  }
  return { items, nextCursor: more && last ? encodeCursor(last) : null };
}

/** One thing that happened, as a live update tells it: enough for a page to know what to reload. */
export interface LiveActivity {
  id: string;
  action: string;
  objectType: string;
  objectId: string | null;
  /** The objectives it is about (none for organisation-wide objects like cycles and teams). */
  objectiveIds: string[];
}

/**
 * What happened after `afterId` (oldest first, at most `limit` entries read) that the actor may
 * see, by the feed's rule; `last` is the last id read, seen or not, to continue after; `read` how
 * many entries were read.
 */
export async function activitySince(
  ctx: ServiceContext,
  afterId: string,
  limit: number,
): Promise<{ entries: LiveActivity[]; last: string | null; read: number }> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  authorize(actor, 'activity.read', { type: 'organisation' });
  const records = (
    await listAuditRecords(db, actor.orgId, {
      objectTypes: ACTIVITY_OBJECT_TYPES,
      after: afterId,
      limit,
    })
  ).slice(0, limit);
  if (records.length === 0) return { entries: [], last: null, read: 0 };
  const subjects = await auditSubjects(db, actor.orgId, records);
  const objectiveIds = new Map(
    records.map((record) => [record.id, objectiveIdsOf(record, subjectOf(subjects, record))]),
  );
  const objectives = await loadObjectives(db, actor.orgId, [
    ...new Set([...objectiveIds.values()].flat()),
  ]);
  const entries: LiveActivity[] = [];
  for (const record of records) {
    const ids = objectiveIds.get(record.id) ?? [];
    if (!visibleTo(actor, record, ids, objectives)) continue;
    entries.push({
      id: record.id,
      action: record.action,
      objectType: record.object_type,
      objectId: record.object_id,
      objectiveIds: ids,
    });
  }
  return { entries, last: records.at(-1)?.id ?? null, read: records.length };
}
