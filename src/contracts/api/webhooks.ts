/**
 * Request and response schemas of webhooks (endpoints an organisation's admins register, and
 * the deliveries of events to them) and of key results' data sources.
 */
import { z } from 'zod';
import { isoDateTimeSchema } from '../model.ts';
import { pageSchema } from './page.ts';

// ---- webhooks --------------------------------------------------------------------------------

/** The events an endpoint may subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  'check_in.created',
  'status.changed',
  'objective.created',
  'objective.closed',
  'cycle.transitioned',
] as const;
export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;
/** Sent only by "send test event", to one endpoint. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export const deliveryStatusSchema = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

const outboundUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000);

export const webhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(webhookEventTypeSchema),
  active: z.boolean(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  version: z.number().int(),
  stats: z.object({
    pending: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
  }),
});
export type WebhookEndpointView = z.infer<typeof webhookEndpointSchema>;

export const createdWebhookEndpointSchema = webhookEndpointSchema.extend({
  secret: z
    .string()
    .describe('The signing key, shown this once: keep it where your receiver can read it.'),
});
export type CreatedWebhookEndpointView = z.infer<typeof createdWebhookEndpointSchema>;

export const webhookEndpointListSchema = z.object({ items: z.array(webhookEndpointSchema) });

export const createWebhookBodySchema = z.strictObject({
  url: outboundUrl,
  description: z.string().trim().max(200).default(''),
  events: z.array(webhookEventTypeSchema).min(1).max(WEBHOOK_EVENT_TYPES.length),
});
export type CreateWebhookBody = z.infer<typeof createWebhookBodySchema>;

export const updateWebhookBodySchema = z
  .strictObject({
    url: outboundUrl.optional(),
    description: z.string().trim().max(200).optional(),
    events: z.array(webhookEventTypeSchema).min(1).max(WEBHOOK_EVENT_TYPES.length).optional(),
    active: z.boolean().optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), {
    message: 'send at least one field to change',
  });
export type UpdateWebhookBody = z.infer<typeof updateWebhookBodySchema>;

export const webhookDeliverySchema = z.object({
  id: z.string().describe('Sent as X-OKR-Delivery.'),
  endpointId: z.string(),
  eventId: z.string(),
  eventType: z.string().describe('Sent as X-OKR-Event.'),
  status: deliveryStatusSchema,
  attempts: z.number().int(),
  nextAttemptAt: isoDateTimeSchema.nullable().describe('When it is tried next (pending only).'),
  lastAttemptAt: isoDateTimeSchema.nullable(),
  responseStatus: z.number().int().nullable(),
  responseBody: z.string().nullable().describe('The first 2,000 characters of the answer.'),
  durationMs: z.number().int().nullable(),
  error: z
    .string()
    .nullable()
    .describe('Why the last attempt failed (timeout, refused, HTTP 500…).'),
  payload: z.unknown().describe('The JSON body sent.'),
  createdAt: isoDateTimeSchema,
});
export type WebhookDeliveryView = z.infer<typeof webhookDeliverySchema>;
export const webhookDeliveryPageSchema = pageSchema(webhookDeliverySchema);

// ---- data sources ----------------------------------------------------------------------------

export const DATA_SOURCE_KINDS = ['pull', 'push'] as const;
const headerName = z
  .string()
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'must be an HTTP header name');

export const createDataSourceBodySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('pull'),
    url: outboundUrl,
    pointer: z
      .string()
      .max(500)
      .regex(/^(\/([^~]|~[01])*)*$/, 'must be a JSON Pointer such as /data/total'),
    headerName: headerName.optional(),
    headerSecret: z.string().min(1).max(2000).optional(),
    intervalMinutes: z.number().int().min(1).max(10_080).default(60),
  }),
  z.strictObject({ kind: z.literal('push') }),
]);
export type CreateDataSourceBody = z.infer<typeof createDataSourceBodySchema>;

export const dataSourceSchema = z.object({
  id: z.string(),
  keyResultId: z.string(),
  kind: z.enum(DATA_SOURCE_KINDS),
  url: z.string().nullable(),
  pointer: z.string().nullable(),
  headerName: z.string().nullable().describe('The header sent; its secret is never shown again.'),
  intervalMinutes: z.number().int().nullable(),
  pushUrl: z.string().nullable().describe('Where a push source posts `{ "value": 42 }`.'),
  state: z.enum(['waiting', 'ok', 'failing']),
  lastValue: z.number().nullable(),
  lastSuccessAt: isoDateTimeSchema.nullable(),
  lastAttemptAt: isoDateTimeSchema.nullable(),
  lastError: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  nextRunAt: isoDateTimeSchema.nullable().describe('The next fetch, or retry after a failure.'),
  createdAt: isoDateTimeSchema,
  version: z.number().int(),
});
export type DataSourceView = z.infer<typeof dataSourceSchema>;

export const keyResultDataSourceSchema = z.object({
  source: dataSourceSchema.nullable(),
  canManage: z.boolean().describe('Whether the caller may connect, fetch or disconnect it.'),
});
export type KeyResultDataSourceView = z.infer<typeof keyResultDataSourceSchema>;

export const createdDataSourceSchema = dataSourceSchema.extend({
  token: z.string().nullable().describe('For a push source: the bearer token, shown this once.'),
});
export type CreatedDataSourceView = z.infer<typeof createdDataSourceSchema>;

export const pushParamsSchema = z.strictObject({ sourceId: z.uuid() });
export const pushBodySchema = z.strictObject({
  value: z.number().refine(Number.isFinite, 'must be a finite number'),
  note: z.string().max(5000).optional(),
});
export const pushResultSchema = z.object({
  checkInId: z.string(),
  keyResultId: z.string(),
  value: z.number(),
});
