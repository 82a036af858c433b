/** The caller's notifications: unread count (polled), pages of notifications, read marks. */
import type { NotificationPage, NotificationView } from '@contracts/api/notifications.ts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';

const base = (org: string) => `/orgs/${encodeURIComponent(org)}/me/notifications`;
export const notificationKeys = {
  all: (org: string) => ['orgs', org, 'notifications'] as const,
  unread: (org: string) => ['orgs', org, 'notifications', 'unread-count'] as const,
  list: (org: string, unread: boolean, limit: number) =>
    ['orgs', org, 'notifications', 'list', unread, limit] as const,
};

/** The unread count, asked every 30 seconds and whenever the window gets focus again. */
export function useUnreadCount(org: string) {
  return useQuery<{ unreadCount: number }, ApiError>({
    queryKey: notificationKeys.unread(org),
    queryFn: ({ signal }) =>
      apiRequest<{ unreadCount: number }>(`${base(org)}/unread-count`, { signal }),
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
    enabled: org !== '',
  });
}

/** Notifications newest first, a page at a time. */
export function useNotifications(
  org: string,
  options: { unread: boolean; limit: number; enabled?: boolean },
) {
  return useInfiniteQuery<NotificationPage, ApiError>({
    queryKey: notificationKeys.list(org, options.unread, options.limit),
    queryFn: ({ signal, pageParam }) => {
      const query = new URLSearchParams({ limit: String(options.limit) });
      if (options.unread) query.set('unread', 'true');
      if (typeof pageParam === 'string') query.set('cursor', pageParam);
      return apiRequest<NotificationPage>(`${base(org)}?${query.toString()}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled ?? true,
  });
}

export function useMarkRead(org: string) {
  const queryClient = useQueryClient();
  return useMutation<NotificationView, ApiError, string>({
    mutationFn: (id) =>
      apiRequest<NotificationView>(`${base(org)}/${encodeURIComponent(id)}/read`, {
        method: 'POST',
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: notificationKeys.all(org) }),
  });
}

export function useMarkAllRead(org: string) {
  const queryClient = useQueryClient();
  return useMutation<{ marked: number }, ApiError, void>({
    mutationFn: () => apiRequest<{ marked: number }>(`${base(org)}/read-all`, { method: 'POST' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: notificationKeys.all(org) }),
  });
}
