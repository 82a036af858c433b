/**
 * Schemas of the collaboration features between teams: a shared objective's progress per
 * contributing team, collaboration requests (ask / accept / decline) and the cross-team map.
 */
import { z } from 'zod';
import { healthSchema, isoDateSchema, objectiveLevelSchema } from '../model.ts';
import { pageQueryFields, pageSchema } from './page.ts';
import { personRefSchema } from './people.ts';

const orgSlug = z.string().min(1).max(100);
const named = z.object({ id: z.string(), name: z.string() });
const isoDateTime = z.string().describe('An instant, ISO 8601 in UTC.');

// ---- shared objectives ----------------------------------------------------------------------

export const PRIVATE_CONTRIBUTION_TITLE = 'A private objective';

export const sharedContributionSchema = z.object({
  kind: z
    .enum(['key_result', 'objective'])
    .describe(
      'A key result of the shared objective (or counting in it), or a team objective aligned to it.',
    ),
  id: z.string().nullable().describe('Null for an objective the caller may not read.'),
  title: z.string(),
  objectiveId: z.string().nullable().describe('Where to open it; null when private.'),
  progress: z.number(),
  health: healthSchema.nullable(),
  private: z.boolean(),
});
export type SharedContributionView = z.infer<typeof sharedContributionSchema>;

export const teamShareSchema = z.object({
  team: named,
  progress: z
    .number()
    .nullable()
    .describe('Weighted mean of what the team contributes; null when nothing is measurable yet.'),
  health: healthSchema.nullable().describe('The worst health among what the team contributes.'),
  contributions: z.array(sharedContributionSchema),
});
export type TeamShareView = z.infer<typeof teamShareSchema>;

export const sharedProgressSchema = z
  .object({
    overall: z
      .number()
      .describe("The objective's own progress, as stored (the same as `progress`)."),
    teams: z.array(teamShareSchema),
    unattributed: z
      .array(sharedContributionSchema)
      .describe('Contributions from outside every contributing team.'),
  })
  .describe('Shared objectives only: progress per contributing team and overall.');
export type SharedProgressView = z.infer<typeof sharedProgressSchema>;

// ---- collaboration requests -----------------------------------------------------------------

export const REQUEST_STATUSES = ['open', 'accepted', 'declined'] as const;
export const requestStatusSchema = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof requestStatusSchema>;

export const requestEventSchema = z.object({
  kind: z.enum(['asked', 'accepted', 'declined']),
  at: isoDateTime,
  by: personRefSchema.nullable(),
  text: z
    .string()
    .nullable()
    .describe('The message when asked; the reason when declined; the note when accepted.'),
});

export const collaborationRequestSchema = z.object({
  id: z.string(),
  fromTeam: named.describe('The team asking for help.'),
  toTeam: named.describe('The team asked.'),
  objective: z.object({
    id: z.string(),
    title: z.string(),
    level: objectiveLevelSchema.describe('Only a shared objective can be accepted as a contribution.'),
  }),
  keyResult: z
    .object({ id: z.string(), title: z.string() })
    .nullable()
    .describe('The key result that needs the help, if named.'),
  message: z.string().describe('Markdown source.'),
  messageHtml: z.string().describe('The message rendered to safe HTML.'),
  neededBy: isoDateSchema.nullable(),
  status: requestStatusSchema,
  response: z
    .string()
    .nullable()
    .describe('The reason of a decline, or the note of an acceptance.'),
  outcome: z
    .object({
      kind: z.enum(['dependency', 'contribution']),
      id: z
        .string()
        .describe('The dependency created, or the objective the team now contributes to.'),
    })
    .nullable(),
  requestedBy: personRefSchema.nullable(),
  respondedBy: personRefSchema.nullable(),
  createdAt: isoDateTime,
  respondedAt: isoDateTime.nullable(),
  history: z.array(requestEventSchema),
  version: z.number().int(),
  abilities: z.object({ canRespond: z.boolean() }),
});
export type CollaborationRequestView = z.infer<typeof collaborationRequestSchema>;
export const collaborationRequestPageSchema = pageSchema(collaborationRequestSchema);

export const requestListQuerySchema = z.object({
  teamId: z.uuid().optional().describe('Requests this team sent or received (see `direction`).'),
  direction: z
    .enum(['incoming', 'outgoing', 'both'])
    .default('both')
    .describe('With `teamId`: its inbox (incoming), its outbox (outgoing) or both.'),
  status: requestStatusSchema.optional(),
  objectiveId: z.uuid().optional(),
  ...pageQueryFields,
});
export type RequestListQuery = z.infer<typeof requestListQuerySchema>;

const message = z
  .string()
  .max(10_000)
  .refine((text) => text.trim().length > 0, 'must not be empty');

export const createRequestBodySchema = z
  .strictObject({
    fromTeamId: z
      .uuid()
      .describe('The team asking; the caller must be in it (coordinators may ask for any team).'),
    toTeamId: z.uuid(),
    objectiveId: z.uuid().describe('The objective the help is for.'),
    keyResultId: z
      .uuid()
      .nullable()
      .optional()
      .describe('A key result of that objective that needs the help.'),
    message,
    neededBy: isoDateSchema.nullable().optional(),
  })
  .refine((body) => body.fromTeamId !== body.toTeamId, {
    message: 'a team cannot ask itself',
    path: ['toTeamId'],
  });
export type CreateRequestBody = z.infer<typeof createRequestBodySchema>;

export const acceptRequestBodySchema = z.discriminatedUnion('as', [
  z.strictObject({
    as: z
      .literal('dependency')
      .describe('Record that the asking key result depends on one of ours.'),
    dependsOnId: z.uuid().describe('The key result of the team asked that the help comes from.'),
    keyResultId: z.uuid().optional().describe("The asking key result; defaults to the request's."),
    note: z.string().trim().max(2000).optional(),
  }),
  z.strictObject({
    as: z.literal('contribution').describe('Join the (shared) objective as a contributing team.'),
    note: z.string().trim().max(2000).optional(),
  }),
]);
export type AcceptRequestBody = z.infer<typeof acceptRequestBodySchema>;

export const declineRequestBodySchema = z.strictObject({
  reason: z
    .string()
    .max(2000)
    .refine((text) => text.trim().length > 0, 'say why, so the asking team can look elsewhere'),
});
export type DeclineRequestBody = z.infer<typeof declineRequestBodySchema>;

export const requestParamsSchema = z.strictObject({ org: orgSlug, id: z.uuid() });

// ---- cross-team map -------------------------------------------------------------------------

export const crossTeamMapQuerySchema = z.object({
  cycleId: z.uuid().optional().describe('Only objectives and key results of this cycle.'),
});
export type CrossTeamMapQuery = z.infer<typeof crossTeamMapQuerySchema>;

export const crossTeamMapSchema = z.object({
  teams: z.array(
    named.extend({
      parentId: z.string().nullable(),
      edgeCount: z.number().int(),
    }),
  ),
  edges: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['dependency', 'shared']),
      from: z.string().describe('A team id: for a dependency, the team that waits.'),
      to: z.string().describe('A team id: for a dependency, the team waited for.'),
      health: healthSchema
        .nullable()
        .describe('The worst health the edge carries (risk that travels included).'),
      items: z.array(
        z.object({
          id: z.string().describe('The dependency or shared objective.'),
          title: z.string(),
          objectiveId: z.string().describe('The objective page to open.'),
          health: healthSchema.nullable(),
        }),
      ),
    }),
  ),
});
export type CrossTeamMapView = z.infer<typeof crossTeamMapSchema>;
