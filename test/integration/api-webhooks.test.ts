/**
 * Webhooks through the API on both databases, against a receiver the test starts on loopback:
 * admins register endpoints (the secret shown once); check-ins, status changes, objectives
 * created and closed and cycle transitions are written to the outbox in the change's
 * transaction and delivered signed (X-OKR-Signature verifies); failures are retried with
 * exponential backoff (the worker run directly with a chosen clock) until `failed`; a failed
 * delivery is redelivered; deliveries written before a restart are sent by the next server;
 * nothing about a private objective leaves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRole } from '../../src/contracts/model.ts';
import { openTestConnection } from '../support/databases.ts';
import { verifyWebhook } from '../../src/domain/webhook-signature.ts';
import { deliverDueWebhooks } from '../../src/services/webhooks/deliver.ts';
import { client, startTestApi, type TestApi } from '../support/api.ts';
import {
  buildCycle,
  buildKeyResult,
  buildObjective,
  buildOrganisation,
  buildTeam,
  buildToken,
  buildUser,
} from '../support/builders.ts';
import { dialectsUnderTest } from '../support/databases.ts';
import { startReceiver, type Receiver } from '../support/receiver.ts';

type Body = Record<string, unknown>;
interface Delivery {
  id: string;
  eventType: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  responseStatus: number | null;
  responseBody: string | null;
  durationMs: number | null;
  error: string | null;
  payload: { type: string; data: Body };
}
const ifMatch = (version: unknown) => ({ 'if-match': `"${String(version)}"` });
const T0 = Date.parse('2026-11-02T09:00:00.000Z');

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`webhooks on ${dialect}`, () => {
    let api: TestApi;
    let receiver: Receiver;
    let clock = T0;
    beforeAll(async () => {
      api = await startTestApi(dialect, { now: () => new Date(clock) });
      receiver = await startReceiver();
    });
    afterAll(async () => {
      await receiver?.close();
      await api?.close();
    });

    async function world() {
      const c = api.connection;
      const org = await buildOrganisation(c);
      const user = async (name: string, roles: OrgRole[] = []) => {
        const built = await buildUser(c, org.id, { name, roles });
        return { ...built, api: client(api.url, await buildToken(c, built.id)) };
      };
      const admin = await user('Adam', ['admin']);
      const ana = await user('Ana');
      const team = await buildTeam(c, org.id, { name: 'Growth', leads: [ana.id] });
      const cycle = await buildCycle(c, org.id, { startDate: '2026-10-01', endDate: '2026-12-31' });
      const objective = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        teamId: team.id,
        ownerId: ana.id,
        title: 'Delight new customers',
      });
      const kr = await buildKeyResult(c, org.id, {
        objectiveId: objective.id,
        ownerId: ana.id,
        start: 0,
        target: 100,
      });
      const secret = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        level: 'individual',
        ownerId: ana.id,
        visibility: 'private',
      });
      const secretKr = await buildKeyResult(c, org.id, { objectiveId: secret.id, ownerId: ana.id });
      const other = await buildOrganisation(c);
      const olga = await buildUser(c, other.id, { roles: ['admin'] });
      return {
        org,
        base: `/api/v1/orgs/${org.slug}`,
        admin,
        ana,
        team,
        cycle,
        objective,
        kr,
        secretKr,
        olga: { ...olga, api: client(api.url, await buildToken(c, olga.id)) },
        otherBase: `/api/v1/orgs/${other.slug}`,
      };
    }
    type World = Awaited<ReturnType<typeof world>>;

    async function register(w: World, events: string[], url = receiver.url) {
      const created = await w.admin.api.post<Body>(`${w.base}/webhooks`, {
        url,
        events,
        description: 'CRM',
      });
      expect(created.status).toBe(201);
      return created.body as { id: string; secret: string; version: number };
    }
    const deliveries = async (w: World, endpointId: string) =>
      (await w.admin.api.get<{ items: Delivery[] }>(`${w.base}/webhooks/${endpointId}/deliveries`))
        .body.items;
    const deliver = (at = clock) =>
      deliverDueWebhooks(api.connection, new Date(at), { random: () => 0.5, timeoutMs: 2000 });

    it('lets only admins register endpoints, for http(s) URLs, and shows the secret once', async () => {
      const w = await world();
      const created = await register(w, ['check_in.created']);
      expect(created.secret).toMatch(/^whsec_/);
      const list = await w.admin.api.get<{ items: Body[] }>(`${w.base}/webhooks`);
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0]).not.toHaveProperty('secret');
      expect(list.body.items[0]).toMatchObject({
        url: receiver.url,
        events: ['check_in.created'],
        active: true,
      });

      expect((await w.ana.api.get(`${w.base}/webhooks`)).status).toBe(403);
      expect(
        (
          await w.ana.api.post(`${w.base}/webhooks`, {
            url: receiver.url,
            events: ['check_in.created'],
          })
        ).status,
      ).toBe(403);
      expect((await client(api.url).get(`${w.base}/webhooks`)).status).toBe(401);
      expect((await w.olga.api.get(`${w.base}/webhooks`)).status).toBe(404);
      expect(
        (await w.olga.api.get(`${w.otherBase}/webhooks/${created.id}/deliveries`)).status,
      ).toBe(404);
      for (const bad of [
        { url: 'ftp://example.test/hook', events: ['check_in.created'] },
        { url: 'javascript:alert(1)', events: ['check_in.created'] },
        { url: receiver.url, events: [] },
        { url: receiver.url, events: ['everything'] },
      ]) {
        expect((await w.admin.api.post(`${w.base}/webhooks`, bad)).status).toBe(400);
      }
      // Edits need If-Match; deactivated endpoints get nothing new.
      expect(
        (await w.admin.api.patch(`${w.base}/webhooks/${created.id}`, { active: false })).status,
      ).toBe(428);
      const off = await w.admin.api.patch<Body>(
        `${w.base}/webhooks/${created.id}`,
        { active: false },
        ifMatch(created.version),
      );
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      expect(
        (
          await w.admin.api.patch(
            `${w.base}/webhooks/${created.id}`,
            { active: true },
            ifMatch(created.version),
          )
        ).status,
      ).toBe(412);
      await w.ana.api.post(`${w.base}/key-results/${w.kr.id}/check-ins`, { value: 10 });
      expect(await deliveries(w, created.id)).toHaveLength(0);
      expect(
        (await w.admin.api.delete(`${w.base}/webhooks/${created.id}`, ifMatch(off.body.version)))
          .status,
      ).toBe(204);
    });

    it('writes a check-in for an endpoint registered after earlier check-ins found none', async () => {
      const w = await world();
      // The server remembers that nobody subscribed; registering must still catch the next one.
      const first = await w.ana.api.post(`${w.base}/key-results/${w.kr.id}/check-ins`, { value: 30 });
      expect(first.status).toBe(201);
      const outbox = () =>
        api.connection.db
          .selectFrom('webhook_deliveries')
          .select('event_type')
          .where('org_id', '=', w.org.id)
          .execute();
      expect(await outbox()).toEqual([]);
      await register(w, ['check_in.created']);
      const second = await w.ana.api.post(`${w.base}/key-results/${w.kr.id}/check-ins`, { value: 35 });
      expect(second.status).toBe(201);
      expect(await outbox()).toEqual([{ event_type: 'check_in.created' }]);
      // Not for the receiver: the next tests count what it gets.
      await api.connection.db.deleteFrom('webhook_deliveries').where('org_id', '=', w.org.id).execute();
    });

    it('delivers a check-in signed, with the headers, and lists the response', async () => {
      const w = await world();
      const endpoint = await register(w, ['check_in.created', 'status.changed']);
      receiver.received.length = 0;
      const checkIn = await w.ana.api.post<Body>(`${w.base}/key-results/${w.kr.id}/check-ins`, {
        value: 40,
        confidence: 0.7,
        note: 'Good week',
      });
      expect(checkIn.status).toBe(201);
      const pending = await deliveries(w, endpoint.id);
      expect(pending.map((d) => d.status)).toContain('pending');
      const run = await deliver();
      expect(run.attempted).toBeGreaterThanOrEqual(1);
      const got = receiver.received.find((r) => r.headers['x-okr-event'] === 'check_in.created');
      expect(got).toBeDefined();
      if (!got) return;
      expect(got.headers['content-type']).toBe('application/json');
      const signature = String(got.headers['x-okr-signature']);
      const timestamp = String(got.headers['x-okr-timestamp']);
      expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(
        verifyWebhook(
          endpoint.secret,
          { signature, timestamp },
          got.body,
          Math.floor(Date.now() / 1000),
        ),
      ).toBe(true);
      expect(
        verifyWebhook(
          'whsec_wrong',
          { signature, timestamp },
          got.body,
          Math.floor(Date.now() / 1000),
        ),
      ).toBe(false);
      const body = JSON.parse(got.body) as {
        type: string;
        data: { checkIn: Body; keyResult: Body; objective: Body };
      };
      expect(body.type).toBe('check_in.created');
      expect(body.data.checkIn).toMatchObject({
        value: 40,
        confidence: 0.7,
        note: 'Good week',
        source: 'user',
      });
      expect(body.data.keyResult).toMatchObject({ id: w.kr.id, currentValue: 40 });
      expect(body.data.objective).toMatchObject({
        id: w.objective.id,
        title: 'Delight new customers',
      });

      const listed = await deliveries(w, endpoint.id);
      const delivered = listed.find((d) => d.eventType === 'check_in.created');
      expect(delivered).toMatchObject({
        id: got.headers['x-okr-delivery'],
        status: 'succeeded',
        attempts: 1,
        responseStatus: 200,
        responseBody: 'ok',
        error: null,
      });
      expect(delivered?.durationMs).toBeGreaterThanOrEqual(0);
      // The key result went from no health to one: a status change, delivered too.
      expect(listed.some((d) => d.eventType === 'status.changed' && d.status === 'succeeded')).toBe(
        true,
      );
      const status = receiver.received.find((r) => r.headers['x-okr-event'] === 'status.changed');
      const change = JSON.parse(status?.body ?? '{}') as { data: { subject: string; to: string } };
      expect(['key_result', 'objective']).toContain(change.data.subject);
      expect(['on_track', 'at_risk', 'off_track']).toContain(change.data.to);
      // Nothing is sent twice.
      expect((await deliver()).attempted).toBe(0);
    });

    it('retries with exponential backoff until it succeeds, or marks it failed; redeliver sends it again', async () => {
      const w = await world();
      const endpoint = await register(w, ['check_in.created']);
      let failing = true;
      receiver.answer = () =>
        failing ? { status: 503, body: '{"error":"down"}' } : { status: 200, body: 'ok' };
      try {
        clock = T0;
        await w.ana.api.post(`${w.base}/key-results/${w.kr.id}/check-ins`, { value: 5 });
        // random 0.5: the n-th retry waits 3/4 of min(6 h, 30 s · 2^(n-1)).
        const waits = [22_500, 45_000, 90_000, 180_000, 360_000, 720_000, 1_440_000];
        let at = T0;
        for (const [i, wait] of waits.entries()) {
          expect((await deliver(at)).attempted).toBe(1);
          const [d] = await deliveries(w, endpoint.id);
          expect(d).toMatchObject({
            status: 'pending',
            attempts: i + 1,
            responseStatus: 503,
            error: 'HTTP 503',
          });
          expect(Date.parse(d?.nextAttemptAt ?? '')).toBe(at + wait);
          // Not due a moment before.
          expect((await deliver(at + wait - 1)).attempted).toBe(0);
          at += wait;
        }
        expect((await deliver(at)).attempted).toBe(1);
        const [failed] = await deliveries(w, endpoint.id);
        expect(failed).toMatchObject({
          status: 'failed',
          attempts: 8,
          nextAttemptAt: null,
          responseBody: '{"error":"down"}',
        });
        expect((await deliver(at + 86_400_000)).attempted).toBe(0);

        failing = false;
        expect(
          (await w.ana.api.post(`${w.base}/webhook-deliveries/${failed?.id}/redeliver`)).status,
        ).toBe(403);
        const again = await w.admin.api.post<Delivery>(
          `${w.base}/webhook-deliveries/${failed?.id}/redeliver`,
        );
        expect(again.status).toBe(202);
        expect(again.body).toMatchObject({ status: 'pending', attempts: 0 });
        expect(
          (await w.admin.api.post(`${w.base}/webhook-deliveries/${failed?.id}/redeliver`)).status,
        ).toBe(409);
        expect((await deliver()).attempted).toBe(1);
        expect((await deliveries(w, endpoint.id))[0]).toMatchObject({
          status: 'succeeded',
          attempts: 1,
          responseStatus: 200,
        });
      } finally {
        receiver.answer = () => ({ status: 200, body: 'ok' });
      }
    });

    it('records a receiver that does not answer in time, and one that refuses connections', async () => {
      const w = await world();
      const slow = await register(w, ['check_in.created']);
      const closed = await startReceiver();
      const gone = closed.url;
      await closed.close();
      const refused = await register(w, ['check_in.created'], gone);
      receiver.answer = () => ({ status: 200, body: 'late', delayMs: 3000 });
      try {
        await w.ana.api.post(`${w.base}/key-results/${w.kr.id}/check-ins`, { value: 6 });
        await deliver();
        expect((await deliveries(w, slow.id))[0]).toMatchObject({
          status: 'pending',
          error: 'Timed out.',
          responseStatus: null,
        });
        const [refusal] = await deliveries(w, refused.id);
        expect(refusal?.status).toBe('pending');
        expect(refusal?.error).toMatch(/ECONNREFUSED/);
      } finally {
        receiver.answer = () => ({ status: 200, body: 'ok' });
      }
    });

    it('sends objective, cycle and test events, and nothing about private objectives', async () => {
      const w = await world();
      const endpoint = await register(w, [
        'check_in.created',
        'status.changed',
        'objective.created',
        'objective.closed',
        'cycle.transitioned',
      ]);
      await w.ana.api.post(`${w.base}/key-results/${w.secretKr.id}/check-ins`, { value: 50 });
      expect(await deliveries(w, endpoint.id)).toHaveLength(0);

      const created = await w.ana.api.post<Body>(`${w.base}/objectives`, {
        cycleId: w.cycle.id,
        level: 'team',
        teamId: w.team.id,
        title: 'Ship the new onboarding flow',
      });
      expect(created.status).toBe(201);
      const closed = await w.ana.api.patch<Body>(
        `${w.base}/objectives/${String(created.body.id)}`,
        { status: 'completed' },
        ifMatch(created.body.version),
      );
      expect(closed.status).toBe(200);
      const champion = await buildUser(api.connection, w.org.id, { roles: ['champion'] });
      const championApi = client(api.url, await buildToken(api.connection, champion.id));
      const cycle = await championApi.get<Body>(`${w.base}/cycles/${w.cycle.id}`);
      expect(
        (
          await championApi.post(
            `${w.base}/cycles/${w.cycle.id}/transitions`,
            { to: 'grading' },
            ifMatch(cycle.body.version),
          )
        ).status,
      ).toBe(200);
      const test = await w.admin.api.post<Delivery>(`${w.base}/webhooks/${endpoint.id}/test`);
      expect(test.status).toBe(202);
      expect(test.body.eventType).toBe('webhook.test');

      const types = (await deliveries(w, endpoint.id)).map((d) => d.eventType).sort();
      expect(types).toEqual([
        'cycle.transitioned',
        'objective.closed',
        'objective.created',
        'webhook.test',
      ]);
      const byType = new Map(
        (await deliveries(w, endpoint.id)).map((d) => [d.eventType, d.payload]),
      );
      expect(byType.get('objective.closed')?.data).toMatchObject({
        objective: { id: created.body.id, status: 'completed' },
        from: 'active',
      });
      expect(byType.get('cycle.transitioned')?.data).toMatchObject({
        cycle: { id: w.cycle.id },
        from: 'active',
        to: 'grading',
      });
      receiver.received.length = 0;
      expect((await deliver()).succeeded).toBe(4);
      expect(receiver.received.map((r) => r.headers['x-okr-event']).sort()).toEqual(types);
    });

    it('delivers each due event once when several workers run at the same time', async () => {
      const w = await world();
      const endpoint = await register(w, ['check_in.created']);
      for (const value of [1, 2, 3, 4, 5])
        await w.ana.api.post(`${w.base}/key-results/${w.kr.id}/check-ins`, { value });
      receiver.received.length = 0;
      const runs = await Promise.all([deliver(), deliver(), deliver()]);
      expect(runs.reduce((n, r) => n + r.attempted, 0)).toBe(5);
      expect(new Set(receiver.received.map((r) => r.headers['x-okr-delivery'])).size).toBe(5);
      expect(receiver.received).toHaveLength(5);
      expect((await deliveries(w, endpoint.id)).every((d) => d.status === 'succeeded')).toBe(true);
    });
  });

  describe.skipIf(skip)(`webhooks across a restart on ${dialect}`, () => {
    it('sends after a restart what was written before the server stopped', async () => {
      const receiver = await startReceiver();
      const first = await startTestApi(dialect);
      const c = first.connection;
      const org = await buildOrganisation(c);
      const admin = await buildUser(c, org.id, { roles: ['admin'] });
      const ana = await buildUser(c, org.id);
      const cycle = await buildCycle(c, org.id);
      const objective = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        ownerId: ana.id,
        level: 'individual',
      });
      const kr = await buildKeyResult(c, org.id, { objectiveId: objective.id, ownerId: ana.id });
      const base = `/api/v1/orgs/${org.slug}`;
      const adminApi = client(first.url, await buildToken(c, admin.id));
      const created = await adminApi.post<Body>(`${base}/webhooks`, {
        url: receiver.url,
        events: ['check_in.created'],
      });
      const anaApi = client(first.url, await buildToken(c, ana.id));
      expect(
        (await anaApi.post(`${base}/key-results/${kr.id}/check-ins`, { value: 42 })).status,
      ).toBe(201);
      // The server stops before its worker ran.
      await first.app.close();
      await first.connection.close();
      expect(receiver.received).toHaveLength(0);

      const connection = await openTestConnection(first.database);
      try {
        const run = await deliverDueWebhooks(connection, new Date());
        expect(run).toMatchObject({ attempted: 1, succeeded: 1 });
        expect(receiver.received).toHaveLength(1);
        const body = JSON.parse(receiver.received[0]?.body ?? '{}') as { data: { checkIn: Body } };
        expect(body.data.checkIn.value).toBe(42);
        expect(
          verifyWebhook(
            String(created.body.secret),
            {
              signature: String(receiver.received[0]?.headers['x-okr-signature']),
              timestamp: String(receiver.received[0]?.headers['x-okr-timestamp']),
            },
            receiver.received[0]?.body ?? '',
            Math.floor(Date.now() / 1000),
          ),
        ).toBe(true);
      } finally {
        await connection.close();
        await first.database.drop();
        await receiver.close();
      }
    });
  });
}
