/**
 * Sessions and secrets, on SQLite and PostgreSQL, against the real API with a controlled clock:
 * expired, revoked and signed-out sessions and tokens are refused from the exact instant; an
 * invitation link works once (even raced) and not after it expires, is revoked or replaced; the
 * sign-in limits hold under bursts of 1,000 attempts from one address and from 1,000 addresses
 * against one account; the session cookie's flags; every cookie-authenticated write of the
 * OpenAPI document is refused without the session's own CSRF token; and the real `okr serve`
 * writes no password, token or invitation link to its log.
 *
 * OKR Wizard has no password-reset links (an admin re-invites; a signed-in user changes their
 * password), so invitation links are the only single-use links there are.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OrgRole } from '../../src/contracts/model.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import { DEMO_PASSWORD } from '../../src/services/demo-organisation.ts';
import { hashPassword } from '../../src/services/passwords.ts';
import { client, startTestApi, type ApiResponse, type TestApi } from '../support/api.ts';
import { buildOrganisation, buildUser } from '../support/builders.ts';
import { OKR_BIN } from '../support/cli.ts';
import { dialectsUnderTest } from '../support/databases.ts';
import { RELIABILITY_TIMEOUT_MS, sized } from './mode.ts';
import { changedTables, checksum } from './support/fuzz-checksum.ts';
import { startFuzzFixture, type FuzzFixture } from './support/fuzz-fixture.ts';
import { operationsOf, type JsonSchema } from './support/fuzz-openapi.ts';
import {
  FIXED_PATH_VALUES,
  kindOfField,
  kindOfPathParam,
  type IdPools,
} from './support/fuzz-values.ts';

const PASSWORD = 'a long and careful passphrase';
const passwordHash = await hashPassword(PASSWORD);
const LOGIN = '/api/v1/auth/login';
const DAY = 24 * 60 * 60_000;
const BURST = sized(1_000, 5_000);

function sessionCookie(response: ApiResponse): string {
  return response.headers.getSetCookie().find((c) => c.startsWith('okr_session=')) ?? '';
}

/** Listens on a loopback port; returns the URL. */
async function listen(app: App): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/** Sends `total` requests, `parallel` at a time; returns their statuses and Retry-After headers. */
async function burst(total: number, parallel: number, send: (i: number) => Promise<ApiResponse>) {
  const statuses: number[] = [];
  const retryAfter: number[] = [];
  for (let start = 0; start < total; start += parallel) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(parallel, total - start) }, (_, k) => send(start + k)),
    );
    for (const response of batch) {
      statuses.push(response.status);
      if (response.status === 429) retryAfter.push(Number(response.headers.get('retry-after')));
    }
  }
  const count = (status: number) => statuses.filter((s) => s === status).length;
  return { statuses, count, retryAfter };
}

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`sessions, tokens, invitations and sign-in limits on ${dialect}`, () => {
    let api: TestApi;
    let clock = new Date('2026-10-05T09:00:00.000Z');
    const anonymous = () => client(api.url);

    beforeAll(async () => {
      api = await startTestApi(dialect, { now: () => clock });
    });
    afterAll(async () => {
      await api?.close();
    });
    // Every test starts in fresh rate-limit windows.
    beforeEach(() => {
      clock = new Date(clock.getTime() + DAY);
    });

    async function person(o: { roles?: OrgRole[]; orgId?: string } = {}) {
      const orgId = o.orgId ?? (await buildOrganisation(api.connection)).id;
      const user = await buildUser(api.connection, orgId, { roles: o.roles ?? [], passwordHash });
      const { slug } = await api.connection.db
        .selectFrom('organisations')
        .select('slug')
        .where('id', '=', orgId)
        .executeTakeFirstOrThrow();
      return { ...user, orgId, slug };
    }

    async function signIn(email: string, password = PASSWORD) {
      const response = await anonymous().post<{ csrfToken: string }>(LOGIN, { email, password });
      expect(response.status).toBe(200);
      const cookie = sessionCookie(response).split(';')[0] ?? '';
      return {
        cookie,
        csrf: response.body.csrfToken,
        headers: { cookie, 'x-csrf-token': response.body.csrfToken },
      };
    }

    const advance = (ms: number) => {
      clock = new Date(clock.getTime() + ms);
    };

    /** 401 problem JSON for a read and for a write with the credential. */
    async function refused(headers: Record<string, string>) {
      const read = await anonymous().get('/api/v1/me', headers);
      const write = await anonymous().post('/api/v1/tokens', { name: 'after the end' }, headers);
      return { read: [read.status, read.body.code], write: [write.status, write.body.code] };
    }
    const REFUSED = { read: [401, 'unauthenticated'], write: [401, 'unauthenticated'] };

    it('refuses a session from the instant it expires, and a revoked, signed-out or password-changed one, for reads and writes', async () => {
      const { email } = await person();
      const started = clock.getTime();
      const expiring = await signIn(email);
      const revoked = await signIn(email);
      const signedOut = await signIn(email);
      const keeper = await signIn(email);

      const sessions = await anonymous().get<{ sessions: { id: string; current: boolean }[] }>(
        '/api/v1/me/sessions',
        revoked.headers,
      );
      const revokedId = sessions.body.sessions.find((s) => s.current)?.id ?? '';
      expect(
        (await anonymous().delete(`/api/v1/me/sessions/${revokedId}`, keeper.headers)).status,
      ).toBe(204);
      expect(await refused(revoked.headers)).toEqual(REFUSED);
      expect(
        (await anonymous().post('/api/v1/auth/logout', undefined, signedOut.headers)).status,
      ).toBe(204);
      expect(await refused(signedOut.headers)).toEqual(REFUSED);

      advance(14 * DAY - 1 - (clock.getTime() - started));
      expect((await anonymous().get('/api/v1/me', expiring.headers)).status).toBe(200);
      advance(1);
      expect(await refused(expiring.headers)).toEqual(REFUSED);
      expect(await refused(keeper.headers)).toEqual(REFUSED);

      // A password change ends every other session at once.
      const here = await signIn(email);
      const there = await signIn(email);
      expect(
        (
          await anonymous().post(
            '/api/v1/me/password',
            { currentPassword: PASSWORD, newPassword: 'another careful passphrase' },
            here.headers,
          )
        ).status,
      ).toBe(204);
      expect(await refused(there.headers)).toEqual(REFUSED);
      expect((await anonymous().get('/api/v1/me', here.headers)).status).toBe(200);
    });

    it('refuses an API token from the instant it expires, and a revoked one at once', async () => {
      const { email } = await person();
      const session = await signIn(email);
      const create = async (body: Record<string, unknown>) =>
        (
          await anonymous().post<{ id: string; token: string }>(
            '/api/v1/tokens',
            body,
            session.headers,
          )
        ).body;
      const expiring = await create({ name: 'one day', expiresInDays: 1 });
      const revoked = await create({ name: 'revoked' });
      const lasting = await create({ name: 'lasting' });
      const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

      expect((await client(api.url, revoked.token).get('/api/v1/me')).status).toBe(200);
      expect(
        (await anonymous().delete(`/api/v1/tokens/${revoked.id}`, session.headers)).status,
      ).toBe(204);
      expect(await refused(bearer(revoked.token))).toEqual(REFUSED);

      advance(DAY - 1);
      expect((await client(api.url, expiring.token).get('/api/v1/me')).status).toBe(200);
      advance(1);
      expect(await refused(bearer(expiring.token))).toEqual(REFUSED);
      const answer = await client(api.url, expiring.token).get('/api/v1/me');
      expect(answer.body).toMatchObject({
        status: 401,
        detail: 'The API token is unknown, expired or revoked.',
      });
      expect((await client(api.url, lasting.token).get('/api/v1/me')).status).toBe(200);
      // A signed-out session does not take its user's tokens with it, and a token cannot sign out.
      expect((await client(api.url, lasting.token).post('/api/v1/auth/logout')).status).toBe(400);
    });

    it('accepts an invitation link once, even when ten accept it at the same moment', async () => {
      const admin = await person({ roles: ['admin'] });
      const adminSession = await signIn(admin.email);
      const invitation = await anonymous().post<{ token: string }>(
        `/api/v1/orgs/${admin.slug}/invitations`,
        { email: 'raced@example.test', roles: ['champion'] },
        adminSession.headers,
      );
      expect(invitation.status).toBe(201);
      const attempts = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          anonymous().post('/api/v1/invitations/accept', {
            token: invitation.body.token,
            password: `racer number ${i} password`,
          }),
        ),
      );
      expect(attempts.map((a) => a.status).sort()).toEqual([200, ...Array<number>(9).fill(404)]);
      for (const attempt of attempts.filter((a) => a.status === 404))
        expect(attempt.body).toMatchObject({
          code: 'not_found',
          detail: 'This invitation link is invalid or has expired.',
        });
      const users = await api.connection.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'raced@example.test')
        .execute();
      expect(users).toHaveLength(1);
      const memberships = await api.connection.db
        .selectFrom('memberships')
        .select('org_id')
        .where('user_id', '=', users[0]?.id ?? '')
        .execute();
      expect(memberships).toEqual([{ org_id: admin.orgId }]);
      const roles = await api.connection.db
        .selectFrom('member_roles')
        .select('role')
        .where('user_id', '=', users[0]?.id ?? '')
        .execute();
      expect(roles).toEqual([{ role: 'champion' }]);
      // Used stays used, whatever the time.
      advance(DAY);
      expect(
        (
          await anonymous().post('/api/v1/invitations/accept', {
            token: invitation.body.token,
            password: 'yet another password',
          })
        ).status,
      ).toBe(404);
    });

    it('refuses an invitation link from the instant it expires, and when revoked or replaced', async () => {
      const admin = await person({ roles: ['admin'] });
      const adminSession = await signIn(admin.email);
      const invite = async (email: string) =>
        (
          await anonymous().post<{ id: string; token: string }>(
            `/api/v1/orgs/${admin.slug}/invitations`,
            { email },
            adminSession.headers,
          )
        ).body;
      const accept = (token: string) =>
        anonymous().post('/api/v1/invitations/accept', { token, password: 'a fine new password' });

      const early = await invite('early@example.test');
      const late = await invite('late@example.test');
      const revoked = await invite('revoked@example.test');
      const replaced = await invite('replaced@example.test');
      const replacement = await invite('replaced@example.test');
      expect(
        (
          await anonymous().delete(
            `/api/v1/orgs/${admin.slug}/invitations/${revoked.id}`,
            adminSession.headers,
          )
        ).status,
      ).toBe(204);
      expect((await accept(revoked.token)).status).toBe(404);
      expect((await accept(replaced.token)).status).toBe(404);
      expect((await accept(replacement.token)).status).toBe(200);

      advance(7 * DAY - 1);
      expect((await accept(early.token)).status).toBe(200);
      advance(1);
      expect(await accept(late.token)).toMatchObject({
        status: 404,
        body: { code: 'not_found', detail: 'This invitation link is invalid or has expired.' },
      });
      expect(
        await api.connection.db
          .selectFrom('users')
          .select('email')
          .where('email', 'in', ['late@example.test', 'revoked@example.test'])
          .execute(),
      ).toEqual([]);
    });

    it(
      `holds the per-address sign-in limit under a burst of ${BURST} attempts from one address`,
      async () => {
        const { email } = await person();
        const result = await burst(BURST, 50, (i) =>
          anonymous().post(LOGIN, { email: `guess-${i}@example.test`, password: `guess ${i}` }),
        );
        // The budget is 20 per address in 5 minutes: exactly 20 are checked, every other one is refused unread.
        expect(result.count(401)).toBe(20);
        expect(result.count(429)).toBe(BURST - 20);
        expect(Math.min(...result.retryAfter)).toBeGreaterThanOrEqual(1);
        expect(Math.max(...result.retryAfter)).toBeLessThanOrEqual(5 * 60);
        // The right password from that address waits for the window too.
        expect((await anonymous().post(LOGIN, { email, password: PASSWORD })).status).toBe(429);
        advance(5 * 60_000);
        expect((await anonymous().post(LOGIN, { email, password: PASSWORD })).status).toBe(200);
      },
      RELIABILITY_TIMEOUT_MS,
    );

    describe('behind a trusted proxy (X-Forwarded-For names the client)', () => {
      let proxied: App;
      let url: string;
      beforeAll(async () => {
        proxied = await buildApp({
          connection: api.connection,
          trustProxy: true,
          now: () => clock,
        });
        url = await listen(proxied);
      });
      afterAll(async () => {
        await proxied?.close();
      });
      const from = (address: string) => ({ 'x-forwarded-for': address });

      it(
        `holds the per-account limit under ${BURST} attempts from ${BURST} addresses`,
        async () => {
          const { email } = await person();
          const spellings = [
            email,
            email.toUpperCase(),
            email.replace(/^./, (c) => c.toUpperCase()),
          ];
          const result = await burst(BURST, 50, (i) =>
            client(url).post(
              LOGIN,
              { email: spellings[i % spellings.length], password: `guess ${i}` },
              from(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`),
            ),
          );
          // 10 per account in 15 minutes, however the address is spelled and wherever they come from.
          expect(result.count(401)).toBe(10);
          expect(result.count(429)).toBe(BURST - 10);
          expect(Math.max(...result.retryAfter)).toBeLessThanOrEqual(15 * 60);
          expect(
            (await client(url).post(LOGIN, { email, password: PASSWORD }, from('192.0.2.1')))
              .status,
          ).toBe(429);
          advance(15 * 60_000);
          expect(
            (await client(url).post(LOGIN, { email, password: PASSWORD }, from('192.0.2.1')))
              .status,
          ).toBe(200);
        },
        RELIABILITY_TIMEOUT_MS,
      );

      it('counts per forwarded address: one address is limited, another is not', async () => {
        const statuses = await burst(21, 21, (i) =>
          client(url).post(
            LOGIN,
            { email: `nobody-${i}@example.test`, password: 'guess' },
            from('198.51.100.7'),
          ),
        );
        expect([statuses.count(401), statuses.count(429)]).toEqual([20, 1]);
        expect(
          (
            await client(url).post(
              LOGIN,
              { email: 'nobody@example.test', password: 'guess' },
              from('198.51.100.8'),
            )
          ).status,
        ).toBe(401);
      });
    });

    it('does not let X-Forwarded-For buy fresh budgets when no proxy is trusted', async () => {
      const result = await burst(25, 25, (i) =>
        anonymous().post(
          LOGIN,
          { email: `spoof-${i}@example.test`, password: 'guess' },
          { 'x-forwarded-for': `203.0.113.${i}` },
        ),
      );
      expect([result.count(401), result.count(429)]).toEqual([20, 5]);
    });
  });
}

/** The simplest body that passes a schema: required fields only (one optional one when none is required). */
function plainValue(schema: JsonSchema, pools: IdPools, name = ''): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.[0])
    return plainValue(branches.find((b) => b.type !== 'null') ?? branches[0], pools, name);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type ?? 'null') {
    case 'string':
      if (schema.format === 'uuid')
        return (pools.own[kindOfField(name) ?? 'objective'] ?? [])[0] ?? '';
      if (schema.format === 'date') return '2026-11-15';
      if (schema.format === 'email') return 'someone.new@example.test';
      return 'Plain words here'
        .padEnd(schema.minLength ?? 0, '!')
        .slice(0, schema.maxLength ?? 100);
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, (schema.exclusiveMinimum ?? 0) + 1);
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object': {
      const properties = schema.properties ?? {};
      const keys = schema.required?.length ? schema.required : Object.keys(properties).slice(0, 1);
      return Object.fromEntries(
        keys.map((key) => [key, plainValue(properties[key] ?? {}, pools, key)]),
      );
    }
    default:
      return null;
  }
}

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`CSRF on every cookie-authenticated write on ${dialect}`, () => {
    let fixture: FuzzFixture;
    beforeAll(async () => {
      fixture = await startFuzzFixture(dialect, new Date(Math.floor(Date.now() / 1000) * 1000));
    });
    afterAll(async () => {
      await fixture?.api.close();
    });

    it(
      "refuses every write of the OpenAPI document without the session's own CSRF token, changing nothing",
      async () => {
        const { api, pools, credentials } = fixture;
        const me = await client(api.url).get<{ csrfToken: string }>('/api/v1/me', {
          cookie: credentials.cookie,
        });
        const own = me.body.csrfToken;
        expect(own).toMatch(/^\S{20,}$/);
        const someoneElse = await client(api.url).post<{ csrfToken: string }>(LOGIN, {
          email: 'member@acme.test',
          password: DEMO_PASSWORD,
        });
        const writes = operationsOf(fixture.doc).filter(
          (op) =>
            !['GET', 'HEAD', 'OPTIONS'].includes(op.method) &&
            // Sign-in and invitations take no session; a data source's push takes only its own
            // source token (a cookie there is 401, whatever the CSRF header).
            ![
              '/api/v1/auth/login',
              '/api/v1/invitations/accept',
              '/api/v1/integrations/push/{sourceId}',
            ].includes(op.path),
        );
        expect(writes.length).toBeGreaterThanOrEqual(40);
        const before = await checksum(api.connection);
        const refusals: string[] = [];
        for (const op of writes) {
          const url = op.path.replace(/\{(\w+)\}/g, (_, param: string) => {
            const kind = kindOfPathParam(op.path, param);
            if (kind === 'fixed') return FIXED_PATH_VALUES[param]?.[0] ?? '';
            return kind === 'org' ? pools.slug : (pools.own[kind][0] ?? '');
          });
          const plain = op.body
            ? (plainValue(op.body, pools) as Record<string, unknown>)
            : undefined;
          // Two rules across fields: a milestone needs no start or target; a key result cannot depend on itself.
          if (plain && 'kind' in plain) plain.kind = 'milestone';
          if (plain && 'dependsOnId' in plain) plain.dependsOnId = pools.own['key-result'][1];
          const body = plain ? JSON.stringify(plain) : undefined;
          // (Surrounding spaces would not make it wrong: HTTP trims header values.)
          for (const csrf of [
            undefined,
            '',
            'not-the-token',
            own.toUpperCase(),
            own.slice(0, -1),
            `${own}x`,
            someoneElse.body.csrfToken,
          ]) {
            const headers: Record<string, string> = {
              cookie: credentials.cookie,
              'if-match': '"1"',
            };
            if (csrf !== undefined) headers['x-csrf-token'] = csrf;
            if (body !== undefined) headers['content-type'] = 'application/json';
            const response = await fetch(`${api.url}${url}`, {
              method: op.method,
              headers,
              ...(body !== undefined ? { body } : {}),
            });
            const text = await response.text();
            const problem = (text.startsWith('{') ? JSON.parse(text) : { body: text }) as {
              code?: string;
              detail?: string;
            };
            if (
              response.status !== 403 ||
              problem.code !== 'forbidden' ||
              !/CSRF/.test(problem.detail ?? '')
            ) {
              refusals.push(
                `${op.name} with CSRF ${JSON.stringify(csrf)}: ${response.status} ${JSON.stringify(problem)}`,
              );
            }
          }
        }
        expect(refusals).toEqual([]);
        expect(changedTables(before, await checksum(api.connection))).toEqual([]);
      },
      RELIABILITY_TIMEOUT_MS,
    );
  });
}

describe('the session cookie', () => {
  let api: TestApi;
  const apps: App[] = [];
  beforeAll(async () => {
    api = await startTestApi('sqlite');
    const org = await buildOrganisation(api.connection);
    await buildUser(api.connection, org.id, { email: 'cookie@example.test', passwordHash });
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await api?.close();
  });

  async function cookieFrom(
    options: { secureCookies?: boolean; trustProxy?: boolean },
    headers: Record<string, string> = {},
  ) {
    const app = await buildApp({ connection: api.connection, ...options });
    apps.push(app);
    const url = await listen(app);
    const login = await client(url).post<Record<string, unknown>>(
      LOGIN,
      { email: 'cookie@example.test', password: PASSWORD },
      headers,
    );
    expect(login.status).toBe(200);
    const cookie = sessionCookie(login);
    const secret = cookie.split(';')[0]?.slice('okr_session='.length) ?? '';
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(JSON.stringify(login.body)).not.toContain(secret);
    const signedIn = {
      cookie: `okr_session=${secret}`,
      'x-csrf-token': String(login.body.csrfToken),
      ...headers,
    };
    const logout = await client(url).post('/api/v1/auth/logout', undefined, signedIn);
    expect(logout.status).toBe(204);
    return {
      cookie,
      cleared: sessionCookie(logout),
      hsts: login.headers.get('strict-transport-security'),
    };
  }

  const attributes = (cookie: string) =>
    cookie
      .split(';')
      .slice(1)
      .map((a) => a.trim().split('=')[0]?.toLowerCase())
      .sort();

  it('is HttpOnly, SameSite=Lax, Path=/ and expires with the session; not Secure over plain HTTP', async () => {
    const before = Date.now();
    const { cookie, cleared } = await cookieFrom({});
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(attributes(cookie)).toEqual(['expires', 'httponly', 'path', 'samesite']);
    const expires = Date.parse(/Expires=([^;]+)/.exec(cookie)?.[1] ?? '');
    expect(expires).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 14 * DAY - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 14 * DAY);
    expect(cleared).toMatch(/^okr_session=; .*Expires=Thu, 01 Jan 1970/);
    expect(attributes(cleared)).toEqual(['expires', 'httponly', 'max-age', 'path', 'samesite']);
  });

  it('is Secure when configured (with HSTS), and behind a trusted proxy that says the request came over HTTPS', async () => {
    const configured = await cookieFrom({ secureCookies: true });
    expect(attributes(configured.cookie)).toEqual([
      'expires',
      'httponly',
      'path',
      'samesite',
      'secure',
    ]);
    expect(attributes(configured.cleared)).toContain('secure');
    expect(configured.hsts).toMatch(/max-age=\d+/);
    const proxied = await cookieFrom({ trustProxy: true }, { 'x-forwarded-proto': 'https' });
    expect(attributes(proxied.cookie)).toContain('secure');
    expect(attributes(proxied.cleared)).toContain('secure');
  });

  it('ignores X-Forwarded-Proto from a proxy that is not trusted', async () => {
    const spoofed = await cookieFrom({}, { 'x-forwarded-proto': 'https' });
    expect(attributes(spoofed.cookie)).not.toContain('secure');
  });
});

describe('the log of okr serve', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okrw-logs-'));
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds no password, session, CSRF token, API token or invitation link, at the trace level', async () => {
    const child = spawn(
      process.execPath,
      [
        OKR_BIN,
        'serve',
        '--port',
        '0',
        '--db',
        path.join(dir, 'okr.db'),
        '--demo-if-empty',
        '--log-level',
        'trace',
      ],
      {
        env: { ...process.env, OKR_DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const secrets: Record<string, string> = {};
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`okr serve did not start:\n${output}`)),
          60_000,
        );
        const poll = setInterval(() => {
          const match = /OKR Wizard is running at (http:\/\/\S+)/.exec(output);
          if (match?.[1]) {
            clearInterval(poll);
            clearTimeout(timer);
            resolve(match[1]);
          }
        }, 50);
        void exited.then((code) => reject(new Error(`okr serve exited with ${code}:\n${output}`)));
      });
      const api = client(url);
      secrets.demoPassword = DEMO_PASSWORD;
      secrets.wrongPassword = 'not-the-password-4711';
      expect(
        (await api.post(LOGIN, { email: 'admin@acme.test', password: secrets.wrongPassword }))
          .status,
      ).toBe(401);
      const login = await api.post<{ csrfToken: string }>(LOGIN, {
        email: 'admin@acme.test',
        password: DEMO_PASSWORD,
      });
      expect(login.status).toBe(200);
      secrets.session = sessionCookie(login).split(';')[0]?.slice('okr_session='.length) ?? '';
      secrets.csrf = login.body.csrfToken;
      const headers = { cookie: `okr_session=${secrets.session}`, 'x-csrf-token': secrets.csrf };
      const token = await api.post<{ token: string }>(
        '/api/v1/tokens',
        { name: 'logged?' },
        headers,
      );
      secrets.token = token.body.token;
      expect((await client(url, secrets.token).get('/api/v1/me')).status).toBe(200);
      secrets.unknownToken = 'okr_ThisTokenWasNeverIssuedToAnyone0123456789';
      expect((await client(url, secrets.unknownToken).get('/api/v1/me')).status).toBe(401);
      const invited = await api.post<{ token: string; acceptUrl: string }>(
        '/api/v1/orgs/acme/invitations',
        { email: 'new.hire@example.test' },
        headers,
      );
      expect(invited.status).toBe(201);
      secrets.invitation = invited.body.token;
      // The invited person opens the link in a browser, then accepts.
      await fetch(`${url}${invited.body.acceptUrl}`);
      secrets.newHirePassword = 'new hire chose this one';
      expect(
        (
          await api.post('/api/v1/invitations/accept', {
            token: secrets.invitation,
            password: secrets.newHirePassword,
          })
        ).status,
      ).toBe(200);
      secrets.changedPassword = 'admin changed to this';
      expect(
        (
          await api.post(
            '/api/v1/me/password',
            { currentPassword: DEMO_PASSWORD, newPassword: secrets.changedPassword },
            headers,
          )
        ).status,
      ).toBe(204);
      expect(
        (await api.post(LOGIN, { email: 'admin@acme.test', password: secrets.changedPassword }))
          .status,
      ).toBe(200);
      expect((await api.post('/api/v1/auth/logout', undefined, headers)).status).toBe(204);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    // The log is pino's JSON lines; the banner (which prints the demo password on purpose) is not.
    const log = output.split('\n').filter((line) => line.startsWith('{'));
    expect(log.filter((line) => line.includes('"incoming request"')).length).toBeGreaterThanOrEqual(
      10,
    );
    expect(log.some((line) => line.includes('/api/v1/invitations/accept'))).toBe(true);
    const leaks = Object.entries(secrets).flatMap(([name, secret]) => {
      expect(secret.length).toBeGreaterThanOrEqual(8);
      return log.filter((line) => line.includes(secret)).map((line) => `${name}: ${line}`);
    });
    expect(leaks).toEqual([]);
  }, 120_000);
});
