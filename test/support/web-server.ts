/**
 * A real OKR Wizard for the browser suites and `npm run screenshots`: the API and the built web
 * app (buildApp, as `okr serve` runs it) over a SQLite file in a temporary folder, holding the
 * demo organisation Acme or a generated one, listening on a loopback port.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { openDatabase, type Connection } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import { DEMO_PASSWORD, loadDemoOrganisation } from '../../src/services/demo-organisation.ts';
import { generateOrganisation } from '../../src/services/generate-organisation.ts';
import { hashPassword } from '../../src/services/passwords.ts';
import { builtWebApp } from './web-build.ts';

export { DEMO_PASSWORD };

export interface WebServer {
  url: string;
  app: App;
  connection: Connection;
  /** The SQLite file. */
  file: string;
  close(): Promise<void>;
}

export type WebServerData =
  | { kind: 'demo' }
  /**
   * `okr generate --people N` (seed 1) as organisation `slug`; `checkInsPerKeyResult` lowers
   * the generator's 10 check-ins per key result where the history does not matter.
   */
  | { kind: 'generated'; people: number; slug: string; checkInsPerKeyResult?: number };

export async function startWebServer(data: WebServerData = { kind: 'demo' }): Promise<WebServer> {
  const webRoot = await builtWebApp();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okrw-web-'));
  const file = path.join(dir, 'okr.db');
  let connection: Connection | undefined;
  let app: App | undefined;
  try {
    connection = await openDatabase({ dialect: 'sqlite', file });
    await migrateToLatest(connection.db);
    if (data.kind === 'demo') await loadDemoOrganisation(connection);
    else
      await generateOrganisation(connection, {
        people: data.people,
        seed: 1,
        slug: data.slug,
        ...(data.checkInsPerKeyResult === undefined ? {} : { checkInsPerKeyResult: data.checkInsPerKeyResult }),
      });
    app = await buildApp({ connection, webRoot });
    await app.listen({ host: '127.0.0.1', port: 0 });
  } catch (error) {
    await app?.close();
    await connection?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const opened = { app, connection };
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    connection,
    file,
    async close() {
      await opened.app.close();
      await opened.connection.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Generated people have no password: gives the owner of the first individual objective of the
 * organisation's active cycle one, and returns their e-mail (someone "Show my path" has
 * something to show for).
 */
export async function passwordForAnObjectiveOwner(connection: Connection, slug: string, password: string): Promise<string> {
  const db = connection.db;
  const owner = await db
    .selectFrom('objectives as o')
    .innerJoin('cycles as c', 'c.id', 'o.cycle_id')
    .innerJoin('organisations as org', 'org.id', 'c.org_id')
    .innerJoin('users as u', 'u.id', 'o.owner_id')
    .select(['u.id', 'u.email'])
    .where('org.slug', '=', slug)
    .where('c.status', '=', 'active')
    .where('o.level', '=', 'individual')
    .orderBy('o.id')
    .executeTakeFirstOrThrow();
  await db.updateTable('users').set({ password_hash: await hashPassword(password) }).where('id', '=', owner.id).execute();
  return owner.email;
}

export interface Session {
  csrfToken: string;
  userId: string;
}

/**
 * Signs the browser context in through the API (the session cookie lands in the context, so
 * its pages are signed in). Signs out whoever was signed in first.
 */
export async function signIn(context: BrowserContext, url: string, email: string, password = DEMO_PASSWORD): Promise<Session> {
  await context.clearCookies();
  const response = await context.request.post(`${url}/api/v1/auth/login`, { data: { email, password } });
  if (!response.ok()) throw new Error(`Signing in as ${email} failed: ${response.status()} ${await response.text()}`);
  const body = (await response.json()) as { csrfToken: string; user: { id: string } };
  return { csrfToken: body.csrfToken, userId: body.user.id };
}
