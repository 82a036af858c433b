import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OBJECTIVE_LEVELS } from '../contracts/model.ts';
import {
  alignmentGaps,
  checkInCompliance,
  confidenceCounts,
  coverageByTeam,
  lastWeeks,
  peopleWithoutObjectives,
  progressDeciles,
  type HealthObjectiveFact,
} from './health.ts';

const person = fc.constantFrom('ana', 'ben', 'cy', 'dee', 'eve');
const teamId = fc.constantFrom('t1', 't2', 't3');
const objective: fc.Arbitrary<HealthObjectiveFact> = fc.record({
  id: fc.uuid(),
  level: fc.constantFrom(...OBJECTIVE_LEVELS),
  teamId: fc.option(teamId, { nil: null }),
  ownerId: fc.option(person, { nil: null }),
  parentCount: fc.nat({ max: 3 }),
});

describe('coverageByTeam', () => {
  it('counts every objective of a team once and lists exactly the members who own none', () => {
    fc.assert(
      fc.property(
        fc.array(objective, { maxLength: 30 }),
        fc.array(person, { maxLength: 6 }),
        (objectives, members) => {
          const [row] = coverageByTeam([{ id: 't1', name: 'One', memberIds: members }], objectives);
          expect(row?.objectiveCount).toBe(objectives.filter((o) => o.teamId === 't1').length);
          const owners = new Set(objectives.map((o) => o.ownerId));
          expect(row?.membersWithoutObjectives.sort()).toEqual(
            [...new Set(members)].filter((m) => !owners.has(m)).sort(),
          );
          expect(row?.memberCount).toBe(new Set(members).size);
        },
      ),
    );
  });

  it('a hand-counted example', () => {
    const rows = coverageByTeam(
      [
        { id: 't1', name: 'One', memberIds: ['ana', 'ben'] },
        { id: 't2', name: 'Two', memberIds: ['cy'] },
      ],
      [
        { id: 'a', level: 'team', teamId: 't1', ownerId: 'ana', parentCount: 1 },
        { id: 'b', level: 'individual', teamId: 't1', ownerId: 'ana', parentCount: 0 },
      ],
    );
    expect(rows).toEqual([
      { teamId: 't1', objectiveCount: 2, memberCount: 2, membersWithoutObjectives: ['ben'] },
      { teamId: 't2', objectiveCount: 0, memberCount: 1, membersWithoutObjectives: ['cy'] },
    ]);
    expect(peopleWithoutObjectives(['ana', 'ben', 'cy'], [])).toEqual(['ana', 'ben', 'cy']);
  });
});

describe('alignmentGaps', () => {
  it('keeps exactly the team and individual objectives without a parent', () => {
    fc.assert(
      fc.property(fc.array(objective, { maxLength: 30 }), (objectives) => {
        const gaps = new Set(alignmentGaps(objectives));
        for (const o of objectives) {
          const gap = (o.level === 'team' || o.level === 'individual') && o.parentCount === 0;
          expect(gaps.has(o)).toBe(gap);
        }
      }),
    );
  });
});

describe('lastWeeks and checkInCompliance', () => {
  const now = new Date('2026-11-28T12:00:00.000Z');

  it('weeks are contiguous seven-day windows ending now', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 26 }), (count) => {
        const weeks = lastWeeks(now, count);
        expect(weeks).toHaveLength(count);
        expect(weeks.at(-1)?.to).toBe(now.toISOString());
        for (let i = 1; i < weeks.length; i++) expect(weeks[i]?.from).toBe(weeks[i - 1]?.to);
      }),
    );
  });

  it('the share stays in 0..1 and counts a key result once however many check-ins it had', () => {
    const weeks = lastWeeks(now, 4);
    const instant = fc
      .integer({ min: now.getTime() - 35 * 86_400_000, max: now.getTime() - 1 })
      .map((ms) => new Date(ms).toISOString());
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id: fc.constantFrom('k1', 'k2', 'k3'), createdAt: instant }), {
          maxLength: 3,
          selector: (kr) => kr.id,
        }),
        fc.array(fc.record({ keyResultId: fc.constantFrom('k1', 'k2', 'k3'), at: instant }), {
          maxLength: 20,
        }),
        (keyResults, checkIns) => {
          for (const cell of checkInCompliance(keyResults, checkIns, weeks)) {
            expect(cell.checkedIn).toBeLessThanOrEqual(cell.keyResults);
            if (cell.share !== null) {
              expect(cell.share).toBeGreaterThanOrEqual(0);
              expect(cell.share).toBeLessThanOrEqual(1);
            } else expect(cell.keyResults).toBe(0);
          }
        },
      ),
    );
  });

  it('a hand-counted example', () => {
    const weeks = lastWeeks(now, 2);
    const cells = checkInCompliance(
      [
        { id: 'k1', createdAt: '2026-11-01T00:00:00.000Z' },
        { id: 'k2', createdAt: '2026-11-25T00:00:00.000Z' },
      ],
      [
        { keyResultId: 'k1', at: '2026-11-17T00:00:00.000Z' },
        { keyResultId: 'k1', at: '2026-11-18T00:00:00.000Z' },
        { keyResultId: 'k2', at: '2026-11-26T00:00:00.000Z' },
      ],
      weeks,
    );
    expect(cells).toEqual([
      { keyResults: 1, checkedIn: 1, share: 1 },
      { keyResults: 2, checkedIn: 1, share: 0.5 },
    ]);
  });
});

describe('distributions', () => {
  it('progressDeciles counts every finite value exactly once, in its decile', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 2, noNaN: true })), (values) => {
        const counts = progressDeciles(values);
        expect(counts).toHaveLength(10);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(values.length);
      }),
    );
    expect(progressDeciles([0, 0.05, 0.1, 0.55, 1, 1.2])).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
  });

  it('confidenceCounts puts every key result in one band', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }))), (values) => {
        const counts = confidenceCounts(values);
        expect(counts.low + counts.medium + counts.high + counts.none).toBe(values.length);
        expect(counts.none).toBe(values.filter((v) => v === null).length);
      }),
    );
  });
});
