/**
 * What the wizard reads: who the person is (roles and teams), the cycles, teams and members to
 * choose from, objectives to align to, and the objective being edited.
 */
import type { Me } from '@contracts/api/auth.ts';
import type { CycleView } from '@contracts/api/cycles.ts';
import type { CascadeProposalView } from '@contracts/api/team-lead.ts';
import type { ObjectiveDetailView, ObjectiveListView } from '@contracts/api/okrs.ts';
import type { MemberView, TeamView } from '@contracts/api/people.ts';
import type { Page } from '@contracts/api/page.ts';
import type { ObjectiveLevel } from '@contracts/model.ts';
import { useQueries, useQuery } from '@tanstack/react-query';
import { apiRequest, setCsrfToken, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

const orgPath = (org: string) => `/orgs/${encodeURIComponent(org)}`;

/** The same cache entry the app shell reads (GET /me). */
export function useMe() {
  return useQuery<Me, ApiError>({
    queryKey: queryKeys.me,
    queryFn: async ({ signal }) => {
      const me = await apiRequest<Me>('/me', { signal });
      setCsrfToken(me.csrfToken);
      return me;
    },
    staleTime: 5 * 60_000,
  });
}

/** Cycles open for new objectives: active and planning. */
export function useOpenCycles(org: string) {
  return useQuery<CycleView[], ApiError>({
    queryKey: [...queryKeys.org(org), 'wizard', 'cycles'],
    queryFn: async ({ signal }) => {
      const page = await apiRequest<Page<CycleView>>(`${orgPath(org)}/cycles?limit=200`, { signal });
      const rank = (cycle: CycleView) => (cycle.status === 'active' ? 0 : 1);
      return page.items
        .filter((cycle) => cycle.status === 'active' || cycle.status === 'planning')
        .sort((a, b) => rank(a) - rank(b) || a.startDate.localeCompare(b.startDate));
    },
    staleTime: 60_000,
  });
}

export function useTeams(org: string, enabled: boolean) {
  return useQuery<TeamView[], ApiError>({
    queryKey: [...queryKeys.org(org), 'wizard', 'teams'],
    queryFn: async ({ signal }) =>
      (await apiRequest<Page<TeamView>>(`${orgPath(org)}/teams?limit=200`, { signal })).items,
    staleTime: 60_000,
    enabled,
  });
}

/** Members, of one team or (teamId null) of the organisation. */
export function useMembers(org: string, teamId: string | null) {
  return useQuery<MemberView[], ApiError>({
    queryKey: [...queryKeys.org(org), 'wizard', 'members', teamId ?? 'all'],
    queryFn: async ({ signal }) => {
      const query = new URLSearchParams({ limit: '200' });
      if (teamId) query.set('team', teamId);
      return (await apiRequest<Page<MemberView>>(`${orgPath(org)}/members?${query}`, { signal }))
        .items;
    },
    staleTime: 60_000,
  });
}

/** Members of several teams at once (the teams a lead may set individual objectives for). */
export function useMembersOfTeams(org: string, teamIds: string[]) {
  return useQueries({
    queries: teamIds.map((teamId) => ({
      queryKey: [...queryKeys.org(org), 'wizard', 'members', teamId],
      queryFn: async ({ signal }: { signal: AbortSignal }) =>
        (
          await apiRequest<Page<MemberView>>(
            `${orgPath(org)}/members?limit=200&team=${encodeURIComponent(teamId)}`,
            { signal },
          )
        ).items,
      staleTime: 60_000,
    })),
  });
}

export interface ObjectiveSearch {
  cycleId: string;
  q: string;
  level?: ObjectiveLevel;
  teamId?: string;
}

/** Objectives of a cycle matching words (GET /objectives?cycle=&q=). */
export function useObjectiveSearch(org: string, search: ObjectiveSearch, enabled: boolean) {
  const query = new URLSearchParams({ cycle: search.cycleId, limit: '25' });
  if (search.q.trim()) query.set('q', search.q.trim());
  if (search.level) query.set('level', search.level);
  if (search.teamId) query.set('team', search.teamId);
  const filters = Object.fromEntries(query);
  return useQuery<ObjectiveListView, ApiError>({
    queryKey: queryKeys.objectiveList(org, filters),
    queryFn: ({ signal }) =>
      apiRequest<ObjectiveListView>(`${orgPath(org)}/objectives?${query}`, { signal }),
    enabled: enabled && search.cycleId !== '',
    placeholderData: (previous) => previous,
  });
}

const objectiveQuery = (org: string, id: string) => ({
  queryKey: queryKeys.objective(org, id),
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    apiRequest<ObjectiveDetailView>(`${orgPath(org)}/objectives/${encodeURIComponent(id)}`, {
      signal,
    }),
});

export function useObjectiveDetail(org: string, id: string | null) {
  return useQuery<ObjectiveDetailView, ApiError>({
    ...objectiveQuery(org, id ?? ''),
    enabled: id !== null && id !== '',
  });
}

/** The chosen parents in full: their alignment path and progress, for the path and the roll-up. */
export function useObjectiveDetails(org: string, ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({ ...objectiveQuery(org, id), staleTime: 30_000 })),
  });
}

/**
 * "Cascade to my team": the parent, the team's members and key result drafts proposed from the
 * parent's key results (GET /objectives/{id}/cascade-proposal?team=).
 */
export function useCascadeProposal(org: string, parentId: string | null, teamId: string | null) {
  return useQuery<CascadeProposalView, ApiError>({
    queryKey: [...queryKeys.org(org), 'wizard', 'cascade', parentId ?? '', teamId ?? ''],
    queryFn: ({ signal }) =>
      apiRequest<CascadeProposalView>(
        `${orgPath(org)}/objectives/${encodeURIComponent(parentId ?? '')}/cascade-proposal?team=${encodeURIComponent(teamId ?? '')}`,
        { signal },
      ),
    enabled: parentId !== null && parentId !== '' && teamId !== null && teamId !== '',
    staleTime: 30_000,
  });
}
