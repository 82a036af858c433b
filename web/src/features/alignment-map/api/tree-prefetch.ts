/**
 * Reading the map's data ahead: the route's loader starts the reads of the cycles and of the
 * tree while the app frame still waits for the session (a large cycle's tree takes a while),
 * and the page's queries take them (`take`). When the page was opened at the map's address,
 * web/public/early-reads.js started them even earlier, before the app had loaded. Kept apart
 * from the queries so the first page's bundle does not carry the map's model.
 */
import type { CycleView } from '@contracts/api/cycles.ts';
import { apiRequest } from '../../../lib/api.ts';
import { takeEarlyRead } from '../../../lib/early-reads.ts';

export interface CyclePage {
  items: CycleView[];
  nextCursor: string | null;
}

// web/public/early-reads.js builds the same two paths: keep them in step.
export const cyclesPath = (org: string) => `/orgs/${encodeURIComponent(org)}/cycles?limit=200`;
export const treePath = (org: string, cycleId: string) =>
  `/orgs/${encodeURIComponent(org)}/cycles/${encodeURIComponent(cycleId)}/tree`;

const PREFETCH_TTL_MS = 15_000;
const prefetched = new Map<string, { response: Promise<unknown>; at: number }>();
/** When each path was last read by its query: the cache still holds it, no prefetch needed. */
const readAt = new Map<string, number>();
const FRESH_MS = 60_000;

function prefetch<T>(path: string): Promise<T | null> {
  if (Date.now() - (readAt.get(path) ?? 0) < FRESH_MS) return Promise.resolve(null);
  const hit = prefetched.get(path);
  if (hit && Date.now() - hit.at < PREFETCH_TTL_MS) return hit.response as Promise<T>;
  const response = takeEarlyRead<T>(path).then(
    (early) => early ?? apiRequest<T>(path, { redirectOnUnauthenticated: false }),
  );
  response.catch(() => undefined); // Read (and reported) by the query that takes it, if any.
  prefetched.set(path, { response, at: Date.now() });
  return response;
}

/** A prefetched response for `path`, taken once; otherwise a fresh request. */
export async function take<T>(path: string, signal: AbortSignal): Promise<T> {
  const hit = prefetched.get(path);
  prefetched.delete(path);
  const response =
    hit && Date.now() - hit.at < PREFETCH_TTL_MS
      ? (hit.response as Promise<T>)
      : takeEarlyRead<T>(path).then((early) => early ?? apiRequest<T>(path, { signal }));
  const result = await response;
  readAt.set(path, Date.now());
  return result;
}

/** Starts reading the cycles and the tree of the map's cycle (the URL's, else the default). */
export function prefetchAlignmentMap(org: string, cycleId: string | null): void {
  if (cycleId) {
    void prefetch(cyclesPath(org)).catch(() => undefined);
    void prefetch(treePath(org, cycleId)).catch(() => undefined);
    return;
  }
  prefetch<CyclePage>(cyclesPath(org))
    .then((page) => {
      const cycle = page && defaultCycle(page.items);
      if (cycle) void prefetch(treePath(org, cycle.id)).catch(() => undefined);
    })
    .catch(() => undefined);
}

/**
 * The cycle the map opens on: the active one, else the one that started last
 * (web/public/early-reads.js chooses the same way).
 */
export function defaultCycle(cycles: readonly CycleView[]): CycleView | null {
  const active = cycles.find((cycle) => cycle.status === 'active');
  if (active) return active;
  let latest: CycleView | null = null;
  for (const cycle of cycles) if (!latest || cycle.startDate > latest.startDate) latest = cycle;
  return latest;
}
