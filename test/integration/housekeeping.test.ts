/**
 * Housekeeping (src/services/jobs/housekeeping.ts) on both databases: what is past keeping goes,
 * everything else stays — live sessions, sessions that ended recently, the current rate-limit
 * windows, pending deliveries however old, finished deliveries of the last month.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Connection } from '../../src/db/connection.ts';
import { KEEP_DAYS, sweep } from '../../src/services/jobs/housekeeping.ts';
import { buildOrganisation, buildUser } from '../support/builders.ts';
import {
  createMigratedTestDatabase,
  dialectsUnderTest,
  openTestConnection,
  type TestDatabase,
} from '../support/databases.ts';

const now = new Date('2026-11-28T12:00:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`housekeeping on ${dialect}`, () => {
    let database: TestDatabase;
    let c: Connection;
    beforeAll(async () => {
      database = await createMigratedTestDatabase(dialect);
      c = await openTestConnection(database);
    });
    afterAll(async () => {
      await c?.close();
      await database?.drop();
    });

    it('removes ended sessions, old rate-limit windows and finished deliveries past keeping, and nothing else', async () => {
      const org = await buildOrganisation(c);
      const user = await buildUser(c, org.id, { name: 'Ana' });
      const session = (name: string, expiresAt: string, revokedAt: string | null) => ({
        id: name,
        token_hash: `hash-${name}`,
        user_id: user.id,
        csrf_token: `csrf-${name}`,
        created_at: daysAgo(90),
        expires_at: expiresAt,
        last_seen_at: daysAgo(60),
        revoked_at: revokedAt,
        user_agent: null,
        ip: null,
      });
      await c.db
        .insertInto('sessions')
        .values([
          session('live', daysAgo(-5), null),
          session('expired-recently', daysAgo(KEEP_DAYS - 1), null),
          session('expired-long-ago', daysAgo(KEEP_DAYS + 1), null),
          session('revoked-recently', daysAgo(-5), daysAgo(2)),
          session('revoked-long-ago', daysAgo(-5), daysAgo(KEEP_DAYS + 2)),
        ])
        .execute();
      await c.db
        .insertInto('rate_limits')
        .values([
          { key: 'ip:current', window_start: daysAgo(0.01), count: 3 },
          { key: 'ip:yesterday', window_start: daysAgo(1.5), count: 9 },
        ])
        .execute();
      const endpoint = uuidv7();
      await c.db
        .insertInto('webhook_endpoints')
        .values({
          id: endpoint,
          org_id: org.id,
          url: 'http://127.0.0.1:9/hook',
          description: '',
          events: ',check_in.created,',
          secret: 'secret',
          active: 1,
          created_by: user.id,
          created_at: daysAgo(90),
          updated_at: daysAgo(90),
        })
        .execute();
      const delivery = (name: string, status: string, createdAt: string) => ({
        id: uuidv7(),
        org_id: org.id,
        endpoint_id: endpoint,
        event_id: name,
        event_type: 'check_in.created',
        payload: '{}',
        status,
        attempts: 1,
        next_attempt_at: createdAt,
        last_attempt_at: createdAt,
        response_status: null,
        response_body: null,
        duration_ms: null,
        error: null,
        created_at: createdAt,
      });
      await c.db
        .insertInto('webhook_deliveries')
        .values([
          delivery('old-succeeded', 'succeeded', daysAgo(KEEP_DAYS + 1)),
          delivery('old-failed', 'failed', daysAgo(KEEP_DAYS + 3)),
          delivery('old-pending', 'pending', daysAgo(KEEP_DAYS + 3)),
          delivery('recent-succeeded', 'succeeded', daysAgo(1)),
        ])
        .execute();

      expect(await sweep(c, now)).toEqual({ sessions: 2, rateLimits: 1, webhookDeliveries: 2 });
      const ids = async (rows: Promise<{ id: string }[]>) => (await rows).map((r) => r.id).sort();
      expect(await ids(c.db.selectFrom('sessions').select('id').execute())).toEqual([
        'expired-recently',
        'live',
        'revoked-recently',
      ]);
      expect(
        (await c.db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key),
      ).toEqual(['ip:current']);
      expect(
        (await c.db.selectFrom('webhook_deliveries').select('event_id').execute())
          .map((r) => r.event_id)
          .sort(),
      ).toEqual(['old-pending', 'recent-succeeded']);
      // A second sweep finds nothing more.
      expect(await sweep(c, now)).toEqual({ sessions: 0, rateLimits: 0, webhookDeliveries: 0 });
    });
  });
}
