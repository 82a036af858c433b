/**
 * Writing webhook events to the outbox, inside the transaction of the change that causes them:
 * the event exists if and only if the change committed, and a server that dies before sending
 * sends it after it restarts (./deliver.ts).
 *
 * Private objectives: nothing about them (their check-ins, status, creation, closing) is ever
 * written to the outbox. An endpoint receives the organisation's public OKRs only, whoever
 * registered it; a receiver cannot be trusted with the objective's explicit readers' list.
 */
import { v7 as uuidv7 } from 'uuid';
import type { WebhookEventType } from '../../contracts/api/webhooks.ts';
import {
  insertDeliveries,
  subscribedEndpointIds,
  type WebhookDeliveryRow,
} from '../../repositories/webhooks.ts';
import type { Connection } from '../../db/connection.ts';
import type { Db } from '../context.ts';

export interface WebhookEvent {
  orgId: string;
  type: WebhookEventType | 'webhook.test';
  data: Record<string, unknown>;
  at: Date;
}

/** What events say about an objective. */
export function objectiveEventData(row: {
  id: string;
  title: string;
  level: string;
  status: string;
  cycle_id: string;
  team_id: string | null;
  owner_id: string | null;
  progress: number;
}): Record<string, unknown> {
  return {
    id: row.id,
    title: row.title,
    level: row.level,
    status: row.status,
    cycleId: row.cycle_id,
    teamId: row.team_id,
    ownerId: row.owner_id,
    progress: row.progress,
  };
}

/** The JSON body every endpoint receives for the event. */
export function eventBody(eventId: string, event: WebhookEvent): string {
  return JSON.stringify({
    id: eventId,
    type: event.type,
    createdAt: event.at.toISOString(),
    data: event.data,
  });
}

/** One pending delivery of the event for each endpoint. */
export function deliveryRows(
  event: WebhookEvent,
  endpointIds: readonly string[],
  eventId = uuidv7(),
): WebhookDeliveryRow[] {
  const at = event.at.toISOString();
  const payload = eventBody(eventId, event);
  return endpointIds.map((endpointId) => ({
    id: uuidv7(),
    org_id: event.orgId,
    endpoint_id: endpointId,
    event_id: eventId,
    event_type: event.type,
    payload,
    status: 'pending',
    attempts: 0,
    next_attempt_at: at,
    last_attempt_at: null,
    response_status: null,
    response_body: null,
    duration_ms: null,
    error: null,
    created_at: at,
  }));
}

/**
 * Writes the event for every active endpoint subscribed to it (one SELECT when none is).
 * `about` is the objective the event concerns: a private one's events are never written.
 */
export async function emitWebhookEvent(
  trx: Db,
  event: WebhookEvent & { type: WebhookEventType },
  about?: { visibility: string },
  cached?: Connection,
): Promise<void> {
  if (about && about.visibility !== 'public') return;
  const endpoints = await subscribedEndpointIds(trx, event.orgId, event.type, cached);
  if (endpoints.length === 0) return;
  await insertDeliveries(trx, deliveryRows(event, endpoints));
}

/** The same event written for several subjects at once (one SELECT for all of them). */
export async function emitWebhookEvents(
  trx: Db,
  orgId: string,
  type: WebhookEventType,
  at: Date,
  data: () => Promise<Record<string, unknown>[]>,
): Promise<void> {
  const endpoints = await subscribedEndpointIds(trx, orgId, type);
  if (endpoints.length === 0) return;
  const rows = (await data()).flatMap((d) => deliveryRows({ orgId, type, data: d, at }, endpoints));
  await insertDeliveries(trx, rows);
}
