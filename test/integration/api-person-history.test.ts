/**
 * A person's history through the API on both databases: per cycle the objectives they own (final
 * progress, score, the means) and how many check-ins they wrote, and their latest check-ins —
 * with private objectives, and the check-ins under them, only for those who may read them.
 */
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRole } from '../../src/contracts/model.ts';
import { checkInRow } from '../../src/repositories/rows.ts';
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

interface History {
  person: { id: string; name: string };
  cycles: {
    cycle: { id: string; name: string; status: string };
    objectives: { id: string; title: string; progress: number; score: number | null }[];
    averageProgress: number | null;
    averageScore: number | null;
    checkInCount: number;
  }[];
  checkIns: {
    id: string;
    value: number;
    note: string | null;
    keyResult: { title: string };
    objective: { title: string };
    cycleId: string;
  }[];
}

const NOW = new Date('2026-11-15T12:00:00.000Z');

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`a person's history on ${dialect}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(dialect, { now: () => NOW });
    });
    afterAll(async () => {
      await api?.close();
    });

    /**
     * Ana owns two graded objectives in the closed Q3 and, in Q4, a public objective and a private
     * one only Rita may also read; she checked in on each. Ben is a plain member; Ada an admin.
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
      const rita = await user('Rita');
      const ada = await user('Ada', ['admin']);
      await buildTeam(c, org.id, { name: 'Growth', members: [ana.id, ben.id] });
      const q3 = await buildCycle(c, org.id, {
        name: '2026-Q3',
        status: 'closed',
        startDate: '2026-07-01',
        endDate: '2026-09-30',
      });
      const q4 = await buildCycle(c, org.id, {
        name: '2026-Q4',
        status: 'active',
        startDate: '2026-10-01',
        endDate: '2026-12-31',
      });
      const individual = (cycleId: string, title: string, o: { private?: boolean } = {}) =>
        buildObjective(c, org.id, {
          cycleId,
          level: 'individual',
          ownerId: ana.id,
          title,
          ...(o.private ? { visibility: 'private' as const, readers: [rita.id] } : {}),
        });
      const q3a = await individual(q3.id, 'Learn the product');
      const q3b = await individual(q3.id, 'Ship the onboarding');
      const q4Public = await individual(q4.id, 'Grow signups');
      const q4Private = await individual(q4.id, 'Prepare a quiet exit', { private: true });
      // Graded at the end of Q3, with their final progress stored.
      await c.db
        .updateTable('objectives')
        .set({ score: 0.7, progress: 0.8 })
        .where('id', '=', q3a.id)
        .execute();
      await c.db
        .updateTable('objectives')
        .set({ score: 0.3, progress: 0.4 })
        .where('id', '=', q3b.id)
        .execute();
      const kr = (objectiveId: string, title: string) =>
        buildKeyResult(c, org.id, { objectiveId, ownerId: ana.id, title, start: 0, target: 10 });
      const q3Kr = await kr(q3a.id, 'Demos given');
      const publicKr = await kr(q4Public.id, 'Signups per week');
      const privateKr = await kr(q4Private.id, 'Interviews elsewhere');
      const checkIn = (keyResultId: string, value: number, at: string, note: string) =>
        c.db
          .insertInto('check_ins')
          .values(
            checkInRow({
              id: uuidv7(),
              orgId: org.id,
              keyResultId,
              value,
              note,
              authorId: ana.id,
              source: 'user',
              createdAt: at,
            }),
          )
          .execute();
      await checkIn(q3Kr.id, 4, '2026-08-01T09:00:00.000Z', 'Four demos');
      await checkIn(q3Kr.id, 8, '2026-09-01T09:00:00.000Z', 'Eight demos');
      await checkIn(publicKr.id, 3, '2026-10-20T09:00:00.000Z', 'Slow start');
      await checkIn(privateKr.id, 2, '2026-10-21T09:00:00.000Z', 'Secret interviews');
      // Someone else's check-in on Ana's key result is not Ana's history.
      await c.db
        .insertInto('check_ins')
        .values(
          checkInRow({
            id: uuidv7(),
            orgId: org.id,
            keyResultId: publicKr.id,
            value: 5,
            authorId: ben.id,
            source: 'user',
            createdAt: '2026-10-22T09:00:00.000Z',
          }),
        )
        .execute();
      const base = `/api/v1/orgs/${org.slug}`;
      return { org, base, ana, ben, rita, ada, q3, q4, q3a, q3b, q4Public, q4Private };
    }
    type World = Awaited<ReturnType<typeof world>>;

    const history = async (w: World, as: World['ana'], userId = w.ana.id) => {
      const response = await as.api.get<History>(`${w.base}/people/${userId}/history`);
      expect(response.status).toBe(200);
      return response.body;
    };

    it('lists the cycles oldest first with final progress, scores and their means, and check-ins newest first', async () => {
      const w = await world();
      const mine = await history(w, w.ana);
      expect(mine.person).toEqual({ id: w.ana.id, name: 'Ana' });
      expect(mine.cycles.map((c) => c.cycle.name)).toEqual(['2026-Q3', '2026-Q4']);
      const [q3, q4] = mine.cycles;
      expect(q3?.objectives.map((o) => [o.title, o.progress, o.score])).toEqual([
        ['Learn the product', 0.8, 0.7],
        ['Ship the onboarding', 0.4, 0.3],
      ]);
      expect(q3?.averageProgress).toBeCloseTo(0.6);
      expect(q3?.averageScore).toBeCloseTo(0.5);
      expect(q3?.checkInCount).toBe(2);
      expect(q4?.objectives.map((o) => o.title)).toEqual(['Grow signups', 'Prepare a quiet exit']);
      expect(q4?.averageScore).toBeNull();
      expect(q4?.checkInCount).toBe(2);
      expect(mine.checkIns.map((c) => c.note)).toEqual([
        'Secret interviews',
        'Slow start',
        'Eight demos',
        'Four demos',
      ]);
      expect(mine.checkIns[1]).toMatchObject({
        value: 3,
        keyResult: { title: 'Signups per week' },
        objective: { title: 'Grow signups' },
        cycleId: w.q4.id,
      });
      // ?limit= keeps the latest ones.
      const latest = await w.ana.api.get<History>(`${w.base}/people/${w.ana.id}/history?limit=1`);
      expect(latest.body.checkIns.map((c) => c.note)).toEqual(['Secret interviews']);
    });

    it('leaves private objectives and the check-ins under them out for those who may not read them', async () => {
      const w = await world();
      const forBen = await history(w, w.ben);
      const text = JSON.stringify(forBen);
      expect(text).not.toContain('quiet exit');
      expect(text).not.toContain('Secret interviews');
      expect(text).not.toContain('Interviews elsewhere');
      expect(text).not.toContain(w.q4Private.id);
      expect(forBen.cycles.find((c) => c.cycle.id === w.q4.id)).toMatchObject({
        checkInCount: 1,
        objectives: [{ title: 'Grow signups' }],
      });
      expect(forBen.checkIns).toHaveLength(3);
      // A named reader and an admin see it.
      for (const reader of [w.rita, w.ada]) {
        const seen = await history(w, reader);
        expect(seen.checkIns.map((c) => c.note)).toContain('Secret interviews');
        expect(seen.cycles[1]?.objectives).toHaveLength(2);
      }
    });

    it('answers 404 for someone not in the organisation, 401 without a token, 400 for bad input', async () => {
      const w = await world();
      const other = await buildOrganisation(api.connection);
      const outsider = await buildUser(api.connection, other.id, { name: 'Otto' });
      expect((await w.ben.api.get(`${w.base}/people/${outsider.id}/history`)).status).toBe(404);
      expect((await w.ben.api.get(`${w.base}/people/${uuidv7()}/history`)).status).toBe(404);
      expect(
        (await w.ben.api.get(`/api/v1/orgs/${other.slug}/people/${w.ana.id}/history`)).status,
      ).toBe(404);
      expect((await client(api.url).get(`${w.base}/people/${w.ana.id}/history`)).status).toBe(401);
      const bad = await w.ben.api.get<{ code: string }>(`${w.base}/people/not-an-id/history`);
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('bad_input');
      expect((await w.ben.api.get(`${w.base}/people/${w.ana.id}/history?limit=0`)).status).toBe(
        400,
      );
      expect((await w.ben.api.get(`${w.base}/people/${w.ana.id}/history?extra=1`)).status).toBe(
        400,
      );
    });

    it('takes a personal objective aligned to a team, a shared or a company objective, and its check-ins', async () => {
      const w = await world();
      const c = api.connection;
      const team = await buildTeam(c, w.org.id, { name: 'Checkout', members: [w.ben.id] });
      const parents = {
        company: await buildObjective(c, w.org.id, {
          cycleId: w.q4.id,
          level: 'company',
          title: 'Be loved',
        }),
        team: await buildObjective(c, w.org.id, {
          cycleId: w.q4.id,
          level: 'team',
          teamId: team.id,
          title: 'Fast checkout',
        }),
        shared: await buildObjective(c, w.org.id, {
          cycleId: w.q4.id,
          level: 'shared',
          contributingTeams: [team.id],
          title: 'One wallet',
        }),
      };
      for (const [level, parent] of Object.entries(parents)) {
        const created = await w.ben.api.post<{
          id: string;
          parents: { id: string }[];
          keyResults: { id: string }[];
        }>(`${w.base}/objectives`, {
          cycleId: w.q4.id,
          level: 'individual',
          title: `My part of the ${level} objective`,
          parentIds: [parent.id],
          keyResults: [
            {
              title: `Reviews for the ${level} objective`,
              kind: 'number',
              direction: 'increase',
              start: 0,
              target: 4,
            },
          ],
        });
        expect(created.status).toBe(201);
        expect(created.body.parents.map((p) => p.id)).toEqual([parent.id]);
        const keyResultId = created.body.keyResults[0]?.id ?? '';
        const checkIn = await w.ben.api.post(`${w.base}/key-results/${keyResultId}/check-ins`, {
          value: 1,
          note: `First ${level} review`,
        });
        expect(checkIn.status).toBe(201);
      }
      const forBen = await history(w, w.ben, w.ben.id);
      const q4 = forBen.cycles.find((entry) => entry.cycle.id === w.q4.id);
      expect(q4?.objectives.map((o) => o.title).sort()).toEqual([
        'My part of the company objective',
        'My part of the shared objective',
        'My part of the team objective',
      ]);
      expect(forBen.checkIns.filter((entry) => entry.note?.startsWith('First '))).toHaveLength(3);
    });

    it('is empty, not missing, for a member with no history', async () => {
      const w = await world();
      expect(await history(w, w.ana, w.rita.id)).toEqual({
        person: { id: w.rita.id, name: 'Rita' },
        cycles: [],
        checkIns: [],
      });
    });
  });
}
