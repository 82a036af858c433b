/**
 * Request and response schemas of single sign-on: an organisation's OpenID Connect provider (its
 * admins configure it) and the outcome of testing it. The client secret goes in and never comes
 * out: the API says only whether one is set.
 */
import { z } from 'zod';
import { isoDateTimeSchema } from '../model.ts';

/** The roles a provisioned member may get: admin is never handed out by a provider. */
export const PROVISIONED_ROLES = ['member', 'executive', 'champion', 'coordinator'] as const;
export const provisionedRoleSchema = z.enum(PROVISIONED_ROLES);
export type ProvisionedRole = z.infer<typeof provisionedRoleSchema>;

const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/,
    'must be a domain such as example.com',
  );

export const ssoConfigSchema = z.object({
  issuer: z.string(),
  clientId: z.string(),
  clientSecretSet: z
    .boolean()
    .describe('Whether a client secret is stored; the secret itself is never returned.'),
  allowedDomains: z.array(z.string()),
  provisionedRole: provisionedRoleSchema,
  enabled: z.boolean(),
  requireSso: z.boolean(),
  updatedAt: isoDateTimeSchema,
  version: z.number().int(),
});
export type SsoConfigView = z.infer<typeof ssoConfigSchema>;

export const ssoSettingsSchema = z.object({
  config: ssoConfigSchema.nullable().describe('null until an admin configures single sign-on'),
  redirectUri: z.string().describe('Register this redirect URI with the provider.'),
  startUrl: z
    .string()
    .describe(
      "A link that starts single sign-on for this organisation (for the provider's app launcher).",
    ),
  version: z
    .number()
    .int()
    .describe('0 before the first configuration; send it in If-Match with PUT.'),
});
export type SsoSettingsView = z.infer<typeof ssoSettingsSchema>;

export const ssoConfigBodySchema = z.strictObject({
  issuer: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(500)
    .describe(
      'The issuer URL; its /.well-known/openid-configuration is read. https, or http on loopback only.',
    ),
  clientId: z.string().trim().min(1).max(500),
  clientSecret: z
    .string()
    .min(1)
    .max(2000)
    .nullable()
    .optional()
    .describe('Leave out to keep the stored secret; null for a public client (PKCE only).'),
  allowedDomains: z.array(domainSchema).min(1).max(50),
  provisionedRole: provisionedRoleSchema.default('member'),
  enabled: z.boolean(),
  requireSso: z.boolean().default(false),
});
export type SsoConfigBody = z.infer<typeof ssoConfigBodySchema>;

export const ssoCheckSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  detail: z.string(),
});
export const ssoTestResultSchema = z.object({
  ok: z.boolean(),
  checks: z.array(ssoCheckSchema),
});
export type SsoTestResult = z.infer<typeof ssoTestResultSchema>;

export const ssoStartQuerySchema = z.strictObject({
  org: z.string().min(1).max(100).optional(),
  email: z.string().max(254).optional(),
  next: z.string().max(2000).optional(),
});
export type SsoStartQuery = z.infer<typeof ssoStartQuerySchema>;

export const ssoCallbackQuerySchema = z.object({
  state: z.string().max(500).optional(),
  code: z.string().max(4000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
  iss: z.string().max(500).optional(),
  session_state: z.string().max(500).optional(),
});

/**
 * Why a single sign-on ended on the sign-in page: the web app words each for people (the
 * `sso_error` query parameter of /signin).
 */
export const SSO_ERRORS = [
  'not_configured',
  'disabled',
  'ambiguous',
  'provider_unreachable',
  'provider_error',
  'invalid_state',
  'expired',
  'email_unverified',
  'email_missing',
  'domain_not_allowed',
  'membership_removed',
  'link_requires_sign_in',
  'rate_limited',
  'failed',
] as const;
export type SsoError = (typeof SSO_ERRORS)[number];
