/**
 * Restructuring from the objective page: moving a key result to another objective, moving the
 * objective to another cycle or team, duplicating it; and the reads their pickers offer.
 */
import type { CycleView } from '@contracts/api/cycles.ts';
import type { KeyResultView, ObjectiveDetailView, ObjectiveListView } from '@contracts/api/okrs.ts';
import type { Page } from '@contracts/api/page.ts';
import type { TeamView } from '@contracts/api/people.ts';
import type {
  KeyResultMoveBody,
  ObjectiveDuplicateBody,
  ObjectiveMoveBody,
} from '@contracts/api/restructuring.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { orgPath } from './objective-query-keys.ts';

const pickerKey = (org: string, what: string, ...rest: string[]) =>
  ['orgs', org, 'restructure-picker', what, ...rest] as const;

/** Every cycle, latest first: where an objective may go. */
export function useCyclesToPick(org: string) {
  return useQuery<CycleView[], ApiError>({
    queryKey: pickerKey(org, 'cycles'),
    queryFn: async ({ signal }) => {
      const page = await apiRequest<Page<CycleView>>(`${orgPath(org)}/cycles?limit=200`, {
        signal,
      });
      return [...page.items].sort((a, b) => b.startDate.localeCompare(a.startDate));
    },
    staleTime: 60_000,
  });
}

export function useTeamsToPick(org: string, enabled: boolean) {
  return useQuery<TeamView[], ApiError>({
    queryKey: pickerKey(org, 'teams'),
    queryFn: async ({ signal }) =>
      (await apiRequest<Page<TeamView>>(`${orgPath(org)}/teams?limit=200`, { signal })).items,
    staleTime: 60_000,
    enabled,
  });
}

/** Objectives of a cycle (the first 200, in creation order), for choosing a destination or parent. */
export function useObjectivesOfCycle(org: string, cycleId: string | null) {
  return useQuery<ObjectiveListView['items'], ApiError>({
    queryKey: pickerKey(org, 'objectives', cycleId ?? ''),
    queryFn: async ({ signal }) =>
      (
        await apiRequest<ObjectiveListView>(
          `${orgPath(org)}/objectives?cycle=${encodeURIComponent(cycleId ?? '')}&limit=200`,
          { signal },
        )
      ).items,
    enabled: cycleId !== null,
    staleTime: 30_000,
  });
}

/** After a restructuring, everything of the organisation is read again when next shown. */
function useRefreshAfter(org: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.org(org) });
}

export function useMoveKeyResult(org: string) {
  const refresh = useRefreshAfter(org);
  return useMutation<
    KeyResultView,
    ApiError,
    { keyResult: KeyResultView; body: KeyResultMoveBody }
  >({
    mutationFn: ({ keyResult, body }) =>
      apiRequest<KeyResultView>(
        `${orgPath(org)}/key-results/${encodeURIComponent(keyResult.id)}/move`,
        {
          method: 'POST',
          body,
          ifMatch: keyResult.version,
        },
      ),
    onSuccess: () => void refresh(),
  });
}

export function useMoveObjective(org: string) {
  const refresh = useRefreshAfter(org);
  return useMutation<
    ObjectiveDetailView,
    ApiError,
    { objective: ObjectiveDetailView; body: ObjectiveMoveBody }
  >({
    mutationFn: ({ objective, body }) =>
      apiRequest<ObjectiveDetailView>(
        `${orgPath(org)}/objectives/${encodeURIComponent(objective.id)}/move`,
        {
          method: 'POST',
          body,
          ifMatch: objective.version,
        },
      ),
    onSuccess: () => void refresh(),
  });
}

export function useDuplicateObjective(org: string) {
  const refresh = useRefreshAfter(org);
  return useMutation<
    ObjectiveDetailView,
    ApiError,
    { objectiveId: string; body: ObjectiveDuplicateBody }
  >({
    mutationFn: ({ objectiveId, body }) =>
      apiRequest<ObjectiveDetailView>(
        `${orgPath(org)}/objectives/${encodeURIComponent(objectiveId)}/duplicate`,
        {
          method: 'POST',
          body,
        },
      ),
    onSuccess: () => void refresh(),
  });
}
