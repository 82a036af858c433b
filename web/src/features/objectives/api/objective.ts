/** One objective with its key results, alignment and the caller's abilities; changing its wording. */
import type { ObjectiveDetailView, ObjectiveUpdateBody } from '@contracts/api/okrs.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

const path = (org: string, id: string) =>
  `/orgs/${encodeURIComponent(org)}/objectives/${encodeURIComponent(id)}`;

/** The objective now, or as it was at the end of the day `asOf` (time travel: read-only). */
export function useObjective(org: string, id: string, asOf: string | null = null) {
  return useQuery<ObjectiveDetailView, ApiError>({
    queryKey: asOf === null ? queryKeys.objective(org, id) : [...queryKeys.objective(org, id), 'as-of', asOf],
    queryFn: ({ signal }) =>
      apiRequest<ObjectiveDetailView>(
        asOf === null ? path(org, id) : `${path(org, id)}?asOf=${encodeURIComponent(asOf)}`,
        { signal },
      ),
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
