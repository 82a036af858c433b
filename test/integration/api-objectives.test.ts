import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRole } from '../../src/contracts/model.ts';
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
  const [exec, champion, coordinator, admin, lead, lead2, member, member2] = [
    await person('Erin Exec', ['executive']),
    await person('Chad Champion', ['champion']),
    await person('Cora Coordinator', ['coordinator']),
    await person('Ada Admin', ['admin']),
    await person('Lee Lead'),
    await person('Lou Lead'),
    await person('Max Member'),
    await person('Mia Member'),
  ];
  const team = await buildTeam(c, org.id, { name: 'Checkout', leads: [lead.id], members: [member.id, member2.id] });
  const team2 = await buildTeam(c, org.id, { name: 'Search', leads: [lead2.id] });
  const cycle = await buildCycle(c, org.id, { name: '2026-Q4', status: 'active' });
  const closed = await buildCycle(c, org.id, { name: '2026-Q3', status: 'closed', startDate: '2026-07-01', endDate: '2026-09-30' });
  const other = await buildOrganisation(c);
  const outsiderUser = await buildUser(c, other.id, { name: 'Otto Outsider' });
  const outsider = { id: outsiderUser.id, as: client(api.url, await buildToken(c, outsiderUser.id)) };
  const otherCycle = await buildCycle(c, other.id);
  const otherObjective = await buildObjective(c, other.id, { cycleId: otherCycle.id, level: 'company' });
  const base = `/api/v1/orgs/${org.slug}`;
  return { org, exec, champion, coordinator, admin, lead, lead2, member, member2, team, team2, cycle, closed, outsider, otherCycle, otherObjective, base, c };
}
type World = Awaited<ReturnType<typeof buildWorld>>;

const anyHealth: unknown = expect.any(String);
const ifMatch = (version: unknown) => ({ 'if-match': `"${String(version)}"` });

async function auditActions(api: TestApi, objectId: string): Promise<string[]> {
  const rows = await api.connection.db.selectFrom('audit_log').select('action').where('object_id', '=', objectId).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => r.action);
}

async function companyObjective(w: World, extra: Body = {}) {
  const response = await w.exec.as.post<Body>(`${w.base}/objectives`, { cycleId: w.cycle.id, level: 'company', title: 'Customers love our checkout', ...extra });
  expect(response.status).toBe(201);
  return response.body;
}

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`objectives API on ${dialect}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(dialect, { now: () => NOW });
    });
    afterAll(async () => {
      await api?.close();
    });

    it('answers 401 without sign-in, 404 for a foreign slug or id, on every route', async () => {
      const w = await buildWorld(api);
      const own = await companyObjective(w);
      const anonymous = client(api.url);
      const routes: [string, string][] = [
        ['GET', `${w.base}/objectives`],
        ['POST', `${w.base}/objectives`],
        ['GET', `${w.base}/objectives/${String(own.id)}`],
        ['PATCH', `${w.base}/objectives/${String(own.id)}`],
        ['DELETE', `${w.base}/objectives/${String(own.id)}`],
        ['PUT', `${w.base}/objectives/${String(own.id)}/parents/${String(own.id)}`],
        ['DELETE', `${w.base}/objectives/${String(own.id)}/parents/${String(own.id)}`],
        ['GET', `${w.base}/me/okrs`],
        ['GET', `${w.base}/cycles/${w.cycle.id}/tree`],
      ];
      const bodies: Record<string, Body> = { POST: { cycleId: w.cycle.id, level: 'company', title: 'Valid' }, PATCH: { title: 'Valid' } };
      for (const [method, path] of routes) {
        const body = bodies[method] ? { body: bodies[method] } : {};
        expect((await anonymous.call(method, path, body)).status, `${method} ${path}`).toBe(401);
        if (method !== 'GET') expect((await anonymous.call(method, path, { body: { junk: true } })).status, `${method} ${path} junk`).toBe(401);
        const outsider = await w.outsider.as.call(method, path, { ...body, headers: ifMatch(1) });
        expect(outsider.status, `${method} ${path} as outsider`).toBe(404);
      }
      const otherId = w.otherObjective.id;
      expect((await w.admin.as.get(`${w.base}/objectives/${otherId}`)).status).toBe(404);
      expect((await w.exec.as.patch(`${w.base}/objectives/${otherId}`, { title: 'Mine now' }, ifMatch(1))).status).toBe(404);
      expect((await w.exec.as.delete(`${w.base}/objectives/${otherId}`, ifMatch(1))).status).toBe(404);
      expect((await w.lead.as.call('PUT', `${w.base}/objectives/${otherId}/parents/${String(own.id)}`, { headers: ifMatch(1) })).status).toBe(404);
      expect((await w.exec.as.get(`${w.base}/cycles/${w.otherCycle.id}/tree`)).status).toBe(404);
      expect((await w.exec.as.get(`${w.base}/me/okrs?cycle=${w.otherCycle.id}`)).status).toBe(404);
      const created = await w.exec.as.post(`${w.base}/objectives`, { cycleId: w.otherCycle.id, level: 'company', title: 'Sneaky' });
      expect(created).toMatchObject({ status: 400, body: { errors: [{ path: 'body.cycleId' }] } });
      expect((await client(api.url).get('/api/v1/orgs/no-such-org/objectives')).status).toBe(401);
      expect((await w.exec.as.get('/api/v1/orgs/no-such-org/objectives')).status).toBe(404);
    });

    it('refuses bad input with 400 and field errors', async () => {
      const w = await buildWorld(api);
      const post = (body: unknown) => w.exec.as.post<Body>(`${w.base}/objectives`, body);
      const valid = { cycleId: w.cycle.id, level: 'company', title: 'Customers love our checkout' };
      const cases: [unknown, string][] = [
        [{ ...valid, title: 5 }, 'body.title'],
        [{ ...valid, level: 'galaxy' }, 'body.level'],
        [{ ...valid, cycleId: 'not-a-uuid' }, 'body.cycleId'],
        [{ level: 'company', title: 'No cycle' }, 'body.cycleId'],
        [{ ...valid, title: '   ' }, 'body.title'],
        [{ ...valid, includeChildren: 'yes' }, 'body.includeChildren'],
        [{ ...valid, colour: 'red' }, 'body'],
        [{ ...valid, keyResults: [{ title: 'KR', kind: 'number', direction: 'up', start: 0, target: 10 }] }, 'body.keyResults.0.direction'],
        [{ ...valid, keyResults: [{ title: 'KR', kind: 'number', direction: 'increase', start: 'NaN', target: 10 }] }, 'body.keyResults.0.start'],
        [{ ...valid, level: 'team' }, 'body.teamId'],
        [{ ...valid, ownerId: w.outsider.id }, 'body.ownerId'],
        [{ ...valid, readerIds: [w.outsider.id] }, 'body.readerIds.0'],
        [{ ...valid, contributingTeamIds: [w.otherCycle.id] }, 'body.contributingTeamIds.0'],
        [{ ...valid, level: 'individual', ownerId: null }, 'body.ownerId'],
      ];
      for (const [body, path] of cases) {
        const response = await post(body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body.code).toBe('bad_input');
        const paths = (response.body.errors as { path: string }[]).map((e) => e.path);
        expect(paths.some((p) => p.startsWith(path)), `${JSON.stringify(paths)} has ${path}`).toBe(true);
      }
      const own = await companyObjective(w);
      const patch = await w.exec.as.patch<Body>(`${w.base}/objectives/${String(own.id)}`, { level: 'team' }, ifMatch(own.version));
      expect(patch).toMatchObject({ status: 400, body: { code: 'bad_input' } });
      expect((await w.exec.as.patch(`${w.base}/objectives/${String(own.id)}`, {}, ifMatch(own.version))).status).toBe(400);
      expect((await w.exec.as.patch(`${w.base}/objectives/${String(own.id)}`, { title: 'x' }, { 'if-match': 'soon' })).status).toBe(400);
      for (const query of ['limit=abc', 'limit=0', 'level=galaxy', 'cycle=nope', 'cursor=%%%', 'colour=red']) {
        expect((await w.exec.as.get(`${w.base}/objectives?${query}`)).status, query).toBe(400);
      }
      expect((await w.exec.as.get(`${w.base}/objectives/not-a-uuid`)).status).toBe(400);
      expect(await auditActions(api, String(own.id))).toEqual(['objective.created']);
    });

    it('creates objectives with alignment and first key results, with abilities and audit', async () => {
      const w = await buildWorld(api);
      const company = await companyObjective(w, { rationale: 'Checkout is where we lose people.', tags: ['growth', 'growth', 'ux'] });
      expect(company).toMatchObject({
        level: 'company',
        owner: { id: w.exec.id, name: 'Erin Exec' },
        tags: ['growth', 'ux'],
        cycle: { id: w.cycle.id, status: 'active' },
        version: 1,
        progress: 0,
        health: null,
        abilities: { canEdit: true, canDelete: true, canAddKeyResult: true, canEditWordingOnly: false },
      });
      expect(company.expectedProgress).toBeGreaterThan(0.4);
      const created = await w.lead.as.post<Body>(`${w.base}/objectives`, {
        cycleId: w.cycle.id,
        level: 'team',
        teamId: w.team.id,
        title: 'Checkout feels effortless',
        parentIds: [company.id],
        keyResults: [
          { title: 'Conversion from 2% to 4%', kind: 'percentage', direction: 'increase', start: 2, target: 4, current: 3, ownerId: w.member.id },
          { title: 'Checkout redesign shipped', kind: 'milestone', direction: 'increase' },
        ],
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('etag')).toBe('"1"');
      expect(created.body).toMatchObject({
        team: { id: w.team.id, name: 'Checkout' },
        owner: { id: w.lead.id },
        parents: [{ id: company.id, title: 'Customers love our checkout', level: 'company' }],
        alignmentPath: [{ id: company.id }],
        progress: 0.25,
        keyResults: [
          { title: 'Conversion from 2% to 4%', progress: 0.5, owner: { id: w.member.id, name: 'Max Member' }, abilities: { canEdit: true, canCheckIn: true } },
          { kind: 'milestone', start: 0, target: 1, current: 0, position: 1 },
        ],
        abilities: { canEdit: true },
      });
      const id = String(created.body.id);
      expect(await auditActions(api, id)).toEqual(['objective.created']);
      // The member reads it, may not edit it, and sees the KR they own as theirs to check in.
      const seen = await w.member.as.get<Body>(`${w.base}/objectives/${id}`);
      expect(seen.body).toMatchObject({ abilities: { canEdit: false, canDelete: false }, keyResults: [{ abilities: { canCheckIn: true, canEdit: false } }, { abilities: { canCheckIn: false } }] });
      const parent = await w.member.as.get<Body>(`${w.base}/objectives/${String(company.id)}`);
      expect(parent.body.children).toEqual([{ id, title: 'Checkout feels effortless', level: 'team', progress: 0.25, health: anyHealth }]);
      // A member's own individual objective, owned by them by default, aligned under the team's.
      const mine = await w.member.as.post<Body>(`${w.base}/objectives`, { cycleId: w.cycle.id, level: 'individual', title: 'I make checkout faster', parentIds: [id] });
      expect(mine).toMatchObject({ status: 201, body: { owner: { id: w.member.id }, alignmentPath: [{ id: company.id }, { id }] } });
    });

    it('refuses what the role does not allow with 403, and levels or loops the alignment rules refuse', async () => {
      const w = await buildWorld(api);
      const company = await companyObjective(w);
      const post = (who: Client, body: Body) => who.post<Body>(`${w.base}/objectives`, { cycleId: w.cycle.id, title: 'Search finds everything', ...body });
      expect((await post(w.member.as, { level: 'company' })).status).toBe(403);
      expect((await post(w.lead.as, { level: 'team', teamId: w.team2.id })).status).toBe(403);
      expect((await post(w.member.as, { level: 'individual', ownerId: w.member2.id })).status).toBe(403);
      expect((await post(w.lead.as, { level: 'individual', ownerId: w.member2.id })).status).toBe(201);
      const path = `${w.base}/objectives/${String(company.id)}`;
      expect((await w.member.as.patch(path, { title: 'Mine' }, ifMatch(1))).status).toBe(403);
      expect((await w.member.as.delete(path, ifMatch(1))).status).toBe(403);
      const searchObjective = await post(w.lead2.as, { level: 'team', teamId: w.team2.id });
      const searchPath = `${w.base}/objectives/${String(searchObjective.body.id)}`;
      expect((await w.lead.as.patch(searchPath, { title: 'Ours now' }, ifMatch(1))).status).toBe(403);
      // A lead may not hand their team's objective to a team they do not lead.
      const checkout = await post(w.lead.as, { level: 'team', teamId: w.team.id });
      const checkoutPath = `${w.base}/objectives/${String(checkout.body.id)}`;
      expect((await w.lead.as.patch(checkoutPath, { teamId: w.team2.id }, ifMatch(1))).status).toBe(403);
      // Alignment: a company objective aligns to nothing; loops are refused with their path.
      const companyToTeam = await w.exec.as.call<Body>('PUT', `${path}/parents/${String(checkout.body.id)}`, { headers: ifMatch(1) });
      expect(companyToTeam).toMatchObject({ status: 400, body: { errors: [{ path: 'params.parentId' }] } });
      const child = await post(w.lead.as, { level: 'team', teamId: w.team.id, parentIds: [checkout.body.id] });
      const loop = await w.lead.as.call<Body>('PUT', `${checkoutPath}/parents/${String(child.body.id)}`, { headers: ifMatch(1) });
      expect(loop).toMatchObject({ status: 409, body: { code: 'alignment_loop' } });
      expect(JSON.stringify(loop.body.errors)).toContain(`${String(checkout.body.id)} -> ${String(child.body.id)} -> ${String(checkout.body.id)}`);
      expect((await w.lead.as.call('PUT', `${checkoutPath}/parents/${String(checkout.body.id)}`, { headers: ifMatch(1) })).status).toBe(400);
      // Aligning and removing it again, each bumping the child's version.
      const aligned = await w.lead.as.call<Body>('PUT', `${checkoutPath}/parents/${String(company.id)}`, { headers: ifMatch(1) });
      expect(aligned).toMatchObject({ status: 200, body: { version: 2, parents: [{ id: company.id }] } });
      expect((await w.lead.as.call('PUT', `${checkoutPath}/parents/${String(company.id)}`)).status).toBe(428);
      const removed = await w.lead.as.call<Body>('DELETE', `${checkoutPath}/parents/${String(company.id)}`, { headers: ifMatch(2) });
      expect(removed).toMatchObject({ status: 200, body: { version: 3, parents: [] } });
      expect((await w.lead.as.call('DELETE', `${checkoutPath}/parents/${String(company.id)}`, { headers: ifMatch(3) })).status).toBe(404);
      expect(await auditActions(api, String(checkout.body.id))).toEqual(['objective.created', 'objective.aligned', 'objective.unaligned']);
    });

    it('needs If-Match on changes, answers 412 with the current objective, and merges nothing', async () => {
      const w = await buildWorld(api);
      const company = await companyObjective(w);
      const path = `${w.base}/objectives/${String(company.id)}`;
      expect((await w.exec.as.patch(path, { title: 'New' })).status).toBe(428);
      expect((await w.exec.as.delete(path)).status).toBe(428);
      const [first, second] = await Promise.all([
        w.exec.as.patch<Body>(path, { title: 'Customers finish checkout in a minute' }, ifMatch(1)),
        w.exec.as.patch<Body>(path, { rationale: 'Speed sells.' }, ifMatch(1)),
      ]);
      const statuses = [first.status, second.status].sort();
      expect(statuses).toEqual([200, 412]);
      const stale = first.status === 412 ? first : second;
      const winner = first.status === 200 ? first : second;
      expect(stale.body).toMatchObject({ code: 'stale_version', current: { version: 2, title: winner.body.title, rationale: winner.body.rationale } });
      expect(winner.headers.get('etag')).toBe('"2"');
      const now = await w.exec.as.get<Body>(path);
      expect([now.body.title === 'Customers love our checkout', now.body.rationale === null]).toContain(true);
      expect((await w.exec.as.delete(path, ifMatch(1))).status).toBe(412);
      expect((await w.exec.as.delete(path, ifMatch(2))).status).toBe(204);
      expect((await w.exec.as.get(path)).status).toBe(404);
      expect(await auditActions(api, String(company.id))).toEqual(['objective.created', 'objective.updated', 'objective.deleted']);
    });

    it('lets the champion coach the wording but not change the owner', async () => {
      const w = await buildWorld(api);
      const company = await companyObjective(w);
      const path = `${w.base}/objectives/${String(company.id)}`;
      const seen = await w.champion.as.get<Body>(path);
      expect(seen.body.abilities).toMatchObject({ canEdit: true, canEditWordingOnly: true, canDelete: false });
      const reworded = await w.champion.as.patch<Body>(path, { title: 'Customers finish checkout without help', rationale: 'Outcome, not output.' }, ifMatch(1));
      expect(reworded).toMatchObject({ status: 200, body: { title: 'Customers finish checkout without help', version: 2 } });
      expect((await w.champion.as.patch(path, { ownerId: w.champion.id }, ifMatch(2))).status).toBe(403);
      expect((await w.champion.as.patch(path, { title: 'x', status: 'abandoned' }, ifMatch(2))).status).toBe(403);
      expect((await w.champion.as.call('PUT', `${path}/parents/${String(company.id)}`, { headers: ifMatch(2) })).status).toBe(403);
      expect((await w.champion.as.delete(path, ifMatch(2))).status).toBe(403);
    });

    it('keeps a closed cycle read-only: 409 on every write', async () => {
      const w = await buildWorld(api);
      const old = await buildObjective(w.c, w.org.id, { cycleId: w.closed.id, level: 'company', ownerId: w.exec.id });
      const parent = await companyObjective(w);
      const path = `${w.base}/objectives/${old.id}`;
      expect((await w.exec.as.post<Body>(`${w.base}/objectives`, { cycleId: w.closed.id, level: 'company', title: 'Too late' })).body.code).toBe('cycle_closed');
      expect((await w.exec.as.patch<Body>(path, { title: 'Rewritten history' }, ifMatch(1))).body.code).toBe('cycle_closed');
      expect((await w.exec.as.delete<Body>(path, ifMatch(1))).body.code).toBe('cycle_closed');
      const team = await buildObjective(w.c, w.org.id, { cycleId: w.closed.id, level: 'team', teamId: w.team.id });
      const align = await w.lead.as.call<Body>('PUT', `${w.base}/objectives/${team.id}/parents/${String(parent.id)}`, { headers: ifMatch(1) });
      expect(align).toMatchObject({ status: 409, body: { code: 'cycle_closed' } });
      // Aligning an open objective under one in a closed cycle would change that one's progress.
      const open = await w.lead.as.post<Body>(`${w.base}/objectives`, { cycleId: w.cycle.id, level: 'team', teamId: w.team.id, title: 'Open one', parentIds: [old.id] });
      expect(open.status).toBe(409);
      expect((await w.exec.as.get<Body>(path)).body.abilities).toMatchObject({ canEdit: false, canDelete: false, canAddKeyResult: false });
    });

    it('hides private objectives from non-readers everywhere, and shows them to readers and admins', async () => {
      const w = await buildWorld(api);
      const company = await companyObjective(w, { includeChildren: true });
      const secret = await w.lead.as.post<Body>(`${w.base}/objectives`, {
        cycleId: w.cycle.id,
        level: 'team',
        teamId: w.team.id,
        title: 'Secret acquisition of a rival',
        visibility: 'private',
        readerIds: [w.member.id],
        parentIds: [company.id],
        tags: ['secret'],
        keyResults: [{ title: 'Rival signs', kind: 'number', direction: 'increase', start: 0, target: 10, current: 5 }],
      });
      expect(secret.status).toBe(201);
      const id = String(secret.body.id);
      const path = `${w.base}/objectives/${id}`;
      for (const who of [w.member2, w.exec, w.champion, w.lead2]) {
        expect((await who.as.get(path)).status).toBe(404);
        expect((await who.as.patch(path, { title: 'x' }, ifMatch(1))).status).toBe(404);
        const list = await who.as.get<{ items: Body[] }>(`${w.base}/objectives?cycle=${w.cycle.id}`);
        expect(list.body.items.map((o) => o.id)).toEqual([company.id]);
        expect((await who.as.get<{ items: Body[] }>(`${w.base}/objectives?q=acquisition`)).body.items).toEqual([]);
        expect((await who.as.get<{ items: Body[] }>(`${w.base}/objectives?tag=secret`)).body.items).toEqual([]);
        const parent = await who.as.get<Body>(`${w.base}/objectives/${String(company.id)}`);
        expect(parent.body.children).toEqual([{ id, private: true, title: 'A private objective', progress: 0.5, health: 'on_track' }]);
        expect(parent.body.progress).toBe(0.5);
        const tree = await who.as.get<{ nodes: Body[]; owners: Record<string, string> }>(`${w.base}/cycles/${w.cycle.id}/tree`);
        expect(tree.body.nodes.find((n) => n.id === id)).toEqual({ id, private: true, title: 'A private objective', progress: 0.5, health: 'on_track', parentIds: [company.id] });
        expect(tree.body.owners[w.lead.id]).toBeUndefined();
        expect(JSON.stringify(tree.body)).not.toContain('Secret');
      }
      for (const who of [w.member, w.admin, w.lead]) {
        expect((await who.as.get<Body>(path)).body).toMatchObject({ title: 'Secret acquisition of a rival', readers: [{ id: w.member.id, name: 'Max Member' }] });
        const list = await who.as.get<{ items: Body[] }>(`${w.base}/objectives?q=ACQUISITION`);
        expect(list.body.items.map((o) => o.id)).toEqual([id]);
        const tree = await who.as.get<{ nodes: Body[] }>(`${w.base}/cycles/${w.cycle.id}/tree`);
        expect(tree.body.nodes.find((n) => n.id === id)).toMatchObject({ title: 'Secret acquisition of a rival', level: 'team', keyResultCount: 1 });
      }
      // Making it private without oneself among the readers would lock the author out.
      const open = await w.lead.as.post<Body>(`${w.base}/objectives`, { cycleId: w.cycle.id, level: 'team', teamId: w.team.id, ownerId: w.member.id, title: 'Soon private' });
      const locked = await w.lead.as.patch<Body>(`${w.base}/objectives/${String(open.body.id)}`, { visibility: 'private' }, ifMatch(1));
      expect(locked).toMatchObject({ status: 400, body: { errors: [{ path: 'body.readerIds' }] } });
    });

    it('filters, searches and pages the list', async () => {
      const w = await buildWorld(api);
      const company = await companyObjective(w, { tags: ['growth'] });
      const post = async (who: Client, body: Body) => (await who.post<Body>(`${w.base}/objectives`, { cycleId: w.cycle.id, ...body })).body;
      const team = await post(w.lead.as, { level: 'team', teamId: w.team.id, title: '100% of orders ship same_day', tags: ['ops'] });
      const shared = await post(w.coordinator.as, { level: 'shared', title: 'Search and checkout share one cart', contributingTeamIds: [w.team2.id], ownerId: w.lead2.id });
      const mine = await post(w.member.as, { level: 'individual', title: 'I answer tickets within a day', rationale: 'SUPPORT matters' });
      await buildObjective(w.c, w.org.id, { cycleId: w.closed.id, level: 'company', title: 'Old news' });
      const ids = async (query: string) => (await w.member.as.get<{ items: Body[] }>(`${w.base}/objectives?${query}`)).body.items.map((o) => o.id);
      expect(await ids(`cycle=${w.cycle.id}`)).toEqual([company.id, team.id, shared.id, mine.id]);
      expect(await ids('level=team')).toEqual([team.id]);
      expect(await ids(`team=${w.team2.id}`)).toEqual([shared.id]);
      expect(await ids(`owner=${w.member.id}`)).toEqual([mine.id]);
      expect(await ids('tag=growth')).toEqual([company.id]);
      expect(await ids('q=support')).toEqual([mine.id]);
      expect(await ids('q=100%25')).toEqual([team.id]);
      expect(await ids('q=same_day')).toEqual([team.id]);
      expect(await ids('q=s_m')).toEqual([]);
      expect(await ids('q=%25%25')).toEqual([]);
      await w.exec.as.patch(`${w.base}/objectives/${String(company.id)}`, { status: 'completed' }, ifMatch(1));
      expect(await ids('status=completed')).toEqual([company.id]);
      const seen: unknown[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: Body[]; nextCursor: string | null } } = await w.member.as.get(`${w.base}/objectives?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((o) => o.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
      const first = (await w.member.as.get<{ items: Body[] }>(`${w.base}/objectives?level=team`)).body.items[0];
      expect(first).toMatchObject({ team: { name: 'Checkout' }, tags: ['ops'], keyResultCount: 0, abilities: { canEdit: false } });
    });

    it('filters the list by health, none being nothing to measure, and refuses another health', async () => {
      const w = await buildWorld(api);
      const post = async (title: string, current?: number) =>
        (
          await w.lead.as.post<Body>(`${w.base}/objectives`, {
            cycleId: w.cycle.id,
            level: 'team',
            teamId: w.team.id,
            title,
            keyResults: current === undefined ? [] : [{ title: `${title} KR`, kind: 'number', direction: 'increase', start: 0, target: 10, current }],
          })
        ).body;
      // Mid-quarter the pace is about half: done is on track, 3 of 10 at risk, nothing off track.
      const done = await post('Done already', 10);
      const lagging = await post('A little behind', 3);
      const stuck = await post('Not started', 0);
      const empty = await post('Nothing to measure yet');
      const list = async (query: string) => w.member.as.get<{ items: Body[] }>(`${w.base}/objectives?cycle=${w.cycle.id}&${query}`);
      const ids = async (query: string) => (await list(query)).body.items.map((o) => o.id);
      expect(await ids('health=on_track')).toEqual([done.id]);
      expect(await ids('health=at_risk')).toEqual([lagging.id]);
      expect(await ids('health=off_track')).toEqual([stuck.id]);
      expect(await ids('health=none')).toEqual([empty.id]);
      expect((await list('health=on_track')).body.items).toEqual([expect.objectContaining({ health: 'on_track' })]);
      expect(await ids(`health=at_risk&team=${w.team.id}&q=behind`)).toEqual([lagging.id]);
      expect(await ids('health=at_risk&q=started')).toEqual([]);
      for (const bad of ['green', 'ON_TRACK', 'null', '']) {
        const response = await list(`health=${bad}`);
        expect(response.status, bad).toBe(400);
        expect(response.body).toMatchObject({ status: 400, code: 'bad_input', errors: [{ path: 'querystring.health' }] });
      }
      type Doc = { paths: Record<string, { get?: { parameters?: { name: string; schema?: { enum?: string[] } }[] } }> };
      const doc = (await client(api.url).get<Doc>('/api/v1/openapi.json')).body;
      const parameter = doc.paths['/api/v1/orgs/{org}/objectives']?.get?.parameters?.find((p) => p.name === 'health');
      expect(parameter?.schema?.enum).toEqual(['on_track', 'at_risk', 'off_track', 'none']);
    });

    it('serves the tree of a cycle and my OKRs', async () => {
      const w = await buildWorld(api);
      const company = await companyObjective(w, { includeChildren: true });
      const team = await w.lead.as.post<Body>(`${w.base}/objectives`, {
        cycleId: w.cycle.id,
        level: 'team',
        teamId: w.team.id,
        title: 'Checkout feels effortless',
        parentIds: [company.id],
        keyResults: [
          { title: 'Conversion up', kind: 'number', direction: 'increase', start: 0, target: 10, current: 10, ownerId: w.member.id },
          { title: 'Refunds down', kind: 'number', direction: 'decrease', start: 10, target: 0, ownerId: w.member.id },
        ],
      });
      const mine = await w.member.as.post<Body>(`${w.base}/objectives`, { cycleId: w.cycle.id, level: 'individual', title: 'I ship the one-click checkout', parentIds: [team.body.id] });
      const tree = await w.member.as.get<{ cycle: Body; nodes: Body[]; teams: Body; owners: Body }>(`${w.base}/cycles/${w.cycle.id}/tree`);
      expect(tree.status).toBe(200);
      expect(tree.body.cycle).toMatchObject({ id: w.cycle.id, name: '2026-Q4', status: 'active' });
      expect(tree.body.nodes).toEqual([
        { id: company.id, title: 'Customers love our checkout', level: 'company', ownerId: w.exec.id, teamId: null, progress: 0.5, health: anyHealth, parentIds: [], keyResultCount: 0 },
        { id: team.body.id, title: 'Checkout feels effortless', level: 'team', ownerId: w.lead.id, teamId: w.team.id, progress: 0.5, health: anyHealth, parentIds: [company.id], keyResultCount: 2 },
        { id: mine.body.id, title: 'I ship the one-click checkout', level: 'individual', ownerId: w.member.id, teamId: null, progress: 0, health: null, parentIds: [team.body.id], keyResultCount: 0 },
      ]);
      expect(tree.body.teams).toEqual({ [w.team.id]: 'Checkout' });
      expect(tree.body.owners).toEqual({ [w.exec.id]: 'Erin Exec', [w.lead.id]: 'Lee Lead', [w.member.id]: 'Max Member' });
      const okrs = await w.member.as.get<{ cycle: Body; objectives: Body[]; keyResults: Body[] }>(`${w.base}/me/okrs`);
      expect(okrs.body.cycle).toMatchObject({ id: w.cycle.id });
      expect(okrs.body.objectives.map((o) => o.id)).toEqual([mine.body.id]);
      expect(okrs.body.keyResults).toMatchObject([
        { title: 'Conversion up', dueForCheckIn: true, objective: { id: team.body.id, title: 'Checkout feels effortless' }, abilities: { canCheckIn: true } },
        { title: 'Refunds down', dueForCheckIn: true },
      ]);
      const krId = String(okrs.body.keyResults[0]?.id);
      expect((await w.member.as.post(`${w.base}/key-results/${krId}/check-ins`, { value: 9 })).status).toBe(201);
      const after = await w.member.as.get<{ keyResults: Body[] }>(`${w.base}/me/okrs?cycle=${w.cycle.id}`);
      expect(after.body.keyResults.map((k) => [k.title, k.dueForCheckIn])).toEqual([
        ['Refunds down', true],
        ['Conversion up', false],
      ]);
      const none = await w.member.as.get<Body>(`${w.base}/me/okrs?cycle=${w.closed.id}`);
      expect(none.body).toMatchObject({ cycle: { id: w.closed.id }, objectives: [], keyResults: [] });
    });

    it('deletes an objective and refreshes the parents it counted in', async () => {
      const w = await buildWorld(api);
      const company = await companyObjective(w, { includeChildren: true });
      const team = await w.lead.as.post<Body>(`${w.base}/objectives`, {
        cycleId: w.cycle.id,
        level: 'team',
        teamId: w.team.id,
        title: 'Checkout feels effortless',
        parentIds: [company.id],
        keyResults: [{ title: 'Conversion up', kind: 'number', direction: 'increase', start: 0, target: 10, current: 8 }],
      });
      const kr = await buildKeyResult(w.c, w.org.id, { objectiveId: String(company.id), start: 0, target: 10, current: 2 });
      expect(kr.id).toBeTruthy();
      const toggle = await w.exec.as.patch<Body>(`${w.base}/objectives/${String(company.id)}`, { includeChildren: false }, ifMatch(1));
      expect(toggle.body.progress).toBeCloseTo(0.2);
      const back = await w.exec.as.patch<Body>(`${w.base}/objectives/${String(company.id)}`, { includeChildren: true }, ifMatch(2));
      expect(back.body.progress).toBeCloseTo(0.5);
      expect((await w.lead.as.delete(`${w.base}/objectives/${String(team.body.id)}`, ifMatch(1))).status).toBe(204);
      const after = await w.exec.as.get<Body>(`${w.base}/objectives/${String(company.id)}`);
      expect(after.body).toMatchObject({ children: [], progress: 0.2 });
      const left = await api.connection.db.selectFrom('key_results').select('id').where('objective_id', '=', String(team.body.id)).execute();
      expect(left).toEqual([]);
    });
  });
}
