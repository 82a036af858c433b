/**
 * Request and response schemas of the account endpoints: sign-in, sessions, the current user,
 * password change, personal API tokens and invitations. Request bodies are strict (an unknown
 * field is a 400) and these schemas are what the OpenAPI document shows.
 */
import { z } from 'zod';
import { isoDateTimeSchema, orgRoleSchema } from '../model.ts';

/** An e-mail address in its stored form (lower-case). */
export const emailSchema = z.email().max(254).toLowerCase();

/** A new password: long enough to resist guessing, short enough to hash quickly. */
export const newPasswordSchema = z.string().min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters');

/** A password as typed at sign-in (not checked for strength; that happened when it was set). */
const givenPasswordSchema = z.string().min(1).max(1000);

const idParam = z.uuid();
export const idParamsSchema = z.strictObject({ id: idParam });
export const orgParamsSchema = z.strictObject({ org: z.string().min(1).max(100) });
export const orgIdParamsSchema = z.strictObject({ org: z.string().min(1).max(100), id: idParam });

export const userSchema = z.object({ id: z.string(), email: z.string(), name: z.string() });
export type UserView = z.infer<typeof userSchema>;

// ---- sign-in -------------------------------------------------------------------------------

export const loginBodySchema = z.strictObject({ email: emailSchema, password: givenPasswordSchema });
export type LoginBody = z.infer<typeof loginBodySchema>;

export const signedInSchema = z.object({
  user: userSchema,
  csrfToken: z.string().describe('Send as X-CSRF-Token on every cookie-authenticated write.'),
  expiresAt: isoDateTimeSchema,
});
export type SignedIn = z.infer<typeof signedInSchema>;

// ---- the current user ----------------------------------------------------------------------

export const meSchema = z.object({
  user: userSchema,
  csrfToken: z.string().nullable().describe('The CSRF token of the session; null when signed in with an API token.'),
  organisations: z.array(
    z.object({
      id: z.string(),
      slug: z.string(),
      name: z.string(),
      roles: z.array(orgRoleSchema),
      teams: z.array(z.object({ id: z.string(), name: z.string(), isLead: z.boolean() })),
    }),
  ),
});
export type Me = z.infer<typeof meSchema>;

export const sessionSchema = z.object({
  id: z.string(),
  createdAt: isoDateTimeSchema,
  expiresAt: isoDateTimeSchema,
  lastSeenAt: isoDateTimeSchema,
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  current: z.boolean().describe('Whether this request was made with this session.'),
});
export type SessionView = z.infer<typeof sessionSchema>;
export const sessionListSchema = z.object({ sessions: z.array(sessionSchema) });

export const passwordChangeBodySchema = z.strictObject({ currentPassword: givenPasswordSchema, newPassword: newPasswordSchema });
export type PasswordChangeBody = z.infer<typeof passwordChangeBodySchema>;

// ---- personal API tokens -------------------------------------------------------------------

export const tokenCreateBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional().describe('Omit for a token that does not expire.'),
});
export type TokenCreateBody = z.infer<typeof tokenCreateBodySchema>;

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the token, to recognise it.'),
  createdAt: isoDateTimeSchema,
  expiresAt: isoDateTimeSchema.nullable(),
  lastUsedAt: isoDateTimeSchema.nullable(),
});
export type TokenView = z.infer<typeof tokenSchema>;
export const tokenListSchema = z.object({ tokens: z.array(tokenSchema) });

export const createdTokenSchema = tokenSchema.omit({ lastUsedAt: true }).extend({
  token: z.string().describe('The token itself. Shown only in this response; store it now.'),
});
export type CreatedToken = z.infer<typeof createdTokenSchema>;

// ---- invitations ---------------------------------------------------------------------------

export const invitationCreateBodySchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().min(1).max(200).optional(),
  roles: z.array(orgRoleSchema).max(4).optional(),
  teamId: z.uuid().optional(),
});
export type InvitationCreateBody = z.infer<typeof invitationCreateBodySchema>;

export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  roles: z.array(orgRoleSchema),
  teamId: z.string().nullable(),
  invitedBy: z.string().nullable(),
  createdAt: isoDateTimeSchema,
  expiresAt: isoDateTimeSchema,
});
export type InvitationView = z.infer<typeof invitationSchema>;
export const invitationListSchema = z.object({ invitations: z.array(invitationSchema) });

export const createdInvitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  expiresAt: isoDateTimeSchema,
  acceptUrl: z.string().describe('The path of the web page that accepts the invitation.'),
  token: z.string().describe('The single-use secret of the invitation link. Shown only in this response.'),
});
export type CreatedInvitation = z.infer<typeof createdInvitationSchema>;

export const invitationAcceptBodySchema = z.strictObject({
  token: z.string().min(1).max(200),
  password: z
    .string()
    .min(1)
    .max(1000)
    .optional()
    .describe(
      'A new password (at least 10 characters), or your current one if you already have an account; left out when you are signed in as the invited account.',
    ),
  name: z.string().trim().min(1).max(200).optional(),
});
export type InvitationAcceptBody = z.infer<typeof invitationAcceptBodySchema>;
