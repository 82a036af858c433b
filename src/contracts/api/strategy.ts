/**
 * The strategy of a cycle as a tree: mission and vision, each strategic theme with the company
 * objectives tagged with its name, and under each of those the objectives aligned to it. Every
 * node has progress and status; private objectives the caller may not read are stubs ("A private
 * objective"), in their place, as in the alignment tree.
 */
import { z } from 'zod';
import { healthSchema } from '../model.ts';
import { cycleRefSchema, privateObjectiveSchema } from './okrs.ts';
import { objectiveLevelSchema } from '../model.ts';

const named = z.object({ id: z.string(), name: z.string() });
const health = healthSchema.nullable();

export const strategyQuerySchema = z.strictObject({
  cycle: z
    .uuid()
    .optional()
    .describe('Default: the active cycle containing today, else the latest.'),
});

const objectiveNode = z.object({
  id: z.string(),
  title: z.string(),
  level: objectiveLevelSchema,
  progress: z.number(),
  health,
  owner: named.nullable(),
  team: named.nullable(),
});

const alignedNode = z.union([objectiveNode, privateObjectiveSchema]);

export const strategyObjectiveSchema = z.union([
  objectiveNode.extend({
    aligned: z.array(alignedNode).describe('Objectives aligned to this one (its children).'),
  }),
  privateObjectiveSchema.extend({ aligned: z.array(alignedNode) }),
]);
export type StrategyObjectiveView = z.infer<typeof strategyObjectiveSchema>;

const rollup = {
  progress: z
    .number()
    .nullable()
    .describe('Mean progress of its company objectives; null without any.'),
  health: health.describe('The worst status among its company objectives.'),
};

export const strategyThemeSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  ...rollup,
  objectives: z.array(strategyObjectiveSchema),
});

export const strategySchema = z.object({
  cycle: cycleRefSchema.nullable().describe('null: the organisation has no cycle yet.'),
  mission: z.string().nullable(),
  vision: z.string().nullable(),
  themes: z.array(strategyThemeSchema),
  untagged: z
    .object({ ...rollup, objectives: z.array(strategyObjectiveSchema) })
    .describe('Company objectives tagged with no theme.'),
  canEditStrategy: z.boolean().describe('May change mission, vision and themes.'),
});
export type StrategyView = z.infer<typeof strategySchema>;
