/** Request and response schemas of cycles and their lifecycle transitions. */
import { z } from 'zod';
import { cycleStatusSchema, isoDateSchema, isoDateTimeSchema } from '../model.ts';
import { pageQueryFields, pageSchema } from './page.ts';

const orgSlug = z.string().min(1).max(100);
export const cycleParamsSchema = z.strictObject({ org: orgSlug, id: z.uuid() });

export const cycleSchema = z.object({
  id: z.string(),
  name: z.string(),
  startDate: isoDateSchema,
  endDate: isoDateSchema,
  status: cycleStatusSchema,
  createdAt: isoDateTimeSchema,
  version: z.number().int(),
  abilities: z.object({
    canEdit: z.boolean(),
    canTransition: z
      .array(cycleStatusSchema)
      .describe('The statuses this caller may move the cycle to.'),
  }),
});
export type CycleView = z.infer<typeof cycleSchema>;
export const cyclePageSchema = pageSchema(cycleSchema);

export const cycleListQuerySchema = z.object({
  status: cycleStatusSchema.optional(),
  ...pageQueryFields,
});
export type CycleListQuery = z.infer<typeof cycleListQuerySchema>;

const cycleName = z.string().trim().min(1).max(100);
const END_BEFORE_START = { message: 'must be on or after startDate', path: ['endDate'] };

export const createCycleBodySchema = z
  .strictObject({
    name: cycleName,
    startDate: isoDateSchema,
    endDate: isoDateSchema,
    status: z
      .enum(['planning', 'active'])
      .default('planning')
      .describe('A new cycle starts in planning or active.'),
  })
  .refine((body) => body.endDate >= body.startDate, END_BEFORE_START);
export type CreateCycleBody = z.infer<typeof createCycleBodySchema>;

export const updateCycleBodySchema = z
  .strictObject({
    name: cycleName.optional(),
    startDate: isoDateSchema.optional(),
    endDate: isoDateSchema.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'send at least one field to change',
  })
  .refine(
    (body) => !body.startDate || !body.endDate || body.endDate >= body.startDate,
    END_BEFORE_START,
  );
export type UpdateCycleBody = z.infer<typeof updateCycleBodySchema>;

export const transitionBodySchema = z.strictObject({ to: cycleStatusSchema });
