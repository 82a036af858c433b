/** Webhook endpoints and their deliveries (the outbox). */
import type { Selectable } from 'kysely';
import type { WebhookDeliveryTable, WebhookEndpointTable } from '../db/schema.ts';
import type { Connection } from '../db/connection.ts';
import { readThrough } from '../db/read-cache.ts';
import type { Db } from '../services/context.ts';

export type WebhookEndpointRow = Selectable<WebhookEndpointTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;

/** `['a', 'b']` as stored: `,a,b,` (so `LIKE '%,a,%'` finds the endpoints of an event). */
export function storedEvents(events: readonly string[]): string {
  return `,${[...new Set(events)].join(',')},`;
}
export function eventsOf(stored: string): string[] {
  return stored.split(',').filter((e) => e !== '');
}

export async function listEndpoints(db: Db, orgId: string): Promise<WebhookEndpointRow[]> {
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('id')
    .execute();
}

export async function findEndpoint(
  db: Db,
  orgId: string,
  id: string,
): Promise<WebhookEndpointRow | undefined> {
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The active endpoints of the organisation subscribed to this event type. */
export async function subscribedEndpointIds(
  db: Db,
  orgId: string,
  eventType: string,
  cached?: Connection,
): Promise<string[]> {
  // Given the connection `db` belongs to, through the read cache while no endpoint was written:
  // almost every organisation has none, and every check-in asks.
  if (cached) {
    return readThrough(
      cached,
      `webhook-subscriptions ${orgId} ${eventType}`,
      () => subscribedEndpointIds(db, orgId, eventType),
      (ids) => 100 + 40 * ids.length,
      ['webhook_endpoints'],
    );
  }
  const rows = await db
    .selectFrom('webhook_endpoints')
    .select('id')
    .where('org_id', '=', orgId)
    .where('active', '=', 1)
    .where('events', 'like', `%,${eventType},%`)
    .execute();
  return rows.map((r) => r.id);
}

export async function insertEndpoint(
  db: Db,
  row: Omit<WebhookEndpointRow, 'version'>,
): Promise<void> {
  await db.insertInto('webhook_endpoints').values(row).execute();
}

export async function updateEndpoint(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
  change: Partial<Pick<WebhookEndpointRow, 'url' | 'description' | 'events' | 'active'>>,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('webhook_endpoints')
    .set((eb) => ({ ...change, updated_at: at, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteEndpoint(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
): Promise<boolean> {
  const result = await db
    .deleteFrom('webhook_endpoints')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Deliveries by status for each endpoint of the organisation. */
export async function deliveryCounts(
  db: Db,
  orgId: string,
): Promise<Map<string, Record<string, number>>> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select(['endpoint_id', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('org_id', '=', orgId)
    .groupBy(['endpoint_id', 'status'])
    .execute();
  const counts = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const of = counts.get(row.endpoint_id) ?? {};
    of[row.status] = Number(row.n);
    counts.set(row.endpoint_id, of);
  }
  return counts;
}

export async function insertDeliveries(db: Db, rows: WebhookDeliveryRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('webhook_deliveries').values(rows).execute();
}

export async function listDeliveries(
  db: Db,
  orgId: string,
  endpointId: string,
  page: { after?: string | undefined; limit: number },
): Promise<WebhookDeliveryRow[]> {
  let query = db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('endpoint_id', '=', endpointId);
  if (page.after) query = query.where('id', '<', page.after);
  return query
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export async function findDelivery(
  db: Db,
  orgId: string | null,
  id: string,
): Promise<WebhookDeliveryRow | undefined> {
  let query = db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id);
  if (orgId !== null) query = query.where('org_id', '=', orgId);
  return query.executeTakeFirst();
}

/** Ids of deliveries due at `at`, oldest due first. */
export async function dueDeliveryIds(db: Db, at: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', at)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Claims a due delivery for one attempt: counts the attempt and moves `next_attempt_at` to the
 * end of a lease, in one UPDATE that only one worker (of any instance) can win. A worker that
 * dies mid-attempt leaves the row pending; it is due again when the lease ends.
 */
export async function claimDelivery(
  db: Db,
  id: string,
  at: string,
  leaseUntil: string,
): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: leaseUntil }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function recordAttempt(
  db: Db,
  id: string,
  outcome: Pick<
    WebhookDeliveryRow,
    | 'status'
    | 'next_attempt_at'
    | 'last_attempt_at'
    | 'response_status'
    | 'response_body'
    | 'duration_ms'
    | 'error'
  >,
): Promise<void> {
  await db.updateTable('webhook_deliveries').set(outcome).where('id', '=', id).execute();
}

/** Makes a finished delivery due again now, with a fresh count of attempts. */
export async function requeueDelivery(
  db: Db,
  orgId: string,
  id: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: at, error: null })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('status', '!=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
