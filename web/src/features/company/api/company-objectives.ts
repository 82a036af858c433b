/** The cycles of the organisation and the company objectives of one cycle. */
import type { CycleView } from '@contracts/api/cycles.ts';
import type { ObjectiveListView } from '@contracts/api/okrs.ts';
import type { Page } from '@contracts/api/page.ts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export function useCycles(org: string) {
  return useQuery<Page<CycleView>, ApiError>({
    queryKey: [...queryKeys.org(org), 'cycles'],
    queryFn: ({ signal }) =>
      apiRequest<Page<CycleView>>(`/orgs/${encodeURIComponent(org)}/cycles?limit=200`, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** The cycle to show by default: the active one containing today, else the latest active, else the latest. */
export function defaultCycle(
  cycles: CycleView[],
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

export function useCompanyObjectives(org: string, cycleId: string | undefined) {
  const filters = { level: 'company', cycle: cycleId ?? '', limit: '200' };
  return useQuery<ObjectiveListView, ApiError>({
    queryKey: queryKeys.objectiveList(org, filters),
    queryFn: ({ signal }) =>
      apiRequest<ObjectiveListView>(
        `/orgs/${encodeURIComponent(org)}/objectives?${new URLSearchParams(filters).toString()}`,
        { signal },
      ),
    enabled: cycleId !== undefined,
  });
}
