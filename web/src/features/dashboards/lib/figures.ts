/**
 * The figures of the role dashboards, computed in the browser from what the API answers: counts
 * by status, distributions, company progress, coverage by team, unaligned objectives, stale
 * check-ins, people without OKRs and what moved. Pure functions, so they are unit-tested.
 */
import type { CycleTreeView } from '@contracts/api/okrs.ts';
import type { ConfidenceBand, Health, ObjectiveLevel } from '@contracts/model.ts';
import { teamsInTreeOrder } from '../../../../../src/domain/health.ts';

type TreeNode = CycleTreeView['nodes'][number];
/** An objective of the tree the reader may read (private ones are stubs without level or owner). */
export type ReadableNode = Extract<TreeNode, { level: ObjectiveLevel }>;

export function isReadable(node: TreeNode): node is ReadableNode {
  return !('private' in node);
}

export function readableNodes(nodes: readonly TreeNode[]): ReadableNode[] {
  return nodes.filter(isReadable);
}

export type HealthKey = Health | 'none';
export const HEALTH_KEYS: readonly HealthKey[] = ['on_track', 'at_risk', 'off_track', 'none'];

/** How many items are on track, at risk, off track, and without a status yet. */
export function healthCounts(
  items: readonly { health: Health | null }[],
): Record<HealthKey, number> {
  const counts: Record<HealthKey, number> = { on_track: 0, at_risk: 0, off_track: 0, none: 0 };
  for (const item of items) counts[item.health ?? 'none'] += 1;
  return counts;
}

const HEALTH_RANK: Record<HealthKey, number> = { off_track: 3, at_risk: 2, on_track: 1, none: 0 };

/** The most worrying status among items (off track before at risk before on track), or null. */
export function worstHealth(items: readonly { health: Health | null }[]): Health | null {
  let worst: Health | null = null;
  for (const item of items) {
    if (item.health && (worst === null || HEALTH_RANK[item.health] > HEALTH_RANK[worst])) {
      worst = item.health;
    }
  }
  return worst;
}

export interface Bucket {
  /** Lower bound, inclusive (0..1). */
  from: number;
  /** Upper bound, exclusive except for the last bucket, which includes 1. */
  to: number;
  count: number;
}

/**
 * Progress values (0..1, clamped) counted into `bucketCount` equal buckets: 0–10%, 10–20%, …,
 * 90–100% (the last one includes 100%).
 */
export function progressDistribution(values: readonly number[], bucketCount = 10): Bucket[] {
  const buckets: Bucket[] = Array.from({ length: bucketCount }, (_, index) => ({
    from: index / bucketCount,
    to: (index + 1) / bucketCount,
    count: 0,
  }));
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    const clamped = Math.min(1, Math.max(0, value));
    const index = Math.min(bucketCount - 1, Math.floor(clamped * bucketCount + 1e-9));
    const bucket = buckets[index];
    if (bucket) bucket.count += 1;
  }
  return buckets;
}

export type ConfidenceKey = ConfidenceBand | 'none';

/** Key results by their owner's latest confidence: low, medium, high, or none given yet. */
export function confidenceDistribution(
  keyResults: readonly { confidenceBand: ConfidenceBand | null }[],
): Record<ConfidenceKey, number> {
  const counts: Record<ConfidenceKey, number> = { low: 0, medium: 0, high: 0, none: 0 };
  for (const keyResult of keyResults) counts[keyResult.confidenceBand ?? 'none'] += 1;
  return counts;
}

/** The company's progress: the mean progress of its company objectives, or null without any. */
export function companyProgress(nodes: readonly ReadableNode[]): number | null {
  const company = nodes.filter((node) => node.level === 'company');
  if (company.length === 0) return null;
  return company.reduce((sum, node) => sum + node.progress, 0) / company.length;
}

export interface TeamRef {
  id: string;
  name: string;
  parentId: string | null;
  memberCount: number;
}

export interface MemberRef {
  id: string;
  name: string;
  teams: readonly { id: string; isLead?: boolean }[];
}

export interface TeamCoverage {
  teamId: string;
  name: string;
  /** 0 for a top team, 1 for its sub-teams, … (for indenting a flat list as a tree). */
  depth: number;
  memberCount: number;
  /** Objectives of the cycle whose team is this one (team, shared and individual ones). */
  objectiveCount: number;
  /** Mean progress of those objectives, or null without any. */
  averageProgress: number | null;
  health: Record<HealthKey, number>;
  /** Members of the team who own at least one objective of the cycle. */
  membersWithObjective: number;
  /** membersWithObjective / members known, or null for a team without members. */
  share: number | null;
}

/** Teams in tree order (the server's own rule, shared with the health dashboard). */
export { teamsInTreeOrder };

/**
 * Coverage by team: per team, its objectives in the cycle, their mean progress and status mix,
 * and how many of its members own an objective. Teams come in tree order.
 */
export function coverageByTeam(
  teams: readonly TeamRef[],
  nodes: readonly ReadableNode[],
  members: readonly MemberRef[],
): TeamCoverage[] {
  const objectivesByTeam = new Map<string, ReadableNode[]>();
  const owners = new Set<string>();
  for (const node of nodes) {
    if (node.ownerId) owners.add(node.ownerId);
    if (!node.teamId) continue;
    const list = objectivesByTeam.get(node.teamId) ?? [];
    list.push(node);
    objectivesByTeam.set(node.teamId, list);
  }
  const membersByTeam = new Map<string, MemberRef[]>();
  for (const member of members) {
    for (const team of member.teams) {
      const list = membersByTeam.get(team.id) ?? [];
      list.push(member);
      membersByTeam.set(team.id, list);
    }
  }
  return teamsInTreeOrder(teams).map(({ team, depth }) => {
    const objectives = objectivesByTeam.get(team.id) ?? [];
    const teamMembers = membersByTeam.get(team.id) ?? [];
    const withObjective = teamMembers.filter((member) => owners.has(member.id)).length;
    return {
      teamId: team.id,
      name: team.name,
      depth,
      memberCount: Math.max(team.memberCount, teamMembers.length),
      objectiveCount: objectives.length,
      averageProgress:
        objectives.length === 0
          ? null
          : objectives.reduce((sum, node) => sum + node.progress, 0) / objectives.length,
      health: healthCounts(objectives),
      membersWithObjective: withObjective,
      share: teamMembers.length === 0 ? null : withObjective / teamMembers.length,
    };
  });
}

/** Objectives below the company level that serve no parent objective. */
export function unalignedObjectives(nodes: readonly ReadableNode[]): ReadableNode[] {
  return nodes.filter((node) => node.level !== 'company' && node.parentIds.length === 0);
}

/** A key result is stale without a check-in for this many days (as the API's `dueForCheckIn`). */
export const STALE_AFTER_DAYS = 7;
const DAY_MS = 86_400_000;

/** Whether a key result last checked in at `lastCheckInAt` (or never) is due for a check-in. */
export function isStale(
  lastCheckInAt: string | null,
  now: number,
  days: number = STALE_AFTER_DAYS,
): boolean {
  if (lastCheckInAt === null) return true;
  const at = Date.parse(lastCheckInAt);
  return Number.isNaN(at) || now - at > days * DAY_MS;
}

/** Key results with no check-in in the last `days` days, the longest silent first (never first of all). */
export function staleKeyResults<T extends { lastCheckInAt: string | null }>(
  keyResults: readonly T[],
  now: number,
  days: number = STALE_AFTER_DAYS,
): T[] {
  return keyResults
    .filter((keyResult) => isStale(keyResult.lastCheckInAt, now, days))
    .sort((a, b) => (a.lastCheckInAt ?? '').localeCompare(b.lastCheckInAt ?? ''));
}

/**
 * Members who own no objective of the cycle and no key result among those loaded. `keyResultOwnerIds`
 * come from the objectives checked so far, so the answer is exact once all are checked.
 */
export function peopleWithoutOkrs<T extends { id: string }>(
  members: readonly T[],
  nodes: readonly ReadableNode[],
  keyResultOwnerIds: Iterable<string>,
): T[] {
  const owners = new Set<string>(keyResultOwnerIds);
  for (const node of nodes) if (node.ownerId) owners.add(node.ownerId);
  return members.filter((member) => !owners.has(member.id));
}

export interface Movement {
  /** Progress before the window (the last check-in before `since`, else the first one's start: 0). */
  from: number;
  /** Progress after the latest check-in. */
  to: number;
  delta: number;
  /** Check-ins inside the window. */
  checkIns: number;
}

/**
 * How a key result moved since `since` (ms), from its check-ins (any order): null when nobody
 * checked in since then.
 */
export function movementSince(
  checkIns: readonly { progress: number; createdAt: string }[],
  since: number,
): Movement | null {
  const ordered = [...checkIns].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const inside = ordered.filter((checkIn) => Date.parse(checkIn.createdAt) >= since);
  const last = inside[inside.length - 1];
  if (!last) return null;
  const before = ordered.filter((checkIn) => Date.parse(checkIn.createdAt) < since);
  const from = before[before.length - 1]?.progress ?? 0;
  return { from, to: last.progress, delta: last.progress - from, checkIns: inside.length };
}

/** Whole days from `now` to the end of the cycle's last day (`endDate`, UTC), never below 0. */
export function daysLeft(endDate: string, now: number): number {
  const end = Date.parse(`${endDate}T00:00:00Z`) + DAY_MS;
  if (Number.isNaN(end)) return 0;
  return Math.max(0, Math.ceil((end - now) / DAY_MS));
}
