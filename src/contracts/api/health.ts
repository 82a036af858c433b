/** The OKR health dashboard of an organisation for one cycle (champions and executives). */
import { z } from 'zod';
import { cycleStatusSchema, healthSchema, isoDateSchema } from '../model.ts';

const orgSlug = z.string().min(1).max(100);
export const healthParamsSchema = z.strictObject({ org: orgSlug });
export const healthQuerySchema = z.object({
  cycle: z
    .uuid()
    .optional()
    .describe(
      'The cycle; default: the active cycle around today, else the active one that started last, else the latest.',
    ),
  weeks: z.coerce
    .number()
    .int()
    .min(1)
    .max(26)
    .default(6)
    .describe('Check-in compliance over the last N weeks (seven-day windows ending now).'),
});
export type HealthQuery = z.infer<typeof healthQuerySchema>;

const named = z.object({ id: z.string(), name: z.string() });
export const healthObjectiveSchema = z.object({
  id: z.string(),
  title: z.string(),
  level: z.string(),
  team: named.nullable(),
  owner: named.nullable(),
  progress: z.number(),
  health: healthSchema.nullable(),
});
export type HealthObjectiveView = z.infer<typeof healthObjectiveSchema>;

const listOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({
    items: z.array(item),
    hidden: z.number().int().describe('Private objectives counted here but not listed for you.'),
  });

export const healthSchemaView = z.object({
  cycle: z.object({
    id: z.string(),
    name: z.string(),
    status: cycleStatusSchema,
    startDate: isoDateSchema,
    endDate: isoDateSchema,
  }),
  generatedAt: z.string(),
  totals: z.object({
    objectives: z.number().int(),
    keyResults: z.number().int(),
    people: z.number().int(),
    peopleWithoutObjectives: z.number().int(),
    teams: z.number().int(),
    teamsWithoutObjectives: z.number().int(),
  }),
  coverage: z.array(
    z.object({
      team: named,
      depth: z.number().int(),
      objectiveCount: z.number().int(),
      memberCount: z.number().int(),
      membersWithoutObjectives: z.array(named),
    }),
  ),
  peopleWithoutObjectives: z.array(named),
  alignmentGaps: listOf(healthObjectiveSchema),
  weeks: z.array(z.object({ from: z.string(), to: z.string() })),
  compliance: z.array(
    z.object({
      team: named,
      depth: z.number().int(),
      weeks: z.array(
        z.object({
          keyResults: z.number().int(),
          checkedIn: z.number().int(),
          share: z.number().nullable(),
        }),
      ),
    }),
  ),
  qualityIssues: listOf(
    z.object({
      objective: healthObjectiveSchema,
      ruleId: z.string(),
      severity: z.enum(['error', 'warning']),
      message: z.string(),
    }),
  ),
  atRisk: listOf(healthObjectiveSchema),
  offTrack: listOf(healthObjectiveSchema),
  status: z
    .object({
      on_track: z.number().int(),
      at_risk: z.number().int(),
      off_track: z.number().int(),
      none: z.number().int(),
    })
    .describe('Objectives by status (private ones counted).'),
  progressDeciles: z
    .array(z.number().int())
    .describe('Objectives by progress: 0–10%, 10–20%, …, 90–100% (private ones counted).'),
  confidence: z
    .object({
      low: z.number().int(),
      medium: z.number().int(),
      high: z.number().int(),
      none: z.number().int(),
    })
    .describe("Key results by their owner's latest confidence (private ones counted)."),
});
export type HealthView = z.infer<typeof healthSchemaView>;
