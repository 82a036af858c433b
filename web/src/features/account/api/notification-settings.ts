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
  return useMutation<
    NotificationSettings,
    ApiError,
    UpdateNotificationSettingsBody,
    { before: NotificationSettings | undefined }
  >({
    mutationFn: (body) => apiRequest<NotificationSettings>(path(org), { method: 'PUT', body }),
    // The checkbox changes at once (and back when saving fails).
    onMutate: async (body) => {
      // A reload already on its way (a live update) must not land after the change and undo it.
      await queryClient.cancelQueries({ queryKey: key(org) });
      const before = queryClient.getQueryData<NotificationSettings>(key(org));
      if (before) {
        queryClient.setQueryData<NotificationSettings>(key(org), {
          settings: before.settings.map((setting) => {
            const change = body.settings.find((s) => s.kind === setting.kind);
            return change ? { ...setting, email: change.email } : setting;
          }),
        });
      }
      return { before };
    },
    onError: (_error, _body, context) => {
      if (context?.before) queryClient.setQueryData(key(org), context.before);
    },
    onSuccess: (settings) => queryClient.setQueryData(key(org), settings),
  });
}
