/** The organisation's single sign-on configuration (admins): read, save, test, remove. */
import type { SsoConfigBody, SsoSettingsView, SsoTestResult } from '@contracts/api/sso.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';

const key = (org: string) => ['sso', org] as const;
const path = (org: string) => `/orgs/${encodeURIComponent(org)}/sso`;

export function useSsoSettings(org: string) {
  return useQuery<SsoSettingsView, ApiError>({
    queryKey: key(org),
    queryFn: ({ signal }) => apiRequest(path(org), { signal }),
  });
}

export function useSaveSso(org: string) {
  const client = useQueryClient();
  return useMutation<SsoSettingsView, ApiError, { body: SsoConfigBody; version: number }>({
    mutationFn: ({ body, version }) =>
      apiRequest(path(org), { method: 'PUT', body, ifMatch: version }),
    onSuccess: (saved) => client.setQueryData(key(org), saved),
  });
}

export function useRemoveSso(org: string) {
  const client = useQueryClient();
  return useMutation<void, ApiError, number>({
    mutationFn: (version) => apiRequest(path(org), { method: 'DELETE', ifMatch: version }),
    onSettled: () => client.invalidateQueries({ queryKey: key(org) }),
  });
}

export function useTestSso(org: string) {
  return useMutation<SsoTestResult, ApiError>({
    mutationFn: () => apiRequest(`${path(org)}/test`, { method: 'POST' }),
  });
}
