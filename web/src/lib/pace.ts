/**
 * Expected progress: the share of the cycle that has passed, from its first day's start to its
 * last day's end (UTC). The same rule as the server's domain/progress.ts `expectedProgress`;
 * repeated here because the web bundle imports types only, never server code.
 */
const DAY_MS = 86_400_000;

export function expectedProgress(
  cycle: { startDate: string; endDate: string },
  now: number = Date.now(),
): number {
  const start = Date.parse(`${cycle.startDate}T00:00:00Z`);
  const end = Date.parse(`${cycle.endDate}T00:00:00Z`) + DAY_MS;
  if (Number.isNaN(start) || Number.isNaN(end)) return 0;
  if (end <= start) return now >= start ? 1 : 0;
  return Math.min(1, Math.max(0, (now - start) / (end - start)));
}
