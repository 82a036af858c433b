/**
 * The reads of the alignment map: the cycles to choose from, the alignment tree of one cycle
 * (GET /orgs/:org/cycles/:id/tree) and who is signed in (for "show my path"). They take what
 * the route started reading (tree-prefetch.ts) when it is there.
 */
import type { Me } from '@contracts/api/auth.ts';
import type { CycleView } from '@contracts/api/cycles.ts';
import type { CycleTreeView } from '@contracts/api/okrs.ts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest, setCsrfToken, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { buildTreeIndex, type TreeIndex } from '../model/tree-index.ts';
import { cyclesPath, take, treePath, type CyclePage } from './tree-prefetch.ts';

export function useCycles(org: string) {
  return useQuery<CycleView[], ApiError>({
    queryKey: [...queryKeys.org(org), 'cycles', 'all'],
    queryFn: async ({ signal }) => (await take<CyclePage>(cyclesPath(org), signal)).items,
    staleTime: 60_000,
  });
}

/**
 * The cycle's alignment tree, cached as the map's index rather than as the JSON it came in:
 * built straight after the read, it lets tens of thousands of parsed objects go at once.
 */
export function useCycleTree(org: string, cycleId: string | null) {
  return useQuery<TreeIndex, ApiError>({
    queryKey: [...queryKeys.org(org), 'cycle-tree', cycleId],
    queryFn: async ({ signal }) => buildTreeIndex(await take<CycleTreeView>(treePath(org, cycleId ?? ''), signal)),
    enabled: cycleId !== null,
    // Not compared with the previous index on a refetch (it is not plain data, and a deep
    // comparison of 30,000 nodes would cost more than it saves).
    structuralSharing: false,
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
