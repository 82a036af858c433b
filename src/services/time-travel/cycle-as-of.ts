/**
 * A whole cycle as it was at a past instant: the present read once, rewound by the changes made
 * since (domain/time-travel.ts), with progress and health computed as of that instant. Every
 * view of the past — an objective, a team's or the company's objectives — is cut from it, so a
 * company objective's progress rolls up its aligned children exactly as it did then.
 */
import { readThrough } from '../../db/read-cache.ts';
import {
  computeOrganisationProgress,
  type OrganisationProgress,
} from '../../domain/organisation-progress.ts';
import {
  rewindToAsOf,
  type HistoryEvent,
  type InitialValue,
  type KeyResultAsOf,
  type LatestCheckIn,
  type ObjectiveAsOf,
  type StateAsOf,
} from '../../domain/time-travel.ts';
import type { KrDirection, KrKind } from '../../contracts/model.ts';
import type { CycleInfo } from '../../repositories/objective-facts.ts';
import {
  changesAfter,
  checkedInAfter,
  keyResultAudit,
  keyResultsCheckedInAfter,
  latestCheckInsAtOrBefore,
  objectivesRollingInto,
  presentCycle,
  type PresentCycle,
  type PresentScope,
} from '../../repositories/time-travel.ts';
import type { Connection } from '../../db/connection.ts';
import type { Db } from '../context.ts';
import { parseChange, rawKeyResultIds } from './history-events.ts';

export interface CycleAsOf {
  cycle: CycleInfo;
  asOf: string;
  state: StateAsOf;
  progress: OrganisationProgress;
}

function presentState(present: PresentCycle): StateAsOf {
  const parents = new Map<string, string[]>();
  for (const edge of present.alignments) {
    const list = parents.get(edge.childId);
    if (list) list.push(edge.parentId);
    else parents.set(edge.childId, [edge.parentId]);
  }
  const objectives = new Map<string, ObjectiveAsOf>();
  for (const row of present.objectives) {
    objectives.set(row.id, {
      id: row.id,
      definition: {
        cycleId: row.cycle_id,
        level: row.level,
        title: row.title,
        rationale: row.rationale,
        ownerId: row.owner_id,
        teamId: row.team_id,
        visibility: row.visibility,
        status: row.status,
        includeChildren: Number(row.include_children) === 1,
        readerIds: present.readers.get(row.id) ?? [],
        contributingTeamIds: present.teams.get(row.id) ?? [],
        tags: (present.tags.get(row.id) ?? []).sort(),
      },
      parentIds: (parents.get(row.id) ?? []).sort(),
      createdAt: row.created_at,
    });
  }
  const keyResults = new Map<string, KeyResultAsOf>();
  for (const row of present.keyResults) {
    keyResults.set(row.id, {
      id: row.id,
      definition: {
        objectiveId: row.objective_id,
        title: row.title,
        kind: row.kind,
        direction: row.direction,
        currency: row.currency,
        start: Number(row.start_value),
        target: row.target_value === null ? null : Number(row.target_value),
        unit: row.unit,
        weight: Number(row.weight),
        ownerId: row.owner_id,
        contributesToId: row.contributes_to_id,
        position: Number(row.position),
      },
      // Replaced below for the key results whose value as of the instant needs it.
      initial: { current: Number(row.start_value), confidence: null },
      current: Number(row.current_value),
      confidence: row.confidence === null ? null : Number(row.confidence),
      lastCheckInAt: row.last_check_in_at,
      createdAt: row.created_at,
    });
  }
  return { objectives, keyResults };
}

/**
 * Which objectives a view of the past lists — those of a level, or a team's (null: any) — so
 * that only they and what their progress rolls up need rebuilding.
 */
export interface PastScope {
  level?: string | undefined;
  teamId?: string | undefined;
}

/** Above this many objectives a scoped rebuild reads the whole cycle instead. */
const MAX_SCOPED_OBJECTIVES = 6_000;
/** Above this many objectives and key results changed since, the same. */
const MAX_SCOPED_CHANGES = 2_000;

/**
 * The objectives and key results a scoped rebuild reads: those the scope lists now, every one a
 * change since the instant names (it may have been listed then, or counted in one that was), and
 * downwards through the alignments everything whose progress rolls up into them — taken
 * generously: an objective that changed since may have rolled up its children then, so its
 * children come too. A superset of what the view needs, never less; undefined when that is
 * most of the cycle anyway.
 */
async function scopeOf(
  db: Db,
  orgId: string,
  cycle: CycleInfo,
  scope: PastScope,
  changeRows: Parameters<typeof parseChange>[0][],
): Promise<PresentScope | undefined> {
  const changed = new Set<string>();
  const keyResultIds = new Set<string>();
  for (const event of changeRows.flatMap((row) => parseChange(row, cycle.id, new Map()))) {
    if ('objectiveId' in event) changed.add(event.objectiveId);
    if ('parentId' in event) changed.add(event.parentId);
    if ('keyResultId' in event) keyResultIds.add(event.keyResultId);
    if (event.type === 'objective.deleted') {
      for (const id of event.childIds) changed.add(id);
      for (const k of event.keyResults) keyResultIds.add(k.id);
      for (const id of event.contributingKeyResultIds) keyResultIds.add(id);
    }
    if (event.type === 'objective.unaligned')
      for (const id of event.detachedKeyResultIds) keyResultIds.add(id);
    if (event.type === 'key_result.updated' || event.type === 'key_result.deleted') {
      changed.add(event.before.objectiveId);
      if (event.before.contributesToId) changed.add(event.before.contributesToId);
    }
  }
  // Many changes since: most of the cycle is involved anyway (and ids per statement are bounded).
  if (changed.size + keyResultIds.size > MAX_SCOPED_CHANGES) return undefined;
  const objectiveIds = await objectivesRollingInto(
    db,
    orgId,
    cycle.id,
    scope,
    [...changed],
    MAX_SCOPED_OBJECTIVES,
  );
  if (objectiveIds.length > MAX_SCOPED_OBJECTIVES) return undefined;
  // Changed objectives deleted since are not in the table: they come back from the history.
  return {
    objectiveIds: [...new Set([...objectiveIds, ...changed])],
    keyResultIds: [...keyResultIds],
  };
}

async function build(
  db: Db,
  orgId: string,
  cycle: CycleInfo,
  asOf: string,
  scope?: PastScope,
): Promise<CycleAsOf> {
  const changeRows = await changesAfter(db, orgId, asOf);
  const only = scope ? await scopeOf(db, orgId, cycle, scope, changeRows) : undefined;
  const present = await presentCycle(db, orgId, cycle.id, only);
  // Objectives moved to another cycle since the instant were in this one then: read them too.
  const movedOut = changeRows
    .filter((row) => row.action === 'objective.moved' && row.object_id !== null)
    .filter((row) => {
      const [before, after] = [row.before_json, row.after_json].map((json) =>
        json === null ? {} : (JSON.parse(json) as { cycleId?: unknown }),
      );
      return before?.cycleId === cycle.id && after?.cycleId !== cycle.id;
    })
    .map((row) => row.object_id as string);
  if (movedOut.length > 0) {
    const extra = await presentCycle(db, orgId, cycle.id, {
      objectiveIds: movedOut,
      keyResultIds: [],
      anyCycle: true,
    });
    const known = new Set(present.objectives.map((o) => o.id));
    present.objectives.push(...extra.objectives.filter((o) => !known.has(o.id)));
    for (const kind of ['readers', 'teams', 'tags'] as const)
      for (const [id, list] of extra[kind]) if (!known.has(id)) present[kind].set(id, list);
    present.alignments.push(...extra.alignments.filter((a) => !known.has(a.childId)));
    const knownKeyResults = new Set(present.keyResults.map((k) => k.id));
    present.keyResults.push(...extra.keyResults.filter((k) => !knownKeyResults.has(k.id)));
  }
  const state = presentState(present);
  const checkedIn = only
    ? await keyResultsCheckedInAfter(db, orgId, [...state.keyResults.keys()], asOf)
    : await checkedInAfter(db, orgId, asOf);

  // Key results whose value as of the instant must be looked up: checked in since, or brought
  // back from a deletion (their check-ins left with them; the audit log kept them).
  const restoredIds = rawKeyResultIds(changeRows, cycle.id);
  const checkedInIds = checkedIn.map((c) => c.keyResultId).filter((id) => state.keyResults.has(id));
  const [latestRows, auditedCheckIns] = await Promise.all([
    latestCheckInsAtOrBefore(db, orgId, checkedInIds, asOf),
    keyResultAudit(db, orgId, restoredIds, ['key_result.checked_in'], asOf),
  ]);
  // The value a key result was created with matters only to those without a check-in by then.
  const withValue = new Set([
    ...latestRows.map((r) => r.keyResultId),
    ...auditedCheckIns.flatMap((r) => r.object_id ?? []),
  ]);
  const needInitial = [...new Set([...checkedInIds, ...restoredIds])].filter(
    (id) => !withValue.has(id),
  );
  const creations = await keyResultAudit(db, orgId, needInitial, ['key_result.created'], null);
  const latest = new Map<string, LatestCheckIn>();
  for (const row of latestRows)
    latest.set(row.keyResultId, {
      at: row.at,
      value: Number(row.value),
      confidence: row.confidence === null ? null : Number(row.confidence),
    });
  for (const row of auditedCheckIns) {
    const after = JSON.parse(row.after_json ?? '{}') as { value?: unknown; confidence?: unknown };
    if (row.object_id === null || typeof after.value !== 'number') continue;
    const known = latest.get(row.object_id);
    if (!known || known.at <= row.created_at) {
      latest.set(row.object_id, {
        at: row.created_at,
        value: after.value,
        confidence: typeof after.confidence === 'number' ? after.confidence : null,
      });
    }
  }
  const initials = new Map<string, InitialValue>();
  for (const row of creations) {
    const after = JSON.parse(row.after_json ?? '{}') as { current?: unknown; confidence?: unknown };
    if (row.object_id !== null && typeof after.current === 'number') {
      initials.set(row.object_id, {
        current: after.current,
        confidence: typeof after.confidence === 'number' ? after.confidence : null,
      });
    }
  }
  for (const id of checkedInIds) {
    const initial = initials.get(id);
    const keyResult = state.keyResults.get(id);
    if (initial && keyResult) state.keyResults.set(id, { ...keyResult, initial });
  }

  const events: HistoryEvent[] = changeRows.flatMap((row) => parseChange(row, cycle.id, initials));
  for (const c of checkedIn) {
    if (state.keyResults.has(c.keyResultId))
      events.push({
        type: 'check_in',
        at: c.at,
        keyResultId: c.keyResultId,
        value: 0,
        confidence: null,
      });
  }
  const rewound = rewindToAsOf(state, events, latest, asOf);
  // Objectives moved into this cycle since the instant were elsewhere then.
  for (const [id, objective] of rewound.objectives)
    if (objective.definition.cycleId !== cycle.id) rewound.objectives.delete(id);

  const objectives = [...rewound.objectives.values()];
  const progress = computeOrganisationProgress(
    {
      cycles: [{ id: cycle.id, startDate: cycle.start_date, endDate: cycle.end_date }],
      objectives: objectives.map((o) => ({
        id: o.id,
        cycleId: cycle.id,
        includeChildren: o.definition.includeChildren,
      })),
      keyResults: [...rewound.keyResults.values()].map((k) => ({
        id: k.id,
        objectiveId: k.definition.objectiveId,
        contributesToId: k.definition.contributesToId,
        kind: k.definition.kind as KrKind,
        direction: k.definition.direction as KrDirection,
        start: k.definition.start,
        target: k.definition.target,
        current: k.current,
        weight: k.definition.weight,
        confidence: k.confidence,
      })),
      // (A scoped rebuild may name parents it did not read: they are not rolled up into.)
      alignments: objectives.flatMap((o) =>
        o.parentIds
          .filter((parentId) => rewound.objectives.has(parentId))
          .map((parentId) => ({ childId: o.id, parentId })),
      ),
    },
    new Date(asOf),
  );
  return { cycle, asOf, state: rewound, progress };
}

/** A past this long ago is settled: nothing written from now on can change how it looked. */
const SETTLED_MS = 60_000;

/**
 * The cycle as of `asOf` (an ISO instant in the past), from the read cache when it can (SQLite).
 * The past does not change: every later change is recorded after `asOf`, and undoing it gives the
 * same state (the property of domain/time-travel.ts). So once settled, a rebuilt cycle is kept
 * across the organisation's ordinary writes — check-ins, edits — and dropped only when a cycle
 * changes or a write the connection cannot attribute happens (a bulk load, a cascade): those may
 * rewrite the past without an audit entry. Who may read what now is not part of it.
 */
export async function cycleAsOf(
  connection: Connection,
  db: Db,
  orgId: string,
  cycle: CycleInfo,
  asOf: string,
  now: Date,
  scope?: PastScope,
): Promise<CycleAsOf> {
  const settled = Date.parse(asOf) < now.getTime() - SETTLED_MS;
  return readThrough(
    connection,
    `cycle-as-of ${orgId} ${cycle.id} ${asOf} ${scope ? `${scope.level ?? '*'} ${scope.teamId ?? '*'}` : 'all'}`,
    () => build(db, orgId, cycle, asOf, scope),
    (value) => 1_000 + 600 * value.state.objectives.size + 400 * value.state.keyResults.size,
    settled ? ['cycles'] : undefined,
  );
}
