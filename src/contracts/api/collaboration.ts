/**
 * Request and response schemas of initiatives, dependencies, comments, the activity feed and the
 * audit log.
 */
import { z } from 'zod';
import {
  dependencyStatusSchema,
  initiativeStatusSchema,
  isoDateSchema,
  isoDateTimeSchema,
} from '../model.ts';
import { pageQueryFields, pageSchema } from './page.ts';
import { personRefSchema } from './people.ts';

const orgSlug = z.string().min(1).max(100);
/** `:id` names the key result, objective, initiative, dependency or comment of the route. */
export const objectParamsSchema = z.strictObject({ org: orgSlug, id: z.uuid() });
export const orgOnlyParamsSchema = z.strictObject({ org: orgSlug });

const changes = <T extends Record<string, unknown>>(body: T) =>
  Object.values(body).some((value) => value !== undefined);
const NOTHING_TO_CHANGE = { message: 'send at least one field to change' };
const editAbilities = z.object({ canEdit: z.boolean(), canDelete: z.boolean() });
export const listQuerySchema = z.object({ ...pageQueryFields });

// ---- initiatives -----------------------------------------------------------------------------

export const initiativeSchema = z.object({
  id: z.string(),
  keyResultId: z.string(),
  title: z.string(),
  owner: personRefSchema.nullable(),
  status: initiativeStatusSchema,
  dueDate: isoDateSchema.nullable(),
  createdAt: isoDateTimeSchema,
  version: z.number().int(),
  abilities: editAbilities,
});
export type InitiativeView = z.infer<typeof initiativeSchema>;
export const initiativePageSchema = pageSchema(initiativeSchema);

const initiativeTitle = z.string().trim().min(1).max(200);
export const createInitiativeBodySchema = z.strictObject({
  title: initiativeTitle,
  ownerId: z.uuid().nullable().optional().describe('A member of the organisation.'),
  status: initiativeStatusSchema.default('planned'),
  dueDate: isoDateSchema.nullable().optional(),
});
export type CreateInitiativeBody = z.infer<typeof createInitiativeBodySchema>;

export const updateInitiativeBodySchema = z
  .strictObject({
    title: initiativeTitle.optional(),
    ownerId: z.uuid().nullable().optional(),
    status: initiativeStatusSchema.optional(),
    dueDate: isoDateSchema.nullable().optional(),
  })
  .refine(changes, NOTHING_TO_CHANGE);
export type UpdateInitiativeBody = z.infer<typeof updateInitiativeBodySchema>;

// ---- dependencies ----------------------------------------------------------------------------

const keyResultRefSchema = z.object({ id: z.string(), title: z.string(), objectiveId: z.string() });

export const dependencySchema = z.object({
  id: z.string(),
  keyResult: keyResultRefSchema.describe('The key result that depends on the other.'),
  dependsOn: keyResultRefSchema,
  note: z.string().nullable(),
  neededBy: isoDateSchema.nullable(),
  status: dependencyStatusSchema,
  createdAt: isoDateTimeSchema,
  version: z.number().int(),
  abilities: editAbilities,
});
export type DependencyView = z.infer<typeof dependencySchema>;
export const dependencyPageSchema = pageSchema(dependencySchema);

export const dependencyListQuerySchema = z.object({
  keyResultId: z.uuid().optional().describe('Dependencies of this key result, either way.'),
  teamId: z.uuid().optional().describe("Dependencies touching this team's objectives, either way."),
  status: dependencyStatusSchema.optional(),
  ...pageQueryFields,
});
export type DependencyListQuery = z.infer<typeof dependencyListQuerySchema>;

const note = z.string().trim().max(2000).nullable();
export const createDependencyBodySchema = z
  .strictObject({
    keyResultId: z.uuid(),
    dependsOnId: z.uuid(),
    note: note.optional(),
    neededBy: isoDateSchema.nullable().optional(),
  })
  .refine((body) => body.keyResultId !== body.dependsOnId, {
    message: 'cannot be the key result itself',
    path: ['dependsOnId'],
  });
export type CreateDependencyBody = z.infer<typeof createDependencyBodySchema>;

export const updateDependencyBodySchema = z
  .strictObject({
    note: note.optional(),
    neededBy: isoDateSchema.nullable().optional(),
    status: dependencyStatusSchema.optional(),
  })
  .refine(changes, NOTHING_TO_CHANGE);
export type UpdateDependencyBody = z.infer<typeof updateDependencyBodySchema>;

// ---- comments --------------------------------------------------------------------------------

export const commentSchema = z.object({
  id: z.string(),
  objectiveId: z.string().nullable(),
  keyResultId: z.string().nullable(),
  author: personRefSchema.nullable(),
  body: z.string(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  version: z.number().int(),
  abilities: editAbilities,
});
export type CommentView = z.infer<typeof commentSchema>;
export const commentPageSchema = pageSchema(commentSchema);

export const commentBodySchema = z.strictObject({
  body: z
    .string()
    .max(10_000)
    .refine((text) => text.trim().length > 0, 'must not be empty'),
});

// ---- activity and audit ----------------------------------------------------------------------

export const activityEntrySchema = z.object({
  id: z.string(),
  at: isoDateTimeSchema,
  actor: personRefSchema.nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  summary: z.string(),
});
export type ActivityEntryView = z.infer<typeof activityEntrySchema>;
export const activityPageSchema = pageSchema(activityEntrySchema);
export const activityQuerySchema = z.object({
  objectiveId: z.uuid().optional(),
  ...pageQueryFields,
});
export type ActivityQuery = z.infer<typeof activityQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: isoDateTimeSchema,
  actor: personRefSchema.nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  before: z.unknown().describe('The object before the change (JSON), or null.'),
  after: z.unknown().describe('The object after the change (JSON), or null.'),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;
export const auditPageSchema = pageSchema(auditEntrySchema);
export const auditQuerySchema = z.object({
  objectId: z.string().min(1).max(100).optional(),
  actorId: z.uuid().optional(),
  action: z.string().min(1).max(100).optional().describe('Exact action, e.g. `team.created`.'),
  ...pageQueryFields,
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
