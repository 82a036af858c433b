/**
 * Key results and check-ins as the API shows them: camelCase, with the owner's name, the
 * confidence band and the caller's abilities. Pure: the services load, these shape.
 */
import type { CheckInView, DependencyRiskView, KeyResultView } from '../contracts/api/okrs.ts';
import type { Health, KrDirection, KrKind } from '../contracts/model.ts';
import { confidenceBand, keyResultProgress } from '../domain/progress.ts';
import { keyResultAbilities, type Actor, type ObjectiveFacts } from '../policy/policy.ts';
import type { CheckInRow } from '../repositories/check-ins.ts';
import type { KeyResultRow } from '../repositories/objective-facts.ts';

/** What a person who has left the organisation is called where they still own something. */
export const FORMER_MEMBER = 'Former member';

/** `{ id, name }` of a person, or null. */
export function personRef(id: string | null, names: ReadonlyMap<string, string>): { id: string; name: string } | null {
  return id === null ? null : { id, name: names.get(id) ?? FORMER_MEMBER };
}

/**
 * `dependencyRisk`: the risk this key result inherits through its dependencies (null: none);
 * left out of the view when the caller did not compute it.
 */
export function presentKeyResult(
  actor: Actor,
  objective: ObjectiveFacts,
  row: KeyResultRow,
  ownerTeamIds: readonly string[],
  people: ReadonlyMap<string, string>,
  dependencyRisk?: DependencyRiskView | null,
): KeyResultView {
  return {
    id: row.id,
    objectiveId: row.objective_id,
    title: row.title,
    kind: row.kind as KrKind,
    direction: row.direction as KrDirection,
    currency: row.currency,
    start: row.start_value,
    target: row.target_value,
    current: row.current_value,
    unit: row.unit,
    weight: row.weight,
    owner: personRef(row.owner_id, people),
    contributesToId: row.contributes_to_id,
    kpiId: row.kpi_id ?? null,
    position: row.position,
    progress: row.progress,
    health: row.health as Health | null,
    confidence: row.confidence,
    confidenceBand: row.confidence === null ? null : confidenceBand(row.confidence),
    score: row.score,
    lastCheckInAt: row.last_check_in_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    abilities: keyResultAbilities(actor, objective, { ownerId: row.owner_id, ownerTeamIds }),
    ...(dependencyRisk === undefined ? {} : { dependencyRisk }),
  };
}

/** A check-in, with the progress its value gives by the key result's current start and target. */
export function presentCheckIn(row: CheckInRow & { author_name: string | null }, keyResult: KeyResultRow): CheckInView {
  return {
    id: row.id,
    keyResultId: row.key_result_id,
    value: row.value,
    confidence: row.confidence,
    confidenceBand: row.confidence === null ? null : confidenceBand(row.confidence),
    note: row.note,
    author: row.author_id === null ? null : { id: row.author_id, name: row.author_name ?? FORMER_MEMBER },
    source: row.source,
    progress: keyResultProgress({
      kind: keyResult.kind as KrKind,
      direction: keyResult.direction as KrDirection,
      start: keyResult.start_value,
      target: keyResult.target_value,
      current: row.value,
    }),
    createdAt: row.created_at,
  };
}
