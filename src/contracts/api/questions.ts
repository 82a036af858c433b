/** Request and response schemas of the question desk and the FAQ. */
import { z } from 'zod';
import { isoDateTimeSchema } from '../model.ts';
import { pageQueryFields, pageSchema } from './page.ts';
import { personRefSchema } from './people.ts';

const orgSlug = z.string().min(1).max(100);
export const questionParamsSchema = z.strictObject({ org: orgSlug, id: z.uuid() });
export const questionOrgParamsSchema = z.strictObject({ org: orgSlug });

export const QUESTION_STATUSES = ['open', 'assigned', 'answered'] as const;
export const questionStatusSchema = z.enum(QUESTION_STATUSES);
export type QuestionStatus = z.infer<typeof questionStatusSchema>;

const nonBlank = (max: number) =>
  z
    .string()
    .max(max)
    .refine((text) => text.trim().length > 0, 'must not be empty');

export const questionSchema = z.object({
  id: z.string(),
  text: z.string(),
  asker: personRefSchema.nullable(),
  objective: z.object({ id: z.string(), title: z.string() }).nullable(),
  announcement: z.object({ id: z.string(), title: z.string() }).nullable(),
  status: questionStatusSchema,
  assignee: personRefSchema.nullable(),
  answer: z.string().nullable().describe('The Markdown source of the answer.'),
  answerHtml: z.string().nullable(),
  answeredBy: personRefSchema.nullable(),
  answeredAt: isoDateTimeSchema.nullable(),
  publishedToFaq: z.boolean(),
  faqTitle: z.string().nullable(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  version: z.number().int(),
  abilities: z.object({ canManage: z.boolean() }),
});
export type QuestionView = z.infer<typeof questionSchema>;
export const questionPageSchema = pageSchema(questionSchema).extend({
  canManage: z.boolean().describe('The caller works the desk and sees every question.'),
});
export type QuestionPage = z.infer<typeof questionPageSchema>;

export const questionListQuerySchema = z.strictObject({
  status: questionStatusSchema.optional(),
  mine: z
    .enum(['true', 'false'])
    .optional()
    .describe('`true`: only questions the caller asked (what everyone but champions sees anyway).'),
  ...pageQueryFields,
});

export const askQuestionBodySchema = z
  .strictObject({
    text: nonBlank(5_000),
    objectiveId: z.uuid().optional(),
    announcementId: z.uuid().optional(),
  })
  .refine((b) => !(b.objectiveId && b.announcementId), {
    message: 'ask about an objective or an announcement, not both',
    path: ['announcementId'],
  });
export type AskQuestionBody = z.infer<typeof askQuestionBodySchema>;

export const updateQuestionBodySchema = z
  .strictObject({
    assigneeId: z.uuid().nullable().optional().describe('A champion, or null to unassign.'),
    answer: nonBlank(20_000).optional().describe('Answering notifies the asker.'),
    publishedToFaq: z.boolean().optional().describe('Only an answered question goes to the FAQ.'),
    faqTitle: z.string().trim().min(1).max(300).nullable().optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), {
    message: 'send at least one field to change',
  });
export type UpdateQuestionBody = z.infer<typeof updateQuestionBodySchema>;

export const faqQuerySchema = z.strictObject({
  q: z
    .string()
    .max(200)
    .optional()
    .describe('Words the entry must all contain (title, question or answer), any case.'),
  ...pageQueryFields,
});

export const faqEntrySchema = z.object({
  id: z.string(),
  title: z.string().describe('The FAQ title, or the question when it has none.'),
  question: z.string(),
  answer: z.string(),
  answerHtml: z.string(),
  objective: z.object({ id: z.string(), title: z.string() }).nullable(),
  answeredAt: isoDateTimeSchema.nullable(),
});
export const faqPageSchema = pageSchema(faqEntrySchema);
export type FaqPage = z.infer<typeof faqPageSchema>;
