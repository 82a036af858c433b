/** One objective with its key results, alignment and the caller's abilities; changing its wording. */
import type { ObjectiveDetailView, ObjectiveUpdateBody } from '@contracts/api/okrs.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

const path = (org: string, id: string) =>
  `/orgs/${encodeURIComponent(org)}/objectives/${encodeURIComponent(id)}`;

export function useObjective(org: string, id: string) {
  return useQuery<ObjectiveDetailView, ApiError>({
    queryKey: queryKeys.objective(org, id),
    queryFn: ({ signal }) => apiRequest<ObjectiveDetailView>(path(org, id), { signal }),
  });
}

/** Looks like an objective as the API presents it (the `current` of a 412 is untyped). */
export function isObjectiveDetail(value: unknown): value is ObjectiveDetailView {
  return (
    typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    'version' in value &&
    'keyResults' in value &&
    'abilities' in value
  );
}

export function useUpdateObjective(org: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation<ObjectiveDetailView, ApiError, { version: number; body: ObjectiveUpdateBody }>(
    {
      mutationFn: ({ version, body }) =>
        apiRequest<ObjectiveDetailView>(path(org, id), { method: 'PATCH', body, ifMatch: version }),
      onSuccess: (objective) => {
        queryClient.setQueryData(queryKeys.objective(org, id), objective);
        // Lists and parents that show this title refresh when next shown.
        void queryClient.invalidateQueries({ queryKey: queryKeys.org(org), refetchType: 'none' });
      },
    },
  );
}
