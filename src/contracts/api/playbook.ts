/**
 * Request and response schemas of the playbook: the wizard's guidance per step and the quality
 * rules' advice, each with its built-in text and the organisation's own text when champions
 * replaced it (Markdown, also given as safe HTML).
 */
import { z } from 'zod';
import { isoDateTimeSchema } from '../model.ts';
import { personRefSchema } from './people.ts';

const orgSlug = z.string().min(1).max(100);
export const playbookParamsSchema = z.strictObject({
  org: orgSlug,
  key: z
    .string()
    .min(1)
    .max(100)
    .describe(
      '`step.<wizard step>` (level, align, objective, key-results, review) or `rule.<quality rule id>`.',
    ),
});

export const playbookEntrySchema = z.object({
  key: z.string(),
  kind: z.enum(['step', 'rule']).describe('A wizard step’s guidance or a quality rule’s advice.'),
  title: z.string().describe('The step or the rule the text is about.'),
  body: z
    .string()
    .describe(
      'The text shown (Markdown): the organisation’s when overridden, else the built-in one.',
    ),
  html: z.string().describe('`body` rendered to safe HTML (no scripts, no raw HTML).'),
  defaultBody: z.string().describe('The built-in text (Markdown).'),
  defaultHtml: z.string(),
  overridden: z.boolean(),
  version: z
    .number()
    .nullable()
    .describe(
      'The override’s version (its ETag; send it as If-Match to change or reset it); null when not overridden.',
    ),
  updatedBy: personRefSchema.nullable(),
  updatedAt: isoDateTimeSchema.nullable(),
});
export type PlaybookEntryView = z.infer<typeof playbookEntrySchema>;

export const playbookSchema = z.object({
  items: z.array(playbookEntrySchema),
  abilities: z.object({
    canManage: z.boolean().describe('May change and reset the texts (champions).'),
  }),
});
export type PlaybookView = z.infer<typeof playbookSchema>;

export const putPlaybookEntryBodySchema = z.strictObject({
  body: z
    .string()
    .max(5000)
    .refine((text) => text.trim().length > 0, 'must not be empty'),
});
export type PutPlaybookEntryBody = z.infer<typeof putPlaybookEntryBodySchema>;
