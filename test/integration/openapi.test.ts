import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../support/api.ts';

const run = promisify(execFile);
const REDOCLY = path.resolve(import.meta.dirname, '../../node_modules/.bin/redocly');

/** Fastify's `/orgs/:org/x` is OpenAPI's `/orgs/{org}/x`. */
const toOpenApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

describe('the OpenAPI document', () => {
  let api: TestApi;
  let doc: { openapi: string; paths: Record<string, Record<string, unknown>> };
  beforeAll(async () => {
    api = await startTestApi('sqlite');
    doc = (await client(api.url).get<typeof doc>('/api/v1/openapi.json')).body;
  });
  afterAll(async () => {
    await api?.close();
  });

  it('lists every route the server has', () => {
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)),
    );
    const served = api.app.routeList
      .filter((r) => !r.hidden && !r.url.startsWith('/api/docs'))
      .map((r) => `${r.method} ${toOpenApiPath(r.url)}`);
    expect(served.length).toBeGreaterThan(2);
    expect(served.filter((r) => !documented.has(r))).toEqual([]);
  });

  it('is valid OpenAPI 3.1 according to Redocly', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okrw-openapi-'));
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    fs.writeFileSync(
      path.join(dir, 'redocly.yaml'),
      'extends:\n  - minimal\nrules:\n  no-server-example.com: off\n  info-license: off\n  no-empty-servers: off\n',
    );
    try {
      const result = await run(REDOCLY, ['lint', '--config', path.join(dir, 'redocly.yaml'), '--format', 'stylish', file], {
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      }).catch((error: { stdout?: string; stderr?: string; code?: number }) => error);
      const output = `${'stdout' in result ? result.stdout : ''}${'stderr' in result ? result.stderr : ''}`;
      expect(output, output).not.toMatch(/\berror\b/i);
      expect('code' in result && result.code ? result.code : 0, output).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
