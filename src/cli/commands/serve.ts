import { Option, type Command } from 'commander';
import { AppError } from '../../contracts/app-error.ts';
import { resolveDatabaseTarget } from '../../db/connection.ts';
import { banner, startServer } from '../../http/server.ts';
import { shownRedisUrl } from '../../services/shared-state/redis.ts';
import { dbOption } from '../run.ts';

interface ServeFlags {
  db?: string;
  host: string;
  port: string;
  demoIfEmpty?: boolean;
  logLevel: string;
  secureCookies?: boolean;
  trustProxy?: boolean;
  redis?: string;
  redisPrefix: string;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Serve the API (and the web app) over HTTP')
    .addOption(dbOption())
    .addOption(new Option('--host <host>', 'address to listen on').default('127.0.0.1').env('OKR_HOST'))
    .addOption(new Option('--port <port>', 'port to listen on (0 picks a free one)').default('3000').env('PORT'))
    .option('--demo-if-empty', 'load the demo organisation when the database has none')
    .addOption(new Option('--log-level <level>', 'log level').default('info').env('OKR_LOG_LEVEL'))
    .addOption(new Option('--secure-cookies', 'mark cookies Secure (HTTPS)').env('OKR_SECURE_COOKIES'))
    .addOption(new Option('--trust-proxy', 'trust X-Forwarded-* headers from a reverse proxy').env('OKR_TRUST_PROXY'))
    .addOption(
      new Option('--redis <url>', 'keep sign-in limits and job locks in this Redis (redis://host:port) instead of the database').env(
        'OKR_REDIS_URL',
      ),
    )
    .addOption(new Option('--redis-prefix <prefix>', 'what every Redis key starts with').default('okr:').env('OKR_REDIS_PREFIX'))
    .action(async (flags: ServeFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new AppError('bad_input', `--port must be a whole number from 0 to 65535, not '${flags.port}'.`);
      }
      const target = resolveDatabaseTarget(flags.db);
      const server = await startServer({
        target,
        host: flags.host,
        port,
        demoIfEmpty: flags.demoIfEmpty ?? false,
        logLevel: flags.logLevel,
        secureCookies: flags.secureCookies ?? false,
        trustProxy: flags.trustProxy ?? false,
        redisUrl: flags.redis || undefined,
        redisPrefix: flags.redisPrefix,
      });
      process.stdout.write(
        banner(
          server.url,
          target.dialect === 'sqlite' ? target.file : 'PostgreSQL',
          flags.demoIfEmpty ?? false,
          flags.redis ? `Redis at ${shownRedisUrl(flags.redis)} (keys ${flags.redisPrefix}*)` : undefined,
        ),
      );
      const shutdown = (signal: string) => {
        process.stdout.write(`${signal}: finishing requests in flight, then stopping.\n`);
        server.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(error);
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      process.once('SIGINT', () => shutdown('SIGINT'));
    });
}
