/**
 * A server process for bench/api.ts, forked so that the server has its own event loop and the
 * load generator (autocannon) does not share it:
 *
 *   app  <file>  our server (`buildApp`, logger off) on the SQLite file bench/api.ts generated
 *   bare <file>  the raw limit: a bare Fastify route doing one better-sqlite3 INSERT per request
 *                into a table shaped like check_ins, with the product's pragmas, and a GET route
 *                doing one indexed SELECT on it
 *
 * Both listen on 127.0.0.1:0 and report their port over IPC. Messages from the parent:
 * `stats` (CPU time, memory and, while counting, the SQL statements prepared), `count` on/off,
 * `stop`.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import SqliteDatabase from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase, SERVER_PAGE_CACHE_MIB, type Connection } from '../src/db/connection.ts';
import { buildApp } from '../src/http/app.ts';

export type ServerMode = 'app' | 'bare';

export interface StatementStats {
  count: number;
  prepareMs: number;
  runMs: number;
}

export type ToServer = { type: 'stats' } | { type: 'count'; on: boolean } | { type: 'stop' };

export type FromServer =
  | { type: 'ready'; port: number }
  | {
      type: 'stats';
      cpuMicros: { user: number; system: number };
      rssBytes: number;
      /**
       * SQL text → how many times it ran while counting, and the milliseconds spent preparing
       * it (only on a miss of the statement cache) and running it.
       */
      statements: Record<string, StatementStats>;
    };

function send(message: FromServer): void {
  process.send?.(message);
}

/** The product's SQLite settings (src/db/connection.ts). */
export function applyProductPragmas(db: SqliteDatabase.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

interface BareBody {
  value?: unknown;
  confidence?: unknown;
  note?: unknown;
}

function bareServer(file: string): { app: FastifyInstance; close: () => void } {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const db = new SqliteDatabase(file);
  applyProductPragmas(db);
  db.exec(`
    CREATE TABLE bare_check_ins (
      id text PRIMARY KEY, org_id text NOT NULL, key_result_id text NOT NULL,
      value double precision NOT NULL, confidence double precision, note text,
      author_id text, source text NOT NULL, created_at text NOT NULL);
    CREATE INDEX bare_check_ins_key_result ON bare_check_ins (key_result_id, created_at);`);
  const insert = db.prepare(
    'INSERT INTO bare_check_ins (id, org_id, key_result_id, value, confidence, note, author_id, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const org = uuidv7();
  const author = uuidv7();
  const app = Fastify({ logger: false });
  app.post<{ Params: { id: string }; Body: BareBody }>('/krs/:id/check-ins', (request, reply) => {
    const body = request.body;
    const value = typeof body.value === 'number' ? body.value : 0;
    const confidence = typeof body.confidence === 'number' ? body.confidence : null;
    const note = typeof body.note === 'string' ? body.note : null;
    const id = uuidv7();
    const createdAt = new Date().toISOString();
    insert.run(id, org, request.params.id, value, confidence, note, author, 'user', createdAt);
    return reply
      .status(201)
      .send({ id, keyResultId: request.params.id, value, confidence, note, createdAt });
  });
  // The read limit: one indexed SELECT (the latest check-in of a key result) answered as JSON.
  const latest = db.prepare(
    'SELECT * FROM bare_check_ins WHERE key_result_id = ? ORDER BY created_at DESC LIMIT 1',
  );
  app.get<{ Params: { id: string } }>(
    '/krs/:id/latest',
    (request) => latest.get(request.params.id) ?? { keyResultId: request.params.id },
  );
  return { app, close: () => db.close() };
}

async function main(): Promise<void> {
  const [mode, file] = process.argv.slice(2) as [ServerMode | undefined, string | undefined];
  if ((mode !== 'app' && mode !== 'bare') || !file)
    throw new Error('usage: api-server.ts app|bare <sqlite file>');

  let app: FastifyInstance;
  let close: () => Promise<void> | void;
  let counting = false;
  const statements = new Map<string, StatementStats>();

  if (mode === 'app') {
    const connection: Connection = await openDatabase({ dialect: 'sqlite', file }, { pageCacheMiB: SERVER_PAGE_CACHE_MIB });
    const sqlite = connection.sqlite;
    if (!sqlite) throw new Error('expected SQLite');
    // Every statement the server prepares is wrapped (src/db/connection.ts caches them, so most
    // are prepared once, before counting starts); while counting, each run is counted and timed.
    const prepare = sqlite.prepare.bind(sqlite);
    const entryOf = (source: string): StatementStats => {
      let entry = statements.get(source);
      if (!entry) {
        entry = { count: 0, prepareMs: 0, runMs: 0 };
        statements.set(source, entry);
      }
      return entry;
    };
    sqlite.prepare = ((source: string) => {
      const started = performance.now();
      const statement = prepare(source);
      if (counting) entryOf(source).prepareMs += performance.now() - started;
      // Time what Kysely runs the statement with (a diagnostic only: `count` is off while timed runs go).
      const timed = statement as unknown as Record<
        'run' | 'get' | 'all' | 'iterate',
        (...a: unknown[]) => unknown
      >;
      for (const method of ['run', 'get', 'all', 'iterate'] as const) {
        const original = timed[method].bind(statement);
        timed[method] = (...a: unknown[]) => {
          if (!counting) return original(...a);
          const t = performance.now();
          const entry = entryOf(source);
          entry.count++;
          try {
            return original(...a);
          } finally {
            entry.runMs += performance.now() - t;
          }
        };
      }
      return statement;
    }) as typeof sqlite.prepare;
    app = await buildApp({ connection, logger: false });
    close = () => connection.close();
  } else {
    const bare = bareServer(file);
    app = bare.app;
    close = bare.close;
  }

  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;

  process.on('message', (message: ToServer) => {
    if (message.type === 'count') {
      counting = message.on;
      if (message.on) statements.clear();
    } else if (message.type === 'stats') {
      send({
        type: 'stats',
        cpuMicros: process.cpuUsage(),
        rssBytes: process.memoryUsage().rss,
        statements: Object.fromEntries(statements),
      });
    } else if (message.type === 'stop') {
      void app
        .close()
        .then(() => close())
        .finally(() => process.exit(0));
    }
  });
  // The parent going away (a crash, ^C) takes the server with it.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port });
}

await main();
