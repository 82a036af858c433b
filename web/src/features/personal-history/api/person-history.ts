/** A person's history across cycles (GET /people/{id}/history). */
import type { PersonHistoryView } from '@contracts/api/restructuring.ts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';

export function usePersonHistory(org: string, userId: string) {
  return useQuery<PersonHistoryView, ApiError>({
    queryKey: ['orgs', org, 'person-history', userId],
    queryFn: ({ signal }) =>
      apiRequest<PersonHistoryView>(
        `/orgs/${encodeURIComponent(org)}/people/${encodeURIComponent(userId)}/history?limit=100`,
        { signal },
      ),
  });
}
