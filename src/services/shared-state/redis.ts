/**
 * Shared state in Redis (when OKR_REDIS_URL is set): rate-limit counters as fixed windows that
 * Redis expires, and which instance runs a job as a Redis lock. The job's bookkeeping (when it
 * last ran, its runs, its last error) stays in `job_leases`, where its due time is claimed under
 * the lock, so a due time runs once even if a lock expires while its run goes on.
 * Every key starts with the prefix (OKR_REDIS_PREFIX, default `okr:`), so several deployments
 * or test runs can share one Redis. See docs/decisions/0013-optional-redis-for-counters-and-job-locks.md.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { AppError } from '../../contracts/app-error.ts';
import type { Connection } from '../../db/connection.ts';
import { claimTurn, ensureLease, finishTurn } from '../../repositories/job-leases.ts';
import type { JobTurns, RateLimitCounters, SharedState } from './shared-state.ts';

export const DEFAULT_REDIS_PREFIX = 'okr:';

export interface RedisSharedStateOptions {
  /** redis://[user:password@]host:port[/db] or rediss://... */
  url: string;
  /** Put before every key (default `okr:`). */
  prefix?: string;
  /** Whose job turns and counters these are: the database the instances share. */
  connection: Connection;
  /** Where Redis going away and coming back is reported (default stderr). */
  log?: (message: string) => void;
  /** How long one Redis command may take before it fails (default 2 s). */
  commandTimeoutMs?: number;
}

/**
 * One attempt in a fixed window, atomically: the first INCR of a window gives the key its
 * expiry (the window's length); later ones leave it alone. Answers the count and the time left.
 */
const COUNT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
return {count, left}`;

/** Extends a lock only for the holder that took it (compare-and-set). */
const RENEW_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

/** Removes a lock only for the holder that took it (compare-and-set). */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/** The URL with any password left out, for messages. */
export function shownRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unreadable URL';
  }
}

/** Runs a Redis command; its failure (Redis down or slow) becomes a 503 `redis_unavailable`. */
async function redisCall<T>(work: () => Promise<T>, keeps = 'sign-in limits'): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : '';
    throw new AppError('redis_unavailable', `Redis, where this server keeps ${keeps}, does not answer; try again in a moment.${keeps === 'sign-in limits' ? '' : detail}`);
  }
}

/** The fixed-window verdict's arithmetic on what COUNT_SCRIPT answers. */
export function windowFromScript(reply: unknown): { count: number; endsInMs: number } {
  const [count, left] = reply as [number, number];
  return { count: Number(count), endsInMs: Number(left) };
}

function redisRateLimits(client: Redis, prefix: string): RateLimitCounters {
  const keyOf = (key: string) => `${prefix}rate:${key}`;
  return {
    // Redis's clock decides when a window ends, the same for every instance.
    count: (key, windowMs) =>
      redisCall(async () => windowFromScript(await client.eval(COUNT_SCRIPT, 1, keyOf(key), String(windowMs)))),
    forget: (key) =>
      redisCall(async () => {
        await client.del(keyOf(key));
      }),
  };
}

function redisJobTurns(client: Redis, prefix: string, connection: Connection, log: (message: string) => void): JobTurns {
  const keyOf = (name: string) => `${prefix}job:${name}`;
  return {
    async begin(job, holder, now, onlyWhenDue) {
      const { db } = connection;
      await ensureLease(db, job.name);
      const key = keyOf(job.name);
      // What the lock holds: this instance and this turn, so only this turn renews or frees it.
      const token = `${holder} ${randomUUID()}`;
      const release = () => redisCall(() => client.eval(RELEASE_SCRIPT, 1, key, token), 'job locks');
      if ((await redisCall(() => client.set(key, token, 'PX', job.leaseMs, 'NX'), 'job locks')) !== 'OK') return null;
      const nowIso = now.toISOString();
      let claimed: boolean;
      try {
        const until = new Date(now.getTime() + job.leaseMs).toISOString();
        const dueBefore = onlyWhenDue ? new Date(now.getTime() - job.everyMs).toISOString() : null;
        claimed = await claimTurn(db, job.name, holder, nowIso, until, dueBefore);
      } catch (error) {
        await release().catch(() => undefined);
        throw error;
      }
      if (!claimed) {
        await release();
        return null;
      }
      // A live instance keeps its lock for as long as the run lasts; a dead one's expires.
      const renewal = setInterval(() => {
        client.eval(RENEW_SCRIPT, 1, key, token, String(job.leaseMs)).then(
          (renewed) => {
            if (Number(renewed) !== 1) log(`job ${job.name}: its Redis lock expired mid-run; its turn stays claimed in the database`);
          },
          (error: unknown) => log(`job ${job.name}: could not renew its Redis lock (${String(error)})`),
        );
      }, Math.max(10, Math.floor(job.leaseMs / 3)));
      renewal.unref();
      return {
        async finish(error) {
          clearInterval(renewal);
          if (!(await finishTurn(db, job.name, holder, nowIso, error))) {
            log(`job ${job.name}: a later turn was claimed while this run went on; its outcome is not recorded`);
          }
          await release();
        },
      };
    },
  };
}

/**
 * Connects to Redis and answers the shared state kept there. Fails at once, with a message
 * naming the URL (without its password), when Redis does not answer.
 */
export async function openRedisSharedState(options: RedisSharedStateOptions): Promise<SharedState> {
  const prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const shown = shownRedisUrl(options.url);
  if (!/^rediss?:\/\//.test(options.url)) {
    throw new AppError('bad_input', `OKR_REDIS_URL must be a redis:// or rediss:// URL, not ${shown}.`);
  }
  const client = new Redis(options.url, {
    lazyConnect: false,
    // While Redis is away, commands fail at once (a 503) instead of waiting in a queue.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 2_000,
    connectTimeout: 3_000,
    // Keep trying to reconnect, every 2 s at most.
    retryStrategy: (times) => Math.min(times * 100, 2_000),
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const onReady = () => {
        client.off('error', onError);
        resolve();
      };
      const onError = (error: Error) => {
        client.off('ready', onReady);
        reject(error);
      };
      client.once('ready', onReady);
      client.once('error', onError);
    });
  } catch (error) {
    client.disconnect();
    throw new AppError('redis_unavailable', `Redis at ${shown} (OKR_REDIS_URL) does not answer: ${(error as Error).message}`);
  }
  let away = false;
  client.on('error', (error: Error) => {
    if (!away) log(`Redis at ${shown} does not answer (${error.message}); sign-in answers 503 until it does`);
    away = true;
  });
  client.on('ready', () => {
    if (away) log(`Redis at ${shown} answers again`);
    away = false;
  });
  return {
    kind: 'redis',
    rateLimits: redisRateLimits(client, prefix),
    jobTurns: redisJobTurns(client, prefix, options.connection, log),
    async readiness() {
      try {
        await client.ping();
        return { redis: 'ok' };
      } catch {
        return { redis: 'unavailable' };
      }
    },
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
