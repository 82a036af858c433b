/**
 * Restructuring through the API on both databases: moving a key result to another objective,
 * moving an objective to another cycle or team, duplicating an objective with its key results.
 * Each: who may (the policy, on both sides), If-Match, the audit row written with the change, the
 * history that stays attached (check-ins, ids), progress recomputed where it changed, and the
 * alignment rules (enclosing cycles, loops, closed cycles).
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
interface KeyResult extends Body {
  id: string;
  objectiveId: string;
  progress: number;
  current: number;
  version: number;
  abilities: Record<string, boolean>;
}
interface Objective extends Body {
  id: string;
  cycleId: string;
  progress: number;
  version: number;
  team: { id: string } | null;
  parents: { id: string }[];
  keyResults: KeyResult[];
  abilities: Record<string, boolean>;
}
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const NOW = new Date('2026-11-15T12:00:00.000Z');

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`restructuring on ${dialect}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(dialect, { now: () => NOW });
    });
    afterAll(async () => {
      await api?.close();
    });

    /**
     * Team A (lead `lead`, member `ana`) and team B (lead `bea`). Q4 is active, Q1 2027 is being
     * planned, Q3 is closed, and the year 2026 encloses Q4. The company objective of Q4 rolls up its
     * children; team A has two objectives, the first aligned to the company one, with a key result
     * owned by Ana that has two check-ins.
     */
    async function world() {
      const c = api.connection;
      const org = await buildOrganisation(c);
      const user = async (name: string, roles: OrgRole[] = []) => {
        const built = await buildUser(c, org.id, { name, roles });
        return { ...built, api: client(api.url, await buildToken(c, built.id)) };
      };
      const lead = await user('Lee');
      const ana = await user('Ana');
      const bea = await user('Bea');
      const admin = await user('Ada', ['admin']);
      const exec = await user('Eve', ['executive']);
      const teamA = await buildTeam(c, org.id, {
        name: 'Growth',
        leads: [lead.id],
        members: [ana.id],
      });
      const teamB = await buildTeam(c, org.id, { name: 'Platform', leads: [bea.id] });
      const q4 = await buildCycle(c, org.id, {
        name: '2026-Q4',
        status: 'active',
        startDate: '2026-10-01',
        endDate: '2026-12-31',
      });
      const q1 = await buildCycle(c, org.id, {
        name: '2027-Q1',
        status: 'planning',
        startDate: '2027-01-01',
        endDate: '2027-03-31',
      });
      const q3 = await buildCycle(c, org.id, {
        name: '2026-Q3',
        status: 'closed',
        startDate: '2026-07-01',
        endDate: '2026-09-30',
      });
      const year = await buildCycle(c, org.id, {
        name: '2026',
        status: 'active',
        startDate: '2026-01-01',
        endDate: '2026-12-31',
      });
      const company = await buildObjective(c, org.id, {
        cycleId: q4.id,
        level: 'company',
        ownerId: exec.id,
        title: 'Be loved',
        includeChildren: true,
      });
      const first = await buildObjective(c, org.id, {
        cycleId: q4.id,
        teamId: teamA.id,
        ownerId: lead.id,
        title: 'Win small shops',
        parentIds: [company.id],
      });
      const second = await buildObjective(c, org.id, {
        cycleId: q4.id,
        teamId: teamA.id,
        ownerId: lead.id,
        title: 'Keep them happy',
      });
      const platform = await buildObjective(c, org.id, {
        cycleId: q4.id,
        teamId: teamB.id,
        ownerId: bea.id,
        title: 'Never sleep',
      });
      const closed = await buildObjective(c, org.id, {
        cycleId: q3.id,
        teamId: teamA.id,
        ownerId: lead.id,
        title: 'Last quarter',
      });
      const closedKr = await buildKeyResult(c, org.id, { objectiveId: closed.id, ownerId: ana.id });
      const signups = await buildKeyResult(c, org.id, {
        objectiveId: first.id,
        ownerId: ana.id,
        title: 'Signups from 0 to 100',
        start: 0,
        target: 100,
      });
      const base = `/api/v1/orgs/${org.slug}`;
      for (const value of [20, 60]) {
        const checkIn = await ana.api.post(`${base}/key-results/${signups.id}/check-ins`, {
          value,
          confidence: 0.8,
          note: `Reached ${value}`,
        });
        expect(checkIn.status).toBe(201);
      }
      return {
        org,
        base,
        lead,
        ana,
        bea,
        admin,
        exec,
        teamA,
        teamB,
        q4,
        q1,
        q3,
        year,
        company,
        first,
        second,
        platform,
        closed,
        closedKr,
        signups,
      };
    }
    type World = Awaited<ReturnType<typeof world>>;

    const objective = async (w: World, id: string) => {
      const response = await w.admin.api.get<Objective>(`${w.base}/objectives/${id}`);
      expect(response.status).toBe(200);
      return response.body;
    };
    const keyResult = async (w: World, id: string) => {
      const response = await w.admin.api.get<KeyResult>(`${w.base}/key-results/${id}`);
      expect(response.status).toBe(200);
      return response.body;
    };
    const auditRows = (w: World, action: string) =>
      api.connection.db
        .selectFrom('audit_log')
        .selectAll()
        .where('org_id', '=', w.org.id)
        .where('action', '=', action)
        .execute();

    describe('moving a key result', () => {
      it('moves it with its check-ins, recomputes both objectives and their parent, and audits it', async () => {
        const w = await world();
        const before = await keyResult(w, w.signups.id);
        expect((await objective(w, w.first.id)).progress).toBeCloseTo(0.6);
        expect((await objective(w, w.company.id)).progress).toBeCloseTo(0.6);
        // The lead sees they may move it; Ana, who owns it, does not.
        expect(
          (await w.lead.api.get<KeyResult>(`${w.base}/key-results/${w.signups.id}`)).body.abilities
            .canMove,
        ).toBe(true);
        expect(
          (await w.ana.api.get<KeyResult>(`${w.base}/key-results/${w.signups.id}`)).body.abilities
            .canMove,
        ).toBe(false);

        const moved = await w.lead.api.post<KeyResult>(
          `${w.base}/key-results/${w.signups.id}/move`,
          { objectiveId: w.second.id },
          ifMatch(before.version),
        );
        expect(moved.status).toBe(200);
        expect(moved.body).toMatchObject({
          id: w.signups.id,
          objectiveId: w.second.id,
          current: 60,
        });
        expect(moved.headers.get('etag')).toBe(`"${moved.body.version}"`);

        // The history stays attached: same id, same check-ins.
        const checkIns = await w.ana.api.get<{ items: { value: number; note: string }[] }>(
          `${w.base}/key-results/${w.signups.id}/check-ins`,
        );
        expect(checkIns.body.items.map((i) => i.value).sort()).toEqual([20, 60]);
        // Progress left the first objective (and the company objective it rolled into) and joined the second.
        expect((await objective(w, w.first.id)).progress).toBe(0);
        expect((await objective(w, w.company.id)).progress).toBe(0);
        const second = await objective(w, w.second.id);
        expect(second.progress).toBeCloseTo(0.6);
        expect(second.keyResults.map((k) => k.id)).toEqual([w.signups.id]);

        const rows = await auditRows(w, 'key_result.moved');
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ actor_id: w.lead.id, object_id: w.signups.id });
        expect(JSON.parse(rows[0]?.before_json ?? '{}')).toMatchObject({ objectiveId: w.first.id });
        expect(JSON.parse(rows[0]?.after_json ?? '{}')).toMatchObject({
          objectiveId: w.second.id,
          fromObjectiveId: w.first.id,
          toObjectiveId: w.second.id,
        });
      });

      it('answers who may not, on either side, and refuses bad destinations without changing anything', async () => {
        const w = await world();
        const path = `${w.base}/key-results/${w.signups.id}/move`;
        const { version } = await keyResult(w, w.signups.id);
        const to = { objectiveId: w.second.id };
        // Ana owns the key result but does not lead the team: she sees it, may not move it.
        expect((await w.ana.api.post(path, to, ifMatch(version))).body).toMatchObject({
          status: 403,
          code: 'forbidden',
        });
        // Bea may edit her own objective, not the one the key result is in.
        expect(
          (await w.bea.api.post(path, { objectiveId: w.platform.id }, ifMatch(version))).status,
        ).toBe(403);
        // The lead may take it out of their objective, not into Bea's.
        expect(
          (await w.lead.api.post(path, { objectiveId: w.platform.id }, ifMatch(version))).status,
        ).toBe(403);
        // Another cycle: its check-ins belong to this one.
        const q1Objective = await buildObjective(api.connection, w.org.id, {
          cycleId: w.q1.id,
          teamId: w.teamA.id,
          ownerId: w.lead.id,
        });
        const otherCycle = await w.lead.api.post<Body>(
          path,
          { objectiveId: q1Objective.id },
          ifMatch(version),
        );
        expect(otherCycle.status).toBe(400);
        expect(otherCycle.body).toMatchObject({
          code: 'bad_input',
          errors: [{ path: 'body.objectiveId' }],
        });
        // Into a closed cycle's objective, and out of one: read-only.
        expect(
          (await w.lead.api.post(path, { objectiveId: w.closed.id }, ifMatch(version))).body,
        ).toMatchObject({ status: 409, code: 'cycle_closed' });
        const closedKr = await keyResult(w, w.closedKr.id);
        expect(
          (
            await w.lead.api.post(
              `${w.base}/key-results/${w.closedKr.id}/move`,
              to,
              ifMatch(closedKr.version),
            )
          ).status,
        ).toBe(409);
        // Missing and foreign objectives are a bad destination; the same objective moves nowhere.
        const other = await buildOrganisation(api.connection);
        const otherCycleId = (await buildCycle(api.connection, other.id)).id;
        const foreign = await buildObjective(api.connection, other.id, { cycleId: otherCycleId });
        expect(
          (await w.lead.api.post(path, { objectiveId: foreign.id }, ifMatch(version))).status,
        ).toBe(400);
        expect(
          (await w.lead.api.post(path, { objectiveId: w.first.id }, ifMatch(version))).status,
        ).toBe(400);
        expect(
          (await w.lead.api.post(path, { objectiveId: 'nope' }, ifMatch(version))).status,
        ).toBe(400);
        expect(
          (await w.lead.api.post(path, { objectiveId: w.second.id, extra: 1 }, ifMatch(version)))
            .status,
        ).toBe(400);
        // The owner must be in the team of a team objective it joins.
        const outsider = await buildKeyResult(api.connection, w.org.id, {
          objectiveId: w.first.id,
          ownerId: w.bea.id,
        });
        const outsiderVersion = (await keyResult(w, outsider.id)).version;
        expect(
          (
            await w.lead.api.post(
              `${w.base}/key-results/${outsider.id}/move`,
              to,
              ifMatch(outsiderVersion),
            )
          ).status,
        ).toBe(400);
        // If-Match: required, and current.
        expect((await w.lead.api.post(path, to)).status).toBe(428);
        const stale = await w.lead.api.post<{ current?: { version: number } }>(
          path,
          to,
          ifMatch(version - 1),
        );
        expect(stale.status).toBe(412);
        // Unknown ids, strangers, and our key result under another organisation's slug.
        expect(
          (await w.lead.api.post(`${w.base}/key-results/${foreign.id}/move`, to, ifMatch(1)))
            .status,
        ).toBe(404);
        expect((await client(api.url).post(path, to, ifMatch(version))).status).toBe(401);
        expect(
          (
            await w.lead.api.post(
              `/api/v1/orgs/${other.slug}/key-results/${w.signups.id}/move`,
              to,
              ifMatch(version),
            )
          ).status,
        ).toBe(404);

        expect((await keyResult(w, w.signups.id)).objectiveId).toBe(w.first.id);
        expect(await auditRows(w, 'key_result.moved')).toEqual([]);
      });

      it('hides a key result of a private objective from those who may not read it', async () => {
        const w = await world();
        const secret = await buildObjective(api.connection, w.org.id, {
          cycleId: w.q4.id,
          level: 'individual',
          ownerId: w.ana.id,
          visibility: 'private',
        });
        const kr = await buildKeyResult(api.connection, w.org.id, {
          objectiveId: secret.id,
          ownerId: w.ana.id,
        });
        const path = `${w.base}/key-results/${kr.id}/move`;
        expect(
          (await w.bea.api.post(path, { objectiveId: w.platform.id }, ifMatch(1))).status,
        ).toBe(404);
        // Ana moves it from her private objective into her public one: allowed for her own.
        const mine = await buildObjective(api.connection, w.org.id, {
          cycleId: w.q4.id,
          level: 'individual',
          ownerId: w.ana.id,
          parentIds: [w.first.id],
        });
        expect((await w.ana.api.post(path, { objectiveId: mine.id }, ifMatch(1))).status).toBe(200);
      });
    });

    describe('moving an objective', () => {
      it('moves it to the next cycle with new parents; key results and check-ins come along; old parent recomputed; audited', async () => {
        const w = await world();
        const { version } = await objective(w, w.first.id);
        expect((await objective(w, w.company.id)).progress).toBeCloseTo(0.6);
        const nextCompany = await buildObjective(api.connection, w.org.id, {
          cycleId: w.q1.id,
          level: 'company',
          ownerId: w.exec.id,
          includeChildren: true,
        });
        const moved = await w.lead.api.post<Objective>(
          `${w.base}/objectives/${w.first.id}/move`,
          { cycleId: w.q1.id, parentIds: [nextCompany.id] },
          ifMatch(version),
        );
        expect(moved.status).toBe(200);
        expect(moved.body).toMatchObject({
          id: w.first.id,
          cycleId: w.q1.id,
          version: version + 1,
          parents: [{ id: nextCompany.id }],
        });
        expect(moved.body.keyResults.map((k) => k.id)).toEqual([w.signups.id]);
        const checkIns = await w.ana.api.get<{ items: unknown[] }>(
          `${w.base}/key-results/${w.signups.id}/check-ins`,
        );
        expect(checkIns.body.items).toHaveLength(2);
        // The old company objective lost the child it rolled up; the new one gained it.
        expect((await objective(w, w.company.id)).progress).toBe(0);
        expect((await objective(w, nextCompany.id)).progress).toBeCloseTo(0.6);

        const rows = await auditRows(w, 'objective.moved');
        expect(rows).toHaveLength(1);
        expect(JSON.parse(rows[0]?.before_json ?? '{}')).toMatchObject({
          cycleId: w.q4.id,
          teamId: w.teamA.id,
          parentIds: [w.company.id],
        });
        expect(JSON.parse(rows[0]?.after_json ?? '{}')).toMatchObject({
          cycleId: w.q1.id,
          teamId: w.teamA.id,
          parentIds: [nextCompany.id],
        });
      });

      it('keeps alignments that still hold, and refuses a move that would break one unless the parents are replaced', async () => {
        const w = await world();
        const path = `${w.base}/objectives/${w.first.id}/move`;
        let { version } = await objective(w, w.first.id);
        // The Q4 company objective would not enclose Q1.
        const broken = await w.lead.api.post<Body>(path, { cycleId: w.q1.id }, ifMatch(version));
        expect(broken.status).toBe(409);
        expect(broken.body).toMatchObject({
          code: 'conflict',
          errors: [
            {
              path: 'body.parentIds',
              message: expect.stringContaining(
                '"Be loved" (2026-Q4) does not enclose 2027-Q1',
              ) as unknown,
            },
          ],
        });
        // A child in Q4 would fall outside Q1 too, even with the parents replaced.
        const child = await buildObjective(api.connection, w.org.id, {
          cycleId: w.q4.id,
          level: 'individual',
          ownerId: w.ana.id,
          parentIds: [w.first.id],
        });
        const orphaned = await w.lead.api.post<Body>(
          path,
          { cycleId: w.q1.id, parentIds: [] },
          ifMatch(version),
        );
        expect(orphaned.status).toBe(409);
        expect(orphaned.body).toMatchObject({ code: 'conflict', errors: [{ path: 'children' }] });
        // A private child the lead may not read is not named.
        await api.connection.db
          .updateTable('objectives')
          .set({ visibility: 'private' })
          .where('id', '=', child.id)
          .execute();
        const hidden = await w.lead.api.post<{ detail: string }>(
          path,
          { cycleId: w.q1.id, parentIds: [] },
          ifMatch(version),
        );
        expect(hidden.body.detail).toContain(
          'a private objective (2026-Q4), aligned to it, would fall outside 2027-Q1',
        );
        await api.connection.db
          .updateTable('objectives')
          .set({ visibility: 'public' })
          .where('id', '=', child.id)
          .execute();
        // Aligning to its own child is a loop.
        const loop = await w.lead.api.post<Body>(
          path,
          { cycleId: w.q4.id, parentIds: [child.id] },
          ifMatch(version),
        );
        expect(loop.body).toMatchObject({ status: 409, code: 'alignment_loop' });
        // The year encloses Q4 and keeps both alignments: moving the child's parent into the year is fine.
        const yearCompany = await buildObjective(api.connection, w.org.id, {
          cycleId: w.year.id,
          level: 'company',
          ownerId: w.exec.id,
        });
        const toYear = await w.lead.api.post<Objective>(
          path,
          { cycleId: w.year.id, parentIds: [yearCompany.id] },
          ifMatch(version),
        );
        expect(toYear.status).toBe(200);
        version = toYear.body.version;
        expect((await objective(w, child.id)).parents.map((p) => p.id)).toEqual([w.first.id]);
        expect(await auditRows(w, 'objective.moved')).toHaveLength(1);
        expect(version).toBeGreaterThan(1);
      });

      it('moves a team objective to another team only for whoever may edit it on both sides', async () => {
        const w = await world();
        const path = `${w.base}/objectives/${w.second.id}/move`;
        const { version } = await objective(w, w.second.id);
        // The lead of team A may not hand it to team B, which they do not lead.
        expect((await w.lead.api.post(path, { teamId: w.teamB.id }, ifMatch(version))).status).toBe(
          403,
        );
        // Nor may a plain member, nor Bea who leads team B but not team A.
        expect((await w.ana.api.post(path, { teamId: w.teamB.id }, ifMatch(version))).status).toBe(
          403,
        );
        expect((await w.bea.api.post(path, { teamId: w.teamB.id }, ifMatch(version))).status).toBe(
          403,
        );
        // Someone who leads both may.
        await api.connection.db
          .insertInto('team_members')
          .values({ org_id: w.org.id, team_id: w.teamB.id, user_id: w.lead.id, is_lead: 1 })
          .execute();
        const moved = await w.lead.api.post<Objective>(
          path,
          { teamId: w.teamB.id },
          ifMatch(version),
        );
        expect(moved.status).toBe(200);
        expect(moved.body.team?.id).toBe(w.teamB.id);
        expect(await auditRows(w, 'objective.moved')).toHaveLength(1);
      });

      it('refuses bad input, closed cycles, missing or stale If-Match, and what the caller cannot see', async () => {
        const w = await world();
        const path = `${w.base}/objectives/${w.second.id}/move`;
        const { version } = await objective(w, w.second.id);
        expect((await w.lead.api.post(path, {}, ifMatch(version))).status).toBe(400);
        expect((await w.lead.api.post(path, { cycleId: w.q4.id }, ifMatch(version))).status).toBe(
          400,
        );
        const other = await buildOrganisation(api.connection);
        const foreignCycle = await buildCycle(api.connection, other.id);
        const foreignTeam = await buildTeam(api.connection, other.id);
        expect(
          (await w.lead.api.post(path, { cycleId: foreignCycle.id }, ifMatch(version))).status,
        ).toBe(400);
        expect(
          (await w.lead.api.post(path, { teamId: foreignTeam.id }, ifMatch(version))).status,
        ).toBe(400);
        expect(
          (await w.lead.api.post(path, { cycleId: w.q3.id }, ifMatch(version))).body,
        ).toMatchObject({ status: 409, code: 'cycle_closed' });
        const individual = await buildObjective(api.connection, w.org.id, {
          cycleId: w.q4.id,
          level: 'individual',
          ownerId: w.ana.id,
        });
        expect(
          (
            await w.ana.api.post(
              `${w.base}/objectives/${individual.id}/move`,
              { teamId: w.teamA.id },
              ifMatch(1),
            )
          ).status,
        ).toBe(400);
        expect((await w.lead.api.post(path, { cycleId: w.q1.id })).status).toBe(428);
        expect(
          (await w.lead.api.post(path, { cycleId: w.q1.id }, ifMatch(version + 5))).status,
        ).toBe(412);
        const secret = await buildObjective(api.connection, w.org.id, {
          cycleId: w.q4.id,
          level: 'individual',
          ownerId: w.ana.id,
          visibility: 'private',
        });
        expect(
          (
            await w.lead.api.post(
              `${w.base}/objectives/${secret.id}/move`,
              { cycleId: w.q1.id },
              ifMatch(1),
            )
          ).status,
        ).toBe(404);
        expect(
          (
            await w.lead.api.post(
              `${w.base}/objectives/${w.closed.id}/move`,
              { cycleId: w.q1.id },
              ifMatch(1),
            )
          ).status,
        ).toBe(409);
        expect(
          (await client(api.url).post(path, { cycleId: w.q1.id }, ifMatch(version))).status,
        ).toBe(401);
        expect((await objective(w, w.second.id)).cycleId).toBe(w.q4.id);
        expect(await auditRows(w, 'objective.moved')).toEqual([]);
      });
    });

    describe('duplicating an objective', () => {
      it('copies it with its key results (not their check-ins) into the next cycle, leaving the original as it was; audited', async () => {
        const w = await world();
        const original = await objective(w, w.first.id);
        const asLead = (await w.lead.api.get<Objective>(`${w.base}/objectives/${w.first.id}`)).body
          .abilities;
        expect(asLead).toMatchObject({ canDuplicate: true, canMove: true });
        const asAna = (await w.ana.api.get<Objective>(`${w.base}/objectives/${w.first.id}`)).body
          .abilities;
        expect(asAna).toMatchObject({ canDuplicate: false, canMove: false });
        const copy = await w.lead.api.post<Objective>(
          `${w.base}/objectives/${w.first.id}/duplicate`,
          { cycleId: w.q1.id, title: 'Win small shops, again' },
        );
        expect(copy.status).toBe(201);
        expect(copy.body).toMatchObject({
          cycleId: w.q1.id,
          title: 'Win small shops, again',
          team: { id: w.teamA.id },
          parents: [],
          progress: 0,
        });
        expect(copy.body.id).not.toBe(w.first.id);
        expect(copy.body.keyResults).toHaveLength(1);
        const krCopy = copy.body.keyResults[0] as KeyResult;
        expect(krCopy).toMatchObject({
          title: 'Signups from 0 to 100',
          current: 0,
          owner: { id: w.ana.id },
        });
        expect(krCopy.id).not.toBe(w.signups.id);
        expect(
          (
            await w.ana.api.get<{ items: unknown[] }>(
              `${w.base}/key-results/${krCopy.id}/check-ins`,
            )
          ).body.items,
        ).toEqual([]);
        // The original keeps everything.
        const after = await objective(w, w.first.id);
        expect(after).toMatchObject({
          version: original.version,
          progress: original.progress,
          cycleId: w.q4.id,
        });
        expect(after.keyResults.map((k) => k.current)).toEqual([60]);

        const rows = await auditRows(w, 'objective.duplicated');
        expect(rows).toHaveLength(1);
        expect(JSON.parse(rows[0]?.after_json ?? '{}')).toMatchObject({
          duplicatedFromId: w.first.id,
          cycleId: w.q1.id,
          keyResultIds: [krCopy.id],
        });
        const krRows = (await auditRows(w, 'key_result.created')).filter(
          (r) => r.object_id === krCopy.id,
        );
        expect(JSON.parse(krRows[0]?.after_json ?? '{}')).toMatchObject({
          duplicatedFromId: w.signups.id,
        });
      });

      it('keeps the parents in the same cycle and checks new ones like aligning anew', async () => {
        const w = await world();
        const same = await w.lead.api.post<Objective>(
          `${w.base}/objectives/${w.first.id}/duplicate`,
          {},
        );
        expect(same.status).toBe(201);
        expect(same.body.parents.map((p) => p.id)).toEqual([w.company.id]);
        // A Q4 parent does not enclose Q1.
        const bad = await w.lead.api.post<Body>(`${w.base}/objectives/${w.first.id}/duplicate`, {
          cycleId: w.q1.id,
          parentIds: [w.company.id],
        });
        expect(bad.status).toBe(400);
        expect(bad.body).toMatchObject({ errors: [{ path: 'body.parentIds.0' }] });
      });

      it('judges the copy as a new objective: who may create it, which cycle takes it, who can see the original', async () => {
        const w = await world();
        const path = `${w.base}/objectives/${w.first.id}/duplicate`;
        // Ana reads the team objective but may not create team objectives.
        expect((await w.ana.api.post(path, {})).status).toBe(403);
        expect((await w.bea.api.post(path, {})).status).toBe(403);
        expect((await w.lead.api.post(path, { cycleId: w.q3.id })).body).toMatchObject({
          status: 409,
          code: 'cycle_closed',
        });
        // The closed quarter's objective may be carried into the next one.
        expect(
          (
            await w.lead.api.post(`${w.base}/objectives/${w.closed.id}/duplicate`, {
              cycleId: w.q1.id,
            })
          ).status,
        ).toBe(201);
        const secret = await buildObjective(api.connection, w.org.id, {
          cycleId: w.q4.id,
          level: 'individual',
          ownerId: w.ana.id,
          visibility: 'private',
        });
        expect(
          (await w.lead.api.post(`${w.base}/objectives/${secret.id}/duplicate`, {})).status,
        ).toBe(404);
        expect(
          (await w.ana.api.post(`${w.base}/objectives/${secret.id}/duplicate`, {})).status,
        ).toBe(201);
        expect((await w.lead.api.post(path, { title: '' })).status).toBe(400);
        expect((await client(api.url).post(path, {})).status).toBe(401);
        expect(await auditRows(w, 'objective.duplicated')).toHaveLength(2);
      });
    });
  });
}
