/**
 * What happened to an objective, newest first (GET /activity?objectiveId=). The key follows the
 * latest check-in on the page, so a check-in made here shows in the feed.
 */
import type { ActivityEntryView } from '@contracts/api/collaboration.ts';
import type { Page } from '@contracts/api/page.ts';
import { keepPreviousData, useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { objectiveKeys, orgPath } from './objective-query-keys.ts';

const PAGE_SIZE = 15;

export function useObjectiveActivity(
  org: string,
  objectiveId: string,
  latestChange: string | null,
) {
  return useInfiniteQuery<
    Page<ActivityEntryView>,
    ApiError,
    InfiniteData<Page<ActivityEntryView>>,
    ReturnType<typeof objectiveKeys.activity>,
    string | null
  >({
    queryKey: objectiveKeys.activity(org, objectiveId, latestChange),
    initialPageParam: null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<ActivityEntryView>>(
        `${orgPath(org)}/activity?objectiveId=${encodeURIComponent(objectiveId)}&limit=${PAGE_SIZE}${
          pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''
        }`,
        { signal },
      ),
  });
}
