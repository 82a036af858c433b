/**
 * Believable check-in histories for the demo: each key result follows a "story" (steady, slipping,
 * stuck, stale...) expressed as progress against the time elapsed in its cycle, so the health the
 * domain rules compute at load time matches the story whatever the date the demo is loaded on.
 */
import type { KrDirection, KrKind } from '../../contracts/model.ts';
import { expectedProgress } from '../../domain/progress.ts';
import type { Prng } from './prng.ts';

/**
 * Stories of the active cycle (judged at `now`) and outcomes of a closed one (judged at its end).
 * - ahead / steady: at or above pace, confident.
 * - slipping: falls ~0.18 behind pace by now (at risk), confidence sagging.
 * - stuck: a quarter of the pace (off track once the cycle is a third through), low confidence.
 * - stale: on pace, but nobody checked in for the last three-plus weeks.
 * - done: a milestone done early in the cycle. pending: a milestone not done yet.
 * - holding / breached: a threshold (at least / at most) kept, or lost in the last weeks.
 * - baseline: a "baseline first" key result measuring where it stands (no target yet).
 * - overconfident: at 0.6 of the pace, yet its owner stays highly confident — the forecast
 *   (domain/forecast.ts) reaches about 60% of the target and flags the disagreement.
 * - delivered / partial / missed: how a closed cycle ended (about 1.0, 0.6 and 0.3 of the way).
 */
export type Story =
  | 'ahead'
  | 'steady'
  | 'slipping'
  | 'stuck'
  | 'stale'
  | 'done'
  | 'pending'
  | 'holding'
  | 'breached'
  | 'baseline'
  | 'overconfident'
  | 'delivered'
  | 'partial'
  | 'missed';

export interface SeriesKeyResult {
  kind: KrKind;
  direction: KrDirection;
  start: number;
  target: number | null;
  /** Values are rounded to multiples of this (1 for counts, 0.1 for ratings...). */
  step: number;
  story: Story;
}

export interface SeriesPoint {
  at: Date;
  value: number;
  confidence: number;
  note: string | null;
}

const DAY_MS = 86_400_000;
/** A key result counts as stale when its last check-in is older than this at `now`. */
const STALE_SILENCE_DAYS = 24;

const NOTES: Record<'good' | 'risk' | 'bad' | 'neutral', readonly string[]> = {
  good: [
    'Good week, the numbers moved as planned.',
    'Ahead of plan thanks to the release on Tuesday.',
    'On track; no blockers.',
    'Steady progress, the experiment is paying off.',
    'Hit the weekly goal again.',
  ],
  risk: [
    'Slower than hoped; waiting on another team.',
    'Slipped a bit this week, recovery plan in the team review.',
    'Holiday week, fewer people available.',
    'Still possible, but only if the dependency lands soon.',
    'Trend is flattening, watching it closely.',
  ],
  bad: [
    'Blocked: the dependency has moved to next month.',
    'We underestimated the work; asking to rescope in the review.',
    'No movement this week; need a decision from leadership.',
    'Off track. Proposing a smaller target for this cycle.',
  ],
  neutral: [
    'Measured again this week; collecting more data before setting a target.',
    'Baseline is settling down.',
    'New data source connected, numbers look plausible.',
  ],
};

function roundTo(value: number, step: number): number {
  const rounded = Math.round(value / step) * step;
  // Strip binary noise such as 4.6000000000000005.
  return Number(rounded.toFixed(Math.max(0, Math.ceil(-Math.log10(step)))));
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Progress 0..1 the story asks for at elapsed share `e` of the cycle, `eEnd` being "now". */
function storyProgress(story: Story, e: number, eEnd: number): number {
  const share = eEnd > 0 ? e / eEnd : 0;
  switch (story) {
    case 'ahead':
      return Math.min(1, e * 1.35 + 0.02);
    case 'steady':
    case 'stale':
      return Math.min(0.98, e * 1.06 + 0.01);
    case 'slipping':
      return Math.max(0, e - 0.18 * share);
    case 'stuck':
      return e * 0.22;
    case 'done':
      return e >= Math.min(0.3, eEnd * 0.6) ? 1 : 0;
    case 'pending':
      return 0;
    case 'holding':
      return 1;
    case 'breached':
      return share < 0.75 ? 1 : 0.6;
    case 'baseline':
      return 0;
    case 'overconfident':
      return e * 0.6;
    case 'delivered':
      return Math.min(1, e * 1.04);
    case 'partial':
      return e * 0.62;
    case 'missed':
      return e * 0.3;
  }
}

function storyConfidence(story: Story, share: number, prng: Prng): number {
  const base: Record<Story, number> = {
    ahead: 0.9,
    steady: 0.8,
    stale: 0.75,
    slipping: 0.75 - 0.2 * share,
    stuck: 0.55 - 0.3 * share,
    done: 0.85,
    pending: 0.7 - 0.35 * share,
    holding: 0.85,
    breached: share < 0.75 ? 0.8 : 0.35,
    baseline: 0.6,
    overconfident: 0.85,
    delivered: 0.85,
    partial: 0.7 - 0.2 * share,
    missed: 0.6 - 0.35 * share,
  };
  return roundTo(clamp(base[story] + (prng.next() - 0.5) * 0.1, 0.05, 1), 0.05);
}

const NOTE_MOOD: Record<Story, keyof typeof NOTES> = {
  ahead: 'good',
  steady: 'good',
  stale: 'good',
  done: 'good',
  holding: 'good',
  delivered: 'good',
  slipping: 'risk',
  breached: 'risk',
  partial: 'risk',
  pending: 'risk',
  stuck: 'bad',
  missed: 'bad',
  baseline: 'neutral',
  overconfident: 'good',
};

/** The value a key result shows at `progress` (0..1) of its way, with a little noise. */
function valueAt(kr: SeriesKeyResult, progress: number, prng: Prng): number {
  if (kr.kind === 'milestone') return progress >= 1 ? 1 : 0;
  const { start, target } = kr;
  if (target === null) return roundTo(start * (1 + (prng.next() - 0.5) * 0.08), kr.step);
  const goodSideStart =
    (kr.direction === 'at_least' && start >= target) ||
    (kr.direction === 'at_most' && start <= target);
  if (goodSideStart) {
    // A threshold already held at the start: wander on the good side, or cross it when lost.
    const sign = kr.direction === 'at_least' ? 1 : -1;
    const room = Math.max(Math.abs(start - target), kr.step);
    const offset =
      progress >= 1 ? room * (0.3 + 0.7 * prng.next()) : -room * (0.4 + 0.4 * prng.next());
    return roundTo(target + sign * offset, kr.step);
  }
  const noise = progress > 0 && progress < 1 ? (prng.next() - 0.5) * 0.03 : 0;
  return roundTo(start + (target - start) * clamp(progress + noise, 0, 1), kr.step);
}

/**
 * The weekly check-ins of a key result in a cycle up to `until` (exclusive): one every 7 days from
 * 4 days after the start, at `hour` UTC. Stale stories stop three-plus weeks before `until`.
 */
export function checkInSeries(
  kr: SeriesKeyResult,
  cycle: { startDate: string; endDate: string },
  until: Date,
  hour: number,
  prng: Prng,
): SeriesPoint[] {
  const startMs = Date.parse(`${cycle.startDate}T00:00:00.000Z`);
  const endMs = Date.parse(`${cycle.endDate}T00:00:00.000Z`) + DAY_MS;
  const limit = Math.min(until.getTime(), endMs);
  const silentFrom =
    kr.story === 'stale' ? limit - STALE_SILENCE_DAYS * DAY_MS : Number.POSITIVE_INFINITY;
  const eEnd = expectedProgress(cycle, new Date(limit));
  const points: SeriesPoint[] = [];
  for (let week = 1; ; week++) {
    const at = startMs + (7 * week - 3) * DAY_MS + hour * 3_600_000 + ((week * 7) % 50) * 60_000;
    if (at >= limit) break;
    if (at >= silentFrom) break;
    const e = expectedProgress(cycle, new Date(at));
    const share = eEnd > 0 ? e / eEnd : 0;
    const progress = storyProgress(kr.story, e, eEnd);
    const value = valueAt(kr, progress, prng);
    const confidence = storyConfidence(kr.story, share, prng);
    const isLatestSoon = at + 7 * DAY_MS >= limit;
    const note = isLatestSoon || prng.chance(0.55) ? prng.pick(NOTES[NOTE_MOOD[kr.story]]) : null;
    points.push({ at: new Date(at), value, confidence, note });
  }
  return points;
}
