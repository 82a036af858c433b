/**
 * Each key result's forecast (GET /key-results/:id/forecast). The key is tied to the key result's
 * last check-in, so a check-in made on the page reads the forecast again.
 */
import type { KeyResultForecastView } from '@contracts/api/forecasts.ts';
import type { KeyResultView } from '@contracts/api/okrs.ts';
import { useQueries } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { orgPath } from './objective-query-keys.ts';
import { limited } from './request-limit.ts';

type KeyResultRef = Pick<KeyResultView, 'id' | 'lastCheckInAt' | 'confidence'>;

export function useForecasts(org: string, keyResults: KeyResultRef[]) {
  return useQueries({
    queries: keyResults.map((keyResult) => ({
      queryKey: [
        'orgs',
        org,
        'key-result-forecast',
        keyResult.id,
        keyResult.lastCheckInAt,
        keyResult.confidence,
      ],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        limited(
          () =>
            apiRequest<KeyResultForecastView>(
              `${orgPath(org)}/key-results/${encodeURIComponent(keyResult.id)}/forecast`,
              { signal },
            ),
          signal,
        ),
      staleTime: 60_000,
    })),
    combine: (results) => ({
      byKeyResult: new Map(
        results.flatMap((result, index) => {
          const keyResult = keyResults[index];
          return keyResult && result.data ? [[keyResult.id, result.data] as const] : [];
        }),
      ),
      isPending: results.some((result) => result.isPending),
      error: (results.find((result) => result.isError)?.error as ApiError | undefined) ?? null,
      refetch: () => {
        for (const result of results) if (result.isError) void result.refetch();
      },
    }),
  });
}
