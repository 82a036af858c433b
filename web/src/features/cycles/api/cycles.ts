/**
 * Cycle reads and writes for champions: the cycles, creating one by kind, the checks before a
 * step and the step itself (If-Match: the cycle's version), carrying objectives over; and the
 * caller's own "score your objectives" list.
 */
import type {
  CarryOverCandidatesView,
  CarryOverResultView,
  CycleView,
  ScoreRequestsView,
  TransitionChecksView,
} from '@contracts/api/cycles.ts';
import type { Page } from '@contracts/api/page.ts';
import type { CycleStatus } from '@contracts/model.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';

const orgPath = (org: string) => `/orgs/${encodeURIComponent(org)}`;
const cyclePath = (org: string, id: string) => `${orgPath(org)}/cycles/${encodeURIComponent(id)}`;

export const cycleKeys = {
  all: (org: string) => ['orgs', org, 'cycles'] as const,
  list: (org: string) => ['orgs', org, 'cycles', 'list'] as const,
  checks: (org: string, id: string, to: string) =>
    ['orgs', org, 'cycles', 'checks', id, to] as const,
  candidates: (org: string, id: string) => ['orgs', org, 'cycles', 'carry-over', id] as const,
  scoreRequests: (org: string) => ['orgs', org, 'score-requests'] as const,
};

export function useCycleList(org: string) {
  return useQuery<CycleView[], ApiError>({
    queryKey: cycleKeys.list(org),
    queryFn: async ({ signal }) =>
      (await apiRequest<Page<CycleView>>(`${orgPath(org)}/cycles?limit=200`, { signal })).items,
  });
}

export type NewCycle =
  | { kind: 'quarter'; year: number; quarter: number; name?: string }
  | { kind: 'year'; year: number; name?: string }
  | { kind: 'custom'; startDate: string; endDate: string; name?: string };

export function useCreateCycle(org: string) {
  const queryClient = useQueryClient();
  return useMutation<CycleView, ApiError, NewCycle>({
    mutationFn: (body) => apiRequest<CycleView>(`${orgPath(org)}/cycles`, { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['orgs', org] }),
  });
}

export function useTransitionChecks(org: string, id: string, to: CycleStatus) {
  return useQuery<TransitionChecksView, ApiError>({
    queryKey: cycleKeys.checks(org, id, to),
    queryFn: ({ signal }) =>
      apiRequest<TransitionChecksView>(
        `${cyclePath(org, id)}/transition-checks?to=${encodeURIComponent(to)}`,
        { signal },
      ),
    staleTime: 0,
  });
}

export function useTransition(org: string) {
  const queryClient = useQueryClient();
  return useMutation<
    CycleView,
    ApiError,
    { cycle: CycleView; to: CycleStatus; acknowledge: boolean }
  >({
    mutationFn: ({ cycle, to, acknowledge }) =>
      apiRequest<CycleView>(`${cyclePath(org, cycle.id)}/transitions`, {
        method: 'POST',
        body: { to, acknowledge },
        ifMatch: cycle.version,
      }),
    // Everything under the organisation may show the cycle's status.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['orgs', org] }),
  });
}

export function useCarryOverCandidates(org: string, id: string) {
  return useQuery<CarryOverCandidatesView, ApiError>({
    queryKey: cycleKeys.candidates(org, id),
    queryFn: ({ signal }) =>
      apiRequest<CarryOverCandidatesView>(`${cyclePath(org, id)}/carry-over`, { signal }),
    staleTime: 0,
  });
}

export function useCarryOver(org: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation<
    CarryOverResultView,
    ApiError,
    { targetCycleId: string; objectiveIds: string[] }
  >({
    mutationFn: (body) =>
      apiRequest<CarryOverResultView>(`${cyclePath(org, id)}/carry-over`, { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['orgs', org] }),
  });
}

export function useScoreRequests(org: string) {
  return useQuery<ScoreRequestsView, ApiError>({
    queryKey: cycleKeys.scoreRequests(org),
    queryFn: ({ signal }) =>
      apiRequest<ScoreRequestsView>(`${orgPath(org)}/me/score-requests`, { signal }),
  });
}
