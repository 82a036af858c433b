/** My objectives and key results in the active cycle (GET /orgs/:org/me/okrs). */
import type { MyOkrsView } from '@contracts/api/okrs.ts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export function useMyOkrs(org: string) {
  return useQuery<MyOkrsView, ApiError>({
    queryKey: queryKeys.myOkrs(org),
    queryFn: ({ signal }) =>
      apiRequest<MyOkrsView>(`/orgs/${encodeURIComponent(org)}/me/okrs`, { signal }),
  });
}
