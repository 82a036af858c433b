import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEALTH, type Health } from '../contracts/model.ts';
import { sharedProgressByTeam, worseHealth, type SharedContribution } from './shared-progress.ts';

const RANK: Record<Health, number> = { on_track: 0, at_risk: 1, off_track: 2 };
const TEAMS = ['t1', 't2', 't3', 't4'];

const contributionArb = fc.record({
  kind: fc.constantFrom('key_result' as const, 'objective' as const),
  candidateTeamIds: fc.subarray(TEAMS),
  progress: fc.double({ min: 0, max: 1, noNaN: true }),
  weight: fc.double({ min: 0.01, max: 100, noNaN: true }),
  health: fc.constantFrom<Health | null>(null, ...HEALTH),
  measurable: fc.boolean(),
});
const contributionsArb = fc
  .array(contributionArb, { maxLength: 12 })
  .map((list) => list.map((c, i): SharedContribution => ({ ...c, id: `c${i}` })));

describe('shared objective progress per contributing team', () => {
  it('counts a key result for the contributing teams its owner is in, and averages by weight', () => {
    const result = sharedProgressByTeam(
      ['growth', 'platform'],
      [
        {
          id: 'a',
          kind: 'key_result',
          candidateTeamIds: ['growth'],
          progress: 1,
          weight: 3,
          health: 'on_track',
          measurable: true,
        },
        {
          id: 'b',
          kind: 'key_result',
          candidateTeamIds: ['growth', 'sales'],
          progress: 0,
          weight: 1,
          health: 'off_track',
          measurable: true,
        },
        {
          id: 'c',
          kind: 'objective',
          candidateTeamIds: ['platform'],
          progress: 0.5,
          weight: 1,
          health: 'at_risk',
          measurable: true,
        },
        {
          id: 'd',
          kind: 'objective',
          candidateTeamIds: ['platform'],
          progress: 0,
          weight: 1,
          health: null,
          measurable: false,
        },
        {
          id: 'e',
          kind: 'key_result',
          candidateTeamIds: ['sales'],
          progress: 1,
          weight: 1,
          health: null,
          measurable: true,
        },
      ],
    );
    expect(result.teams).toEqual([
      { teamId: 'growth', progress: 0.75, health: 'off_track', contributionIds: ['a', 'b'] },
      { teamId: 'platform', progress: 0.5, health: 'at_risk', contributionIds: ['c', 'd'] },
    ]);
    expect(result.unattributedIds).toEqual(['e']);
  });

  it('gives a team without measurable contributions no progress rather than 0', () => {
    expect(sharedProgressByTeam(['t1'], []).teams).toEqual([
      { teamId: 't1', progress: null, health: null, contributionIds: [] },
    ]);
  });

  it('keeps each team between the least and the most progress it contributes', () => {
    fc.assert(
      fc.property(contributionsArb, (contributions) => {
        const { teams } = sharedProgressByTeam(TEAMS, contributions);
        for (const team of teams) {
          const measured = contributions.filter(
            (c) => c.measurable && c.candidateTeamIds.includes(team.teamId),
          );
          if (measured.length === 0) {
            expect(team.progress).toBeNull();
            continue;
          }
          const values = measured.map((c) => c.progress);
          expect(team.progress).not.toBeNull();
          expect(team.progress as number).toBeGreaterThanOrEqual(Math.min(...values) - 1e-12);
          expect(team.progress as number).toBeLessThanOrEqual(Math.max(...values) + 1e-12);
        }
      }),
    );
  });

  it('attributes every contribution to exactly its contributing teams, or to nobody', () => {
    fc.assert(
      fc.property(
        fc.subarray(TEAMS, { minLength: 1 }),
        contributionsArb,
        (contributing, contributions) => {
          const result = sharedProgressByTeam(contributing, contributions);
          for (const c of contributions) {
            const expected = contributing.filter((t) => c.candidateTeamIds.includes(t));
            const counted = result.teams
              .filter((t) => t.contributionIds.includes(c.id))
              .map((t) => t.teamId);
            expect(counted).toEqual(expected);
            expect(result.unattributedIds.includes(c.id)).toBe(expected.length === 0);
          }
        },
      ),
    );
  });

  it('takes the worst health of what the team contributes', () => {
    fc.assert(
      fc.property(contributionsArb, (contributions) => {
        for (const team of sharedProgressByTeam(TEAMS, contributions).teams) {
          const healths = contributions
            .filter((c) => c.candidateTeamIds.includes(team.teamId))
            .flatMap((c) => (c.health ? [c.health] : []));
          const worst =
            healths.length === 0 ? null : healths.reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
          expect(team.health).toBe(worst);
        }
      }),
    );
  });

  it('does not depend on the order of the contributions', () => {
    fc.assert(
      fc.property(contributionsArb, fc.integer(), (contributions, seed) => {
        const shuffled = [...contributions].sort(
          (a, b) =>
            ((a.id.length * seed) % 7) - ((b.id.length * seed) % 7) || (a.id < b.id ? 1 : -1),
        );
        const one = sharedProgressByTeam(TEAMS, contributions).teams;
        const two = sharedProgressByTeam(TEAMS, shuffled).teams;
        one.forEach((team, i) => {
          const other = two[i];
          expect(other?.health).toBe(team.health);
          if (team.progress === null) expect(other?.progress).toBeNull();
          else expect(other?.progress).toBeCloseTo(team.progress, 9);
          expect([...(other?.contributionIds ?? [])].sort()).toEqual(
            [...team.contributionIds].sort(),
          );
        });
      }),
    );
  });

  it('worseHealth is the maximum by severity, null losing to any health', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Health | null>(null, ...HEALTH),
        fc.constantFrom<Health | null>(null, ...HEALTH),
        (a, b) => {
          const worse = worseHealth(a, b);
          expect(worse).toBe(worseHealth(b, a));
          if (a === null || b === null) expect(worse).toBe(a ?? b);
          else expect(RANK[worse as Health]).toBe(Math.max(RANK[a], RANK[b]));
        },
      ),
    );
  });
});
