import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KR_DIRECTIONS, KR_KINDS } from '../contracts/model.ts';
import {
  CASCADE_TITLE_PREFIX,
  MAX_CASCADED_KEY_RESULTS,
  MAX_TITLE_LENGTH,
  proposeCascadedKeyResults,
  type ParentKeyResult,
} from './cascade.ts';

const value = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const parentKeyResult: fc.Arbitrary<ParentKeyResult> = fc.record({
  id: fc.uuid(),
  title: fc.string({ minLength: 1, maxLength: 200 }).filter((t) => t.trim() !== ''),
  kind: fc.constantFrom(...KR_KINDS),
  direction: fc.constantFrom(...KR_DIRECTIONS),
  start: value,
  target: fc.option(value, { nil: null }),
  current: value,
  unit: fc.option(fc.string({ maxLength: 30 }), { nil: null }),
  currency: fc.option(fc.constantFrom('EUR', 'USD'), { nil: null }),
  weight: fc.double({ min: 0.1, max: 100, noNaN: true }),
  position: fc.integer({ min: 0, max: 20 }),
});
const parentKeyResults = fc.uniqueArray(parentKeyResult, { maxLength: 9, selector: (kr) => kr.id });

const kr = (o: Partial<ParentKeyResult> & { id: string }): ParentKeyResult => ({
  title: 'Reach 1,000 paying customers',
  kind: 'number',
  direction: 'increase',
  start: 0,
  target: 1000,
  current: 0,
  unit: 'customers',
  currency: null,
  weight: 1,
  position: 0,
  ...o,
});

describe('proposing key results when cascading an objective to a team', () => {
  it('proposes one draft per parent key result, in the parent’s order, five at most', () => {
    fc.assert(
      fc.property(parentKeyResults, (parents) => {
        const drafts = proposeCascadedKeyResults(parents);
        expect(drafts).toHaveLength(Math.min(parents.length, MAX_CASCADED_KEY_RESULTS));
        const order = [...parents].sort(
          (a, b) => a.position - b.position || a.id.localeCompare(b.id),
        );
        expect(drafts.map((d) => d.sourceKeyResultId)).toEqual(
          order.slice(0, MAX_CASCADED_KEY_RESULTS).map((p) => p.id),
        );
      }),
    );
  });

  it('keeps the measure and the target of each parent key result', () => {
    fc.assert(
      fc.property(parentKeyResults, (parents) => {
        const byId = new Map(parents.map((p) => [p.id, p]));
        for (const draft of proposeCascadedKeyResults(parents)) {
          const source = byId.get(draft.sourceKeyResultId);
          if (!source) throw new Error('a draft names no parent key result');
          expect([draft.kind, draft.direction, draft.unit, draft.currency, draft.weight]).toEqual([
            source.kind,
            source.direction,
            source.unit,
            source.currency,
            source.weight,
          ]);
          expect(draft.target).toBe(source.kind === 'milestone' ? 1 : source.target);
        }
      }),
    );
  });

  it('starts where the parent stands while it is short of its target, else at its start', () => {
    fc.assert(
      fc.property(parentKeyResults, (parents) => {
        const byId = new Map(parents.map((p) => [p.id, p]));
        for (const draft of proposeCascadedKeyResults(parents)) {
          const source = byId.get(draft.sourceKeyResultId) as ParentKeyResult;
          if (source.kind === 'milestone') expect(draft.start).toBe(0);
          else if (source.target === null) expect(draft.start).toBe(source.current);
          else {
            // Always between the parent's start and target, and never already at the target
            // unless the parent's own start was.
            expect(draft.start).toBeGreaterThanOrEqual(Math.min(source.start, source.target));
            expect(draft.start).toBeLessThanOrEqual(Math.max(source.start, source.target));
            expect([source.current, source.start]).toContain(draft.start);
            if (draft.start === source.target) expect(source.start).toBe(source.target);
          }
        }
      }),
    );
  });

  it('titles each draft as the team’s part of the parent key result, within the length the API takes', () => {
    fc.assert(
      fc.property(parentKeyResults, (parents) => {
        for (const draft of proposeCascadedKeyResults(parents)) {
          expect(draft.title.startsWith(CASCADE_TITLE_PREFIX)).toBe(true);
          expect(draft.title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
        }
      }),
    );
  });

  it('examples: today’s value as the start, a reached target keeps the start, nothing to cascade', () => {
    const [halfway, reached] = proposeCascadedKeyResults([
      kr({ id: 'b', current: 400, position: 1 }),
      kr({ id: 'a', current: 400, position: 0 }),
    ]);
    expect(halfway).toMatchObject({
      sourceKeyResultId: 'a',
      start: 400,
      target: 1000,
      title: 'Our part of: Reach 1,000 paying customers',
    });
    expect(reached?.sourceKeyResultId).toBe('b');
    expect(proposeCascadedKeyResults([kr({ id: 'c', current: 1000 })])[0]?.start).toBe(0);
    expect(
      proposeCascadedKeyResults([
        kr({ id: 'd', direction: 'decrease', start: 50, target: 10, current: 30 }),
      ])[0]?.start,
    ).toBe(30);
    expect(proposeCascadedKeyResults([])).toEqual([]);
  });
});
