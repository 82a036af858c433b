/** Dependencies touching the key results of an objective, either way (GET /dependencies). */
import type { CreateDependencyBody, DependencyView } from '@contracts/api/collaboration.ts';
import type { Page } from '@contracts/api/page.ts';
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { objectiveKeys, orgPath } from './objective-query-keys.ts';
import { limited } from './request-limit.ts';

export interface ObjectiveDependencies {
  /** Each dependency once, even when it joins two key results of this objective. */
  dependencies: DependencyView[];
  isPending: boolean;
  error: ApiError | null;
  refetch: () => void;
}

export function useObjectiveDependencies(
  org: string,
  keyResultIds: string[],
): ObjectiveDependencies {
  return useQueries({
    queries: keyResultIds.map((keyResultId) => ({
      queryKey: objectiveKeys.dependencies(org, keyResultId),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        limited(
          () =>
            apiRequest<Page<DependencyView>>(
              `${orgPath(org)}/dependencies?keyResultId=${encodeURIComponent(keyResultId)}&limit=200`,
              { signal },
            ),
          signal,
        ),
    })),
    combine: (results) => {
      const byId = new Map<string, DependencyView>();
      for (const result of results)
        for (const dependency of result.data?.items ?? []) byId.set(dependency.id, dependency);
      const failed = results.find((result) => result.isError);
      return {
        dependencies: [...byId.values()],
        isPending: results.some((result) => result.isPending),
        error: (failed?.error as ApiError | undefined) ?? null,
        refetch: () => {
          for (const result of results) if (result.isError) void result.refetch();
        },
      };
    },
  });
}

/** After a dependency changes: both key results' lists, and every objective view (risk travels). */
function useDependencyChanged(org: string) {
  const queryClient = useQueryClient();
  return (dependency: DependencyView) => {
    for (const keyResultId of [dependency.keyResult.id, dependency.dependsOn.id])
      void queryClient.invalidateQueries({
        queryKey: objectiveKeys.dependencies(org, keyResultId),
      });
    void queryClient.invalidateQueries({ queryKey: ['orgs', org, 'objectives'] });
    void queryClient.invalidateQueries({ queryKey: objectiveKeys.allActivity(org) });
  };
}

export function useCreateDependency(org: string) {
  const changed = useDependencyChanged(org);
  return useMutation<DependencyView, ApiError, CreateDependencyBody>({
    mutationFn: (body) =>
      apiRequest<DependencyView>(`${orgPath(org)}/dependencies`, { method: 'POST', body }),
    onSuccess: changed,
  });
}

/** Resolves an open dependency or reopens a resolved one. */
export function useToggleDependency(org: string) {
  const changed = useDependencyChanged(org);
  return useMutation<DependencyView, ApiError, DependencyView>({
    mutationFn: (dependency) =>
      apiRequest<DependencyView>(
        `${orgPath(org)}/dependencies/${encodeURIComponent(dependency.id)}`,
        {
          method: 'PATCH',
          body: { status: dependency.status === 'open' ? 'resolved' : 'open' },
          ifMatch: dependency.version,
        },
      ),
    onSuccess: changed,
  });
}
