import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OrgRole } from '../../src/contracts/model.ts';
import { recomputeOrganisation } from '../../src/services/recompute.ts';
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

/** Mid-quarter, so expected progress and health are fixed. */
const NOW = new Date('2026-11-15T12:00:00.000Z');

type Body = Record<string, unknown>;
type Client = ReturnType<typeof client>;

async function buildWorld(api: TestApi) {
  const c = api.connection;
  const org = await buildOrganisation(c);
  const person = async (name: string, roles: OrgRole[] = []) => {
    const user = await buildUser(c, org.id, { name, roles });
    return { id: user.id, name, as: client(api.url, await buildToken(c, user.id)) };
  };
  const exec = await person('Erin Exec', ['executive']);
  const champion = await person('Chad Champion', ['champion']);
  const admin = await person('Ada Admin', ['admin']);
  const lead = await person('Lee Lead');
  const lead2 = await person('Lou Lead');
  const member = await person('Max Member');
  const member2 = await person('Mia Member');
  const team = await buildTeam(c, org.id, { name: 'Checkout', leads: [lead.id], members: [member.id, member2.id] });
  await buildTeam(c, org.id, { name: 'Search', leads: [lead2.id] });
  const cycle = await buildCycle(c, org.id, { name: '2026-Q4', status: 'active' });
  const closed = await buildCycle(c, org.id, { name: '2026-Q3', status: 'closed', startDate: '2026-07-01', endDate: '2026-09-30' });
  const planning = await buildCycle(c, org.id, { name: '2027-Q1', status: 'planning', startDate: '2027-01-01', endDate: '2027-03-31' });
  const company = await buildObjective(c, org.id, { cycleId: cycle.id, level: 'company', ownerId: exec.id, includeChildren: true });
  const teamObjective = await buildObjective(c, org.id, { cycleId: cycle.id, level: 'team', teamId: team.id, ownerId: lead.id, parentIds: [company.id] });
  const kr = await buildKeyResult(c, org.id, { objectiveId: teamObjective.id, ownerId: member.id, start: 0, target: 100 });
  const other = await buildOrganisation(c);
  const outsiderUser = await buildUser(c, other.id);
  const outsider = { as: client(api.url, await buildToken(c, outsiderUser.id)) };
  const otherObjective = await buildObjective(c, other.id, { cycleId: (await buildCycle(c, other.id)).id });
  const otherKr = await buildKeyResult(c, other.id, { objectiveId: otherObjective.id });
  await recomputeOrganisation(c, org.id, NOW);
  const base = `/api/v1/orgs/${org.slug}`;
  return { c, org, exec, champion, admin, lead, lead2, member, member2, team, cycle, closed, planning, company, teamObjective, kr, outsider, otherObjective, otherKr, base };
}

const ifMatch = (version: unknown) => ({ 'if-match': `"${String(version)}"` });
const number = (extra: Body = {}) => ({ title: 'Weekly active buyers from 100 to 200', kind: 'number', direction: 'increase', start: 100, target: 200, ...extra });

async function auditActions(api: TestApi, objectId: string): Promise<string[]> {
  const rows = await api.connection.db.selectFrom('audit_log').select('action').where('object_id', '=', objectId).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => r.action);
}

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`key results and check-ins API on ${dialect}`, () => {
    let api: TestApi;
    let clock = NOW.getTime();
    beforeAll(async () => {
      api = await startTestApi(dialect, { now: () => new Date(clock) });
    });
    beforeEach(() => {
      clock = NOW.getTime();
    });
    afterAll(async () => {
      await api?.close();
    });

    it('answers 401 without sign-in and 404 for a foreign slug or id, on every route', async () => {
      const w = await buildWorld(api);
      const routes: [string, string, Body | undefined][] = [
        ['POST', `${w.base}/objectives/${w.teamObjective.id}/key-results`, number()],
        ['GET', `${w.base}/key-results/${w.kr.id}`, undefined],
        ['PATCH', `${w.base}/key-results/${w.kr.id}`, { title: 'Valid' }],
        ['DELETE', `${w.base}/key-results/${w.kr.id}`, undefined],
        ['POST', `${w.base}/key-results/${w.kr.id}/check-ins`, { value: 1 }],
        ['GET', `${w.base}/key-results/${w.kr.id}/check-ins`, undefined],
      ];
      for (const [method, path, body] of routes) {
        const options = { ...(body ? { body } : {}), headers: ifMatch(1) };
        expect((await client(api.url).call(method, path, options)).status, `${method} ${path}`).toBe(401);
        expect((await w.outsider.as.call(method, path, options)).status, `${method} ${path} as outsider`).toBe(404);
        const foreign = path.replace(w.kr.id, w.otherKr.id).replace(w.teamObjective.id, w.otherObjective.id);
        expect((await w.admin.as.call(method, foreign, options)).status, `${method} ${foreign}`).toBe(404);
      }
    });

    it('refuses bad input with 400 and field errors', async () => {
      const w = await buildWorld(api);
      const create = (body: unknown) => w.lead.as.post<Body>(`${w.base}/objectives/${w.teamObjective.id}/key-results`, body);
      const cases: [unknown, string][] = [
        [number({ kind: 'speed' }), 'body.kind'],
        [number({ direction: 'sideways' }), 'body.direction'],
        [number({ start: 'NaN' }), 'body.start'],
        [number({ target: '200' }), 'body.target'],
        [number({ title: undefined }), 'body.title'],
        [number({ start: undefined }), 'body.start'],
        [number({ target: undefined }), 'body.target'],
        [number({ weight: 0 }), 'body.weight'],
        [number({ position: 1.5 }), 'body.position'],
        [number({ colour: 'red' }), 'body'],
        [number({ kind: 'currency' }), 'body.currency'],
        [number({ kind: 'currency', currency: 'eur' }), 'body.currency'],
        [number({ currency: 'EUR' }), 'body.currency'],
        [{ title: 'Launched', kind: 'milestone', direction: 'increase', target: 5 }, 'body.target'],
        [number({ ownerId: w.lead2.id }), 'body.ownerId'],
        [number({ contributesToId: w.teamObjective.id }), 'body.contributesToId'],
      ];
      for (const [body, path] of cases) {
        const response = await create(body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        const paths = (response.body.errors as { path: string }[]).map((e) => e.path);
        expect(paths.some((p) => p.startsWith(path)), `${JSON.stringify(paths)} has ${path}`).toBe(true);
      }
      const checkIn = (body: unknown) => w.member.as.post<Body>(`${w.base}/key-results/${w.kr.id}/check-ins`, body);
      for (const body of [{ value: '1' }, {}, { value: 1, confidence: 2 }, { value: 1, note: 'x'.repeat(5001) }, { value: 1, mood: 'good' }, { value: null }]) {
        expect((await checkIn(body)).status, JSON.stringify(body)).toBe(400);
      }
      const path = `${w.base}/key-results/${w.kr.id}`;
      for (const body of [{ current: 5 }, {}, { weight: -1 }, { kind: 'milestone' }]) {
        expect((await w.lead.as.patch(path, body, ifMatch(1))).status, JSON.stringify(body)).toBe(400);
      }
      for (const query of ['limit=abc', 'limit=1000', 'cursor=bm9wZQ', 'page=2']) {
        expect((await w.member.as.get(`${path}/check-ins?${query}`)).status, query).toBe(400);
      }
      const milestone = await create({ title: 'Checkout redesign live', kind: 'milestone', direction: 'increase' });
      expect((await w.lead.as.post(`${w.base}/key-results/${String(milestone.body.id)}/check-ins`, { value: 0.5 })).status).toBe(400);
      expect(await auditActions(api, w.kr.id)).toEqual([]);
    });

    it('adds key results, sets the target of a baseline-first one, deletes them, with audit and progress', async () => {
      const w = await buildWorld(api);
      const created = await w.lead.as.post<Body>(`${w.base}/objectives/${w.teamObjective.id}/key-results`, {
        title: 'Revenue per buyer',
        kind: 'currency',
        currency: 'EUR',
        direction: 'increase',
        start: 40,
        target: null,
        ownerId: w.member2.id,
        contributesToId: w.company.id,
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('etag')).toBe('"1"');
      expect(created.body).toMatchObject({
        objectiveId: w.teamObjective.id,
        currency: 'EUR',
        target: null,
        current: 40,
        progress: 0,
        position: 1,
        owner: { id: w.member2.id, name: 'Mia Member' },
        contributesToId: w.company.id,
        confidenceBand: null,
        abilities: { canEdit: true, canDelete: true, canCheckIn: true },
      });
      const id = String(created.body.id);
      const checked = await w.member2.as.post<Body>(`${w.base}/key-results/${id}/check-ins`, { value: 60, confidence: 0.8 });
      expect(checked.body).toMatchObject({ keyResult: { current: 60, progress: 0, version: 2 } });
      const targeted = await w.lead.as.patch<Body>(`${w.base}/key-results/${id}`, { target: 80 }, ifMatch(2));
      expect(targeted).toMatchObject({ status: 200, body: { target: 80, progress: 0.5, version: 3 } });
      expect(targeted.headers.get('etag')).toBe('"3"');
      const objective = await w.lead.as.get<Body>(`${w.base}/objectives/${w.teamObjective.id}`);
      expect(objective.body.progress).toBeCloseTo(0.25);
      // The company objective includes its children and counts the contributing key result too.
      const company = await w.lead.as.get<Body>(`${w.base}/objectives/${w.company.id}`);
      expect(company.body.progress).toBeCloseTo((0.25 + 0.5) / 2);
      expect((await w.lead.as.delete(`${w.base}/key-results/${id}`, ifMatch(2))).status).toBe(412);
      expect((await w.lead.as.delete(`${w.base}/key-results/${id}`)).status).toBe(428);
      expect((await w.lead.as.delete(`${w.base}/key-results/${id}`, ifMatch(3))).status).toBe(204);
      expect((await w.lead.as.get(`${w.base}/key-results/${id}`)).status).toBe(404);
      expect((await w.lead.as.get<Body>(`${w.base}/objectives/${w.teamObjective.id}`)).body.progress).toBe(0);
      expect(await auditActions(api, id)).toEqual(['key_result.created', 'key_result.checked_in', 'key_result.updated', 'key_result.deleted']);
    });

    it('refuses what the role does not allow with 403', async () => {
      const w = await buildWorld(api);
      const path = `${w.base}/key-results/${w.kr.id}`;
      expect((await w.member2.as.post(`${path}/check-ins`, { value: 5 })).status).toBe(403);
      expect((await w.exec.as.post(`${path}/check-ins`, { value: 5 })).status).toBe(403);
      expect((await w.lead2.as.patch(path, { title: 'Ours' }, ifMatch(1))).status).toBe(403);
      expect((await w.member.as.patch(path, { target: 1 }, ifMatch(1))).status).toBe(403);
      expect((await w.member.as.delete(path, ifMatch(1))).status).toBe(403);
      expect((await w.member.as.post(`${w.base}/objectives/${w.teamObjective.id}/key-results`, number())).status).toBe(403);
      expect((await w.exec.as.post(`${w.base}/objectives/${w.teamObjective.id}/key-results`, number())).status).toBe(403);
      // The objective's owner may check in on any of its key results; the lead owns this one.
      expect((await w.lead.as.post(`${path}/check-ins`, { value: 5 })).status).toBe(201);
      const seen = await w.member2.as.get<Body>(path);
      expect(seen.body.abilities).toEqual({ canEdit: false, canEditWordingOnly: false, canDelete: false, canCheckIn: false, canManageInitiatives: false, canManageDependencies: false, canMove: false });
    });

    it('lets the champion reword a key result but not change its owner or numbers', async () => {
      const w = await buildWorld(api);
      const path = `${w.base}/key-results/${w.kr.id}`;
      expect((await w.champion.as.get<Body>(path)).body.abilities).toMatchObject({ canEdit: true, canEditWordingOnly: true, canDelete: false, canCheckIn: false });
      expect((await w.champion.as.patch<Body>(path, { title: 'Weekly buyers double' }, ifMatch(1))).body).toMatchObject({ title: 'Weekly buyers double', version: 2 });
      expect((await w.champion.as.patch(path, { ownerId: w.member2.id }, ifMatch(2))).status).toBe(403);
      expect((await w.champion.as.patch(path, { title: 'x', target: 50 }, ifMatch(2))).status).toBe(403);
    });

    it('answers 412 with the current key result to the second of two clients, merging nothing', async () => {
      const w = await buildWorld(api);
      const path = `${w.base}/key-results/${w.kr.id}`;
      expect((await w.lead.as.patch(path, { title: 'x' })).status).toBe(428);
      const [a, b] = await Promise.all([
        w.lead.as.patch<Body>(path, { title: 'Weekly buyers double' }, ifMatch(1)),
        w.lead.as.patch<Body>(path, { weight: 3 }, ifMatch(1)),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 412]);
      const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
      expect(loser.body).toMatchObject({ code: 'stale_version', current: { version: 2, title: winner.body.title, weight: winner.body.weight } });
      const now = await w.lead.as.get<Body>(path);
      expect(now.body.title === 'Weekly buyers double' && now.body.weight === 3).toBe(false);
      expect(now.body.version).toBe(2);
    });

    it('keeps closed cycles read-only and takes no check-ins while planning', async () => {
      const w = await buildWorld(api);
      for (const cycle of [w.closed, w.planning]) {
        const objective = await buildObjective(w.c, w.org.id, { cycleId: cycle.id, level: 'team', teamId: w.team.id, ownerId: w.lead.id });
        const kr = await buildKeyResult(w.c, w.org.id, { objectiveId: objective.id, ownerId: w.member.id });
        const checkIn = await w.member.as.post<Body>(`${w.base}/key-results/${kr.id}/check-ins`, { value: 5 });
        expect(checkIn).toMatchObject({ status: 409, body: { code: 'cycle_closed' } });
        const writes = [
          await w.lead.as.post<Body>(`${w.base}/objectives/${objective.id}/key-results`, number()),
          await w.lead.as.patch<Body>(`${w.base}/key-results/${kr.id}`, { title: 'Rewritten' }, ifMatch(1)),
          await w.lead.as.delete<Body>(`${w.base}/key-results/${kr.id}`, ifMatch(1)),
        ];
        if (cycle === w.closed) for (const write of writes) expect(write.body.code).toBe('cycle_closed');
        else expect(writes.map((r) => r.status)).toEqual([201, 200, 412]);
      }
    });

    it('records check-ins, updates the key result, objective and ancestors, and lists them newest first', async () => {
      const w = await buildWorld(api);
      const path = `${w.base}/key-results/${w.kr.id}`;
      const first = await w.member.as.post<Body>(`${path}/check-ins`, { value: 30, confidence: 0.5, note: 'Slow start' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        checkIn: { value: 30, confidence: 0.5, confidenceBand: 'medium', note: 'Slow start', author: { id: w.member.id, name: 'Max Member' }, progress: 0.3, createdAt: NOW.toISOString() },
        keyResult: { current: 30, progress: 0.3, confidence: 0.5, confidenceBand: 'medium', lastCheckInAt: NOW.toISOString(), version: 2, health: 'at_risk' },
        objective: { id: w.teamObjective.id, progress: 0.3 },
      });
      clock += 60_000;
      const second = await w.member.as.post<Body>(`${path}/check-ins`, { value: 55, confidence: 0.9 });
      expect(second.body).toMatchObject({ keyResult: { current: 55, progress: 0.55, confidenceBand: 'high', health: 'on_track' }, objective: { progress: 0.55 } });
      const company = await w.exec.as.get<Body>(`${w.base}/objectives/${w.company.id}`);
      expect(company.body).toMatchObject({ progress: 0.55, children: [{ id: w.teamObjective.id, progress: 0.55 }] });
      // A check-in stamped earlier than the latest one is stored but does not become the current value.
      clock -= 120_000;
      await w.member.as.post(`${path}/check-ins`, { value: 10 });
      expect((await w.member.as.get<Body>(path)).body).toMatchObject({ current: 55, confidence: 0.9 });
      const page1 = await w.member2.as.get<{ items: Body[]; nextCursor: string }>(`${path}/check-ins?limit=2`);
      expect(page1.body.items.map((c) => [c.value, c.progress])).toEqual([
        [55, 0.55],
        [30, 0.3],
      ]);
      const page2 = await w.member2.as.get<{ items: Body[]; nextCursor: string | null }>(`${path}/check-ins?limit=2&cursor=${page1.body.nextCursor}`);
      expect(page2.body).toMatchObject({ items: [{ value: 10, confidence: null, confidenceBand: null }], nextCursor: null });
      expect(await auditActions(api, w.kr.id)).toEqual(['key_result.checked_in', 'key_result.checked_in', 'key_result.checked_in']);
    });

    it('stores every one of concurrent check-ins and keeps the latest as the current value', async () => {
      const w = await buildWorld(api);
      const path = `${w.base}/key-results/${w.kr.id}/check-ins`;
      const values = Array.from({ length: 12 }, (_, i) => i * 7);
      const responses = await Promise.all(values.map((value) => w.member.as.post<{ checkIn: Body }>(path, { value })));
      expect(responses.map((r) => r.status)).toEqual(values.map(() => 201));
      const stored = await api.connection.db.selectFrom('check_ins').select(['id', 'value', 'created_at']).where('key_result_id', '=', w.kr.id).execute();
      expect(stored.map((s) => s.value).sort((a, b) => a - b)).toEqual(values);
      const latest = [...stored].sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1)).at(-1);
      const kr = await w.member.as.get<Body>(`${w.base}/key-results/${w.kr.id}`);
      expect(kr.body).toMatchObject({ current: latest?.value, version: 1 + values.length });
      expect((await recomputeOrganisation(api.connection, w.org.id, NOW)).changed).toBe(0);
    });

    it('hides key results of private objectives from non-readers', async () => {
      const w = await buildWorld(api);
      const secret = await buildObjective(w.c, w.org.id, { cycleId: w.cycle.id, level: 'team', teamId: w.team.id, ownerId: w.lead.id, visibility: 'private', readers: [w.member.id] });
      const kr = await buildKeyResult(w.c, w.org.id, { objectiveId: secret.id, ownerId: w.member2.id });
      const path = `${w.base}/key-results/${kr.id}`;
      for (const who of [w.member2, w.exec, w.champion]) {
        expect((await who.as.get(path)).status).toBe(404);
        expect((await who.as.get(`${path}/check-ins`)).status).toBe(404);
        expect((await who.as.post(`${path}/check-ins`, { value: 1 })).status).toBe(404);
        expect((await who.as.patch(path, { title: 'x' }, ifMatch(1))).status).toBe(404);
        expect((await who.as.post(`${w.base}/objectives/${secret.id}/key-results`, number())).status).toBe(404);
        expect((await who.as.get<{ keyResults: Body[] }>(`${w.base}/me/okrs`)).body.keyResults.map((k) => k.id)).not.toContain(kr.id);
      }
      for (const who of [w.member, w.admin, w.lead]) expect((await who.as.get(path)).status).toBe(200);
    });

    it('keeps stored progress equal to a full recompute after any sequence of check-ins and edits', async () => {
      const kinds = ['increase', 'decrease', 'at_least', 'at_most', 'milestone'] as const;
      const value = fc.double({ min: -500, max: 500, noNaN: true, noDefaultInfinity: true });
      const command = fc.oneof(
        fc.record({ type: fc.constant('check_in' as const), kr: fc.nat(5), value, confidence: fc.option(fc.double({ min: 0, max: 1, noNaN: true })) }),
        fc.record({ type: fc.constant('edit' as const), kr: fc.nat(5), target: fc.option(value), start: fc.option(value, { nil: undefined }), weight: fc.option(fc.double({ min: 0.1, max: 10, noNaN: true }), { nil: undefined }) }),
        fc.record({ type: fc.constant('include_children' as const), objective: fc.nat(3), on: fc.boolean() }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(fc.constantFrom(...kinds), { minLength: 6, maxLength: 6 }), fc.array(command, { minLength: 1, maxLength: 8 }), async (krKinds, commands) => {
          const w = await buildWorld(api);
          const individual = await buildObjective(w.c, w.org.id, { cycleId: w.cycle.id, level: 'individual', ownerId: w.member.id, parentIds: [w.teamObjective.id] });
          const second = await buildObjective(w.c, w.org.id, { cycleId: w.cycle.id, level: 'team', teamId: w.team.id, ownerId: w.lead.id, parentIds: [w.company.id] });
          const objectives: [string, Client][] = [[w.company.id, w.exec.as], [w.teamObjective.id, w.lead.as], [second.id, w.lead.as], [individual.id, w.member.as]];
          const krs: { id: string; milestone: boolean; editor: Client }[] = [];
          for (const [i, kind] of krKinds.entries()) {
            const [objectiveId, editor] = objectives[i % objectives.length] as [string, Client];
            const milestone = kind === 'milestone';
            const built = await buildKeyResult(w.c, w.org.id, {
              objectiveId,
              ownerId: w.member.id,
              kind: milestone ? 'milestone' : 'number',
              direction: milestone ? 'increase' : kind,
              start: milestone ? 0 : 10,
              target: milestone ? 1 : 50,
            });
            krs.push({ id: built.id, milestone, editor });
          }
          await recomputeOrganisation(w.c, w.org.id, NOW);
          for (const step of commands) {
            if (step.type === 'include_children') {
              const [objectiveId, editor] = objectives[step.objective] as [string, Client];
              const path = `${w.base}/objectives/${objectiveId}`;
              const current = await editor.get<Body>(path);
              expect((await editor.patch(path, { includeChildren: step.on }, ifMatch(current.body.version))).status).toBe(200);
              continue;
            }
            const kr = krs[step.kr] as (typeof krs)[number];
            const path = `${w.base}/key-results/${kr.id}`;
            if (step.type === 'check_in') {
              const body = { value: kr.milestone ? Number(step.value > 0) : step.value, confidence: step.confidence };
              expect((await w.member.as.post(`${path}/check-ins`, body)).status).toBe(201);
            } else if (!kr.milestone) {
              const current = await kr.editor.get<Body>(path);
              const patch = { target: step.target, ...(step.start !== undefined ? { start: step.start } : {}), ...(step.weight !== undefined ? { weight: step.weight } : {}) };
              expect((await kr.editor.patch(path, patch, ifMatch(current.body.version))).status).toBe(200);
            }
          }
          expect((await recomputeOrganisation(w.c, w.org.id, NOW)).changed).toBe(0);
        }),
        { numRuns: 12 },
      );
    });

    it('answers each of many concurrent check-ins with the progress its commit stored, up the alignment', async () => {
      const w = await buildWorld(api);
      const second = await buildObjective(w.c, w.org.id, { cycleId: w.cycle.id, level: 'team', teamId: w.team.id, ownerId: w.lead.id, parentIds: [w.company.id] });
      const individual = await buildObjective(w.c, w.org.id, { cycleId: w.cycle.id, level: 'individual', ownerId: w.member.id, parentIds: [w.teamObjective.id] });
      const krs: { id: string; objectiveId: string }[] = [];
      for (const [i, objectiveId] of [w.teamObjective.id, second.id, individual.id, w.company.id, second.id, individual.id, w.teamObjective.id, w.company.id].entries()) {
        krs.push({ id: (await buildKeyResult(w.c, w.org.id, { objectiveId, ownerId: w.member.id, start: 0, target: 10 * (i + 1) })).id, objectiveId });
      }
      await recomputeOrganisation(w.c, w.org.id, NOW);
      // Sent together: on SQLite they are committed in groups sharing one progress refresh; on
      // PostgreSQL they run side by side and must take turns on their shared ancestors.
      const responses = await Promise.all(krs.map((kr, i) => w.member.as.post<Body>(`${w.base}/key-results/${kr.id}/check-ins`, { value: 3 * (i + 1) })));
      expect(responses.map((r) => r.status)).toEqual(krs.map(() => 201));
      expect((await recomputeOrganisation(w.c, w.org.id, NOW)).changed).toBe(0);
      for (const [i, kr] of krs.entries()) {
        const answered = responses[i]?.body as unknown as { keyResult: Body; objective: Body };
        const stored = (await w.member.as.get<Body>(`${w.base}/key-results/${kr.id}`)).body;
        // Each key result had this one check-in: what it answered is what is stored.
        expect(answered.keyResult.progress).toBeCloseTo((3 * (i + 1)) / (10 * (i + 1)), 10);
        expect(stored.progress).toBe(answered.keyResult.progress);
        expect(stored.health).toBe(answered.keyResult.health);
        expect(answered.objective.id).toBe(kr.objectiveId);
      }
    });
  });
}
