/**
 * Initiatives of a key result: the work planned to move it. Reading is open to readers of the
 * objective; adding, changing and deleting follow the abilities the API sends. Changes send
 * If-Match; a 412 surfaces as StaleVersionError for the form to explain.
 */
import type {
  CreateInitiativeBody,
  InitiativeView,
  UpdateInitiativeBody,
} from '@contracts/api/collaboration.ts';
import type { Page } from '@contracts/api/page.ts';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { objectiveKeys, orgPath } from './objective-query-keys.ts';
import { limited } from './request-limit.ts';

function initiativesQuery(org: string, keyResultId: string) {
  return {
    queryKey: objectiveKeys.initiatives(org, keyResultId),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      limited(
        () =>
          apiRequest<Page<InitiativeView>>(
            `${orgPath(org)}/key-results/${encodeURIComponent(keyResultId)}/initiatives?limit=200`,
            { signal },
          ),
        signal,
      ),
  };
}

export function useInitiatives(org: string, keyResultId: string) {
  return useQuery<Page<InitiativeView>, ApiError>(initiativesQuery(org, keyResultId));
}

/** How many initiatives the key results have, from the same cached reads. */
export function useInitiativeCount(org: string, keyResultIds: string[]): number {
  return useQueries({
    queries: keyResultIds.map((id) => initiativesQuery(org, id)),
    combine: (results) =>
      results.reduce((sum, result) => sum + (result.data?.items.length ?? 0), 0),
  });
}

function useInitiativeCache(org: string, keyResultId: string) {
  const queryClient = useQueryClient();
  const activityChanged = () =>
    void queryClient.invalidateQueries({ queryKey: objectiveKeys.allActivity(org) });
  const key = objectiveKeys.initiatives(org, keyResultId);
  return {
    put: (initiative: InitiativeView) => {
      activityChanged();
      queryClient.setQueryData<Page<InitiativeView>>(key, (page) => {
        if (!page) return page;
        const known = page.items.some((item) => item.id === initiative.id);
        return {
          ...page,
          items: known
            ? page.items.map((item) => (item.id === initiative.id ? initiative : item))
            : [...page.items, initiative],
        };
      });
    },
    remove: (id: string) => {
      activityChanged();
      queryClient.setQueryData<Page<InitiativeView>>(
        key,
        (page) => page && { ...page, items: page.items.filter((item) => item.id !== id) },
      );
    },
    reload: () => queryClient.invalidateQueries({ queryKey: key }),
  };
}

export function useCreateInitiative(org: string, keyResultId: string) {
  const cache = useInitiativeCache(org, keyResultId);
  return useMutation<InitiativeView, ApiError, CreateInitiativeBody>({
    mutationFn: (body) =>
      apiRequest<InitiativeView>(
        `${orgPath(org)}/key-results/${encodeURIComponent(keyResultId)}/initiatives`,
        { method: 'POST', body },
      ),
    onSuccess: cache.put,
  });
}

export function useUpdateInitiative(org: string, keyResultId: string) {
  const cache = useInitiativeCache(org, keyResultId);
  return useMutation<
    InitiativeView,
    ApiError,
    { initiative: InitiativeView; body: UpdateInitiativeBody }
  >({
    mutationFn: ({ initiative, body }) =>
      apiRequest<InitiativeView>(
        `${orgPath(org)}/initiatives/${encodeURIComponent(initiative.id)}`,
        { method: 'PATCH', body, ifMatch: initiative.version },
      ),
    onSuccess: cache.put,
  });
}

export function useDeleteInitiative(org: string, keyResultId: string) {
  const cache = useInitiativeCache(org, keyResultId);
  return useMutation<void, ApiError, InitiativeView>({
    mutationFn: (initiative) =>
      apiRequest<void>(`${orgPath(org)}/initiatives/${encodeURIComponent(initiative.id)}`, {
        method: 'DELETE',
        ifMatch: initiative.version,
      }),
    onSuccess: (_, initiative) => cache.remove(initiative.id),
  });
}

/** Reads the initiatives again (after a 412, to show what someone else saved). */
export function useReloadInitiatives(org: string, keyResultId: string): () => void {
  const cache = useInitiativeCache(org, keyResultId);
  return () => void cache.reload();
}
