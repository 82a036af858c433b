/**
 * The shape of a synthetic organisation for benchmarks, decided up front from a seed: teams in a
 * tree, who is in which team, the objectives with their levels, owners and alignment parents, and
 * the parameters of every key result. Kept in flat arrays (typed where possible) so that 100,000
 * objectives and a million check-ins never exist as objects at once; rows are produced from this
 * plan by ./synthetic-rows.ts.
 *
 * Ratios per person: 0.1 teams, 3 objectives (1% company, 4% shared, 30% team, the rest
 * individual), 10 key results and 10 check-ins per key result by default.
 */
import type { KrDirection, KrKind, ObjectiveLevel } from '../../contracts/model.ts';
import { Prng, createIdFactory, hash32 } from './prng.ts';

export interface SyntheticShape {
  people: number;
  seed: number;
  /** Mixed into the ids, so organisations of the same seed but other slugs can share a database. */
  idSalt: number;
  keyResultsPerPerson: number;
  checkInsPerKeyResult: number;
}

export const KR_KINDS_BY_CODE: readonly KrKind[] = [
  'number',
  'percentage',
  'currency',
  'milestone',
];
export const KR_DIRECTIONS_BY_CODE: readonly KrDirection[] = [
  'increase',
  'decrease',
  'at_least',
  'at_most',
];
export const LEVELS_BY_CODE: readonly ObjectiveLevel[] = [
  'company',
  'shared',
  'team',
  'individual',
];

export interface SyntheticPlan {
  shape: SyntheticShape;
  nextId: () => string;
  orgId: string;
  cycleId: string;
  userIds: string[];
  teamIds: string[];
  /** Parent team index, -1 for the root. */
  teamParent: Int32Array;
  /** People are in team `person % teams`; some also in `secondTeam[person]` (else -1). */
  secondTeam: Int32Array;
  objectiveIds: string[];
  /** Index into LEVELS_BY_CODE. */
  objectiveLevel: Uint8Array;
  objectiveTeam: Int32Array;
  objectiveOwner: Int32Array;
  /** Alignment edges as pairs of objective indexes. */
  alignmentChild: Int32Array;
  alignmentParent: Int32Array;
  /** Key results of objective o are `krStart[o]` up to `krStart[o + 1]` (exclusive). */
  krStart: Int32Array;
  keyResultIds: string[];
  krOwner: Int32Array;
  krKind: Uint8Array;
  krDirection: Uint8Array;
  krStartValue: Float64Array;
  /** NaN for a "baseline first" key result without a target. */
  krTargetValue: Float64Array;
  /** How fast the key result moves against the calendar: 0.25 (off track) to 1.35 (ahead). */
  krPace: Float32Array;
}

export function teamCountFor(people: number): number {
  return Math.max(1, Math.round(people / 10));
}

/** How many objectives of each level `people` people get. */
export function objectiveCountsFor(people: number): Record<ObjectiveLevel, number> {
  const total = people * 3;
  const company = Math.max(1, Math.round(total * 0.01));
  const shared = Math.round(total * 0.04);
  const team = Math.round(total * 0.3);
  return { company, shared, team, individual: Math.max(0, total - company - shared - team) };
}

/** Plans the organisation; ids come from `baseMs` upwards, in the order things are planned. */
export function planSyntheticOrganisation(shape: SyntheticShape, baseMs: number): SyntheticPlan {
  const { people, seed } = shape;
  const prng = new Prng(seed);
  const nextId = createIdFactory(hash32(seed, shape.idSalt), baseMs);
  const orgId = nextId();
  const userIds = Array.from({ length: people }, () => nextId());

  const teams = teamCountFor(people);
  const branching = Math.max(2, Math.ceil(Math.cbrt(teams)));
  const teamIds = Array.from({ length: teams }, () => nextId());
  const teamParent = new Int32Array(teams);
  // A complete tree in breadth-first order: every parent comes before its children.
  for (let t = 0; t < teams; t++) teamParent[t] = t === 0 ? -1 : Math.floor((t - 1) / branching);
  const secondTeam = new Int32Array(people).fill(-1);
  if (teams > 1) {
    for (let p = 0; p < people; p++) {
      if (prng.chance(0.05)) {
        const other = ((p % teams) + 1 + prng.int(teams - 1)) % teams;
        secondTeam[p] = other;
      }
    }
  }
  const cycleId = nextId();

  const counts = objectiveCountsFor(people);
  const total = counts.company + counts.shared + counts.team + counts.individual;
  const objectiveIds = Array.from({ length: total }, () => nextId());
  const objectiveLevel = new Uint8Array(total);
  const objectiveTeam = new Int32Array(total);
  const objectiveOwner = new Int32Array(total);
  const edgesChild: number[] = [];
  const edgesParent: number[] = [];
  const align = (child: number, parent: number): void => {
    edgesChild.push(child);
    edgesParent.push(parent);
  };
  const membersOf = (team: number): number =>
    Math.max(1, Math.floor((people - 1 - team) / teams) + 1);
  const randomMember = (team: number): number =>
    Math.min(people - 1, team + teams * prng.int(membersOf(team)));

  const companyFirst = 0;
  const sharedFirst = counts.company;
  const teamFirst = sharedFirst + counts.shared;
  const executives = Math.max(1, Math.round(people / 1000));
  let o = 0;
  for (let i = 0; i < counts.company; i++, o++) {
    objectiveLevel[o] = 0;
    objectiveTeam[o] = 0;
    objectiveOwner[o] = i % executives;
  }
  const randomCompany = (): number => companyFirst + prng.int(counts.company);
  const randomShared = (): number => sharedFirst + prng.int(counts.shared);
  for (let i = 0; i < counts.shared; i++, o++) {
    objectiveLevel[o] = 1;
    objectiveTeam[o] = prng.int(teams);
    objectiveOwner[o] = randomMember(objectiveTeam[o] as number);
    align(o, randomCompany());
    // Shared objectives may build on an earlier shared one; earlier ones only, so no loops.
    if (i > 0 && prng.chance(0.1)) align(o, sharedFirst + prng.int(i));
  }
  // Team objectives are spread over the teams in breadth-first order, so a parent team's
  // objectives always exist before its children's.
  const teamObjectiveFirst = new Int32Array(teams + 1);
  for (let t = 0; t <= teams; t++)
    teamObjectiveFirst[t] = teamFirst + Math.floor((t * counts.team) / teams);
  const randomTeamObjective = (team: number): number => {
    const first = teamObjectiveFirst[team] as number;
    const count = (teamObjectiveFirst[team + 1] as number) - first;
    return count > 0 ? first + prng.int(count) : -1;
  };
  for (let t = 0; t < teams; t++) {
    for (
      let j = teamObjectiveFirst[t] as number;
      j < (teamObjectiveFirst[t + 1] as number);
      j++, o++
    ) {
      objectiveLevel[o] = 2;
      objectiveTeam[o] = t;
      objectiveOwner[o] = t < people ? t : randomMember(t);
      const roll = prng.next();
      if (roll < 0.03) continue; // not aligned yet: the champion's dashboard should find some
      const parentTeam = teamParent[t] as number;
      const fromParentTeam = parentTeam >= 0 ? randomTeamObjective(parentTeam) : -1;
      if (roll < 0.13 && counts.shared > 0) align(o, randomShared());
      else align(o, fromParentTeam >= 0 ? fromParentTeam : randomCompany());
      if (prng.chance(0.05)) {
        const second = counts.shared > 0 && prng.chance(0.5) ? randomShared() : randomCompany();
        if (
          edgesParent[edgesParent.length - 1] !== second ||
          edgesChild[edgesChild.length - 1] !== o
        )
          align(o, second);
      }
    }
  }
  for (let i = 0; i < counts.individual; i++, o++) {
    const owner = Math.min(people - 1, Math.floor((i * people) / Math.max(1, counts.individual)));
    const team = owner % teams;
    objectiveLevel[o] = 3;
    objectiveTeam[o] = team;
    objectiveOwner[o] = owner;
    const roll = prng.next();
    if (roll < 0.03) continue;
    const teamObjective = randomTeamObjective(team);
    if (roll < 0.08 && counts.shared > 0) align(o, randomShared());
    else align(o, teamObjective >= 0 ? teamObjective : randomCompany());
  }

  const krTotal = Math.round(people * shape.keyResultsPerPerson);
  const krStart = new Int32Array(total + 1);
  for (let j = 0; j <= total; j++) krStart[j] = Math.floor((j * krTotal) / Math.max(1, total));
  const keyResultIds = Array.from({ length: krTotal }, () => nextId());
  const krOwner = new Int32Array(krTotal);
  const krKind = new Uint8Array(krTotal);
  const krDirection = new Uint8Array(krTotal);
  const krStartValue = new Float64Array(krTotal);
  const krTargetValue = new Float64Array(krTotal);
  const krPace = new Float32Array(krTotal);
  for (let j = 0; j < total; j++) {
    const level = objectiveLevel[j] as number;
    for (let k = krStart[j] as number; k < (krStart[j + 1] as number); k++) {
      krOwner[k] =
        level === 3 || prng.chance(0.3)
          ? (objectiveOwner[j] as number)
          : randomMember(objectiveTeam[j] as number);
      const h = hash32(seed, k, 0x4b52);
      const kindRoll = (h & 0xff) / 256;
      const kind = kindRoll < 0.4 ? 0 : kindRoll < 0.7 ? 1 : kindRoll < 0.85 ? 2 : 3;
      const directionRoll = ((h >>> 8) & 0xff) / 256;
      const direction =
        kind === 3
          ? 0
          : directionRoll < 0.55
            ? 0
            : directionRoll < 0.75
              ? 1
              : directionRoll < 0.9
                ? 2
                : 3;
      const scale =
        kind === 1
          ? 10 + ((h >>> 16) % 50)
          : kind === 2
            ? 1000 * (10 + ((h >>> 16) % 990))
            : 10 + ((h >>> 16) % 990);
      const change = 0.2 + ((h >>> 24) % 60) / 100;
      let start = kind === 3 ? 0 : scale;
      let target =
        kind === 3
          ? 1
          : direction === 0 || direction === 2
            ? scale * (1 + change)
            : scale * (1 - change * 0.8);
      if (kind === 1) target = Math.min(100, target);
      if (kind !== 3) {
        start = Math.round(start);
        target = Math.round(target);
        if (target === start) target = start + (direction === 0 || direction === 2 ? 1 : -1);
      }
      krKind[k] = kind;
      krDirection[k] = direction;
      krStartValue[k] = start;
      // About 2% are "baseline first": measured, but no target yet.
      krTargetValue[k] = kind !== 3 && ((h >>> 4) & 63) === 0 ? Number.NaN : target;
      krPace[k] = 0.25 + 1.1 * (hash32(seed, k, 0x7041) / 4_294_967_296);
    }
  }

  return {
    shape,
    nextId,
    orgId,
    cycleId,
    userIds,
    teamIds,
    teamParent,
    secondTeam,
    objectiveIds,
    objectiveLevel,
    objectiveTeam,
    objectiveOwner,
    alignmentChild: Int32Array.from(edgesChild),
    alignmentParent: Int32Array.from(edgesParent),
    krStart,
    keyResultIds,
    krOwner,
    krKind,
    krDirection,
    krStartValue,
    krTargetValue,
    krPace,
  };
}
