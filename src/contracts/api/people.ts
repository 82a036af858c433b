/**
 * Request and response schemas of members, roles and teams. Request bodies are strict (an
 * unknown field is a 400); these schemas are what the OpenAPI document shows.
 */
import { z } from 'zod';
import { isoDateTimeSchema, orgRoleSchema } from '../model.ts';
import { pageQueryFields, pageSchema } from './page.ts';

const orgSlug = z.string().min(1).max(100);
export const orgParamsSchema = z.strictObject({ org: orgSlug });
export const memberParamsSchema = z.strictObject({ org: orgSlug, userId: z.uuid() });
export const teamParamsSchema = z.strictObject({ org: orgSlug, id: z.uuid() });
export const teamMemberParamsSchema = z.strictObject({
  org: orgSlug,
  id: z.uuid(),
  userId: z.uuid(),
});

/** A person as other objects refer to them. */
export const personRefSchema = z.object({ id: z.string(), name: z.string() });
export type PersonRef = z.infer<typeof personRefSchema>;

const atLeastOneField = (body: Record<string, unknown>) =>
  Object.values(body).some((value) => value !== undefined);
const NOTHING_TO_CHANGE = { message: 'send at least one field to change' };

// ---- members ---------------------------------------------------------------------------------

export const memberSchema = z.object({
  id: z.string().describe('The user id.'),
  name: z.string(),
  email: z.string(),
  title: z.string().nullable(),
  roles: z.array(orgRoleSchema),
  teams: z.array(z.object({ id: z.string(), name: z.string(), isLead: z.boolean() })),
  joinedAt: isoDateTimeSchema,
  version: z.number().int(),
  abilities: z.object({ canEdit: z.boolean(), canRemove: z.boolean() }),
});
export type MemberView = z.infer<typeof memberSchema>;
export const memberPageSchema = pageSchema(memberSchema);

export const memberListQuerySchema = z.object({
  text: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Part of the name or e-mail address.'),
  role: orgRoleSchema.optional(),
  team: z.uuid().optional().describe('Only members of this team.'),
  ...pageQueryFields,
});
export type MemberListQuery = z.infer<typeof memberListQuerySchema>;

export const updateMemberBodySchema = z
  .strictObject({
    roles: z.array(orgRoleSchema).max(8).optional().describe('The complete new set of roles.'),
    title: z.string().trim().max(120).nullable().optional(),
  })
  .refine(atLeastOneField, NOTHING_TO_CHANGE);
export type UpdateMemberBody = z.infer<typeof updateMemberBodySchema>;

// ---- teams -----------------------------------------------------------------------------------

const teamName = z.string().trim().min(1).max(120);

export const teamSchema = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  memberCount: z.number().int(),
  createdAt: isoDateTimeSchema,
  version: z.number().int(),
  abilities: z.object({
    canEdit: z.boolean(),
    canDelete: z.boolean(),
    canManageMembers: z.boolean(),
  }),
});
export type TeamView = z.infer<typeof teamSchema>;
export const teamPageSchema = pageSchema(teamSchema);
export const teamListQuerySchema = z.object({ ...pageQueryFields });

export const teamMemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  isLead: z.boolean(),
});
export const teamDetailSchema = teamSchema.extend({ members: z.array(teamMemberSchema) });
export type TeamDetailView = z.infer<typeof teamDetailSchema>;

export interface TeamTreeNode {
  id: string;
  name: string;
  memberCount: number;
  children: TeamTreeNode[];
}
/** Recursive, so it is a named component of the OpenAPI document (`TeamTreeNode`). */
export const teamTreeNodeSchema: z.ZodType<TeamTreeNode> = z
  .lazy(() =>
    z.object({
      id: z.string(),
      name: z.string(),
      memberCount: z.number().int(),
      children: z.array(teamTreeNodeSchema),
    }),
  )
  .meta({ id: 'TeamTreeNode' });
export const teamTreeSchema = z.object({ roots: z.array(teamTreeNodeSchema) });

export const createTeamBodySchema = z.strictObject({
  name: teamName,
  parentId: z.uuid().nullable().optional().describe('The team this one belongs to.'),
});
export type CreateTeamBody = z.infer<typeof createTeamBodySchema>;

export const updateTeamBodySchema = z
  .strictObject({ name: teamName.optional(), parentId: z.uuid().nullable().optional() })
  .refine(atLeastOneField, NOTHING_TO_CHANGE);
export type UpdateTeamBody = z.infer<typeof updateTeamBodySchema>;

export const putTeamMemberBodySchema = z.strictObject({ isLead: z.boolean() });
