/**
 * The organisation's playbook, read by the wizard (guidance per step, the rules' advice) and read
 * and written on the champions' playbook page.
 */
import type {
  PlaybookEntryView,
  PlaybookView,
  PutPlaybookEntryBody,
} from '@contracts/api/playbook.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from './api.ts';

const orgPath = (org: string) => `/orgs/${encodeURIComponent(org)}`;

export const playbookKey = (org: string) => ['orgs', org, 'playbook'] as const;

export function usePlaybook(org: string) {
  return useQuery<PlaybookView, ApiError>({
    queryKey: playbookKey(org),
    queryFn: ({ signal }) => apiRequest<PlaybookView>(`${orgPath(org)}/playbook`, { signal }),
    staleTime: 60_000,
  });
}

/** Entries by key, for looking texts up. */
export function playbookByKey(playbook: PlaybookView | undefined): Map<string, PlaybookEntryView> {
  return new Map((playbook?.items ?? []).map((entry) => [entry.key, entry]));
}

function replaceEntry(
  queryClient: ReturnType<typeof useQueryClient>,
  org: string,
  entry: PlaybookEntryView,
) {
  queryClient.setQueryData<PlaybookView>(
    playbookKey(org),
    (current) =>
      current && {
        ...current,
        items: current.items.map((item) => (item.key === entry.key ? entry : item)),
      },
  );
}

/** Saves the organisation's text of an entry (If-Match when it is already overridden). */
export function useSavePlaybookEntry(org: string) {
  const queryClient = useQueryClient();
  return useMutation<
    PlaybookEntryView,
    ApiError,
    { key: string; version: number | null } & PutPlaybookEntryBody
  >({
    mutationFn: ({ key, version, body }) =>
      apiRequest<PlaybookEntryView>(`${orgPath(org)}/playbook/${encodeURIComponent(key)}`, {
        method: 'PUT',
        body: { body },
        ...(version !== null ? { ifMatch: version } : {}),
      }),
    onSuccess: (entry) => replaceEntry(queryClient, org, entry),
  });
}

/** Returns an entry to its built-in text. */
export function useResetPlaybookEntry(org: string) {
  const queryClient = useQueryClient();
  return useMutation<PlaybookEntryView, ApiError, { key: string; version: number }>({
    mutationFn: ({ key, version }) =>
      apiRequest<PlaybookEntryView>(`${orgPath(org)}/playbook/${encodeURIComponent(key)}`, {
        method: 'DELETE',
        ifMatch: version,
      }),
    onSuccess: (entry) => replaceEntry(queryClient, org, entry),
  });
}
