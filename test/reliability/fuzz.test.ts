/**
 * Fuzzing every route of the OpenAPI document with malformed and hostile requests (fast-check),
 * on a demo-loaded database, on SQLite and PostgreSQL. For every request:
 *
 * - no 5xx, and the server keeps answering;
 * - every error is RFC 9457 problem JSON of our exact shape (its status the response's, its
 *   request id the x-request-id header's);
 * - nobody gets in: no 2xx for a signed-in route without credentials, nor for a cookie-borne
 *   write without the CSRF token;
 * - a rejected request (4xx) — and any GET — leaves the database byte-for-byte unchanged.
 *
 * Why the checksum is taken around each request: the generated requests include valid ones
 * (hostile text that fits a field, an If-Match that matches), whose 2xx legitimately changes
 * rows. Taking a checksum of every table before and after each request (a few milliseconds on
 * the demo data) attributes every change to exactly one request, so a rejected request that
 * wrote anything is caught and named, and valid ones may succeed without hiding it. The clock
 * is pinned, so authenticating does not refresh a token's "last used" or a session's "last
 * seen" during the run (each token is used once before it starts). The one write a rejected
 * request may make is counting a sign-in attempt (`rate_limits`, on the three rate-limited
 * routes); every other table is compared there too. Starting single sign-on is a GET that
 * counts the attempt and stores the pending sign-in (SIGN_IN_STEPS).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dialectsUnderTest } from '../support/databases.ts';
import { LONG, RELIABILITY_TIMEOUT_MS, sized } from './mode.ts';
import { changedTables, checksum, type Checksum } from './support/fuzz-checksum.ts';
import { startFuzzFixture, type FuzzFixture } from './support/fuzz-fixture.ts';
import { operationsOf, type Operation } from './support/fuzz-openapi.ts';
import { describeRequest, requestArbitrary, type FuzzRequest } from './support/fuzz-requests.ts';

/** The problem JSON of src/http/problem.ts, exactly. */
const problemSchema = z.strictObject({
  type: z.string().regex(/^https:\/\/okr-wizard\.dev\/problems\/[a-z]+(-[a-z]+)*$/),
  title: z.string().min(1),
  status: z.number().int().min(400).max(599),
  detail: z.string().min(1),
  code: z.string().regex(/^[a-z]+(_[a-z]+)*$/),
  requestId: z.string().min(1),
  errors: z
    .array(z.strictObject({ path: z.string().min(1), message: z.string().min(1) }))
    .min(1)
    .optional(),
  current: z.unknown().optional(),
});

/** Routes where a refused attempt is counted (sign-in budgets): `rate_limits` may change there. */
const RATE_LIMITED = new Set([
  'POST /api/v1/auth/login',
  'POST /api/v1/invitations/accept',
  'POST /api/v1/me/password',
]);
/**
 * GETs that are steps of signing in (OpenID Connect's redirects are GETs): starting single
 * sign-on counts the attempt and stores the pending sign-in, whatever it answers.
 */
const SIGN_IN_STEPS: Record<string, string[]> = {
  'GET /api/v1/auth/sso/start': ['rate_limits', 'sso_logins'],
};
const CSRF_EXEMPT = new Set(['/api/v1/auth/login', '/api/v1/invitations/accept']);
const SIGNED_IN = (path: string) => /^\/api\/v1\/(orgs\/|me($|\/)|tokens($|\/))/.test(path);
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const seed = Number(process.env.OKR_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Requests per operation: ≥ 1,000 (SQLite) and a few hundred (PostgreSQL) in quick mode, ≥ 10,000 each in long mode. */
const runsPerOperation = { sqlite: sized(15, 150), postgres: sized(5, 150) };

interface Tally {
  requests: number;
  byClass: Record<string, number>;
  byStatus: Record<string, number>;
  rejectedChecked: number;
  succeeded: number;
  startedAt: number;
}

function newTally(): Tally {
  return {
    requests: 0,
    byClass: {},
    byStatus: {},
    rejectedChecked: 0,
    succeeded: 0,
    startedAt: Date.now(),
  };
}

async function send(
  url: string,
  request: FuzzRequest,
): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${url}${request.url}`, {
    method: request.method,
    headers: request.headers,
    redirect: 'manual',
    ...(request.body.text !== undefined ? { body: request.body.text } : {}),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`fuzzing every route on ${dialect}`, () => {
    let fixture: FuzzFixture;
    let operations: Operation[];
    let current: Checksum;
    const tally = newTally();

    beforeAll(async () => {
      fixture = await startFuzzFixture(dialect, new Date(Math.floor(Date.now() / 1000) * 1000));
      operations = operationsOf(fixture.doc);
      current = await checksum(fixture.api.connection);
    });
    afterAll(async () => {
      await fixture?.api.close();
    });

    /** Sends one request and checks everything a request must hold to. */
    async function check(request: FuzzRequest): Promise<void> {
      const before = current;
      const response = await send(fixture.api.url, request);
      const after = await checksum(fixture.api.connection);
      current = after;
      tally.requests += 1;
      const statusClass = `${Math.floor(response.status / 100)}xx`;
      tally.byClass[statusClass] = (tally.byClass[statusClass] ?? 0) + 1;
      tally.byStatus[response.status] = (tally.byStatus[response.status] ?? 0) + 1;
      const what = describeRequest(request);

      expect(response.status, `${what}\n→ ${response.text.slice(0, 500)}`).toBeLessThan(500);
      expect(response.headers.get('x-request-id'), `${what}: no request id header`).toBeTruthy();
      expect(response.headers.get('x-content-type-options'), `${what}: no security headers`).toBe(
        'nosniff',
      );
      if (response.status >= 400) {
        expect(response.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
        let body: unknown;
        try {
          body = JSON.parse(response.text);
        } catch {
          body = undefined;
        }
        expect(body, `${what}\n→ not JSON: ${response.text.slice(0, 500)}`).toBeDefined();
        const problem = problemSchema.safeParse(body);
        expect(
          problem.success ? [] : problem.error.issues,
          `${what}\n→ ${response.text.slice(0, 500)}`,
        ).toEqual([]);
        expect(problem.data?.status, what).toBe(response.status);
        expect(problem.data?.requestId, what).toBe(response.headers.get('x-request-id'));
        expect(problem.data?.type.endsWith(`/${problem.data.code.replace(/_/g, '-')}`), what).toBe(
          true,
        );
      } else {
        tally.succeeded += 1;
      }

      const route = `${request.method} ${request.operation.path}`;
      if (
        request.caller.kind !== 'token' &&
        !request.caller.kind.startsWith('cookie') &&
        SIGNED_IN(request.operation.path)
      ) {
        expect(
          response.status,
          `${what}: signed-in route answered without credentials`,
        ).toBeGreaterThanOrEqual(400);
      }
      if (
        request.caller.kind.startsWith('cookie') &&
        !SAFE.has(request.method) &&
        !CSRF_EXEMPT.has(request.operation.path)
      ) {
        expect(
          response.status,
          `${what}: a cookie-borne write without the CSRF token went through`,
        ).toBeGreaterThanOrEqual(400);
      }
      if (response.status >= 400 || request.method === 'GET') {
        const changed = changedTables(
          before,
          after,
          SIGN_IN_STEPS[route] ??
            (response.status >= 400 && RATE_LIMITED.has(route) ? ['rate_limits'] : []),
        );
        expect(changed, `${what}\n→ ${response.status}: changed the database`).toEqual([]);
        tally.rejectedChecked += 1;
      }
    }

    it('refuses text with NUL anywhere with a 400 naming where, and answers a malformed URL with the usual headers', async () => {
      const token = fixture.credentials.tokens.everything ?? '';
      const objective = fixture.pools.own.objective[0] ?? '';
      const cases = [
        { path: '/api/v1/orgs/acme%00/teams', at: 'params.org' },
        { path: '/api/v1/orgs/acme/objectives?q=a%00b', at: 'querystring.q' },
        { path: '/api/v1/orgs/acme/teams', body: { name: 'Ops\u0000' }, at: 'body.name' },
        {
          path: `/api/v1/orgs/acme/objectives/${objective}/comments`,
          body: { body: 'x\u0000' },
          at: 'body.body',
        },
      ];
      const before = await checksum(fixture.api.connection);
      for (const { path, body, at } of cases) {
        const response = await fetch(`${fixture.api.url}${path}`, {
          method: body ? 'POST' : 'GET',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        expect(response.status, path).toBe(400);
        expect(await response.json()).toMatchObject({
          code: 'bad_input',
          errors: [{ path: at, message: 'must not contain a NUL character' }],
        });
      }
      expect(changedTables(before, await checksum(fixture.api.connection))).toEqual([]);
      const malformed = await fetch(`${fixture.api.url}/api/v1/orgs/%/teams`, {
        headers: { 'x-request-id': 'malformed-url-1' },
      });
      expect(malformed.status).toBe(400);
      expect(malformed.headers.get('x-request-id')).toBe('malformed-url-1');
      expect(malformed.headers.get('x-content-type-options')).toBe('nosniff');
      expect(malformed.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(problemSchema.parse(await malformed.json())).toMatchObject({
        status: 400,
        requestId: 'malformed-url-1',
      });
    });

    it(
      'answers every hostile request with a 2xx or a problem JSON 4xx, and rejected ones change nothing',
      async () => {
        expect(operations.length).toBeGreaterThan(60);
        const runs = runsPerOperation[dialect];
        tally.startedAt = Date.now();
        console.log(
          `[fuzz ${dialect}] seed ${seed} (set OKR_FUZZ_SEED to replay), ${operations.length} operations × ${runs} runs`,
        );
        for (const [index, operation] of operations.entries()) {
          const arbitrary = requestArbitrary(
            operation,
            fixture.pools,
            fixture.actors,
            fixture.credentials,
          );
          await fc.assert(
            fc.asyncProperty(arbitrary, (request) => check(request)),
            { numRuns: runs, seed: seed + index },
          );
        }
        const health = await fetch(`${fixture.api.url}/healthz`);
        expect(health.status).toBe(200);

        const seconds = (Date.now() - tally.startedAt) / 1000;
        console.log(
          `[fuzz ${dialect}] ${tally.requests} requests in ${seconds.toFixed(1)} s (${LONG ? 'long' : 'quick'} mode): ` +
            `${JSON.stringify(tally.byClass)}; by status ${JSON.stringify(tally.byStatus)}; ` +
            `${tally.rejectedChecked} checked unchanged by checksum`,
        );
        expect(tally.requests).toBeGreaterThanOrEqual(operations.length * runs);
        // The generator must reach the handlers, not only the validators: some requests succeed,
        // and many are turned away for what they name (404) or their version (412/428).
        expect(tally.succeeded).toBeGreaterThan(tally.requests * 0.02);
        expect(tally.byStatus[404] ?? 0).toBeGreaterThan(tally.requests * 0.02);
        expect((tally.byStatus[412] ?? 0) + (tally.byStatus[428] ?? 0)).toBeGreaterThan(0);
      },
      RELIABILITY_TIMEOUT_MS,
    );
  });
}
