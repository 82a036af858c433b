/** Webhook endpoints, their deliveries and data sources as the API shows them. */
import type {
  DataSourceView,
  DeliveryStatus,
  WebhookDeliveryView,
  WebhookEndpointView,
  WebhookEventType,
} from '../contracts/api/webhooks.ts';
import type { DataSourceRow } from '../repositories/data-sources.ts';
import {
  eventsOf,
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
} from '../repositories/webhooks.ts';

export function presentEndpoint(
  row: WebhookEndpointRow,
  counts: Record<string, number> = {},
): WebhookEndpointView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: eventsOf(row.events) as WebhookEventType[],
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    stats: {
      pending: counts.pending ?? 0,
      succeeded: counts.succeeded ?? 0,
      failed: counts.failed ?? 0,
    },
  };
}

/** What the audit log keeps of an endpoint (never its secret). */
export function endpointSnapshot(row: WebhookEndpointRow): Record<string, unknown> {
  return {
    url: row.url,
    description: row.description,
    events: eventsOf(row.events),
    active: row.active === 1,
  };
}

function parsed(payload: string): unknown {
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    return payload;
  }
}

export function presentDelivery(row: WebhookDeliveryRow): WebhookDeliveryView {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    lastAttemptAt: row.last_attempt_at,
    responseStatus: row.response_status,
    responseBody: row.response_body,
    durationMs: row.duration_ms,
    error: row.error,
    payload: parsed(row.payload),
    createdAt: row.created_at,
  };
}

export function presentDataSource(row: DataSourceRow): DataSourceView {
  return {
    id: row.id,
    keyResultId: row.key_result_id,
    kind: row.kind === 'push' ? 'push' : 'pull',
    url: row.url,
    pointer: row.pointer,
    headerName: row.header_name,
    intervalMinutes: row.interval_minutes,
    pushUrl: row.kind === 'push' ? `/api/v1/integrations/push/${row.id}` : null,
    state: row.consecutive_failures > 0 ? 'failing' : row.last_success_at ? 'ok' : 'waiting',
    lastValue: row.last_value,
    lastSuccessAt: row.last_success_at,
    lastAttemptAt: row.last_attempt_at,
    lastError: row.last_error,
    consecutiveFailures: row.consecutive_failures,
    nextRunAt: row.kind === 'pull' ? row.next_run_at : null,
    createdAt: row.created_at,
    version: row.version,
  };
}

/** What the audit log keeps of a data source (never its header secret or token). */
export function dataSourceSnapshot(row: DataSourceRow): Record<string, unknown> {
  return {
    keyResultId: row.key_result_id,
    kind: row.kind,
    url: row.url,
    pointer: row.pointer,
    headerName: row.header_name,
    intervalMinutes: row.interval_minutes,
  };
}
