import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Health } from '../contracts/model.ts';
import { groupByTheme, rollUp } from './strategy.ts';

const THEMES = ['Grow', 'Delight', 'Scale'];
const objectiveArb = fc.record({
  id: fc.uuid(),
  tags: fc.array(fc.constantFrom(...THEMES, 'other', 'grow'), { maxLength: 4 }),
  progress: fc.double({ min: 0, max: 1, noNaN: true }),
  health: fc.constantFrom<Health | null>('on_track', 'at_risk', 'off_track', null),
});

describe('strategy tree rules', () => {
  it('puts each objective under exactly the themes it is tagged with, or untagged', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(objectiveArb, { selector: (o) => o.id, maxLength: 30 }),
        (objectives) => {
          const { byTheme, untagged } = groupByTheme(THEMES, objectives, (o) => o.tags);
          expect([...byTheme.keys()]).toEqual(THEMES);
          for (const o of objectives) {
            const themes = THEMES.filter((t) => o.tags.includes(t));
            for (const t of THEMES) {
              expect((byTheme.get(t) ?? []).filter((x) => x.id === o.id).length).toBe(
                themes.includes(t) ? 1 : 0,
              );
            }
            expect(untagged.includes(o)).toBe(themes.length === 0);
          }
        },
      ),
    );
  });

  it('rolls up to the mean progress and the worst status', () => {
    fc.assert(
      fc.property(fc.array(objectiveArb, { maxLength: 20 }), (objectives) => {
        const { progress, health } = rollUp(objectives);
        if (objectives.length === 0) {
          expect(progress).toBeNull();
          return;
        }
        const values = objectives.map((o) => o.progress);
        expect(progress).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
        expect(progress).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
        const healths = objectives.map((o) => o.health);
        const expected = healths.includes('off_track')
          ? 'off_track'
          : healths.includes('at_risk')
            ? 'at_risk'
            : healths.includes('on_track')
              ? 'on_track'
              : null;
        expect(health).toBe(expected);
      }),
    );
    expect(
      rollUp([
        { progress: 0.2, health: 'on_track' },
        { progress: 0.6, health: 'at_risk' },
      ]),
    ).toEqual({
      progress: 0.4,
      health: 'at_risk',
    });
  });
});
