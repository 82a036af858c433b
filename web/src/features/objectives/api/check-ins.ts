/**
 * The check-in history of key results (GET /key-results/:id/check-ins, newest first). The key is
 * tied to the key result's last check-in, so a check-in made on the page reads the history again
 * while the previous one stays on screen.
 */
import type { CheckInListView, CheckInView, KeyResultView } from '@contracts/api/okrs.ts';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { objectiveKeys, orgPath } from './objective-query-keys.ts';
import { limited } from './request-limit.ts';

/** One page is a whole quarter of weekly, even daily, check-ins. */
const HISTORY_LIMIT = 200;

type KeyResultRef = Pick<KeyResultView, 'id' | 'lastCheckInAt'>;

function checkInsQuery(org: string, keyResult: KeyResultRef) {
  return {
    queryKey: objectiveKeys.checkIns(org, keyResult.id, keyResult.lastCheckInAt),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      limited(
        () =>
          apiRequest<CheckInListView>(
            `${orgPath(org)}/key-results/${encodeURIComponent(keyResult.id)}/check-ins?limit=${HISTORY_LIMIT}`,
            { signal },
          ),
        signal,
      ),
    placeholderData: keepPreviousData,
    // A key result without check-ins has no history to read.
    initialData: keyResult.lastCheckInAt === null ? { items: [], nextCursor: null } : undefined,
    staleTime: 60_000,
  };
}

export function useKeyResultCheckIns(org: string, keyResult: KeyResultRef, enabled: boolean) {
  return useQuery<CheckInListView, ApiError>({ ...checkInsQuery(org, keyResult), enabled });
}

export interface CheckInHistory {
  /** Key result id → its check-ins, newest first. */
  byKeyResult: Map<string, CheckInView[]>;
  isPending: boolean;
  error: ApiError | null;
  /** Some key result has more check-ins than one page holds. */
  truncated: boolean;
  refetch: () => void;
}

/** The check-ins of every key result of an objective (a few requests at a time). */
export function useCheckInHistory(org: string, keyResults: KeyResultRef[]): CheckInHistory {
  return useQueries({
    queries: keyResults.map((keyResult) => checkInsQuery(org, keyResult)),
    combine: (results) => {
      const byKeyResult = new Map<string, CheckInView[]>();
      results.forEach((result, index) => {
        const keyResult = keyResults[index];
        if (keyResult && result.data) byKeyResult.set(keyResult.id, result.data.items);
      });
      const failed = results.find((result) => result.isError);
      return {
        byKeyResult,
        isPending: results.some((result) => result.isPending),
        error: (failed?.error as ApiError | undefined) ?? null,
        truncated: results.some((result) => result.data?.nextCursor),
        refetch: () => {
          for (const result of results) if (result.isError) void result.refetch();
        },
      };
    },
  });
}
