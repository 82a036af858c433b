/**
 * A person: who they are (GET /members/:userId), the objectives and key results they own in a
 * cycle, and their latest check-ins. The API has no "key results of a person" list, so their
 * key results are gathered from the details of the objectives they own and of their teams'
 * objectives (the details are the same cached reads the objective page uses, so a check-in
 * made here updates everywhere).
 */
import type { CheckInListView, CheckInView, KeyResultView, ObjectiveDetailView } from '@contracts/api/okrs.ts';
import type { MemberView } from '@contracts/api/people.ts';
import { useQueries, useQuery } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

const orgPath = (org: string) => `/orgs/${encodeURIComponent(org)}`;

export function useMember(org: string, userId: string) {
  return useQuery<MemberView, ApiError>({
    queryKey: [...queryKeys.org(org), 'members', userId],
    queryFn: ({ signal }) =>
      apiRequest<MemberView>(`${orgPath(org)}/members/${encodeURIComponent(userId)}`, { signal }),
  });
}

/** Details of several objectives, each cached under the objective page's own key. */
export function useObjectiveDetails(org: string, ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: queryKeys.objective(org, id),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiRequest<ObjectiveDetailView>(`${orgPath(org)}/objectives/${encodeURIComponent(id)}`, {
          signal,
        }),
    })),
    combine: (results) => ({
      details: results.flatMap((result) => (result.data ? [result.data] : [])),
      isPending: results.some((result) => result.isPending),
      error: results.find((result) => result.error)?.error ?? null,
      /** Reads again the ones that failed. */
      retry: () => {
        for (const result of results) if (result.isError) void result.refetch();
      },
    }),
  });
}

export interface OwnedKeyResult {
  keyResult: KeyResultView;
  objective: { id: string; title: string };
}

/** The key results `userId` owns among these objectives, latest check-in first. */
export function keyResultsOwnedBy(
  details: ObjectiveDetailView[],
  userId: string,
): OwnedKeyResult[] {
  const seen = new Set<string>();
  const owned: OwnedKeyResult[] = [];
  for (const detail of details) {
    for (const keyResult of detail.keyResults) {
      if (keyResult.owner?.id !== userId || seen.has(keyResult.id)) continue;
      seen.add(keyResult.id);
      owned.push({ keyResult, objective: { id: detail.id, title: detail.title } });
    }
  }
  return owned;
}

export interface PersonCheckIn {
  checkIn: CheckInView;
  keyResult: { id: string; title: string; kind: KeyResultView['kind']; unit: string | null; currency: string | null };
  objective: { id: string; title: string };
}

/** How many key results are asked for their check-ins: the most recently checked-in ones. */
const CHECK_IN_SOURCES = 6;

/** The person's latest check-ins on their key results (newest first, at most `limit`). */
export function useRecentCheckIns(org: string, userId: string, owned: OwnedKeyResult[], limit = 8) {
  const sources = owned
    .filter((entry) => entry.keyResult.lastCheckInAt !== null)
    .sort((a, b) => (b.keyResult.lastCheckInAt ?? '').localeCompare(a.keyResult.lastCheckInAt ?? ''))
    .slice(0, CHECK_IN_SOURCES);
  return useQueries({
    queries: sources.map(({ keyResult }) => ({
      // Keyed by the last check-in, so a new check-in fetches the list again.
      queryKey: [...queryKeys.org(org), 'check-ins', keyResult.id, keyResult.lastCheckInAt],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiRequest<CheckInListView>(
          `${orgPath(org)}/key-results/${encodeURIComponent(keyResult.id)}/check-ins?limit=${limit}`,
          { signal },
        ),
    })),
    combine: (results) => {
      const checkIns: PersonCheckIn[] = [];
      results.forEach((result, index) => {
        const source = sources[index];
        if (!result.data || !source) return;
        for (const checkIn of result.data.items) {
          if (checkIn.author?.id !== userId) continue;
          checkIns.push({ checkIn, keyResult: source.keyResult, objective: source.objective });
        }
      });
      checkIns.sort((a, b) => b.checkIn.createdAt.localeCompare(a.checkIn.createdAt));
      return {
        checkIns: checkIns.slice(0, limit),
        isPending: results.some((result) => result.isPending),
        error: results.find((result) => result.error)?.error ?? null,
        /** Reads again the ones that failed. */
        retry: () => {
          for (const result of results) if (result.isError) void result.refetch();
        },
      };
    },
  });
}
