import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emptyState,
  replayHistory,
  rewindToAsOf,
  type HistoryEvent,
  type KeyResultAsOf,
  type KeyResultDefinition,
  type LatestCheckIn,
  type ObjectiveAsOf,
  type ObjectiveDefinition,
  type StateAsOf,
} from './time-travel.ts';

/** Instant number `n` (minutes after a fixed start), as the database stores instants. */
const instant = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();

/**
 * One step of a history: which change (`kind`), on which existing objects (`pick`, `other`,
 * reduced modulo the number that exist), with which new words and numbers (`seed`), and how long
 * after the previous step (0: at the same instant).
 */
const step = fc.record({
  kind: fc.integer({ min: 0, max: 11 }),
  pick: fc.nat(),
  other: fc.nat(),
  seed: fc.integer({ min: 0, max: 1000 }),
  gap: fc.integer({ min: 0, max: 2 }),
});
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function objectiveDefinition(seed: number): ObjectiveDefinition {
  return {
    cycleId: 'cycle',
    level: seed % 2 === 0 ? 'company' : 'team',
    title: `Objective ${seed}`,
    rationale: seed % 3 === 0 ? null : `Because ${seed}`,
    ownerId: `person-${seed % 4}`,
    teamId: seed % 5 === 0 ? null : `team-${seed % 3}`,
    visibility: seed % 7 === 0 ? 'private' : 'public',
    status: seed % 11 === 0 ? 'cancelled' : 'active',
    includeChildren: seed % 2 === 1,
    readerIds: seed % 7 === 0 ? [`person-${(seed + 1) % 4}`] : [],
    contributingTeamIds: seed % 4 === 0 ? ['team-9'] : [],
    tags: seed % 3 === 1 ? ['growth'] : [],
  };
}

function keyResultDefinition(
  objectiveId: string,
  seed: number,
  parentIds: readonly string[] = [],
): KeyResultDefinition {
  return {
    objectiveId,
    title: `Key result ${seed}`,
    kind: seed % 4 === 0 ? 'milestone' : 'number',
    direction: 'increase',
    currency: null,
    start: seed % 10,
    target: seed % 9 === 0 ? null : 100 + seed,
    unit: seed % 2 === 0 ? 'users' : null,
    weight: 1 + (seed % 3),
    ownerId: `person-${seed % 4}`,
    contributesToId:
      seed % 2 === 0 ? (parentIds[seed % Math.max(1, parentIds.length)] ?? null) : null,
    position: seed % 5,
  };
}

/**
 * Plays the steps against a plain model of the organisation, as the services would change it,
 * and writes down what the audit log and the check-ins table would hold. Returns the history
 * and, after each step, a copy of the model: the truth at that instant.
 */
function playOut(steps: readonly Step[]): {
  history: HistoryEvent[];
  truth: { at: string; state: StateAsOf }[];
} {
  const model = emptyState();
  const history: HistoryEvent[] = [];
  const truth: { at: string; state: StateAsOf }[] = [];
  let clock = 0;
  let nextId = 0;
  for (const s of steps) {
    clock += s.gap;
    const at = instant(clock);
    const objectives = [...model.objectives.values()];
    const keyResults = [...model.keyResults.values()];
    const objective = objectives.length > 0 ? objectives[s.pick % objectives.length] : undefined;
    const other = objectives.length > 0 ? objectives[s.other % objectives.length] : undefined;
    const keyResult = keyResults.length > 0 ? keyResults[s.pick % keyResults.length] : undefined;
    // 9 and 10 create objectives and 11 a key result, so that trees and contributions grow.
    const kind =
      objective === undefined ? 0 : ([0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 5][s.kind] as number);
    if (kind === 0) {
      const id = `o${nextId++}`;
      const parentIds = other ? [other.id] : [];
      const created: ObjectiveAsOf = {
        id,
        definition: objectiveDefinition(s.seed),
        parentIds,
        createdAt: at,
      };
      model.objectives.set(id, created);
      history.push({
        type: 'objective.created',
        at,
        objectiveId: id,
        after: created.definition,
        parentIds,
      });
    } else if (kind === 1 && objective) {
      const after = {
        ...objectiveDefinition(s.seed),
        cycleId: objective.definition.cycleId,
        level: objective.definition.level,
      };
      history.push({
        type: 'objective.updated',
        at,
        objectiveId: objective.id,
        before: objective.definition,
        after,
      });
      model.objectives.set(objective.id, { ...objective, definition: after });
    } else if (kind === 2 && objective) {
      const own = keyResults.filter((k) => k.definition.objectiveId === objective.id);
      const childIds = objectives
        .filter((o) => o.parentIds.includes(objective.id))
        .map((o) => o.id);
      const contributing = keyResults.filter(
        (k) =>
          k.definition.contributesToId === objective.id &&
          k.definition.objectiveId !== objective.id,
      );
      history.push({
        type: 'objective.deleted',
        at,
        objectiveId: objective.id,
        before: objective.definition,
        parentIds: objective.parentIds,
        createdAt: objective.createdAt,
        keyResults: own.map((k) => ({
          id: k.id,
          definition: k.definition,
          initial: k.initial,
          createdAt: k.createdAt,
        })),
        childIds,
        contributingKeyResultIds: contributing.map((k) => k.id),
      });
      for (const id of childIds) {
        const child = model.objectives.get(id) as ObjectiveAsOf;
        model.objectives.set(id, {
          ...child,
          parentIds: child.parentIds.filter((p) => p !== objective.id),
        });
      }
      for (const k of contributing) {
        model.keyResults.set(k.id, {
          ...k,
          definition: { ...k.definition, contributesToId: null },
        });
      }
      model.objectives.delete(objective.id);
      for (const k of own) model.keyResults.delete(k.id);
    } else if ((kind === 3 || kind === 4) && objective && other && other.id !== objective.id) {
      const aligned = objective.parentIds.includes(other.id);
      // Aligning twice or removing an alignment that is not there changes nothing and records nothing.
      if (kind === 3 && !aligned) {
        history.push({
          type: 'objective.aligned',
          at,
          objectiveId: objective.id,
          parentId: other.id,
        });
        model.objectives.set(objective.id, {
          ...objective,
          parentIds: [...objective.parentIds, other.id].sort(),
        });
      } else if (kind === 4 && aligned) {
        const detached = keyResults.filter(
          (k) =>
            k.definition.objectiveId === objective.id && k.definition.contributesToId === other.id,
        );
        history.push({
          type: 'objective.unaligned',
          at,
          objectiveId: objective.id,
          parentId: other.id,
          detachedKeyResultIds: detached.map((k) => k.id),
        });
        model.objectives.set(objective.id, {
          ...objective,
          parentIds: objective.parentIds.filter((p) => p !== other.id),
        });
        for (const k of detached) {
          model.keyResults.set(k.id, {
            ...k,
            definition: { ...k.definition, contributesToId: null },
          });
        }
      }
    } else if (kind === 5 && objective) {
      const id = `k${nextId++}`;
      const definition = keyResultDefinition(objective.id, s.seed, objective.parentIds);
      const initial = {
        current: definition.start + (s.seed % 3),
        confidence: s.seed % 2 === 0 ? null : 0.5,
      };
      history.push({ type: 'key_result.created', at, keyResultId: id, after: definition, initial });
      const created: KeyResultAsOf = {
        id,
        definition,
        initial,
        current: initial.current,
        confidence: initial.confidence,
        lastCheckInAt: null,
        createdAt: at,
      };
      model.keyResults.set(id, created);
    } else if (kind === 6 && keyResult) {
      const owner = model.objectives.get(keyResult.definition.objectiveId);
      const after = keyResultDefinition(
        keyResult.definition.objectiveId,
        s.seed,
        owner?.parentIds ?? [],
      );
      history.push({
        type: 'key_result.updated',
        at,
        keyResultId: keyResult.id,
        before: keyResult.definition,
        after,
      });
      model.keyResults.set(keyResult.id, { ...keyResult, definition: after });
    } else if (kind === 7 && keyResult) {
      history.push({
        type: 'key_result.deleted',
        at,
        keyResultId: keyResult.id,
        before: keyResult.definition,
        initial: keyResult.initial,
        createdAt: keyResult.createdAt,
      });
      model.keyResults.delete(keyResult.id);
    } else if (kind === 8 && keyResult) {
      const value = s.seed / 7;
      const confidence = s.seed % 3 === 0 ? null : (s.seed % 10) / 10;
      history.push({ type: 'check_in', at, keyResultId: keyResult.id, value, confidence });
      model.keyResults.set(keyResult.id, {
        ...keyResult,
        current: value,
        confidence,
        lastCheckInAt: at,
      });
    }
    truth.push({
      at,
      state: { objectives: new Map(model.objectives), keyResults: new Map(model.keyResults) },
    });
  }
  return { history, truth };
}

/** What the check-ins table answers: each key result's latest check-in at or before the instant. */
function latestCheckInsAtOrBefore(
  history: readonly HistoryEvent[],
  asOf: string,
): Map<string, LatestCheckIn> {
  const latest = new Map<string, LatestCheckIn>();
  for (const event of history) {
    if (event.type === 'check_in' && event.at <= asOf) {
      latest.set(event.keyResultId, {
        at: event.at,
        value: event.value,
        confidence: event.confidence,
      });
    }
  }
  return latest;
}

/** States compare as sorted lists, so that the order of a Map's insertion does not matter. */
const comparable = (state: StateAsOf) => ({
  objectives: [...state.objectives.values()].sort((a, b) => a.id.localeCompare(b.id)),
  keyResults: [...state.keyResults.values()].sort((a, b) => a.id.localeCompare(b.id)),
});

/** An instant from just before the history's first change to just after its last, by `minute`. */
function within(history: readonly HistoryEvent[], minute: number): string {
  const last = history.at(-1);
  const span = last ? Math.round((Date.parse(last.at) - Date.parse(instant(0))) / 60_000) : 0;
  return instant((minute % (span + 3)) - 1);
}

const histories = fc.array(step, { minLength: 0, maxLength: 80, size: 'large' });

describe('time travel', () => {
  it('the state as of T equals replaying the history up to T (the truth after the last change at or before T)', () => {
    fc.assert(
      fc.property(histories, fc.nat(), (steps, minute) => {
        const { history, truth } = playOut(steps);
        const asOf = within(history, minute);
        const expected = truth.filter((t) => t.at <= asOf).at(-1)?.state ?? emptyState();
        expect(comparable(replayHistory(history, asOf))).toEqual(comparable(expected));
      }),
      { numRuns: 500 },
    );
  });

  it('rewinding the present by the changes after T gives the state replayed up to T', () => {
    fc.assert(
      fc.property(histories, fc.nat(), (steps, minute) => {
        const { history } = playOut(steps);
        const asOf = within(history, minute);
        const present = replayHistory(history, instant(1_000_000));
        const rewound = rewindToAsOf(
          present,
          history.filter((event) => event.at > asOf),
          latestCheckInsAtOrBefore(history, asOf),
          asOf,
        );
        expect(comparable(rewound)).toEqual(comparable(replayHistory(history, asOf)));
      }),
      { numRuns: 500 },
    );
  });

  it('objects loaded in bulk (no creation event) exist from their creation time on', () => {
    const definition = objectiveDefinition(2);
    const present: StateAsOf = {
      objectives: new Map([
        ['o1', { id: 'o1', definition, parentIds: [], createdAt: instant(10) }],
      ]),
      keyResults: new Map([
        [
          'k1',
          {
            id: 'k1',
            definition: keyResultDefinition('o1', 3),
            initial: { current: 3, confidence: null },
            current: 50,
            confidence: 0.8,
            lastCheckInAt: instant(30),
            createdAt: instant(10),
          },
        ],
      ]),
    };
    const checkIns: HistoryEvent[] = [
      { type: 'check_in', at: instant(20), keyResultId: 'k1', value: 20, confidence: 0.4 },
      { type: 'check_in', at: instant(30), keyResultId: 'k1', value: 50, confidence: 0.8 },
    ];
    const before = rewindToAsOf(present, checkIns, new Map(), instant(5));
    expect(before.objectives.size).toBe(0);
    expect(before.keyResults.size).toBe(0);
    const between = rewindToAsOf(
      present,
      checkIns.slice(1),
      latestCheckInsAtOrBefore(checkIns, instant(25)),
      instant(25),
    );
    expect(between.keyResults.get('k1')).toMatchObject({
      current: 20,
      confidence: 0.4,
      lastCheckInAt: instant(20),
    });
    const beforeFirstCheckIn = rewindToAsOf(present, checkIns, new Map(), instant(15));
    expect(beforeFirstCheckIn.keyResults.get('k1')).toMatchObject({
      current: 3,
      confidence: null,
      lastCheckInAt: null,
    });
  });
});
