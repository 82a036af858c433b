/** The organisation's check-in cadence (its OKR settings) and a team's own. */
import type { TeamCadence, UpdateTeamCadenceBody } from '@contracts/api/cadence.ts';
import type { OkrSettingsPatch, OrganisationView } from '@contracts/api/organisation.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

const orgPath = (org: string) => `/orgs/${encodeURIComponent(org)}`;
const organisationKey = (org: string) => [...queryKeys.org(org), 'organisation'] as const;
const teamKey = (org: string, teamId: string) =>
  [...queryKeys.org(org), 'teams', teamId, 'cadence'] as const;

export function useOrganisation(org: string) {
  return useQuery<OrganisationView, ApiError>({
    queryKey: organisationKey(org),
    queryFn: ({ signal }) => apiRequest<OrganisationView>(orgPath(org), { signal }),
  });
}

export function useUpdateOrgCadence(org: string) {
  const queryClient = useQueryClient();
  return useMutation<OrganisationView, ApiError, { version: number; settings: OkrSettingsPatch }>({
    mutationFn: ({ version, settings }) =>
      apiRequest<OrganisationView>(orgPath(org), {
        method: 'PATCH',
        ifMatch: version,
        body: { settings },
      }),
    onSuccess: (organisation) => {
      queryClient.setQueryData(organisationKey(org), organisation);
      void queryClient.invalidateQueries({ queryKey: [...queryKeys.org(org), 'teams'] });
    },
  });
}

export function useTeamCadence(org: string, teamId: string | null) {
  return useQuery<TeamCadence, ApiError>({
    queryKey: teamKey(org, teamId ?? ''),
    queryFn: ({ signal }) =>
      apiRequest<TeamCadence>(`${orgPath(org)}/teams/${encodeURIComponent(teamId ?? '')}/cadence`, {
        signal,
      }),
    enabled: teamId !== null,
  });
}

export function useUpdateTeamCadence(org: string, teamId: string) {
  const queryClient = useQueryClient();
  return useMutation<TeamCadence, ApiError, UpdateTeamCadenceBody>({
    mutationFn: (body) =>
      apiRequest<TeamCadence>(`${orgPath(org)}/teams/${encodeURIComponent(teamId)}/cadence`, {
        method: 'PUT',
        body,
      }),
    onSuccess: (cadence) => queryClient.setQueryData(teamKey(org, teamId), cadence),
  });
}
