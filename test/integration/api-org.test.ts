import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRole } from '../../src/contracts/model.ts';
import { client, startTestApi, type TestApi } from '../support/api.ts';
import {
  buildCycle,
  buildObjective,
  buildOrganisation,
  buildTeam,
  buildToken,
  buildUser,
} from '../support/builders.ts';
import { dialectsUnderTest } from '../support/databases.ts';

type Body = Record<string, unknown>;
const ifMatch = (version: number | string) => ({ 'if-match': `"${version}"` });

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`members, teams and cycles API on ${dialect}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(dialect);
    });
    afterAll(async () => {
      await api?.close();
    });

    /** An organisation with one person per role, a member, and an admin of another organisation. */
    async function world() {
      const c = api.connection;
      const org = await buildOrganisation(c);
      const other = await buildOrganisation(c);
      const user = async (orgId: string, name: string, roles: OrgRole[] = []) => {
        const built = await buildUser(c, orgId, { name, roles });
        return { ...built, api: client(api.url, await buildToken(c, built.id)) };
      };
      const admin = await user(org.id, 'Ada Admin', ['admin']);
      const champion = await user(org.id, 'Chad Champion', ['champion']);
      const member = await user(org.id, 'Mia Member');
      const outsider = await user(other.id, 'Otto Outsider', ['admin', 'champion']);
      return {
        org,
        other,
        admin,
        champion,
        member,
        outsider,
        base: `/api/v1/orgs/${org.slug}`,
        otherBase: `/api/v1/orgs/${other.slug}`,
      };
    }

    async function audit(action: string, objectId: string) {
      return api.connection.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', action)
        .where('object_id', '=', objectId)
        .execute();
    }

    async function expectRefusedForStrangers(
      routes: [string, string, unknown?][],
      w: Awaited<ReturnType<typeof world>>,
    ) {
      for (const [method, path, body] of routes) {
        const options = body === undefined ? {} : { body };
        expect(
          (await client(api.url).call(method, `${w.base}${path}`, options)).status,
          `${method} ${path} anonymous`,
        ).toBe(401);
        const foreign = await w.outsider.api.call(method, `${w.base}${path}`, {
          ...options,
          headers: ifMatch(1),
        });
        expect(foreign.status, `${method} ${path} from another organisation`).toBe(404);
      }
    }

    describe('members', () => {
      it('refuses strangers: 401 without sign-in, 404 for a non-member and for a person of another organisation', async () => {
        const w = await world();
        await expectRefusedForStrangers(
          [
            ['GET', '/members'],
            ['GET', `/members/${w.member.id}`],
            ['PATCH', `/members/${w.member.id}`, { title: 'Boss' }],
            ['DELETE', `/members/${w.member.id}`],
          ],
          w,
        );
        expect((await w.admin.api.get(`${w.base}/members/${w.outsider.id}`)).status).toBe(404);
        expect(
          (
            await w.admin.api.patch(
              `${w.base}/members/${w.outsider.id}`,
              { title: 'x' },
              ifMatch(1),
            )
          ).status,
        ).toBe(404);
        expect(
          (await w.admin.api.delete(`${w.base}/members/${w.outsider.id}`, ifMatch(1))).status,
        ).toBe(404);
        expect((await w.admin.api.get('/api/v1/orgs/no-such-org/members')).status).toBe(404);
      });

      it('lists members with filters and pages, for everyone in the organisation', async () => {
        const w = await world();
        const team = await buildTeam(api.connection, w.org.id, {
          name: 'Platform',
          leads: [w.member.id],
        });
        const all = await w.member.api.get<{ items: Body[]; nextCursor: string | null }>(
          `${w.base}/members`,
        );
        expect(all.status).toBe(200);
        expect(all.body.items.map((m) => m.name)).toEqual([
          'Ada Admin',
          'Chad Champion',
          'Mia Member',
        ]);
        expect(all.body.items[2]).toMatchObject({
          roles: [],
          teams: [{ id: team.id, name: 'Platform', isLead: true }],
          abilities: { canEdit: false },
        });
        expect(
          (
            await w.member.api.get<{ items: Body[] }>(`${w.base}/members?text=CHAMP`)
          ).body.items.map((m) => m.name),
        ).toEqual(['Chad Champion']);
        expect(
          (await w.member.api.get<{ items: Body[] }>(`${w.base}/members?text=%25`)).body.items,
        ).toEqual([]);
        expect(
          (
            await w.member.api.get<{ items: Body[] }>(`${w.base}/members?role=admin`)
          ).body.items.map((m) => m.id),
        ).toEqual([w.admin.id]);
        expect(
          (
            await w.member.api.get<{ items: Body[] }>(`${w.base}/members?team=${team.id}`)
          ).body.items.map((m) => m.id),
        ).toEqual([w.member.id]);

        const first = await w.member.api.get<{ items: Body[]; nextCursor: string }>(
          `${w.base}/members?limit=2`,
        );
        expect(first.body.items).toHaveLength(2);
        const second = await w.member.api.get<{ items: Body[]; nextCursor: string | null }>(
          `${w.base}/members?limit=2&cursor=${first.body.nextCursor}`,
        );
        expect(second.body.items.map((m) => m.name)).toEqual(['Mia Member']);
        expect(second.body.nextCursor).toBeNull();

        const bad = await w.member.api.get(`${w.base}/members?role=king&cursor=nope&limit=0`);
        expect(bad).toMatchObject({ status: 400, body: { code: 'bad_input' } });
        expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
          'querystring.cursor',
          'querystring.limit',
          'querystring.role',
        ]);
      });

      it('shows one member with an ETag', async () => {
        const w = await world();
        const response = await w.member.api.get(`${w.base}/members/${w.admin.id}`);
        expect(response).toMatchObject({
          status: 200,
          body: {
            id: w.admin.id,
            name: 'Ada Admin',
            email: w.admin.email,
            roles: ['admin'],
            teams: [],
          },
        });
        expect(response.headers.get('etag')).toBe('"1"');
        expect((await w.member.api.get(`${w.base}/members/not-a-uuid`)).status).toBe(400);
      });

      it('lets an admin change roles and title, with If-Match, and audits it', async () => {
        const w = await world();
        const path = `${w.base}/members/${w.member.id}`;
        expect((await w.admin.api.patch(path, { roles: ['champion'] })).status).toBe(428);
        expect(
          (await w.admin.api.patch(path, { roles: ['champion'] }, { 'if-match': 'soon' })).status,
        ).toBe(400);
        const bad = await w.admin.api.patch(path, { roles: ['king'], colour: 'red' }, ifMatch(1));
        expect(bad).toMatchObject({ status: 400, body: { code: 'bad_input' } });
        expect((await w.admin.api.patch(path, {}, ifMatch(1))).status).toBe(400);

        const changed = await w.admin.api.patch(
          path,
          { roles: ['coordinator', 'champion'], title: 'Staff engineer' },
          ifMatch(1),
        );
        expect(changed).toMatchObject({
          status: 200,
          body: { roles: ['champion', 'coordinator'], title: 'Staff engineer', version: 2 },
        });
        expect(changed.headers.get('etag')).toBe('"2"');
        const [row] = await audit('member.updated', w.member.id);
        expect(row?.actor_id).toBe(w.admin.id);
        expect(JSON.parse(row?.after_json ?? '{}')).toMatchObject({
          roles: ['champion', 'coordinator'],
          title: 'Staff engineer',
        });

        const stale = await w.admin.api.patch(path, { title: 'Lead' }, ifMatch(1));
        expect(stale).toMatchObject({
          status: 412,
          body: { code: 'stale_version', current: { title: 'Staff engineer', version: 2 } },
        });
      });

      it('does not let a member give themself a role', async () => {
        const w = await world();
        const response = await w.member.api.patch(
          `${w.base}/members/${w.member.id}`,
          { roles: ['admin'] },
          ifMatch(1),
        );
        expect(response).toMatchObject({ status: 403, body: { code: 'forbidden' } });
        expect(
          (await w.champion.api.delete(`${w.base}/members/${w.member.id}`, ifMatch(1))).status,
        ).toBe(403);
        const roles = await api.connection.db
          .selectFrom('member_roles')
          .select('role')
          .where('user_id', '=', w.member.id)
          .execute();
        expect(roles).toEqual([]);
      });

      it('keeps the last admin: no demotion, no removal; with another admin both work', async () => {
        const w = await world();
        const self = `${w.base}/members/${w.admin.id}`;
        const demote = await w.admin.api.patch(self, { roles: ['champion'] }, ifMatch(1));
        expect(demote).toMatchObject({ status: 409, body: { code: 'conflict' } });
        expect(demote.body.detail).toContain('last admin');
        expect((await w.admin.api.delete(self, ifMatch(1))).status).toBe(409);

        await w.admin.api.patch(
          `${w.base}/members/${w.champion.id}`,
          { roles: ['champion', 'admin'] },
          ifMatch(1),
        );
        expect((await w.admin.api.patch(self, { roles: ['executive'] }, ifMatch(1))).status).toBe(
          200,
        );
        expect(
          (await w.champion.api.delete(`${w.base}/members/${w.champion.id}`, ifMatch(2))).status,
        ).toBe(409);
      });

      it('removes a member with their roles and team memberships', async () => {
        const w = await world();
        await buildTeam(api.connection, w.org.id, { members: [w.champion.id] });
        const path = `${w.base}/members/${w.champion.id}`;
        expect((await w.admin.api.delete(path)).status).toBe(428);
        expect((await w.admin.api.delete(path, ifMatch(7))).status).toBe(412);
        const removed = await w.admin.api.delete(path, ifMatch(1));
        expect(removed.status).toBe(204);
        const db = api.connection.db;
        expect(
          await db
            .selectFrom('memberships')
            .select('user_id')
            .where('user_id', '=', w.champion.id)
            .execute(),
        ).toEqual([]);
        expect(
          await db
            .selectFrom('member_roles')
            .select('role')
            .where('user_id', '=', w.champion.id)
            .execute(),
        ).toEqual([]);
        expect(
          await db
            .selectFrom('team_members')
            .select('team_id')
            .where('user_id', '=', w.champion.id)
            .execute(),
        ).toEqual([]);
        expect(await audit('member.removed', w.champion.id)).toHaveLength(1);
        expect((await w.champion.api.get(`${w.base}/members`)).status).toBe(404);
      });
    });

    describe('teams', () => {
      it('refuses strangers and answers 404 for a team of another organisation', async () => {
        const w = await world();
        const team = await buildTeam(api.connection, w.org.id);
        const foreign = await buildTeam(api.connection, w.other.id);
        await expectRefusedForStrangers(
          [
            ['GET', '/teams'],
            ['GET', '/teams/tree'],
            ['GET', `/teams/${team.id}`],
            ['POST', '/teams', { name: 'New' }],
            ['PATCH', `/teams/${team.id}`, { name: 'Renamed' }],
            ['DELETE', `/teams/${team.id}`],
            ['PUT', `/teams/${team.id}/members/${w.member.id}`, { isLead: false }],
            ['DELETE', `/teams/${team.id}/members/${w.member.id}`],
          ],
          w,
        );
        expect((await w.admin.api.get(`${w.base}/teams/${foreign.id}`)).status).toBe(404);
        expect(
          (await w.admin.api.patch(`${w.base}/teams/${foreign.id}`, { name: 'Mine' }, ifMatch(1)))
            .status,
        ).toBe(404);
        expect((await w.admin.api.delete(`${w.base}/teams/${foreign.id}`, ifMatch(1))).status).toBe(
          404,
        );
        expect(
          (
            await w.admin.api.call('PUT', `${w.base}/teams/${foreign.id}/members/${w.member.id}`, {
              body: { isLead: true },
            })
          ).status,
        ).toBe(404);
        expect(
          (
            await w.admin.api.call('PUT', `${w.base}/teams/${team.id}/members/${w.outsider.id}`, {
              body: { isLead: true },
            })
          ).status,
        ).toBe(404);
      });

      it('lists teams flat and as a tree, and shows one with its members', async () => {
        const w = await world();
        const product = await buildTeam(api.connection, w.org.id, {
          name: 'Product',
          leads: [w.champion.id],
          members: [w.member.id],
        });
        const design = await buildTeam(api.connection, w.org.id, {
          name: 'Design',
          parentId: product.id,
        });
        const flat = await w.member.api.get<{ items: Body[]; nextCursor: string | null }>(
          `${w.base}/teams?limit=1`,
        );
        expect(flat.body.items).toEqual([
          expect.objectContaining({
            id: product.id,
            parentId: null,
            memberCount: 2,
            abilities: { canEdit: false, canDelete: false, canManageMembers: false },
          }),
        ]);
        const rest = await w.member.api.get<{ items: Body[] }>(
          `${w.base}/teams?cursor=${flat.body.nextCursor}`,
        );
        expect(rest.body.items).toEqual([
          expect.objectContaining({ id: design.id, parentId: product.id, memberCount: 0 }),
        ]);
        const tree = await w.member.api.get(`${w.base}/teams/tree`);
        expect(tree.body).toEqual({
          roots: [
            {
              id: product.id,
              name: 'Product',
              memberCount: 2,
              children: [{ id: design.id, name: 'Design', memberCount: 0, children: [] }],
            },
          ],
        });
        const one = await w.member.api.get(`${w.base}/teams/${product.id}`);
        expect(one.body.members).toEqual([
          { id: w.champion.id, name: 'Chad Champion', email: w.champion.email, isLead: true },
          { id: w.member.id, name: 'Mia Member', email: w.member.email, isLead: false },
        ]);
        expect(one.headers.get('etag')).toBe('"1"');
        expect((await w.member.api.get(`${w.base}/teams/${product.id.slice(1)}`)).status).toBe(400);
        expect((await w.member.api.get(`${w.base}/teams?limit=none`)).body).toMatchObject({
          status: 400,
          errors: [{ path: 'querystring.limit' }],
        });
      });

      it('creates, renames and deletes teams as an admin, refusing duplicates, bad parents and members', async () => {
        const w = await world();
        const foreign = await buildTeam(api.connection, w.other.id);
        expect((await w.member.api.post(`${w.base}/teams`, { name: 'Mine' })).status).toBe(403);
        const bad = await w.admin.api.post(`${w.base}/teams`, { name: ' ', parentId: 'x' });
        expect(bad.status).toBe(400);
        expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
          'body.name',
          'body.parentId',
        ]);
        const badParent = await w.admin.api.post(`${w.base}/teams`, {
          name: 'Stray',
          parentId: foreign.id,
        });
        expect(badParent).toMatchObject({
          status: 400,
          body: { errors: [{ path: 'body.parentId' }] },
        });

        const created = await w.admin.api.post<Body & { id: string }>(`${w.base}/teams`, {
          name: 'Growth',
        });
        expect(created).toMatchObject({
          status: 201,
          body: { name: 'Growth', parentId: null, members: [], version: 1 },
        });
        expect(await audit('team.created', created.body.id)).toHaveLength(1);
        expect((await w.admin.api.post(`${w.base}/teams`, { name: 'growth' })).body).toMatchObject({
          status: 409,
          code: 'duplicate',
        });

        const path = `${w.base}/teams/${created.body.id}`;
        expect((await w.member.api.patch(path, { name: 'Mine' }, ifMatch(1))).status).toBe(403);
        expect((await w.admin.api.patch(path, { name: 'Growth team' })).status).toBe(428);
        const renamed = await w.admin.api.patch(path, { name: 'Growth team' }, ifMatch(1));
        expect(renamed).toMatchObject({ status: 200, body: { name: 'Growth team', version: 2 } });
        expect(await audit('team.updated', created.body.id)).toHaveLength(1);
        expect((await w.admin.api.patch(path, { name: 'Late' }, ifMatch(1))).body).toMatchObject({
          status: 412,
          current: { name: 'Growth team', version: 2 },
        });

        expect((await w.member.api.delete(path, ifMatch(2))).status).toBe(403);
        expect((await w.admin.api.delete(path, ifMatch(2))).status).toBe(204);
        expect(await audit('team.deleted', created.body.id)).toHaveLength(1);
        expect((await w.admin.api.get(path)).status).toBe(404);
      });

      it('refuses a parent that would make a loop in the hierarchy', async () => {
        const w = await world();
        const top = await buildTeam(api.connection, w.org.id, { name: 'Top' });
        const middle = await buildTeam(api.connection, w.org.id, {
          name: 'Middle',
          parentId: top.id,
        });
        const bottom = await buildTeam(api.connection, w.org.id, {
          name: 'Bottom',
          parentId: middle.id,
        });
        const loop = await w.admin.api.patch(
          `${w.base}/teams/${top.id}`,
          { parentId: bottom.id },
          ifMatch(1),
        );
        expect(loop).toMatchObject({ status: 409, body: { code: 'conflict' } });
        expect(loop.body.detail).toContain('"Top" in "Bottom" in "Middle" in "Top"');
        expect(
          (await w.admin.api.patch(`${w.base}/teams/${top.id}`, { parentId: top.id }, ifMatch(1)))
            .status,
        ).toBe(409);
        const moved = await w.admin.api.patch(
          `${w.base}/teams/${bottom.id}`,
          { parentId: top.id },
          ifMatch(1),
        );
        expect(moved).toMatchObject({ status: 200, body: { parentId: top.id } });
        expect(
          (await w.admin.api.patch(`${w.base}/teams/${bottom.id}`, { parentId: null }, ifMatch(2)))
            .body,
        ).toMatchObject({ parentId: null });
      });

      it('refuses to delete a team with sub-teams or objectives', async () => {
        const w = await world();
        const parent = await buildTeam(api.connection, w.org.id);
        await buildTeam(api.connection, w.org.id, { parentId: parent.id });
        const owning = await buildTeam(api.connection, w.org.id);
        const cycle = await buildCycle(api.connection, w.org.id);
        await buildObjective(api.connection, w.org.id, { cycleId: cycle.id, teamId: owning.id });
        const withChild = await w.admin.api.delete(`${w.base}/teams/${parent.id}`, ifMatch(1));
        expect(withChild).toMatchObject({ status: 409, body: { code: 'conflict' } });
        expect(withChild.body.detail).toContain('sub-team');
        const withObjective = await w.admin.api.delete(`${w.base}/teams/${owning.id}`, ifMatch(1));
        expect(withObjective.body.detail).toContain('objective');
      });

      it('puts members in a team as lead or not, and takes them out', async () => {
        const w = await world();
        const team = await buildTeam(api.connection, w.org.id);
        const path = `${w.base}/teams/${team.id}/members/${w.member.id}`;
        expect((await w.member.api.call('PUT', path, { body: { isLead: true } })).status).toBe(403);
        expect((await w.admin.api.call('PUT', path, { body: { isLead: 'yes' } })).status).toBe(400);
        const added = await w.admin.api.call('PUT', path, { body: { isLead: true } });
        expect(added).toMatchObject({
          status: 200,
          body: { memberCount: 1, version: 2, members: [{ id: w.member.id, isLead: true }] },
        });
        expect(await audit('team.member_added', team.id)).toHaveLength(1);
        const again = await w.admin.api.call('PUT', path, { body: { isLead: true } });
        expect(again.body).toMatchObject({ version: 2 });
        expect(
          (await w.admin.api.call('PUT', path, { body: { isLead: false } })).body,
        ).toMatchObject({ members: [{ isLead: false }] });

        expect((await w.member.api.delete(path)).status).toBe(403);
        expect((await w.admin.api.delete(path)).status).toBe(204);
        expect(await audit('team.member_removed', team.id)).toHaveLength(1);
        expect((await w.admin.api.delete(path)).status).toBe(404);
      });
    });

    describe('cycles', () => {
      it('refuses strangers and answers 404 for a cycle of another organisation', async () => {
        const w = await world();
        const cycle = await buildCycle(api.connection, w.org.id, { status: 'planning' });
        const foreign = await buildCycle(api.connection, w.other.id, { status: 'planning' });
        await expectRefusedForStrangers(
          [
            ['GET', '/cycles'],
            ['GET', `/cycles/${cycle.id}`],
            ['POST', '/cycles', { name: 'Q1', startDate: '2027-01-01', endDate: '2027-03-31' }],
            ['PATCH', `/cycles/${cycle.id}`, { name: 'Q1' }],
            ['POST', `/cycles/${cycle.id}/transitions`, { to: 'active' }],
          ],
          w,
        );
        expect((await w.champion.api.get(`${w.base}/cycles/${foreign.id}`)).status).toBe(404);
        expect(
          (
            await w.champion.api.patch(
              `${w.base}/cycles/${foreign.id}`,
              { name: 'Mine' },
              ifMatch(1),
            )
          ).status,
        ).toBe(404);
        expect(
          (
            await w.champion.api.post(
              `${w.base}/cycles/${foreign.id}/transitions`,
              { to: 'active' },
              ifMatch(1),
            )
          ).status,
        ).toBe(404);
      });

      it('lists cycles by status and shows each with what the caller may do', async () => {
        const w = await world();
        const planning = await buildCycle(api.connection, w.org.id, {
          name: '2027-Q1',
          status: 'planning',
        });
        await buildCycle(api.connection, w.org.id, { name: '2026-Q4', status: 'active' });
        const list = await w.member.api.get<{ items: Body[] }>(`${w.base}/cycles?status=planning`);
        expect(list.body.items).toEqual([
          expect.objectContaining({
            id: planning.id,
            status: 'planning',
            abilities: { canEdit: false, canTransition: [], canCarryOver: false },
          }),
        ]);
        expect((await w.member.api.get(`${w.base}/cycles?status=done`)).status).toBe(400);
        const one = await w.champion.api.get(`${w.base}/cycles/${planning.id}`);
        expect(one).toMatchObject({
          status: 200,
          body: { name: '2027-Q1', abilities: { canEdit: true, canTransition: ['active'] } },
        });
        expect(one.headers.get('etag')).toBe('"1"');
      });

      it('creates cycles as a champion, in planning by default', async () => {
        const w = await world();
        const body = { name: '2027-Q1', startDate: '2027-01-01', endDate: '2027-03-31' };
        expect((await w.member.api.post(`${w.base}/cycles`, body)).status).toBe(403);
        expect((await w.admin.api.post(`${w.base}/cycles`, body)).status).toBe(403);
        const backwards = await w.champion.api.post(`${w.base}/cycles`, {
          ...body,
          endDate: '2026-12-31',
        });
        expect(backwards).toMatchObject({
          status: 400,
          body: { errors: [{ path: 'body.endDate' }] },
        });
        const invalid = await w.champion.api.post(`${w.base}/cycles`, {
          name: '',
          startDate: '2027-02-30',
          endDate: '2027-03-31',
          status: 'closed',
        });
        expect((invalid.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
          'body.name',
          'body.startDate',
          'body.status',
        ]);
        const created = await w.champion.api.post<Body & { id: string }>(`${w.base}/cycles`, body);
        expect(created).toMatchObject({
          status: 201,
          body: { ...body, status: 'planning', version: 1 },
        });
        expect(await audit('cycle.created', created.body.id)).toHaveLength(1);
        expect((await w.champion.api.post(`${w.base}/cycles`, body)).body).toMatchObject({
          status: 409,
          code: 'duplicate',
        });
      });

      it('changes name and dates with If-Match, never of a closed cycle', async () => {
        const w = await world();
        const cycle = await buildCycle(api.connection, w.org.id, {
          status: 'planning',
          startDate: '2027-01-01',
          endDate: '2027-03-31',
        });
        const path = `${w.base}/cycles/${cycle.id}`;
        expect((await w.member.api.patch(path, { name: 'Q1' }, ifMatch(1))).status).toBe(403);
        expect((await w.champion.api.patch(path, { name: 'Q1' })).status).toBe(428);
        expect(
          (await w.champion.api.patch(path, { endDate: '2026-12-01' }, ifMatch(1))).body,
        ).toMatchObject({ status: 400, errors: [{ path: 'body.endDate' }] });
        const changed = await w.champion.api.patch(
          path,
          { name: 'Q1', endDate: '2027-04-15' },
          ifMatch(1),
        );
        expect(changed).toMatchObject({
          status: 200,
          body: { name: 'Q1', startDate: '2027-01-01', endDate: '2027-04-15', version: 2 },
        });
        expect(await audit('cycle.updated', cycle.id)).toHaveLength(1);
        expect((await w.champion.api.patch(path, { name: 'Q9' }, ifMatch(1))).body).toMatchObject({
          status: 412,
          current: { name: 'Q1' },
        });

        // An objective of the quarter aligned to one of the year: the year must keep enclosing the quarter.
        const year = await buildCycle(api.connection, w.org.id, {
          name: '2027',
          startDate: '2027-01-01',
          endDate: '2027-12-31',
        });
        const company = await buildObjective(api.connection, w.org.id, {
          cycleId: year.id,
          level: 'company',
        });
        await buildObjective(api.connection, w.org.id, {
          cycleId: cycle.id,
          parentIds: [company.id],
        });
        const outside = await w.champion.api.patch(
          `${w.base}/cycles/${year.id}`,
          { endDate: '2027-03-31' },
          ifMatch(1),
        );
        expect(outside).toMatchObject({ status: 409, body: { code: 'conflict' } });
        expect(outside.body.detail).toContain(
          '"2027", which would no longer enclose them (2027-01-01 to 2027-03-31 against 2027-01-01 to 2027-04-15)',
        );
        expect(
          (
            await w.champion.api.patch(
              `${w.base}/cycles/${year.id}`,
              { endDate: '2027-06-30' },
              ifMatch(1),
            )
          ).status,
        ).toBe(200);
        expect(
          (await w.champion.api.patch(path, { startDate: '2026-12-15' }, ifMatch(2))).status,
        ).toBe(409);

        const closed = await buildCycle(api.connection, w.org.id, { status: 'closed' });
        expect(
          (
            await w.champion.api.patch(
              `${w.base}/cycles/${closed.id}`,
              { name: 'Reopened' },
              ifMatch(1),
            )
          ).body,
        ).toMatchObject({ status: 409, code: 'cycle_closed' });
      });

      it('moves a cycle through its lifecycle and refuses transitions it does not allow', async () => {
        const w = await world();
        const cycle = await buildCycle(api.connection, w.org.id, { status: 'planning' });
        const path = `${w.base}/cycles/${cycle.id}/transitions`;
        expect((await w.member.api.post(path, { to: 'active' }, ifMatch(1))).status).toBe(403);
        expect((await w.champion.api.post(path, { to: 'active' })).status).toBe(428);
        expect((await w.champion.api.post(path, { to: 'finished' }, ifMatch(1))).status).toBe(400);
        const skip = await w.champion.api.post(path, { to: 'closed' }, ifMatch(1));
        expect(skip).toMatchObject({
          status: 409,
          body: { code: 'conflict', detail: 'A planning cycle can move to active, not to closed.' },
        });

        const active = await w.champion.api.post(path, { to: 'active', acknowledge: true }, ifMatch(1));
        expect(active).toMatchObject({
          status: 200,
          body: { status: 'active', version: 2, abilities: { canTransition: ['grading'] } },
        });
        expect(active.headers.get('etag')).toBe('"2"');
        expect((await w.champion.api.post(path, { to: 'grading' }, ifMatch(1))).body).toMatchObject(
          { status: 412, current: { status: 'active' } },
        );
        await w.champion.api.post(path, { to: 'grading', acknowledge: true }, ifMatch(2));
        const closed = await w.champion.api.post(path, { to: 'closed', acknowledge: true }, ifMatch(3));
        expect(closed.body).toMatchObject({
          status: 'closed',
          abilities: { canEdit: false, canTransition: [] },
        });
        const rows = await audit('cycle.transitioned', cycle.id);
        expect(
          rows.map((r) => (JSON.parse(r.after_json ?? '{}') as { status: string }).status).sort(),
        ).toEqual(['active', 'closed', 'grading']);
        expect((await w.champion.api.post(path, { to: 'active' }, ifMatch(4))).body).toMatchObject({
          status: 409,
          code: 'cycle_closed',
        });
      });
    });
  });
}
