/**
 * Request and response schemas of knowledge notes (notes, learnings and links on objectives,
 * searchable across the organisation), grading (proposed and confirmed scores), retrospectives
 * and the cycle report.
 */
import { z } from 'zod';
import { cycleStatusSchema, isoDateTimeSchema, objectiveLevelSchema } from '../model.ts';
import { pageQueryFields, pageSchema } from './page.ts';
import { personRefSchema } from './people.ts';

const changes = <T extends Record<string, unknown>>(body: T) =>
  Object.values(body).some((value) => value !== undefined);
const NOTHING_TO_CHANGE = { message: 'send at least one field to change' };
const markdownText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((text) => text.trim().length > 0, 'must not be empty');

// ---- knowledge notes -------------------------------------------------------------------------

export const NOTE_KINDS = ['note', 'learning', 'retrospective'] as const;
export const noteKindSchema = z.enum(NOTE_KINDS);
export type NoteKind = z.infer<typeof noteKindSchema>;
/** The kinds written through the notes routes; a retrospective is written through its own. */
export const writableNoteKindSchema = z.enum(['note', 'learning']);

export const noteLinkSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000),
});
export type NoteLink = z.infer<typeof noteLinkSchema>;

export const noteObjectiveSchema = z.object({
  id: z.string(),
  title: z.string(),
  level: objectiveLevelSchema,
  cycleId: z.string(),
  cycleName: z.string(),
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
});

export const retrospectiveAnswersSchema = z.object({
  wentWell: z.string(),
  wentBadly: z.string(),
  learned: z.string(),
});

export const knowledgeNoteSchema = z.object({
  id: z.string(),
  kind: noteKindSchema,
  objective: noteObjectiveSchema,
  author: personRefSchema.nullable(),
  body: z.string().describe('The Markdown source.'),
  html: z.string().describe('The Markdown rendered to safe HTML (no scripts, no raw HTML).'),
  links: z.array(noteLinkSchema),
  retrospective: retrospectiveAnswersSchema
    .nullable()
    .describe('The three answers, for a note of kind `retrospective`.'),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  version: z.number().int(),
  abilities: z.object({ canEdit: z.boolean(), canDelete: z.boolean() }),
});
export type KnowledgeNoteView = z.infer<typeof knowledgeNoteSchema>;
export const knowledgeNotePageSchema = pageSchema(knowledgeNoteSchema);
/** An objective's notes, with whether the caller may add one (`note.create`). */
export const objectiveNotePageSchema = pageSchema(knowledgeNoteSchema).extend({
  canAddNote: z.boolean(),
});
export type ObjectiveNotePage = z.infer<typeof objectiveNotePageSchema>;

export const createNoteBodySchema = z.strictObject({
  kind: writableNoteKindSchema.default('note'),
  body: markdownText(10_000),
  links: z.array(noteLinkSchema).max(10).default([]),
});
export type CreateNoteBody = z.infer<typeof createNoteBodySchema>;

export const updateNoteBodySchema = z
  .strictObject({
    kind: writableNoteKindSchema.optional(),
    body: markdownText(10_000).optional(),
    links: z.array(noteLinkSchema).max(10).optional(),
  })
  .refine(changes, NOTHING_TO_CHANGE);
export type UpdateNoteBody = z.infer<typeof updateNoteBodySchema>;

export const noteSearchQuerySchema = z.object({
  q: z
    .string()
    .max(200)
    .optional()
    .describe('Words the note must all contain (in its text, links or objective title), any case.'),
  kind: noteKindSchema.optional(),
  cycleId: z.uuid().optional(),
  teamId: z.uuid().optional().describe("Notes on this team's objectives."),
  ...pageQueryFields,
});
export type NoteSearchQuery = z.infer<typeof noteSearchQuerySchema>;

export const similarNotesQuerySchema = z.object({
  title: z
    .string()
    .max(200)
    .default('')
    .describe('The title of the objective being written; without one, nothing is similar.'),
  teamId: z.uuid().optional().describe('Its team: objectives of the same team come first.'),
  cycleId: z
    .uuid()
    .optional()
    .describe(
      'Its cycle: objectives of this cycle are left out (the notes come from earlier ones).',
    ),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
export type SimilarNotesQuery = z.infer<typeof similarNotesQuerySchema>;

export const similarObjectiveNotesSchema = z.object({
  items: z.array(
    z.object({
      objective: noteObjectiveSchema,
      sameTeam: z.boolean(),
      sharedWords: z.array(z.string()),
      score: z.number(),
      notes: z.array(knowledgeNoteSchema).describe('Its newest notes, at most 3.'),
    }),
  ),
});
export type SimilarObjectiveNotesView = z.infer<typeof similarObjectiveNotesSchema>;

// ---- grading ---------------------------------------------------------------------------------

export const scoreSchema = z.number().min(0).max(1);
export const scoreBandSchema = z.enum(['missed', 'progress', 'delivered']);
export const gradeStateSchema = z.enum(['not_proposed', 'proposed', 'confirmed']);

export const gradeSchema = z.object({
  objective: z.object({
    id: z.string(),
    title: z.string(),
    level: objectiveLevelSchema,
    team: z.object({ id: z.string(), name: z.string() }).nullable(),
    owner: personRefSchema.nullable(),
    progress: z.number(),
  }),
  cycle: z.object({ id: z.string(), name: z.string(), status: cycleStatusSchema }),
  suggestedScore: scoreSchema.describe(
    "Prefill for the proposal: the key results' scores, weighted.",
  ),
  state: gradeStateSchema,
  proposal: z
    .object({
      score: scoreSchema,
      reason: z.string(),
      by: personRefSchema.nullable(),
      at: isoDateTimeSchema,
    })
    .nullable(),
  confirmation: z
    .object({
      score: scoreSchema,
      note: z.string().nullable(),
      by: personRefSchema.nullable(),
      at: isoDateTimeSchema,
    })
    .nullable(),
  score: scoreSchema.nullable().describe('The score that counts: confirmed, else proposed.'),
  band: scoreBandSchema.nullable(),
  version: z.number().int().describe('0 until a score is proposed; send it as If-Match.'),
  abilities: z.object({
    canProposeScore: z.boolean(),
    canConfirmScore: z.boolean(),
    canWriteRetrospective: z.boolean(),
    canAddNote: z.boolean(),
  }),
});
export type GradeView = z.infer<typeof gradeSchema>;

export const cycleGradesSchema = z.object({ items: z.array(gradeSchema) });
export const cycleGradesQuerySchema = z.object({
  teamId: z.uuid().optional().describe("Only this team's objectives."),
});

export const proposeScoreBodySchema = z.strictObject({
  score: scoreSchema,
  reason: markdownText(2000),
});
export const confirmScoreBodySchema = z.strictObject({
  score: scoreSchema,
  note: z.string().trim().max(2000).nullable().optional(),
});

// ---- retrospectives --------------------------------------------------------------------------

export const retrospectiveSchema = z.object({
  objectiveId: z.string(),
  answers: retrospectiveAnswersSchema.nullable().describe('null until someone writes it.'),
  html: retrospectiveAnswersSchema.nullable().describe('The answers rendered to safe HTML.'),
  author: personRefSchema.nullable(),
  updatedAt: isoDateTimeSchema.nullable(),
  version: z.number().int().describe('0 until written; send it as If-Match.'),
  canEdit: z.boolean(),
  notes: z
    .array(knowledgeNoteSchema)
    .describe("The objective's other knowledge notes, to look back on."),
});
export type RetrospectiveView = z.infer<typeof retrospectiveSchema>;

export const retrospectiveBodySchema = z
  .strictObject({
    wentWell: z.string().max(5000),
    wentBadly: z.string().max(5000),
    learned: z.string().max(5000),
  })
  .refine((body) => [body.wentWell, body.wentBadly, body.learned].some((t) => t.trim() !== ''), {
    message: 'answer at least one question',
  });

// ---- cycle report ----------------------------------------------------------------------------

export const scoreGroupSchema = z.object({
  key: z.string(),
  objectives: z.number().int(),
  scored: z.number().int(),
  confirmed: z.number().int(),
  average: z.number().nullable(),
});

export const cycleReportSchema = z.object({
  cycle: z.object({
    id: z.string(),
    name: z.string(),
    status: cycleStatusSchema,
    startDate: z.string(),
    endDate: z.string(),
  }),
  objectives: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      level: objectiveLevelSchema,
      team: z.string().describe('The team, or "Company" / "Shared" / "No team".'),
      owner: z.string().nullable(),
      progress: z.number(),
      proposedScore: scoreSchema.nullable(),
      confirmedScore: scoreSchema.nullable(),
      score: scoreSchema.nullable(),
      state: gradeStateSchema,
      learned: z.string().nullable().describe('What the retrospective says was learned.'),
    }),
  ),
  byTeam: z.array(scoreGroupSchema),
  byLevel: z.array(scoreGroupSchema),
  overall: scoreGroupSchema,
});
export type CycleReportView = z.infer<typeof cycleReportSchema>;
