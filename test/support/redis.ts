/**
 * Redis for the suites of the optional shared state (OKR_REDIS_URL): the server at
 * OKR_TEST_REDIS_URL (default redis://127.0.0.1:6379), each test under a key prefix of its own
 * that it removes afterwards. Outside CI a Redis that does not answer skips those suites with a
 * printed reason; with CI=true it fails.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import { Redis } from 'ioredis';

export const REDIS_TEST_URL = process.env.OKR_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const inCi = process.env.CI === 'true';

let redisAvailable: Promise<string | null> | undefined;

/** null when Redis answers, else the reason it does not. */
export function redisProblem(): Promise<string | null> {
  redisAvailable ??= (async () => {
    const probe = new Redis(REDIS_TEST_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3_000, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.ping();
      return null;
    } catch (error) {
      return `Redis at ${REDIS_TEST_URL} does not answer (${(error as Error).message})`;
    } finally {
      probe.disconnect();
    }
  })();
  return redisAvailable;
}

/** Why the Redis suites are skipped (printed), or null; with CI=true a missing Redis throws. */
export async function redisSkip(): Promise<string | null> {
  const problem = await redisProblem();
  if (problem && inCi) throw new Error(`CI=true requires Redis: ${problem}`);
  if (problem) console.warn(`[skip] Redis suites skipped: ${problem}`);
  return problem;
}

/** A key prefix no other test uses. */
export function testPrefix(): string {
  return `okrw_test_${randomBytes(6).toString('hex')}:`;
}

/** A plain client on the test Redis, for looking at and changing keys behind the server's back. */
export function openTestRedis(): Redis {
  return new Redis(REDIS_TEST_URL, { maxRetriesPerRequest: 1 });
}

/** Removes every key under `prefix`. */
export async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Why a Redis of the test's own cannot be started (no redis-server; printed), or null; with
 * CI=true a missing redis-server throws.
 */
export function ownRedisSkip(): string | null {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (!found.error) return null;
  const problem = `redis-server is not installed (${found.error.message})`;
  if (inCi) throw new Error(`CI=true requires ${problem}`);
  console.warn(`[skip] Redis outage suite skipped: ${problem}`);
  return problem;
}

/** A redis-server of the test's own on loopback (keeping nothing), to stop and start again. */
export interface OwnRedis {
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function ownRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  return {
    url,
    async start() {
      child = spawn(
        'redis-server',
        ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', os.tmpdir()],
        { stdio: 'ignore' },
      );
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        for (let attempt = 0; ; attempt++) {
          try {
            await probe.connect();
            await probe.ping();
            return;
          } catch (error) {
            if (attempt >= 100) throw error;
            probe.disconnect();
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }
      } finally {
        probe.disconnect();
      }
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
  };
}
