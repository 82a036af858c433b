/** Collaboration requests on this objective, and asking another team for help on it. */
import type { Page } from '@contracts/api/page.ts';
import type { TeamView } from '@contracts/api/people.ts';
import type {
  CollaborationRequestView,
  CreateRequestBody,
} from '@contracts/api/shared-objectives.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { objectiveKeys, orgPath } from './objective-query-keys.ts';

export function useObjectiveRequests(org: string, objectiveId: string) {
  return useQuery<Page<CollaborationRequestView>, ApiError>({
    queryKey: objectiveKeys.requests(org, objectiveId),
    queryFn: ({ signal }) =>
      apiRequest<Page<CollaborationRequestView>>(
        `${orgPath(org)}/collaboration-requests?objectiveId=${encodeURIComponent(objectiveId)}&limit=200`,
        { signal },
      ),
  });
}

/** Every team of the organisation (to ask one of them). */
export function useAllTeams(org: string) {
  return useQuery<Page<TeamView>, ApiError>({
    queryKey: objectiveKeys.teams(org),
    queryFn: ({ signal }) =>
      apiRequest<Page<TeamView>>(`${orgPath(org)}/teams?limit=200`, { signal }),
    staleTime: 60_000,
  });
}

export function useAskForHelp(org: string, objectiveId: string) {
  const queryClient = useQueryClient();
  return useMutation<CollaborationRequestView, ApiError, CreateRequestBody>({
    mutationFn: (body) =>
      apiRequest<CollaborationRequestView>(`${orgPath(org)}/collaboration-requests`, {
        method: 'POST',
        body,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: objectiveKeys.requests(org, objectiveId) });
      void queryClient.invalidateQueries({ queryKey: ['orgs', org, 'collaboration-requests'] });
    },
  });
}
