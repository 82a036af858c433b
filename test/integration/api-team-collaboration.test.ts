/**
 * Collaboration between teams through the API on both databases: a shared objective's progress
 * per contributing team; collaboration requests asked, accepted (as a dependency and as a
 * contribution) and declined, with the history both teams see; and the cross-team map with its
 * edges coloured by risk (risk that travels included). Privacy and organisation boundaries hold.
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
interface Contribution {
  kind: string;
  id: string | null;
  title: string;
  progress: number;
  health: string | null;
  private: boolean;
}
interface TeamShare {
  team: { id: string; name: string };
  progress: number | null;
  health: string | null;
  contributions: Contribution[];
}
interface Objective extends Body {
  version: number;
  progress: number;
  contributingTeams: { id: string; name: string }[];
  sharedProgress: { overall: number; teams: TeamShare[]; unattributed: Contribution[] } | null;
}
interface Request extends Body {
  id: string;
  version: number;
  status: string;
  messageHtml: string;
  outcome: { kind: string; id: string } | null;
  history: { kind: string; text: string | null; by: { name: string } | null }[];
  abilities: { canRespond: boolean };
}
interface MapView {
  teams: { id: string; name: string; edgeCount: number }[];
  edges: {
    id: string;
    kind: string;
    from: string;
    to: string;
    health: string | null;
    items: { id: string; title: string; objectiveId: string }[];
  }[];
}
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/** Late in the cycle: expected progress is about 0.88. */
const NOW = new Date('2026-12-20T12:00:00.000Z');

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`collaboration between teams on ${dialect}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(dialect, { now: () => NOW });
    });
    afterAll(async () => {
      await api?.close();
    });

    /**
     * Growth (lead Gil, Ana), Platform (lead Pia, Ben) and Sales (lead Sal, Sam) share "Launch in
     * Spain" (Growth and Platform contribute). Ana has a private objective aligned to it.
     */
    async function world() {
      const c = api.connection;
      const org = await buildOrganisation(c);
      const user = async (name: string, roles: OrgRole[] = [], orgId = org.id) => {
        const built = await buildUser(c, orgId, { name, roles });
        return { ...built, api: client(api.url, await buildToken(c, built.id)) };
      };
      const ana = await user('Ana');
      const ben = await user('Ben');
      const sam = await user('Sam');
      const gil = await user('Gil');
      const pia = await user('Pia');
      const sal = await user('Sal');
      const cora = await user('Cora', ['coordinator']);
      const admin = await user('Ada', ['admin']);
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
      const platform = await buildTeam(c, org.id, {
        name: 'Platform',
        leads: [pia.id],
        members: [ben.id],
      });
      const sales = await buildTeam(c, org.id, {
        name: 'Sales',
        leads: [sal.id],
        members: [sam.id],
      });
      const shared = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        level: 'shared',
        ownerId: cora.id,
        title: 'Launch in Spain',
        contributingTeams: [growth.id, platform.id],
        includeChildren: true,
      });
      const platformObjective = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        teamId: platform.id,
        ownerId: pia.id,
        title: 'Payments for Spain',
        parentIds: [shared.id],
      });
      const secret = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        level: 'individual',
        ownerId: ana.id,
        visibility: 'private',
        title: 'Secret partner deal',
        parentIds: [shared.id],
      });
      const growthObjective = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        teamId: growth.id,
        ownerId: gil.id,
        title: 'Win Spanish shops',
      });
      const salesObjective = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        teamId: sales.id,
        ownerId: sal.id,
        title: 'Sell to Spanish chains',
      });
      const kr = async (objectiveId: string, ownerId: string, title: string) =>
        (await buildKeyResult(c, org.id, { objectiveId, ownerId, title, start: 0, target: 100 }))
          .id;
      const krs = {
        s1: await kr(shared.id, ana.id, 'Spanish signups from 0 to 100'),
        s2: await kr(shared.id, ben.id, 'Spanish payment methods from 0 to 100'),
        p1: await kr(platformObjective.id, ben.id, 'Bizum payments from 0 to 100'),
        secret: await kr(secret.id, ana.id, 'Partner contracts from 0 to 100'),
        g1: await kr(growthObjective.id, ana.id, 'Shops onboarded from 0 to 100'),
        x1: await kr(salesObjective.id, sam.id, 'Chains signed from 0 to 100'),
      };
      const other = await buildOrganisation(c);
      const stranger = await user('Stranger', ['admin'], other.id);
      return {
        org,
        base: `/api/v1/orgs/${org.slug}`,
        otherBase: `/api/v1/orgs/${other.slug}`,
        ana,
        ben,
        sam,
        gil,
        pia,
        sal,
        cora,
        admin,
        stranger,
        growth,
        platform,
        sales,
        shared,
        platformObjective,
        secret,
        growthObjective,
        salesObjective,
        krs,
      };
    }
    type World = Awaited<ReturnType<typeof world>>;

    const checkIn = async (w: World, as: World['ana'], id: string, value: number) => {
      const response = await as.api.post(`${w.base}/key-results/${id}/check-ins`, {
        value,
        confidence: 0.8,
      });
      expect(response.status).toBe(201);
    };

    describe('shared objectives', () => {
      it('show progress per contributing team and overall, hiding private objectives from those who may not read them', async () => {
        const w = await world();
        await checkIn(w, w.ana, w.krs.s1, 90);
        await checkIn(w, w.ben, w.krs.s2, 50);
        await checkIn(w, w.ben, w.krs.p1, 70);
        await checkIn(w, w.ana, w.krs.secret, 30);

        const asBen = await w.ben.api.get<Objective>(`${w.base}/objectives/${w.shared.id}`);
        expect(asBen.status).toBe(200);
        const view = asBen.body.sharedProgress;
        expect(view).not.toBeNull();
        // Overall: the stored roll-up of its two key results and the two aligned objectives.
        expect(view?.overall).toBeCloseTo(0.6, 9);
        expect(view?.overall).toBe(asBen.body.progress);
        const [growth, platform] = view?.teams ?? [];
        expect(growth?.team).toEqual({ id: w.growth.id, name: 'Growth' });
        expect(growth?.progress).toBeCloseTo((0.9 + 0.3) / 2, 9);
        expect(growth?.health).toBe('off_track');
        expect(growth?.contributions).toEqual([
          expect.objectContaining({
            kind: 'key_result',
            id: w.krs.s1,
            title: 'Spanish signups from 0 to 100',
            private: false,
          }),
          {
            kind: 'objective',
            id: null,
            objectiveId: null,
            title: 'A private objective',
            progress: 0.3,
            health: 'off_track',
            private: true,
          },
        ]);
        expect(platform?.team.name).toBe('Platform');
        expect(platform?.progress).toBeCloseTo((0.5 + 0.7) / 2, 9);
        expect(platform?.health).toBe('off_track');
        expect(platform?.contributions.map((x) => x.title)).toEqual([
          'Spanish payment methods from 0 to 100',
          'Payments for Spain',
        ]);
        expect(JSON.stringify(asBen.body)).not.toContain('Secret partner');

        // Ana reads her own private objective: it shows with its title.
        const asAna = await w.ana.api.get<Objective>(`${w.base}/objectives/${w.shared.id}`);
        expect(asAna.body.sharedProgress?.teams[0]?.contributions[1]).toMatchObject({
          id: w.secret.id,
          title: 'Secret partner deal',
          private: false,
        });

        // A team objective is not shared: no per-team progress.
        const team = await w.ben.api.get<Objective>(
          `${w.base}/objectives/${w.platformObjective.id}`,
        );
        expect(team.body.sharedProgress).toBeNull();
      });

      it('counts key results not checked in yet as 0, and a key result from outside every contributing team as unattributed', async () => {
        const w = await world();
        await buildKeyResult(api.connection, w.org.id, {
          objectiveId: w.shared.id,
          ownerId: w.sam.id,
          title: 'Sales in Madrid',
        });
        const response = await w.cora.api.get<Objective>(`${w.base}/objectives/${w.shared.id}`);
        const view = response.body.sharedProgress;
        expect(view?.teams.map((t) => t.progress)).toEqual([0, 0]);
        expect(view?.unattributed.map((x) => x.title)).toEqual(['Sales in Madrid']);
      });
    });

    describe('collaboration requests', () => {
      const ask = (w: World, as: World['ana'], body: Body) =>
        as.api.post<Request>(`${w.base}/collaboration-requests`, body);

      it('are asked by a team, seen in both boxes, and accepted by the lead of the team asked as a dependency', async () => {
        const w = await world();
        const asked = await ask(w, w.ana, {
          fromTeamId: w.growth.id,
          toTeamId: w.platform.id,
          objectiveId: w.growthObjective.id,
          keyResultId: w.krs.g1,
          message: 'We **need** Bizum before the shops go live.',
          neededBy: '2026-12-01',
        });
        expect(asked.status).toBe(201);
        expect(asked.headers.get('etag')).toBe('"1"');
        expect(asked.body).toMatchObject({
          status: 'open',
          fromTeam: { name: 'Growth' },
          toTeam: { name: 'Platform' },
          keyResult: { id: w.krs.g1 },
          abilities: { canRespond: false },
        });
        expect(asked.body.messageHtml).toContain('<strong>need</strong>');
        const id = asked.body.id;

        const inbox = await w.pia.api.get<{ items: Request[] }>(
          `${w.base}/collaboration-requests?teamId=${w.platform.id}&direction=incoming`,
        );
        expect(inbox.body.items.map((r) => [r.id, r.abilities.canRespond])).toEqual([[id, true]]);
        const outbox = await w.gil.api.get<{ items: Request[] }>(
          `${w.base}/collaboration-requests?teamId=${w.growth.id}&direction=outgoing`,
        );
        expect(outbox.body.items.map((r) => r.id)).toEqual([id]);
        const growthInbox = await w.gil.api.get<{ items: Request[] }>(
          `${w.base}/collaboration-requests?teamId=${w.growth.id}&direction=incoming`,
        );
        expect(growthInbox.body.items).toEqual([]);

        const accept = { as: 'dependency', dependsOnId: w.krs.p1 };
        // A member of the team asked may not answer; neither may the asker.
        expect(
          (
            await w.ben.api.post(
              `${w.base}/collaboration-requests/${id}/accept`,
              accept,
              ifMatch(1),
            )
          ).status,
        ).toBe(403);
        expect(
          (
            await w.ana.api.post(
              `${w.base}/collaboration-requests/${id}/accept`,
              accept,
              ifMatch(1),
            )
          ).status,
        ).toBe(403);
        // The lead: If-Match is required and must be current.
        expect(
          (await w.pia.api.post(`${w.base}/collaboration-requests/${id}/accept`, accept)).status,
        ).toBe(428);
        expect(
          (
            await w.pia.api.post(
              `${w.base}/collaboration-requests/${id}/accept`,
              accept,
              ifMatch(7),
            )
          ).status,
        ).toBe(412);
        // The key result depended on must be the team asked's.
        const wrong = await w.pia.api.post(
          `${w.base}/collaboration-requests/${id}/accept`,
          { as: 'dependency', dependsOnId: w.krs.x1 },
          ifMatch(1),
        );
        expect(wrong.status).toBe(400);
        expect(wrong.body).toMatchObject({
          code: 'bad_input',
          errors: [{ path: 'body.dependsOnId' }],
        });

        const accepted = await w.pia.api.post<Request>(
          `${w.base}/collaboration-requests/${id}/accept`,
          { ...accept, note: 'Shipping it in November.' },
          ifMatch(1),
        );
        expect(accepted.status).toBe(200);
        expect(accepted.headers.get('etag')).toBe('"2"');
        expect(accepted.body).toMatchObject({
          status: 'accepted',
          response: 'Shipping it in November.',
          respondedBy: { name: 'Pia' },
          abilities: { canRespond: false },
        });
        expect(accepted.body.history.map((e) => [e.kind, e.by?.name, e.text])).toEqual([
          ['asked', 'Ana', 'We **need** Bizum before the shops go live.'],
          ['accepted', 'Pia', 'Shipping it in November.'],
        ]);
        expect(accepted.body.outcome?.kind).toBe('dependency');

        // The dependency exists, with the request's needed-by date.
        const dependencies = await w.ana.api.get<{
          items: { id: string; dependsOn: { id: string }; neededBy: string; status: string }[];
        }>(`${w.base}/dependencies?keyResultId=${w.krs.g1}`);
        expect(
          dependencies.body.items.map((d) => [d.id, d.dependsOn.id, d.neededBy, d.status]),
        ).toEqual([[accepted.body.outcome?.id, w.krs.p1, '2026-12-01', 'open']]);
        // An answer is final.
        expect(
          (
            await w.pia.api.post(
              `${w.base}/collaboration-requests/${id}/decline`,
              { reason: 'Changed my mind' },
              ifMatch(2),
            )
          ).status,
        ).toBe(409);

        // Audited: asked, the dependency, accepted.
        const audit = await w.admin.api.get<{ items: { action: string; objectId: string }[] }>(
          `${w.base}/audit?objectId=${id}`,
        );
        expect(audit.body.items.map((e) => e.action).sort()).toEqual([
          'collaboration_request.accepted',
          'collaboration_request.created',
        ]);
        const dependencyAudit = await w.admin.api.get<{ items: { action: string }[] }>(
          `${w.base}/audit?objectId=${accepted.body.outcome?.id ?? ''}`,
        );
        expect(dependencyAudit.body.items.map((e) => e.action)).toEqual(['dependency.created']);
      });

      it('are declined with a reason both teams see', async () => {
        const w = await world();
        const asked = await ask(w, w.gil, {
          fromTeamId: w.growth.id,
          toTeamId: w.sales.id,
          objectiveId: w.growthObjective.id,
          message: 'Can you introduce us to three chains?',
        });
        expect(asked.status).toBe(201);
        const id = asked.body.id;
        const empty = await w.sal.api.post(
          `${w.base}/collaboration-requests/${id}/decline`,
          { reason: '  ' },
          ifMatch(1),
        );
        expect(empty.status).toBe(400);
        expect(empty.body).toMatchObject({ code: 'bad_input' });
        const declined = await w.sal.api.post<Request>(
          `${w.base}/collaboration-requests/${id}/decline`,
          { reason: 'Our chains quarter is full; ask again in January.' },
          ifMatch(1),
        );
        expect(declined.status).toBe(200);
        expect(declined.body).toMatchObject({
          status: 'declined',
          outcome: null,
          response: 'Our chains quarter is full; ask again in January.',
        });
        for (const [as, teamId, direction] of [
          [w.ana, w.growth.id, 'outgoing'],
          [w.sam, w.sales.id, 'incoming'],
        ] as const) {
          const box = await as.api.get<{ items: Request[] }>(
            `${w.base}/collaboration-requests?teamId=${teamId}&direction=${direction}`,
          );
          expect(
            box.body.items.map((r) => [r.status, r.history.at(-1)?.kind, r.history.at(-1)?.text]),
          ).toEqual([
            ['declined', 'declined', 'Our chains quarter is full; ask again in January.'],
          ]);
        }
        const one = await w.ana.api.get<Request>(`${w.base}/collaboration-requests/${id}`);
        expect(one.status).toBe(200);
        expect(one.headers.get('etag')).toBe('"2"');
        const audit = await w.admin.api.get<{ items: { action: string }[] }>(
          `${w.base}/audit?objectId=${id}`,
        );
        expect(audit.body.items.map((e) => e.action)).toEqual([
          'collaboration_request.declined',
          'collaboration_request.created',
        ]);
      });

      it('accepted as a contribution make the team a contributing team of the shared objective, only a shared one', async () => {
        const w = await world();
        const before = await w.cora.api.get<Objective>(`${w.base}/objectives/${w.shared.id}`);
        const asked = await ask(w, w.ben, {
          fromTeamId: w.platform.id,
          toTeamId: w.sales.id,
          objectiveId: w.shared.id,
          message: 'Sell the launch to your chains with us.',
        });
        expect(asked.status).toBe(201);
        const accepted = await w.sal.api.post<Request>(
          `${w.base}/collaboration-requests/${asked.body.id}/accept`,
          { as: 'contribution' },
          ifMatch(1),
        );
        expect(accepted.status).toBe(200);
        expect(accepted.body.outcome).toEqual({ kind: 'contribution', id: w.shared.id });
        const after = await w.cora.api.get<Objective>(`${w.base}/objectives/${w.shared.id}`);
        expect(after.body.contributingTeams.map((t) => t.name).sort()).toEqual([
          'Growth',
          'Platform',
          'Sales',
        ]);
        expect(after.body.version).toBe(before.body.version + 1);
        expect(after.body.sharedProgress?.teams.map((t) => t.team.name)).toEqual([
          'Growth',
          'Platform',
          'Sales',
        ]);

        const feed = await w.cora.api.get<{ items: { summary: string }[] }>(
          `${w.base}/activity?objectiveId=${w.shared.id}`,
        );
        expect(feed.body.items.map((e) => e.summary)).toContain(
          'Added a contributing team to objective “Launch in Spain”',
        );

        const notShared = await ask(w, w.ana, {
          fromTeamId: w.growth.id,
          toTeamId: w.sales.id,
          objectiveId: w.growthObjective.id,
          message: 'Join us?',
        });
        const refused = await w.sal.api.post(
          `${w.base}/collaboration-requests/${notShared.body.id}/accept`,
          { as: 'contribution' },
          ifMatch(1),
        );
        expect(refused.status).toBe(400);
        expect(refused.body).toMatchObject({ code: 'bad_input', errors: [{ path: 'body.as' }] });
      });

      it('refuse bad input, strangers, other teams and other organisations, and keep private objectives private', async () => {
        const w = await world();
        const body = {
          fromTeamId: w.growth.id,
          toTeamId: w.platform.id,
          objectiveId: w.growthObjective.id,
          message: 'Help?',
        };
        expect((await client(api.url).post(`${w.base}/collaboration-requests`, body)).status).toBe(
          401,
        );
        expect((await client(api.url).get(`${w.base}/collaboration-requests`)).status).toBe(401);
        // Sam is not in Growth: he may not ask for it. A coordinator may ask for any team.
        expect((await ask(w, w.sam, body)).status).toBe(403);
        expect((await ask(w, w.cora, body)).status).toBe(201);
        expect((await ask(w, w.ana, { ...body, toTeamId: w.growth.id })).status).toBe(400);
        expect((await ask(w, w.ana, { ...body, message: '' })).status).toBe(400);
        expect((await ask(w, w.ana, { ...body, neededBy: '2026-02-30' })).status).toBe(400);
        expect((await ask(w, w.ana, { ...body, surprise: true })).status).toBe(400);
        expect((await ask(w, w.ana, { ...body, keyResultId: w.krs.p1 })).status).toBe(400);
        const unknownTeam = await ask(w, w.ana, {
          ...body,
          toTeamId: '01900000-0000-7000-8000-000000000000',
        });
        expect(unknownTeam.status).toBe(404);
        expect(unknownTeam.body).toMatchObject({
          code: 'not_found',
          errors: [{ path: 'body.toTeamId' }],
        });

        // A request on Ana's private objective: Platform's lead neither lists nor reads it.
        const hidden = await ask(w, w.ana, {
          ...body,
          objectiveId: w.secret.id,
          keyResultId: w.krs.secret,
        });
        expect(hidden.status).toBe(201);
        expect(
          (await w.pia.api.get(`${w.base}/collaboration-requests/${hidden.body.id}`)).status,
        ).toBe(404);
        expect(
          (
            await w.pia.api.post(
              `${w.base}/collaboration-requests/${hidden.body.id}/decline`,
              { reason: 'no' },
              ifMatch(1),
            )
          ).status,
        ).toBe(404);
        const inbox = await w.pia.api.get<{ items: Request[] }>(
          `${w.base}/collaboration-requests?teamId=${w.platform.id}`,
        );
        expect(JSON.stringify(inbox.body)).not.toContain('Secret partner');
        expect(inbox.body.items.some((r) => r.id === hidden.body.id)).toBe(false);

        // Another organisation sees nothing of ours, under either slug.
        const mine = await ask(w, w.ana, body);
        expect(
          (await w.stranger.api.get(`${w.otherBase}/collaboration-requests/${mine.body.id}`))
            .status,
        ).toBe(404);
        expect(
          (await w.stranger.api.get(`${w.base}/collaboration-requests/${mine.body.id}`)).status,
        ).toBe(404);
        expect(
          (await w.stranger.api.post(`${w.otherBase}/collaboration-requests`, body)).status,
        ).toBe(404);
        const theirs = await w.stranger.api.get<{ items: Request[] }>(
          `${w.otherBase}/collaboration-requests`,
        );
        expect(theirs.body.items).toEqual([]);
        expect((await w.ana.api.get(`${w.base}/collaboration-requests/not-an-id`)).status).toBe(
          400,
        );
      });
    });

    it('tells who may manage a key result’s dependencies (the form on the objective page follows it)', async () => {
      const w = await world();
      const abilities = async (as: World['ana']) =>
        (
          await as.api.get<{ keyResults: { abilities: Record<string, boolean> }[] }>(
            `${w.base}/objectives/${w.growthObjective.id}`,
          )
        ).body.keyResults.map((k) => k.abilities.canManageDependencies);
      expect(await abilities(w.cora)).toEqual([true]);
      expect(await abilities(w.gil)).toEqual([true]);
      expect(await abilities(w.ana)).toEqual([false]);
      expect(await abilities(w.pia)).toEqual([false]);
    });

    describe('the cross-team map', () => {
      it('joins teams by dependencies and shared objectives, coloured by the worst risk, travelling risk included', async () => {
        const w = await world();
        const depend = async (from: string, to: string) => {
          const created = await w.cora.api.post(`${w.base}/dependencies`, {
            keyResultId: from,
            dependsOnId: to,
          });
          expect(created.status).toBe(201);
        };
        // Growth waits for Platform's Bizum, which waits for Sales' chains.
        await depend(w.krs.g1, w.krs.p1);
        await depend(w.krs.p1, w.krs.x1);
        await checkIn(w, w.ben, w.krs.p1, 95);
        await checkIn(w, w.sam, w.krs.x1, 40);

        const map = await w.ana.api.get<MapView>(`${w.base}/cross-team-map`);
        expect(map.status).toBe(200);
        expect(map.body.teams.map((t) => [t.name, t.edgeCount])).toEqual([
          ['Growth', 2],
          ['Platform', 3],
          ['Sales', 1],
        ]);
        const edge = (id: string) => map.body.edges.find((e) => e.id === id);
        // Platform's key result is on track itself, but inherits Sales' off-track: the edge shows it.
        expect(edge(`dependency:${w.growth.id}:${w.platform.id}`)).toMatchObject({
          kind: 'dependency',
          health: 'off_track',
          items: [
            {
              title: '“Shops onboarded from 0 to 100” needs “Bizum payments from 0 to 100”',
              objectiveId: w.growthObjective.id,
            },
          ],
        });
        expect(edge(`dependency:${w.platform.id}:${w.sales.id}`)?.health).toBe('off_track');
        const sharedEdge = map.body.edges.find((e) => e.kind === 'shared');
        expect(sharedEdge).toMatchObject({
          items: [{ id: w.shared.id, title: 'Launch in Spain', objectiveId: w.shared.id }],
        });
        expect([sharedEdge?.from, sharedEdge?.to].sort()).toEqual(
          [w.growth.id, w.platform.id].sort(),
        );

        // Resolved dependencies draw nothing; another cycle shows nothing.
        const otherCycle = await buildCycle(api.connection, w.org.id, { status: 'planning' });
        const empty = await w.ana.api.get<MapView>(
          `${w.base}/cross-team-map?cycleId=${otherCycle.id}`,
        );
        expect(empty.body.edges).toEqual([]);
        expect((await w.ana.api.get(`${w.base}/cross-team-map?cycleId=nope`)).status).toBe(400);
        const foreignCycle = await buildCycle(
          api.connection,
          (await buildOrganisation(api.connection)).id,
        );
        expect(
          (await w.ana.api.get(`${w.base}/cross-team-map?cycleId=${foreignCycle.id}`)).status,
        ).toBe(404);
        expect((await client(api.url).get(`${w.base}/cross-team-map`)).status).toBe(401);
        expect((await w.stranger.api.get(`${w.base}/cross-team-map`)).status).toBe(404);
      });

      it('leaves out dependencies touching an objective the caller may not read', async () => {
        const w = await world();
        const created = await w.ana.api.post(`${w.base}/dependencies`, {
          keyResultId: w.krs.secret,
          dependsOnId: w.krs.p1,
        });
        expect(created.status).toBe(201);
        const forBen = await w.ben.api.get<MapView>(`${w.base}/cross-team-map`);
        expect(forBen.body.edges.filter((e) => e.kind === 'dependency')).toEqual([]);
        expect(JSON.stringify(forBen.body)).not.toContain('Partner contracts');
        const forAna = await w.ana.api.get<MapView>(`${w.base}/cross-team-map`);
        expect(forAna.body.edges.filter((e) => e.kind === 'dependency').map((e) => e.id)).toEqual([
          `dependency:${w.growth.id}:${w.platform.id}`,
        ]);
      });
    });
  });
}
