/** Request and response schemas of the weekly team review. */
import { z } from 'zod';
import {
  CONFIDENCE_BANDS,
  healthSchema,
  isoDateTimeSchema,
  krDirectionSchema,
  krKindSchema,
} from '../model.ts';
import { forecastSchema } from './forecasts.ts';
import { cycleRefSchema } from './okrs.ts';
import { personRefSchema } from './people.ts';

const orgSlug = z.string().min(1).max(100);
export const teamReviewParamsSchema = z.strictObject({ org: orgSlug, id: z.uuid() });
export const teamReviewQuerySchema = z.strictObject({
  cycle: z
    .uuid()
    .optional()
    .describe('Default: the active cycle containing today, else the latest.'),
});
export type TeamReviewQuery = z.infer<typeof teamReviewQuerySchema>;

export const reviewCheckInSchema = z.object({
  at: isoDateTimeSchema,
  value: z.number(),
  confidence: z.number().nullable(),
  note: z.string().nullable(),
  author: personRefSchema.nullable(),
});

export const reviewedKeyResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  objective: z.object({ id: z.string(), title: z.string() }),
  kind: krKindSchema,
  direction: krDirectionSchema,
  unit: z.string().nullable(),
  currency: z.string().nullable(),
  start: z.number(),
  target: z.number().nullable(),
  current: z.number(),
  progress: z.number(),
  health: healthSchema.nullable(),
  confidence: z.number().nullable(),
  confidenceBand: z.enum(CONFIDENCE_BANDS).nullable(),
  owner: personRefSchema.nullable(),
  lastCheckInAt: isoDateTimeSchema.nullable(),
  moved: z.boolean().describe('Checked in since the baseline.'),
  valueAtBaseline: z.number(),
  progressAtBaseline: z.number().describe('The progress the value at the baseline gives, 0..1.'),
  delta: z.number().describe('The latest value minus the value at the baseline.'),
  checkInsSince: z
    .array(reviewCheckInSchema)
    .describe('Check-ins after the baseline, oldest first.'),
  stale: z.boolean().describe("No check-in within the organisation's staleAfterDays."),
  confidenceAtBaseline: z.number().nullable(),
  confidenceDropped: z
    .boolean()
    .describe('The latest confidence is lower than the one at the baseline.'),
  forecast: forecastSchema.nullable(),
});
export type ReviewedKeyResultView = z.infer<typeof reviewedKeyResultSchema>;

export const teamReviewMarkSchema = z.object({
  id: z.string(),
  reviewedAt: isoDateTimeSchema,
  reviewedBy: personRefSchema.nullable(),
});
export type TeamReviewMarkView = z.infer<typeof teamReviewMarkSchema>;

export const teamReviewSchema = z.object({
  team: z.object({ id: z.string(), name: z.string() }),
  cycle: cycleRefSchema.nullable(),
  lastReview: teamReviewMarkSchema
    .nullable()
    .describe('The last "mark reviewed"; null before the first.'),
  since: isoDateTimeSchema.describe(
    'The baseline: the last review, or one check-in cadence ago before the first review.',
  ),
  generatedAt: isoDateTimeSchema,
  staleAfterDays: z.number().int(),
  summary: z.object({
    keyResults: z.number().int(),
    moved: z.number().int(),
    atRisk: z.number().int(),
    offTrack: z.number().int(),
    stale: z.number().int(),
    confidenceDrops: z.number().int(),
    forecastFlags: z.number().int(),
  }),
  keyResults: z
    .array(reviewedKeyResultSchema)
    .describe(
      "The team's key results in the cycle that the caller may read: of the team's objectives, of shared objectives it contributes to, and owned by its members.",
    ),
  abilities: z.object({ canMarkReviewed: z.boolean() }),
});
export type TeamReviewView = z.infer<typeof teamReviewSchema>;
