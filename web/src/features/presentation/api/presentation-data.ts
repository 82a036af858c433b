/**
 * The reads behind presentation mode, all from the existing API: the organisation (mission and
 * vision for the title slide), the cycles (which one is presented), the cycle's alignment tree
 * (the company objectives and the team objectives aligned to each) and each company objective
 * with its key results.
 */
import type { CycleView } from '@contracts/api/cycles.ts';
import type { CycleTreeView, ObjectiveDetailView } from '@contracts/api/okrs.ts';
import type { OrganisationView } from '@contracts/api/organisation.ts';
import type { Page } from '@contracts/api/page.ts';
import { useQueries, useQuery } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

const orgPath = (org: string) => `/orgs/${encodeURIComponent(org)}`;

export function useOrganisation(org: string) {
  return useQuery<OrganisationView, ApiError>({
    queryKey: [...queryKeys.org(org), 'organisation'],
    queryFn: ({ signal }) => apiRequest<OrganisationView>(orgPath(org), { signal }),
    staleTime: 5 * 60_000,
  });
}

/** The same cache entry as the company page's cycle picker. */
export function useCycles(org: string) {
  return useQuery<Page<CycleView>, ApiError>({
    queryKey: [...queryKeys.org(org), 'cycles'],
    queryFn: ({ signal }) =>
      apiRequest<Page<CycleView>>(`${orgPath(org)}/cycles?limit=200`, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** The cycle to present: the active one containing today, else the latest active, else the latest. */
export function defaultCycle(
  cycles: readonly CycleView[],
  today: string = new Date().toISOString().slice(0, 10),
): CycleView | undefined {
  const latestFirst = [...cycles].sort((a, b) => b.startDate.localeCompare(a.startDate));
  return (
    latestFirst.find(
      (cycle) => cycle.status === 'active' && cycle.startDate <= today && today <= cycle.endDate,
    ) ??
    latestFirst.find((cycle) => cycle.status === 'active') ??
    latestFirst[0]
  );
}

export function useCycleTree(org: string, cycleId: string | undefined) {
  return useQuery<CycleTreeView, ApiError>({
    queryKey: [...queryKeys.org(org), 'presentation', 'tree', cycleId],
    queryFn: ({ signal }) =>
      apiRequest<CycleTreeView>(
        `${orgPath(org)}/cycles/${encodeURIComponent(cycleId ?? '')}/tree`,
        {
          signal,
        },
      ),
    enabled: cycleId !== undefined,
  });
}

/** Each company objective with its key results, in the order given. */
export function useObjectiveDetails(org: string, ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: queryKeys.objective(org, id),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiRequest<ObjectiveDetailView>(`${orgPath(org)}/objectives/${encodeURIComponent(id)}`, {
          signal,
        }),
      staleTime: 60_000,
    })),
    combine: (results) => ({
      objectives: results.flatMap((result) => (result.data ? [result.data] : [])),
      isPending: results.some((result) => result.isPending),
      error: results.find((result) => result.error)?.error ?? null,
      retry: () => {
        for (const result of results) if (result.isError) void result.refetch();
      },
    }),
  });
}
