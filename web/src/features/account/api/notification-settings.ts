/** Which kinds of notification also come by e-mail, in the current organisation. */
import type {
  NotificationSettings,
  UpdateNotificationSettingsBody,
} from '@contracts/api/notifications.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';

const path = (org: string) => `/orgs/${encodeURIComponent(org)}/me/notification-settings`;
const key = (org: string) => ['orgs', org, 'notification-settings'] as const;

export function useNotificationSettings(org: string) {
  return useQuery<NotificationSettings, ApiError>({
    queryKey: key(org),
    queryFn: ({ signal }) => apiRequest<NotificationSettings>(path(org), { signal }),
  });
}

export function useUpdateNotificationSettings(org: string) {
  const queryClient = useQueryClient();
  return useMutation<NotificationSettings, ApiError, UpdateNotificationSettingsBody>({
    mutationFn: (body) => apiRequest<NotificationSettings>(path(org), { method: 'PUT', body }),
    onSuccess: (settings) => queryClient.setQueryData(key(org), settings),
  });
}
