/** The organisation's cycles and the one team and person pages show: the active cycle. */
import type { CycleView } from '@contracts/api/cycles.ts';
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

/** The active cycle containing today, else the latest active one, else the latest. */
export function activeCycle(
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

/** The cycle the page shows: the one named in the URL (`?cycle=`), else the active one. */
export function useShownCycle(org: string, requested: string | null) {
  const cycles = useCycles(org);
  const list = cycles.data?.items ?? [];
  const cycle = list.find((candidate) => candidate.id === requested) ?? activeCycle(list);
  return { cycles, list, cycle };
}
