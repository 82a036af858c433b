/**
 * Webhook endpoints of an organisation, registered by its admins (`webhook.manage`): an admin
 * decides which outside URLs receive the organisation's public OKR events. The signing secret
 * is generated here and shown once, in the answer to the creation.
 */
import { v7 as uuidv7 } from 'uuid';
import type {
  CreatedWebhookEndpointView,
  CreateWebhookBody,
  UpdateWebhookBody,
  WebhookDeliveryView,
  WebhookEndpointView,
} from '../../contracts/api/webhooks.ts';
import { pageOf, type Page, type PageRequest } from '../../contracts/api/page.ts';
import { AppError } from '../../contracts/app-error.ts';
import { authorize, type Actor } from '../../policy/policy.ts';
import { endpointSnapshot, presentDelivery, presentEndpoint } from '../../presenters/webhooks.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  deleteEndpoint as deleteRow,
  deliveryCounts,
  findDelivery,
  findEndpoint,
  insertDeliveries,
  insertEndpoint,
  listDeliveries as listDeliveryRows,
  listEndpoints as listEndpointRows,
  requeueDelivery,
  storedEvents,
  updateEndpoint as updateRow,
  type WebhookEndpointRow,
} from '../../repositories/webhooks.ts';
import { newSecret } from '../secrets.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { notFound, staleVersion } from '../service-errors.ts';
import { deliveryRows } from './emit.ts';

const manage = (actor: Actor) => authorize(actor, 'webhook.manage', { type: 'organisation' });

async function endpointOf(db: Db, actor: Actor, id: string): Promise<WebhookEndpointRow> {
  manage(actor);
  const row = await findEndpoint(db, actor.orgId, id);
  if (!row) throw notFound('webhook');
  return row;
}

export async function listEndpoints(
  ctx: ServiceContext,
): Promise<{ items: WebhookEndpointView[] }> {
  manage(ctx.actor);
  const db = ctx.connection.db;
  const [rows, counts] = await Promise.all([
    listEndpointRows(db, ctx.actor.orgId),
    deliveryCounts(db, ctx.actor.orgId),
  ]);
  return { items: rows.map((row) => presentEndpoint(row, counts.get(row.id))) };
}

export async function getEndpoint(ctx: ServiceContext, id: string): Promise<WebhookEndpointView> {
  const db = ctx.connection.db;
  const row = await endpointOf(db, ctx.actor, id);
  return presentEndpoint(row, (await deliveryCounts(db, ctx.actor.orgId)).get(id));
}

export async function createEndpoint(
  ctx: ServiceContext,
  body: CreateWebhookBody,
): Promise<CreatedWebhookEndpointView> {
  const { actor } = ctx;
  manage(actor);
  return inTransaction(ctx, async (trx) => {
    const id = uuidv7();
    const at = ctx.now.toISOString();
    const secret = `whsec_${newSecret(24)}`;
    await insertEndpoint(trx, {
      id,
      org_id: actor.orgId,
      url: body.url,
      description: body.description,
      events: storedEvents(body.events),
      secret,
      active: 1,
      created_by: actor.userId,
      created_at: at,
      updated_at: at,
    });
    const row = await findEndpoint(trx, actor.orgId, id);
    if (!row) throw notFound('webhook');
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'webhook.created',
      objectType: 'webhook_endpoint',
      objectId: id,
      after: endpointSnapshot(row),
      at: ctx.now,
    });
    return { ...presentEndpoint(row), secret };
  });
}

export async function updateEndpoint(
  ctx: ServiceContext,
  id: string,
  expected: number,
  body: UpdateWebhookBody,
): Promise<WebhookEndpointView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const before = await endpointOf(trx, actor, id);
    const changed =
      before.version === expected &&
      (await updateRow(
        trx,
        actor.orgId,
        id,
        expected,
        {
          ...(body.url !== undefined ? { url: body.url } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.events !== undefined ? { events: storedEvents(body.events) } : {}),
          ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
        },
        ctx.now.toISOString(),
      ));
    const after = await findEndpoint(trx, actor.orgId, id);
    if (!after) throw notFound('webhook');
    if (!changed) throw staleVersion(presentEndpoint(after));
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'webhook.updated',
      objectType: 'webhook_endpoint',
      objectId: id,
      before: endpointSnapshot(before),
      after: endpointSnapshot(after),
      at: ctx.now,
    });
    return presentEndpoint(after);
  });
}

/** Deletes the endpoint with its deliveries. */
export async function deleteEndpoint(
  ctx: ServiceContext,
  id: string,
  expected: number,
): Promise<void> {
  const { actor } = ctx;
  await inTransaction(ctx, async (trx) => {
    const before = await endpointOf(trx, actor, id);
    if (before.version !== expected || !(await deleteRow(trx, actor.orgId, id, expected))) {
      throw staleVersion(presentEndpoint(before));
    }
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'webhook.deleted',
      objectType: 'webhook_endpoint',
      objectId: id,
      before: endpointSnapshot(before),
      at: ctx.now,
    });
  });
}

/** The endpoint's deliveries, newest first. */
export async function listDeliveries(
  ctx: ServiceContext,
  endpointId: string,
  page: PageRequest,
): Promise<Page<WebhookDeliveryView>> {
  const db = ctx.connection.db;
  await endpointOf(db, ctx.actor, endpointId);
  const rows = await listDeliveryRows(db, ctx.actor.orgId, endpointId, page);
  return pageOf(rows, page.limit, (row) => row.id, presentDelivery);
}

/** Queues a `webhook.test` event for this active endpoint alone. */
export async function sendTestEvent(
  ctx: ServiceContext,
  endpointId: string,
): Promise<WebhookDeliveryView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const endpoint = await endpointOf(trx, actor, endpointId);
    if (endpoint.active !== 1) {
      throw new AppError('conflict', 'The endpoint is inactive: activate it to send a test event.');
    }
    const [row] = deliveryRows(
      {
        orgId: actor.orgId,
        type: 'webhook.test',
        at: ctx.now,
        data: { message: 'A test event from OKR Wizard.', endpointId, sentBy: actor.userId },
      },
      [endpointId],
    );
    if (!row) throw notFound('webhook');
    await insertDeliveries(trx, [row]);
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'webhook.test_sent',
      objectType: 'webhook_endpoint',
      objectId: endpointId,
      after: { deliveryId: row.id },
      at: ctx.now,
    });
    return presentDelivery(row);
  });
}

/** Sends a finished (failed or succeeded) delivery again, with a fresh count of attempts. */
export async function redeliver(
  ctx: ServiceContext,
  deliveryId: string,
): Promise<WebhookDeliveryView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    manage(actor);
    const before = await findDelivery(trx, actor.orgId, deliveryId);
    if (!before) throw notFound('delivery');
    const endpoint = await endpointOf(trx, actor, before.endpoint_id);
    if (endpoint.active !== 1) {
      throw new AppError('conflict', 'The endpoint is inactive: activate it to redeliver.');
    }
    if (!(await requeueDelivery(trx, actor.orgId, deliveryId, ctx.now.toISOString()))) {
      throw new AppError('conflict', 'This delivery is still being sent.');
    }
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'webhook.redelivered',
      objectType: 'webhook_delivery',
      objectId: deliveryId,
      before: { status: before.status, attempts: before.attempts },
      at: ctx.now,
    });
    const after = await findDelivery(trx, actor.orgId, deliveryId);
    if (!after) throw notFound('delivery');
    return presentDelivery(after);
  });
}
