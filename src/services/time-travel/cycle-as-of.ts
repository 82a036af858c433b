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
  latestCheckInsAtOrBefore,
  presentCycle,
  type PresentCycle,
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

async function build(db: Db, orgId: string, cycle: CycleInfo, asOf: string): Promise<CycleAsOf> {
  const [present, changeRows, checkedIn] = await Promise.all([
    presentCycle(db, orgId, cycle.id),
    changesAfter(db, orgId, asOf),
    checkedInAfter(db, orgId, asOf),
  ]);
  const state = presentState(present);

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
      alignments: objectives.flatMap((o) =>
        o.parentIds.map((parentId) => ({ childId: o.id, parentId })),
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
): Promise<CycleAsOf> {
  const settled = Date.parse(asOf) < now.getTime() - SETTLED_MS;
  return readThrough(
    connection,
    `cycle-as-of ${orgId} ${cycle.id} ${asOf}`,
    () => build(db, orgId, cycle, asOf),
    (value) => 1_000 + 600 * value.state.objectives.size + 400 * value.state.keyResults.size,
    settled ? ['cycles'] : undefined,
  );
}
