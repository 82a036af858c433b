/**
 * What the audit log records of an objective or key result before and after a change: the
 * values people set, in API words, not the derived progress.
 */
import type { KeyResultRow, ObjectiveRow } from '../../repositories/objective-facts.ts';

export interface ObjectiveAuditState {
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

export function objectiveAuditState(
  row: ObjectiveRow,
  relations: { readerIds: readonly string[]; contributingTeamIds: readonly string[]; tags: readonly string[] },
): ObjectiveAuditState {
  return {
    cycleId: row.cycle_id,
    level: row.level,
    title: row.title,
    rationale: row.rationale,
    ownerId: row.owner_id,
    teamId: row.team_id,
    visibility: row.visibility,
    status: row.status,
    includeChildren: row.include_children === 1,
    readerIds: relations.readerIds,
    contributingTeamIds: relations.contributingTeamIds,
    tags: relations.tags,
  };
}

export function keyResultAuditState(row: KeyResultRow) {
  return {
    objectiveId: row.objective_id,
    title: row.title,
    kind: row.kind,
    direction: row.direction,
    currency: row.currency,
    start: row.start_value,
    target: row.target_value,
    current: row.current_value,
    unit: row.unit,
    weight: row.weight,
    ownerId: row.owner_id,
    contributesToId: row.contributes_to_id,
    position: row.position,
    confidence: row.confidence,
    kpiId: row.kpi_id ?? null,
  };
}
