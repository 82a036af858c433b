/**
 * The signed-in person (GET /api/v1/me) for features that need to know who is reading: the same
 * cached read as the app shell's, so it costs no request once the shell has loaded.
 */
import type { Me } from '@contracts/api/auth.ts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest, setCsrfToken, type ApiError } from './api.ts';
import { queryKeys } from './query-keys.ts';

export function useCurrentUser() {
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
