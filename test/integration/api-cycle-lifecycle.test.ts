/**
 * Cycles through the API on both databases: created by kind with proposed names, the checks
 * before each step (warnings must be acknowledged), grading asking owners for scores, a closed
 * cycle refusing every write, and unfinished objectives carried into the next cycle as linked
 * copies.
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

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

interface Check {
  id: string;
  severity: string;
  count: number;
  hidden: number;
  items: { id: string; name: string; kind: string }[];
}

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`cycle lifecycle on ${dialect}`, () => {
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
      const user = async (name: string, roles: OrgRole[] = []) => {
        const built = await buildUser(c, org.id, { name, roles });
        return { ...built, api: client(api.url, await buildToken(c, built.id)) };
      };
      const champion = await user('Cam', ['champion']);
      const exec = await user('Eve', ['executive']);
      const lead = await user('Lea');
      const ana = await user('Ana');
      const ben = await user('Ben');
      const growth = await buildTeam(c, org.id, {
        name: 'Growth',
        leads: [lead.id],
        members: [ana.id],
      });
      const platform = await buildTeam(c, org.id, { name: 'Platform', members: [ben.id] });
      const base = `/api/v1/orgs/${org.slug}`;
      return { c, org, base, champion, exec, lead, ana, ben, growth, platform };
    }

    it('creates quarters, years and custom cycles with proposed names', async () => {
      const w = await world();
      const post = (body: unknown) => w.champion.api.post(`${w.base}/cycles`, body);
      expect(await post({ kind: 'quarter', year: 2027, quarter: 2 })).toMatchObject({
        status: 201,
        body: {
          name: '2027-Q2',
          startDate: '2027-04-01',
          endDate: '2027-06-30',
          status: 'planning',
        },
      });
      expect(await post({ kind: 'year', year: 2027, name: 'FY 2027' })).toMatchObject({
        status: 201,
        body: { name: 'FY 2027', startDate: '2027-01-01', endDate: '2027-12-31' },
      });
      expect(
        await post({ kind: 'custom', startDate: '2027-07-01', endDate: '2027-08-15' }),
      ).toMatchObject({ status: 201, body: { name: '2027-07-01 to 2027-08-15' } });
      expect((await post({ kind: 'quarter', year: 2027, quarter: 2 })).body).toMatchObject({
        status: 409,
        code: 'duplicate',
      });
      expect((await post({ kind: 'quarter', year: 2027, quarter: 5 })).status).toBe(400);
      expect(
        (await post({ kind: 'custom', startDate: '2027-09-01', endDate: '2027-08-15' })).status,
      ).toBe(400);
      expect((await w.ana.api.post(`${w.base}/cycles`, { kind: 'year', year: 2030 })).status).toBe(
        403,
      );
    });

    it('shows the checks of each step, needs them acknowledged, asks owners for scores and closes', async () => {
      const w = await world();
      const cycle = await buildCycle(w.c, w.org.id, { status: 'planning', name: '2027-Q1' });
      const company = await buildObjective(w.c, w.org.id, {
        cycleId: cycle.id,
        level: 'company',
        ownerId: w.exec.id,
        title: 'Customers recommend us to their friends',
      });
      const team = await buildObjective(w.c, w.org.id, {
        cycleId: cycle.id,
        teamId: w.growth.id,
        ownerId: w.lead.id,
        parentIds: [company.id],
        title: 'Sign-up feels effortless',
      });
      await buildKeyResult(w.c, w.org.id, { objectiveId: company.id, ownerId: w.exec.id });
      // Private to Ana: counted in the checks, never named to the champion.
      await buildObjective(w.c, w.org.id, {
        cycleId: cycle.id,
        level: 'individual',
        teamId: w.growth.id,
        ownerId: w.ana.id,
        visibility: 'private',
        title: 'My secret plan',
      });
      const checks = (to: string) =>
        w.champion.api.get<{ checks: Check[]; needsAcknowledgement: boolean; allowed: boolean }>(
          `${w.base}/cycles/${cycle.id}/transition-checks?to=${to}`,
        );
      const byId = (list: Check[], id: string) => list.find((check) => check.id === id);

      expect(
        (await w.ana.api.get(`${w.base}/cycles/${cycle.id}/transition-checks?to=active`)).status,
      ).toBe(403);
      const before = await checks('active');
      expect(before.status).toBe(200);
      expect(before.body.needsAcknowledgement).toBe(true);
      expect(byId(before.body.checks, 'teams_without_objectives')).toMatchObject({
        count: 1,
        items: [{ id: w.platform.id, name: 'Platform', kind: 'team' }],
      });
      const bare = byId(before.body.checks, 'objectives_without_key_results');
      expect(bare).toMatchObject({
        count: 2,
        hidden: 1,
        items: [{ id: team.id, name: 'Sign-up feels effortless' }],
      });
      expect(JSON.stringify(before.body)).not.toContain('secret');
      expect((await checks('closed')).body).toMatchObject({ allowed: false, checks: [] });

      const move = (to: string, version: number, acknowledge?: boolean) =>
        w.champion.api.post(
          `${w.base}/cycles/${cycle.id}/transitions`,
          acknowledge === undefined ? { to } : { to, acknowledge },
          ifMatch(version),
        );
      const refused = await move('active', 1);
      expect(refused.body).toMatchObject({
        status: 409,
        code: 'conflict',
        errors: [
          { path: 'checks.teams_without_objectives', message: '1' },
          { path: 'checks.objectives_without_key_results', message: '2' },
        ],
      });
      expect((await w.champion.api.get(`${w.base}/cycles/${cycle.id}`)).body).toMatchObject({
        status: 'planning',
        version: 1,
      });
      expect(await move('active', 1, true)).toMatchObject({
        status: 200,
        body: { status: 'active' },
      });

      const grading = await checks('grading');
      expect(byId(grading.body.checks, 'owners_to_ask')).toMatchObject({
        severity: 'info',
        count: 3,
        hidden: 1,
      });
      expect(
        byId(grading.body.checks, 'owners_to_ask')
          ?.items.map((i) => i.name)
          .sort(),
      ).toEqual(['Eve', 'Lea']);
      // Only information: no acknowledgement needed to start grading.
      expect(grading.body.needsAcknowledgement).toBe(false);
      expect((await w.ana.api.get(`${w.base}/me/score-requests`)).body).toEqual({ items: [] });
      expect(await move('grading', 2)).toMatchObject({ status: 200, body: { status: 'grading' } });

      const asked = await w.ana.api.get<{
        items: { objective: { title: string }; cycle: { name: string } }[];
      }>(`${w.base}/me/score-requests`);
      expect(asked.body.items).toMatchObject([
        { objective: { title: 'My secret plan' }, cycle: { name: '2027-Q1' }, proposedScore: null },
      ]);
      const leadAsked = await w.lead.api.get<{ items: { objective: { id: string } }[] }>(
        `${w.base}/me/score-requests`,
      );
      expect(leadAsked.body.items.map((i) => i.objective.id)).toEqual([team.id]);
      // Each owner is notified once, about their own objectives.
      const told = await w.c.db
        .selectFrom('notifications')
        .select(['user_id', 'kind', 'title', 'link'])
        .where('subject_id', '=', cycle.id)
        .execute();
      expect(told.map((n) => n.user_id).sort()).toEqual([w.exec.id, w.lead.id, w.ana.id].sort());
      expect(told[0]).toMatchObject({
        kind: 'reminder',
        title: 'Score your objectives in 2027-Q1',
        link: '/score-requests',
      });
      const proposal = await w.lead.api.call(
        'PUT',
        `${w.base}/objectives/${team.id}/grade/proposal`,
        {
          body: { score: 0.7, reason: 'Most of it landed.' },
          headers: ifMatch(0),
        },
      );
      expect(proposal.status).toBe(200);
      expect((await w.lead.api.get(`${w.base}/me/score-requests`)).body).toMatchObject({
        items: [{ proposedScore: 0.7, confirmedScore: null }],
      });

      const closing = await checks('closed');
      expect(byId(closing.body.checks, 'objectives_without_confirmed_score')).toMatchObject({
        count: 3,
        hidden: 1,
      });
      expect((await move('closed', 3)).status).toBe(409);
      expect(await move('closed', 3, true)).toMatchObject({
        status: 200,
        body: { status: 'closed' },
      });
      // Closed: nobody is asked any more.
      expect((await w.lead.api.get(`${w.base}/me/score-requests`)).body).toEqual({ items: [] });

      const audit = await w.c.db
        .selectFrom('audit_log')
        .select(['after_json'])
        .where('object_id', '=', cycle.id)
        .where('action', '=', 'cycle.transitioned')
        .execute();
      const afters = audit.map(
        (row) => JSON.parse(row.after_json ?? '{}') as Record<string, unknown>,
      );
      expect(afters.find((a) => a.status === 'grading')).toMatchObject({ scoreRequests: 3 });
      expect(afters.find((a) => a.status === 'active')).toMatchObject({
        acknowledged: [
          { id: 'teams_without_objectives', count: 1 },
          { id: 'objectives_without_key_results', count: 2 },
        ],
      });
    });

    it('refuses every write to a closed cycle', async () => {
      const w = await world();
      const cycle = await buildCycle(w.c, w.org.id, { status: 'active' });
      const objective = await buildObjective(w.c, w.org.id, {
        cycleId: cycle.id,
        teamId: w.growth.id,
        ownerId: w.lead.id,
      });
      const parent = await buildObjective(w.c, w.org.id, {
        cycleId: cycle.id,
        level: 'company',
        ownerId: w.exec.id,
      });
      const kr = await buildKeyResult(w.c, w.org.id, {
        objectiveId: objective.id,
        ownerId: w.lead.id,
      });
      const comment = await w.lead.api.post<{ id: string; version: number }>(
        `${w.base}/objectives/${objective.id}/comments`,
        { body: 'Before closing' },
      );
      expect(comment.status).toBe(201);
      const move = (to: string, version: number) =>
        w.champion.api.post(
          `${w.base}/cycles/${cycle.id}/transitions`,
          { to, acknowledge: true },
          ifMatch(version),
        );
      expect((await move('grading', 1)).status).toBe(200);
      expect((await move('closed', 2)).status).toBe(200);

      const writes: [string, string, unknown?][] = [
        [
          'POST',
          '/objectives',
          { cycleId: cycle.id, level: 'team', teamId: w.growth.id, title: 'Too late for this one' },
        ],
        ['PATCH', `/objectives/${objective.id}`, { title: 'A new title after closing' }],
        ['DELETE', `/objectives/${objective.id}`],
        ['PUT', `/objectives/${objective.id}/parents/${parent.id}`],
        [
          'POST',
          `/objectives/${objective.id}/key-results`,
          { title: 'More', kind: 'number', direction: 'increase', start: 0, target: 5 },
        ],
        ['PATCH', `/key-results/${kr.id}`, { title: 'Renamed key result' }],
        ['DELETE', `/key-results/${kr.id}`],
        ['POST', `/key-results/${kr.id}/check-ins`, { value: 50, confidence: 0.5 }],
        ['POST', `/key-results/${kr.id}/initiatives`, { title: 'One more thing' }],
        ['POST', `/objectives/${objective.id}/comments`, { body: 'After closing' }],
        ['PATCH', `/comments/${comment.body.id}`, { body: 'Edited after closing' }],
        ['PUT', `/objectives/${objective.id}/grade/proposal`, { score: 0.5, reason: 'Late' }],
        ['PATCH', `/cycles/${cycle.id}`, { name: 'Renamed' }],
        ['POST', `/cycles/${cycle.id}/transitions`, { to: 'active', acknowledge: true }],
      ];
      for (const [method, path, body] of writes) {
        const headers =
          method === 'POST' && !path.includes('/transitions')
            ? {}
            : ifMatch(path.includes('/grade/') ? 0 : path.startsWith('/cycles') ? 3 : 1);
        const as = path.startsWith('/cycles') ? w.champion : w.lead;
        const response =
          method === 'POST'
            ? await as.api.post(`${w.base}${path}`, body, headers)
            : method === 'PUT'
              ? await as.api.call('PUT', `${w.base}${path}`, { body, headers })
              : method === 'PATCH'
                ? await as.api.patch(`${w.base}${path}`, body, headers)
                : await as.api.delete(`${w.base}${path}`, headers);
        expect({ method, path, status: response.status }).toEqual({ method, path, status: 409 });
      }
      // Nothing changed.
      const detail = await w.lead.api.get<{ title: string; keyResults: unknown[] }>(
        `${w.base}/objectives/${objective.id}`,
      );
      expect(detail.body.keyResults).toHaveLength(1);
      expect(
        await w.c.db
          .selectFrom('check_ins')
          .select('id')
          .where('key_result_id', '=', kr.id)
          .execute(),
      ).toEqual([]);
    });

    it('carries unfinished objectives into the next cycle as linked copies with their key results', async () => {
      const w = await world();
      const q1 = await buildCycle(w.c, w.org.id, {
        status: 'grading',
        name: '2027-Q1',
        startDate: '2027-01-01',
        endDate: '2027-03-31',
      });
      const q2 = await buildCycle(w.c, w.org.id, {
        status: 'planning',
        name: '2027-Q2',
        startDate: '2027-04-01',
        endDate: '2027-06-30',
      });
      const company = await buildObjective(w.c, w.org.id, {
        cycleId: q1.id,
        level: 'company',
        ownerId: w.exec.id,
        title: 'Customers recommend us',
      });
      const companyKr = await buildKeyResult(w.c, w.org.id, {
        objectiveId: company.id,
        start: 20,
        target: 60,
        current: 35,
        title: 'NPS from 20 to 60',
      });
      const team = await buildObjective(w.c, w.org.id, {
        cycleId: q1.id,
        teamId: w.growth.id,
        ownerId: w.lead.id,
        parentIds: [company.id],
        title: 'Sign-up feels effortless',
        visibility: 'private',
        readers: [w.champion.id],
      });
      await buildKeyResult(w.c, w.org.id, {
        objectiveId: team.id,
        start: 0,
        target: 100,
        current: 40,
        ownerId: w.ana.id,
        title: 'Completion from 0 to 100',
      });
      const done = await buildObjective(w.c, w.org.id, {
        cycleId: q1.id,
        teamId: w.platform.id,
        ownerId: w.ben.id,
        title: 'The platform scales',
      });
      await buildKeyResult(w.c, w.org.id, {
        objectiveId: done.id,
        start: 0,
        target: 10,
        current: 10,
      });
      const scored = await buildObjective(w.c, w.org.id, {
        cycleId: q1.id,
        teamId: w.platform.id,
        ownerId: w.ben.id,
        title: 'Deploys are boring',
      });
      await buildKeyResult(w.c, w.org.id, {
        objectiveId: scored.id,
        start: 0,
        target: 10,
        current: 2,
      });
      await w.c.db
        .updateTable('objectives')
        .set({ progress: 1 })
        .where('id', '=', done.id)
        .execute();
      await w.c.db
        .updateTable('objectives')
        .set({ progress: 0.2, score: 1 })
        .where('id', '=', scored.id)
        .execute();
      await w.c.db
        .updateTable('objectives')
        .set({ progress: 0.375 })
        .where('id', '=', company.id)
        .execute();
      await w.c.db
        .updateTable('objectives')
        .set({ progress: 0.4 })
        .where('id', '=', team.id)
        .execute();

      const path = `${w.base}/cycles/${q1.id}/carry-over`;
      expect((await w.lead.api.get(path)).status).toBe(403);
      const candidates = await w.champion.api.get<{ items: { id: string; unfinished: boolean }[] }>(
        path,
      );
      expect(candidates.body.items.map((i) => [i.id, i.unfinished])).toEqual([
        [company.id, true],
        [team.id, true],
        [done.id, false],
        [scored.id, false],
      ]);

      // Refusals: a target closed or the same cycle, ids of another cycle.
      const other = await buildCycle(w.c, w.org.id, { status: 'active' });
      const closed = await buildCycle(w.c, w.org.id, { status: 'closed' });
      expect(
        (
          await w.champion.api.post(`${w.base}/cycles/${q1.id}/carry-over`, {
            targetCycleId: other.id,
            objectiveIds: [],
          })
        ).status,
      ).toBe(201);
      expect((await w.champion.api.post(path, { targetCycleId: closed.id })).status).toBe(409);
      expect((await w.champion.api.post(path, { targetCycleId: q1.id })).status).toBe(400);
      const foreignCycle = await buildCycle(w.c, (await buildOrganisation(w.c)).id, {
        status: 'grading',
      });
      expect(
        (
          await w.champion.api.post(`${w.base}/cycles/${foreignCycle.id}/carry-over`, {
            targetCycleId: q2.id,
          })
        ).status,
      ).toBe(404);
      const stray = await buildObjective(w.c, w.org.id, { cycleId: other.id });
      expect(
        (await w.champion.api.post(path, { targetCycleId: q2.id, objectiveIds: [stray.id] })).body,
      ).toMatchObject({
        status: 400,
        errors: [{ path: 'body.objectiveIds.0' }],
      });

      const carried = await w.champion.api.post<{
        items: {
          fromId: string;
          objective: { id: string; title: string };
          keyResults: number;
          parentIds: string[];
        }[];
        skipped: unknown[];
      }>(path, { targetCycleId: q2.id });
      expect(carried.status).toBe(201);
      expect(carried.body.items.map((i) => [i.fromId, i.objective.title, i.keyResults])).toEqual([
        [company.id, 'Customers recommend us', 1],
        [team.id, 'Sign-up feels effortless', 1],
      ]);
      const [companyCopy, teamCopy] = carried.body.items;
      expect(teamCopy?.parentIds).toEqual([companyCopy?.objective.id]);

      const copy = await w.c.db
        .selectFrom('objectives')
        .selectAll()
        .where('id', '=', teamCopy!.objective.id)
        .executeTakeFirstOrThrow();
      expect(copy).toMatchObject({
        cycle_id: q2.id,
        carried_from_id: team.id,
        owner_id: w.lead.id,
        team_id: w.growth.id,
        visibility: 'private',
        score: null,
      });
      const readers = await w.c.db
        .selectFrom('objective_readers')
        .select('user_id')
        .where('objective_id', '=', copy.id)
        .execute();
      expect(readers.map((r) => r.user_id)).toEqual([w.champion.id]);
      const krs = await w.c.db
        .selectFrom('key_results')
        .selectAll()
        .where('objective_id', '=', companyCopy!.objective.id)
        .execute();
      expect(krs).toMatchObject([
        { title: 'NPS from 20 to 60', start_value: 35, current_value: 35, target_value: 60 },
      ]);
      expect(krs[0]?.id).not.toBe(companyKr.id);

      // Both objective pages show the link.
      const original = await w.champion.api.get<{ carried: unknown }>(
        `${w.base}/objectives/${team.id}`,
      );
      expect(original.body.carried).toEqual({
        from: null,
        into: [
          { id: copy.id, title: 'Sign-up feels effortless', cycle: { id: q2.id, name: '2027-Q2' } },
        ],
      });
      const copied = await w.champion.api.get<{ carried: unknown }>(
        `${w.base}/objectives/${copy.id}`,
      );
      expect(copied.body.carried).toEqual({
        from: {
          id: team.id,
          title: 'Sign-up feels effortless',
          cycle: { id: q1.id, name: '2027-Q1' },
        },
        into: [],
      });
      // Ben may not read the private copy nor its original: nothing leaks through the link.
      expect((await w.ben.api.get(`${w.base}/objectives/${copy.id}`)).status).toBe(404);

      const audit = await w.c.db
        .selectFrom('audit_log')
        .select(['action', 'after_json'])
        .where('object_id', '=', copy.id)
        .execute();
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]?.after_json ?? '{}')).toMatchObject({
        carriedFromId: team.id,
        cycleId: q2.id,
        parentIds: [companyCopy?.objective.id],
      });

      // Carrying again carries nothing twice.
      const again = await w.champion.api.post<{ items: unknown[]; skipped: { id: string }[] }>(
        path,
        {
          targetCycleId: q2.id,
          objectiveIds: [team.id, done.id],
        },
      );
      expect(again.status).toBe(201);
      expect(again.body.skipped.map((s) => s.id)).toEqual([team.id]);
      expect(again.body.items).toHaveLength(1);
      const inQ2 = await w.c.db
        .selectFrom('objectives')
        .select('id')
        .where('cycle_id', '=', q2.id)
        .execute();
      expect(inQ2).toHaveLength(3);
    });
  });
}
