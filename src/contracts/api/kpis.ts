/**
 * KPIs: the organisation's health metrics, tracked continuously rather than per cycle. Each has a
 * unit, an owner, a direction (higher or lower is better) and green and amber thresholds; its
 * status (green, amber, red) comes from its latest value. Key results may link to the KPI they
 * move (PATCH the key result's `kpiId`).
 */
import { z } from 'zod';
import { finiteNumberSchema, isoDateTimeSchema } from '../model.ts';

export const KPI_DIRECTIONS = ['higher', 'lower'] as const;
export const kpiDirectionSchema = z
  .enum(KPI_DIRECTIONS)
  .describe('Whether a higher or a lower value is better.');
export type KpiDirection = z.infer<typeof kpiDirectionSchema>;

export const KPI_STATUSES = ['green', 'amber', 'red'] as const;
export const kpiStatusSchema = z
  .enum(KPI_STATUSES)
  .nullable()
  .describe('From the latest value and the thresholds; null before the first value.');
export type KpiStatus = (typeof KPI_STATUSES)[number];

const orgSlug = z.string().min(1).max(100);
export const kpiParamsSchema = z.strictObject({ org: orgSlug, id: z.uuid() });

const named = z.object({ id: z.string(), name: z.string() });

export const kpiValueSchema = z.object({
  id: z.string(),
  value: z.number(),
  at: isoDateTimeSchema.describe('When the value was measured.'),
  note: z.string().nullable(),
  recordedBy: named.nullable(),
  createdAt: isoDateTimeSchema,
});
export type KpiValueView = z.infer<typeof kpiValueSchema>;

export const kpiSchema = z.object({
  id: z.string(),
  name: z.string(),
  unit: z.string().nullable(),
  description: z.string().nullable(),
  owner: named.nullable(),
  direction: kpiDirectionSchema,
  greenThreshold: z.number(),
  amberThreshold: z.number(),
  archived: z.boolean(),
  latest: z.object({ value: z.number(), at: isoDateTimeSchema }).nullable(),
  status: kpiStatusSchema,
  recentValues: z
    .array(z.object({ value: z.number(), at: isoDateTimeSchema }))
    .describe('The latest values, oldest first (at most 24): enough for a sparkline.'),
  linkedKeyResultCount: z
    .number()
    .int()
    .describe('Key results linked to the KPI on objectives the caller can read.'),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  version: z.number().int(),
  abilities: z.object({
    canEdit: z.boolean().describe('May edit, archive or delete it.'),
    canRecord: z.boolean().describe('May record a value.'),
  }),
});
export type KpiView = z.infer<typeof kpiSchema>;

export const kpiListSchema = z.object({
  items: z.array(kpiSchema),
  canCreate: z.boolean().describe('May create KPIs.'),
});
export type KpiListView = z.infer<typeof kpiListSchema>;

export const kpiListQuerySchema = z.strictObject({
  archived: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: the archived KPIs instead of the current ones.'),
});

export const linkedKeyResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  progress: z.number(),
  objective: z.object({ id: z.string(), title: z.string() }),
  cycle: z.object({ id: z.string(), name: z.string() }),
});

export const kpiDetailSchema = kpiSchema.extend({
  keyResults: z
    .array(linkedKeyResultSchema)
    .describe('Key results linked to the KPI, on objectives the caller can read.'),
});
export type KpiDetailView = z.infer<typeof kpiDetailSchema>;

const name = z.string().trim().min(1).max(100);
const unit = z.string().trim().max(30).nullable();
const description = z.string().trim().max(2000).nullable();
const threshold = finiteNumberSchema.min(-1e15).max(1e15);

export const createKpiBodySchema = z.strictObject({
  name,
  unit: unit.optional(),
  description: description.optional(),
  ownerId: z.uuid().nullable().optional().describe('Default: you.'),
  direction: kpiDirectionSchema,
  greenThreshold: threshold,
  amberThreshold: threshold,
});
export type CreateKpiBody = z.infer<typeof createKpiBodySchema>;

export const updateKpiBodySchema = z
  .strictObject({
    name: name.optional(),
    unit: unit.optional(),
    description: description.optional(),
    ownerId: z.uuid().nullable().optional(),
    direction: kpiDirectionSchema.optional(),
    greenThreshold: threshold.optional(),
    amberThreshold: threshold.optional(),
    archived: z.boolean().optional().describe('Archived KPIs leave the lists; their values stay.'),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), {
    message: 'send at least one field to change',
  });
export type UpdateKpiBody = z.infer<typeof updateKpiBodySchema>;

export const recordKpiValueBodySchema = z.strictObject({
  value: finiteNumberSchema.min(-1e15).max(1e15),
  at: isoDateTimeSchema
    .optional()
    .describe('When it was measured (default: now); not in the future.'),
  note: z.string().trim().max(1000).nullable().optional(),
});
export type RecordKpiValueBody = z.infer<typeof recordKpiValueBodySchema>;

export const kpiValueListQuerySchema = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(2000)
    .default(500)
    .describe('How many of the latest values (default 500).'),
});
export const kpiValueListSchema = z.object({
  items: z.array(kpiValueSchema).describe('Oldest first.'),
});
