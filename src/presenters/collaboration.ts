/** Initiatives, dependencies, comments and audit entries as the API shows them. */
import type {
  ActivityEntryView,
  AuditEntryView,
  CommentView,
  DependencyView,
  InitiativeView,
} from '../contracts/api/collaboration.ts';
import type { DependencyStatus, InitiativeStatus } from '../contracts/model.ts';
import { can, type Actor, type ObjectiveFacts, type Resource } from '../policy/policy.ts';
import type { AuditRecord, AuditSubject } from '../repositories/activity.ts';
import type { DependencyRecord, InitiativeRecord } from '../repositories/collaboration.ts';
import type { CommentRecord } from '../repositories/comments.ts';

/** `keyResult` is the resource the initiative's rights come from. */
export function presentInitiative(
  actor: Actor,
  keyResult: Resource,
  row: InitiativeRecord,
): InitiativeView {
  const manage = can(actor, 'initiative.manage', keyResult);
  return {
    id: row.id,
    keyResultId: row.key_result_id,
    title: row.title,
    owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? '' } : null,
    status: row.status as InitiativeStatus,
    dueDate: row.due_date,
    createdAt: row.created_at,
    version: row.version,
    abilities: { canEdit: manage, canDelete: manage },
  };
}

export function initiativeSnapshot(
  row: InitiativeRecord,
  objectiveId: string,
): Record<string, unknown> {
  return {
    keyResultId: row.key_result_id,
    objectiveId,
    title: row.title,
    ownerId: row.owner_id,
    status: row.status,
    dueDate: row.due_date,
  };
}

/** `dependent` is the resource of the dependent key result, where the rights come from; null when unknown. */
export function presentDependency(
  actor: Actor,
  dependent: Resource | null,
  row: DependencyRecord,
): DependencyView {
  const manage = dependent !== null && can(actor, 'dependency.manage', dependent);
  return {
    id: row.id,
    keyResult: { id: row.key_result_id, title: row.kr_title, objectiveId: row.kr_objective_id },
    dependsOn: { id: row.depends_on_id, title: row.dep_title, objectiveId: row.dep_objective_id },
    note: row.note,
    neededBy: row.needed_by,
    status: row.status as DependencyStatus,
    createdAt: row.created_at,
    version: row.version,
    abilities: { canEdit: manage, canDelete: manage },
  };
}

export function dependencySnapshot(row: DependencyRecord): Record<string, unknown> {
  return {
    keyResultId: row.key_result_id,
    dependsOnId: row.depends_on_id,
    objectiveIds: [row.kr_objective_id, row.dep_objective_id],
    keyResultTitle: row.kr_title,
    dependsOnTitle: row.dep_title,
    note: row.note,
    neededBy: row.needed_by,
    status: row.status,
  };
}

/** `objective` is the objective the comment is on (directly or through its key result). */
export function presentComment(
  actor: Actor,
  objective: ObjectiveFacts,
  row: CommentRecord,
): CommentView {
  const edit = can(actor, 'comment.update', {
    type: 'comment',
    objective,
    authorId: row.author_id,
  });
  return {
    id: row.id,
    objectiveId: row.objective_id,
    keyResultId: row.key_result_id,
    author: row.author_id ? { id: row.author_id, name: row.author_name ?? '' } : null,
    body: row.body,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    abilities: { canEdit: edit, canDelete: edit },
  };
}

export function commentSnapshot(row: CommentRecord, objectiveId: string): Record<string, unknown> {
  return { objectiveId, keyResultId: row.key_result_id, body: row.body };
}

/** The stored JSON of an audit payload; text that is not JSON comes back as it is. */
export function parsePayload(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
}

export function presentAuditEntry(row: AuditRecord): AuditEntryView {
  return {
    id: row.id,
    at: row.created_at,
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '' } : null,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    before: parsePayload(row.before_json),
    after: parsePayload(row.after_json),
  };
}

const LABELS: Record<string, string> = {
  objective: 'objective',
  key_result: 'key result',
  check_in: 'check-in',
  initiative: 'initiative',
  comment: 'comment',
  dependency: 'dependency',
  cycle: 'cycle',
  team: 'team',
};

const VERBS: Record<string, string> = {
  checked_in: 'Checked in on',
  member_added: 'Added a member to',
  member_updated: 'Changed a member of',
  member_removed: 'Removed a member from',
  transitioned: 'Moved',
  contributing_team_added: 'Added a contributing team to',
};

function field(payload: unknown, name: string): unknown {
  return typeof payload === 'object' && payload !== null
    ? (payload as Record<string, unknown>)[name]
    : undefined;
}

function quoted(title: string): string {
  return `“${title.length > 80 ? `${title.slice(0, 79)}…` : title}”`;
}

/** One line saying what happened, in words; never the payloads themselves. */
export function activitySummary(row: AuditRecord, subject: AuditSubject | undefined): string {
  const before = parsePayload(row.before_json);
  const after = parsePayload(row.after_json);
  const suffix = row.action.slice(row.action.lastIndexOf('.') + 1);
  const verb =
    VERBS[suffix] ?? `${suffix.charAt(0).toUpperCase()}${suffix.slice(1).replace(/_/g, ' ')}`;
  const named = [
    field(after, 'title'),
    field(after, 'name'),
    field(before, 'title'),
    field(before, 'name'),
  ].find((v) => typeof v === 'string');
  const payload = after ?? before;
  const pair = [field(payload, 'keyResultTitle'), field(payload, 'dependsOnTitle')];
  const fromPayload =
    row.object_type === 'dependency'
      ? pair.every((t) => typeof t === 'string')
        ? `“${String(pair[0])}” depends on “${String(pair[1])}”`
        : undefined
      : row.object_type === 'comment'
        ? undefined
        : named;
  const title = subject?.title ?? fromPayload;
  if (row.object_type === 'comment') {
    const on = subject ? ` on ${subject.on ?? 'objective'}${title ? ` ${quoted(title)}` : ''}` : '';
    return suffix === 'created' ? `Commented${on}` : `${verb} a comment${on}`;
  }
  const label = LABELS[row.object_type] ?? row.object_type.replace(/_/g, ' ');
  const status = field(after, 'status');
  const to =
    row.action === 'cycle.transitioned' && typeof status === 'string' ? ` to ${status}` : '';
  if (row.object_type === 'dependency') return `${verb} a dependency${title ? `: ${title}` : ''}`;
  return `${verb} ${label}${title ? ` ${quoted(title)}` : ''}${to}`;
}

export function presentActivityEntry(
  row: AuditRecord,
  subject: AuditSubject | undefined,
): ActivityEntryView {
  return {
    id: row.id,
    at: row.created_at,
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '' } : null,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    summary: activitySummary(row, subject),
  };
}
