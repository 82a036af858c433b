/**
 * The signed-in person's account: password, sessions, personal API tokens, and accepting an
 * invitation (which signs in). These endpoints live outside any organisation (/api/v1/me...).
 */
import type {
  CreatedToken,
  InvitationAcceptBody,
  Me,
  PasswordChangeBody,
  SessionView,
  SignedIn,
  TokenCreateBody,
  TokenView,
} from '@contracts/api/auth.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, setCsrfToken, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

const accountKeys = {
  sessions: ['account', 'sessions'] as const,
  tokens: ['account', 'tokens'] as const,
};

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, PasswordChangeBody>({
    mutationFn: (body) => apiRequest<void>('/me/password', { method: 'POST', body }),
    // The other sessions were signed out.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
}

export function useSessions() {
  return useQuery<{ sessions: SessionView[] }, ApiError>({
    queryKey: accountKeys.sessions,
    queryFn: ({ signal }) => apiRequest<{ sessions: SessionView[] }>('/me/sessions', { signal }),
  });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (id) => apiRequest<void>(`/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: (_, id) => {
      queryClient.setQueryData<{ sessions: SessionView[] }>(
        accountKeys.sessions,
        (list) => list && { sessions: list.sessions.filter((session) => session.id !== id) },
      );
    },
  });
}

export function useTokens() {
  return useQuery<{ tokens: TokenView[] }, ApiError>({
    queryKey: accountKeys.tokens,
    queryFn: ({ signal }) => apiRequest<{ tokens: TokenView[] }>('/tokens', { signal }),
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation<CreatedToken, ApiError, TokenCreateBody>({
    mutationFn: (body) => apiRequest<CreatedToken>('/tokens', { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: accountKeys.tokens }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (id) => apiRequest<void>(`/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: (_, id) => {
      queryClient.setQueryData<{ tokens: TokenView[] }>(
        accountKeys.tokens,
        (list) => list && { tokens: list.tokens.filter((token) => token.id !== id) },
      );
    },
  });
}

/** Who is signed in on this browser, if anybody; never sends the person to the sign-in page. */
async function currentMe(): Promise<Me | null> {
  try {
    return await apiRequest<Me>('/me', { redirectOnUnauthenticated: false });
  } catch {
    return null;
  }
}

/**
 * Accepts an invitation and answers the slug of the organisation joined: the one the person is
 * in now and was not before (or their first one when that cannot be told).
 */
export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation<{ signedIn: SignedIn; orgSlug: string | null }, ApiError, InvitationAcceptBody>({
    mutationFn: async (body) => {
      const before = await currentMe();
      const signedIn = await apiRequest<SignedIn>('/invitations/accept', {
        method: 'POST',
        body,
        redirectOnUnauthenticated: false,
      });
      setCsrfToken(signedIn.csrfToken);
      const after = await currentMe();
      const knew = new Set(
        before?.user.id === signedIn.user.id ? before.organisations.map((o) => o.id) : [],
      );
      const joined =
        after?.organisations.find((organisation) => !knew.has(organisation.id)) ??
        after?.organisations[0];
      if (after) queryClient.setQueryData(queryKeys.me, after);
      return { signedIn, orgSlug: joined?.slug ?? null };
    },
    onSuccess: ({ signedIn }) => {
      // Nothing cached from an earlier session (or person) may show.
      const me = queryClient.getQueryData<Me>(queryKeys.me);
      queryClient.clear();
      if (me?.user.id === signedIn.user.id) queryClient.setQueryData(queryKeys.me, me);
    },
  });
}
