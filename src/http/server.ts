/**
 * Running the server: open and migrate the database, optionally load the demo organisation into
 * an empty one, listen, and on SIGTERM/SIGINT drain in-flight requests and close the database.
 */
import type { FastifyRequest } from 'fastify';
import type { DatabaseTarget } from '../db/connection.ts';
import { openDatabase, SERVER_PAGE_CACHE_MIB } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { listOrganisations } from '../repositories/organisations.ts';
import { DEMO_SIGN_INS, DEMO_PASSWORD, loadDemoOrganisation } from '../services/demo-organisation.ts';
import { JOBS } from '../services/jobs/registry.ts';
import { Scheduler } from '../services/jobs/scheduler.ts';
import { databaseSharedState } from '../services/shared-state/database.ts';
import { DEFAULT_REDIS_PREFIX, openRedisSharedState } from '../services/shared-state/redis.ts';
import type { SharedState } from '../services/shared-state/shared-state.ts';
import { createMailer, mailConfigFromEnv, publicUrlFromEnv } from '../services/mail/mailer.ts';
import { buildApp, type App } from './app.ts';

export interface ServeOptions {
  target: DatabaseTarget;
  host: string;
  port: number;
  demoIfEmpty: boolean;
  logLevel: string;
  secureCookies: boolean;
  trustProxy: boolean;
  /** Where the built web app is (default dist/web of this checkout). */
  webRoot?: string;
  /** Run scheduled work (e-mails, reminders, digests) in this instance (default true). */
  scheduler?: boolean;
  /** How often the scheduler looks for due jobs (default 5 s). */
  schedulerTickMs?: number;
  /** The environment the mailer is configured from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Keep rate-limit counters and job locks in this Redis (OKR_REDIS_URL); unset: the database. */
  redisUrl?: string | undefined;
  /** What every Redis key starts with (OKR_REDIS_PREFIX, default `okr:`). */
  redisPrefix?: string | undefined;
}

export interface RunningServer {
  app: App;
  url: string;
  /** The instance's scheduler (undefined when scheduling is off). */
  scheduler: Scheduler | undefined;
  /** Where rate limits are counted and jobs locked: the database, or Redis. */
  sharedState: SharedState;
  stop(): Promise<void>;
}

/**
 * What the log keeps of a request: Fastify's default fields, with the secret of an invitation
 * link (`/invite/<token>`, opened in a browser) left out of the URL.
 */
function loggedRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: request.url.replace(/^\/invite\/[^/?#]+/, '/invite/[secret]'),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const env = options.env ?? process.env;
  // A bad SMTP setting stops the start before anything opens.
  const mailConfig = options.scheduler === false ? null : mailConfigFromEnv(env);
  const connection = await openDatabase(options.target, { pageCacheMiB: SERVER_PAGE_CACHE_MIB });
  let sharedState: SharedState;
  try {
    // A Redis that does not answer stops the start, before anything is written.
    sharedState = options.redisUrl
      ? await openRedisSharedState({
          url: options.redisUrl,
          prefix: options.redisPrefix ?? DEFAULT_REDIS_PREFIX,
          connection,
          log: (line) => process.stderr.write(`${line}\n`),
        })
      : databaseSharedState(connection);
  } catch (error) {
    await connection.close();
    throw error;
  }
  try {
    await migrateToLatest(connection.db);
    if (options.demoIfEmpty && (await listOrganisations(connection)).length === 0) {
      await loadDemoOrganisation(connection, { now: new Date() });
      process.stdout.write('Loaded the demo organisation "Acme" into the empty database.\n');
    }
  } catch (error) {
    await sharedState.close();
    await connection.close();
    throw error;
  }
  const app = await buildApp({
    connection,
    logger: {
      level: options.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      serializers: { req: loggedRequest },
    },
    secureCookies: options.secureCookies,
    trustProxy: options.trustProxy,
    publicUrl: env.OKR_PUBLIC_URL?.trim() || undefined,
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    sharedState,
  });
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await app.close();
    await sharedState.close();
    await connection.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = options.host === '0.0.0.0' || options.host === '127.0.0.1' ? 'localhost' : options.host;
  const url = `http://${shownHost}:${port}`;
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const mailer = createMailer(mailConfig, options.scheduler === false ? undefined : log);
  const scheduler =
    options.scheduler === false
      ? undefined
      : new Scheduler({
          connection,
          jobs: JOBS,
          mailer,
          publicUrl: publicUrlFromEnv(url, env),
          turns: sharedState.jobTurns,
          ...(options.schedulerTickMs !== undefined ? { tickMs: options.schedulerTickMs } : {}),
          log: (line) => app.log.warn(line),
        });
  scheduler?.start();
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      // Scheduled work finishes before the database closes.
      await scheduler?.stop();
      await app.close();
      mailer.close();
      await sharedState.close();
      await connection.close();
    })();
    return stopping;
  };
  return { app, url, scheduler, sharedState, stop };
}

/** The banner `okr serve` prints once listening. */
export function banner(url: string, database: string, withDemo: boolean, redis?: string): string {
  const lines = [`OKR Wizard is running at ${url}`, `  database: ${database}`];
  if (redis) lines.push(`  sign-in limits and job locks: ${redis}`);
  lines.push(`  API docs: ${url}/api/docs`);
  if (withDemo) {
    lines.push(`  demo sign-ins (password "${DEMO_PASSWORD}"):`);
    for (const signIn of DEMO_SIGN_INS) lines.push(`    ${signIn.email.padEnd(24)} ${signIn.role}`);
  }
  return `${lines.join('\n')}\n`;
}
