/**
 * Audit rows as the history time travel replays (domain/time-travel.ts). The states the
 * services record (services/objectives/audit-states.ts) use the same words as the domain's
 * definitions; what older rows did not record yet is filled with the safest guess: a deletion
 * without its key results brings the objective back without them, one without its creation time
 * brings it back as always there.
 */
import type {
  HistoryEvent,
  InitialValue,
  KeyResultDefinition,
  ObjectiveDefinition,
} from '../../domain/time-travel.ts';
import type { AuditChangeRow } from '../../repositories/time-travel.ts';

type Json = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const ids = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

function parse(json: string | null): Json {
  if (json === null) return {};
  const value = JSON.parse(json) as unknown;
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Json)
    : {};
}

function objectiveDefinition(state: Json): ObjectiveDefinition {
  return {
    cycleId: text(state.cycleId) ?? '',
    level: text(state.level) ?? 'individual',
    title: text(state.title) ?? '',
    rationale: text(state.rationale),
    ownerId: text(state.ownerId),
    teamId: text(state.teamId),
    visibility: text(state.visibility) ?? 'public',
    status: text(state.status) ?? 'active',
    includeChildren: state.includeChildren === true,
    readerIds: ids(state.readerIds),
    contributingTeamIds: ids(state.contributingTeamIds),
    tags: ids(state.tags).sort(),
  };
}

function keyResultDefinition(state: Json): KeyResultDefinition {
  return {
    objectiveId: text(state.objectiveId) ?? '',
    title: text(state.title) ?? '',
    kind: text(state.kind) ?? 'number',
    direction: text(state.direction) ?? 'increase',
    currency: text(state.currency),
    start: num(state.start) ?? 0,
    target: num(state.target),
    unit: text(state.unit),
    weight: num(state.weight) ?? 1,
    ownerId: text(state.ownerId),
    contributesToId: text(state.contributesToId),
    position: num(state.position) ?? 0,
  };
}

/** A key result's value at creation: recorded by its creation, else its start (bulk loads). */
function initialOf(
  id: string,
  state: Json,
  initials: ReadonlyMap<string, InitialValue>,
): InitialValue {
  return initials.get(id) ?? { current: num(state.start) ?? 0, confidence: null };
}

/** The instant before any other: what was there before the history began. */
const ALWAYS = '';

/** Key results that deletions after the instant remove (in this cycle): they come back. */
export function rawKeyResultIds(rows: readonly AuditChangeRow[], cycleId: string): string[] {
  const found = new Set<string>();
  for (const row of rows) {
    if (row.action === 'key_result.deleted' && row.object_id !== null) found.add(row.object_id);
    if (row.action === 'objective.deleted') {
      const before = parse(row.before_json);
      if (before.cycleId !== cycleId || !Array.isArray(before.keyResults)) continue;
      for (const keyResult of before.keyResults as unknown[]) {
        const id = text((keyResult as Json | null)?.id);
        if (id !== null) found.add(id);
      }
    }
  }
  return [...found];
}

/**
 * The history event of an audit row; none for a row of another cycle's deleted objective (it
 * must not come back here) or a row without its object.
 */
export function parseChange(
  row: AuditChangeRow,
  cycleId: string,
  initials: ReadonlyMap<string, InitialValue>,
): HistoryEvent[] {
  const id = row.object_id;
  if (id === null) return [];
  const at = row.created_at;
  const before = parse(row.before_json);
  const after = parse(row.after_json);
  switch (row.action) {
    case 'objective.created':
      return [
        {
          type: 'objective.created',
          at,
          objectiveId: id,
          after: objectiveDefinition(after),
          parentIds: ids(after.parentIds),
        },
      ];
    case 'objective.updated':
      return [
        {
          type: 'objective.updated',
          at,
          objectiveId: id,
          before: objectiveDefinition(before),
          after: objectiveDefinition(after),
        },
      ];
    case 'objective.deleted': {
      if (before.cycleId !== cycleId) return [];
      const keyResults = Array.isArray(before.keyResults) ? (before.keyResults as Json[]) : [];
      return [
        {
          type: 'objective.deleted',
          at,
          objectiveId: id,
          before: objectiveDefinition(before),
          parentIds: ids(before.parentIds),
          createdAt: text(before.createdAt) ?? ALWAYS,
          keyResults: keyResults.flatMap((keyResult) => {
            const krId = text(keyResult.id);
            if (krId === null) return [];
            return [
              {
                id: krId,
                definition: keyResultDefinition(keyResult),
                initial: initialOf(krId, keyResult, initials),
                createdAt: text(keyResult.createdAt) ?? ALWAYS,
              },
            ];
          }),
          childIds: ids(before.childIds),
          contributingKeyResultIds: ids(before.contributingKeyResultIds),
        },
      ];
    }
    case 'objective.moved': {
      // Restructuring: to another cycle or team, with its parents replaced. Rows from before the
      // move recorded the whole objective carry no title and cannot be replayed.
      if (text(before.title) === null) return [];
      const parentsBefore = ids(before.parentIds);
      const parentsAfter = ids(after.parentIds);
      const detached = (after.detachedKeyResultIds ?? {}) as Json;
      return [
        {
          type: 'objective.updated',
          at,
          objectiveId: id,
          before: objectiveDefinition(before),
          after: objectiveDefinition(after),
        },
        ...parentsBefore
          .filter((p) => !parentsAfter.includes(p))
          .map((parentId) => ({
            type: 'objective.unaligned' as const,
            at,
            objectiveId: id,
            parentId,
            detachedKeyResultIds: ids(detached[parentId]),
          })),
        ...parentsAfter
          .filter((p) => !parentsBefore.includes(p))
          .map((parentId) => ({
            type: 'objective.aligned' as const,
            at,
            objectiveId: id,
            parentId,
          })),
      ];
    }
    case 'objective.aligned': {
      const parentId = text(after.parentId);
      return parentId === null
        ? []
        : [{ type: 'objective.aligned', at, objectiveId: id, parentId }];
    }
    case 'objective.unaligned': {
      const parentId = text(after.parentId);
      return parentId === null
        ? []
        : [
            {
              type: 'objective.unaligned',
              at,
              objectiveId: id,
              parentId,
              detachedKeyResultIds: ids(after.detachedKeyResultIds),
            },
          ];
    }
    case 'key_result.created':
      return [
        {
          type: 'key_result.created',
          at,
          keyResultId: id,
          after: keyResultDefinition(after),
          initial: initialOf(id, after, initials),
        },
      ];
    // A key result moved to another objective (restructuring) is replayed as the edit it is:
    // its objective (and position) before and after.
    case 'key_result.moved':
    case 'key_result.updated':
      return [
        {
          type: 'key_result.updated',
          at,
          keyResultId: id,
          before: keyResultDefinition(before),
          after: keyResultDefinition(after),
        },
      ];
    case 'key_result.deleted':
      return [
        {
          type: 'key_result.deleted',
          at,
          keyResultId: id,
          before: keyResultDefinition(before),
          initial: initialOf(id, before, initials),
          createdAt: text(before.createdAt) ?? ALWAYS,
        },
      ];
    default:
      return [];
  }
}
