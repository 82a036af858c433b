/**
 * The domain's quality rules applied to stored objectives, as the champion's quality table shows
 * them. The rules are the server's own pure module (no I/O), so the wizard, the report and this
 * table judge the same way.
 */
import type { ObjectiveDetailView } from '@contracts/api/okrs.ts';
import {
  checkQuality,
  type ObjectiveDraft,
  type QualityFinding,
} from '../../../../../src/domain/quality.ts';

/** An objective as the API presents it, turned into the draft the quality rules read. */
export function draftOf(objective: ObjectiveDetailView): ObjectiveDraft {
  return {
    level: objective.level,
    title: objective.title,
    rationale: objective.rationale,
    ownerId: objective.owner?.id ?? null,
    parentIds: objective.parents.map((parent) => parent.id),
    keyResults: objective.keyResults.map((keyResult) => ({
      title: keyResult.title,
      kind: keyResult.kind,
      direction: keyResult.direction,
      start: keyResult.start,
      target: keyResult.target,
      // The rules read a currency key result's ISO code as its unit.
      unit: keyResult.kind === 'currency' ? (keyResult.currency ?? keyResult.unit) : keyResult.unit,
      ownerId: keyResult.owner?.id ?? null,
    })),
  };
}

export interface QualityIssue {
  objectiveId: string;
  objectiveTitle: string;
  teamName: string | null;
  ownerName: string | null;
  finding: QualityFinding;
}

/** Every error and warning of the objectives (info findings are advice, not issues). */
export function qualityIssues(objectives: readonly ObjectiveDetailView[]): QualityIssue[] {
  const issues: QualityIssue[] = [];
  for (const objective of objectives) {
    for (const finding of checkQuality(draftOf(objective))) {
      if (finding.severity === 'info') continue;
      issues.push({
        objectiveId: objective.id,
        objectiveTitle: objective.title,
        teamName: objective.team?.name ?? null,
        ownerName: objective.owner?.name ?? null,
        finding,
      });
    }
  }
  return issues;
}
