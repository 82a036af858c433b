/**
 * Teams: the hierarchy, one team with its members, the team's objectives in a cycle, and (for
 * those the API allows) putting members in and out of a team and making them lead.
 */
import type { ObjectiveListView } from '@contracts/api/okrs.ts';
import type { MemberView, TeamDetailView, TeamTreeNode } from '@contracts/api/people.ts';
import type { Page } from '@contracts/api/page.ts';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

const orgPath = (org: string) => `/orgs/${encodeURIComponent(org)}`;

export const teamKeys = {
  all: (org: string) => [...queryKeys.org(org), 'teams'] as const,
  tree: (org: string) => [...queryKeys.org(org), 'teams', 'tree'] as const,
  team: (org: string, id: string) => [...queryKeys.org(org), 'teams', 'detail', id] as const,
  members: (org: string, text: string) => [...queryKeys.org(org), 'member-search', text] as const,
};

export function useTeamTree(org: string) {
  return useQuery<{ roots: TeamTreeNode[] }, ApiError>({
    queryKey: teamKeys.tree(org),
    queryFn: ({ signal }) =>
      apiRequest<{ roots: TeamTreeNode[] }>(`${orgPath(org)}/teams/tree`, { signal }),
  });
}

export function useTeam(org: string, id: string) {
  return useQuery<TeamDetailView, ApiError>({
    queryKey: teamKeys.team(org, id),
    queryFn: ({ signal }) =>
      apiRequest<TeamDetailView>(`${orgPath(org)}/teams/${encodeURIComponent(id)}`, { signal }),
  });
}

/** Objectives of a list filter (team, owner...) in one cycle; the key is shared with other lists. */
export function useObjectiveList(
  org: string,
  filters: Record<string, string>,
  enabled: boolean = true,
) {
  const all = { ...filters, limit: '200' };
  return useQuery<ObjectiveListView, ApiError>({
    queryKey: queryKeys.objectiveList(org, all),
    queryFn: ({ signal }) =>
      apiRequest<ObjectiveListView>(
        `${orgPath(org)}/objectives?${new URLSearchParams(all).toString()}`,
        { signal },
      ),
    enabled,
  });
}

/** Members matching a few typed letters, for adding someone to a team. */
export function useMemberSearch(org: string, text: string) {
  const trimmed = text.trim();
  return useQuery<Page<MemberView>, ApiError>({
    queryKey: teamKeys.members(org, trimmed),
    queryFn: ({ signal }) =>
      apiRequest<Page<MemberView>>(
        `${orgPath(org)}/members?${new URLSearchParams({ text: trimmed, limit: '8' }).toString()}`,
        { signal },
      ),
    enabled: trimmed.length >= 2,
    staleTime: 60_000,
  });
}

interface MemberChange {
  userId: string;
  /** true/false puts the person in the team (as lead or not); null takes them out. */
  isLead: boolean | null;
}

export function useChangeTeamMember(org: string, teamId: string) {
  const queryClient = useQueryClient();
  return useMutation<TeamDetailView | undefined, ApiError, MemberChange>({
    mutationFn: ({ userId, isLead }) => {
      const path = `${orgPath(org)}/teams/${encodeURIComponent(teamId)}/members/${encodeURIComponent(userId)}`;
      return isLead === null
        ? apiRequest<undefined>(path, { method: 'DELETE' })
        : apiRequest<TeamDetailView>(path, { method: 'PUT', body: { isLead } });
    },
    onSuccess: async (team) => {
      if (team) queryClient.setQueryData(teamKeys.team(org, teamId), team);
      // Member counts in the tree and people's team lists change too.
      await queryClient.invalidateQueries({ queryKey: teamKeys.all(org) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.org(org), refetchType: 'none' });
    },
  });
}

/** Several objective lists at once (e.g. the objectives of each of a person's teams). */
export function useObjectiveLists(org: string, filterSets: Record<string, string>[], enabled: boolean) {
  return useQueries({
    queries: filterSets.map((filters) => {
      const all = { ...filters, limit: '200' };
      return {
        queryKey: queryKeys.objectiveList(org, all),
        queryFn: ({ signal }: { signal: AbortSignal }) =>
          apiRequest<ObjectiveListView>(
            `${orgPath(org)}/objectives?${new URLSearchParams(all).toString()}`,
            { signal },
          ),
        enabled,
      };
    }),
    combine: (results) => ({
      objectives: results.flatMap((result) => result.data?.items ?? []),
      isPending: enabled && results.some((result) => result.isPending),
    }),
  });
}
