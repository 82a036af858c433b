/** The organisation's webhook endpoints and their deliveries (admins). */
import type { Page } from '@contracts/api/page.ts';
import type {
  CreatedWebhookEndpointView,
  CreateWebhookBody,
  WebhookDeliveryView,
  WebhookEndpointView,
} from '@contracts/api/webhooks.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api.ts';

const keys = {
  all: (org: string) => ['webhooks', org] as const,
  deliveries: (org: string, id: string) => ['webhooks', org, id, 'deliveries'] as const,
};
const base = (org: string) => `/orgs/${encodeURIComponent(org)}`;

export function useWebhooks(org: string) {
  return useQuery<{ items: WebhookEndpointView[] }, ApiError>({
    queryKey: keys.all(org),
    queryFn: ({ signal }) => apiRequest(`${base(org)}/webhooks`, { signal }),
  });
}

export function useDeliveries(org: string, endpointId: string | null) {
  return useQuery<Page<WebhookDeliveryView>, ApiError>({
    queryKey: keys.deliveries(org, endpointId ?? ''),
    enabled: endpointId !== null,
    queryFn: ({ signal }) =>
      apiRequest(`${base(org)}/webhooks/${endpointId ?? ''}/deliveries?limit=50`, { signal }),
    // Deliveries change while the worker sends them.
    refetchInterval: 5000,
  });
}

export function useCreateWebhook(org: string) {
  const client = useQueryClient();
  return useMutation<CreatedWebhookEndpointView, ApiError, CreateWebhookBody>({
    mutationFn: (body) => apiRequest(`${base(org)}/webhooks`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all(org) }),
  });
}

export function useToggleWebhook(org: string) {
  const client = useQueryClient();
  return useMutation<WebhookEndpointView, ApiError, WebhookEndpointView>({
    mutationFn: (endpoint) =>
      apiRequest(`${base(org)}/webhooks/${endpoint.id}`, {
        method: 'PATCH',
        body: { active: !endpoint.active },
        ifMatch: endpoint.version,
      }),
    onSettled: () => client.invalidateQueries({ queryKey: keys.all(org) }),
  });
}

export function useDeleteWebhook(org: string) {
  const client = useQueryClient();
  return useMutation<void, ApiError, WebhookEndpointView>({
    mutationFn: (endpoint) =>
      apiRequest(`${base(org)}/webhooks/${endpoint.id}`, {
        method: 'DELETE',
        ifMatch: endpoint.version,
      }),
    onSettled: () => client.invalidateQueries({ queryKey: keys.all(org) }),
  });
}

export function useSendTest(org: string) {
  const client = useQueryClient();
  return useMutation<WebhookDeliveryView, ApiError, string>({
    mutationFn: (id) => apiRequest(`${base(org)}/webhooks/${id}/test`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all(org) }),
  });
}

export function useRedeliver(org: string) {
  const client = useQueryClient();
  return useMutation<WebhookDeliveryView, ApiError, string>({
    mutationFn: (id) =>
      apiRequest(`${base(org)}/webhook-deliveries/${id}/redeliver`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all(org) }),
  });
}
