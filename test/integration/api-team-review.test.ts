/**
 * The weekly team review and forecasts, through the API on both databases: what moved since the
 * last review (with deltas), stale key results, confidence drops, the forecast and its flag on
 * the review and on the key result; "mark reviewed" (leads only, audited) moves the baseline;
 * private objectives stay private; other organisations' teams are 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyResultForecastView } from '../../src/contracts/api/forecasts.ts';
import type { KeyResultView } from '../../src/contracts/api/okrs.ts';
import type { TeamReviewView } from '../../src/contracts/api/team-reviews.ts';
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

let clock = new Date('2026-11-01T09:00:00.000Z');
const at = (iso: string) => {
  clock = new Date(iso);
};

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`weekly team review and forecasts on ${dialect}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(dialect, { now: () => clock });
    });
    afterAll(async () => {
      await api?.close();
    });

    /**
     * Growth (lead Gil, member Ana) in a cycle of 92 days from 2026-10-01. Ana owns "Signups"
     * (checked in 10 then 20 with high confidence: the trend reaches ~42 of 100 — optimistic),
     * "Referrals" (40 then 50 with low confidence: the trend passes 100 — pessimistic), "Docs"
     * (never checked in: stale) and a private "Secret pricing" only she reads. Pia leads Platform.
     */
    async function world() {
      at('2026-11-01T09:00:00.000Z');
      const c = api.connection;
      const org = await buildOrganisation(c);
      const user = async (name: string) => {
        const built = await buildUser(c, org.id, { name });
        return { ...built, api: client(api.url, await buildToken(c, built.id)) };
      };
      const ana = await user('Ana');
      const gil = await user('Gil');
      const pia = await user('Pia');
      const cycle = await buildCycle(c, org.id, {
        status: 'active',
        startDate: '2026-10-01',
        endDate: '2026-12-31',
      });
      const growth = await buildTeam(c, org.id, {
        name: 'Growth',
        leads: [gil.id],
        members: [ana.id],
      });
      const platform = await buildTeam(c, org.id, { name: 'Platform', leads: [pia.id] });
      const objective = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        teamId: growth.id,
        ownerId: gil.id,
        title: 'Win small businesses',
      });
      const secret = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        level: 'individual',
        ownerId: ana.id,
        visibility: 'private',
        title: 'Quiet experiments',
      });
      const platformObjective = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        teamId: platform.id,
        ownerId: pia.id,
        title: 'Sleepless platform',
      });
      const kr = (objectiveId: string, title: string, ownerId = ana.id) =>
        buildKeyResult(c, org.id, { objectiveId, ownerId, title, start: 0, target: 100 });
      const signups = await kr(objective.id, 'Signups from 0 to 100');
      const referrals = await kr(objective.id, 'Referrals from 0 to 100');
      const docs = await kr(objective.id, 'Docs pages from 0 to 100');
      const pricing = await kr(secret.id, 'Secret pricing test');
      const uptime = await kr(platformObjective.id, 'Uptime from 0 to 100', pia.id);
      const base = `/api/v1/orgs/${org.slug}`;
      const checkIn = async (
        id: string,
        value: number,
        confidence: number,
        note = `Now ${value}`,
      ) => {
        const response = await ana.api.post(`${base}/key-results/${id}/check-ins`, {
          value,
          confidence,
          note,
        });
        expect(response.status).toBe(201);
      };
      at('2026-11-01T09:00:00.000Z');
      await checkIn(signups.id, 10, 0.9);
      await checkIn(referrals.id, 40, 0.2);
      await checkIn(pricing.id, 5, 0.5);
      at('2026-11-08T09:00:00.000Z');
      await checkIn(signups.id, 20, 0.9, 'Two partner launches');
      await checkIn(referrals.id, 50, 0.2);
      at('2026-11-10T12:00:00.000Z');
      return {
        org,
        ana,
        gil,
        pia,
        growth,
        platform,
        base,
        checkIn,
        signups: signups.id,
        referrals: referrals.id,
        docs: docs.id,
        pricing: pricing.id,
        uptime: uptime.id,
      };
    }
    type World = Awaited<ReturnType<typeof world>>;

    const review = async (w: World, as: World['ana'], teamId = w.growth.id) => {
      const response = await as.api.get<TeamReviewView>(`${w.base}/teams/${teamId}/review`);
      expect(response.status).toBe(200);
      return response.body;
    };
    const entry = (r: TeamReviewView, id: string) => {
      const found = r.keyResults.find((k) => k.id === id);
      if (!found) throw new Error(`key result ${id} is not in the review`);
      return found;
    };

    it('shows what moved since one cadence ago before the first review, with deltas, stale key results and forecast flags', async () => {
      const w = await world();
      const r = await review(w, w.gil);
      expect(r.lastReview).toBeNull();
      expect(r.since).toBe('2026-11-03T12:00:00.000Z'); // 7 days (the default cadence) before now
      expect(r.team).toEqual({ id: w.growth.id, name: 'Growth' });
      expect(r.abilities).toEqual({ canMarkReviewed: true });
      expect(r.keyResults.map((k) => k.title)).toEqual([
        'Signups from 0 to 100',
        'Referrals from 0 to 100',
        'Docs pages from 0 to 100',
      ]);

      const signups = entry(r, w.signups);
      expect(signups).toMatchObject({
        moved: true,
        valueAtBaseline: 10,
        progressAtBaseline: 0.1,
        delta: 10,
        current: 20,
        progress: 0.2,
        stale: false,
        confidenceDropped: false,
      });
      expect(signups.checkInsSince).toEqual([
        {
          at: '2026-11-08T09:00:00.000Z',
          value: 20,
          confidence: 0.9,
          note: 'Two partner launches',
          author: { id: w.ana.id, name: 'Ana' },
        },
      ]);
      // Least squares over (day 0, 0), (31.375, 10), (38.375, 20) — check-ins at 09:00 — gives
      // slope 383.75 / 835.34 = 0.4594 a day through the mean (23.25, 10): 41.58 at day 92.
      expect(signups.forecast?.value).toBeCloseTo(41.58, 2);
      expect(signups.forecast?.slopePerDay).toBeCloseTo(0.4594, 4);
      expect(signups.forecast?.disagreement).toBe('optimistic');
      expect(entry(r, w.referrals).forecast).toMatchObject({
        progress: 1,
        disagreement: 'pessimistic',
      });
      expect(entry(r, w.docs)).toMatchObject({
        moved: false,
        delta: 0,
        stale: true,
        forecast: null,
      });
      expect(r.summary).toEqual({
        keyResults: 3,
        moved: 2,
        atRisk: r.keyResults.filter((k) => k.health === 'at_risk').length,
        offTrack: r.keyResults.filter((k) => k.health === 'off_track').length,
        stale: 1,
        confidenceDrops: 0,
        forecastFlags: 2,
      });
      expect(r.summary.atRisk + r.summary.offTrack).toBeGreaterThan(0);
      // Gil may not read Ana's private objective: not a word of it.
      expect(JSON.stringify(r)).not.toContain('Secret pricing');
      expect(JSON.stringify(r)).not.toContain(w.pricing);
    });

    it('shows the owner of a private key result her own, and any member the review without the right to mark it', async () => {
      const w = await world();
      const forAna = await review(w, w.ana);
      expect(forAna.keyResults.map((k) => k.title)).toContain('Secret pricing test');
      expect(forAna.abilities.canMarkReviewed).toBe(false);
      const forPia = await review(w, w.pia);
      expect(forPia.abilities.canMarkReviewed).toBe(false);
      expect(forPia.keyResults).toHaveLength(3);
    });

    it('"mark reviewed" moves the baseline: only what moved after it shows, and a confidence drop since', async () => {
      const w = await world();
      const marked = await w.gil.api.post<TeamReviewView>(`${w.base}/teams/${w.growth.id}/review`);
      expect(marked.status).toBe(201);
      expect(marked.body.lastReview).toMatchObject({
        reviewedAt: '2026-11-10T12:00:00.000Z',
        reviewedBy: { id: w.gil.id, name: 'Gil' },
      });
      expect(marked.body.since).toBe('2026-11-10T12:00:00.000Z');
      expect(marked.body.summary.moved).toBe(0);
      expect(entry(marked.body, w.signups)).toMatchObject({
        moved: false,
        delta: 0,
        valueAtBaseline: 20,
        checkInsSince: [],
      });

      const audit = await api.connection.db
        .selectFrom('audit_log')
        .selectAll()
        .where('org_id', '=', w.org.id)
        .where('action', '=', 'team_review.marked')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actor_id: w.gil.id,
        object_type: 'team',
        object_id: w.growth.id,
      });

      at('2026-11-15T09:00:00.000Z');
      await w.checkIn(w.signups, 30, 0.5, 'Partner slipped');
      at('2026-11-16T09:00:00.000Z');
      const next = await review(w, w.gil);
      expect(next.since).toBe('2026-11-10T12:00:00.000Z');
      expect(entry(next, w.signups)).toMatchObject({
        moved: true,
        valueAtBaseline: 20,
        delta: 10,
        confidenceAtBaseline: 0.9,
        confidence: 0.5,
        confidenceDropped: true,
      });
      expect(entry(next, w.referrals).moved).toBe(false);
      expect(next.summary).toMatchObject({ moved: 1, confidenceDrops: 1 });

      // A second mark moves it again.
      const again = await w.gil.api.post<TeamReviewView>(`${w.base}/teams/${w.growth.id}/review`);
      expect(again.body.since).toBe('2026-11-16T09:00:00.000Z');
      expect(again.body.summary.moved).toBe(0);
    });

    it('lets only the leads of the team mark it reviewed', async () => {
      const w = await world();
      for (const who of [w.ana, w.pia]) {
        const refused = await who.api.post<{ code: string }>(
          `${w.base}/teams/${w.growth.id}/review`,
        );
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('forbidden');
      }
      expect((await review(w, w.gil)).lastReview).toBeNull();
      const own = await w.pia.api.post(`${w.base}/teams/${w.platform.id}/review`);
      expect(own.status).toBe(201);
    });

    it('lets an admin delete a team that was reviewed: its reviews go with it', async () => {
      const w = await world();
      const c = api.connection;
      const org = await c.db
        .selectFrom('organisations')
        .select('slug')
        .where('id', '=', w.org.id)
        .executeTakeFirstOrThrow();
      const admin = await buildUser(c, w.org.id, { name: 'Ada', roles: ['admin'] });
      const adminApi = client(api.url, await buildToken(c, admin.id));
      const empty = await buildTeam(c, w.org.id, { name: 'Guild', leads: [w.pia.id] });
      expect((await w.pia.api.post(`${w.base}/teams/${empty.id}/review`)).status).toBe(201);
      const team = await adminApi.get(`/api/v1/orgs/${org.slug}/teams/${empty.id}`);
      const etag = team.headers.get('etag') ?? '';
      const deleted = await adminApi.delete(`/api/v1/orgs/${org.slug}/teams/${empty.id}`, {
        'if-match': etag,
      });
      expect(deleted.status).toBe(204);
      const left = await c.db
        .selectFrom('team_reviews')
        .select('id')
        .where('team_id', '=', empty.id)
        .execute();
      expect(left).toEqual([]);
    });

    it('answers 401, 404 and 400 for strangers, foreign or unknown teams and cycles, and bad ids', async () => {
      const w = await world();
      const other = await world();
      const path = `${w.base}/teams/${w.growth.id}/review`;
      expect((await client(api.url).get(path)).status).toBe(401);
      expect((await client(api.url).post(path)).status).toBe(401);
      // Another organisation's team, under our slug and under theirs.
      expect((await w.gil.api.get(`${w.base}/teams/${other.growth.id}/review`)).status).toBe(404);
      expect((await w.gil.api.post(`${w.base}/teams/${other.growth.id}/review`)).status).toBe(404);
      expect((await w.gil.api.get(`${other.base}/teams/${w.growth.id}/review`)).status).toBe(404);
      const bad = await w.gil.api.get<{ code: string }>(`${w.base}/teams/not-a-uuid/review`);
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('bad_input');
      expect((await w.gil.api.get(`${path}?cycle=nope`)).status).toBe(400);
      expect((await w.gil.api.get(`${path}?colour=red`)).status).toBe(400);
      expect((await w.gil.api.get(`${path}?cycle=${crypto.randomUUID()}`)).status).toBe(404);
      expect((await w.gil.api.post(`${path}?cycle=${crypto.randomUUID()}`)).status).toBe(404);
    });

    it('shows the forecast and its flag on the key result, and the points behind it', async () => {
      const w = await world();
      const keyResult = await w.gil.api.get<KeyResultView>(`${w.base}/key-results/${w.signups}`);
      expect(keyResult.status).toBe(200);
      expect(keyResult.body.forecast).toMatchObject({
        checkIns: 2,
        disagreement: 'optimistic',
        line: { startAt: '2026-10-01T00:00:00.000Z', endAt: '2027-01-01T00:00:00.000Z' },
      });
      expect(keyResult.body.forecast?.progress).toBeCloseTo(0.4158, 4);

      const forecast = await w.gil.api.get<KeyResultForecastView>(
        `${w.base}/key-results/${w.signups}/forecast`,
      );
      expect(forecast.status).toBe(200);
      expect(forecast.body).toMatchObject({
        keyResultId: w.signups,
        unavailable: null,
        forecast: keyResult.body.forecast,
      });
      expect(forecast.body.points).toEqual([
        { at: '2026-11-01T09:00:00.000Z', value: 10 },
        { at: '2026-11-08T09:00:00.000Z', value: 20 },
      ]);

      // Raising confidence to medium clears the flag; the forecast follows the new check-in.
      at('2026-11-12T09:00:00.000Z');
      await w.checkIn(w.signups, 25, 0.6);
      const medium = await w.gil.api.get<KeyResultView>(`${w.base}/key-results/${w.signups}`);
      expect(medium.body.forecast?.disagreement).toBeNull();
      expect(medium.body.forecast?.checkIns).toBe(3);

      const docs = await w.gil.api.get<KeyResultForecastView>(
        `${w.base}/key-results/${w.docs}/forecast`,
      );
      expect(docs.body).toMatchObject({ forecast: null, unavailable: 'no_check_ins', points: [] });
      // Private and foreign key results are 404, like the key result itself.
      expect((await w.gil.api.get(`${w.base}/key-results/${w.pricing}/forecast`)).status).toBe(404);
      const other = await world();
      expect((await w.gil.api.get(`${w.base}/key-results/${other.signups}/forecast`)).status).toBe(
        404,
      );
      expect(
        (await client(api.url).get(`${w.base}/key-results/${w.signups}/forecast`)).status,
      ).toBe(401);
    });
  });
}
