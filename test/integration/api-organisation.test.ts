import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRole } from '../../src/contracts/model.ts';
import { objectiveTagRow } from '../../src/repositories/rows.ts';
import { client, startTestApi, type TestApi } from '../support/api.ts';
import {
  buildCycle,
  buildObjective,
  buildOrganisation,
  buildToken,
  buildUser,
} from '../support/builders.ts';
import { dialectsUnderTest } from '../support/databases.ts';

type Body = Record<string, unknown>;
const ifMatch = (version: number | string) => ({ 'if-match': `"${version}"` });
const DEFAULTS = {
  checkInCadenceDays: 7,
  checkInWeekday: 1,
  staleAfterDays: 21,
  approvalRequired: false,
  escalateAfterMisses: 2,
  championsAfterMisses: 3,
};

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`organisation and strategic themes API on ${dialect}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(dialect);
    });
    afterAll(async () => {
      await api?.close();
    });

    /** An organisation with an executive, a champion, both in one, an admin and a member; an outsider. */
    async function world() {
      const c = api.connection;
      const org = await buildOrganisation(c, { name: 'Acme' });
      const other = await buildOrganisation(c);
      const user = async (orgId: string, name: string, roles: OrgRole[] = []) => {
        const built = await buildUser(c, orgId, { name, roles });
        return { ...built, api: client(api.url, await buildToken(c, built.id)) };
      };
      return {
        org,
        other,
        executive: await user(org.id, 'Eve Executive', ['executive']),
        champion: await user(org.id, 'Chad Champion', ['champion']),
        both: await user(org.id, 'Bo Both', ['executive', 'champion']),
        admin: await user(org.id, 'Ada Admin', ['admin']),
        member: await user(org.id, 'Mia Member'),
        outsider: await user(other.id, 'Otto Outsider', ['executive', 'champion', 'admin']),
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

    const errorPaths = (body: Body) =>
      ((body.errors ?? []) as { path: string }[]).map((e) => e.path).sort();

    it('refuses strangers: 401 without sign-in, 404 for a person of another organisation', async () => {
      const w = await world();
      const theme = await w.executive.api.post<Body & { id: string }>(`${w.base}/themes`, {
        name: 'Grow',
      });
      const routes: [string, string, unknown?][] = [
        ['GET', ''],
        ['PATCH', '', { name: 'Mine' }],
        ['PATCH', '', { settings: { approvalRequired: true } }],
        ['GET', '/themes'],
        ['POST', '/themes', { name: 'Mine' }],
        ['PATCH', `/themes/${theme.body.id}`, { name: 'Mine' }],
        ['DELETE', `/themes/${theme.body.id}`],
      ];
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
      expect((await w.member.api.get('/api/v1/orgs/no-such-org')).status).toBe(404);
      // A theme of another organisation, addressed through one's own.
      const foreign = await w.outsider.api.post<Body & { id: string }>(`${w.otherBase}/themes`, {
        name: 'Theirs',
      });
      expect(foreign.status).toBe(201);
      const path = `${w.base}/themes/${foreign.body.id}`;
      expect((await w.executive.api.patch(path, { name: 'Ours' }, ifMatch(1))).status).toBe(404);
      expect((await w.executive.api.delete(path, ifMatch(1))).status).toBe(404);
      expect(
        (await w.outsider.api.get<{ items: Body[] }>(`${w.otherBase}/themes`)).body.items,
      ).toHaveLength(1);
    });

    it('shows the organisation with default settings and what each role may change', async () => {
      const w = await world();
      const seen = await w.member.api.get(w.base);
      expect(seen).toMatchObject({
        status: 200,
        body: {
          id: w.org.id,
          slug: w.org.slug,
          name: 'Acme',
          mission: null,
          vision: null,
          settings: DEFAULTS,
          version: 1,
          abilities: { canEditStrategy: false, canEditSettings: false },
        },
      });
      expect(seen.headers.get('etag')).toBe('"1"');
      expect((await w.executive.api.get(w.base)).body.abilities).toEqual({
        canEditStrategy: true,
        canEditSettings: false,
      });
      expect((await w.champion.api.get(w.base)).body.abilities).toEqual({
        canEditStrategy: false,
        canEditSettings: true,
      });
      expect((await w.admin.api.get(w.base)).body.abilities).toEqual({
        canEditStrategy: false,
        canEditSettings: false,
      });
    });

    it('lets executives change name, mission and vision, with If-Match and an audit row', async () => {
      const w = await world();
      const strategy = { mission: 'Help every shop get paid', vision: 'Payments nobody notices' };
      expect((await w.member.api.patch(w.base, strategy, ifMatch(1))).status).toBe(403);
      expect((await w.champion.api.patch(w.base, strategy, ifMatch(1))).status).toBe(403);
      expect((await w.admin.api.patch(w.base, strategy, ifMatch(1))).status).toBe(403);
      expect((await w.executive.api.patch(w.base, strategy)).status).toBe(428);
      expect(
        errorPaths((await w.executive.api.patch(w.base, { name: '', slug: 'x' }, ifMatch(1))).body),
      ).toEqual(['body', 'body.name']);
      expect((await w.executive.api.patch(w.base, {}, ifMatch(1))).status).toBe(400);

      const changed = await w.executive.api.patch(
        w.base,
        { ...strategy, name: 'Acme Inc' },
        ifMatch(1),
      );
      expect(changed).toMatchObject({
        status: 200,
        body: { ...strategy, name: 'Acme Inc', settings: DEFAULTS, version: 2 },
      });
      expect(changed.headers.get('etag')).toBe('"2"');
      const rows = await audit('organisation.updated', w.org.id);
      expect(rows).toHaveLength(1);
      expect(JSON.parse(rows[0]?.before_json ?? '{}')).toMatchObject({
        name: 'Acme',
        mission: null,
      });
      expect(JSON.parse(rows[0]?.after_json ?? '{}')).toMatchObject({
        name: 'Acme Inc',
        ...strategy,
      });

      expect((await w.executive.api.patch(w.base, { vision: 'x' }, ifMatch(1))).body).toMatchObject(
        {
          status: 412,
          current: { name: 'Acme Inc', version: 2 },
        },
      );
      expect(
        (await w.executive.api.patch(w.base, { mission: null }, ifMatch(2))).body,
      ).toMatchObject({ mission: null, vision: strategy.vision, version: 3 });
    });

    it('lets champions change the OKR settings, validated and merged with the ones not sent', async () => {
      const w = await world();
      // The column may hold keys that are not OKR settings; they survive a change.
      await api.connection.db
        .updateTable('organisations')
        .set({ settings: JSON.stringify({ seed: 42 }) })
        .where('id', '=', w.org.id)
        .execute();
      const settings = { settings: { approvalRequired: true } };
      expect((await w.member.api.patch(w.base, settings, ifMatch(1))).status).toBe(403);
      expect((await w.executive.api.patch(w.base, settings, ifMatch(1))).status).toBe(403);
      expect((await w.champion.api.patch(w.base, settings)).status).toBe(428);

      const unknownKey = await w.champion.api.patch(
        w.base,
        { settings: { approvalRequired: true, reminderHour: 9 } },
        ifMatch(1),
      );
      expect(unknownKey.status).toBe(400);
      expect(errorPaths(unknownKey.body)).toEqual(['body.settings']);
      const outOfRange = await w.champion.api.patch(
        w.base,
        {
          settings: {
            checkInCadenceDays: 0,
            checkInWeekday: 8,
            staleAfterDays: 1.5,
            approvalRequired: 'yes',
          },
        },
        ifMatch(1),
      );
      expect(outOfRange.status).toBe(400);
      expect(errorPaths(outOfRange.body)).toEqual([
        'body.settings.approvalRequired',
        'body.settings.checkInCadenceDays',
        'body.settings.checkInWeekday',
        'body.settings.staleAfterDays',
      ]);
      expect((await w.champion.api.patch(w.base, { settings: {} }, ifMatch(1))).status).toBe(400);
      const staleBeforeDue = await w.champion.api.patch(
        w.base,
        { settings: { checkInCadenceDays: 30 } },
        ifMatch(1),
      );
      expect(staleBeforeDue).toMatchObject({
        status: 400,
        body: { errors: [{ path: 'body.settings.staleAfterDays' }] },
      });

      const changed = await w.champion.api.patch(
        w.base,
        { settings: { checkInWeekday: 5, approvalRequired: true } },
        ifMatch(1),
      );
      expect(changed).toMatchObject({
        status: 200,
        body: {
          name: 'Acme',
          settings: { ...DEFAULTS, checkInWeekday: 5, approvalRequired: true },
          version: 2,
        },
      });
      const again = await w.champion.api.patch(
        w.base,
        { settings: { staleAfterDays: 14 } },
        ifMatch(2),
      );
      expect(again.body.settings).toEqual({
        ...DEFAULTS,
        checkInWeekday: 5,
        approvalRequired: true,
        staleAfterDays: 14,
      });
      const stored = await api.connection.db
        .selectFrom('organisations')
        .select('settings')
        .where('id', '=', w.org.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(stored.settings)).toMatchObject({ seed: 42, staleAfterDays: 14 });
      const rows = await audit('organisation.updated', w.org.id);
      expect(rows).toHaveLength(2);
      expect(rows.map((r) => JSON.parse(r.after_json ?? '{}') as Body)).toContainEqual(
        expect.objectContaining({
          settings: { ...DEFAULTS, checkInWeekday: 5, approvalRequired: true },
        }),
      );
      expect((await w.champion.api.patch(w.base, settings, ifMatch(1))).body).toMatchObject({
        status: 412,
        current: { version: 3 },
      });
    });

    it('needs both roles to change strategy and settings in one request', async () => {
      const w = await world();
      const body = { vision: 'Everywhere', settings: { checkInCadenceDays: 14 } };
      expect((await w.executive.api.patch(w.base, body, ifMatch(1))).status).toBe(403);
      expect((await w.champion.api.patch(w.base, body, ifMatch(1))).status).toBe(403);
      expect(await audit('organisation.updated', w.org.id)).toHaveLength(0);
      expect(await w.both.api.patch(w.base, body, ifMatch(1))).toMatchObject({
        status: 200,
        body: { vision: 'Everywhere', settings: { ...DEFAULTS, checkInCadenceDays: 14 } },
      });
    });

    describe('strategic themes', () => {
      it('lists themes in order, each counting the objectives the caller can read tagged with its name', async () => {
        const w = await world();
        const c = api.connection;
        const cycle = await buildCycle(c, w.org.id);
        const tag = async (objectiveId: string, name: string) =>
          c.db
            .insertInto('objective_tags')
            .values(objectiveTagRow(w.org.id, objectiveId, name))
            .execute();
        const open = await buildObjective(c, w.org.id, { cycleId: cycle.id, level: 'company' });
        const hidden = await buildObjective(c, w.org.id, {
          cycleId: cycle.id,
          visibility: 'private',
        });
        await tag(open.id, 'Grow');
        await tag(hidden.id, 'Grow');
        await tag(open.id, 'Delight');

        const grow = await w.executive.api.post<Body & { id: string }>(`${w.base}/themes`, {
          name: 'Grow',
          description: 'New markets',
        });
        expect(grow).toMatchObject({
          status: 201,
          body: {
            name: 'Grow',
            description: 'New markets',
            position: 0,
            objectiveCount: 1,
            version: 1,
            abilities: { canEdit: true },
          },
        });
        expect(grow.headers.get('etag')).toBe('"1"');
        expect(await audit('theme.created', grow.body.id)).toHaveLength(1);
        await w.executive.api.post(`${w.base}/themes`, { name: 'Delight' });
        await w.executive.api.post(`${w.base}/themes`, { name: 'Simplify' });

        const list = await w.member.api.get<{ items: Body[] }>(`${w.base}/themes`);
        expect(list.status).toBe(200);
        expect(list.body.items.map((t) => [t.name, t.position, t.objectiveCount])).toEqual([
          ['Grow', 0, 1],
          ['Delight', 1, 1],
          ['Simplify', 2, 0],
        ]);
        expect(list.body.items[0]).toMatchObject({ abilities: { canEdit: false } });
        // Admins read private objectives too.
        expect(
          (await w.admin.api.get<{ items: Body[] }>(`${w.base}/themes`)).body.items[0],
        ).toMatchObject({ name: 'Grow', objectiveCount: 2 });
        // Themes of another organisation do not show.
        await w.outsider.api.post(`${w.otherBase}/themes`, { name: 'Grow' });
        expect(
          (await w.member.api.get<{ items: Body[] }>(`${w.base}/themes`)).body.items,
        ).toHaveLength(3);
      });

      it('creates themes as an executive only, with valid and unique names', async () => {
        const w = await world();
        const path = `${w.base}/themes`;
        expect((await w.member.api.post(path, { name: 'Grow' })).status).toBe(403);
        expect((await w.champion.api.post(path, { name: 'Grow' })).status).toBe(403);
        expect((await w.admin.api.post(path, { name: 'Grow' })).status).toBe(403);
        const invalid = await w.executive.api.post(path, {
          name: ' ',
          description: 'x'.repeat(1001),
          colour: 'red',
        });
        expect(invalid.status).toBe(400);
        expect(errorPaths(invalid.body)).toEqual(['body', 'body.description', 'body.name']);
        expect((await w.executive.api.post(path, { name: 'x'.repeat(51) })).status).toBe(400);
        expect((await w.executive.api.post(path, { name: 'Grow' })).status).toBe(201);
        expect(await w.executive.api.post(path, { name: 'grow' })).toMatchObject({
          status: 409,
          body: { code: 'duplicate', errors: [{ path: 'body.name' }] },
        });
      });

      it('changes a theme with If-Match, refusing duplicate names and stale versions', async () => {
        const w = await world();
        const grow = await w.executive.api.post<Body & { id: string }>(`${w.base}/themes`, {
          name: 'Grow',
        });
        await w.executive.api.post(`${w.base}/themes`, { name: 'Delight' });
        const path = `${w.base}/themes/${grow.body.id}`;
        expect((await w.member.api.patch(path, { name: 'Expand' }, ifMatch(1))).status).toBe(403);
        expect((await w.champion.api.patch(path, { name: 'Expand' }, ifMatch(1))).status).toBe(403);
        expect((await w.executive.api.patch(path, { name: 'Expand' })).status).toBe(428);
        expect(
          errorPaths(
            (await w.executive.api.patch(path, { position: -1, owner: 'me' }, ifMatch(1))).body,
          ),
        ).toEqual(['body', 'body.position']);
        expect((await w.executive.api.patch(path, {}, ifMatch(1))).status).toBe(400);
        expect(
          (await w.executive.api.patch(path, { name: 'DELIGHT' }, ifMatch(1))).body,
        ).toMatchObject({ status: 409, code: 'duplicate' });

        const changed = await w.executive.api.patch(
          path,
          { name: 'Expand', description: 'Two new countries', position: 5 },
          ifMatch(1),
        );
        expect(changed).toMatchObject({
          status: 200,
          body: { name: 'Expand', description: 'Two new countries', position: 5, version: 2 },
        });
        expect(changed.headers.get('etag')).toBe('"2"');
        const rows = await audit('theme.updated', grow.body.id);
        expect(rows).toHaveLength(1);
        expect(JSON.parse(rows[0]?.before_json ?? '{}')).toEqual({
          name: 'Grow',
          description: null,
          position: 0,
        });
        expect(JSON.parse(rows[0]?.after_json ?? '{}')).toMatchObject({ name: 'Expand' });
        expect(
          (await w.executive.api.patch(path, { name: 'Again' }, ifMatch(1))).body,
        ).toMatchObject({ status: 412, current: { name: 'Expand', version: 2 } });
        // Renaming to its own name in another case is not a duplicate.
        expect((await w.executive.api.patch(path, { name: 'EXPAND' }, ifMatch(2))).status).toBe(
          200,
        );
      });

      it('deletes a theme with If-Match and leaves objective tags alone', async () => {
        const w = await world();
        const c = api.connection;
        const cycle = await buildCycle(c, w.org.id);
        const objective = await buildObjective(c, w.org.id, { cycleId: cycle.id });
        await c.db
          .insertInto('objective_tags')
          .values(objectiveTagRow(w.org.id, objective.id, 'Grow'))
          .execute();
        const grow = await w.executive.api.post<Body & { id: string }>(`${w.base}/themes`, {
          name: 'Grow',
        });
        const path = `${w.base}/themes/${grow.body.id}`;
        expect((await w.member.api.delete(path, ifMatch(1))).status).toBe(403);
        expect((await w.champion.api.delete(path, ifMatch(1))).status).toBe(403);
        expect((await w.executive.api.delete(path)).status).toBe(428);
        expect((await w.executive.api.delete(path, ifMatch('x'))).status).toBe(400);
        await w.executive.api.patch(path, { description: 'New markets' }, ifMatch(1));
        expect((await w.executive.api.delete(path, ifMatch(1))).body).toMatchObject({
          status: 412,
          current: { version: 2, objectiveCount: 1 },
        });
        expect((await w.executive.api.delete(path, ifMatch(2))).status).toBe(204);
        const rows = await audit('theme.deleted', grow.body.id);
        expect(rows).toHaveLength(1);
        expect(JSON.parse(rows[0]?.before_json ?? '{}')).toMatchObject({ name: 'Grow' });
        expect((await w.executive.api.delete(path, ifMatch(2))).status).toBe(404);
        expect((await w.member.api.get<{ items: Body[] }>(`${w.base}/themes`)).body.items).toEqual(
          [],
        );
        const tags = await c.db
          .selectFrom('objective_tags')
          .select('tag')
          .where('objective_id', '=', objective.id)
          .execute();
        expect(tags).toEqual([{ tag: 'Grow' }]);
      });
    });
  });
}
