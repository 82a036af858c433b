/**
 * "Notes from similar objectives": which earlier objectives look like the one being written, so
 * the wizard can show what their teams learned. Deliberately simple and explainable:
 *
 * - A title's words are its runs of letters and digits, lower-cased, at least 3 characters long,
 *   without common English filler words ("the", "and", "our", ...).
 * - Two titles are similar when they share at least one word. Each shared word counts by its
 *   rarity among the candidate titles: weight = ln(1 + N / df), N candidates, df of them using
 *   the word. Sharing "churn" says more than sharing "increase".
 * - Candidates of the same team come first, then by score, highest first; ties by id.
 */

/** Words too common in objective titles to say anything about their subject. */
const STOP_WORDS: ReadonlySet<string> = new Set([
  'the',
  'and',
  'for',
  'our',
  'with',
  'from',
  'into',
  'that',
  'this',
  'are',
  'all',
  'new',
  'more',
  'less',
  'than',
  'have',
  'has',
  'its',
  'their',
  'your',
  'who',
  'what',
  'when',
  'over',
  'per',
  'get',
  'make',
  'every',
  'each',
  'out',
  'via',
  'not',
  'one',
  'can',
  'will',
  'but',
  'any',
]);

/** The distinct words of a title that can make it similar to another, in order of appearance. */
export function titleWords(title: string): string[] {
  const words = title.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const seen = new Set<string>();
  for (const word of words) {
    if (word.length >= 3 && !STOP_WORDS.has(word)) seen.add(word);
  }
  return [...seen];
}

export interface SimilarityCandidate {
  id: string;
  title: string;
  teamId: string | null;
}

export interface SimilarityMatch<C extends SimilarityCandidate> {
  candidate: C;
  score: number;
  sameTeam: boolean;
  /** The shared words, rarest first. */
  sharedWords: string[];
}

/**
 * Candidates similar to `query`, same team first, then by rarity-weighted shared words.
 * Candidates that share no word are left out; at most `limit` are returned.
 */
export function rankSimilar<C extends SimilarityCandidate>(
  query: { title: string; teamId: string | null },
  candidates: readonly C[],
  limit: number,
): SimilarityMatch<C>[] {
  const queryWords = titleWords(query.title);
  if (queryWords.length === 0 || candidates.length === 0 || limit <= 0) return [];
  const wordsOf = candidates.map((c) => new Set(titleWords(c.title)));
  const documentFrequency = new Map<string, number>();
  for (const words of wordsOf) {
    for (const word of words) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  }
  const weight = (word: string) =>
    Math.log(1 + candidates.length / (documentFrequency.get(word) ?? 1));
  const matches: SimilarityMatch<C>[] = [];
  candidates.forEach((candidate, index) => {
    const words = wordsOf[index] ?? new Set<string>();
    const shared = queryWords.filter((word) => words.has(word));
    if (shared.length === 0) return;
    shared.sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : a > b ? 1 : 0));
    // Summed rarest first, so equal sets of words give bit-identical scores.
    const score = shared.reduce((sum, word) => sum + weight(word), 0);
    const sameTeam = query.teamId !== null && candidate.teamId === query.teamId;
    matches.push({ candidate, score, sameTeam, sharedWords: shared });
  });
  matches.sort(
    (a, b) =>
      Number(b.sameTeam) - Number(a.sameTeam) ||
      b.score - a.score ||
      (a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0),
  );
  return matches.slice(0, limit);
}

/**
 * The words of a search text, lower-cased, each of which a note must contain (as a substring of
 * its lower-cased text). At most 8, of at most 100 characters each.
 */
export function searchTerms(query: string): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, 8).map((word) => word.slice(0, 100));
}
