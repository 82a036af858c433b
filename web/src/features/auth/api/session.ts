/** Who is signed in (GET /api/v1/me), signing in and signing out. */
import type { LoginBody, Me, SignedIn } from '@contracts/api/auth.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, setCsrfToken, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

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

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation<SignedIn, ApiError, LoginBody>({
    mutationFn: (body) =>
      apiRequest<SignedIn>('/auth/login', {
        method: 'POST',
        body,
        redirectOnUnauthenticated: false,
      }),
    onSuccess: (signedIn) => {
      // Nothing cached from an earlier session (or person) may show.
      queryClient.clear();
      setCsrfToken(signedIn.csrfToken);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError>({
    mutationFn: () =>
      apiRequest<void>('/auth/logout', { method: 'POST', redirectOnUnauthenticated: false }),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
    },
  });
}
