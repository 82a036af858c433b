/** The KPI pages' reads and writes: the list, one KPI with its values, and their changes. */
import type {
  CreateKpiBody,
  KpiDetailView,
  KpiListView,
  KpiValueView,
  KpiView,
  RecordKpiValueBody,
  UpdateKpiBody,
} from '@contracts/api/kpis.ts';
import type { Page } from '@contracts/api/page.ts';
import type { MemberView } from '@contracts/api/people.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

const orgPath = (org: string) => `/orgs/${encodeURIComponent(org)}`;
const kpiPath = (org: string, id: string) => `${orgPath(org)}/kpis/${encodeURIComponent(id)}`;
/** Every KPI read starts with this key, so one invalidation refreshes them all. */
export const kpisKey = (org: string) => [...queryKeys.org(org), 'kpis'] as const;

export function useKpis(org: string, archived = false) {
  return useQuery<KpiListView, ApiError>({
    queryKey: [...kpisKey(org), 'list', archived],
    queryFn: ({ signal }) =>
      apiRequest<KpiListView>(`${orgPath(org)}/kpis${archived ? '?archived=true' : ''}`, {
        signal,
      }),
  });
}

export function useKpi(org: string, id: string) {
  return useQuery<KpiDetailView, ApiError>({
    queryKey: [...kpisKey(org), 'one', id],
    queryFn: ({ signal }) => apiRequest<KpiDetailView>(kpiPath(org, id), { signal }),
  });
}

export function useKpiValues(org: string, id: string) {
  return useQuery<{ items: KpiValueView[] }, ApiError>({
    queryKey: [...kpisKey(org), 'values', id],
    queryFn: ({ signal }) =>
      apiRequest<{ items: KpiValueView[] }>(`${kpiPath(org, id)}/values`, { signal }),
  });
}

/** The people a KPI may be owned by (the first 200 by name; owners are few). */
export function useOwnerChoices(org: string, enabled: boolean) {
  return useQuery<MemberView[], ApiError>({
    queryKey: [...queryKeys.org(org), 'kpis', 'owner-choices'],
    queryFn: async ({ signal }) =>
      (await apiRequest<Page<MemberView>>(`${orgPath(org)}/members?limit=200`, { signal })).items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useCreateKpi(org: string) {
  const queryClient = useQueryClient();
  return useMutation<KpiView, ApiError, CreateKpiBody>({
    mutationFn: (body) => apiRequest<KpiView>(`${orgPath(org)}/kpis`, { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: kpisKey(org) }),
  });
}

export function useUpdateKpi(org: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation<KpiView, ApiError, { version: number; body: UpdateKpiBody }>({
    mutationFn: ({ version, body }) =>
      apiRequest<KpiView>(kpiPath(org, id), { method: 'PATCH', body, ifMatch: version }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: kpisKey(org) }),
  });
}

export function useDeleteKpi(org: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, { version: number }>({
    mutationFn: ({ version }) =>
      apiRequest<void>(kpiPath(org, id), { method: 'DELETE', ifMatch: version }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: kpisKey(org) }),
  });
}

export function useRecordKpiValue(org: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation<KpiValueView, ApiError, RecordKpiValueBody>({
    mutationFn: (body) =>
      apiRequest<KpiValueView>(`${kpiPath(org, id)}/values`, { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: kpisKey(org) }),
  });
}
