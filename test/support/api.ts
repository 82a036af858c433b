/**
 * A real API server for tests: buildApp over a fresh, migrated database of the dialect (a copy of
 * the run's template, see ./databases.ts), listening on a loopback port, and a small fetch-based
 * client.
 */
import type { Connection, Dialect } from '../../src/db/connection.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import { createMigratedTestDatabase, openTestConnection, type TestDatabase } from './databases.ts';

export interface TestApi {
  url: string;
  app: App;
  connection: Connection;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function startTestApi(dialect: Dialect, options: { now?: () => Date } = {}): Promise<TestApi> {
  const database = await createMigratedTestDatabase(dialect);
  const connection = await openTestConnection(database);
  const app = await buildApp({ connection, validateResponses: true, ...(options.now ? { now: options.now } : {}) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    connection,
    database,
    async close() {
      await app.close();
      await connection.close();
      await database.drop();
    },
  };
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the API as a bearer-token user (or anonymously without a token). */
export function client(baseUrl: string, token?: string) {
  async function call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON; keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }
  return {
    get: <T = Record<string, unknown>>(path: string, headers?: Record<string, string>) => call<T>('GET', path, headers ? { headers } : {}),
    post: <T = Record<string, unknown>>(path: string, body?: unknown, headers?: Record<string, string>) =>
      call<T>('POST', path, { body, ...(headers ? { headers } : {}) }),
    patch: <T = Record<string, unknown>>(path: string, body: unknown, headers?: Record<string, string>) =>
      call<T>('PATCH', path, { body, ...(headers ? { headers } : {}) }),
    delete: <T = Record<string, unknown>>(path: string, headers?: Record<string, string>) => call<T>('DELETE', path, headers ? { headers } : {}),
    call,
  };
}
