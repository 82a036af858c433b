/**
 * The optional shared state in Redis (OKR_REDIS_URL): two `okr serve` servers in-process on ONE
 * database (PostgreSQL, and one SQLite file) and one real Redis on loopback, each test under its
 * own key prefix. Sign-in limits are shared through Redis, each scheduled job runs once between
 * the servers, a Redis lock is never stolen, and a lock that expires mid-run does not let a due
 * time run twice. A Redis that goes away turns /readyz and sign-in into clear 503s.
 */
import { spawn } from 'node:child_process';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/db/connection.ts';
import { startServer, type RunningServer, type ServeOptions } from '../../src/http/server.ts';
import { readLease } from '../../src/repositories/job-leases.ts';
import { JOBS } from '../../src/services/jobs/registry.ts';
import { Scheduler, type Job } from '../../src/services/jobs/scheduler.ts';
import { createMailer } from '../../src/services/mail/mailer.ts';
import { hashPassword } from '../../src/services/passwords.ts';
import { verdict } from '../../src/services/rate-limit.ts';
import { openRedisSharedState } from '../../src/services/shared-state/redis.ts';
import type { SharedState } from '../../src/services/shared-state/shared-state.ts';
import { client } from '../support/api.ts';
import { buildUser } from '../support/builders.ts';
import { OKR_BIN } from '../support/cli.ts';
import { createMigratedTestDatabase, dialectsUnderTest, openTestConnection, type TestDatabase } from '../support/databases.ts';
import { dropPrefix, freePort, openTestRedis, ownRedis, ownRedisSkip, REDIS_TEST_URL, redisSkip, testPrefix } from '../support/redis.ts';

const LOGIN = '/api/v1/auth/login';
const PASSWORD = 'correct horse battery';
const redisMissing = await redisSkip();

function serveOptions(database: TestDatabase, extra: Partial<ServeOptions>): ServeOptions {
  return {
    target: database.dialect === 'sqlite' ? { dialect: 'sqlite', file: database.url } : { dialect: 'postgres', url: database.url },
    host: '127.0.0.1',
    port: 0,
    demoIfEmpty: false,
    logLevel: 'silent',
    secureCookies: false,
    trustProxy: false,
    env: {},
    ...extra,
  };
}

describe('the fixed-window verdict', () => {
  it('allows up to the limit and tells a Retry-After of at least 1 s that covers the window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: -5, max: 3_600_000 }), (count, limit, endsInMs) => {
        const { allowed, retryAfterSeconds } = verdict(count, limit, endsInMs);
        expect(allowed).toBe(count <= limit);
        expect(Number.isInteger(retryAfterSeconds)).toBe(true);
        expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
        expect(retryAfterSeconds * 1000).toBeGreaterThanOrEqual(endsInMs);
        // Never too early, and not a second later than needed.
        expect((retryAfterSeconds - 1) * 1000).toBeLessThan(Math.max(endsInMs, 1));
      }),
    );
  });
});

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip ?? redisMissing)(`shared state in Redis, two servers on one ${dialect} database`, () => {
    const redis = openTestRedis();
    let prefix = testPrefix();
    let database: TestDatabase;
    let observer: Connection;
    const servers: RunningServer[] = [];
    const states: SharedState[] = [];

    beforeAll(async () => {
      database = await createMigratedTestDatabase(dialect);
      observer = await openTestConnection(database);
    });
    afterEach(async () => {
      for (const server of servers.splice(0)) await server.stop();
      for (const state of states.splice(0)) await state.close();
      await dropPrefix(redis, prefix);
      prefix = testPrefix();
    });
    afterAll(async () => {
      await observer?.close();
      await database?.drop();
      redis.disconnect();
    });

    async function twoServers(extra: Partial<ServeOptions>): Promise<[RunningServer, RunningServer]> {
      const options = serveOptions(database, { redisUrl: REDIS_TEST_URL, redisPrefix: prefix, ...extra });
      for (let i = 0; i < 2; i++) servers.push(await startServer(options));
      return [servers[0]!, servers[1]!];
    }

    it('counts sign-in attempts per account and per address in Redis, across both servers', async () => {
      const [one, two] = await twoServers({ scheduler: false });
      const { email } = await buildUser(observer, null, { passwordHash: await hashPassword(PASSWORD) });
      const through = (i: number) => client((i % 2 === 0 ? one : two).url);
      expect(one.sharedState.kind).toBe('redis');

      // Four wrong guesses through either server, then the owner signs in: the account's count is forgotten.
      for (let i = 0; i < 4; i++) expect((await through(i).post(LOGIN, { email, password: `guess number ${i}` })).status).toBe(401);
      expect(await redis.get(`${prefix}rate:login:account:${email}`)).toBe('4');
      expect((await through(1).post(LOGIN, { email, password: PASSWORD })).status).toBe(200);
      expect(await redis.exists(`${prefix}rate:login:account:${email}`)).toBe(0);

      // Ten wrong guesses alternating between the servers fill the account's budget on both.
      for (let i = 0; i < 10; i++) expect((await through(i).post(LOGIN, { email, password: `guess number ${i}` })).status).toBe(401);
      for (const server of [one, two]) {
        const blocked = await client(server.url).post(LOGIN, { email, password: PASSWORD });
        expect(blocked).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
        const retryAfter = Number(blocked.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThan(15 * 60 - 30);
        expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      }

      // The address has had 17 attempts; three more spend its budget (20 per 5 minutes), for every account.
      expect(await redis.get(`${prefix}rate:login:ip:127.0.0.1`)).toBe('17');
      for (let i = 0; i < 3; i++) expect((await through(i).post(LOGIN, { email: `someone-${i}@example.test`, password: 'a fresh guess' })).status).toBe(401);
      const other = await through(1).post(LOGIN, { email: 'someone-else@example.test', password: 'a fresh guess' });
      expect(other.status).toBe(429);
      const retryAfter = Number(other.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(5 * 60 - 30);
      expect(retryAfter).toBeLessThanOrEqual(5 * 60);
      const pttl = await redis.pttl(`${prefix}rate:login:ip:127.0.0.1`);
      expect(pttl).toBeGreaterThan(0);
      expect(Math.abs(Math.ceil(pttl / 1000) - retryAfter)).toBeLessThanOrEqual(1);

      // Nothing was counted in the database.
      expect(await observer.db.selectFrom('rate_limits').selectAll().execute()).toEqual([]);
    }, 60_000);

    it('keeps fixed windows: attempts over the limit do not extend them, and a new window starts afresh', async () => {
      const state = await openRedisSharedState({ url: REDIS_TEST_URL, prefix, connection: observer, log: () => {} });
      states.push(state);
      const now = new Date();
      const first = await state.rateLimits.count('window', 600, now);
      expect(first.count).toBe(1);
      expect(first.endsInMs).toBeGreaterThan(400);
      expect(first.endsInMs).toBeLessThanOrEqual(600);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const later = await state.rateLimits.count('window', 600, now);
      expect(later.count).toBe(2);
      expect(later.endsInMs).toBeLessThanOrEqual(first.endsInMs - 150);
      await new Promise((resolve) => setTimeout(resolve, later.endsInMs + 50));
      expect((await state.rateLimits.count('window', 600, now)).count).toBe(1);
      await state.rateLimits.forget('window');
      expect(await redis.exists(`${prefix}rate:window`)).toBe(0);
      expect((await state.rateLimits.count('window', 600, now)).count).toBe(1);
    });

    it('runs each scheduled job once between the servers, and never takes a lock another holds', async () => {
      const [one, two] = await twoServers({ schedulerTickMs: 20 });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const rows = await observer.db.selectFrom('job_leases').select(['name', 'runs', 'last_error']).orderBy('name').execute();
      expect(rows).toEqual(JOBS.map((job) => ({ name: job.name, runs: 1, last_error: null })).sort((a, b) => a.name.localeCompare(b.name)));

      const lock = `${prefix}job:send-emails`;
      await redis.set(lock, 'someone-else', 'PX', 60_000);
      expect(await one.scheduler?.runNow('send-emails')).toBe(false);
      expect(await two.scheduler?.runNow('send-emails')).toBe(false);
      expect(await redis.get(lock)).toBe('someone-else');
      await redis.del(lock);
      expect(await two.scheduler?.runNow('send-emails')).toBe(true);
      expect((await readLease(observer.db, 'send-emails'))?.runs).toBe(2);
      // Every lock was given back.
      for (const server of servers.splice(0)) await server.stop();
      expect(await redis.keys(`${prefix}job:*`)).toEqual([]);
    }, 30_000);

    it('does not run a due time twice when the lock expires mid-run, and frees only its own lock', async () => {
      const a = await openRedisSharedState({ url: REDIS_TEST_URL, prefix, connection: observer, log: () => {} });
      const b = await openRedisSharedState({ url: REDIS_TEST_URL, prefix, connection: observer, log: () => {} });
      states.push(a, b);
      let clock = new Date('2026-11-02T09:00:00.000Z');
      let started = 0;
      let open: () => void = () => {};
      const gate = new Promise<void>((resolve) => (open = resolve));
      let running: () => void = () => {};
      const isRunning = new Promise<void>((resolve) => (running = resolve));
      const slow: Job = {
        name: `slow-${dialect}`,
        everyMs: 60_000,
        leaseMs: 300,
        async run() {
          started += 1;
          // Only the first run waits (a second one, were it to happen, fails the test at once).
          if (started > 1) return;
          running();
          await gate;
        },
      };
      const scheduler = (holder: string, state: SharedState) =>
        new Scheduler({ connection: observer, jobs: [slow], mailer: createMailer(null), publicUrl: 'http://okr.test', now: () => clock, holder, turns: state.jobTurns, log: () => {} });
      const first = scheduler('instance-a', a);
      const second = scheduler('instance-b', b);
      const lock = `${prefix}job:${slow.name}`;

      const firstRun = first.runDue();
      await isRunning;
      // The live holder renews its lock for as long as the run lasts (here, past its 300 ms).
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(await redis.get(lock)).toMatch(/^instance-a /);
      expect(await second.runDue()).toEqual([]);

      // The lock expires while the run goes on (a stalled instance): the other takes the lock,
      // finds the due time claimed, and gives the lock back without running.
      await redis.del(lock);
      expect(await second.runDue()).toEqual([]);
      expect(await redis.exists(lock)).toBe(0);
      clock = new Date(clock.getTime() + 59_999);
      expect(await second.runDue()).toEqual([]);
      expect(started).toBe(1);

      // Someone else holds the lock when the first run ends: it is not freed by the wrong holder.
      await redis.set(lock, 'someone-else', 'PX', 60_000);
      open();
      expect(await firstRun).toEqual([slow.name]);
      expect(await redis.get(lock)).toBe('someone-else');
      expect(await readLease(observer.db, slow.name)).toMatchObject({ runs: 1, last_error: null, holder: null, last_run_at: '2026-11-02T09:00:00.000Z' });

      // The next due time: not while another holds the lock; then once.
      clock = new Date('2026-11-02T09:01:00.000Z');
      expect(await second.runDue()).toEqual([]);
      await redis.del(lock);
      expect(await second.runDue()).toEqual([slow.name]);
      expect(await first.runDue()).toEqual([]);
      expect(started).toBe(2);
      expect(await readLease(observer.db, slow.name)).toMatchObject({ runs: 2, last_run_at: '2026-11-02T09:01:00.000Z' });
      expect(await redis.exists(lock)).toBe(0);
    }, 30_000);

    it('does not run a job at once on an instance with Redis and one without (a rolling restart turning Redis on)', async () => {
      const withRedis = await openRedisSharedState({ url: REDIS_TEST_URL, prefix, connection: observer, log: () => {} });
      states.push(withRedis);
      const clock = new Date('2026-11-09T09:00:00.000Z');
      const ends: (() => void)[] = [];
      const starts: (() => void)[] = [];
      const started = [0, 1].map((i) => new Promise<void>((resolve) => (starts[i] = resolve)));
      const ended = [0, 1].map((i) => new Promise<void>((resolve) => (ends[i] = resolve)));
      let runs = 0;
      let active = false;
      const job: Job = {
        name: `mixed-${dialect}`,
        everyMs: 60_000,
        leaseMs: 60_000,
        async run() {
          // A run beside another (which must not happen) returns at once, failing the test fast.
          if (active) return;
          active = true;
          const index = runs++;
          starts[index]?.();
          await ended[index];
          active = false;
        },
      };
      const scheduler = (holder: string, state?: SharedState) =>
        new Scheduler({ connection: observer, jobs: [job], mailer: createMailer(null), publicUrl: 'http://okr.test', now: () => clock, holder, log: () => {}, ...(state ? { turns: state.jobTurns } : {}) });
      const redisInstance = scheduler('with-redis', withRedis);
      const databaseInstance = scheduler('without-redis');

      // The instance without Redis runs it: the one with Redis does not, even when asked to run it now.
      const first = databaseInstance.runDue();
      await started[0];
      expect(await redisInstance.runNow(job.name)).toBe(false);
      expect(await redis.exists(`${prefix}job:${job.name}`)).toBe(0);
      ends[0]?.();
      expect(await first).toEqual([job.name]);

      // And the other way round.
      const second = redisInstance.runNow(job.name);
      await started[1];
      expect(await databaseInstance.runNow(job.name)).toBe(false);
      ends[1]?.();
      expect(await second).toBe(true);
      expect(runs).toBe(2);
      expect(await readLease(observer.db, job.name)).toMatchObject({ runs: 2, holder: null });
    }, 30_000);
  });
}

describe.skipIf(redisMissing ?? ownRedisSkip())('a server whose Redis goes away', () => {
  it('answers /readyz and sign-in with 503s naming Redis, and recovers when Redis is back', async () => {
    const database = await createMigratedTestDatabase('sqlite');
    const own = await ownRedis();
    await own.start();
    const server = await startServer(serveOptions(database, { redisUrl: own.url, redisPrefix: testPrefix(), scheduler: false }));
    try {
      const api = client(server.url);
      expect(await api.get('/readyz')).toMatchObject({ status: 200, body: { status: 'ok', database: 'sqlite', redis: 'ok' } });
      expect((await api.post(LOGIN, { email: 'nobody@example.test', password: 'a wrong guess' })).status).toBe(401);

      await own.stop();
      expect(await api.get('/readyz')).toMatchObject({ status: 503, body: { status: 'unavailable', database: 'sqlite', redis: 'unavailable' } });
      const refused = await api.post(LOGIN, { email: 'nobody@example.test', password: 'a wrong guess' });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ status: 503, code: 'redis_unavailable' });
      expect(String(refused.body.detail)).toMatch(/^Redis, where this server keeps sign-in limits, does not answer/);

      await own.start();
      for (let attempt = 0; (await api.get('/readyz')).status !== 200; attempt++) {
        expect(attempt).toBeLessThan(100);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect((await api.post(LOGIN, { email: 'nobody@example.test', password: 'a wrong guess' })).status).toBe(401);
    } finally {
      await server.stop();
      await own.stop();
      await database.drop();
    }
  }, 30_000);

  it('does not start when Redis does not answer, and says so', async () => {
    const database = await createMigratedTestDatabase('sqlite');
    const url = `redis://:secret@127.0.0.1:${await freePort()}`;
    try {
      const failure = startServer(serveOptions(database, { redisUrl: url }));
      await expect(failure).rejects.toMatchObject({ code: 'redis_unavailable' });
      await expect(failure).rejects.toThrow(/^Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+ \(OKR_REDIS_URL\) does not answer: .*ECONNREFUSED/);
    } finally {
      await database.drop();
    }
  });
});

/** Runs `okr serve` as a real process until its banner (or its exit) and answers what it printed. */
function okrServe(args: string[], env: NodeJS.ProcessEnv): Promise<{ url: string | null; code: number | null; output: string; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [OKR_BIN, 'serve', '--port', '0', ...args], { env: { ...process.env, OKR_DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`okr serve neither started nor stopped:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /OKR Wizard is running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], code: null, output, stop: () => child.kill('SIGKILL') });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ url: null, code, output, stop: () => {} });
    });
  });
}

describe.skipIf(redisMissing)('okr serve with OKR_REDIS_URL', () => {
  it('says where it keeps sign-in limits and job locks, and refuses to start without its Redis', async () => {
    const database = await createMigratedTestDatabase('sqlite');
    const redis = openTestRedis();
    const prefix = testPrefix();
    try {
      const running = await okrServe(['--db', database.url], { OKR_REDIS_URL: REDIS_TEST_URL, OKR_REDIS_PREFIX: prefix });
      try {
        expect(running.output).toContain(`sign-in limits and job locks: Redis at ${REDIS_TEST_URL.replace(/\/$/, '')} (keys ${prefix}*)`);
        expect(await (await fetch(`${running.url}/readyz`)).json()).toEqual({ status: 'ok', database: 'sqlite', redis: 'ok' });
      } finally {
        running.stop();
      }
      const refused = await okrServe(['--db', database.url, '--redis', `redis://127.0.0.1:${await freePort()}`], {});
      expect(refused.code).toBe(1);
      expect(refused.output).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+ \(OKR_REDIS_URL\) does not answer: .*ECONNREFUSED/);
    } finally {
      await dropPrefix(redis, prefix);
      redis.disconnect();
      await database.drop();
    }
  }, 90_000);
});
