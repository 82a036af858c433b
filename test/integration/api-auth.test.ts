import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OrgRole } from '../../src/contracts/model.ts';
import { buildApp } from '../../src/http/app.ts';
import { hashPassword } from '../../src/services/passwords.ts';
import { client, startTestApi, type ApiResponse, type TestApi } from '../support/api.ts';
import { buildOrganisation, buildTeam, buildToken, buildUser } from '../support/builders.ts';
import { dialectsUnderTest } from '../support/databases.ts';

const PASSWORD = 'correct horse battery';
const passwordHash = await hashPassword(PASSWORD);
const LOGIN = '/api/v1/auth/login';

interface Signed {
  cookie: string;
  csrf: string;
  /** Headers of a cookie-authenticated write. */
  headers: Record<string, string>;
}

function sessionCookie(response: ApiResponse): string | undefined {
  return response.headers.getSetCookie().find((c) => c.startsWith('okr_session='));
}

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`accounts API on ${dialect}`, () => {
    let api: TestApi;
    let clock = new Date('2026-10-05T09:00:00.000Z');
    /** Every secret the tests see; none may reach the audit log or the logs. */
    const secrets: string[] = [PASSWORD];
    const anonymous = () => client(api.url);

    beforeAll(async () => {
      api = await startTestApi(dialect, { now: () => clock });
    });
    afterAll(async () => {
      await api?.close();
    });
    // Each test starts in fresh rate-limit windows.
    beforeEach(() => {
      clock = new Date(clock.getTime() + 20 * 60_000);
    });

    /** A user with the test password (or none), in a new organisation unless told otherwise. */
    async function person(o: { roles?: OrgRole[]; orgId?: string; password?: boolean } = {}) {
      const orgId = o.orgId ?? (await buildOrganisation(api.connection)).id;
      const user = await buildUser(api.connection, orgId, { roles: o.roles ?? [], passwordHash: o.password === false ? null : passwordHash });
      return { ...user, orgId };
    }

    async function signIn(email: string, password = PASSWORD): Promise<Signed> {
      const response = await anonymous().post<{ csrfToken: string }>(LOGIN, { email, password });
      expect(response.status).toBe(200);
      const cookie = (sessionCookie(response) ?? '').split(';')[0] ?? '';
      secrets.push(cookie.slice('okr_session='.length), response.body.csrfToken);
      return { cookie, csrf: response.body.csrfToken, headers: { cookie, 'x-csrf-token': response.body.csrfToken } };
    }

    async function auditRows(action: string) {
      return api.connection.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
    }

    it('signs in with a session cookie that is HttpOnly, SameSite=Lax and not Secure over HTTP', async () => {
      const { id, email, orgId } = await person({ roles: ['admin'] });
      const team = await buildTeam(api.connection, orgId, { name: 'Platform', leads: [id] });
      const response = await anonymous().post<{ user: { id: string }; csrfToken: string }>(LOGIN, { email: email.toUpperCase(), password: PASSWORD });
      expect(response.status).toBe(200);
      expect(response.body.user).toMatchObject({ id, email });
      const cookie = sessionCookie(response) ?? '';
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Secure/);
      const me = await anonymous().get('/api/v1/me', { cookie: cookie.split(';')[0] ?? '' });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        user: { id, email },
        csrfToken: response.body.csrfToken,
        organisations: [{ id: orgId, roles: ['admin'], teams: [{ id: team.id, name: 'Platform', isLead: true }] }],
      });
      expect((await auditRows('session.created')).some((row) => row.actor_id === id && row.org_id === null)).toBe(true);
      for (const path of ['/api/v1/me', '/api/v1/me/sessions', '/api/v1/tokens']) expect((await anonymous().get(path)).status).toBe(401);
    });

    it('answers a wrong password, an unknown e-mail and an account without password alike', async () => {
      const { email } = await person();
      const { email: noPassword } = await person({ password: false });
      const answers = await Promise.all([
        anonymous().post(LOGIN, { email, password: 'wrong password' }),
        anonymous().post(LOGIN, { email: 'nobody@example.test', password: PASSWORD }),
        anonymous().post(LOGIN, { email: noPassword, password: PASSWORD }),
      ]);
      for (const answer of answers) {
        expect(answer.status).toBe(401);
        expect(sessionCookie(answer)).toBeUndefined();
        const { requestId, ...rest } = answer.body;
        expect(typeof requestId).toBe('string');
        expect(rest).toEqual({
          type: 'https://okr-wizard.dev/problems/unauthenticated',
          title: 'Not signed in',
          status: 401,
          code: 'unauthenticated',
          detail: 'E-mail or password is wrong.',
        });
      }
      expect(await anonymous().post(LOGIN, { email, password: PASSWORD, remember: true })).toMatchObject({ status: 400, body: { code: 'bad_input' } });
      expect(await anonymous().post(LOGIN, { email: 'not-an-address', password: PASSWORD })).toMatchObject({ status: 400 });
    });

    it('limits sign-in attempts per account, before checking the password', async () => {
      const { email } = await person();
      for (let i = 0; i < 10; i += 1) expect((await anonymous().post(LOGIN, { email, password: `guess ${i}` })).status).toBe(401);
      const blocked = await anonymous().post(LOGIN, { email, password: PASSWORD });
      expect(blocked).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
      clock = new Date(clock.getTime() + 15 * 60_000);
      await signIn(email);
    });

    it('limits sign-in attempts per address across accounts; success does not reset that', async () => {
      const { email } = await person();
      for (let i = 0; i < 19; i += 1) {
        expect((await anonymous().post(LOGIN, { email: `someone-${i}@example.test`, password: 'guess' })).status).toBe(401);
      }
      await signIn(email);
      const blocked = await anonymous().post(LOGIN, { email, password: PASSWORD });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(5 * 60);
    });

    it('requires the CSRF token on cookie-authenticated writes but not with a bearer token', async () => {
      const { id, email } = await person();
      const session = await signIn(email);
      const body = { name: 'ci' };
      expect(await anonymous().post('/api/v1/tokens', body, { cookie: session.cookie })).toMatchObject({ status: 403, body: { code: 'forbidden' } });
      expect((await anonymous().post('/api/v1/tokens', body, { ...session.headers, 'x-csrf-token': 'nope' })).status).toBe(403);
      // Refused before the body is looked at: a bad body without the token is 403, not 400.
      expect(await anonymous().post('/api/v1/tokens', { name: 42 }, { cookie: session.cookie })).toMatchObject({ status: 403, body: { code: 'forbidden' } });
      expect((await anonymous().post('/api/v1/tokens', { name: 42 }, session.headers)).status).toBe(400);
      expect((await anonymous().post('/api/v1/tokens', body, session.headers)).status).toBe(201);
      const token = await buildToken(api.connection, id);
      expect((await client(api.url, token).post('/api/v1/tokens', body)).status).toBe(201);
      expect((await anonymous().post('/api/v1/tokens', body)).status).toBe(401);
    });

    it('signs out: the session is revoked and the cookie cleared', async () => {
      const { id, email } = await person();
      const session = await signIn(email);
      expect((await anonymous().post('/api/v1/auth/logout', undefined, { cookie: session.cookie })).status).toBe(403);
      const out = await anonymous().post('/api/v1/auth/logout', undefined, session.headers);
      expect(out.status).toBe(204);
      expect(sessionCookie(out)).toMatch(/okr_session=;.*Expires=Thu, 01 Jan 1970/);
      expect((await anonymous().get('/api/v1/me', { cookie: session.cookie })).status).toBe(401);
      expect((await auditRows('session.revoked')).some((row) => row.actor_id === id)).toBe(true);
    });

    it('refuses an expired session', async () => {
      const { email } = await person();
      const session = await signIn(email);
      expect((await anonymous().get('/api/v1/me', { cookie: session.cookie })).status).toBe(200);
      clock = new Date(clock.getTime() + 14 * 24 * 60 * 60_000 + 1000);
      expect((await anonymous().get('/api/v1/me', { cookie: session.cookie })).status).toBe(401);
    });

    it('lists my sessions and revokes one of them, not anyone else’s', async () => {
      const { email } = await person();
      const first = await signIn(email);
      const second = await signIn(email);
      const list = await anonymous().get<{ sessions: { id: string; current: boolean }[] }>('/api/v1/me/sessions', { cookie: first.cookie });
      expect(list.body.sessions).toHaveLength(2);
      const other = list.body.sessions.find((s) => !s.current);
      expect(other).toBeDefined();
      const stranger = await signIn((await person()).email);
      expect((await anonymous().delete(`/api/v1/me/sessions/${other?.id ?? ''}`, stranger.headers)).status).toBe(404);
      expect((await anonymous().delete(`/api/v1/me/sessions/${other?.id ?? ''}`, first.headers)).status).toBe(204);
      expect((await anonymous().get('/api/v1/me', { cookie: second.cookie })).status).toBe(401);
      expect((await anonymous().get('/api/v1/me', { cookie: first.cookie })).status).toBe(200);
    });

    it('creates, lists, uses and revokes personal API tokens', async () => {
      const { id, email } = await person();
      const session = await signIn(email);
      const created = await anonymous().post<{ id: string; token: string; prefix: string; expiresAt: string | null }>(
        '/api/v1/tokens',
        { name: 'laptop', expiresInDays: 30 },
        session.headers,
      );
      expect(created.status).toBe(201);
      const { token } = created.body;
      secrets.push(token);
      expect(token).toMatch(/^okr_[\w-]{40,}$/);
      expect(token.startsWith(created.body.prefix)).toBe(true);
      const me = await client(api.url, token).get('/api/v1/me');
      expect(me).toMatchObject({ status: 200, body: { user: { id }, csrfToken: null } });
      const list = await client(api.url, token).get<{ tokens: Record<string, unknown>[] }>('/api/v1/tokens');
      expect(list.body.tokens).toHaveLength(1);
      expect(list.body.tokens[0]).toMatchObject({ id: created.body.id, name: 'laptop', lastUsedAt: clock.toISOString() });
      expect(JSON.stringify(list.body)).not.toContain(token);
      const stranger = await signIn((await person()).email);
      expect((await anonymous().delete(`/api/v1/tokens/${created.body.id}`, stranger.headers)).status).toBe(404);
      expect((await client(api.url, token).delete(`/api/v1/tokens/${created.body.id}`)).status).toBe(204);
      expect((await client(api.url, token).get('/api/v1/me')).status).toBe(401);
      expect((await anonymous().get<{ tokens: unknown[] }>('/api/v1/tokens', { cookie: session.cookie })).body.tokens).toEqual([]);
      expect(await auditRows('api_token.created')).toEqual(expect.arrayContaining([expect.objectContaining({ actor_id: id })]));
      expect(await auditRows('api_token.revoked')).toEqual(expect.arrayContaining([expect.objectContaining({ actor_id: id })]));
      const expiring = await anonymous().post<{ token: string }>('/api/v1/tokens', { name: 'short', expiresInDays: 1 }, session.headers);
      clock = new Date(clock.getTime() + 2 * 24 * 60 * 60_000);
      expect((await client(api.url, expiring.body.token).get('/api/v1/me')).status).toBe(401);
    });

    it('lets an admin invite; the link sets the password, signs in and works once', async () => {
      const admin = await person({ roles: ['admin'] });
      const adminSession = await signIn(admin.email);
      const { slug } = await api.connection.db.selectFrom('organisations').select('slug').where('id', '=', admin.orgId).executeTakeFirstOrThrow();
      const team = await buildTeam(api.connection, admin.orgId);
      const path = `/api/v1/orgs/${slug}/invitations`;
      const body = { email: 'New.Person@Example.test', name: 'New Person', roles: ['champion'], teamId: team.id };

      const plain = await signIn((await person({ orgId: admin.orgId })).email);
      expect((await anonymous().post(path, body, plain.headers)).status).toBe(403);
      expect((await anonymous().post(path, body, (await signIn((await person()).email)).headers)).status).toBe(404);
      expect((await anonymous().post(path, body)).status).toBe(401);
      expect((await anonymous().post(path, { ...body, teamId: (await buildTeam(api.connection, (await buildOrganisation(api.connection)).id)).id }, adminSession.headers)).status).toBe(400);

      const invited = await anonymous().post<{ id: string; token: string; acceptUrl: string; email: string }>(path, body, adminSession.headers);
      expect(invited.status).toBe(201);
      secrets.push(invited.body.token);
      expect(invited.body).toMatchObject({ email: 'new.person@example.test', acceptUrl: `/invite/${invited.body.token}` });
      expect((await anonymous().get<{ invitations: { id: string }[] }>(path, { cookie: adminSession.cookie })).body.invitations.map((i) => i.id)).toEqual([invited.body.id]);

      const accept = { token: invited.body.token, password: 'a brand new secret' };
      secrets.push(accept.password);
      expect(await anonymous().post('/api/v1/invitations/accept', { ...accept, password: 'short' })).toMatchObject({ status: 400 });
      const accepted = await anonymous().post('/api/v1/invitations/accept', accept);
      expect(accepted).toMatchObject({ status: 200, body: { user: { email: 'new.person@example.test', name: 'New Person' } } });
      const cookie = (sessionCookie(accepted) ?? '').split(';')[0] ?? '';
      expect(await anonymous().get('/api/v1/me', { cookie })).toMatchObject({
        body: { organisations: [{ id: admin.orgId, roles: ['champion'], teams: [{ id: team.id, isLead: false }] }] },
      });
      const again = await anonymous().post('/api/v1/invitations/accept', accept);
      expect(again).toMatchObject({ status: 404, body: { code: 'not_found', detail: 'This invitation link is invalid or has expired.' } });
      await signIn('new.person@example.test', accept.password);
      expect((await anonymous().post(path, body, adminSession.headers)).status).toBe(409);
      for (const action of ['invitation.created', 'invitation.accepted', 'user.created']) {
        expect((await auditRows(action)).some((row) => row.org_id === admin.orgId)).toBe(true);
      }
    });

    it('refuses expired and revoked invitations; an existing account keeps its password', async () => {
      const admin = await person({ roles: ['admin'] });
      const adminSession = await signIn(admin.email);
      const { slug } = await api.connection.db.selectFrom('organisations').select('slug').where('id', '=', admin.orgId).executeTakeFirstOrThrow();
      const path = `/api/v1/orgs/${slug}/invitations`;
      const invite = async (email: string) => (await anonymous().post<{ id: string; token: string }>(path, { email }, adminSession.headers)).body;

      const revoked = await invite('revoked@example.test');
      expect((await anonymous().delete(`${path}/${revoked.id}`, adminSession.headers)).status).toBe(204);
      expect((await anonymous().delete(`${path}/${revoked.id}`, adminSession.headers)).status).toBe(404);
      expect((await anonymous().post('/api/v1/invitations/accept', { token: revoked.token, password: 'long enough password' })).status).toBe(404);

      const existing = await buildUser(api.connection, null, { passwordHash });
      const forExisting = await invite(existing.email);
      expect((await anonymous().post('/api/v1/invitations/accept', { token: forExisting.token, password: 'someone elses guess' })).status).toBe(401);
      expect((await anonymous().post('/api/v1/invitations/accept', { token: forExisting.token, password: PASSWORD })).status).toBe(200);

      const expired = await invite('late@example.test');
      clock = new Date(clock.getTime() + 7 * 24 * 60 * 60_000 + 1000);
      expect(await anonymous().post('/api/v1/invitations/accept', { token: expired.token, password: 'long enough password' })).toMatchObject({
        status: 404,
        body: { detail: 'This invitation link is invalid or has expired.' },
      });
      expect((await auditRows('invitation.revoked')).some((row) => row.object_id === revoked.id)).toBe(true);
    });

    it('lets the invited account accept while signed in, without its password; anyone else must give one', async () => {
      const admin = await person({ roles: ['admin'] });
      const adminSession = await signIn(admin.email);
      const { slug } = await api.connection.db.selectFrom('organisations').select('slug').where('id', '=', admin.orgId).executeTakeFirstOrThrow();
      const invited = await person();
      const { token } = (await anonymous().post<{ token: string }>(`/api/v1/orgs/${slug}/invitations`, { email: invited.email }, adminSession.headers)).body;
      const ACCEPT = '/api/v1/invitations/accept';

      expect(await anonymous().post(ACCEPT, { token })).toMatchObject({ status: 400, body: { detail: 'A password is needed.' } });
      const someoneElse = await signIn((await person()).email);
      expect(await anonymous().post(ACCEPT, { token }, someoneElse.headers)).toMatchObject({
        status: 400,
        body: { detail: 'A password is needed: the invitation is for another account than the one signed in.' },
      });
      const own = await signIn(invited.email);
      const accepted = await anonymous().post(ACCEPT, { token }, own.headers);
      expect(accepted).toMatchObject({ status: 200, body: { user: { email: invited.email } } });
      const cookie = (sessionCookie(accepted) ?? '').split(';')[0] ?? '';
      const me = await anonymous().get<{ organisations: { id: string }[] }>('/api/v1/me', { cookie });
      expect(me.body.organisations.map((o) => o.id)).toEqual(expect.arrayContaining([invited.orgId, admin.orgId]));
    });

    it('changes the password: the old one stops working and other sessions end', async () => {
      const { id, email } = await person();
      const here = await signIn(email);
      const elsewhere = await signIn(email);
      const newPassword = 'another long passphrase';
      secrets.push(newPassword);
      expect(await anonymous().post('/api/v1/me/password', { currentPassword: 'wrong one', newPassword }, here.headers)).toMatchObject({ status: 400 });
      expect((await anonymous().post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'short' }, here.headers)).status).toBe(400);
      expect((await anonymous().post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword }, here.headers)).status).toBe(204);
      expect((await anonymous().get('/api/v1/me', { cookie: here.cookie })).status).toBe(200);
      expect((await anonymous().get('/api/v1/me', { cookie: elsewhere.cookie })).status).toBe(401);
      expect((await anonymous().post(LOGIN, { email, password: PASSWORD })).status).toBe(401);
      await signIn(email, newPassword);
      expect(await auditRows('user.password_changed')).toEqual([expect.objectContaining({ actor_id: id, object_id: id })]);
    });

    it('serves Secure cookies over HTTPS and keeps secrets out of the logs and the audit log', async () => {
      const lines: string[] = [];
      const app = await buildApp({
        connection: api.connection,
        secureCookies: true,
        now: () => clock,
        logger: { level: 'trace', stream: { write: (line: string) => void lines.push(line) } },
      });
      await app.listen({ host: '127.0.0.1', port: 0 });
      try {
        const address = app.server.address();
        const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
        const { email } = await person();
        secrets.push('a wrong password!');
        expect((await client(url).post(LOGIN, { email, password: 'a wrong password' })).status).toBe(401);
        const response = await client(url).post<{ csrfToken: string }>(LOGIN, { email, password: PASSWORD });
        const cookie = sessionCookie(response) ?? '';
        expect(cookie).toMatch(/; Secure/);
        secrets.push(cookie.split(';')[0]?.slice('okr_session='.length) ?? '', response.body.csrfToken);
        const headers = { cookie: cookie.split(';')[0] ?? '', 'x-csrf-token': response.body.csrfToken };
        const created = await client(url).post<{ token: string }>('/api/v1/tokens', { name: 'logged?' }, headers);
        secrets.push(created.body.token);
        expect((await client(url, created.body.token).get('/api/v1/me')).status).toBe(200);
        expect((await client(url).post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'a wrong password!' }, headers)).status).toBe(204);
      } finally {
        await app.close();
      }
      const logs = lines.join('');
      expect(logs).toContain('request completed');
      const audit = JSON.stringify(await api.connection.db.selectFrom('audit_log').selectAll().execute());
      for (const secret of secrets.filter((s) => s.length >= 8)) {
        expect(logs).not.toContain(secret);
        expect(audit).not.toContain(secret);
      }
      expect(audit).not.toContain('a wrong password');
    });
  });
}
