/**
 * Signing in through an organisation's OpenID Connect provider: the authorization code flow with
 * PKCE, state and nonce (openid-client), and provisioning of the person it proves.
 *
 * The sign-in on its way (state, nonce, PKCE verifier, organisation, return path) is a database
 * row, so the instance that receives the callback need not be the one that started it; it works
 * once and for ten minutes. Every refusal is an `SsoFailure` with a code the web app words on its
 * sign-in page: never a 500, never a stack trace.
 */
import { v7 as uuidv7 } from 'uuid';
import * as oidc from 'openid-client';
import type { SsoError } from '../../contracts/api/sso.ts';
import type { OrgRole } from '../../contracts/model.ts';
import {
  findUserByEmail,
  findUserById,
  grantMembership,
  insertUser,
  isMember,
  type UserRecord,
} from '../../repositories/accounts.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { normaliseEmail, userRow } from '../../repositories/rows.ts';
import {
  consumeSsoLogin,
  deleteOldSsoLogins,
  findEnabledSsoByDomain,
  findOrganisationById,
  findOrganisationBySlug,
  findSsoConfig,
  findSsoIdentity,
  findSsoLogin,
  insertSsoIdentity,
  insertSsoLogin,
  organisationIdsOf,
  touchSsoIdentity,
  type SsoConfigRow,
} from '../../repositories/sso.ts';
import { inTransaction, type Db } from '../context.ts';
import { hashSecret, newSecret, safeEqual } from '../secrets.ts';
import {
  startSession,
  type AccountContext,
  type ClientInfo,
  type NewSession,
} from '../accounts/sessions.ts';
import { describeProviderError, discover } from './provider.ts';

/** How long a person has at the provider before the sign-in must start again. */
export const SSO_LOGIN_LIFETIME_MS = 10 * 60_000;
const SCOPE = 'openid email profile';

/** A single sign-on that ends on the sign-in page with `code`; `detail` is for the server's log. */
export class SsoFailure extends Error {
  readonly code: SsoError;
  constructor(code: SsoError, detail: string) {
    super(detail);
    this.name = 'SsoFailure';
    this.code = code;
  }
}

/** A path on this site to return to, or null: no scheme, no host, no `//`, no backslash. */
export function safeReturnPath(next: string | undefined): string | null {
  if (!next || next.length > 2000) return null;
  // \s covers the control characters a browser would strip (tab, CR, LF) to read `/\t/evil`.
  if (
    !next.startsWith('/') ||
    next.startsWith('//') ||
    /[\\\s]/.test(next) ||
    [...next].some((ch) => ch < ' ')
  )
    return null;
  if (next.startsWith('/signin') || next.startsWith('/api/')) return null;
  return next;
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

async function providerOf(config: SsoConfigRow): Promise<oidc.Configuration> {
  try {
    return await discover(config);
  } catch (error) {
    throw new SsoFailure('provider_unreachable', describeProviderError(error));
  }
}

/** Which organisation: by its slug, or by the e-mail's domain among enabled configurations. */
async function organisationFor(
  db: Db,
  by: { org?: string | undefined; email?: string | undefined },
) {
  if (by.org) {
    const organisation = await findOrganisationBySlug(db, by.org);
    if (!organisation) throw new SsoFailure('not_configured', `No organisation '${by.org}'.`);
    return organisation;
  }
  const email = normaliseEmail(by.email ?? '');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new SsoFailure('not_configured', 'No e-mail address or organisation given.');
  const matches = await findEnabledSsoByDomain(db, domainOf(email));
  if (matches.length > 1)
    throw new SsoFailure('ambiguous', `Several organisations sign in ${domainOf(email)} with SSO.`);
  const [match] = matches;
  if (!match)
    throw new SsoFailure('not_configured', `No organisation signs in ${domainOf(email)} with SSO.`);
  const organisation = await findOrganisationById(db, match.org_id);
  if (!organisation) throw new SsoFailure('not_configured', 'The organisation is gone.');
  return organisation;
}

/**
 * Starts a sign-in: stores the pending login and answers the provider's authorization URL to
 * send the browser to.
 */
export async function startSsoSignIn(
  ctx: AccountContext,
  request: { org?: string | undefined; email?: string | undefined; next?: string | undefined },
  redirectUri: string,
): Promise<{ url: URL; browserKey: string }> {
  const db = ctx.connection.db;
  const organisation = await organisationFor(db, request);
  const config = await findSsoConfig(db, organisation.id);
  if (!config)
    throw new SsoFailure(
      'not_configured',
      `Organisation ${organisation.slug} has no single sign-on.`,
    );
  if (config.enabled !== 1)
    throw new SsoFailure('disabled', `Single sign-on of ${organisation.slug} is switched off.`);
  const provider = await providerOf(config);

  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const codeChallenge = await oidc.calculatePKCECodeChallenge(codeVerifier);
  // The callback must come back to the browser that started: without this, someone could start a
  // sign-in as themselves and have another person's browser finish it (login CSRF).
  const browserKey = newSecret();
  const returnTo =
    safeReturnPath(request.next) ?? `/orgs/${encodeURIComponent(organisation.slug)}/home`;
  await inTransaction(ctx, async (trx) => {
    // Forget what ended a day ago: the table holds only sign-ins of the last day.
    await deleteOldSsoLogins(trx, new Date(ctx.now.getTime() - 24 * 60 * 60_000).toISOString());
    await insertSsoLogin(trx, {
      id: uuidv7(),
      state_hash: hashSecret(state),
      browser_hash: hashSecret(browserKey),
      org_id: organisation.id,
      nonce,
      code_verifier: codeVerifier,
      redirect_uri: redirectUri,
      return_to: returnTo,
      created_at: ctx.now.toISOString(),
      expires_at: new Date(ctx.now.getTime() + SSO_LOGIN_LIFETIME_MS).toISOString(),
      consumed_at: null,
    });
  });
  const parameters: Record<string, string> = {
    redirect_uri: redirectUri,
    scope: SCOPE,
    state,
    nonce,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
  };
  if (request.email) parameters.login_hint = normaliseEmail(request.email);
  return { url: oidc.buildAuthorizationUrl(provider, parameters), browserKey };
}

export interface SsoCallback {
  /** The callback's query string, as received (openid-client reads code, state and iss from it). */
  search: string;
  state?: string | undefined;
  error?: string | undefined;
  errorDescription?: string | undefined;
  /** The cookie `startSsoSignIn` gave the browser (its `browserKey`), if the browser sent it. */
  browserKey: string | undefined;
  /** The user of the browser's current session, if any (links an account that belongs elsewhere). */
  signedInUserId: string | null;
}

export interface SsoSignedIn {
  session: NewSession;
  returnTo: string;
}

/** The identity the provider proved: subject, verified e-mail and a name. */
interface ProvenIdentity {
  issuer: string;
  subject: string;
  email: string;
  name: string;
}

async function provenIdentity(
  provider: oidc.Configuration,
  config: SsoConfigRow,
  tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>,
): Promise<ProvenIdentity> {
  const claims = tokens.claims();
  if (!claims) throw new SsoFailure('provider_error', 'The provider returned no ID token.');
  let email: unknown = claims.email;
  let verified: unknown = claims.email_verified;
  let name: unknown = claims.name;
  if (email === undefined && tokens.access_token && provider.serverMetadata().userinfo_endpoint) {
    const userInfo = await oidc.fetchUserInfo(provider, tokens.access_token, claims.sub);
    ({ email, email_verified: verified } = userInfo);
    name ??= userInfo.name;
  }
  if (typeof email !== 'string' || !email.includes('@'))
    throw new SsoFailure('email_missing', 'The provider sent no e-mail address.');
  const normalised = normaliseEmail(email);
  // Only an address the provider vouches for may find or create an account.
  if (verified !== true)
    throw new SsoFailure('email_unverified', `The provider has not verified ${normalised}.`);
  const domains = JSON.parse(config.allowed_domains) as string[];
  if (!domains.includes(domainOf(normalised))) {
    throw new SsoFailure(
      'domain_not_allowed',
      `${domainOf(normalised)} is not among ${domains.join(', ')}.`,
    );
  }
  const shownName =
    typeof name === 'string' && name.trim()
      ? name.trim().slice(0, 200)
      : (normalised.split('@')[0] ?? normalised);
  return { issuer: claims.iss, subject: claims.sub, email: normalised, name: shownName };
}

/**
 * Finishes a sign-in: the pending login is used up first (so a replay fails even when the
 * provider's answer is bad), the code is exchanged and the ID token checked (issuer, audience,
 * nonce, PKCE), then the person is found or provisioned and a session starts.
 */
export async function finishSsoSignIn(
  ctx: AccountContext,
  callback: SsoCallback,
  client: ClientInfo,
): Promise<SsoSignedIn> {
  const db = ctx.connection.db;
  const nowIso = ctx.now.toISOString();
  if (!callback.state) throw new SsoFailure('invalid_state', 'The callback carries no state.');
  const login = await findSsoLogin(db, hashSecret(callback.state));
  if (!login || login.consumed_at !== null)
    throw new SsoFailure('invalid_state', 'Unknown or used state.');
  if (login.expires_at <= nowIso)
    throw new SsoFailure('expired', 'The sign-in took longer than 10 minutes.');
  // Checked before the login is used up, so a link planted in another browser does not spoil it.
  if (!callback.browserKey || !safeEqual(hashSecret(callback.browserKey), login.browser_hash)) {
    throw new SsoFailure(
      'invalid_state',
      'The callback came to another browser than the one that started.',
    );
  }
  if (!(await consumeSsoLogin(db, login.id, nowIso)))
    throw new SsoFailure('invalid_state', 'The state was used meanwhile.');

  if (callback.error) {
    throw new SsoFailure(
      'provider_error',
      `The provider answered ${callback.error}: ${callback.errorDescription ?? ''}`.slice(0, 300),
    );
  }
  const config = await findSsoConfig(db, login.org_id);
  if (!config || config.enabled !== 1)
    throw new SsoFailure('disabled', 'Single sign-on was switched off meanwhile.');
  const provider = await providerOf(config);
  let identity: ProvenIdentity;
  try {
    const tokens = await oidc.authorizationCodeGrant(
      provider,
      new URL(`${login.redirect_uri}${callback.search}`),
      {
        pkceCodeVerifier: login.code_verifier,
        expectedState: callback.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      },
    );
    identity = await provenIdentity(provider, config, tokens);
  } catch (error) {
    if (error instanceof SsoFailure) throw error;
    throw new SsoFailure('provider_error', describeProviderError(error));
  }

  return inTransaction(ctx, async (trx) => {
    const user = await provision(trx, ctx.now, config, identity, callback.signedInUserId);
    const session = await startSession(trx, user, client, ctx.now);
    return { session, returnTo: login.return_to };
  });
}

async function provision(
  trx: Db,
  now: Date,
  config: SsoConfigRow,
  identity: ProvenIdentity,
  signedInUserId: string | null,
): Promise<UserRecord> {
  const orgId = config.org_id;
  const nowIso = now.toISOString();
  const audit = (
    action: string,
    objectType: string,
    objectId: string,
    actorId: string,
    after: Record<string, unknown>,
  ) =>
    recordAudit(trx, {
      orgId,
      actorId,
      action,
      objectType,
      objectId,
      after: { issuer: identity.issuer, ...after },
      at: now,
    });
  const roles: OrgRole[] =
    config.provisioned_role === 'member' ? [] : [config.provisioned_role as OrgRole];

  const linked = await findSsoIdentity(trx, orgId, identity.issuer, identity.subject);
  if (linked) {
    const user = await findUserById(trx, linked.user_id);
    if (!user) throw new SsoFailure('failed', 'The linked account is gone.');
    // An admin who removed the person decided; the provider does not overrule them.
    if (!(await isMember(trx, orgId, user.id)))
      throw new SsoFailure('membership_removed', `${user.email} is no longer a member.`);
    await touchSsoIdentity(trx, linked.id, identity.email, nowIso);
    return user;
  }

  const link = async (user: UserRecord, created: boolean) => {
    const id = uuidv7();
    await insertSsoIdentity(trx, {
      id,
      org_id: orgId,
      issuer: identity.issuer,
      subject: identity.subject,
      user_id: user.id,
      email: identity.email,
      created_at: nowIso,
      last_sign_in_at: nowIso,
    });
    await audit('sso.identity_linked', 'user', user.id, user.id, {
      subject: identity.subject,
      email: identity.email,
      newAccount: created,
    });
  };

  const existing = await findUserByEmail(trx, identity.email);
  if (existing) {
    // A provider speaks for its own organisation. An account that is also someone's elsewhere is
    // linked only when its owner is signed in, or this organisation's provider could open it.
    const elsewhere = (await organisationIdsOf(trx, existing.id)).some((id) => id !== orgId);
    if (elsewhere && signedInUserId !== existing.id) {
      throw new SsoFailure(
        'link_requires_sign_in',
        `${existing.email} belongs to other organisations too.`,
      );
    }
    if (!(await isMember(trx, orgId, existing.id))) {
      await grantMembership(trx, {
        orgId,
        userId: existing.id,
        roles,
        teamId: null,
        createdAt: nowIso,
      });
      await audit('sso.member_provisioned', 'user', existing.id, existing.id, {
        email: existing.email,
        roles,
        newAccount: false,
      });
    }
    await link(existing, false);
    return existing;
  }

  const user: UserRecord = {
    id: uuidv7(),
    email: identity.email,
    name: identity.name,
    password_hash: null,
  };
  await insertUser(
    trx,
    userRow({ id: user.id, email: user.email, name: user.name, createdAt: nowIso }),
  );
  await grantMembership(trx, { orgId, userId: user.id, roles, teamId: null, createdAt: nowIso });
  await audit('sso.member_provisioned', 'user', user.id, user.id, {
    email: user.email,
    name: user.name,
    roles,
    newAccount: true,
  });
  await link(user, true);
  return user;
}
