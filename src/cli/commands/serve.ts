import path from 'node:path';
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
  webRoot?: string;
  redis?: string;
  redisPrefix: string;
}

/**
 * A switch given as a flag or in the environment. Commander turns a flag on whenever its variable
 * is set at all; `OKR_TRUST_PROXY=false` (or `0`, `no`, `off`, empty) must leave it off.
 */
function switchOn(command: Command, name: string, variable: string): boolean {
  if (command.getOptionValueSource(name) === 'env') {
    return !/^(|0|false|no|off)$/i.test((process.env[variable] ?? '').trim());
  }
  return command.getOptionValue(name) === true;
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
      new Option('--web-root <dir>', 'folder of the built web app (default: dist/web)').env('OKR_WEB_ROOT'),
    )
    .addOption(
      new Option('--redis <url>', 'keep sign-in limits and job locks in this Redis (redis://host:port) instead of the database').env(
        'OKR_REDIS_URL',
      ),
    )
    .addOption(new Option('--redis-prefix <prefix>', 'what every Redis key starts with').default('okr:').env('OKR_REDIS_PREFIX'))
    .action(async (flags: ServeFlags, command: Command) => {
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
        secureCookies: switchOn(command, 'secureCookies', 'OKR_SECURE_COOKIES'),
        trustProxy: switchOn(command, 'trustProxy', 'OKR_TRUST_PROXY'),
        ...(flags.webRoot ? { webRoot: path.resolve(flags.webRoot) } : {}),
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
