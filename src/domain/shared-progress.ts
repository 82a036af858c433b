/**
 * Progress of a shared objective per contributing team. A shared objective is owned by several
 * teams; each contributes key results on the objective itself, team objectives aligned to it, or
 * key results of their own objectives that count in it (`contributesToId`). Pure; the service
 * gathers the contributions, this attributes them to teams and averages them.
 */
import type { Health } from '../contracts/model.ts';
import { objectiveOwnProgress } from './progress.ts';

export interface SharedContribution {
  id: string;
  kind: 'key_result' | 'objective';
  /** The teams the contribution could count for (its team, or its owner's teams), in any order. */
  candidateTeamIds: readonly string[];
  /** 0..1. */
  progress: number;
  /** A key result's weight; an aligned objective counts with weight 1. */
  weight: number;
  health: Health | null;
  /** False for an aligned objective with nothing to measure yet: it is listed but not averaged. */
  measurable: boolean;
}

export interface TeamShare {
  teamId: string;
  /** The weighted mean of the team's measurable contributions; null when it has none. */
  progress: number | null;
  /** The worst health among the team's contributions; null when none has one. */
  health: Health | null;
  /** Ids of the contributions counted for the team, in the order given. */
  contributionIds: string[];
}

export interface SharedProgress {
  teams: TeamShare[];
  /** Contributions from people or objectives outside every contributing team. */
  unattributedIds: string[];
}

const RANK: Record<Health, number> = { on_track: 0, at_risk: 1, off_track: 2 };

/** The worse of two healths (null is "nothing known" and loses to any health). */
export function worseHealth(a: Health | null, b: Health | null): Health | null {
  if (a === null) return b;
  if (b === null) return a;
  return RANK[b] > RANK[a] ? b : a;
}

/**
 * Attributes each contribution to the contributing teams among its candidate teams (a person in
 * two contributing teams counts for both: each team sees what its own people carry) and gives
 * each contributing team, in the order given, the weighted mean progress and the worst health of
 * what it contributes. Duplicate team ids count once.
 */
export function sharedProgressByTeam(
  contributingTeamIds: readonly string[],
  contributions: readonly SharedContribution[],
): SharedProgress {
  const teamIds = [...new Set(contributingTeamIds)];
  const byTeam = new Map<string, SharedContribution[]>(teamIds.map((id) => [id, []]));
  const unattributedIds: string[] = [];
  for (const contribution of contributions) {
    const teams = [...new Set(contribution.candidateTeamIds)].filter((id) => byTeam.has(id));
    if (teams.length === 0) unattributedIds.push(contribution.id);
    for (const teamId of teams) byTeam.get(teamId)?.push(contribution);
  }
  return {
    teams: teamIds.map((teamId) => {
      const own = byTeam.get(teamId) ?? [];
      const measured = own.filter((c) => c.measurable);
      return {
        teamId,
        progress: objectiveOwnProgress(
          measured.map((c) => ({ progress: c.progress, weight: c.weight })),
        ),
        health: own.reduce<Health | null>((worst, c) => worseHealth(worst, c.health), null),
        contributionIds: own.map((c) => c.id),
      };
    }),
    unattributedIds,
  };
}
