/**
 * The OKR health dashboard through the API on both databases: every figure of a small
 * organisation built here and counted by hand, and the demo organisation's figures counted by hand
 * from src/services/demo/ (acme-people.ts, acme-okrs.ts). Private objectives are counted but not
 * listed for those who may not read them.
 */
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthView } from '../../src/contracts/api/health.ts';
import type { OrgRole } from '../../src/contracts/model.ts';
import { checkInRow } from '../../src/repositories/rows.ts';
import { loadDemoOrganisation } from '../../src/services/demo-organisation.ts';
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

const NOW = new Date('2026-11-20T10:00:00.000Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`health dashboard on ${dialect}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(dialect, { now: () => NOW });
    });
    afterAll(async () => {
      await api?.close();
    });

    it('counts a small organisation as counted by hand', async () => {
      const c = api.connection;
      const org = await buildOrganisation(c);
      const user = async (name: string, roles: OrgRole[] = []) => {
        const built = await buildUser(c, org.id, { name, roles });
        return { ...built, api: client(api.url, await buildToken(c, built.id)) };
      };
      const cam = await user('Cam', ['champion']);
      const eve = await user('Eve', ['executive']);
      const lea = await user('Lea');
      const ana = await user('Ana');
      const ben = await user('Ben');
      await user('Cy');
      const growth = await buildTeam(c, org.id, {
        name: 'Growth',
        leads: [lea.id],
        members: [ana.id],
      });
      const platform = await buildTeam(c, org.id, { name: 'Platform', members: [ben.id] });
      await buildTeam(c, org.id, { name: 'Ops', parentId: platform.id });
      const cycle = await buildCycle(c, org.id, { status: 'active', name: '2026-Q4' });

      const C = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        level: 'company',
        ownerId: eve.id,
        title: 'Customers recommend us to friends',
      });
      const G = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        teamId: growth.id,
        ownerId: lea.id,
        parentIds: [C.id],
        title: 'Sign-up feels effortless for everyone',
      });
      const I = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        level: 'individual',
        teamId: growth.id,
        ownerId: ana.id,
        title: 'I grow as a data scientist',
      });
      const P = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        teamId: platform.id,
        ownerId: ben.id,
        visibility: 'private',
        title: 'Secret platform plan',
      });
      const kC = await buildKeyResult(c, org.id, { objectiveId: C.id });
      const kG1 = await buildKeyResult(c, org.id, { objectiveId: G.id });
      await buildKeyResult(c, org.id, { objectiveId: G.id });
      const kI = await buildKeyResult(c, org.id, { objectiveId: I.id });
      const set = (id: string, progress: number, health: string) =>
        c.db.updateTable('objectives').set({ progress, health }).where('id', '=', id).execute();
      await set(C.id, 0.5, 'on_track');
      await set(G.id, 0.35, 'at_risk');
      await set(I.id, 0.95, 'on_track');
      await set(P.id, 0.05, 'off_track');
      const confidence = (id: string, value: number) =>
        c.db.updateTable('key_results').set({ confidence: value }).where('id', '=', id).execute();
      await confidence(kC.id, 0.8);
      await confidence(kG1.id, 0.3);
      await confidence(kI.id, 0.5);
      const checkIn = (keyResultId: string, at: string) =>
        c.db
          .insertInto('check_ins')
          .values(
            checkInRow({
              id: uuidv7(),
              orgId: org.id,
              keyResultId,
              value: 10,
              source: 'user',
              createdAt: at,
            }),
          )
          .execute();
      await checkIn(kG1.id, ago(2));
      await checkIn(kG1.id, ago(3));
      await checkIn(kI.id, ago(9));
      await checkIn(kI.id, ago(20)); // before the two weeks looked at

      const base = `/api/v1/orgs/${org.slug}/health`;
      const got = await cam.api.get<HealthView>(`${base}?cycle=${cycle.id}&weeks=2`);
      expect(got.status).toBe(200);
      const h = got.body;
      expect(h.cycle).toMatchObject({ id: cycle.id, name: '2026-Q4' });
      expect(h.totals).toEqual({
        objectives: 4,
        keyResults: 4,
        people: 6,
        peopleWithoutObjectives: 2,
        teams: 3,
        teamsWithoutObjectives: 1,
      });
      expect(h.peopleWithoutObjectives.map((p) => p.name)).toEqual(['Cam', 'Cy']);
      expect(
        h.coverage.map((row) => [
          row.team.name,
          row.depth,
          row.objectiveCount,
          row.memberCount,
          row.membersWithoutObjectives.length,
        ]),
      ).toEqual([
        ['Growth', 0, 2, 2, 0],
        ['Platform', 0, 1, 1, 0],
        ['Ops', 1, 0, 0, 0],
      ]);
      expect(h.alignmentGaps).toMatchObject({
        items: [{ id: I.id, owner: { name: 'Ana' } }],
        hidden: 1,
      });
      expect(h.weeks).toEqual([
        { from: ago(14), to: ago(7) },
        { from: ago(7), to: NOW.toISOString() },
      ]);
      expect(
        h.compliance.map((row) => [
          row.team.name,
          row.weeks.map((w) => [w.keyResults, w.checkedIn]),
        ]),
      ).toEqual([
        [
          'Growth',
          [
            [3, 1],
            [3, 1],
          ],
        ],
        [
          'Platform',
          [
            [0, 0],
            [0, 0],
          ],
        ],
        [
          'Ops',
          [
            [0, 0],
            [0, 0],
          ],
        ],
      ]);
      expect(h.compliance[0]?.weeks[1]?.share).toBeCloseTo(1 / 3);
      expect(h.compliance[1]?.weeks[0]?.share).toBeNull();
      expect(h.atRisk).toEqual({
        items: [expect.objectContaining({ id: G.id, health: 'at_risk' })],
        hidden: 0,
      });
      expect(h.offTrack).toEqual({ items: [], hidden: 1 });
      expect(h.status).toEqual({ on_track: 2, at_risk: 1, off_track: 1, none: 0 });
      expect(h.progressDeciles).toEqual([1, 0, 0, 1, 0, 1, 0, 0, 0, 1]);
      expect(h.confidence).toEqual({ low: 1, medium: 1, high: 1, none: 1 });
      // The wizard's rules: I is not aligned; P (no key results) is counted, not shown.
      expect(
        h.qualityIssues.items.some(
          (issue) => issue.objective.id === I.id && issue.ruleId === 'objective.aligned',
        ),
      ).toBe(true);
      expect(h.qualityIssues.items.some((issue) => issue.objective.id === P.id)).toBe(false);
      expect(h.qualityIssues.hidden).toBeGreaterThan(0);
      expect(JSON.stringify(h)).not.toContain('Secret platform plan');

      // Executives too; members and strangers not; another organisation's cycle is not found.
      expect((await eve.api.get(`${base}?cycle=${cycle.id}`)).status).toBe(200);
      expect((await ana.api.get(`${base}?cycle=${cycle.id}`)).status).toBe(403);
      expect((await client(api.url).get(`${base}?cycle=${cycle.id}`)).status).toBe(401);
      const other = await buildCycle(c, (await buildOrganisation(c)).id);
      expect((await cam.api.get(`${base}?cycle=${other.id}`)).status).toBe(404);
      expect((await cam.api.get(`${base}?weeks=0`)).status).toBe(400);
      // Without ?cycle= the active cycle.
      expect((await cam.api.get<HealthView>(base)).body.cycle.id).toBe(cycle.id);
    });

    it("matches the demo organisation's numbers counted by hand", async () => {
      const c = api.connection;
      await loadDemoOrganisation(c, { now: NOW });
      const champion = await c.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'champion@acme.test')
        .executeTakeFirstOrThrow();
      const asChampion = client(api.url, await buildToken(c, champion.id));
      const got = await asChampion.get<HealthView>('/api/v1/orgs/acme/health');
      expect(got.status).toBe(200);
      const h = got.body;
      expect(h.cycle.status).toBe('active');
      // acme-okrs.ts ACTIVE_OBJECTIVES: 4 company, 2 shared, 13 team, 5 individual.
      expect(h.totals.objectives).toBe(24);
      // acme-people.ts: 60 people in 12 teams; every team owns an objective of the active quarter.
      expect(h.totals.people).toBe(60);
      expect(h.totals.teams).toBe(12);
      expect(h.totals.teamsWithoutObjectives).toBe(0);
      // 17 distinct owners: ceo, cpo, chro, cto, coordinator, george, lead, aisha, ben, felix,
      // hiro, cro, helen, cmo, member, champion, emma.
      expect(h.totals.peopleWithoutObjectives).toBe(43);
      // Checkout: checkout-fast, checkout-methods, member-perf, lead-grow, emma-oss.
      expect(h.coverage.find((row) => row.team.name === 'Checkout')?.objectiveCount).toBe(5);
      // The only team or individual objective without a parent: Emma's open-source objective.
      expect(h.alignmentGaps).toEqual({
        items: [expect.objectContaining({ title: 'Give back to the open-source tools we use' })],
        hidden: 0,
      });
      // comp-redesign is private to the CEO, CRO and CFO: counted, never listed to the champion.
      expect(h.progressDeciles.reduce((a, b) => a + b, 0)).toBe(24);
      expect(JSON.stringify(h)).not.toContain(
        (
          await c.db
            .selectFrom('objectives')
            .select('title')
            .where('visibility', '=', 'private')
            .executeTakeFirstOrThrow()
        ).title,
      );
    });
  });
}
