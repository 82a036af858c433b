/**
 * Time travel through the API on both databases: an objective, a team's objectives and the
 * company's objectives as they were on a past date (`?asOf=`), rebuilt from the audit log and
 * the check-ins — wording, alignment, key results and their values then, progress rolled up as
 * then, everything read-only. Before an objective existed it answers 404; a list, empty.
 */
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
interface KeyResult extends Body {
  id: string;
  current: number;
  progress: number;
  abilities: Record<string, boolean>;
}
interface Objective extends Body {
  id: string;
  title: string;
  version: number;
  progress: number;
  asOf?: string;
  abilities: Record<string, boolean>;
  keyResults: KeyResult[];
  children: Body[];
  parents: Body[];
}
interface Page {
  items: Objective[];
  nextCursor: string | null;
}
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`time travel on ${dialect}`, () => {
    let api: TestApi;
    /** The API's clock: each step of the story happens on its own day. */
    let clock = new Date('2026-10-05T10:00:00.000Z');
    beforeAll(async () => {
      api = await startTestApi(dialect, { now: () => clock });
    });
    afterAll(async () => {
      await api?.close();
    });

    /**
     * The story, one day per step:
     * - 10-05 the CEO sets a company objective (including its aligned children) with one key result;
     * - 10-10 Growth's lead aligns a team objective to it, with one key result;
     * - 10-15 both key results get a check-in (company 20 of 100, team 5 of 10);
     * - 10-20 the CEO rewords the company objective;
     * - 10-25 the lead deletes the team objective;
     * - 10-26 Mia sets a private objective of her own.
     */
    async function story() {
      clock = new Date('2026-10-05T10:00:00.000Z');
      const c = api.connection;
      const org = await buildOrganisation(c);
      const user = async (name: string, roles: OrgRole[] = []) => {
        const built = await buildUser(c, org.id, { name, roles });
        return { ...built, api: client(api.url, await buildToken(c, built.id)) };
      };
      const ceo = await user('Cleo', ['executive']);
      const lead = await user('Lars');
      const mia = await user('Mia');
      const max = await user('Max');
      const cycle = await buildCycle(c, org.id, {
        status: 'active',
        startDate: '2026-10-01',
        endDate: '2026-12-31',
      });
      const growth = await buildTeam(c, org.id, {
        name: 'Growth',
        leads: [lead.id],
        members: [mia.id, max.id],
      });
      const base = `/api/v1/orgs/${org.slug}`;
      const kr = (title: string, target: number) => ({
        title,
        kind: 'number',
        direction: 'increase',
        start: 0,
        target,
      });

      const company = await ceo.api.post<Objective>(`${base}/objectives`, {
        cycleId: cycle.id,
        level: 'company',
        title: 'Make paying effortless',
        rationale: 'Slow payments lose us buyers.',
        includeChildren: true,
        keyResults: [kr('Checkout conversion from 0 to 100', 100)],
      });
      expect(company.status).toBe(201);

      clock = new Date('2026-10-10T10:00:00.000Z');
      const team = await lead.api.post<Objective>(`${base}/objectives`, {
        cycleId: cycle.id,
        level: 'team',
        teamId: growth.id,
        title: 'Ship one-click checkout',
        parentIds: [company.body.id],
        keyResults: [kr('Markets with one-click checkout', 10)],
      });
      expect(team.status).toBe(201);

      clock = new Date('2026-10-15T10:00:00.000Z');
      const companyKr = company.body.keyResults[0] as KeyResult;
      const teamKr = team.body.keyResults[0] as KeyResult;
      expect(
        (
          await ceo.api.post(`${base}/key-results/${companyKr.id}/check-ins`, {
            value: 20,
            confidence: 0.7,
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await lead.api.post(`${base}/key-results/${teamKr.id}/check-ins`, {
            value: 5,
            confidence: 0.8,
          })
        ).status,
      ).toBe(201);

      clock = new Date('2026-10-20T10:00:00.000Z');
      const current = await ceo.api.get<Objective>(`${base}/objectives/${company.body.id}`);
      const reworded = await ceo.api.patch<Objective>(
        `${base}/objectives/${company.body.id}`,
        { title: 'Paying takes one click' },
        ifMatch(current.body.version),
      );
      expect(reworded.status).toBe(200);

      clock = new Date('2026-10-25T10:00:00.000Z');
      const teamNow = await lead.api.get<Objective>(`${base}/objectives/${team.body.id}`);
      expect(
        (await lead.api.delete(`${base}/objectives/${team.body.id}`, ifMatch(teamNow.body.version)))
          .status,
      ).toBe(204);

      clock = new Date('2026-10-26T10:00:00.000Z');
      const secret = await mia.api.post<Objective>(`${base}/objectives`, {
        cycleId: cycle.id,
        level: 'individual',
        title: 'Learn the billing code',
        visibility: 'private',
        keyResults: [kr('Billing modules read', 12)],
      });
      expect(secret.status).toBe(201);

      clock = new Date('2026-11-02T10:00:00.000Z');
      return {
        org,
        ceo,
        lead,
        mia,
        max,
        cycle,
        growth,
        base,
        company: company.body,
        team: team.body,
        secret: secret.body,
        companyKr,
        teamKr,
      };
    }

    it('an objective as of a date: wording, key result values, alignment and progress then, read-only', async () => {
      const w = await story();
      const at = (day: string) =>
        w.ceo.api.get<Objective>(`${w.base}/objectives/${w.company.id}?asOf=${day}`);

      const before = await at('2026-10-04');
      expect(before.status).toBe(404);
      expect(before.body).toMatchObject({ code: 'not_found' });

      const first = await at('2026-10-12');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        title: 'Make paying effortless',
        asOf: '2026-10-12T23:59:59.999Z',
        version: 0,
      });
      expect(first.body.keyResults.map((k) => k.current)).toEqual([0]);
      expect(first.body.children).toMatchObject([
        { id: w.team.id, title: 'Ship one-click checkout' },
      ]);
      expect(first.body.progress).toBe(0);
      expect(Object.values(first.body.abilities).some(Boolean)).toBe(false);
      expect(first.headers.get('etag')).toBeNull();

      const checkedIn = await at('2026-10-16');
      expect(checkedIn.body.keyResults.map((k) => k.current)).toEqual([20]);
      // The company objective includes its children: (0.2 + 0.5) / 2.
      expect(checkedIn.body.progress).toBeCloseTo(0.35, 10);
      expect(checkedIn.body.keyResults[0]?.abilities.canCheckIn).toBe(false);

      const reworded = await at('2026-10-21');
      expect(reworded.body.title).toBe('Paying takes one click');
      // After the team objective was deleted, the company objective counts its own key result only.
      const afterDeletion = await at('2026-10-26');
      expect(afterDeletion.body.children).toEqual([]);
      expect(afterDeletion.body.progress).toBeCloseTo(0.2, 10);

      // An exact instant works too: a second before the check-ins, the value was still 0.
      const instant = await w.ceo.api.get<Objective>(
        `${w.base}/objectives/${w.company.id}?asOf=2026-10-15T09:59:59Z`,
      );
      expect(instant.body.keyResults.map((k) => k.current)).toEqual([0]);

      const now = await w.ceo.api.get<Objective>(`${w.base}/objectives/${w.company.id}`);
      expect(now.body.asOf).toBeUndefined();
      expect(now.body.abilities.canEdit).toBe(true);
    });

    it('a deleted objective as of a date before its deletion, with its key results, values and parent', async () => {
      const w = await story();
      const then = await w.lead.api.get<Objective>(
        `${w.base}/objectives/${w.team.id}?asOf=2026-10-16`,
      );
      expect(then.status).toBe(200);
      expect(then.body).toMatchObject({ title: 'Ship one-click checkout', progress: 0.5 });
      expect(then.body.keyResults.map((k) => [k.id, k.current])).toEqual([[w.teamKr.id, 5]]);
      expect(then.body.parents).toMatchObject([
        { id: w.company.id, title: 'Make paying effortless' },
      ]);
      expect(
        (await w.lead.api.get(`${w.base}/objectives/${w.team.id}?asOf=2026-10-26`)).status,
      ).toBe(404);
      expect((await w.lead.api.get(`${w.base}/objectives/${w.team.id}`)).status).toBe(404);
    });

    it('the company page and a team page as of a date: the objectives then, empty before they existed', async () => {
      const w = await story();
      const list = (query: string) =>
        w.max.api.get<Page>(`${w.base}/objectives?cycle=${w.cycle.id}&${query}`);

      expect((await list('level=company&asOf=2026-10-04')).body).toEqual({
        items: [],
        nextCursor: null,
      });
      const companyThen = await list('level=company&asOf=2026-10-16');
      expect(companyThen.status).toBe(200);
      expect(companyThen.body.items).toMatchObject([
        { id: w.company.id, title: 'Make paying effortless', asOf: '2026-10-16T23:59:59.999Z' },
      ]);
      expect(companyThen.body.items[0]?.progress).toBeCloseTo(0.35, 10);
      expect((await list('level=company&asOf=2026-10-21')).body.items.map((o) => o.title)).toEqual([
        'Paying takes one click',
      ]);
      // Filters apply to what the objectives were then.
      expect((await list('level=company&q=effortless&asOf=2026-10-16')).body.items).toHaveLength(1);
      expect((await list('level=company&q=effortless&asOf=2026-10-21')).body.items).toHaveLength(0);

      const teamThen = await list(`team=${w.growth.id}&asOf=2026-10-16`);
      expect(teamThen.body.items).toMatchObject([
        { id: w.team.id, keyResultCount: 1, team: { name: 'Growth' } },
      ]);
      expect((await list(`team=${w.growth.id}&asOf=2026-10-26`)).body.items).toEqual([]);

      // Pages: one objective a page, in creation order.
      const first = await list('asOf=2026-10-16&limit=1');
      expect(first.body.items.map((o) => o.id)).toEqual([w.company.id]);
      const second = await list(`asOf=2026-10-16&limit=1&cursor=${first.body.nextCursor ?? ''}`);
      expect(second.body.items.map((o) => o.id)).toEqual([w.team.id]);
      expect(second.body.nextCursor).toBeNull();
    });

    it("a level's or a team's page rebuilds only what rolls up into it, and shows what the whole cycle's rebuild shows", async () => {
      const w = await story();
      // One more team objective under the company objective, unaligned after a while: the
      // company objective rolled it up before, and must still do so as of then.
      clock = new Date('2026-11-03T10:00:00.000Z');
      const extra = await w.lead.api.post<Objective>(`${w.base}/objectives`, {
        cycleId: w.cycle.id,
        level: 'team',
        teamId: w.growth.id,
        title: 'Cut payment errors',
        parentIds: [w.company.id],
        keyResults: [
          {
            title: 'Failed payments from 10 to 0',
            kind: 'number',
            direction: 'decrease',
            start: 10,
            target: 0,
          },
        ],
      });
      expect(extra.status).toBe(201);
      clock = new Date('2026-11-04T10:00:00.000Z');
      const extraKr = extra.body.keyResults[0] as KeyResult;
      expect(
        (await w.lead.api.post(`${w.base}/key-results/${extraKr.id}/check-ins`, { value: 4 }))
          .status,
      ).toBe(201);
      clock = new Date('2026-11-06T10:00:00.000Z');
      const extraNow = await w.lead.api.get<Objective>(`${w.base}/objectives/${extra.body.id}`);
      const unaligned = await w.lead.api.delete(
        `${w.base}/objectives/${extra.body.id}/parents/${w.company.id}`,
        ifMatch(extraNow.body.version),
      );
      expect(unaligned.status).toBe(200);
      clock = new Date('2026-11-08T10:00:00.000Z');

      const list = async (query: string) =>
        (await w.max.api.get<Page>(`${w.base}/objectives?cycle=${w.cycle.id}&limit=100&${query}`))
          .body.items;
      for (const day of [
        '2026-10-04',
        '2026-10-12',
        '2026-10-16',
        '2026-10-21',
        '2026-10-26',
        '2026-11-05',
        '2026-11-07',
      ]) {
        // Without a level or a team the whole cycle is rebuilt: the reference.
        const all = await list(`asOf=${day}`);
        const company = await list(`level=company&asOf=${day}`);
        const team = await list(`team=${w.growth.id}&asOf=${day}`);
        expect(company, day).toEqual(all.filter((o) => o.level === 'company'));
        expect(team, day).toEqual(
          all.filter((o) => (o.team as { id?: string } | null)?.id === w.growth.id),
        );
      }
      // The roll-up of the unaligned child shows while it was aligned, and not after.
      const progressOn = async (day: string) =>
        (await list(`level=company&asOf=${day}`))[0]?.progress;
      expect(await progressOn('2026-11-05')).not.toBeCloseTo(
        (await progressOn('2026-11-07')) as number,
        5,
      );
    });

    it('a key result moved to another objective is under its old objective before the move', async () => {
      const w = await story();
      clock = new Date('2026-11-03T10:00:00.000Z');
      const second = await w.ceo.api.post<Objective>(`${w.base}/objectives`, {
        cycleId: w.cycle.id,
        level: 'company',
        title: 'Keep buyers coming back',
      });
      expect(second.status).toBe(201);
      clock = new Date('2026-11-05T10:00:00.000Z');
      const kr = await w.ceo.api.get<KeyResult>(`${w.base}/key-results/${w.companyKr.id}`);
      const moved = await w.ceo.api.post(
        `${w.base}/key-results/${w.companyKr.id}/move`,
        { objectiveId: second.body.id },
        ifMatch(kr.body.version as number),
      );
      expect(moved.status).toBe(200);
      clock = new Date('2026-11-08T10:00:00.000Z');
      const krsOf = async (id: string, day: string) =>
        (
          await w.max.api.get<Objective>(`${w.base}/objectives/${id}?asOf=${day}`)
        ).body.keyResults.map((k) => k.id);
      expect(await krsOf(w.company.id, '2026-11-04')).toEqual([w.companyKr.id]);
      expect(await krsOf(second.body.id, '2026-11-04')).toEqual([]);
      expect(await krsOf(w.company.id, '2026-11-06')).toEqual([]);
      expect(await krsOf(second.body.id, '2026-11-06')).toEqual([w.companyKr.id]);
    });

    it('an objective moved to another cycle is in its old cycle, aligned as it was, before the move', async () => {
      const w = await story();
      const next = await buildCycle(api.connection, w.org.id, {
        name: '2027-Q1',
        status: 'planning',
        startDate: '2027-01-01',
        endDate: '2027-03-31',
      });
      clock = new Date('2026-11-03T10:00:00.000Z');
      const moving = await w.lead.api.post<Objective>(`${w.base}/objectives`, {
        cycleId: w.cycle.id,
        level: 'team',
        teamId: w.growth.id,
        title: 'Win the Nordics',
        parentIds: [w.company.id],
      });
      expect(moving.status).toBe(201);
      clock = new Date('2026-11-05T10:00:00.000Z');
      const current = await w.lead.api.get<Objective>(`${w.base}/objectives/${moving.body.id}`);
      const moved = await w.lead.api.post(
        `${w.base}/objectives/${moving.body.id}/move`,
        { cycleId: next.id, parentIds: [] },
        ifMatch(current.body.version),
      );
      expect(moved.status).toBe(200);
      clock = new Date('2026-11-08T10:00:00.000Z');
      const titles = async (cycleId: string, day: string) =>
        (
          await w.max.api.get<Page>(
            `${w.base}/objectives?cycle=${cycleId}&team=${w.growth.id}&asOf=${day}`,
          )
        ).body.items.map((o) => o.title);
      expect(await titles(w.cycle.id, '2026-11-04')).toEqual(['Win the Nordics']);
      expect(await titles(w.cycle.id, '2026-11-06')).toEqual([]);
      expect(await titles(next.id, '2026-11-04')).toEqual([]);
      expect(await titles(next.id, '2026-11-06')).toEqual(['Win the Nordics']);
      const before = await w.max.api.get<Objective>(
        `${w.base}/objectives/${moving.body.id}?asOf=2026-11-04`,
      );
      expect(before.body).toMatchObject({ cycleId: w.cycle.id });
      expect(before.body.parents.map((p) => p.id)).toEqual([w.company.id]);
      expect(
        (await w.max.api.get(`${w.base}/objectives/${moving.body.id}?asOf=2026-11-06`)).body,
      ).toMatchObject({ cycleId: next.id, parents: [] });
    });

    it('private objectives stay private in the past', async () => {
      const w = await story();
      const path = `${w.base}/objectives/${w.secret.id}?asOf=2026-10-27`;
      expect((await w.mia.api.get(path)).status).toBe(200);
      expect((await w.max.api.get(path)).status).toBe(404);
      const everything = await w.max.api.get<Page>(
        `${w.base}/objectives?cycle=${w.cycle.id}&asOf=2026-10-27`,
      );
      expect(everything.body.items.map((o) => o.id)).toEqual([w.company.id]);
      const mine = await w.mia.api.get<Page>(
        `${w.base}/objectives?cycle=${w.cycle.id}&asOf=2026-10-27`,
      );
      expect(mine.body.items.map((o) => o.id)).toEqual([w.company.id, w.secret.id]);

      // Made private now: its past is hidden as well, even right after a look at that past.
      const past = `${w.base}/objectives/${w.company.id}?asOf=2026-10-21`;
      expect((await w.max.api.get(past)).status).toBe(200);
      const current = await w.ceo.api.get<Objective>(`${w.base}/objectives/${w.company.id}`);
      const hidden = await w.ceo.api.patch(
        `${w.base}/objectives/${w.company.id}`,
        { visibility: 'private' },
        ifMatch(current.body.version),
      );
      expect(hidden.status).toBe(200);
      expect((await w.max.api.get(past)).status).toBe(404);
      const listed = await w.max.api.get<Page>(
        `${w.base}/objectives?cycle=${w.cycle.id}&asOf=2026-10-21`,
      );
      expect(listed.body.items.map((o) => o.id)).toEqual([w.team.id]);
      expect((await w.ceo.api.get(past)).status).toBe(200);
    });

    it('objectives loaded in bulk (no history) exist from their creation on, as they are', async () => {
      const w = await story();
      const bulk = await buildObjective(api.connection, w.org.id, {
        cycleId: w.cycle.id,
        level: 'company',
        title: 'Loaded from a file',
      });
      // The builders create rows at 2026-01-01.
      const then = await w.max.api.get<Objective>(
        `${w.base}/objectives/${bulk.id}?asOf=2026-10-12`,
      );
      expect(then.status).toBe(200);
      expect(then.body.title).toBe('Loaded from a file');
      expect((await w.max.api.get(`${w.base}/objectives/${bulk.id}?asOf=2025-12-31`)).status).toBe(
        404,
      );
    });

    it('bad dates, other organisations and strangers', async () => {
      const w = await story();
      const future = await w.ceo.api.get(`${w.base}/objectives/${w.company.id}?asOf=2026-11-03`);
      expect(future.status).toBe(400);
      expect(future.body).toMatchObject({ code: 'bad_input' });
      const nonsense = await w.ceo.api.get(`${w.base}/objectives/${w.company.id}?asOf=yesterday`);
      expect(nonsense.status).toBe(400);
      expect(nonsense.body).toMatchObject({ code: 'bad_input' });
      const noCycle = await w.ceo.api.get(`${w.base}/objectives?asOf=2026-10-16`);
      expect(noCycle.status).toBe(400);
      expect(noCycle.body).toMatchObject({ code: 'bad_input' });
      // Today: the end of today is later than now, so it is now.
      const today = await w.ceo.api.get<Objective>(
        `${w.base}/objectives/${w.company.id}?asOf=2026-11-02`,
      );
      expect(today.status).toBe(200);
      expect(today.body.asOf).toBe('2026-11-02T10:00:00.000Z');

      const other = await story();
      expect(
        (await other.ceo.api.get(`${other.base}/objectives/${w.company.id}?asOf=2026-10-16`))
          .status,
      ).toBe(404);
      const foreignCycle = await other.ceo.api.get<Page>(
        `${other.base}/objectives?cycle=${w.cycle.id}&asOf=2026-10-16`,
      );
      expect(foreignCycle.body.items).toEqual([]);
      const anonymous = client(api.url);
      expect(
        (await anonymous.get(`${w.base}/objectives/${w.company.id}?asOf=2026-10-16`)).status,
      ).toBe(401);
    });
  });
}
