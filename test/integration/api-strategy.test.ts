/**
 * The strategy tree through the API on both databases: mission and vision, themes → company
 * objectives (by tag) → aligned objectives, progress and status on every node, untagged company
 * objectives apart, private objectives as stubs for those who may not read them, and another
 * organisation's cycle answering 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StrategyView } from '../../src/contracts/api/strategy.ts';
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

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`strategy tree on ${dialect}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(dialect);
    });
    afterAll(async () => {
      await api?.close();
    });

    async function world() {
      const c = api.connection;
      const org = await buildOrganisation(c);
      const base = `/api/v1/orgs/${org.slug}`;
      const user = async (name: string, roles: OrgRole[] = []) => {
        const built = await buildUser(c, org.id, { name, roles });
        return { ...built, api: client(api.url, await buildToken(c, built.id)) };
      };
      const ceo = await user('Cleo', ['executive']);
      const ana = await user('Ana');
      const ben = await user('Ben');
      const growth = await buildTeam(c, org.id, { name: 'Growth', leads: [ana.id] });
      const cycle = await buildCycle(c, org.id, { name: '2026-Q4' });
      const progress = async (id: string, value: number, health: string) =>
        c.db
          .updateTable('objectives')
          .set({ progress: value, health })
          .where('id', '=', id)
          .execute();
      const tag = async (id: string, name: string) =>
        c.db
          .insertInto('objective_tags')
          .values({ org_id: org.id, objective_id: id, tag: name })
          .execute();

      // Mission, vision and two themes through the API, as an executive sets them.
      const version = (await ceo.api.get(`${base}`)).headers.get('etag') ?? '"1"';
      expect(
        (
          await ceo.api.patch(
            `${base}`,
            { mission: 'Make payments effortless', vision: 'Every shop on Acme' },
            { 'if-match': version },
          )
        ).status,
      ).toBe(200);
      for (const name of ['Grow internationally', 'Delight customers']) {
        expect((await ceo.api.post(`${base}/themes`, { name })).status).toBe(201);
      }

      const expand = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        level: 'company',
        ownerId: ceo.id,
        title: 'Open three new markets',
      });
      const nps = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        level: 'company',
        ownerId: ceo.id,
        title: 'Customers recommend us',
      });
      const secret = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        level: 'company',
        ownerId: ceo.id,
        visibility: 'private',
        readers: [ana.id],
        title: 'Acquire a competitor quietly',
      });
      const untagged = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        level: 'company',
        title: 'Keep the lights on',
      });
      const germany = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        teamId: growth.id,
        title: 'Launch in Germany',
        parentIds: [expand.id],
      });
      const hidden = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        level: 'individual',
        ownerId: ana.id,
        visibility: 'private',
        title: 'Hire a secret country manager',
        parentIds: [expand.id],
      });
      await tag(expand.id, 'Grow internationally');
      await tag(nps.id, 'Delight customers');
      await tag(nps.id, 'Grow internationally');
      await tag(secret.id, 'Grow internationally');
      await tag(untagged.id, 'not a theme');
      await progress(expand.id, 0.4, 'at_risk');
      await progress(nps.id, 0.8, 'on_track');
      await progress(secret.id, 0.6, 'off_track');
      await progress(germany.id, 0.5, 'on_track');
      await progress(hidden.id, 0.1, 'off_track');

      const other = await buildOrganisation(c);
      const otherCycle = await buildCycle(c, other.id);
      return {
        org,
        base,
        ceo,
        ana,
        ben,
        growth,
        cycle,
        expand,
        nps,
        secret,
        untagged,
        germany,
        hidden,
        otherCycle,
      };
    }

    it('shows mission, vision, themes with their company objectives and the aligned objectives', async () => {
      const w = await world();
      const response = await w.ben.api.get<StrategyView>(`${w.base}/strategy?cycle=${w.cycle.id}`);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const strategy = response.body;
      expect(strategy).toMatchObject({
        mission: 'Make payments effortless',
        vision: 'Every shop on Acme',
        cycle: { id: w.cycle.id, name: '2026-Q4' },
        canEditStrategy: false,
      });
      expect(strategy.themes.map((t) => t.name)).toEqual([
        'Grow internationally',
        'Delight customers',
      ]);
      const [grow, delight] = strategy.themes;
      expect(grow?.objectives.map((o) => o.id)).toEqual([w.expand.id, w.nps.id, w.secret.id]);
      // The theme rolls up its company objectives, the private one included (its progress counts).
      expect(grow?.progress).toBeCloseTo((0.4 + 0.8 + 0.6) / 3, 10);
      expect(grow?.health).toBe('off_track');
      expect(delight).toMatchObject({ progress: 0.8, health: 'on_track' });
      expect(delight?.objectives.map((o) => o.id)).toEqual([w.nps.id]);
      const expand = grow?.objectives[0];
      expect(expand).toMatchObject({
        title: 'Open three new markets',
        level: 'company',
        progress: 0.4,
        health: 'at_risk',
        owner: { id: w.ceo.id, name: 'Cleo' },
      });
      expect(expand?.aligned).toEqual([
        {
          id: w.germany.id,
          title: 'Launch in Germany',
          level: 'team',
          progress: 0.5,
          health: 'on_track',
          owner: null,
          team: { id: w.growth.id, name: 'Growth' },
        },
        {
          id: w.hidden.id,
          private: true,
          title: 'A private objective',
          progress: 0.1,
          health: 'off_track',
        },
      ]);
      // Ben may not read the private company objective: a stub, nothing of its words.
      expect(grow?.objectives[2]).toEqual({
        id: w.secret.id,
        private: true,
        title: 'A private objective',
        progress: 0.6,
        health: 'off_track',
        aligned: [],
      });
      expect(JSON.stringify(strategy)).not.toContain('Acquire a competitor');
      expect(JSON.stringify(strategy)).not.toContain('secret country manager');
      expect(strategy.untagged.objectives.map((o) => o.id)).toEqual([w.untagged.id]);
      expect(strategy.untagged).toMatchObject({ progress: 0, health: null });
    });

    it('shows private objectives to their readers and strategy abilities to executives', async () => {
      const w = await world();
      const asAna = await w.ana.api.get<StrategyView>(`${w.base}/strategy?cycle=${w.cycle.id}`);
      const grow = asAna.body.themes[0];
      expect(grow?.objectives[2]).toMatchObject({
        id: w.secret.id,
        title: 'Acquire a competitor quietly',
      });
      expect(grow?.objectives[0]?.aligned[1]).toMatchObject({
        title: 'Hire a secret country manager',
        level: 'individual',
      });
      const asCeo = await w.ceo.api.get<StrategyView>(`${w.base}/strategy`);
      expect(asCeo.status).toBe(200);
      // Without ?cycle= the current cycle.
      expect(asCeo.body.cycle?.id).toBe(w.cycle.id);
      expect(asCeo.body.canEditStrategy).toBe(true);
    });

    it('follows check-ins, tags and theme changes on the next read', async () => {
      const w = await world();
      const c = api.connection;
      const kr = await buildKeyResult(c, w.org.id, {
        objectiveId: w.expand.id,
        ownerId: w.ceo.id,
        start: 0,
        target: 100,
      });
      const path = `${w.base}/strategy?cycle=${w.cycle.id}`;
      const first = await w.ben.api.get<StrategyView>(path);
      expect(first.body.themes[0]?.objectives[0]?.progress).toBe(0.4);
      // A check-in changes progress only: the next read shows it, and the theme's roll-up.
      const checkIn = await w.ceo.api.post(`${w.base}/key-results/${kr.id}/check-ins`, {
        value: 90,
      });
      expect(checkIn.status, JSON.stringify(checkIn.body)).toBe(201);
      const second = await w.ben.api.get<StrategyView>(path);
      const expand = second.body.themes[0]?.objectives[0];
      expect(expand?.progress).toBeCloseTo(0.9, 10);
      expect(second.body.themes[0]?.progress).toBeCloseTo((0.9 + 0.8 + 0.6) / 3, 10);
      // Retagging the untagged objective with a theme moves it there.
      const objective = await w.ceo.api.get(`${w.base}/objectives/${w.untagged.id}`);
      const tagged = await w.ceo.api.patch(
        `${w.base}/objectives/${w.untagged.id}`,
        { tags: ['Delight customers'] },
        { 'if-match': objective.headers.get('etag') ?? '' },
      );
      expect(tagged.status, JSON.stringify(tagged.body)).toBe(200);
      const third = await w.ben.api.get<StrategyView>(path);
      expect(third.body.untagged.objectives).toEqual([]);
      expect(third.body.themes[1]?.objectives.map((o) => o.id)).toEqual([w.nps.id, w.untagged.id]);
    });

    it("answers 404 for another organisation's cycle, 400 for a bad id and 401 when not signed in", async () => {
      const w = await world();
      expect((await w.ben.api.get(`${w.base}/strategy?cycle=${w.otherCycle.id}`)).status).toBe(404);
      expect((await w.ben.api.get(`${w.base}/strategy?cycle=nope`)).status).toBe(400);
      expect((await client(api.url).get(`${w.base}/strategy`)).status).toBe(401);
    });
  });
}
