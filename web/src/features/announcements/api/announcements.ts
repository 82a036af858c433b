/** Announcements, acknowledgements and understanding (GET/POST /orgs/:org/announcements…). */
import type {
  AnnouncementPage,
  AnnouncementView,
  ObjectiveUnderstandingView,
  UnderstandingView,
} from '@contracts/api/announcements.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';

const base = (org: string) => `/orgs/${encodeURIComponent(org)}`;
export const announcementKeys = {
  all: (org: string) => ['orgs', org, 'announcements'] as const,
  list: (org: string) => ['orgs', org, 'announcements', 'list'] as const,
  one: (org: string, id: string) => ['orgs', org, 'announcements', 'one', id] as const,
  understanding: (org: string, id: string) =>
    ['orgs', org, 'announcements', 'understanding', id] as const,
  objectives: (org: string) => ['orgs', org, 'announcements', 'objectives'] as const,
};

export function useAnnouncements(org: string) {
  return useQuery<AnnouncementPage, ApiError>({
    queryKey: announcementKeys.list(org),
    queryFn: ({ signal }) =>
      apiRequest<AnnouncementPage>(`${base(org)}/announcements?limit=100`, { signal }),
  });
}

export function useAnnouncement(org: string, id: string) {
  return useQuery<AnnouncementView, ApiError>({
    queryKey: announcementKeys.one(org, id),
    queryFn: ({ signal }) =>
      apiRequest<AnnouncementView>(`${base(org)}/announcements/${encodeURIComponent(id)}`, {
        signal,
      }),
  });
}

export function useUnderstanding(org: string, id: string, enabled: boolean) {
  return useQuery<UnderstandingView, ApiError>({
    queryKey: announcementKeys.understanding(org, id),
    enabled,
    queryFn: ({ signal }) =>
      apiRequest<UnderstandingView>(
        `${base(org)}/announcements/${encodeURIComponent(id)}/understanding`,
        { signal },
      ),
  });
}

export function useObjectiveUnderstanding(org: string, enabled: boolean) {
  return useQuery<ObjectiveUnderstandingView, ApiError>({
    queryKey: announcementKeys.objectives(org),
    enabled,
    queryFn: ({ signal }) =>
      apiRequest<ObjectiveUnderstandingView>(`${base(org)}/understanding/objectives`, { signal }),
  });
}

export interface PublishInput {
  title: string;
  body: string;
  rationale: string;
  audience: 'organisation' | 'teams';
  teamIds: string[];
  objectiveIds: string[];
}

export function usePublishAnnouncement(org: string) {
  const client = useQueryClient();
  return useMutation<AnnouncementView, ApiError, PublishInput>({
    mutationFn: (body) =>
      apiRequest<AnnouncementView>(`${base(org)}/announcements`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: announcementKeys.all(org) }),
  });
}

export function useAcknowledge(org: string) {
  const client = useQueryClient();
  return useMutation<unknown, ApiError, string>({
    mutationFn: (id) =>
      apiRequest(`${base(org)}/announcements/${encodeURIComponent(id)}/acknowledgement`, {
        method: 'POST',
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: announcementKeys.all(org) }),
  });
}

export function useRemind(org: string, id: string) {
  const client = useQueryClient();
  return useMutation<{ reminded: number }, ApiError, void>({
    mutationFn: () =>
      apiRequest<{ reminded: number }>(
        `${base(org)}/announcements/${encodeURIComponent(id)}/reminders`,
        { method: 'POST' },
      ),
    onSuccess: () =>
      client.invalidateQueries({ queryKey: announcementKeys.understanding(org, id) }),
  });
}

export function useWithdraw(org: string, id: string) {
  const client = useQueryClient();
  return useMutation<unknown, ApiError, number>({
    mutationFn: (version) =>
      apiRequest(`${base(org)}/announcements/${encodeURIComponent(id)}`, {
        method: 'DELETE',
        ifMatch: version,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: announcementKeys.all(org) }),
  });
}

export function useAskAboutAnnouncement(org: string) {
  return useMutation<unknown, ApiError, { text: string; announcementId: string }>({
    mutationFn: (body) => apiRequest(`${base(org)}/questions`, { method: 'POST', body }),
  });
}

/** The organisation's teams (first 200), for choosing an audience. */
export function useTeamChoices(org: string, enabled: boolean) {
  return useQuery<{ id: string; name: string }[], ApiError>({
    queryKey: ['orgs', org, 'announcements', 'team-choices'],
    enabled,
    staleTime: 60_000,
    queryFn: async ({ signal }) =>
      (
        await apiRequest<{ items: { id: string; name: string }[] }>(
          `${base(org)}/teams?limit=200`,
          { signal },
        )
      ).items,
  });
}

export function useEditAnnouncement(org: string, id: string) {
  const client = useQueryClient();
  return useMutation<
    AnnouncementView,
    ApiError,
    { version: number; title: string; body: string; rationale: string }
  >({
    mutationFn: ({ version, ...body }) =>
      apiRequest<AnnouncementView>(`${base(org)}/announcements/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body,
        ifMatch: version,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: announcementKeys.all(org) }),
  });
}
