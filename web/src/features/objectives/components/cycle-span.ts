/**
 * The time span a chart of a cycle covers: from its first day's start to its last day's end
 * (UTC, as the server's expected progress), widened to take in check-ins made outside it.
 */
const DAY_MS = 86_400_000;

export function cycleSpan(
  cycle: { startDate: string; endDate: string },
  moments: string[] = [],
): { start: number; end: number; cycleStart: number; cycleEnd: number } {
  const cycleStart = Date.parse(`${cycle.startDate}T00:00:00Z`);
  const cycleEnd = Date.parse(`${cycle.endDate}T00:00:00Z`) + DAY_MS;
  let start = cycleStart;
  let end = cycleEnd;
  for (const moment of moments) {
    const at = Date.parse(moment);
    if (Number.isNaN(at)) continue;
    if (at < start) start = at;
    if (at > end) end = at;
  }
  return { start, end, cycleStart, cycleEnd };
}
