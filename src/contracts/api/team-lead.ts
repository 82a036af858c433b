/**
 * Request and response schemas of the team lead's tools (issue 6): the cascade proposal that
 * starts a team objective from a parent objective, and approval of members' objectives.
 */
import { z } from 'zod';
import { krDirectionSchema, krKindSchema, objectiveLevelSchema } from '../model.ts';
import { approvalSchema, objectiveSummarySchema } from './okrs.ts';

const orgSlug = z.string().min(1).max(100);

// ---- cascade ---------------------------------------------------------------------------------

export const cascadeParamsSchema = z.strictObject({ org: orgSlug, id: z.uuid() });
export const cascadeQuerySchema = z.strictObject({
  team: z.uuid().describe('The team the objective is cascaded to: one you lead.'),
});

export const cascadedKeyResultSchema = z.object({
  sourceKeyResultId: z.string().describe("The parent's key result this draft comes from."),
  title: z.string(),
  kind: krKindSchema,
  direction: krDirectionSchema,
  start: z.number(),
  target: z.number().nullable(),
  unit: z.string().nullable(),
  currency: z.string().nullable(),
  weight: z.number(),
  ownerId: z.string().nullable().describe('Assign one of `members` before creating it.'),
});

export const cascadeProposalSchema = z.object({
  parent: z.object({
    id: z.string(),
    title: z.string(),
    level: objectiveLevelSchema,
    cycleId: z.string(),
  }),
  team: z.object({ id: z.string(), name: z.string() }),
  members: z
    .array(z.object({ id: z.string(), name: z.string(), isLead: z.boolean() }))
    .describe("The team's members and leads: the only people its key results may be assigned to."),
  keyResults: z
    .array(cascadedKeyResultSchema)
    .describe("Drafts from the parent's key results, five at most."),
});
export type CascadeProposalView = z.infer<typeof cascadeProposalSchema>;

// ---- approval --------------------------------------------------------------------------------

export const approvalParamsSchema = z.strictObject({ org: orgSlug, id: z.uuid() });
export const approvalOrgParamsSchema = z.strictObject({ org: orgSlug });
export const approveBodySchema = z.strictObject({}).nullish();
export const returnBodySchema = z.strictObject({
  comment: z
    .string()
    .trim()
    .min(1)
    .max(5000)
    .describe('What to change, in Markdown: the member sees it on the objective.'),
});
export type ReturnBody = z.infer<typeof returnBodySchema>;

export const approvalItemSchema = z.object({
  objective: objectiveSummarySchema,
  approval: approvalSchema,
});
export type ApprovalItemView = z.infer<typeof approvalItemSchema>;

export const approvalQueueSchema = z.object({
  waitingForYou: z
    .array(approvalItemSchema)
    .describe(
      "Members' objectives pending your approval (you lead a team their owner is in), oldest first.",
    ),
  yours: z
    .array(approvalItemSchema)
    .describe('Your own objectives still in approval: pending or returned to you.'),
});
export type ApprovalQueueView = z.infer<typeof approvalQueueSchema>;
