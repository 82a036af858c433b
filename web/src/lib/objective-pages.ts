/**
 * Objectives a page at a time (GET /orgs/:org/objectives with `cursor`), filtered by the API:
 * for lists that can run into thousands (every objective of a cycle, a large team's). A new
 * filter keeps the rows on screen until its first page arrives, so the list does not blink.
 */
import type { ObjectiveListView, ObjectiveSummaryView } from '@contracts/api/okrs.ts';
import { keepPreviousData, useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { apiRequest, type ApiError } from './api.ts';
import { queryKeys } from './query-keys.ts';

export const OBJECTIVE_PAGE_SIZE = 50;

export function useObjectivePages(
  org: string,
  filters: Record<string, string>,
  { enabled = true, pageSize = OBJECTIVE_PAGE_SIZE }: { enabled?: boolean; pageSize?: number } = {},
) {
  const query = { ...filters, limit: String(pageSize) };
  const pages = useInfiniteQuery<
    ObjectiveListView,
    ApiError,
    InfiniteData<ObjectiveListView, string | null>,
    ReturnType<typeof queryKeys.objectivePages>,
    string | null
  >({
    queryKey: queryKeys.objectivePages(org, query),
    initialPageParam: null,
    getNextPageParam: (page) => page.nextCursor,
    queryFn: ({ pageParam, signal }) =>
      apiRequest<ObjectiveListView>(
        `/orgs/${encodeURIComponent(org)}/objectives?${new URLSearchParams(
          pageParam ? { ...query, cursor: pageParam } : query,
        ).toString()}`,
        { signal },
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
  const objectives: ObjectiveSummaryView[] = pages.data?.pages.flatMap((page) => page.items) ?? [];
  return { ...pages, objectives };
}
