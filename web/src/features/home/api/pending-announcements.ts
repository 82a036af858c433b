/** Announcements addressed to me that I have not acknowledged (GET …/announcements?pending=true). */
import type { AnnouncementPage } from '@contracts/api/announcements.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';

const key = (org: string) => ['orgs', org, 'announcements', 'pending'] as const;

export function usePendingAnnouncements(org: string) {
  return useQuery<AnnouncementPage, ApiError>({
    queryKey: key(org),
    queryFn: ({ signal }) =>
      apiRequest<AnnouncementPage>(
        `/orgs/${encodeURIComponent(org)}/announcements?pending=true&limit=10`,
        { signal },
      ),
  });
}

export function useAcknowledgeFromHome(org: string) {
  const client = useQueryClient();
  return useMutation<unknown, ApiError, string>({
    mutationFn: (id) =>
      apiRequest(
        `/orgs/${encodeURIComponent(org)}/announcements/${encodeURIComponent(id)}/acknowledgement`,
        { method: 'POST' },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['orgs', org, 'announcements'] }),
  });
}
