/**
 * What the approvals page reads and changes: the queue (GET /approvals), the organisation's
 * approval setting (GET and PATCH the organisation, champions only), and the steps of approval
 * taken from the queue.
 */
import type { ObjectiveDetailView } from '@contracts/api/okrs.ts';
import type { OrganisationView } from '@contracts/api/organisation.ts';
import type { ApprovalQueueView } from '@contracts/api/team-lead.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

const orgPath = (org: string) => `/orgs/${encodeURIComponent(org)}`;
const queueKey = (org: string) => [...queryKeys.org(org), 'approvals'] as const;
const organisationKey = (org: string) => [...queryKeys.org(org), 'organisation'] as const;

export function useApprovalQueue(org: string) {
  return useQuery<ApprovalQueueView, ApiError>({
    queryKey: queueKey(org),
    queryFn: ({ signal }) => apiRequest<ApprovalQueueView>(`${orgPath(org)}/approvals`, { signal }),
  });
}

export function useOrganisation(org: string) {
  return useQuery<OrganisationView, ApiError>({
    queryKey: organisationKey(org),
    queryFn: ({ signal }) => apiRequest<OrganisationView>(orgPath(org), { signal }),
  });
}

/** Turns approval of members' objectives on or off (the champion's `settings.manage`). */
export function useSetApprovalRequired(org: string) {
  const queryClient = useQueryClient();
  return useMutation<OrganisationView, ApiError, { version: number; approvalRequired: boolean }>({
    mutationFn: ({ version, approvalRequired }) =>
      apiRequest<OrganisationView>(orgPath(org), {
        method: 'PATCH',
        ifMatch: version,
        body: { settings: { approvalRequired } },
      }),
    onSuccess: (organisation) => queryClient.setQueryData(organisationKey(org), organisation),
  });
}

/** Approve, return with a comment or submit again, from the queue; the queue reads again after. */
export function useQueueStep(org: string) {
  const queryClient = useQueryClient();
  return useMutation<
    ObjectiveDetailView,
    ApiError,
    { id: string; step: 'approve' | 'return' | 'submit'; version: number; comment?: string }
  >({
    mutationFn: ({ id, step, version, comment }) =>
      apiRequest<ObjectiveDetailView>(
        `${orgPath(org)}/objectives/${encodeURIComponent(id)}/approval/${step}`,
        { method: 'POST', ifMatch: version, ...(step === 'return' ? { body: { comment } } : {}) },
      ),
    onSuccess: (objective) => {
      queryClient.setQueryData(queryKeys.objective(org, objective.id), objective);
      void queryClient.invalidateQueries({ queryKey: queryKeys.org(org), refetchType: 'none' });
      void queryClient.invalidateQueries({ queryKey: queueKey(org) });
    },
  });
}
