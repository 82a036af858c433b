/**
 * Issue 6, Team Lead parts 1 and 2 through the API on both databases: cascading a company
 * objective to a team (the proposal, then creating it with key result owners among the team's
 * members only), and approval of members' objectives with the organisation's setting off (the
 * default: nothing changes) and on (drafts, the lead's queue, return with a comment, resubmit,
 * approve — each audited).
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
interface Objective extends Body {
  id: string;
  status: string;
  version: number;
  approval: null | {
    state: string;
    comment: string | null;
    commentHtml: string | null;
    reviewer: { name: string } | null;
    abilities: { canApprove: boolean; canSubmit: boolean };
  };
  keyResults: { title: string; owner: { id: string } | null }[];
  parents: { id: string }[];
}
interface Proposal {
  parent: { id: string; title: string };
  team: { id: string; name: string };
  members: { id: string; name: string; isLead: boolean }[];
  keyResults: {
    sourceKeyResultId: string;
    title: string;
    kind: string;
    start: number;
    target: number | null;
    unit: string | null;
    ownerId: null;
  }[];
}
interface Queue {
  waitingForYou: {
    objective: { id: string; title: string; status: string };
    approval: { state: string };
  }[];
  yours: { objective: { id: string }; approval: { state: string; comment: string | null } }[];
}
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const NOW = new Date('2026-11-10T12:00:00.000Z');

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`team lead: cascade and approval on ${dialect}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(dialect, { now: () => NOW });
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
      const ceo = await user('Eve', ['executive']);
      const champion = await user('Cham', ['champion']);
      const lead = await user('Gil');
      const ana = await user('Ana');
      const ben = await user('Ben');
      const outsider = await user('Olga');
      const otherLead = await user('Pia');
      const cycle = await buildCycle(c, org.id, { status: 'active' });
      const growth = await buildTeam(c, org.id, {
        name: 'Growth',
        leads: [lead.id],
        members: [ana.id, ben.id],
      });
      const platform = await buildTeam(c, org.id, {
        name: 'Platform',
        leads: [otherLead.id],
        members: [outsider.id],
      });
      const company = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        level: 'company',
        ownerId: ceo.id,
        title: 'Become the checkout people love',
      });
      const revenue = await buildKeyResult(c, org.id, {
        objectiveId: company.id,
        title: 'Grow revenue',
        kind: 'currency',
        start: 100,
        target: 500,
        current: 200,
      });
      const nps = await buildKeyResult(c, org.id, {
        objectiveId: company.id,
        title: 'Raise NPS',
        start: 20,
        target: 50,
      });
      await c.db
        .updateTable('key_results')
        .set({ currency: 'EUR', position: 0 })
        .where('id', '=', revenue.id)
        .execute();
      await c.db.updateTable('key_results').set({ position: 1 }).where('id', '=', nps.id).execute();
      const base = `/api/v1/orgs/${org.slug}`;
      const other = await buildOrganisation(c);
      const foreignTeam = await buildTeam(c, other.id, { name: 'Elsewhere' });
      return {
        org,
        base,
        ceo,
        champion,
        lead,
        ana,
        ben,
        outsider,
        otherLead,
        cycle,
        growth,
        platform,
        company,
        revenue,
        nps,
        foreignTeam,
      };
    }

    describe('cascade', () => {
      it('proposes key result drafts from the parent and the team members to own them', async () => {
        const w = await world();
        const response = await w.lead.api.get<Proposal>(
          `${w.base}/objectives/${w.company.id}/cascade-proposal?team=${w.growth.id}`,
        );
        expect(response.status).toBe(200);
        expect(response.body.parent).toMatchObject({
          id: w.company.id,
          title: 'Become the checkout people love',
        });
        expect(response.body.team).toEqual({ id: w.growth.id, name: 'Growth' });
        expect(response.body.members.map((m) => m.name).sort()).toEqual(['Ana', 'Ben', 'Gil']);
        expect(response.body.keyResults).toEqual([
          expect.objectContaining({
            sourceKeyResultId: w.revenue.id,
            title: 'Our part of: Grow revenue',
            kind: 'currency',
            start: 200,
            target: 500,
            ownerId: null,
          }),
          expect.objectContaining({
            sourceKeyResultId: w.nps.id,
            title: 'Our part of: Raise NPS',
            start: 20,
            target: 50,
          }),
        ]);
      });

      it('creates the cascaded objective aligned, with key result owners among the team members only', async () => {
        const w = await world();
        const proposal = (
          await w.lead.api.get<Proposal>(
            `${w.base}/objectives/${w.company.id}/cascade-proposal?team=${w.growth.id}`,
          )
        ).body;
        const keyResults = proposal.keyResults.map(
          ({ sourceKeyResultId: _source, ownerId: _owner, ...kr }, i) => ({
            ...kr,
            currency: kr.kind === 'currency' ? 'EUR' : null,
            ownerId: i === 0 ? w.ana.id : w.ben.id,
          }),
        );
        const body = {
          cycleId: w.cycle.id,
          level: 'team',
          teamId: w.growth.id,
          title: 'Growth makes checkout effortless',
          parentIds: [w.company.id],
          keyResults,
        };

        // Someone outside the team may not own one of its key results.
        const refused = await w.lead.api.post<Body>(`${w.base}/objectives`, {
          ...body,
          keyResults: [{ ...keyResults[0], ownerId: w.outsider.id }],
        });
        expect(refused.status).toBe(400);
        expect(refused.body).toMatchObject({
          code: 'bad_input',
          errors: [
            {
              path: 'body.keyResults.0.ownerId',
              message: "is not a member of the objective's team",
            },
          ],
        });

        const created = await w.lead.api.post<Objective>(`${w.base}/objectives`, body);
        expect(created.status).toBe(201);
        expect(created.body.parents.map((p) => p.id)).toEqual([w.company.id]);
        expect(created.body.keyResults.map((kr) => [kr.title, kr.owner?.id])).toEqual([
          ['Our part of: Grow revenue', w.ana.id],
          ['Our part of: Raise NPS', w.ben.id],
        ]);
        expect(created.body.status).toBe('active');
        expect(created.body.approval).toBeNull();
      });

      it('only for a team the caller leads, from an objective they can read, in this organisation', async () => {
        const w = await world();
        const path = (objective: string, team: string) =>
          `${w.base}/objectives/${objective}/cascade-proposal?team=${team}`;
        expect((await client(api.url).get(path(w.company.id, w.growth.id))).status).toBe(401);
        expect((await w.ana.api.get<Body>(path(w.company.id, w.growth.id))).body).toMatchObject({
          status: 403,
          code: 'forbidden',
        });
        expect((await w.lead.api.get<Body>(path(w.company.id, w.platform.id))).status).toBe(403);
        expect(
          (await w.lead.api.get<Body>(path(w.company.id, w.foreignTeam.id))).body,
        ).toMatchObject({ status: 404, code: 'not_found' });
        expect(
          (await w.lead.api.get<Body>(`${w.base}/objectives/${w.company.id}/cascade-proposal`))
            .status,
        ).toBe(400);
        expect((await w.lead.api.get<Body>(path('not-an-id', w.growth.id))).status).toBe(400);
        const secret = await buildObjective(api.connection, w.org.id, {
          cycleId: w.cycle.id,
          level: 'company',
          ownerId: w.ceo.id,
          visibility: 'private',
        });
        expect((await w.lead.api.get<Body>(path(secret.id, w.growth.id))).body).toMatchObject({
          status: 404,
          code: 'not_found',
        });
        const mine = await buildObjective(api.connection, w.org.id, {
          cycleId: w.cycle.id,
          level: 'individual',
          ownerId: w.ana.id,
        });
        expect((await w.lead.api.get<Body>(path(mine.id, w.growth.id))).body).toMatchObject({
          status: 400,
          code: 'bad_input',
        });
        const closed = await buildCycle(api.connection, w.org.id, { status: 'closed' });
        const old = await buildObjective(api.connection, w.org.id, {
          cycleId: closed.id,
          level: 'company',
          ownerId: w.ceo.id,
        });
        expect((await w.lead.api.get<Body>(path(old.id, w.growth.id))).body).toMatchObject({
          status: 409,
          code: 'cycle_closed',
        });
        // Another organisation's slug: not a member there.
        const otherOrg = await buildOrganisation(api.connection);
        expect(
          (
            await w.lead.api.get<Body>(
              `/api/v1/orgs/${otherOrg.slug}/objectives/${w.company.id}/cascade-proposal?team=${w.growth.id}`,
            )
          ).status,
        ).toBe(404);
      });
    });

    describe('approval', () => {
      const individual = (w: Awaited<ReturnType<typeof world>>, title: string) => ({
        cycleId: w.cycle.id,
        level: 'individual',
        title,
        keyResults: [
          { title: 'Ship the one-page checkout', kind: 'milestone', direction: 'increase' },
        ],
      });
      async function turnApproval(w: Awaited<ReturnType<typeof world>>, on: boolean) {
        const org = await w.champion.api.get<Body & { version: number }>(w.base);
        const changed = await w.champion.api.patch<Body>(
          w.base,
          { settings: { approvalRequired: on } },
          ifMatch(org.body.version),
        );
        expect(changed.status).toBe(200);
      }

      it('off (the default): members’ objectives are active at once and nothing waits', async () => {
        const w = await world();
        const created = await w.ana.api.post<Objective>(
          `${w.base}/objectives`,
          individual(w, 'I learn our payment flows'),
        );
        expect(created.status).toBe(201);
        expect(created.body.status).toBe('active');
        expect(created.body.approval).toBeNull();
        expect((await w.lead.api.get<Queue>(`${w.base}/approvals`)).body).toEqual({
          waitingForYou: [],
          yours: [],
        });
        const approve = await w.lead.api.post<Body>(
          `${w.base}/objectives/${created.body.id}/approval/approve`,
          undefined,
          ifMatch(created.body.version),
        );
        expect(approve.body).toMatchObject({ status: 409, code: 'conflict' });
      });

      it('on: a member’s objective waits as a draft; the lead returns it with a comment, the member resubmits, the lead approves', async () => {
        const w = await world();
        // Only the champion changes the setting.
        const org = await w.lead.api.get<Body & { version: number }>(w.base);
        expect(
          (
            await w.lead.api.patch<Body>(
              w.base,
              { settings: { approvalRequired: true } },
              ifMatch(org.body.version),
            )
          ).status,
        ).toBe(403);
        await turnApproval(w, true);

        const created = await w.ana.api.post<Objective>(
          `${w.base}/objectives`,
          individual(w, 'I learn our payment flows'),
        );
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({
          status: 'draft',
          approval: {
            state: 'pending',
            comment: null,
            abilities: { canApprove: false, canSubmit: false },
          },
        });
        const id = created.body.id;
        // What leads, executives create, and objectives of people nobody leads, need no approval.
        const own = await w.lead.api.post<Objective>(
          `${w.base}/objectives`,
          individual(w, 'I coach every member weekly'),
        );
        expect(own.body).toMatchObject({ status: 'active', approval: null });
        const unled = await buildUser(api.connection, w.org.id, { name: 'Solo' });
        const solo = client(api.url, await buildToken(api.connection, unled.id));
        expect(
          (await solo.post<Objective>(`${w.base}/objectives`, individual(w, 'I go alone'))).body,
        ).toMatchObject({ status: 'active', approval: null });

        // The lead's queue; the member sees theirs; another team's lead sees nothing.
        const queue = (await w.lead.api.get<Queue>(`${w.base}/approvals`)).body;
        expect(
          queue.waitingForYou.map((item) => [
            item.objective.title,
            item.objective.status,
            item.approval.state,
          ]),
        ).toEqual([['I learn our payment flows', 'draft', 'pending']]);
        expect(
          (await w.ana.api.get<Queue>(`${w.base}/approvals`)).body.yours.map(
            (item) => item.objective.id,
          ),
        ).toEqual([id]);
        expect(
          (await w.otherLead.api.get<Queue>(`${w.base}/approvals`)).body.waitingForYou,
        ).toEqual([]);
        const asLead = (await w.lead.api.get<Objective>(`${w.base}/objectives/${id}`)).body;
        expect(asLead.approval?.abilities).toEqual({ canApprove: true, canSubmit: false });

        // The member cannot make it active by editing; others may not approve; no If-Match: 428.
        const bypass = await w.ana.api.patch<Body>(
          `${w.base}/objectives/${id}`,
          { status: 'active' },
          ifMatch(created.body.version),
        );
        expect(bypass.body).toMatchObject({ status: 409, code: 'conflict' });
        for (const someone of [w.ana, w.ben, w.otherLead]) {
          const refused = await someone.api.post<Body>(
            `${w.base}/objectives/${id}/approval/approve`,
            undefined,
            ifMatch(created.body.version),
          );
          expect(refused.body).toMatchObject({ status: 403, code: 'forbidden' });
        }
        expect(
          (await w.lead.api.post<Body>(`${w.base}/objectives/${id}/approval/approve`)).status,
        ).toBe(428);
        expect(
          (
            await w.lead.api.post<Body>(
              `${w.base}/objectives/${id}/approval/approve`,
              undefined,
              ifMatch(created.body.version + 5),
            )
          ).status,
        ).toBe(412);
        expect(
          (
            await w.lead.api.post<Body>(
              `${w.base}/objectives/${id}/approval/return`,
              { comment: '' },
              ifMatch(created.body.version),
            )
          ).body,
        ).toMatchObject({ status: 400, code: 'bad_input' });
        expect(
          (
            await w.lead.api.post<Body>(
              `${w.base}/objectives/${id}/approval/return`,
              { comment: 'x', extra: 1 },
              ifMatch(created.body.version),
            )
          ).status,
        ).toBe(400);

        const returned = await w.lead.api.post<Objective>(
          `${w.base}/objectives/${id}/approval/return`,
          { comment: 'Make it **measurable**: what changes for customers?' },
          ifMatch(created.body.version),
        );
        expect(returned.status).toBe(200);
        expect(returned.headers.get('etag')).toBe(`"${returned.body.version}"`);
        expect(returned.body).toMatchObject({
          status: 'draft',
          approval: { state: 'returned', reviewer: { name: 'Gil' } },
        });
        expect((await w.lead.api.get<Queue>(`${w.base}/approvals`)).body.waitingForYou).toEqual([]);

        // The member sees the comment (rendered safely) and submits again after a change.
        const seen = (await w.ana.api.get<Objective>(`${w.base}/objectives/${id}`)).body;
        expect(seen.approval).toMatchObject({
          state: 'returned',
          comment: 'Make it **measurable**: what changes for customers?',
          abilities: { canApprove: false, canSubmit: true },
        });
        expect(seen.approval?.commentHtml).toContain('<strong>measurable</strong>');
        const reworded = await w.ana.api.patch<Objective>(
          `${w.base}/objectives/${id}`,
          { title: 'Customers pay in one step' },
          ifMatch(seen.version),
        );
        expect(reworded.status).toBe(200);
        expect(
          (
            await w.lead.api.post<Body>(
              `${w.base}/objectives/${id}/approval/submit`,
              undefined,
              ifMatch(reworded.body.version),
            )
          ).status,
        ).toBe(403);
        const resubmitted = await w.ana.api.post<Objective>(
          `${w.base}/objectives/${id}/approval/submit`,
          undefined,
          ifMatch(reworded.body.version),
        );
        expect(resubmitted.body).toMatchObject({ status: 'draft', approval: { state: 'pending' } });
        expect(
          (
            await w.ana.api.post<Body>(
              `${w.base}/objectives/${id}/approval/submit`,
              undefined,
              ifMatch(resubmitted.body.version),
            )
          ).body,
        ).toMatchObject({ status: 409 });

        const approved = await w.lead.api.post<Objective>(
          `${w.base}/objectives/${id}/approval/approve`,
          undefined,
          ifMatch(resubmitted.body.version),
        );
        expect(approved.status).toBe(200);
        expect(approved.body).toMatchObject({
          status: 'active',
          title: 'Customers pay in one step',
          approval: { state: 'approved', abilities: { canApprove: false, canSubmit: false } },
        });
        expect((await w.ana.api.get<Queue>(`${w.base}/approvals`)).body.yours).toEqual([]);

        // Every step is in the audit log, in order.
        const audit = await api.connection.db
          .selectFrom('audit_log')
          .select(['action', 'actor_id', 'after_json'])
          .where('object_id', '=', id)
          .orderBy('id')
          .execute();
        expect(audit.map((a) => [a.action, a.actor_id])).toEqual([
          ['objective.created', w.ana.id],
          ['objective.returned', w.lead.id],
          ['objective.updated', w.ana.id],
          ['objective.submitted', w.ana.id],
          ['objective.approved', w.lead.id],
        ]);
        expect(JSON.parse(audit[1]?.after_json ?? '{}')).toMatchObject({
          approval: 'returned',
          comment: 'Make it **measurable**: what changes for customers?',
        });
      });

      it('a private objective waits only when a lead of its owner may read it, and stays out of other queues', async () => {
        const w = await world();
        await turnApproval(w, true);
        const hidden = await w.ana.api.post<Objective>(`${w.base}/objectives`, {
          ...individual(w, 'I prepare my promotion case'),
          visibility: 'private',
          readerIds: [w.ben.id],
        });
        // No lead could ever read it, so nobody could approve it: it is active at once.
        expect(hidden.body).toMatchObject({ status: 'active', approval: null });
        const shared = await w.ana.api.post<Objective>(`${w.base}/objectives`, {
          ...individual(w, 'I mentor a new joiner'),
          visibility: 'private',
          readerIds: [w.lead.id, w.ben.id],
        });
        expect(shared.body).toMatchObject({ status: 'draft', approval: { state: 'pending' } });
        expect(
          (await w.lead.api.get<Queue>(`${w.base}/approvals`)).body.waitingForYou.map(
            (i) => i.objective.title,
          ),
        ).toEqual(['I mentor a new joiner']);
        // Ben reads it but does not lead Ana: nothing waits for him, and he may not approve it.
        expect((await w.ben.api.get<Queue>(`${w.base}/approvals`)).body.waitingForYou).toEqual([]);
        const byBen = await w.ben.api.post<Body>(
          `${w.base}/objectives/${shared.body.id}/approval/approve`,
          undefined,
          ifMatch(shared.body.version),
        );
        expect(byBen.body).toMatchObject({ status: 403 });
        // Another team's lead cannot even see it.
        const byStranger = await w.otherLead.api.post<Body>(
          `${w.base}/objectives/${shared.body.id}/approval/approve`,
          undefined,
          ifMatch(shared.body.version),
        );
        expect(byStranger.body).toMatchObject({ status: 404, code: 'not_found' });
        // The lead removed from its readers: approval is no longer possible, so its owner makes it active.
        const unshared = await w.ana.api.patch<Objective>(
          `${w.base}/objectives/${shared.body.id}`,
          { readerIds: [w.ben.id] },
          ifMatch(shared.body.version),
        );
        expect(unshared.body.approval?.abilities.canSubmit).toBe(true);
        const activated = await w.ana.api.post<Objective>(
          `${w.base}/objectives/${shared.body.id}/approval/submit`,
          undefined,
          ifMatch(unshared.body.version),
        );
        expect(activated.body).toMatchObject({ status: 'active', approval: { state: 'approved' } });
      });

      it('turned off while a draft waits: the owner makes it active; foreign ids answer 404', async () => {
        const w = await world();
        await turnApproval(w, true);
        const created = await w.ana.api.post<Objective>(
          `${w.base}/objectives`,
          individual(w, 'I learn our payment flows'),
        );
        expect(created.body.status).toBe('draft');
        await turnApproval(w, false);
        const seen = (await w.ana.api.get<Objective>(`${w.base}/objectives/${created.body.id}`))
          .body;
        expect(seen.approval?.abilities.canSubmit).toBe(true);
        const activated = await w.ana.api.post<Objective>(
          `${w.base}/objectives/${created.body.id}/approval/submit`,
          undefined,
          ifMatch(seen.version),
        );
        expect(activated.body).toMatchObject({ status: 'active', approval: { state: 'approved' } });

        const otherOrg = await buildOrganisation(api.connection);
        const stranger = await buildUser(api.connection, otherOrg.id, { name: 'Stranger' });
        const strangerApi = client(api.url, await buildToken(api.connection, stranger.id));
        const foreign = await strangerApi.post<Body>(
          `/api/v1/orgs/${otherOrg.slug}/objectives/${created.body.id}/approval/approve`,
          undefined,
          ifMatch(1),
        );
        expect(foreign.body).toMatchObject({ status: 404, code: 'not_found' });
        expect((await client(api.url).get(`${w.base}/approvals`)).status).toBe(401);
      });
    });
  });
}
