import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/http/app.ts';
import type { Connection } from '../../src/db/connection.ts';
import { createTestDatabase, openTestConnection, type TestDatabase } from '../support/databases.ts';

/** The server serves a built web app (here a tiny stand-in build) with an SPA fallback. */
describe('serving the web app', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'okrw-web-'));
  let database: TestDatabase;
  let connection: Connection;
  let app: App;
  let url: string;

  beforeAll(async () => {
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>OKR Wizard</title><div id="root"></div>');
    fs.writeFileSync(path.join(root, 'assets', 'app-123.js'), 'console.log(1)');
    database = await createTestDatabase('sqlite');
    connection = await openTestConnection(database);
    app = await buildApp({ connection, webRoot: root });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await app?.close();
    await connection?.close();
    await database?.drop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('serves index.html at / and for every app route, never cached', async () => {
    for (const page of ['/', '/orgs/acme/home', '/signin?next=%2F']) {
      const response = await fetch(`${url}${page}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets as immutable', async () => {
    const response = await fetch(`${url}/assets/app-123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it('keeps API 404s and missing files as problem JSON', async () => {
    for (const missing of ['/api/v1/nothing', '/assets/missing.js']) {
      const response = await fetch(`${url}${missing}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('explains how to build when there is no build', async () => {
    const bare = await buildApp({ connection, webRoot: path.join(root, 'nowhere') });
    const response = await bare.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('npm run build:web');
    await bare.close();
  });
});
