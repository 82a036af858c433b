/**
 * The reads behind the dashboards, all from the public API: who is signed in, the cycles, the
 * cycle's alignment tree, members, teams, dependencies, objective details (for key results and
 * quality) and key results' check-ins. Lists that page are read to the end, with a ceiling.
 */
import type { KpiListView } from '@contracts/api/kpis.ts';
import type { Me } from '@contracts/api/auth.ts';
import type { DependencyView } from '@contracts/api/collaboration.ts';
import type { CycleView } from '@contracts/api/cycles.ts';
import type { HealthView } from '@contracts/api/health.ts';
import type { CheckInListView, CycleTreeView, ObjectiveDetailView } from '@contracts/api/okrs.ts';
import type { Page } from '@contracts/api/page.ts';
import type { MemberView, TeamView } from '@contracts/api/people.ts';
import { useQueries, useQuery } from '@tanstack/react-query';
import { apiRequest, setCsrfToken, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

const orgPath = (org: string) => `/orgs/${encodeURIComponent(org)}`;
/** At most this many pages of 200 per list (40,000 people or teams): a guard, not a limit in practice. */
const MAX_PAGES = 200;

async function readAllPages<T>(path: string, signal: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const separator = path.includes('?') ? '&' : '?';
    const url: string = `${path}${separator}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const answer: Page<T> = await apiRequest<Page<T>>(url, { signal });
    items.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** GET /me, shared with the app shell through the same cache entry. */
export function useMe() {
  return useQuery<Me, ApiError>({
    queryKey: queryKeys.me,
    queryFn: async ({ signal }) => {
      const me = await apiRequest<Me>('/me', { signal });
      setCsrfToken(me.csrfToken);
      return me;
    },
    staleTime: 5 * 60_000,
  });
}

export function useCycles(org: string) {
  return useQuery<CycleView[], ApiError>({
    queryKey: [...queryKeys.org(org), 'dashboards', 'cycles'],
    queryFn: ({ signal }) => readAllPages<CycleView>(`${orgPath(org)}/cycles`, signal),
    staleTime: 5 * 60_000,
  });
}

/** The cycle to show: the active one containing today, else the latest active, else the latest. */
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
    queryKey: [...queryKeys.org(org), 'dashboards', 'tree', cycleId],
    queryFn: ({ signal }) =>
      apiRequest<CycleTreeView>(
        `${orgPath(org)}/cycles/${encodeURIComponent(cycleId ?? '')}/tree`,
        { signal },
      ),
    enabled: cycleId !== undefined,
  });
}

export function useMembers(org: string, enabled = true) {
  return useQuery<MemberView[], ApiError>({
    queryKey: [...queryKeys.org(org), 'dashboards', 'members'],
    queryFn: ({ signal }) => readAllPages<MemberView>(`${orgPath(org)}/members`, signal),
    staleTime: 60_000,
    enabled,
  });
}

export function useTeams(org: string, enabled = true) {
  return useQuery<TeamView[], ApiError>({
    queryKey: [...queryKeys.org(org), 'dashboards', 'teams'],
    queryFn: ({ signal }) => readAllPages<TeamView>(`${orgPath(org)}/teams`, signal),
    staleTime: 60_000,
    enabled,
  });
}

export function useDependencies(org: string, status: 'open' | 'all') {
  return useQuery<DependencyView[], ApiError>({
    queryKey: [...queryKeys.org(org), 'dashboards', 'dependencies', status],
    queryFn: ({ signal }) =>
      readAllPages<DependencyView>(
        `${orgPath(org)}/dependencies${status === 'open' ? '?status=open' : ''}`,
        signal,
      ),
  });
}

export interface DetailsResult {
  objectives: ObjectiveDetailView[];
  /** How many of the asked objectives answered (loaded or failed). */
  settled: number;
  failed: number;
  isPending: boolean;
  errors: Error[];
  retry: () => void;
}

/**
 * The details (with key results) of the given objectives, one request each, through the same
 * cache entries as the objective page. The caller limits `ids` (the first N of the cycle).
 */
export function useObjectiveDetails(org: string, ids: readonly string[]): DetailsResult {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: queryKeys.objective(org, id),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiRequest<ObjectiveDetailView>(`${orgPath(org)}/objectives/${encodeURIComponent(id)}`, {
          signal,
        }),
      staleTime: 60_000,
    })),
    combine: (results) => {
      const objectives: ObjectiveDetailView[] = [];
      const errors: Error[] = [];
      for (const result of results) {
        if (result.data) objectives.push(result.data);
        if (result.error) errors.push(result.error);
      }
      return {
        objectives,
        settled: results.filter((result) => !result.isPending).length,
        failed: errors.length,
        isPending: results.some((result) => result.isPending),
        errors,
        retry: () => {
          for (const result of results) if (result.isError) void result.refetch();
        },
      };
    },
  });
}

/** The recent check-ins (newest first, one page of 50) of each key result. */
export function useCheckIns(org: string, keyResultIds: readonly string[]) {
  return useQueries({
    queries: keyResultIds.map((id) => ({
      queryKey: [...queryKeys.org(org), 'dashboards', 'check-ins', id],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiRequest<CheckInListView>(
          `${orgPath(org)}/key-results/${encodeURIComponent(id)}/check-ins?limit=50`,
          { signal },
        ),
      staleTime: 60_000,
    })),
    combine: (results) => ({
      byKeyResult: new Map(
        results.flatMap((result, index) => {
          const id = keyResultIds[index];
          return result.data && id !== undefined ? [[id, result.data.items] as const] : [];
        }),
      ),
      isPending: results.some((result) => result.isPending),
      failed: results.filter((result) => result.isError).length,
    }),
  });
}

/** The current KPIs with their status and recent values (the executive dashboard). */
export function useDashboardKpis(org: string, enabled = true) {
  return useQuery<KpiListView, ApiError>({
    // Under the KPI pages' key, so recording a value there refreshes the dashboard too.
    queryKey: [...queryKeys.org(org), 'kpis', 'list', false],
    queryFn: ({ signal }) => apiRequest<KpiListView>(`${orgPath(org)}/kpis`, { signal }),
    enabled,
  });
}

/** The OKR health of a cycle, computed by the server (champions and executives). */
export function useHealth(org: string, cycleId: string, weeks: number) {
  return useQuery<HealthView, ApiError>({
    queryKey: [...queryKeys.org(org), 'health', cycleId, weeks],
    queryFn: ({ signal }) =>
      apiRequest<HealthView>(
        `${orgPath(org)}/health?cycle=${encodeURIComponent(cycleId)}&weeks=${weeks}`,
        { signal },
      ),
  });
}
