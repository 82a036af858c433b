/**
 * Recording a check-in. Home and the objective page both show key results, so the mutation and
 * its cache update live here, shared: the POST answers with the key result's and objective's new
 * progress, which is written into every cached read that shows them. Nothing refetches at once
 * (rows stay where they are and their bars animate); other reads of the organisation are marked
 * stale so roll-ups further up refresh the next time they are shown.
 */
import type {
  CheckInCreateBody,
  CheckInCreatedView,
  KeyResultView,
  LinkOrPrivateView,
  MyOkrsView,
  ObjectiveDetailView,
} from '@contracts/api/okrs.ts';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from './api.ts';
import { queryKeys } from './query-keys.ts';

export interface CheckInInput {
  keyResultId: string;
  body: CheckInCreateBody;
}

function withLinkProgress(
  links: LinkOrPrivateView[],
  objective: CheckInCreatedView['objective'],
): LinkOrPrivateView[] {
  return links.map((link) =>
    link.id === objective.id
      ? { ...link, progress: objective.progress, health: objective.health }
      : link,
  );
}

function replaceKeyResult<T extends KeyResultView>(keyResults: T[], updated: KeyResultView): T[] {
  return keyResults.map((keyResult) =>
    keyResult.id === updated.id ? { ...keyResult, ...updated } : keyResult,
  );
}

export function applyCheckIn(
  queryClient: QueryClient,
  org: string,
  created: CheckInCreatedView,
): void {
  const { keyResult, objective } = created;

  queryClient.setQueryData<MyOkrsView>(
    queryKeys.myOkrs(org),
    (mine) =>
      mine && {
        ...mine,
        keyResults: replaceKeyResult(mine.keyResults, keyResult).map((row) =>
          row.id === keyResult.id ? { ...row, dueForCheckIn: false } : row,
        ),
        objectives: mine.objectives.map((own) =>
          own.id === objective.id
            ? { ...own, progress: objective.progress, health: objective.health }
            : own,
        ),
      },
  );

  for (const [key, detail] of queryClient.getQueriesData<ObjectiveDetailView>({
    queryKey: [...queryKeys.org(org), 'objectives'],
  })) {
    if (!detail) continue;
    const isTheObjective = detail.id === objective.id;
    queryClient.setQueryData<ObjectiveDetailView>(key, {
      ...detail,
      ...(isTheObjective ? { progress: objective.progress, health: objective.health } : {}),
      keyResults: isTheObjective
        ? replaceKeyResult(detail.keyResults, keyResult)
        : detail.keyResults,
      parents: withLinkProgress(detail.parents, objective),
      children: withLinkProgress(detail.children, objective),
      alignmentPath: withLinkProgress(detail.alignmentPath, objective),
    });
  }

  void queryClient.invalidateQueries({ queryKey: queryKeys.org(org), refetchType: 'none' });
}

export function useCheckIn(org: string) {
  const queryClient = useQueryClient();
  return useMutation<CheckInCreatedView, ApiError, CheckInInput>({
    mutationFn: ({ keyResultId, body }) =>
      apiRequest<CheckInCreatedView>(
        `/orgs/${encodeURIComponent(org)}/key-results/${encodeURIComponent(keyResultId)}/check-ins`,
        {
          method: 'POST',
          body,
        },
      ),
    onSuccess: (created) => applyCheckIn(queryClient, org, created),
  });
}
