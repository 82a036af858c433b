/** Reads and answers of the collaboration feature: a team's requests, answering them, the cross-team map. */
import type { Page } from '@contracts/api/page.ts';
import type { TeamView } from '@contracts/api/people.ts';
import type {
  AcceptRequestBody,
  CollaborationRequestView,
  CrossTeamMapView,
} from '@contracts/api/shared-objectives.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';

const orgPath = (org: string) => `/orgs/${encodeURIComponent(org)}`;
export const collaborationKeys = {
  requests: (org: string, teamId: string, direction: string) =>
    ['orgs', org, 'collaboration-requests', teamId, direction] as const,
  allRequests: (org: string) => ['orgs', org, 'collaboration-requests'] as const,
  map: (org: string, cycleId: string) => ['orgs', org, 'cross-team-map', cycleId] as const,
  team: (org: string, id: string) => ['orgs', org, 'team-name', id] as const,
};

export function useTeamRequests(org: string, teamId: string, direction: 'incoming' | 'outgoing') {
  return useQuery<Page<CollaborationRequestView>, ApiError>({
    queryKey: collaborationKeys.requests(org, teamId, direction),
    queryFn: ({ signal }) =>
      apiRequest<Page<CollaborationRequestView>>(
        `${orgPath(org)}/collaboration-requests?teamId=${encodeURIComponent(teamId)}&direction=${direction}&limit=200`,
        { signal },
      ),
  });
}

export function useTeamName(org: string, teamId: string) {
  return useQuery<TeamView, ApiError>({
    queryKey: collaborationKeys.team(org, teamId),
    queryFn: ({ signal }) =>
      apiRequest<TeamView>(`${orgPath(org)}/teams/${encodeURIComponent(teamId)}`, { signal }),
  });
}

function useAnswered(org: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: collaborationKeys.allRequests(org) });
    // A dependency or a contributing team was added: objective views and the map change.
    void queryClient.invalidateQueries({ queryKey: ['orgs', org, 'objectives'] });
    void queryClient.invalidateQueries({ queryKey: ['orgs', org, 'objective-requests'] });
    void queryClient.invalidateQueries({ queryKey: ['orgs', org, 'cross-team-map'] });
  };
}

export function useAcceptRequest(org: string) {
  const answered = useAnswered(org);
  return useMutation<
    CollaborationRequestView,
    ApiError,
    { request: CollaborationRequestView; body: AcceptRequestBody }
  >({
    mutationFn: ({ request, body }) =>
      apiRequest<CollaborationRequestView>(
        `${orgPath(org)}/collaboration-requests/${encodeURIComponent(request.id)}/accept`,
        {
          method: 'POST',
          body,
          ifMatch: request.version,
        },
      ),
    onSuccess: answered,
  });
}

export function useDeclineRequest(org: string) {
  const answered = useAnswered(org);
  return useMutation<
    CollaborationRequestView,
    ApiError,
    { request: CollaborationRequestView; reason: string }
  >({
    mutationFn: ({ request, reason }) =>
      apiRequest<CollaborationRequestView>(
        `${orgPath(org)}/collaboration-requests/${encodeURIComponent(request.id)}/decline`,
        {
          method: 'POST',
          body: { reason },
          ifMatch: request.version,
        },
      ),
    onSuccess: answered,
  });
}

export function useCrossTeamMap(org: string, cycleId: string) {
  return useQuery<CrossTeamMapView, ApiError>({
    queryKey: collaborationKeys.map(org, cycleId),
    queryFn: ({ signal }) =>
      apiRequest<CrossTeamMapView>(
        `${orgPath(org)}/cross-team-map${cycleId ? `?cycleId=${encodeURIComponent(cycleId)}` : ''}`,
        { signal },
      ),
  });
}
