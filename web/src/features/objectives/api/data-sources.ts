/** A key result's data source: read, connect, fetch now, disconnect. */
import type {
  CreateDataSourceBody,
  CreatedDataSourceView,
  KeyResultDataSourceView,
} from '@contracts/api/webhooks.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

const key = (org: string, keyResultId: string) =>
  ['orgs', org, 'data-source', keyResultId] as const;
const path = (org: string, keyResultId: string) =>
  `/orgs/${encodeURIComponent(org)}/key-results/${keyResultId}/data-source`;

export function useDataSource(org: string, keyResultId: string) {
  return useQuery<KeyResultDataSourceView, ApiError>({
    queryKey: key(org, keyResultId),
    queryFn: ({ signal }) => apiRequest(path(org, keyResultId), { signal }),
  });
}

/** After a value may have arrived: the source, and every page showing the key result. */
function useRefresh(org: string, keyResultId: string) {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: key(org, keyResultId) });
    await client.invalidateQueries({ queryKey: queryKeys.org(org) });
  };
}

export function useConnectDataSource(org: string, keyResultId: string) {
  const refresh = useRefresh(org, keyResultId);
  return useMutation<CreatedDataSourceView, ApiError, CreateDataSourceBody>({
    mutationFn: (body) => apiRequest(path(org, keyResultId), { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useFetchDataSource(org: string, keyResultId: string) {
  const refresh = useRefresh(org, keyResultId);
  return useMutation<KeyResultDataSourceView, ApiError, void>({
    mutationFn: () => apiRequest(`${path(org, keyResultId)}/fetch`, { method: 'POST' }),
    onSettled: refresh,
  });
}

export function useDisconnectDataSource(org: string, keyResultId: string) {
  const refresh = useRefresh(org, keyResultId);
  return useMutation<void, ApiError, number>({
    mutationFn: (version) =>
      apiRequest(path(org, keyResultId), { method: 'DELETE', ifMatch: version }),
    onSettled: refresh,
  });
}
