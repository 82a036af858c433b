/** The KPIs key results on the objective page link to, and linking one (PATCH the key result). */
import type { KpiListView } from '@contracts/api/kpis.ts';
import type { KeyResultView } from '@contracts/api/okrs.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

const orgPath = (org: string) => `/orgs/${encodeURIComponent(org)}`;

/** The current KPIs (an organisation has tens), read only when the page needs them. */
export function useKpiChoices(org: string, enabled: boolean) {
  return useQuery<KpiListView, ApiError>({
    queryKey: [...queryKeys.org(org), 'kpis', 'list', false],
    queryFn: ({ signal }) => apiRequest<KpiListView>(`${orgPath(org)}/kpis`, { signal }),
    enabled,
    staleTime: 60_000,
  });
}

export function useLinkKpi(org: string, objectiveId: string) {
  const queryClient = useQueryClient();
  return useMutation<KeyResultView, ApiError, { keyResult: KeyResultView; kpiId: string | null }>({
    mutationFn: ({ keyResult, kpiId }) =>
      apiRequest<KeyResultView>(`${orgPath(org)}/key-results/${encodeURIComponent(keyResult.id)}`, {
        method: 'PATCH',
        body: { kpiId },
        ifMatch: keyResult.version,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.objective(org, objectiveId) });
      void queryClient.invalidateQueries({ queryKey: [...queryKeys.org(org), 'kpis'] });
    },
  });
}
