/**
 * Request and response schemas of restructuring (moving a key result to another objective,
 * moving an objective to another cycle or team, duplicating an objective with its key results)
 * and of a person's history across cycles. Request bodies are strict: an unknown field is a 400.
 */
import { z } from 'zod';
import {
  cycleStatusSchema,
  healthSchema,
  objectiveLevelSchema,
  objectiveStatusSchema,
} from '../model.ts';

const orgSlug = z.string().min(1).max(100);
const idList = z.array(z.uuid()).max(100);

export const personHistoryParamsSchema = z.strictObject({ org: orgSlug, userId: z.uuid() });

// ---- request bodies ------------------------------------------------------------------------

export const keyResultMoveBodySchema = z.strictObject({
  objectiveId: z.uuid().describe('The objective the key result moves to, in the same cycle.'),
  position: z
    .number()
    .int()
    .min(0)
    .max(10_000)
    .optional()
    .describe('Default: after its last key result.'),
});
export type KeyResultMoveBody = z.infer<typeof keyResultMoveBodySchema>;

export const objectiveMoveBodySchema = z
  .strictObject({
    cycleId: z
      .uuid()
      .optional()
      .describe('The cycle it moves to (its key results and their check-ins go with it).'),
    teamId: z.uuid().optional().describe('The team it moves to (team objectives only).'),
    parentIds: idList
      .optional()
      .describe(
        'The objectives it aligns to after the move (replacing its parents). Default: the parents it has.',
      ),
  })
  .refine(
    (body) =>
      body.cycleId !== undefined || body.teamId !== undefined || body.parentIds !== undefined,
    {
      message: 'names no cycle, team or parents to move to',
    },
  );
export type ObjectiveMoveBody = z.infer<typeof objectiveMoveBodySchema>;

export const objectiveDuplicateBodySchema = z.strictObject({
  cycleId: z
    .uuid()
    .optional()
    .describe("The copy's cycle. Default: the cycle of the objective copied."),
  title: z.string().trim().min(1).max(200).optional().describe('Default: the same title.'),
  parentIds: idList
    .optional()
    .describe(
      'What the copy aligns to. Default: the same parents in the same cycle, none in another cycle.',
    ),
});
export type ObjectiveDuplicateBody = z.infer<typeof objectiveDuplicateBodySchema>;

// ---- a person's history --------------------------------------------------------------------

const health = healthSchema.nullable();

export const historyCycleSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: cycleStatusSchema,
  startDate: z.string(),
  endDate: z.string(),
});

export const historyObjectiveSchema = z.object({
  id: z.string(),
  title: z.string(),
  level: objectiveLevelSchema,
  status: objectiveStatusSchema,
  progress: z.number().describe('Stored progress: the final progress once the cycle is closed.'),
  health,
  score: z
    .number()
    .nullable()
    .describe('The grade at the end of the cycle (0.0 to 1.0), null until graded.'),
});

export const historyCheckInSchema = z.object({
  id: z.string(),
  value: z.number(),
  confidence: z.number().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  keyResult: z.object({ id: z.string(), title: z.string(), unit: z.string().nullable() }),
  objective: z.object({ id: z.string(), title: z.string() }),
  cycleId: z.string(),
});
export type HistoryCheckInView = z.infer<typeof historyCheckInSchema>;

export const historyCycleEntrySchema = z.object({
  cycle: historyCycleSchema,
  objectives: z
    .array(historyObjectiveSchema)
    .describe('Objectives the person owns in the cycle, that you may read.'),
  averageProgress: z
    .number()
    .nullable()
    .describe('Mean progress of those objectives (null: none).'),
  averageScore: z
    .number()
    .nullable()
    .describe('Mean score of the graded ones (null: none graded).'),
  checkInCount: z
    .number()
    .describe('Check-ins the person wrote in the cycle, on key results you may read.'),
});
export type HistoryCycleEntryView = z.infer<typeof historyCycleEntrySchema>;

export const personHistorySchema = z.object({
  person: z.object({ id: z.string(), name: z.string() }),
  cycles: z
    .array(historyCycleEntrySchema)
    .describe('Oldest cycle first; cycles where the person has nothing you may read are left out.'),
  checkIns: z
    .array(historyCheckInSchema)
    .describe('Their check-ins, newest first (at most `limit`).'),
});
export type PersonHistoryView = z.infer<typeof personHistorySchema>;

export const personHistoryQuerySchema = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(100)
    .describe('How many of the latest check-ins to list.'),
});
