/**
 * Risk that travels, through the API on both databases: a key result at risk or off track marks
 * the key results that depend on it, transitively and across teams, on every view of a key result
 * (the key result, its objective, my OKRs), with the path — and a key result the viewer may not
 * read on that path is "a private key result".
 */
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

type Body = Record<string, unknown>;
interface Risk {
  level: string;
  path: Body[];
}
interface KeyResult extends Body {
  id: string;
  health: string | null;
  dependencyRisk?: Risk | null;
}
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/** Late in the cycle (expected progress about 0.88): no progress is off track. */
const NOW = new Date('2026-12-20T12:00:00.000Z');

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`risk that travels along dependencies on ${dialect}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(dialect, { now: () => NOW });
    });
    afterAll(async () => {
      await api?.close();
    });

    /**
     * Two teams in an active cycle. Growth's key result A (owned by `ana`) depends on Platform's
     * B (owned by `ben`), which depends on C (owned by `cleo`); B sits in a private objective
     * that only its owner and the coordinator read.
     */
    async function world() {
      const c = api.connection;
      const org = await buildOrganisation(c);
      const user = async (name: string, roles: OrgRole[] = []) => {
        const built = await buildUser(c, org.id, { name, roles });
        return { ...built, api: client(api.url, await buildToken(c, built.id)) };
      };
      const ana = await user('Ana');
      const ben = await user('Ben');
      const cleo = await user('Cleo');
      const growthLead = await user('Gil');
      const platformLead = await user('Pia');
      const coordinator = await user('Cora', ['coordinator']);
      const cycle = await buildCycle(c, org.id, {
        status: 'active',
        startDate: '2026-10-01',
        endDate: '2026-12-31',
      });
      const growth = await buildTeam(c, org.id, {
        name: 'Growth',
        leads: [growthLead.id],
        members: [ana.id],
      });
      const platform = await buildTeam(c, org.id, {
        name: 'Platform',
        leads: [platformLead.id],
        members: [ben.id, cleo.id],
      });
      const growthObjective = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        teamId: growth.id,
        ownerId: growthLead.id,
        title: 'Win small businesses',
      });
      const privateObjective = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        level: 'individual',
        ownerId: ben.id,
        visibility: 'private',
        readers: [coordinator.id],
        title: 'Quiet rebuild',
      });
      const platformObjective = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        teamId: platform.id,
        ownerId: platformLead.id,
        title: 'A platform that never sleeps',
      });
      const kr = (objectiveId: string, ownerId: string, title: string) =>
        buildKeyResult(c, org.id, { objectiveId, ownerId, title, start: 0, target: 100 });
      const a = await kr(growthObjective.id, ana.id, 'Signups from 0 to 100');
      const b = await kr(privateObjective.id, ben.id, 'Billing service rebuilt');
      const c2 = await kr(platformObjective.id, cleo.id, 'Uptime checks from 0 to 100');
      const base = `/api/v1/orgs/${org.slug}`;
      const depend = async (from: string, to: string, note: string) => {
        const created = await coordinator.api.post<Body & { id: string; version: number }>(
          `${base}/dependencies`,
          { keyResultId: from, dependsOnId: to, note, neededBy: '2026-12-01' },
        );
        expect(created.status).toBe(201);
        return created.body;
      };
      const ab = await depend(a.id, b.id, 'Signups need the new billing');
      const bc = await depend(b.id, c2.id, 'Billing needs the uptime checks');
      return {
        ana,
        ben,
        cleo,
        coordinator,
        platformLead,
        growthObjective,
        platformObjective,
        a: a.id,
        b: b.id,
        c: c2.id,
        ab,
        bc,
        base,
      };
    }
    type World = Awaited<ReturnType<typeof world>>;

    const keyResult = async (w: World, as: World['ana'], id: string) => {
      const response = await as.api.get<KeyResult>(`${w.base}/key-results/${id}`);
      expect(response.status).toBe(200);
      return response.body;
    };
    const checkIn = async (as: World['ana'], w: World, id: string, value: number) => {
      const response = await as.api.post<{ keyResult: KeyResult }>(
        `${w.base}/key-results/${id}/check-ins`,
        { value, confidence: value >= 80 ? 0.9 : 0.2 },
      );
      expect(response.status).toBe(201);
      return response.body.keyResult;
    };

    it('marks nothing while every key result upstream is fine or not measured yet', async () => {
      const w = await world();
      await checkIn(w.cleo, w, w.c, 90);
      for (const id of [w.a, w.b, w.c])
        expect((await keyResult(w, w.coordinator, id)).dependencyRisk).toBeNull();
    });

    it('marks the dependents of a key result that goes off track, transitively, with the path', async () => {
      const w = await world();
      const c = await checkIn(w.cleo, w, w.c, 5);
      expect(c.health).toBe('off_track');
      const cStep = {
        id: w.c,
        title: 'Uptime checks from 0 to 100',
        objectiveId: w.platformObjective.id,
      };
      const bStep = { id: w.b, title: 'Billing service rebuilt' };
      const aStep = { id: w.a, title: 'Signups from 0 to 100', objectiveId: w.growthObjective.id };

      // The coordinator reads all three: titles all the way.
      expect((await keyResult(w, w.coordinator, w.a)).dependencyRisk).toMatchObject({
        level: 'off_track',
        path: [cStep, bStep, aStep],
      });
      expect((await keyResult(w, w.ben, w.b)).dependencyRisk).toMatchObject({
        level: 'off_track',
        path: [cStep, bStep],
      });
      // C itself is off track, but inherits nothing.
      expect((await keyResult(w, w.cleo, w.c)).dependencyRisk).toBeNull();

      // Ana may not read B's private objective: B is on her path without its title or id.
      const forAna = await keyResult(w, w.ana, w.a);
      expect(forAna.dependencyRisk).toEqual({
        level: 'off_track',
        path: [cStep, { private: true, title: 'A private key result' }, aStep],
      });
      expect(JSON.stringify(forAna)).not.toContain('Billing');
      expect(JSON.stringify(forAna)).not.toContain(w.b);

      // The objective page of each side and Ana's "my OKRs" carry the same.
      const objective = await w.ana.api.get<{ keyResults: KeyResult[] }>(
        `${w.base}/objectives/${w.growthObjective.id}`,
      );
      expect(objective.body.keyResults.find((k) => k.id === w.a)?.dependencyRisk).toEqual(
        forAna.dependencyRisk,
      );
      const platform = await w.cleo.api.get<{ keyResults: KeyResult[] }>(
        `${w.base}/objectives/${w.platformObjective.id}`,
      );
      expect(platform.body.keyResults.map((k) => k.dependencyRisk)).toEqual([null]);
      const mine = await w.ana.api.get<{ keyResults: KeyResult[] }>(`${w.base}/me/okrs`);
      expect(mine.body.keyResults.map((k) => [k.id, k.dependencyRisk])).toEqual([
        [w.a, forAna.dependencyRisk],
      ]);
    });

    it('shows a dependency to the owners of both key results, with its note and date', async () => {
      const w = await world();
      const created = await w.coordinator.api.post(`${w.base}/dependencies`, {
        keyResultId: w.a,
        dependsOnId: w.c,
        note: 'Signups need uptime',
        neededBy: '2026-11-15',
      });
      expect(created.status).toBe(201);
      for (const [as, id] of [
        [w.ana, w.a],
        [w.cleo, w.c],
      ] as const) {
        const listed = await as.api.get<{ items: Body[] }>(
          `${w.base}/dependencies?keyResultId=${id}`,
        );
        expect(listed.body.items).toHaveLength(1);
        expect(listed.body.items[0]).toMatchObject({
          keyResult: { id: w.a, title: 'Signups from 0 to 100' },
          dependsOn: { id: w.c, title: 'Uptime checks from 0 to 100' },
          note: 'Signups need uptime',
          neededBy: '2026-11-15',
          status: 'open',
        });
      }
      // A → B and B → C touch Ben's private objective: only those who read it see them.
      const bens = await w.ben.api.get<{ items: Body[] }>(
        `${w.base}/dependencies?keyResultId=${w.b}`,
      );
      expect(bens.body.items).toHaveLength(2);
    });

    it('names the nearer at-risk key result when nothing upstream is off track', async () => {
      const w = await world();
      // Well on pace, but a low confidence makes B at risk (never off track).
      await checkIn(w.cleo, w, w.c, 95);
      const b = await w.ben.api.post<{ keyResult: KeyResult }>(
        `${w.base}/key-results/${w.b}/check-ins`,
        { value: 90, confidence: 0.1 },
      );
      expect(b.body.keyResult.health).toBe('at_risk');
      const risk = (await keyResult(w, w.coordinator, w.a)).dependencyRisk;
      expect(risk?.level).toBe('at_risk');
      expect(risk?.path.map((step) => step.id)).toEqual([w.b, w.a]);
    });

    it('stops at a resolved dependency and when the key result upstream recovers', async () => {
      const w = await world();
      await checkIn(w.cleo, w, w.c, 5);
      expect((await keyResult(w, w.coordinator, w.a)).dependencyRisk?.level).toBe('off_track');

      const resolved = await w.coordinator.api.patch(
        `${w.base}/dependencies/${w.bc.id}`,
        { status: 'resolved' },
        ifMatch(w.bc.version),
      );
      expect(resolved.status).toBe(200);
      expect((await keyResult(w, w.coordinator, w.a)).dependencyRisk).toBeNull();
      expect((await keyResult(w, w.coordinator, w.b)).dependencyRisk).toBeNull();

      const reopened = await w.coordinator.api.patch(
        `${w.base}/dependencies/${w.bc.id}`,
        { status: 'open' },
        ifMatch(w.bc.version + 1),
      );
      expect(reopened.status).toBe(200);
      expect((await keyResult(w, w.coordinator, w.a)).dependencyRisk?.level).toBe('off_track');

      const recovered = await checkIn(w.cleo, w, w.c, 95);
      expect(recovered.health).toBe('on_track');
      expect((await keyResult(w, w.coordinator, w.a)).dependencyRisk).toBeNull();
    });

    it('refuses a dependency that would close the loop, with a problem naming it', async () => {
      const w = await world();
      const loop = await w.coordinator.api.post(`${w.base}/dependencies`, {
        keyResultId: w.c,
        dependsOnId: w.a,
      });
      expect(loop).toMatchObject({
        status: 409,
        body: {
          type: 'https://okr-wizard.dev/problems/dependency-loop',
          title: 'Conflict',
          status: 409,
          code: 'dependency_loop',
          detail:
            'This dependency would close a loop: “Uptime checks from 0 to 100” depends on “Signups from 0 to 100”, which depends on “Billing service rebuilt”, which depends on “Uptime checks from 0 to 100”.',
          errors: [{ path: 'body.dependsOnId', message: 'would close a dependency loop' }],
        },
      });
      // Platform's lead may close the loop from C too, but may not read B: it stays untitled.
      const hidden = await w.platformLead.api.post(`${w.base}/dependencies`, {
        keyResultId: w.c,
        dependsOnId: w.a,
      });
      expect(hidden.body).toMatchObject({
        code: 'dependency_loop',
        detail:
          'This dependency would close a loop: “Uptime checks from 0 to 100” depends on “Signups from 0 to 100”, which depends on a key result you cannot see, which depends on “Uptime checks from 0 to 100”.',
      });
      expect(JSON.stringify(hidden.body)).not.toContain('Billing');
      const count = await api.connection.db
        .selectFrom('dependencies')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('key_result_id', '=', w.c)
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(0);
    });
  });
}
