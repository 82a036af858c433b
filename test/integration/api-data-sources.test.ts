/**
 * Key results' data sources through the API on both databases, against a JSON server the test
 * starts on loopback: a pull source's number (at its JSON Pointer, fetched with its header
 * secret on its schedule) becomes a check-in with source `integration`; every kind of failure
 * is recorded on the source, retried with backoff and never writes a check-in or changes the
 * key result; "fetch now"; a push source's endpoint takes values only with its token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRole } from '../../src/contracts/model.ts';
import { pollDueDataSources } from '../../src/services/data-sources/run-source.ts';
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
import { startReceiver, type Answer, type Receiver } from '../support/receiver.ts';

type Body = Record<string, unknown>;
interface Source {
  id: string;
  kind: string;
  state: string;
  lastValue: number | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextRunAt: string | null;
  pushUrl: string | null;
  version: number;
  token?: string | null;
}
interface CheckIns {
  items: { value: number; source: string }[];
}
const ifMatch = (version: unknown) => ({ 'if-match': `"${String(version)}"` });
const T0 = Date.parse('2026-11-02T09:00:00.000Z');
const MINUTE = 60_000;

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`data sources on ${dialect}`, () => {
    let api: TestApi;
    let json: Receiver;
    let clock = T0;
    beforeAll(async () => {
      api = await startTestApi(dialect, { now: () => new Date(clock) });
      json = await startReceiver();
    });
    afterAll(async () => {
      await json?.close();
      await api?.close();
    });

    async function world() {
      const c = api.connection;
      const org = await buildOrganisation(c);
      const user = async (name: string, roles: OrgRole[] = []) => {
        const built = await buildUser(c, org.id, { name, roles });
        return { ...built, api: client(api.url, await buildToken(c, built.id)) };
      };
      const lea = await user('Lea');
      const ben = await user('Ben');
      const team = await buildTeam(c, org.id, {
        name: 'Growth',
        leads: [lea.id],
        members: [ben.id],
      });
      const cycle = await buildCycle(c, org.id, { startDate: '2026-10-01', endDate: '2026-12-31' });
      const objective = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        teamId: team.id,
        ownerId: lea.id,
      });
      const kr = await buildKeyResult(c, org.id, {
        objectiveId: objective.id,
        ownerId: lea.id,
        start: 0,
        target: 1000,
        current: 100,
      });
      const closedCycle = await buildCycle(c, org.id, {
        status: 'closed',
        startDate: '2026-07-01',
        endDate: '2026-09-30',
      });
      const oldObjective = await buildObjective(c, org.id, {
        cycleId: closedCycle.id,
        teamId: team.id,
        ownerId: lea.id,
      });
      const oldKr = await buildKeyResult(c, org.id, {
        objectiveId: oldObjective.id,
        ownerId: lea.id,
      });
      const other = await buildOrganisation(c);
      const olga = await buildUser(c, other.id);
      const base = `/api/v1/orgs/${org.slug}`;
      return {
        base,
        lea,
        ben,
        kr,
        oldKr,
        olga: client(api.url, await buildToken(c, olga.id)),
        otherBase: `/api/v1/orgs/${other.slug}`,
        source: `${base}/key-results/${kr.id}/data-source`,
      };
    }
    type World = Awaited<ReturnType<typeof world>>;
    const poll = (at = clock) =>
      pollDueDataSources(api.connection, new Date(at), { random: () => 0.5, timeoutMs: 1000 });
    const state = async (w: World) =>
      (await w.lea.api.get<{ source: Source; canManage: boolean }>(w.source)).body;
    const checkIns = async (w: World, krId = w.kr.id) =>
      (await w.lea.api.get<CheckIns>(`${w.base}/key-results/${krId}/check-ins`)).body.items;
    const current = async (w: World) =>
      (await w.lea.api.get<Body>(`${w.base}/key-results/${w.kr.id}`)).body.current;

    it('lets whoever may edit the key result connect a source, and nobody else', async () => {
      const w = await world();
      const pull = {
        kind: 'pull',
        url: `${json.url}/metrics`,
        pointer: '/data/total',
        intervalMinutes: 30,
      };
      expect((await w.ben.api.post(w.source, pull)).status).toBe(403);
      expect((await w.ben.api.get<Body>(w.source)).body).toEqual({
        source: null,
        canManage: false,
      });
      expect((await w.olga.get(`${w.otherBase}/key-results/${w.kr.id}/data-source`)).status).toBe(
        404,
      );
      expect((await client(api.url).get(w.source)).status).toBe(401);
      for (const bad of [
        { ...pull, url: 'file:///etc/passwd' },
        { ...pull, pointer: 'data/total' },
        { ...pull, pointer: '/a~2b' },
        { ...pull, intervalMinutes: 0 },
        { ...pull, headerName: 'Bad Header', headerSecret: 'x' },
        { kind: 'carrier-pigeon' },
      ]) {
        expect((await w.lea.api.post(w.source, bad)).status).toBe(400);
      }
      expect((await w.lea.api.post(w.source, pull)).status).toBe(201);
      expect((await w.lea.api.post(w.source, { kind: 'push' })).status).toBe(409);
      const view = await state(w);
      expect(view.canManage).toBe(true);
      expect(view.source).toMatchObject({
        kind: 'pull',
        state: 'waiting',
        url: `${json.url}/metrics`,
        pointer: '/data/total',
      });
      expect((await w.lea.api.delete(w.source)).status).toBe(428);
      expect((await w.ben.api.delete(w.source, ifMatch(view.source.version))).status).toBe(403);
      expect((await w.lea.api.delete(w.source, ifMatch(view.source.version))).status).toBe(204);
      expect((await state(w)).source).toBeNull();
    });

    it('takes the number at the pointer on its schedule as an integration check-in', async () => {
      const w = await world();
      clock = T0;
      json.answer = () => ({
        status: 200,
        body: JSON.stringify({ data: { total: 420, label: 'x' } }),
      });
      json.received.length = 0;
      const created = await w.lea.api.post<Source>(w.source, {
        kind: 'pull',
        url: `${json.url}/metrics`,
        pointer: '/data/total',
        headerName: 'X-Api-Key',
        headerSecret: 'k3y',
        intervalMinutes: 30,
      });
      expect(created.status).toBe(201);
      expect(JSON.stringify(created.body)).not.toContain('k3y');
      expect((await poll()).succeeded).toBe(1);
      expect(json.received[0]?.headers['x-api-key']).toBe('k3y');
      expect((await checkIns(w))[0]).toMatchObject({ value: 420, source: 'integration' });
      expect(await current(w)).toBe(420);
      const after = (await state(w)).source;
      expect(after).toMatchObject({
        state: 'ok',
        lastValue: 420,
        consecutiveFailures: 0,
        lastError: null,
      });
      expect(Date.parse(after.nextRunAt ?? '')).toBe(T0 + 30 * MINUTE);
      expect(JSON.stringify(after)).not.toContain('k3y');

      // Not before the interval; then a new value arrives; the same value writes nothing.
      expect((await poll(T0 + 29 * MINUTE)).fetched).toBe(0);
      json.answer = () => ({ status: 200, body: JSON.stringify({ data: { total: '455.5' } }) });
      clock = T0 + 30 * MINUTE;
      expect((await poll()).succeeded).toBe(1);
      expect(await current(w)).toBe(455.5);
      clock = T0 + 60 * MINUTE;
      expect((await poll()).succeeded).toBe(1);
      expect((await checkIns(w)).map((c) => c.value)).toEqual([455.5, 420]);
    });

    it('records every kind of failure, retries with backoff and never loses or writes a value', async () => {
      const w = await world();
      clock = T0;
      json.answer = () => ({ status: 200, body: '{"total": 300}' });
      await w.lea.api.post(w.source, {
        kind: 'pull',
        url: `${json.url}/m`,
        pointer: '/total',
        intervalMinutes: 60,
      });
      expect((await poll()).succeeded).toBe(1);
      const before = await checkIns(w);
      const failures: [Answer, RegExp][] = [
        [{ status: 500, body: '{"total": 999}' }, /^HTTP 500\.$/],
        [{ status: 200, body: '<html>oops</html>' }, /not JSON/],
        [{ status: 200, body: '{"other": 1}' }, /Nothing at \/total/],
        [{ status: 200, body: '{"total": "lots"}' }, /not a number/],
        [{ status: 200, body: '{"total": 999}', delayMs: 1500 }, /Timed out/],
      ];
      let at = T0 + 60 * MINUTE;
      for (const [i, [answer, message]] of failures.entries()) {
        json.answer = () => answer;
        expect((await poll(at)).failed).toBe(1);
        const source = (await state(w)).source;
        expect(source.state).toBe('failing');
        expect(source.lastError).toMatch(message);
        expect(source.consecutiveFailures).toBe(i + 1);
        expect(source.lastValue).toBe(300);
        // Retried after 3/4 of min(6 h, 1 min · 2^(n-1)), never later than the interval.
        const wait = Math.min(60 * MINUTE, 0.75 * MINUTE * 2 ** i);
        expect(Date.parse(source.nextRunAt ?? '')).toBe(at + wait);
        expect((await poll(at + wait - 1)).fetched).toBe(0);
        at += wait;
      }
      expect(await checkIns(w)).toEqual(before);
      expect(await current(w)).toBe(300);

      json.answer = () => ({ status: 200, body: '{"total": 310}' });
      expect((await poll(at)).succeeded).toBe(1);
      expect((await state(w)).source).toMatchObject({
        state: 'ok',
        consecutiveFailures: 0,
        lastError: null,
        lastValue: 310,
      });
      expect(await current(w)).toBe(310);
    });

    it('fetches now on demand', async () => {
      const w = await world();
      clock = T0;
      json.answer = () => ({ status: 200, body: '[5, 17]' });
      await w.lea.api.post(w.source, {
        kind: 'pull',
        url: `${json.url}/list`,
        pointer: '/1',
        intervalMinutes: 1440,
      });
      expect((await w.ben.api.post(`${w.source}/fetch`)).status).toBe(403);
      const fetched = await w.lea.api.post<{ source: Source }>(`${w.source}/fetch`);
      expect(fetched.status).toBe(200);
      expect(fetched.body.source).toMatchObject({ state: 'ok', lastValue: 17 });
      expect(await current(w)).toBe(17);
    });

    it('takes pushed values only with the source token', async () => {
      const w = await world();
      clock = T0;
      const created = await w.lea.api.post<Source>(w.source, { kind: 'push' });
      expect(created.status).toBe(201);
      const token = created.body.token ?? '';
      expect(token).toMatch(/^okrpush_/);
      const push = `/api/v1/integrations/push/${created.body.id}`;
      expect(created.body.pushUrl).toBe(push);
      expect(JSON.stringify((await state(w)).source)).not.toContain(token);
      const anonymous = client(api.url);
      const as = (t: string) => ({ authorization: `Bearer ${t}` });
      expect((await anonymous.post(push, { value: 1 })).status).toBe(401);
      expect((await anonymous.post(push, { value: 1 }, as('okrpush_wrong'))).status).toBe(404);
      expect(
        (await anonymous.post(`/api/v1/integrations/push/${w.kr.id}`, { value: 1 }, as(token)))
          .status,
      ).toBe(404);
      // A user's own API token is not the source's.
      expect((await w.lea.api.post(push, { value: 1 })).status).toBe(404);
      expect((await anonymous.post(push, { value: 'many' }, as(token))).status).toBe(400);
      expect(await checkIns(w)).toHaveLength(0);

      const pushed = await anonymous.post<Body>(
        push,
        { value: 640, note: 'nightly export' },
        as(token),
      );
      expect(pushed.status).toBe(201);
      expect(pushed.body).toMatchObject({ keyResultId: w.kr.id, value: 640 });
      expect((await checkIns(w))[0]).toMatchObject({ value: 640, source: 'integration' });
      expect((await state(w)).source).toMatchObject({
        kind: 'push',
        state: 'ok',
        lastValue: 640,
        nextRunAt: null,
      });
      expect((await w.lea.api.post(`${w.source}/fetch`)).status).toBe(409);
    });

    it('records a refused check-in (a closed cycle) on the source without writing one', async () => {
      const w = await world();
      const path = `${w.base}/key-results/${w.oldKr.id}/data-source`;
      expect((await w.lea.api.post(path, { kind: 'push' })).status).toBe(409);
      // Connected while the cycle was open, then the cycle closed.
      await api.connection.db
        .updateTable('cycles')
        .set({ status: 'active' })
        .where(
          'id',
          '=',
          (
            await api.connection.db
              .selectFrom('objectives')
              .select('cycle_id')
              .innerJoin('key_results', 'key_results.objective_id', 'objectives.id')
              .where('key_results.id', '=', w.oldKr.id)
              .executeTakeFirstOrThrow()
          ).cycle_id,
        )
        .execute();
      const created = await w.lea.api.post<Source>(path, { kind: 'push' });
      expect(created.status).toBe(201);
      await api.connection.db
        .updateTable('cycles')
        .set({ status: 'closed' })
        .where('status', '=', 'active')
        .where('start_date', '=', '2026-07-01')
        .execute();
      const pushed = await client(api.url).post(
        `/api/v1/integrations/push/${created.body.id}`,
        { value: 3 },
        { authorization: `Bearer ${created.body.token ?? ''}` },
      );
      expect(pushed.status).toBe(409);
      const source = (await w.lea.api.get<{ source: Source }>(path)).body.source;
      expect(source).toMatchObject({ state: 'failing', consecutiveFailures: 1 });
      expect(source.lastError).toMatch(/refused/);
      expect(await checkIns(w, w.oldKr.id)).toHaveLength(0);
    });
  });
}
