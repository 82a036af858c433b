/**
 * An organisation's single sign-on configuration, kept by its admins (`sso.manage`): the OpenID
 * Connect provider, the e-mail domains whose people are provisioned, the role they get, and
 * whether password sign-in is refused for members who are not admins. The client secret is
 * written, never read back: views and audit rows say only whether one is set.
 */
import type { SsoConfigBody, SsoSettingsView, SsoTestResult } from '../../contracts/api/sso.ts';
import { AppError } from '../../contracts/app-error.ts';
import { authorize, type Actor } from '../../policy/policy.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  deleteSsoConfig as deleteRow,
  findSsoConfig,
  insertSsoConfig,
  updateSsoConfig,
  type SsoConfigRow,
} from '../../repositories/sso.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { badField, staleVersion } from '../service-errors.ts';
import { describeProviderError, discover, issuerProblem } from './provider.ts';

/** Where the provider sends people back, and where single sign-on starts: the caller's address. */
export interface SsoAddresses {
  redirectUri: string;
  startUrl: string;
}

const manage = (actor: Actor) => authorize(actor, 'sso.manage', { type: 'organisation' });

function presentConfig(row: SsoConfigRow | undefined, addresses: SsoAddresses): SsoSettingsView {
  return {
    config: row
      ? {
          issuer: row.issuer,
          clientId: row.client_id,
          clientSecretSet: row.client_secret !== null,
          allowedDomains: JSON.parse(row.allowed_domains) as string[],
          provisionedRole: row.provisioned_role as SsoConfigBody['provisionedRole'],
          enabled: row.enabled === 1,
          requireSso: row.require_sso === 1,
          updatedAt: row.updated_at,
          version: row.version,
        }
      : null,
    redirectUri: addresses.redirectUri,
    startUrl: addresses.startUrl,
    version: row?.version ?? 0,
  };
}

/** What the audit log keeps of a configuration: everything but the secret itself. */
function snapshot(row: SsoConfigRow): Record<string, unknown> {
  return {
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecretSet: row.client_secret !== null,
    allowedDomains: JSON.parse(row.allowed_domains) as unknown,
    provisionedRole: row.provisioned_role,
    enabled: row.enabled === 1,
    requireSso: row.require_sso === 1,
  };
}

/** The organisation's configuration (null before the first), with the redirect URI to register. */
export async function getSsoSettings(
  ctx: ServiceContext,
  addresses: SsoAddresses,
): Promise<SsoSettingsView> {
  manage(ctx.actor);
  return presentConfig(await findSsoConfig(ctx.connection.db, ctx.actor.orgId), addresses);
}

/**
 * Creates (If-Match "0") or replaces the configuration. A left-out `clientSecret` keeps the
 * stored one; null removes it (a public client). Audited as `sso.configured` / `sso.updated`.
 */
export async function putSsoSettings(
  ctx: ServiceContext,
  expected: number,
  body: SsoConfigBody,
  addresses: SsoAddresses,
): Promise<SsoSettingsView> {
  const { actor } = ctx;
  manage(actor);
  const problem = issuerProblem(body.issuer);
  if (problem) throw badField('issuer', problem);
  const domains = [...new Set(body.allowedDomains)].sort();
  const at = ctx.now.toISOString();
  return inTransaction(ctx, async (trx) => {
    const before = await findSsoConfig(trx, actor.orgId);
    const clientSecret =
      body.clientSecret === undefined ? (before?.client_secret ?? null) : body.clientSecret;
    const values = {
      // As given: the issuer is compared exactly (Auth0's ends with a slash, most do not).
      issuer: body.issuer,
      client_id: body.clientId,
      client_secret: clientSecret,
      allowed_domains: JSON.stringify(domains),
      provisioned_role: body.provisionedRole,
      enabled: body.enabled ? 1 : 0,
      require_sso: body.requireSso ? 1 : 0,
      updated_by: actor.userId,
      updated_at: at,
    };
    if (!before) {
      if (expected !== 0) throw staleVersion(presentConfig(undefined, addresses));
      await insertSsoConfig(trx, { org_id: actor.orgId, created_at: at, ...values });
    } else if (
      before.version !== expected ||
      !(await updateSsoConfig(trx, actor.orgId, expected, values))
    ) {
      throw staleVersion(presentConfig(before, addresses));
    }
    const after = await findSsoConfig(trx, actor.orgId);
    if (!after)
      throw new AppError(
        'conflict',
        'The configuration was removed meanwhile; reload and try again.',
      );
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: before ? 'sso.updated' : 'sso.configured',
      objectType: 'sso_config',
      objectId: actor.orgId,
      ...(before ? { before: snapshot(before) } : {}),
      after: snapshot(after),
      at: ctx.now,
    });
    return presentConfig(after, addresses);
  });
}

/** Removes the configuration (people keep their accounts; linked identities stay for a new one). */
export async function deleteSsoSettings(ctx: ServiceContext, expected: number): Promise<void> {
  const { actor } = ctx;
  manage(actor);
  await inTransaction(ctx, async (trx) => {
    const before = await findSsoConfig(trx, actor.orgId);
    if (!before) throw new AppError('not_found', 'Single sign-on is not configured.');
    if (before.version !== expected || !(await deleteRow(trx, actor.orgId, expected))) {
      throw staleVersion({ version: before.version });
    }
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'sso.removed',
      objectType: 'sso_config',
      objectId: actor.orgId,
      before: snapshot(before),
      at: ctx.now,
    });
  });
}

/**
 * Checks the saved configuration against the provider's discovery document and says, check by
 * check, what is wrong. The client secret is only checked by a real sign-in.
 */
export async function testSsoSettings(ctx: ServiceContext): Promise<SsoTestResult> {
  manage(ctx.actor);
  const row = await findSsoConfig(ctx.connection.db, ctx.actor.orgId);
  if (!row)
    throw new AppError(
      'not_found',
      'Single sign-on is not configured: save a configuration first.',
    );
  const checks: SsoTestResult['checks'] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });

  const problem = issuerProblem(row.issuer);
  check('Issuer URL', problem === null, problem ? `The issuer ${problem}.` : row.issuer);
  if (problem) return { ok: false, checks };
  let metadata;
  try {
    metadata = (await discover(row)).serverMetadata();
    check('Discovery', true, `Read ${row.issuer}/.well-known/openid-configuration.`);
  } catch (error) {
    check('Discovery', false, describeProviderError(error));
    return { ok: false, checks };
  }
  const codeFlow =
    Boolean(metadata.authorization_endpoint && metadata.token_endpoint) &&
    (metadata.response_types_supported ?? ['code']).includes('code');
  check(
    'Authorization code flow',
    codeFlow,
    codeFlow
      ? 'The provider has authorization and token endpoints and supports response type "code".'
      : 'The provider does not offer the authorization code flow.',
  );
  const pkce = metadata.code_challenge_methods_supported;
  check(
    'PKCE (S256)',
    pkce === undefined || pkce.includes('S256'),
    pkce === undefined
      ? 'Not advertised; most providers support it anyway.'
      : pkce.includes('S256')
        ? 'Supported.'
        : `Only ${pkce.join(', ')}.`,
  );
  const scopes = metadata.scopes_supported;
  const missingScopes = scopes
    ? ['openid', 'email', 'profile'].filter((scope) => !scopes.includes(scope))
    : [];
  check(
    'Scopes openid email profile',
    missingScopes.length === 0 || (missingScopes.length === 1 && missingScopes[0] === 'profile'),
    missingScopes.length === 0
      ? 'Offered.'
      : `Not offered: ${missingScopes.join(', ')}. Without "email" nobody can be provisioned.`,
  );
  const methods = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  const wanted = row.client_secret ? 'client_secret_basic' : 'none';
  check(
    'Client authentication',
    methods.includes(wanted),
    methods.includes(wanted)
      ? row.client_secret
        ? 'A client secret is set and the provider accepts it in the Authorization header (client_secret_basic).'
        : 'No client secret: a public client with PKCE.'
      : `The provider does not accept ${wanted} (it offers ${methods.join(', ')}).`,
  );
  check(
    'Enabled',
    row.enabled === 1,
    row.enabled === 1
      ? 'People can sign in with single sign-on.'
      : 'Single sign-on is switched off: nobody can use it yet.',
  );
  return { ok: checks.every((c) => c.ok), checks };
}
