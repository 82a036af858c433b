/**
 * Comments on an objective, oldest first, a page at a time; posting, and editing or deleting
 * one's own (If-Match).
 */
import type { CommentView } from '@contracts/api/collaboration.ts';
import type { Page } from '@contracts/api/page.ts';
import {
  useInfiniteQuery,
  useMutation,
  useQueryClient,
  type InfiniteData,
} from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';
import { objectiveKeys, orgPath } from './objective-query-keys.ts';

const PAGE_SIZE = 50;

export function useComments(org: string, objectiveId: string) {
  return useInfiniteQuery<
    Page<CommentView>,
    ApiError,
    InfiniteData<Page<CommentView>>,
    ReturnType<typeof objectiveKeys.comments>,
    string | null
  >({
    queryKey: objectiveKeys.comments(org, objectiveId),
    initialPageParam: null,
    getNextPageParam: (page) => page.nextCursor,
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<CommentView>>(
        `${orgPath(org)}/objectives/${encodeURIComponent(objectiveId)}/comments?limit=${PAGE_SIZE}${
          pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''
        }`,
        { signal },
      ),
  });
}

type CommentPages = InfiniteData<Page<CommentView>, string | null>;

function useCommentCache(org: string, objectiveId: string) {
  const queryClient = useQueryClient();
  const activityChanged = () =>
    void queryClient.invalidateQueries({ queryKey: objectiveKeys.allActivity(org) });
  const key = objectiveKeys.comments(org, objectiveId);
  const update = (change: (items: CommentView[], isLast: boolean) => CommentView[]) => {
    activityChanged();
    queryClient.setQueryData<CommentPages>(
      key,
      (data) =>
        data && {
          ...data,
          pages: data.pages.map((page, index) => ({
            ...page,
            items: change(page.items, index === data.pages.length - 1),
          })),
        },
    );
  };
  return {
    /** A new comment goes after the last one, when the last page is loaded; else read again. */
    append: (comment: CommentView) => {
      const data = queryClient.getQueryData<CommentPages>(key);
      const last = data?.pages[data.pages.length - 1];
      if (!data || last?.nextCursor) {
        activityChanged();
        void queryClient.invalidateQueries({ queryKey: key });
        return;
      }
      update((items, isLast) => (isLast ? [...items, comment] : items));
    },
    replace: (comment: CommentView) =>
      update((items) => items.map((item) => (item.id === comment.id ? comment : item))),
    remove: (id: string) => update((items) => items.filter((item) => item.id !== id)),
    reload: () => queryClient.invalidateQueries({ queryKey: key }),
  };
}

export function usePostComment(org: string, objectiveId: string) {
  const cache = useCommentCache(org, objectiveId);
  return useMutation<CommentView, ApiError, string>({
    mutationFn: (body) =>
      apiRequest<CommentView>(
        `${orgPath(org)}/objectives/${encodeURIComponent(objectiveId)}/comments`,
        { method: 'POST', body: { body } },
      ),
    onSuccess: cache.append,
  });
}

export function useEditComment(org: string, objectiveId: string) {
  const cache = useCommentCache(org, objectiveId);
  return useMutation<CommentView, ApiError, { comment: CommentView; body: string }>({
    mutationFn: ({ comment, body }) =>
      apiRequest<CommentView>(`${orgPath(org)}/comments/${encodeURIComponent(comment.id)}`, {
        method: 'PATCH',
        body: { body },
        ifMatch: comment.version,
      }),
    onSuccess: cache.replace,
  });
}

export function useDeleteComment(org: string, objectiveId: string) {
  const cache = useCommentCache(org, objectiveId);
  return useMutation<void, ApiError, CommentView>({
    mutationFn: (comment) =>
      apiRequest<void>(`${orgPath(org)}/comments/${encodeURIComponent(comment.id)}`, {
        method: 'DELETE',
        ifMatch: comment.version,
      }),
    onSuccess: (_, comment) => cache.remove(comment.id),
  });
}

export function useReloadComments(org: string, objectiveId: string): () => void {
  const cache = useCommentCache(org, objectiveId);
  return () => void cache.reload();
}
