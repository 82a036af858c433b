import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../support/api.ts';
import { dialectsUnderTest } from '../support/databases.ts';

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`HTTP basics on ${dialect}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(dialect);
    });
    afterAll(async () => {
      await api?.close();
    });

    it('answers liveness and readiness', async () => {
      const anonymous = client(api.url);
      expect(await anonymous.get('/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
      expect(await anonymous.get('/readyz')).toMatchObject({ status: 200, body: { status: 'ok', database: dialect } });
    });

    it('sends security headers and a request id on every response', async () => {
      const response = await client(api.url).get('/healthz');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
    });

    it.skipIf(dialect !== 'postgres')('answers 503 with Retry-After while every pooled connection stays busy, and recovers', async () => {
      const pool = api.connection.pool;
      if (!pool) throw new Error('expected a PostgreSQL pool');
      const options = (pool as unknown as { options: { connectionTimeoutMillis: number } }).options;
      const wait = options.connectionTimeoutMillis;
      options.connectionTimeoutMillis = 200;
      const held = await Promise.all(Array.from({ length: pool.options.max }, () => pool.connect()));
      try {
        // Looking the token up needs the database.
        const busy = await client(api.url, 'okr_any-token').get('/api/v1/me');
        expect(busy).toMatchObject({ status: 503, body: { code: 'busy', status: 503 } });
        expect(busy.headers.get('retry-after')).toBe('5');
        expect(busy.headers.get('content-type')).toContain('application/problem+json');
        expect((await client(api.url).get('/readyz')).status).toBe(503);
      } finally {
        for (const c of held) c.release();
        options.connectionTimeoutMillis = wait;
      }
      expect((await client(api.url).get('/readyz')).status).toBe(200);
    });

    it('answers unknown routes with problem JSON', async () => {
      const response = await client(api.url).get('/api/v1/nothing-here');
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 404, code: 'not_found', title: 'Not found' });
      expect(response.body.requestId).toBe(response.headers.get('x-request-id'));
    });

    it('refuses an unknown bearer token with 401 problem JSON', async () => {
      const response = await client(api.url, 'okr_not-a-real-token').get('/healthz');
      expect(response).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
    });

    it('serves an OpenAPI 3.1 document and the interactive docs', async () => {
      const doc = await client(api.url).get<{ openapi: string; paths: Record<string, unknown> }>('/api/v1/openapi.json');
      expect(doc.status).toBe(200);
      expect(doc.body.openapi).toBe('3.1.0');
      expect(Object.keys(doc.body.paths)).toContain('/readyz');
      const docs = await fetch(`${api.url}/api/docs/`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('swagger');
    });
  });
}

describe('client mistakes outside the routes', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite');
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers a non-JSON body with 415 problem JSON', async () => {
    const response = await client(api.url).call('POST', '/api/v1/auth/login', {
      rawBody: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(response).toMatchObject({ status: 415, body: { code: 'unsupported_media_type' } });
  });

  it('answers an over-long URL with problem JSON that does not echo it back', async () => {
    const response = await client(api.url).get(`/api/v1/orgs/${'a'.repeat(5000)}/objectives`);
    expect([404, 414]).toContain(response.status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(response.body).length).toBeLessThan(600);
  });

  it('answers a body over 1 MB with 413', async () => {
    const response = await client(api.url).call('POST', '/api/v1/auth/login', {
      rawBody: JSON.stringify({ email: 'x@example.test', password: 'p'.repeat(2_000_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(response).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
  });
});
