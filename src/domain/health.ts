/**
 * The figures of the OKR health dashboard, from plain facts: coverage per team, alignment gaps,
 * check-in compliance per team and week, and the distributions of progress and confidence.
 * Pure functions; the service loads the facts and decides what the reader may see.
 */
import type { ConfidenceBand, ObjectiveLevel } from '../contracts/model.ts';
import { confidenceBand } from './progress.ts';

const DAY_MS = 86_400_000;

export interface HealthObjectiveFact {
  id: string;
  level: ObjectiveLevel;
  teamId: string | null;
  ownerId: string | null;
  parentCount: number;
}

export interface HealthTeamFact {
  id: string;
  name: string;
  memberIds: readonly string[];
}

export interface TeamCoverageFigure {
  teamId: string;
  objectiveCount: number;
  memberCount: number;
  /** Members of the team who own no objective of the cycle. */
  membersWithoutObjectives: string[];
}

/**
 * Per team: its objectives in the cycle (those whose team is this one) and its members who own
 * none of the cycle's objectives. Teams keep the order given.
 */
export function coverageByTeam(
  teams: readonly HealthTeamFact[],
  objectives: readonly HealthObjectiveFact[],
): TeamCoverageFigure[] {
  const owners = new Set<string>();
  const countByTeam = new Map<string, number>();
  for (const objective of objectives) {
    if (objective.ownerId !== null) owners.add(objective.ownerId);
    if (objective.teamId !== null)
      countByTeam.set(objective.teamId, (countByTeam.get(objective.teamId) ?? 0) + 1);
  }
  return teams.map((team) => {
    const members = [...new Set(team.memberIds)];
    return {
      teamId: team.id,
      objectiveCount: countByTeam.get(team.id) ?? 0,
      memberCount: members.length,
      membersWithoutObjectives: members.filter((id) => !owners.has(id)),
    };
  });
}

/** People (of those given) who own none of the objectives. */
export function peopleWithoutObjectives(
  peopleIds: readonly string[],
  objectives: readonly HealthObjectiveFact[],
): string[] {
  const owners = new Set(objectives.flatMap((o) => (o.ownerId === null ? [] : [o.ownerId])));
  return [...new Set(peopleIds)].filter((id) => !owners.has(id));
}

/** Levels whose objectives should serve a parent objective. */
export const LEVELS_NEEDING_A_PARENT: readonly ObjectiveLevel[] = ['team', 'individual'];

/** Team and individual objectives that serve no parent objective. */
export function alignmentGaps<T extends HealthObjectiveFact>(objectives: readonly T[]): T[] {
  return objectives.filter(
    (objective) => LEVELS_NEEDING_A_PARENT.includes(objective.level) && objective.parentCount === 0,
  );
}

export interface Week {
  /** First instant of the week, inclusive (ISO). */
  from: string;
  /** Last instant, exclusive (ISO). */
  to: string;
}

/**
 * The last `count` weeks as seven-day windows ending at `now`, oldest first: the last one is
 * [now − 7 days, now).
 */
export function lastWeeks(now: Date, count: number): Week[] {
  const end = now.getTime();
  return Array.from({ length: count }, (_, index) => {
    const back = count - index;
    return {
      from: new Date(end - back * 7 * DAY_MS).toISOString(),
      to: new Date(end - (back - 1) * 7 * DAY_MS).toISOString(),
    };
  });
}

export interface ComplianceCell {
  /** Key results of the team that existed by the end of the week. */
  keyResults: number;
  /** Of those, the ones checked in at least once during the week. */
  checkedIn: number;
  /** checkedIn / keyResults, or null for a week without key results. */
  share: number | null;
}

/**
 * Check-in compliance of one team: for each week, the share of its key results (created before
 * the week ended) that received at least one check-in during the week.
 */
export function checkInCompliance(
  keyResults: readonly { id: string; createdAt: string }[],
  checkIns: readonly { keyResultId: string; at: string }[],
  weeks: readonly Week[],
): ComplianceCell[] {
  return weeks.map((week) => {
    const existing = keyResults.filter((kr) => kr.createdAt < week.to);
    const ids = new Set(existing.map((kr) => kr.id));
    const checked = new Set(
      checkIns
        .filter((c) => ids.has(c.keyResultId) && c.at >= week.from && c.at < week.to)
        .map((c) => c.keyResultId),
    );
    return {
      keyResults: existing.length,
      checkedIn: checked.size,
      share: existing.length === 0 ? null : checked.size / existing.length,
    };
  });
}

/**
 * Progress values (0..1, clamped) in ten buckets: 0–10%, 10–20%, …, 90–100% (the last includes
 * 100%). Non-finite values are left out.
 */
export function progressDeciles(values: readonly number[]): number[] {
  const counts = Array.from({ length: 10 }, () => 0);
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    const clamped = Math.min(1, Math.max(0, value));
    const index = Math.min(9, Math.floor(clamped * 10 + 1e-9));
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}

export type ConfidenceKey = ConfidenceBand | 'none';

/** Key results by their owner's latest confidence (0..1): low, medium, high, or none yet. */
export function confidenceCounts(
  confidences: readonly (number | null)[],
): Record<ConfidenceKey, number> {
  const counts: Record<ConfidenceKey, number> = { low: 0, medium: 0, high: 0, none: 0 };
  for (const confidence of confidences)
    counts[confidence === null ? 'none' : confidenceBand(confidence)] += 1;
  return counts;
}

/** Teams in tree order: each parent followed by its sub-teams, by name at each level. */
export function teamsInTreeOrder<T extends { id: string; name: string; parentId: string | null }>(
  teams: readonly T[],
): { team: T; depth: number }[] {
  const ids = new Set(teams.map((team) => team.id));
  const children = new Map<string | null, T[]>();
  for (const team of teams) {
    // A parent we cannot see makes the team a root rather than hiding it.
    const parent = team.parentId !== null && ids.has(team.parentId) ? team.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(team);
    children.set(parent, list);
  }
  const ordered: { team: T; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    for (const team of list) {
      if (seen.has(team.id)) continue;
      seen.add(team.id);
      ordered.push({ team, depth });
      visit(team.id, depth + 1);
    }
  };
  visit(null, 0);
  // Teams caught in a parent loop (should not happen) still show, at the top level.
  for (const team of teams) if (!seen.has(team.id)) ordered.push({ team, depth: 0 });
  return ordered;
}
