/**
 * Request and response schemas of announcements (to the organisation or to chosen teams, with
 * their rationale and the company objectives they are about), acknowledgements, and
 * understanding: who has read and understood, by team, per announcement and per objective.
 */
import { z } from 'zod';
import { isoDateTimeSchema } from '../model.ts';
import { pageQueryFields, pageSchema } from './page.ts';
import { personRefSchema } from './people.ts';

const orgSlug = z.string().min(1).max(100);
export const announcementParamsSchema = z.strictObject({ org: orgSlug, id: z.uuid() });
export const announcementOrgParamsSchema = z.strictObject({ org: orgSlug });

const markdownText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((text) => text.trim().length > 0, 'must not be empty');

export const audienceSchema = z.enum(['organisation', 'teams']);

export const announcementSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string().describe('The Markdown source.'),
  html: z.string().describe('The body rendered to safe HTML.'),
  rationale: z.string().describe('Why it matters (Markdown source).'),
  rationaleHtml: z.string(),
  audience: audienceSchema,
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
  objectives: z
    .array(z.object({ id: z.string(), title: z.string() }))
    .describe('Linked objectives the caller may read.'),
  publishedBy: personRefSchema.nullable(),
  publishedAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  withdrawnAt: isoDateTimeSchema.nullable(),
  remindedAt: isoDateTimeSchema.nullable(),
  isRecipient: z.boolean(),
  acknowledgedAt: isoDateTimeSchema
    .nullable()
    .describe('When the caller acknowledged it; null when not (yet).'),
  version: z.number().int(),
  abilities: z.object({
    canEdit: z.boolean(),
    canWithdraw: z.boolean(),
    canAcknowledge: z.boolean(),
    canSeeUnderstanding: z.boolean(),
    canAskQuestion: z.boolean(),
  }),
});
export type AnnouncementView = z.infer<typeof announcementSchema>;
export const announcementPageSchema = pageSchema(announcementSchema).extend({
  canPublish: z.boolean(),
});
export type AnnouncementPage = z.infer<typeof announcementPageSchema>;

export const announcementListQuerySchema = z.strictObject({
  pending: z
    .enum(['true', 'false'])
    .optional()
    .describe('`true`: only those addressed to the caller and not yet acknowledged (for Home).'),
  ...pageQueryFields,
});

const teamIds = z.array(z.uuid()).max(200);
const objectiveIds = z.array(z.uuid()).max(20);

export const createAnnouncementBodySchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    body: markdownText(20_000),
    rationale: markdownText(5_000),
    audience: audienceSchema.default('organisation'),
    teamIds: teamIds.default([]),
    objectiveIds: objectiveIds.default([]),
  })
  .refine((b) => b.audience === 'organisation' || b.teamIds.length > 0, {
    message: 'name at least one team for an audience of teams',
    path: ['teamIds'],
  });
export type CreateAnnouncementBody = z.infer<typeof createAnnouncementBodySchema>;

export const updateAnnouncementBodySchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200).optional(),
    body: markdownText(20_000).optional(),
    rationale: markdownText(5_000).optional(),
    objectiveIds: objectiveIds.optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), {
    message: 'send at least one field to change',
  });
export type UpdateAnnouncementBody = z.infer<typeof updateAnnouncementBodySchema>;

export const acknowledgementSchema = z.object({
  announcementId: z.string(),
  acknowledgedAt: isoDateTimeSchema,
});

export const teamRateSchema = z.object({
  team: z.object({ id: z.string(), name: z.string() }).nullable().describe('null: in no team.'),
  recipients: z.number().int(),
  acknowledged: z.number().int(),
  rate: z.number().describe('acknowledged / recipients, 0 to 1 (0 without recipients).'),
});

export const understandingSchema = z.object({
  announcementId: z.string(),
  recipients: z.number().int(),
  acknowledged: z.number().int(),
  rate: z.number(),
  byTeam: z.array(teamRateSchema),
  notAcknowledged: z.array(personRefSchema),
  remindedAt: isoDateTimeSchema.nullable(),
  nextReminderAt: isoDateTimeSchema
    .nullable()
    .describe('Before this instant a reminder answers 409; null: one may be sent now.'),
});
export type UnderstandingView = z.infer<typeof understandingSchema>;

export const reminderResultSchema = z.object({
  reminded: z.number().int().describe('How many people were reminded.'),
  remindedAt: isoDateTimeSchema,
  nextReminderAt: isoDateTimeSchema,
});

export const objectiveUnderstandingQuerySchema = z.strictObject({
  cycleId: z.uuid().optional().describe('Company objectives of this cycle (default: every cycle).'),
});

export const objectiveUnderstandingSchema = z.object({
  items: z.array(
    z.object({
      objective: z.object({ id: z.string(), title: z.string(), cycleId: z.string() }),
      announcements: z.number().int().describe('Announcements about it (not withdrawn).'),
      people: z.number().int().describe('Members of the organisation.'),
      acknowledged: z
        .number()
        .int()
        .describe('Members who acknowledged at least one announcement about it.'),
      rate: z.number(),
      byTeam: z.array(teamRateSchema),
    }),
  ),
});
export type ObjectiveUnderstandingView = z.infer<typeof objectiveUnderstandingSchema>;
