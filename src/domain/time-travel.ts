/**
 * Time travel: the state of objectives and key results at a past instant, rebuilt from their
 * history — the audit log's before/after states of every change and the check-ins.
 *
 * Two ways to the same answer, both pure:
 * - {@link replayHistory} folds the history forward from nothing up to the instant: the
 *   definition of "the state as of T".
 * - {@link rewindToAsOf} starts from the present and undoes, newest first, the changes made
 *   after the instant; key result values are the latest check-in at or before it. This is what
 *   the API runs: its cost follows the changes since T, not the whole history.
 * The property test (time-travel.test.ts) proves that they agree for any history and instant.
 *
 * Instants are ISO-8601 UTC strings as the database stores them (`toISOString()`), so they
 * compare as strings. Events at the same instant apply in the order given.
 */

/** What people set on an objective (the audit log's objective state, without derived progress). */
export interface ObjectiveDefinition {
  cycleId: string;
  level: string;
  title: string;
  rationale: string | null;
  ownerId: string | null;
  teamId: string | null;
  visibility: string;
  status: string;
  includeChildren: boolean;
  readerIds: readonly string[];
  contributingTeamIds: readonly string[];
  tags: readonly string[];
}

/** What people set on a key result, without its value (values come from check-ins). */
export interface KeyResultDefinition {
  objectiveId: string;
  title: string;
  kind: string;
  direction: string;
  currency: string | null;
  start: number;
  target: number | null;
  unit: string | null;
  weight: number;
  ownerId: string | null;
  contributesToId: string | null;
  position: number;
}

/** A key result's value and confidence when it was created, before any check-in. */
export interface InitialValue {
  current: number;
  confidence: number | null;
}

export interface ObjectiveAsOf {
  id: string;
  definition: ObjectiveDefinition;
  /** Sorted. */
  parentIds: readonly string[];
  createdAt: string;
}

export interface KeyResultAsOf {
  id: string;
  definition: KeyResultDefinition;
  initial: InitialValue;
  current: number;
  confidence: number | null;
  lastCheckInAt: string | null;
  createdAt: string;
}

export interface StateAsOf {
  objectives: Map<string, ObjectiveAsOf>;
  keyResults: Map<string, KeyResultAsOf>;
}

/** A key result as an objective's deletion recorded it. */
export interface DeletedKeyResult {
  id: string;
  definition: KeyResultDefinition;
  initial: InitialValue;
  createdAt: string;
}

export interface CheckInEvent {
  type: 'check_in';
  at: string;
  keyResultId: string;
  value: number;
  confidence: number | null;
}

export type HistoryEvent =
  | {
      type: 'objective.created';
      at: string;
      objectiveId: string;
      after: ObjectiveDefinition;
      parentIds: readonly string[];
    }
  | {
      type: 'objective.updated';
      at: string;
      objectiveId: string;
      before: ObjectiveDefinition;
      after: ObjectiveDefinition;
    }
  | {
      type: 'objective.deleted';
      at: string;
      objectiveId: string;
      before: ObjectiveDefinition;
      parentIds: readonly string[];
      createdAt: string;
      keyResults: readonly DeletedKeyResult[];
      /** Objectives aligned to it, unaligned by the deletion. */
      childIds: readonly string[];
      /** Other objectives' key results that counted in it and stopped doing so. */
      contributingKeyResultIds: readonly string[];
    }
  | { type: 'objective.aligned'; at: string; objectiveId: string; parentId: string }
  | {
      type: 'objective.unaligned';
      at: string;
      objectiveId: string;
      parentId: string;
      /** The objective's key results that counted in the parent and stopped doing so. */
      detachedKeyResultIds: readonly string[];
    }
  | {
      type: 'key_result.created';
      at: string;
      keyResultId: string;
      after: KeyResultDefinition;
      initial: InitialValue;
    }
  | {
      type: 'key_result.updated';
      at: string;
      keyResultId: string;
      before: KeyResultDefinition;
      after: KeyResultDefinition;
    }
  | {
      type: 'key_result.deleted';
      at: string;
      keyResultId: string;
      before: KeyResultDefinition;
      initial: InitialValue;
      createdAt: string;
    }
  | CheckInEvent;

export function emptyState(): StateAsOf {
  return { objectives: new Map(), keyResults: new Map() };
}

function withParent(parentIds: readonly string[], parentId: string, present: boolean): string[] {
  const set = new Set(parentIds);
  if (present) set.add(parentId);
  else set.delete(parentId);
  return [...set].sort();
}

function setContribution(
  state: StateAsOf,
  keyResultIds: readonly string[],
  contributesToId: string | null,
): void {
  for (const id of keyResultIds) {
    const keyResult = state.keyResults.get(id);
    if (keyResult)
      state.keyResults.set(id, {
        ...keyResult,
        definition: { ...keyResult.definition, contributesToId },
      });
  }
}

function setChildAlignment(
  state: StateAsOf,
  childIds: readonly string[],
  parentId: string,
  present: boolean,
): void {
  for (const id of childIds) {
    const child = state.objectives.get(id);
    if (child)
      state.objectives.set(id, {
        ...child,
        parentIds: withParent(child.parentIds, parentId, present),
      });
  }
}

function dropKeyResultsOf(state: StateAsOf, objectiveId: string): void {
  for (const [id, keyResult] of state.keyResults) {
    if (keyResult.definition.objectiveId === objectiveId) state.keyResults.delete(id);
  }
}

/** Applies one event to the state, in place (the forward step of {@link replayHistory}). */
function apply(state: StateAsOf, event: HistoryEvent): void {
  switch (event.type) {
    case 'objective.created':
      state.objectives.set(event.objectiveId, {
        id: event.objectiveId,
        definition: event.after,
        parentIds: [...new Set(event.parentIds)].sort(),
        createdAt: event.at,
      });
      return;
    case 'objective.updated': {
      const objective = state.objectives.get(event.objectiveId);
      if (objective)
        state.objectives.set(event.objectiveId, { ...objective, definition: event.after });
      return;
    }
    case 'objective.deleted':
      state.objectives.delete(event.objectiveId);
      dropKeyResultsOf(state, event.objectiveId);
      setChildAlignment(state, event.childIds, event.objectiveId, false);
      setContribution(state, event.contributingKeyResultIds, null);
      return;
    case 'objective.aligned':
    case 'objective.unaligned': {
      const objective = state.objectives.get(event.objectiveId);
      if (!objective) return;
      const parentIds = withParent(
        objective.parentIds,
        event.parentId,
        event.type === 'objective.aligned',
      );
      state.objectives.set(event.objectiveId, { ...objective, parentIds });
      if (event.type === 'objective.unaligned')
        setContribution(state, event.detachedKeyResultIds, null);
      return;
    }
    case 'key_result.created':
      state.keyResults.set(event.keyResultId, {
        id: event.keyResultId,
        definition: event.after,
        initial: event.initial,
        current: event.initial.current,
        confidence: event.initial.confidence,
        lastCheckInAt: null,
        createdAt: event.at,
      });
      return;
    case 'key_result.updated': {
      const keyResult = state.keyResults.get(event.keyResultId);
      if (keyResult)
        state.keyResults.set(event.keyResultId, { ...keyResult, definition: event.after });
      return;
    }
    case 'key_result.deleted':
      state.keyResults.delete(event.keyResultId);
      return;
    case 'check_in': {
      const keyResult = state.keyResults.get(event.keyResultId);
      if (keyResult) {
        state.keyResults.set(event.keyResultId, {
          ...keyResult,
          current: event.value,
          confidence: event.confidence,
          lastCheckInAt: event.at,
        });
      }
      return;
    }
  }
}

/**
 * The state as of `asOf` by definition: every event at or before it, applied in order from an
 * empty organisation. `history` must be sorted by `at` (ties keep their order).
 */
export function replayHistory(history: readonly HistoryEvent[], asOf: string): StateAsOf {
  const state = emptyState();
  for (const event of history) {
    if (event.at > asOf) break;
    apply(state, event);
  }
  return state;
}

/** The latest check-in of a key result at or before the instant looked at. */
export interface LatestCheckIn {
  at: string;
  value: number;
  confidence: number | null;
}

/**
 * The state as of `asOf` from the present: undoes `changesAfter` (the events after `asOf`,
 * sorted by `at`) newest first, using the states they recorded before the change, then drops
 * whatever was created after `asOf` (objects loaded in bulk have no creation event, only a
 * creation time) and sets the value of every key result whose value changed since from
 * `latestCheckIns` (its latest check-in at or before `asOf`; none: its initial value).
 * `present` is not modified.
 */
export function rewindToAsOf(
  present: StateAsOf,
  changesAfter: readonly HistoryEvent[],
  latestCheckIns: ReadonlyMap<string, LatestCheckIn>,
  asOf: string,
): StateAsOf {
  const state: StateAsOf = {
    objectives: new Map(present.objectives),
    keyResults: new Map(present.keyResults),
  };
  const valueChanged = new Set<string>();
  for (let i = changesAfter.length - 1; i >= 0; i--) {
    const event = changesAfter[i] as HistoryEvent;
    if (event.at <= asOf) continue;
    switch (event.type) {
      case 'objective.created':
        // Its key results go with it in the last pass below.
        state.objectives.delete(event.objectiveId);
        break;
      case 'objective.updated': {
        const objective = state.objectives.get(event.objectiveId);
        if (objective)
          state.objectives.set(event.objectiveId, { ...objective, definition: event.before });
        break;
      }
      case 'objective.deleted':
        state.objectives.set(event.objectiveId, {
          id: event.objectiveId,
          definition: event.before,
          parentIds: [...new Set(event.parentIds)].sort(),
          createdAt: event.createdAt,
        });
        for (const keyResult of event.keyResults) {
          state.keyResults.set(keyResult.id, restored(keyResult));
          valueChanged.add(keyResult.id);
        }
        setChildAlignment(state, event.childIds, event.objectiveId, true);
        setContribution(state, event.contributingKeyResultIds, event.objectiveId);
        break;
      case 'objective.aligned':
      case 'objective.unaligned': {
        const objective = state.objectives.get(event.objectiveId);
        if (!objective) break;
        // Undoing an alignment removes the parent; undoing its removal puts it back.
        const parentIds = withParent(
          objective.parentIds,
          event.parentId,
          event.type === 'objective.unaligned',
        );
        state.objectives.set(event.objectiveId, { ...objective, parentIds });
        if (event.type === 'objective.unaligned') {
          setContribution(state, event.detachedKeyResultIds, event.parentId);
        }
        break;
      }
      case 'key_result.created':
        state.keyResults.delete(event.keyResultId);
        break;
      case 'key_result.updated': {
        const keyResult = state.keyResults.get(event.keyResultId);
        if (keyResult)
          state.keyResults.set(event.keyResultId, { ...keyResult, definition: event.before });
        break;
      }
      case 'key_result.deleted':
        state.keyResults.set(
          event.keyResultId,
          restored({
            id: event.keyResultId,
            definition: event.before,
            initial: event.initial,
            createdAt: event.createdAt,
          }),
        );
        valueChanged.add(event.keyResultId);
        break;
      case 'check_in':
        valueChanged.add(event.keyResultId);
        break;
    }
  }
  for (const [id, objective] of state.objectives) {
    if (objective.createdAt > asOf) {
      state.objectives.delete(id);
      dropKeyResultsOf(state, id);
    }
  }
  for (const [id, keyResult] of state.keyResults) {
    if (keyResult.createdAt > asOf || !state.objectives.has(keyResult.definition.objectiveId)) {
      state.keyResults.delete(id);
      continue;
    }
    if (!valueChanged.has(id)) continue;
    const latest = latestCheckIns.get(id);
    state.keyResults.set(
      id,
      latest && latest.at >= keyResult.createdAt
        ? {
            ...keyResult,
            current: latest.value,
            confidence: latest.confidence,
            lastCheckInAt: latest.at,
          }
        : {
            ...keyResult,
            current: keyResult.initial.current,
            confidence: keyResult.initial.confidence,
            lastCheckInAt: null,
          },
    );
  }
  return state;
}

function restored(keyResult: DeletedKeyResult): KeyResultAsOf {
  return {
    ...keyResult,
    current: keyResult.initial.current,
    confidence: keyResult.initial.confidence,
    lastCheckInAt: null,
  };
}
