/**
 * The reads of the alignment map: the cycles to choose from, the alignment tree of one cycle
 * (GET /orgs/:org/cycles/:id/tree) and who is signed in (for "show my path").
 */
import type { Me } from '@contracts/api/auth.ts';
import type { CycleView } from '@contracts/api/cycles.ts';
import type { CycleTreeView } from '@contracts/api/okrs.ts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest, setCsrfToken, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

interface CyclePage {
  items: CycleView[];
  nextCursor: string | null;
}

const cyclesPath = (org: string) => `/orgs/${encodeURIComponent(org)}/cycles?limit=200`;
const treePath = (org: string, cycleId: string) =>
  `/orgs/${encodeURIComponent(org)}/cycles/${encodeURIComponent(cycleId)}/tree`;

// ---- prefetch on navigation ----------------------------------------------------------------
// The app frame renders pages only once it knows who is signed in; the route's loader starts
// the map's reads at the same time instead of after it (a large cycle's tree takes a while).

const PREFETCH_TTL_MS = 15_000;
const prefetched = new Map<string, { response: Promise<unknown>; at: number }>();
/** When each path was last read by its query: the cache still holds it, no prefetch needed. */
const readAt = new Map<string, number>();
const FRESH_MS = 60_000;

function prefetch<T>(path: string): Promise<T | null> {
  if (Date.now() - (readAt.get(path) ?? 0) < FRESH_MS) return Promise.resolve(null);
  const hit = prefetched.get(path);
  if (hit && Date.now() - hit.at < PREFETCH_TTL_MS) return hit.response as Promise<T>;
  const response = apiRequest<T>(path, { redirectOnUnauthenticated: false });
  response.catch(() => undefined); // Read (and reported) by the query that takes it, if any.
  prefetched.set(path, { response, at: Date.now() });
  return response;
}

/** A prefetched response for `path`, taken once; otherwise a fresh request. */
async function take<T>(path: string, signal: AbortSignal): Promise<T> {
  const hit = prefetched.get(path);
  prefetched.delete(path);
  const response =
    hit && Date.now() - hit.at < PREFETCH_TTL_MS ? (hit.response as Promise<T>) : apiRequest<T>(path, { signal });
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

export function useCycles(org: string) {
  return useQuery<CycleView[], ApiError>({
    queryKey: [...queryKeys.org(org), 'cycles', 'all'],
    queryFn: async ({ signal }) => (await take<CyclePage>(cyclesPath(org), signal)).items,
    staleTime: 60_000,
  });
}

/** The cycle the map opens on: the active one, else the one that started last. */
export function defaultCycle(cycles: readonly CycleView[]): CycleView | null {
  const active = cycles.find((cycle) => cycle.status === 'active');
  if (active) return active;
  let latest: CycleView | null = null;
  for (const cycle of cycles) if (!latest || cycle.startDate > latest.startDate) latest = cycle;
  return latest;
}

export function useCycleTree(org: string, cycleId: string | null) {
  return useQuery<CycleTreeView, ApiError>({
    queryKey: [...queryKeys.org(org), 'cycle-tree', cycleId],
    queryFn: ({ signal }) => take<CycleTreeView>(treePath(org, cycleId ?? ''), signal),
    enabled: cycleId !== null,
    // Tens of thousands of nodes: refetching on every focus would re-lay the map out for nothing.
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
}

/** The signed-in person; the app frame has already read it, so this is served from the cache. */
export function useSignedInUserId(): string | null {
  const me = useQuery<Me, ApiError>({
    queryKey: queryKeys.me,
    queryFn: async ({ signal }) => {
      const result = await apiRequest<Me>('/me', { signal });
      setCsrfToken(result.csrfToken);
      return result;
    },
    staleTime: 5 * 60_000,
  });
  return me.data?.user.id ?? null;
}
