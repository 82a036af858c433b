import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankSimilar, searchTerms, titleWords, type SimilarityCandidate } from './similarity.ts';

const WORDS = [
  'churn',
  'revenue',
  'increase',
  'customers',
  'onboarding',
  'uptime',
  'the',
  'our',
  'q3',
  'nps',
];
const titleArb = fc
  .array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 6 })
  .map((w) => w.join(' '));
const candidateArb = fc.record({
  id: fc.uuid(),
  title: titleArb,
  teamId: fc.constantFrom(null, 'team-a', 'team-b'),
});
const candidatesArb = fc.uniqueArray(candidateArb, { selector: (c) => c.id, maxLength: 25 });

describe('titleWords', () => {
  it('keeps distinct lower-cased words of 3+ characters without filler words', () => {
    expect(titleWords('Reduce the CHURN of our churn-prone customers, v2')).toEqual([
      'reduce',
      'churn',
      'prone',
      'customers',
    ]);
    expect(titleWords('Élargir la clientèle')).toEqual(['élargir', 'clientèle']);
  });
});

describe('rankSimilar', () => {
  it('puts the same team first, then rarer shared words before common ones', () => {
    const candidates: SimilarityCandidate[] = [
      { id: '1', title: 'Increase revenue', teamId: 'b' },
      { id: '2', title: 'Reduce churn', teamId: 'b' },
      { id: '3', title: 'Increase uptime', teamId: 'a' },
      { id: '4', title: 'Increase onboarding speed', teamId: 'b' },
      { id: '5', title: 'Ship the mobile app', teamId: 'a' },
    ];
    const ranked = rankSimilar({ title: 'Increase churn prevention', teamId: 'a' }, candidates, 10);
    expect(ranked.map((m) => m.candidate.id)).toEqual(['3', '2', '1', '4']);
    expect(ranked[1]?.sharedWords).toEqual(['churn']);
  });

  it('returns only candidates sharing a word, each once, within the limit', () => {
    fc.assert(
      fc.property(
        titleArb,
        fc.constantFrom(null, 'team-a'),
        candidatesArb,
        fc.integer({ min: 0, max: 30 }),
        (title, teamId, candidates, limit) => {
          const ranked = rankSimilar({ title, teamId }, candidates, limit);
          const query = new Set(titleWords(title));
          expect(ranked.length).toBeLessThanOrEqual(limit);
          expect(new Set(ranked.map((m) => m.candidate.id)).size).toBe(ranked.length);
          for (const match of ranked) {
            expect(match.sharedWords.length).toBeGreaterThan(0);
            for (const word of match.sharedWords) expect(query.has(word)).toBe(true);
            expect(match.score).toBeGreaterThan(0);
          }
          const everyMatch = candidates.filter((c) =>
            titleWords(c.title).some((w) => query.has(w)),
          );
          expect(ranked.length).toBe(Math.min(limit, everyMatch.length));
        },
      ),
    );
  });

  it('orders same team first, then by score, and ignores the order of the candidates', () => {
    fc.assert(
      fc.property(
        titleArb,
        fc.constantFrom(null, 'team-a'),
        candidatesArb,
        (title, teamId, candidates) => {
          const ranked = rankSimilar({ title, teamId }, candidates, 100);
          for (let i = 1; i < ranked.length; i++) {
            const [a, b] = [ranked[i - 1], ranked[i]];
            if (!a || !b) continue;
            expect(Number(a.sameTeam)).toBeGreaterThanOrEqual(Number(b.sameTeam));
            if (a.sameTeam === b.sameTeam) expect(a.score).toBeGreaterThanOrEqual(b.score);
          }
          const reversed = rankSimilar({ title, teamId }, [...candidates].reverse(), 100);
          expect(reversed.map((m) => m.candidate.id)).toEqual(ranked.map((m) => m.candidate.id));
        },
      ),
    );
  });

  it('scores a rarer shared word above a commoner one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 20 }), (commonCount) => {
        const candidates: SimilarityCandidate[] = [
          { id: 'rare', title: 'Lower churn', teamId: null },
          ...Array.from({ length: commonCount }, (_, i) => ({
            id: `c${i}`,
            title: 'Increase sales',
            teamId: null,
          })),
        ];
        const ranked = rankSimilar({ title: 'Increase churn', teamId: null }, candidates, 100);
        expect(ranked[0]?.candidate.id).toBe('rare');
      }),
    );
  });
});

describe('searchTerms', () => {
  it('lower-cases, removes punctuation and duplicates, and keeps at most 8 words', () => {
    expect(searchTerms('Churn, CHURN; 50%_off')).toEqual(['churn', '50', 'off']);
    expect(searchTerms('a b c d e f g h i j')).toHaveLength(8);
    expect(searchTerms('  %% ')).toEqual([]);
  });
});
