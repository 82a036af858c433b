/** The steps of approval on one objective: a lead approves or returns it, the owner submits it again. */
import type { ObjectiveDetailView } from '@contracts/api/okrs.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type ApprovalStepName = 'approve' | 'return' | 'submit';

export function useApprovalStep(org: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation<
    ObjectiveDetailView,
    ApiError,
    { step: ApprovalStepName; version: number; comment?: string }
  >({
    mutationFn: ({ step, version, comment }) =>
      apiRequest<ObjectiveDetailView>(
        `/orgs/${encodeURIComponent(org)}/objectives/${encodeURIComponent(id)}/approval/${step}`,
        {
          method: 'POST',
          ifMatch: version,
          ...(step === 'return' ? { body: { comment } } : {}),
        },
      ),
    onSuccess: (objective) => {
      queryClient.setQueryData(queryKeys.objective(org, id), objective);
      // The queue, lists and "my OKRs" show its status: refresh them when next shown.
      void queryClient.invalidateQueries({ queryKey: queryKeys.org(org), refetchType: 'none' });
    },
  });
}
