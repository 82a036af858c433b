/**
 * Single sign-on through the API on both databases, against a real OpenID provider started on
 * loopback (oidc-provider 8, test/support/oidc-provider.ts), the code flow driven by HTTP as a
 * browser would: admins configure it (secret never returned, audited, If-Match), test it, and
 * people sign in — a new person is provisioned, an existing account is linked, and unverified
 * e-mail, another domain, a replayed or expired state, a switched-off configuration and a provider
 * that is down all end on the sign-in page with a code, never a 500. Require-SSO refuses password
 * sign-in to members but not to admins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRole } from '../../src/contracts/model.ts';
import { hashPassword } from '../../src/services/passwords.ts';
import { client, startTestApi, type TestApi } from '../support/api.ts';
import { buildOrganisation, buildToken, buildUser } from '../support/builders.ts';
import { dialectsUnderTest } from '../support/databases.ts';
import {
  signInThrough,
  startOidcProvider,
  type TestOidcProvider,
} from '../support/oidc-provider.ts';

type Body = Record<string, unknown>;
const ifMatch = (version: unknown) => ({ 'if-match': `"${String(version)}"` });
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter += 1)}`;

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`single sign-on on ${dialect}`, () => {
    let api: TestApi;
    let provider: TestOidcProvider;
    // Minutes the server's clock runs ahead (the expired-state test moves it).
    let ahead = 0;
    beforeAll(async () => {
      api = await startTestApi(dialect, { now: () => new Date(Date.now() + ahead * 60_000) });
      provider = await startOidcProvider({ redirectUris: [`${api.url}/api/v1/auth/sso/callback`] });
    });
    afterAll(async () => {
      await provider?.close();
      await api?.close();
    });

    /** An organisation with an admin and a member, and an e-mail domain of its own. */
    async function world() {
      const c = api.connection;
      const org = await buildOrganisation(c);
      const domain = `d${unique()}.test`;
      const user = async (name: string, roles: OrgRole[] = []) => {
        const built = await buildUser(c, org.id, {
          name,
          roles,
          email: `${name.toLowerCase()}-${unique()}@${domain}`,
        });
        return { ...built, api: client(api.url, await buildToken(c, built.id)) };
      };
      const admin = await user('Adam', ['admin']);
      const member = await user('Mia');
      const config = {
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        allowedDomains: [domain],
        enabled: true,
      };
      const configure = async (overrides: Body = {}) => {
        const current = await admin.api.get<Body>(`/api/v1/orgs/${org.slug}/sso`);
        const saved = await admin.api.call<Body>('PUT', `/api/v1/orgs/${org.slug}/sso`, {
          body: { ...config, ...overrides },
          headers: ifMatch(current.body.version),
        });
        expect(saved.status, JSON.stringify(saved.body)).toBe(200);
        return saved.body;
      };
      /** A provider account with an address of this organisation's domain (or another). */
      const account = (claims: { email_verified: boolean; name?: string; email?: string }) => {
        const login = `p${unique()}`;
        provider.accounts[login] = {
          email: claims.email ?? `${login}@${domain}`,
          name: claims.name ?? `Person ${login}`,
          email_verified: claims.email_verified,
        };
        return { login, email: provider.accounts[login]?.email ?? '' };
      };
      return { org, domain, admin, member, configure, account };
    }

    const start = (org: string, next?: string) =>
      `/api/v1/auth/sso/start?org=${encodeURIComponent(org)}${next ? `&next=${encodeURIComponent(next)}` : ''}`;

    async function auditActions(orgId: string) {
      const rows = await api.connection.db
        .selectFrom('audit_log')
        .select(['action', 'after_json', 'before_json'])
        .where('org_id', '=', orgId)
        .orderBy('id')
        .execute();
      return rows;
    }

    it('lets admins configure it with If-Match, never returns the secret, audits, and refuses others', async () => {
      const { org, admin, member, domain } = await world();
      const path = `/api/v1/orgs/${org.slug}/sso`;
      const empty = await admin.api.get<Body>(path);
      expect(empty.status).toBe(200);
      expect(empty.body).toMatchObject({
        config: null,
        version: 0,
        redirectUri: `${api.url}/api/v1/auth/sso/callback`,
      });
      expect(empty.headers.get('etag')).toBe('"0"');

      const body = {
        issuer: provider.issuer,
        clientId: 'okr',
        clientSecret: 'very-secret-value',
        allowedDomains: [domain.toUpperCase()],
        enabled: true,
      };
      expect((await admin.api.call('PUT', path, { body })).status).toBe(428);
      expect((await admin.api.call('PUT', path, { body, headers: ifMatch(3) })).status).toBe(412);
      const saved = await admin.api.call<Body>('PUT', path, { body, headers: ifMatch(0) });
      expect(saved.status).toBe(200);
      expect(saved.headers.get('etag')).toBe('"1"');
      expect(saved.body.config).toMatchObject({
        clientSecretSet: true,
        allowedDomains: [domain],
        provisionedRole: 'member',
        requireSso: false,
        enabled: true,
      });
      expect(JSON.stringify(saved.body)).not.toContain('very-secret-value');

      // Leaving the secret out keeps it; null removes it.
      const kept = await admin.api.call<Body>('PUT', path, {
        body: { ...body, clientSecret: undefined, provisionedRole: 'champion' },
        headers: ifMatch(1),
      });
      expect(kept.body.config).toMatchObject({
        clientSecretSet: true,
        provisionedRole: 'champion',
        version: 2,
      });
      const stored = await api.connection.db
        .selectFrom('sso_configs')
        .select('client_secret')
        .where('org_id', '=', org.id)
        .executeTakeFirstOrThrow();
      expect(stored.client_secret).toBe('very-secret-value');
      const cleared = await admin.api.call<Body>('PUT', path, {
        body: { ...body, clientSecret: null },
        headers: ifMatch(2),
      });
      expect(cleared.body.config).toMatchObject({ clientSecretSet: false });
      const read = await admin.api.get<Body>(path);
      expect(JSON.stringify(read.body)).not.toContain('very-secret-value');

      // Bad input: plain http off loopback, an admin role for provisioned people, no domain.
      for (const bad of [
        { ...body, issuer: 'http://idp.example.com' },
        { ...body, provisionedRole: 'admin' },
        { ...body, allowedDomains: [] },
        { ...body, allowedDomains: ['not a domain'] },
        { ...body, extra: 1 },
      ]) {
        const answer = await admin.api.call<Body>('PUT', path, { body: bad, headers: ifMatch(3) });
        expect(answer.status, JSON.stringify(bad)).toBe(400);
        expect(answer.body.code).toBe('bad_input');
      }

      // A member may not see or change it; another organisation's admin does not find it.
      expect((await member.api.get(path)).status).toBe(403);
      expect((await member.api.call('PUT', path, { body, headers: ifMatch(3) })).status).toBe(403);
      expect((await member.api.post(`${path}/test`)).status).toBe(403);
      const stranger = await world();
      expect((await stranger.admin.api.get(path)).status).toBe(404);
      expect((await client(api.url).get(path)).status).toBe(401);

      const audit = await auditActions(org.id);
      const ssoRows = audit.filter((row) => row.action.startsWith('sso.'));
      expect(ssoRows.map((row) => row.action)).toEqual([
        'sso.configured',
        'sso.updated',
        'sso.updated',
      ]);
      for (const row of ssoRows)
        expect(`${row.before_json ?? ''}${row.after_json ?? ''}`).not.toContain(
          'very-secret-value',
        );

      expect((await admin.api.delete(path)).status).toBe(428);
      expect((await admin.api.delete(path, ifMatch(3))).status).toBe(204);
      expect((await admin.api.get<Body>(path)).body.config).toBeNull();
      expect((await auditActions(org.id)).at(-1)?.action).toBe('sso.removed');
    });

    it('tests the configuration against the provider and says what is wrong', async () => {
      const { org, admin, configure } = await world();
      await configure();
      const ok = await admin.api.post<{
        ok: boolean;
        checks: { name: string; ok: boolean; detail: string }[];
      }>(`/api/v1/orgs/${org.slug}/sso/test`);
      expect(ok.status).toBe(200);
      expect(ok.body.checks.filter((check) => !check.ok)).toEqual([]);
      expect(ok.body.ok).toBe(true);

      // Nothing listens on this port any more.
      const gone = await startOidcProvider({ redirectUris: [] });
      await gone.close();
      await configure({ issuer: gone.issuer });
      const down = await admin.api.post<{
        ok: boolean;
        checks: { name: string; ok: boolean; detail: string }[];
      }>(`/api/v1/orgs/${org.slug}/sso/test`);
      expect(down.body.ok).toBe(false);
      const discovery = down.body.checks.find((check) => check.name === 'Discovery');
      expect(discovery?.ok).toBe(false);
      expect(discovery?.detail).toContain('connection refused');

      // The issuer as the provider states it, or nothing: a path that is not the issuer.
      await configure({ issuer: `${provider.issuer}/wrong` });
      const wrong = await admin.api.post<{ ok: boolean; checks: { name: string; ok: boolean }[] }>(
        `/api/v1/orgs/${org.slug}/sso/test`,
      );
      expect(wrong.body.checks.find((check) => check.name === 'Discovery')?.ok).toBe(false);
    });

    it('provisions a new person with a verified e-mail of an allowed domain, and signs them in', async () => {
      const { org, configure, account } = await world();
      await configure({ provisionedRole: 'coordinator' });
      const nina = account({ email_verified: true, name: 'Nina New' });
      const journey = await signInThrough(
        api.url,
        start(org.slug, '/orgs/x/objectives?view=mine'),
        nina.login,
      );
      expect(journey.status).toBe(302);
      expect(journey.location).toBe('/orgs/x/objectives?view=mine');
      expect(journey.visited.some((url) => url.startsWith(provider.issuer))).toBe(true);
      expect(journey.sessionCookie).toBeTruthy();

      const me = await fetch(`${api.url}/api/v1/me`, {
        headers: { cookie: `okr_session=${journey.sessionCookie ?? ''}` },
      });
      const meBody = (await me.json()) as {
        user: { email: string; name: string };
        organisations: { slug: string; roles: string[] }[];
      };
      expect(meBody.user).toMatchObject({ email: nina.email, name: 'Nina New' });
      expect(meBody.organisations).toEqual([
        expect.objectContaining({ slug: org.slug, roles: ['coordinator'] }),
      ]);
      const user = await api.connection.db
        .selectFrom('users')
        .select(['id', 'password_hash'])
        .where('email', '=', nina.email)
        .executeTakeFirstOrThrow();
      expect(user.password_hash).toBeNull();
      const actions = (await auditActions(org.id)).map((row) => row.action);
      expect(actions).toEqual(
        expect.arrayContaining(['sso.member_provisioned', 'sso.identity_linked']),
      );

      // The second time, the identity is found: no second account, no second provisioning.
      const again = await signInThrough(api.url, start(org.slug), nina.login);
      expect(again.location).toBe(`/orgs/${org.slug}/home`);
      const count = await api.connection.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('email', '=', nina.email)
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);
      expect(
        (await auditActions(org.id)).filter((row) => row.action === 'sso.member_provisioned'),
      ).toHaveLength(1);
    });

    it('starts by e-mail (the domain finds the organisation) and links an existing account', async () => {
      const { org, member, configure } = await world();
      await configure();
      const login = `p${unique()}`;
      provider.accounts[login] = {
        email: member.email,
        email_verified: true,
        name: 'Mia at the provider',
      };
      const journey = await signInThrough(
        api.url,
        `/api/v1/auth/sso/start?email=${encodeURIComponent(member.email.toUpperCase())}`,
        login,
      );
      expect(journey.location).toBe(`/orgs/${org.slug}/home`);
      const me = await fetch(`${api.url}/api/v1/me`, {
        headers: { cookie: `okr_session=${journey.sessionCookie ?? ''}` },
      });
      expect(((await me.json()) as { user: { id: string } }).user.id).toBe(member.id);
      const identity = await api.connection.db
        .selectFrom('sso_identities')
        .select(['user_id', 'issuer'])
        .where('subject', '=', login)
        .executeTakeFirstOrThrow();
      expect(identity).toEqual({ user_id: member.id, issuer: provider.issuer });
    });

    it('links an account that belongs to another organisation only when its owner is signed in', async () => {
      const { org, domain, configure } = await world();
      await configure();
      const elsewhere = await world();
      const person = await buildUser(api.connection, elsewhere.org.id, {
        email: `both-${unique()}@${domain}`,
        passwordHash: await hashPassword('a long password 1'),
      });
      const login = `p${unique()}`;
      provider.accounts[login] = { email: person.email, email_verified: true };
      const refused = await signInThrough(api.url, start(org.slug), login);
      expect(refused.location).toBe('/signin?sso_error=link_requires_sign_in');
      expect(refused.sessionCookie).toBeUndefined();

      const signedIn = await fetch(`${api.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: person.email, password: 'a long password 1' }),
      });
      const cookie =
        /okr_session=([^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')?.[1] ?? '';
      const linked = await signInThrough(api.url, start(org.slug), login, {
        okrCookie: `okr_session=${cookie}`,
      });
      expect(linked.location).toBe(`/orgs/${org.slug}/home`);
      const member = await api.connection.db
        .selectFrom('memberships')
        .select('user_id')
        .where('org_id', '=', org.id)
        .where('user_id', '=', person.id)
        .executeTakeFirst();
      expect(member).toBeDefined();
    });

    it('refuses an unverified e-mail, another domain, a switched-off configuration and a removed member', async () => {
      const { org, admin, configure, account } = await world();
      await configure();
      const uma = account({ email_verified: false });
      const unverified = await signInThrough(api.url, start(org.slug), uma.login);
      expect(unverified.location).toBe('/signin?sso_error=email_unverified');
      expect(unverified.sessionCookie).toBeUndefined();
      expect(
        await api.connection.db
          .selectFrom('users')
          .select('id')
          .where('email', '=', uma.email)
          .executeTakeFirst(),
      ).toBeUndefined();

      const olaf = account({ email_verified: true, email: `olaf-${unique()}@elsewhere.test` });
      const other = await signInThrough(api.url, start(org.slug), olaf.login);
      expect(other.location).toBe('/signin?sso_error=domain_not_allowed');
      expect(
        await api.connection.db
          .selectFrom('users')
          .select('id')
          .where('email', '=', olaf.email)
          .executeTakeFirst(),
      ).toBeUndefined();

      // Removed by an admin: the provider does not bring them back.
      const rita = account({ email_verified: true });
      expect(
        (await signInThrough(api.url, start(org.slug), rita.login)).sessionCookie,
      ).toBeTruthy();
      const ritaId = (
        await api.connection.db
          .selectFrom('users')
          .select('id')
          .where('email', '=', rita.email)
          .executeTakeFirstOrThrow()
      ).id;
      await api.connection.db
        .deleteFrom('memberships')
        .where('org_id', '=', org.id)
        .where('user_id', '=', ritaId)
        .execute();
      expect((await signInThrough(api.url, start(org.slug), rita.login)).location).toBe(
        '/signin?sso_error=membership_removed',
      );

      await configure({ enabled: false });
      const off = await fetch(`${api.url}${start(org.slug)}`, { redirect: 'manual' });
      expect(off.status).toBe(302);
      expect(off.headers.get('location')).toBe('/signin?sso_error=disabled');
      const none = await fetch(`${api.url}${start('no-such-org')}`, { redirect: 'manual' });
      expect(none.headers.get('location')).toBe('/signin?sso_error=not_configured');
      const byEmail = await fetch(
        `${api.url}/api/v1/auth/sso/start?email=x@nowhere-${unique()}.test`,
        { redirect: 'manual' },
      );
      expect(byEmail.headers.get('location')).toBe('/signin?sso_error=not_configured');
      void admin;
    });

    it('refuses a replayed state, an expired one, a forged one, and a provider that is down', async () => {
      const { org, configure, account } = await world();
      await configure();
      const ann = account({ email_verified: true });
      const first = await signInThrough(api.url, start(org.slug), ann.login);
      expect(first.sessionCookie).toBeTruthy();
      // The same callback again (code and state): the pending login is used up.
      const replay = await fetch(first.callbackUrl ?? '', { redirect: 'manual' });
      expect(replay.status).toBe(302);
      expect(replay.headers.get('location')).toBe('/signin?sso_error=invalid_state');
      expect(replay.headers.get('set-cookie') ?? '').not.toContain('okr_session=');

      const forged = await fetch(`${api.url}/api/v1/auth/sso/callback?state=forged&code=x`, {
        redirect: 'manual',
      });
      expect(forged.headers.get('location')).toBe('/signin?sso_error=invalid_state');
      const bare = await fetch(`${api.url}/api/v1/auth/sso/callback`, { redirect: 'manual' });
      expect(bare.headers.get('location')).toBe('/signin?sso_error=invalid_state');

      // Eleven minutes at the provider: the server's clock moves on before the callback.
      const late = await signInThrough(api.url, start(org.slug), ann.login, {
        beforeCallback: () => {
          ahead = 11;
          return Promise.resolve();
        },
      });
      ahead = 0;
      expect(late.location).toBe('/signin?sso_error=expired');
      expect(late.sessionCookie).toBeUndefined();

      // The provider refuses (the person cancels): its error, not a 500.
      const started = await fetch(`${api.url}${start(org.slug)}`, { redirect: 'manual' });
      const state = new URL(started.headers.get('location') ?? '').searchParams.get('state') ?? '';
      const browser = (/okr_sso=[^;]+/.exec(started.headers.get('set-cookie') ?? '') ?? [''])[0];
      expect(started.headers.get('set-cookie')).toMatch(/okr_sso=.*HttpOnly.*SameSite=Lax/i);
      const cancelled = await fetch(
        `${api.url}/api/v1/auth/sso/callback?error=access_denied&state=${state}`,
        { redirect: 'manual', headers: { cookie: browser } },
      );
      expect(cancelled.headers.get('location')).toBe('/signin?sso_error=provider_error');

      const gone = await startOidcProvider({ redirectUris: [] });
      await gone.close();
      await configure({ issuer: gone.issuer });
      const down = await fetch(`${api.url}${start(org.slug)}`, { redirect: 'manual' });
      expect(down.headers.get('location')).toBe('/signin?sso_error=provider_unreachable');
    });

    it('finishes a sign-in only in the browser that started it (no login CSRF)', async () => {
      const { org, configure, account } = await world();
      await configure();
      const ivy = account({ email_verified: true });
      let planted: Response | undefined;
      // Someone else's browser (without the start's cookie) is sent the callback link first.
      const journey = await signInThrough(api.url, start(org.slug), ivy.login, {
        beforeCallback: async (url) => {
          planted = await fetch(url, { redirect: 'manual' });
        },
      });
      expect(planted?.headers.get('location')).toBe('/signin?sso_error=invalid_state');
      expect(planted?.headers.get('set-cookie') ?? '').not.toContain('okr_session=');
      // The browser that started still finishes: the planted attempt used nothing up.
      expect(journey.location).toBe(`/orgs/${org.slug}/home`);
      expect(journey.sessionCookie).toBeTruthy();
    });

    it('sends the provider state, nonce, PKCE (S256) and the redirect URI, and returns only to paths on this site', async () => {
      const { org, configure } = await world();
      await configure();
      const answer = await fetch(`${api.url}${start(org.slug, 'https://evil.example/x')}`, {
        redirect: 'manual',
      });
      const target = new URL(answer.headers.get('location') ?? '');
      expect(target.origin).toBe(provider.issuer);
      for (const name of ['state', 'nonce', 'code_challenge'])
        expect(target.searchParams.get(name)).toMatch(/^[\w-]{40,}$/);
      expect(target.searchParams.get('code_challenge_method')).toBe('S256');
      expect(target.searchParams.get('scope')).toBe('openid email profile');
      expect(target.searchParams.get('redirect_uri')).toBe(`${api.url}/api/v1/auth/sso/callback`);
      const row = await api.connection.db
        .selectFrom('sso_logins')
        .select(['return_to', 'state_hash'])
        .where('org_id', '=', org.id)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(row.return_to).toBe(`/orgs/${org.slug}/home`);
      // Only the state's hash is stored.
      expect(row.state_hash).not.toBe(target.searchParams.get('state'));
      for (const next of [
        '//evil.example',
        '/\\evil.example',
        'javascript:alert(1)',
        '/signin?x',
      ]) {
        await fetch(`${api.url}${start(org.slug, next)}`, { redirect: 'manual' });
        const latest = await api.connection.db
          .selectFrom('sso_logins')
          .select('return_to')
          .where('org_id', '=', org.id)
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow();
        expect(latest.return_to, next).toBe(`/orgs/${org.slug}/home`);
      }
    });

    it("lets no other organisation's invitation give a password to an account that signs in with SSO", async () => {
      const { org, configure, account } = await world();
      await configure();
      const sam = account({ email_verified: true });
      const first = await signInThrough(api.url, start(org.slug), sam.login);
      const samCookie = `okr_session=${first.sessionCookie ?? ''}`;
      // Another organisation's admin invites Sam and, holding the link, tries to use it.
      const other = await world();
      const invited = await other.admin.api.post<{ token: string }>(
        `/api/v1/orgs/${other.org.slug}/invitations`,
        { email: sam.email },
      );
      expect(invited.status).toBe(201);
      const accept = (headers: Record<string, string> = {}) =>
        fetch(`${api.url}/api/v1/invitations/accept`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ token: invited.body.token, password: 'chosen by the admin 1' }),
        });
      const taken = await accept();
      expect(taken.status).toBe(403);
      expect(((await taken.json()) as Body).code).toBe('sso_required');
      const stored = await api.connection.db
        .selectFrom('users')
        .select(['id', 'password_hash'])
        .where('email', '=', sam.email)
        .executeTakeFirstOrThrow();
      expect(stored.password_hash).toBeNull();
      // Sam, signed in, accepts it.
      const accepted = await accept({ cookie: samCookie });
      expect(accepted.status).toBe(200);
      const member = await api.connection.db
        .selectFrom('memberships')
        .select('user_id')
        .where('org_id', '=', other.org.id)
        .where('user_id', '=', stored.id)
        .executeTakeFirst();
      expect(member).toBeDefined();
    });

    it('sends a browser that starts too often back to the sign-in page, with Retry-After', async () => {
      const { org, configure } = await world();
      await configure({ enabled: false });
      let answer: Response | undefined;
      for (let attempt = 0; attempt < 101; attempt += 1) {
        answer = await fetch(`${api.url}${start(org.slug)}`, { redirect: 'manual' });
        if (answer.headers.get('location') === '/signin?sso_error=rate_limited') break;
      }
      expect(answer?.status).toBe(302);
      expect(answer?.headers.get('location')).toBe('/signin?sso_error=rate_limited');
      expect(Number(answer?.headers.get('retry-after'))).toBeGreaterThan(0);
      // The other tests start from this address too.
      await api.connection.db.deleteFrom('rate_limits').where('key', 'like', 'sso:ip:%').execute();
    });

    it('with require-SSO, refuses password sign-in to members but not to admins', async () => {
      const { org, domain, configure } = await world();
      const c = api.connection;
      const password = 'a long password 2';
      const passwordHash = await hashPassword(password);
      const memberEmail = `pw-member-${unique()}@${domain}`;
      const adminEmail = `pw-admin-${unique()}@${domain}`;
      await buildUser(c, org.id, { email: memberEmail, passwordHash });
      await buildUser(c, org.id, { email: adminEmail, passwordHash, roles: ['admin'] });
      const login = (email: string, given = password) =>
        fetch(`${api.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: given }),
        });
      expect((await login(memberEmail)).status).toBe(200);
      await configure({ requireSso: true });
      const refused = await login(memberEmail);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as Body).code).toBe('sso_required');
      // A wrong password still hears only "wrong": the rule is not told to guessers.
      expect((await login(memberEmail, 'wrong password!')).status).toBe(401);
      expect((await login(adminEmail)).status).toBe(200);
      // Nor does another organisation's invitation sign the member in with the password.
      const other = await world();
      const invited = await other.admin.api.post<{ token: string }>(
        `/api/v1/orgs/${other.org.slug}/invitations`,
        { email: memberEmail },
      );
      const accepted = await fetch(`${api.url}/api/v1/invitations/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: invited.body.token, password }),
      });
      expect(accepted.status).toBe(403);
      await configure({ requireSso: true, enabled: false });
      expect((await login(memberEmail)).status).toBe(200);
    });
  });
}
