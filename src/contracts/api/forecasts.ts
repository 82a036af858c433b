/** Request and response schemas of forecasts: a key result's trend projected to its cycle's end. */
import { z } from 'zod';
import { isoDateTimeSchema } from '../model.ts';

export const FORECAST_DISAGREEMENTS = ['optimistic', 'pessimistic'] as const;

export const forecastSchema = z
  .object({
    value: z
      .number()
      .describe(
        "The trend's value at the cycle's end (a percentage within 0–100; never below zero for non-negative data).",
      ),
    progress: z.number().describe('The progress that value gives, 0..1.'),
    slopePerDay: z.number().describe('Change of the value per day along the fitted line.'),
    checkIns: z.number().int().describe('How many check-ins the line was fitted to.'),
    line: z
      .object({
        startAt: isoDateTimeSchema,
        startValue: z.number(),
        endAt: isoDateTimeSchema,
        endValue: z.number(),
      })
      .describe("The fitted line from the cycle's start to its end, for charts."),
    disagreement: z
      .enum(FORECAST_DISAGREEMENTS)
      .nullable()
      .describe(
        'optimistic: confidence is high (>= 0.7) but the forecast reaches less than 70% of the target; pessimistic: confidence is low (< 0.4) but the forecast reaches the target; null: they agree.',
      ),
  })
  .describe(
    "The key result's trend: a least-squares line over its start value at the cycle's start and every check-in, projected to the cycle's end.",
  );
export type ForecastView = z.infer<typeof forecastSchema>;

export const FORECAST_UNAVAILABLE = ['milestone', 'no_target', 'no_check_ins'] as const;

export const keyResultForecastSchema = z.object({
  keyResultId: z.string(),
  cycle: z.object({ startDate: z.string(), endDate: z.string() }),
  forecast: forecastSchema.nullable(),
  unavailable: z
    .enum(FORECAST_UNAVAILABLE)
    .nullable()
    .describe('Why there is no forecast (null when there is one).'),
  points: z
    .array(z.object({ at: isoDateTimeSchema, value: z.number() }))
    .describe(
      'The check-ins the line was fitted to, oldest first (the start value at the cycle start is implied).',
    ),
});
export type KeyResultForecastView = z.infer<typeof keyResultForecastSchema>;
