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
    canCarryOver: z
      .boolean()
      .describe('May carry its objectives into another cycle (champions; cycle in grading or closed).'),
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

const REQUIRED_BY_KIND = {
  none: ['name', 'startDate', 'endDate'],
  quarter: ['year', 'quarter'],
  year: ['year'],
  custom: ['startDate', 'endDate'],
} as const;

export const createCycleBodySchema = z
  .strictObject({
    kind: z
      .enum(['quarter', 'year', 'custom'])
      .optional()
      .describe(
        'quarter (year, quarter), year (year) or custom (startDate, endDate): the name is proposed ("2027-Q1", "2027", "2027-02-01 to 2027-05-15") unless given. Without a kind: name, startDate and endDate.',
      ),
    year: z.number().int().min(1).max(9999).optional(),
    quarter: z.number().int().min(1).max(4).optional(),
    name: cycleName.optional(),
    startDate: isoDateSchema.optional(),
    endDate: isoDateSchema.optional(),
    status: z
      .enum(['planning', 'active'])
      .default('planning')
      .describe('A new cycle starts in planning or active.'),
  })
  .superRefine((body, ctx) => {
    for (const field of REQUIRED_BY_KIND[body.kind ?? 'none']) {
      if (body[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'is required' });
    }
    if (body.startDate && body.endDate && body.endDate < body.startDate)
      ctx.addIssue({ code: 'custom', ...END_BEFORE_START });
  });
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

export const transitionBodySchema = z.strictObject({
  to: cycleStatusSchema,
  acknowledge: z
    .boolean()
    .optional()
    .describe(
      'Required (true) when the checks of the step have warnings (GET .../transition-checks?to=); without it the step answers 409 listing them.',
    ),
});

export const transitionChecksQuerySchema = z.object({
  to: cycleStatusSchema
    .optional()
    .describe('The status the cycle would move to; default: its next status.'),
});

export const CHECK_IDS = [
  'teams_without_objectives',
  'objectives_without_key_results',
  'owners_to_ask',
  'objectives_without_owner',
  'objectives_without_confirmed_score',
] as const;

export const transitionCheckSchema = z.object({
  id: z.enum(CHECK_IDS),
  title: z.string(),
  severity: z
    .enum(['warning', 'info'])
    .describe('A warning needs acknowledging before the step; info says what the step will do.'),
  count: z.number().int().describe('How many, private objectives included.'),
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['team', 'objective', 'person']),
      name: z.string(),
      detail: z.string().nullable(),
    }),
  ),
  hidden: z.number().int().describe('Private objectives counted but not listed for this caller.'),
});
export type TransitionCheckView = z.infer<typeof transitionCheckSchema>;

export const transitionChecksSchema = z.object({
  cycle: cycleSchema,
  to: cycleStatusSchema,
  allowed: z.boolean().describe('Whether the lifecycle allows this step from the current status.'),
  needsAcknowledgement: z.boolean(),
  checks: z.array(transitionCheckSchema),
});
export type TransitionChecksView = z.infer<typeof transitionChecksSchema>;

const objectiveRef = z.object({
  id: z.string(),
  title: z.string(),
  level: z.string(),
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  owner: z.object({ id: z.string(), name: z.string() }).nullable(),
  progress: z.number(),
  score: z.number().nullable(),
});

export const carryOverCandidatesSchema = z.object({
  cycle: cycleSchema,
  items: z.array(
    objectiveRef.extend({
      unfinished: z
        .boolean()
        .describe('Proposed for carrying: confirmed score below 1.0, or no score and progress below 100%.'),
      carriedTo: z.array(z.object({ id: z.string(), cycleId: z.string(), cycleName: z.string() })),
    }),
  ),
  hidden: z.number().int().describe('Private objectives of the cycle not listed for this caller.'),
});
export type CarryOverCandidatesView = z.infer<typeof carryOverCandidatesSchema>;

export const carryOverBodySchema = z.strictObject({
  targetCycleId: z.uuid(),
  objectiveIds: z
    .array(z.uuid())
    .max(1000)
    .optional()
    .describe('The objectives to carry; default: the unfinished ones.'),
});
export type CarryOverBody = z.infer<typeof carryOverBodySchema>;

export const carryOverResultSchema = z.object({
  target: cycleSchema,
  items: z.array(
    z.object({
      fromId: z.string(),
      objective: objectiveRef,
      keyResults: z.number().int(),
      parentIds: z.array(z.string()),
    }),
  ),
  skipped: z
    .array(z.object({ id: z.string(), reason: z.string() }))
    .describe('Chosen objectives not carried (already carried into the target).'),
});
export type CarryOverResultView = z.infer<typeof carryOverResultSchema>;

export const scoreRequestsSchema = z.object({
  items: z.array(
    z.object({
      objective: objectiveRef,
      cycle: z.object({ id: z.string(), name: z.string(), status: cycleStatusSchema }),
      requestedAt: isoDateTimeSchema,
      proposedScore: z.number().nullable(),
      confirmedScore: z.number().nullable(),
    }),
  ),
});
export type ScoreRequestsView = z.infer<typeof scoreRequestsSchema>;
