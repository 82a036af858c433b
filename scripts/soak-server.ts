/**
 * The server process for scripts/soak.ts: our server (`buildApp`, logger off) on the SQLite file
 * the soak generated, in its own process so that the load generator does not share its event
 * loop. Listens on 127.0.0.1:0 and reports the port over IPC.
 *
 * Messages from the parent: `stats` answers CPU time and memory (`process.memoryUsage()`); with
 * `gc: true` it first runs a full garbage collection (the process must run with --expose-gc), so
 * that the heap left is what is still referenced: the measure of a leak, apart from the garbage
 * V8 has not collected yet. `stop` closes the server and the database.
 *
 * With `--count-sql` every statement the server runs is counted and timed (statements are
 * prepared once and cached by src/db/connection.ts; each run is wrapped), and `stats` answers
 * the SQL text → runs and milliseconds.
 */
import type { AddressInfo } from 'node:net';
import { openDatabase, SERVER_PAGE_CACHE_MIB } from '../src/db/connection.ts';
import { buildApp } from '../src/http/app.ts';

export type ToSoakServer = { type: 'stats'; gc?: boolean } | { type: 'stop' };

export type FromSoakServer =
  | { type: 'ready'; port: number }
  | {
      type: 'stats';
      cpuMicros: { user: number; system: number };
      memory: NodeJS.MemoryUsage;
      /** Whether a full collection ran before measuring. */
      collected: boolean;
      statements: Record<string, { count: number; runMs: number }>;
    };

function send(message: FromSoakServer): void {
  process.send?.(message);
}

const file = process.argv[2];
if (!file) throw new Error('usage: soak-server.ts <sqlite file> [--count-sql]');
const connection = await openDatabase({ dialect: 'sqlite', file }, { pageCacheMiB: SERVER_PAGE_CACHE_MIB });
const statements = new Map<string, { count: number; runMs: number }>();
const sqlite = connection.sqlite;
if (process.argv.includes('--count-sql') && sqlite) {
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    const statement = prepare(source);
    const timed = statement as unknown as Record<
      'run' | 'get' | 'all' | 'iterate',
      (...a: unknown[]) => unknown
    >;
    for (const method of ['run', 'get', 'all', 'iterate'] as const) {
      const original = timed[method].bind(statement);
      timed[method] = (...a: unknown[]) => {
        const started = performance.now();
        try {
          return original(...a);
        } finally {
          const entry = statements.get(source) ?? { count: 0, runMs: 0 };
          entry.count++;
          entry.runMs += performance.now() - started;
          statements.set(source, entry);
        }
      };
    }
    return statement;
  }) as typeof sqlite.prepare;
}
const app = await buildApp({ connection, logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });

process.on('message', (message: ToSoakServer) => {
  if (message.type === 'stats') {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (message.gc && gc) gc();
    send({
      type: 'stats',
      cpuMicros: process.cpuUsage(),
      memory: process.memoryUsage(),
      collected: Boolean(message.gc && gc),
      statements: Object.fromEntries(statements),
    });
  } else if (message.type === 'stop') {
    void app
      .close()
      .then(() => connection.close())
      .finally(() => process.exit(0));
  }
});
// The parent going away (a crash, ^C) takes the server with it.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready', port: (app.server.address() as AddressInfo).port });
