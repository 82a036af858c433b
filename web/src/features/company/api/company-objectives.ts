/**
 * The company page's reads: the cycles, the objectives of one cycle a page at a time (filtered
 * by the API), the strategic themes and the teams (the filters' choices).
 */
import type { CycleView } from '@contracts/api/cycles.ts';
import type { ThemeView } from '@contracts/api/organisation.ts';
import type { StrategyView } from '@contracts/api/strategy.ts';
import type { Page } from '@contracts/api/page.ts';
import type { TeamTreeNode } from '@contracts/api/people.ts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { useObjectivePages } from '../../../lib/objective-pages.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

const orgPath = (org: string) => `/orgs/${encodeURIComponent(org)}`;

export function useCycles(org: string) {
  return useQuery<Page<CycleView>, ApiError>({
    queryKey: [...queryKeys.org(org), 'cycles'],
    queryFn: ({ signal }) =>
      apiRequest<Page<CycleView>>(`${orgPath(org)}/cycles?limit=200`, { signal }),
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

/** Objectives of a cycle matching the API's filters (level, team, owner, tag, q). */
export function useCycleObjectives(
  org: string,
  cycleId: string | undefined,
  filters: Record<string, string>,
) {
  return useObjectivePages(
    org,
    { ...filters, cycle: cycleId ?? '' },
    { enabled: cycleId !== undefined },
  );
}

export function useThemes(org: string) {
  return useQuery<{ items: ThemeView[] }, ApiError>({
    queryKey: [...queryKeys.org(org), 'themes'],
    queryFn: ({ signal }) =>
      apiRequest<{ items: ThemeView[] }>(`${orgPath(org)}/themes`, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useTeamTree(org: string) {
  return useQuery<{ roots: TeamTreeNode[] }, ApiError>({
    queryKey: [...queryKeys.org(org), 'teams', 'tree'],
    queryFn: ({ signal }) =>
      apiRequest<{ roots: TeamTreeNode[] }>(`${orgPath(org)}/teams/tree`, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** The strategy tree of a cycle: themes → company objectives → aligned objectives. */
export function useStrategy(org: string, cycleId: string | undefined, enabled = true) {
  return useQuery<StrategyView, ApiError>({
    queryKey: [...queryKeys.org(org), 'strategy', cycleId ?? ''],
    queryFn: ({ signal }) =>
      apiRequest<StrategyView>(
        `${orgPath(org)}/strategy${cycleId ? `?cycle=${encodeURIComponent(cycleId)}` : ''}`,
        { signal },
      ),
    enabled: enabled && cycleId !== undefined,
  });
}
