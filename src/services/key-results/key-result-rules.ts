/**
 * Checks on key result values and references, shared by creating key results (alone or with a
 * new objective) and changing them; and turning a create body into a row.
 */
import type { Insertable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { FieldError } from '../../contracts/app-error.ts';
import type { KeyResultCreateBody } from '../../contracts/api/okrs.ts';
import type { KrDirection, KrKind, ObjectiveLevel } from '../../contracts/model.ts';
import type { KeyResultTable } from '../../db/schema.ts';
import { membersAmong, teamMembersAmong } from '../../repositories/objectives.ts';
import { keyResultRow } from '../../repositories/rows.ts';
import type { Db } from '../context.ts';

/** The values of a key result its kind constrains. */
export interface KeyResultValues {
  kind: KrKind;
  direction: KrDirection;
  currency: string | null;
  start: number;
  target: number | null;
  current: number;
}

/** Currency only (and always) for currency key results; milestones run from 0 to 1. */
export function valueProblems(values: KeyResultValues, prefix: string): FieldError[] {
  const problems: FieldError[] = [];
  if (values.kind === 'currency' && values.currency === null) {
    problems.push({ path: `${prefix}.currency`, message: 'is required for a currency key result' });
  }
  if (values.kind !== 'currency' && values.currency !== null) {
    problems.push({ path: `${prefix}.currency`, message: 'is only for currency key results' });
  }
  if (values.kind === 'milestone') {
    if (values.start !== 0) problems.push({ path: `${prefix}.start`, message: 'must be 0 for a milestone' });
    if (values.target !== 1) problems.push({ path: `${prefix}.target`, message: 'must be 1 for a milestone' });
    if (values.current !== 0 && values.current !== 1) {
      problems.push({ path: `${prefix}.current`, message: 'must be 0 (not done) or 1 (done) for a milestone' });
    }
  }
  return problems;
}

/**
 * The owner must be a member of the organisation, and for a team objective a member of its team.
 */
export async function ownerProblems(
  db: Db,
  orgId: string,
  objective: { level: ObjectiveLevel; teamId: string | null },
  ownerIds: { ownerId: string; path: string }[],
): Promise<FieldError[]> {
  if (ownerIds.length === 0) return [];
  const ids = ownerIds.map((o) => o.ownerId);
  const [members, inTeam] = await Promise.all([
    membersAmong(db, orgId, ids),
    objective.level === 'team' && objective.teamId ? teamMembersAmong(db, orgId, objective.teamId, ids) : Promise.resolve(null),
  ]);
  return ownerIds.flatMap(({ ownerId, path }): FieldError[] => {
    if (!members.has(ownerId)) return [{ path, message: 'is not a member of this organisation' }];
    if (inTeam && !inTeam.has(ownerId)) return [{ path, message: "is not a member of the objective's team" }];
    return [];
  });
}

/** A key result may count in one of its objective's direct parents, and nowhere else. */
export function contributionProblems(contributesToId: string | null, parentIds: readonly string[], path: string): FieldError[] {
  if (contributesToId === null || parentIds.includes(contributesToId)) return [];
  return [{ path, message: 'is not a parent objective of this objective' }];
}

/** Where progress changes when a key result changes: its objective and the parent it counts in. */
export function progressRefreshTargets(row: { objective_id: string; contributes_to_id: string | null }): string[] {
  return row.contributes_to_id ? [row.objective_id, row.contributes_to_id] : [row.objective_id];
}

/** The values a create body gives: milestones default to 0 → 1, the current value to the start. */
export function createValues(body: KeyResultCreateBody): KeyResultValues {
  const milestone = body.kind === 'milestone';
  const start = body.start ?? 0;
  const target = body.target === undefined ? (milestone ? 1 : null) : body.target;
  return { kind: body.kind, direction: body.direction, currency: body.currency ?? null, start, target, current: body.current ?? start };
}

export function newKeyResultRow(
  orgId: string,
  objectiveId: string,
  body: KeyResultCreateBody,
  position: number,
  at: string,
): Insertable<KeyResultTable> {
  const values = createValues(body);
  return keyResultRow({
    id: uuidv7(),
    orgId,
    objectiveId,
    title: body.title,
    kind: values.kind,
    direction: values.direction,
    currency: values.currency,
    start: values.start,
    target: values.target,
    current: values.current,
    unit: body.unit ?? null,
    weight: body.weight ?? 1,
    ownerId: body.ownerId ?? null,
    contributesToId: body.contributesToId ?? null,
    position,
    createdAt: at,
  });
}
