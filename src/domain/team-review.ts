/**
 * The weekly team review of one key result: what moved since the last review (the baseline),
 * whether it is stale, whether its owner's confidence dropped. Pure; the services load the
 * check-ins and the baseline, and decide which key results a team reviews.
 */

export interface ReviewCheckIn {
  /** Epoch milliseconds. */
  at: number;
  value: number;
  confidence: number | null;
}

export interface KeyResultReviewInput {
  /** The key result's start value: its value before any check-in. */
  start: number;
  /** Every check-in of the key result, any order. */
  checkIns: readonly ReviewCheckIn[];
  /** When the team was last marked reviewed (epoch ms); before the first review, one cadence ago. */
  baselineAt: number;
  now: number;
  /** Days without a check-in after which a key result is stale (the organisation's setting). */
  staleAfterDays: number;
}

export interface KeyResultReview {
  /** Check-ins after the baseline, oldest first. */
  checkInsSince: ReviewCheckIn[];
  /** The value at the baseline: the last check-in at or before it, else the start value. */
  valueAtBaseline: number;
  /** The latest value (the value at the baseline when nothing was checked in since). */
  valueNow: number;
  /** valueNow − valueAtBaseline. */
  delta: number;
  /** The last confidence given at or before the baseline; null when none was. */
  confidenceAtBaseline: number | null;
  /** The last confidence given at all; null when none was. */
  confidenceNow: number | null;
  /** The latest confidence is lower than the one at the baseline. */
  confidenceDropped: boolean;
  /** Moved: checked in since the baseline. */
  moved: boolean;
  /** No check-in within `staleAfterDays` before now (or never checked in). */
  stale: boolean;
  /** Time of the latest check-in, null when never. */
  lastCheckInAt: number | null;
}

const DAY_MS = 86_400_000;

/** Oldest first; equal times keep their given order (the services pass them in id order). */
function byTime(checkIns: readonly ReviewCheckIn[]): ReviewCheckIn[] {
  return checkIns
    .map((checkIn, index) => ({ checkIn, index }))
    .sort((x, y) => x.checkIn.at - y.checkIn.at || x.index - y.index)
    .map(({ checkIn }) => checkIn);
}

function lastConfidence(checkIns: readonly ReviewCheckIn[]): number | null {
  for (let i = checkIns.length - 1; i >= 0; i--) {
    const confidence = checkIns[i]?.confidence;
    if (confidence !== null && confidence !== undefined) return confidence;
  }
  return null;
}

/** Digits after the point in a number's shortest decimal form (`1e-7` counts 7). */
function decimalsOf(value: number): number {
  const [mantissa = '', exponent = '0'] = String(value).split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

/**
 * `a - b` as people would write it: to as many decimals as the two values have (0.3 − 0.1 is 0.2,
 * not 0.19999999999999998). Beyond 12 decimals floating point is left as it is.
 */
export function difference(a: number, b: number): number {
  const decimals = Math.max(decimalsOf(a), decimalsOf(b));
  return decimals > 12 ? a - b : Number((a - b).toFixed(decimals));
}

/** What changed on a key result since the baseline, and whether it needs the team's attention. */
export function reviewKeyResult(input: KeyResultReviewInput): KeyResultReview {
  const all = byTime(input.checkIns);
  const before = all.filter((c) => c.at <= input.baselineAt);
  const since = all.filter((c) => c.at > input.baselineAt);
  const valueAtBaseline = before.at(-1)?.value ?? input.start;
  const valueNow = all.at(-1)?.value ?? input.start;
  const confidenceAtBaseline = lastConfidence(before);
  const confidenceNow = lastConfidence(all);
  const lastCheckInAt = all.at(-1)?.at ?? null;
  return {
    checkInsSince: since,
    valueAtBaseline,
    valueNow,
    delta: difference(valueNow, valueAtBaseline),
    confidenceAtBaseline,
    confidenceNow,
    confidenceDropped:
      confidenceAtBaseline !== null &&
      confidenceNow !== null &&
      confidenceNow < confidenceAtBaseline,
    moved: since.length > 0,
    stale: lastCheckInAt === null || input.now - lastCheckInAt > input.staleAfterDays * DAY_MS,
    lastCheckInAt,
  };
}
