/**
 * Announcements, understanding and the question desk through the API on both databases:
 * publishing to the organisation or to teams notifies the recipients, each acknowledges once and
 * the rates by team and per company objective move; the people who have not acknowledged are
 * reminded at most once a day; a question is asked, assigned, answered (the asker is notified),
 * published to the FAQ and found by search, never showing a private objective's question to
 * someone who may not read it.
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

interface Announcement {
  id: string;
  title: string;
  html: string;
  version: number;
  acknowledgedAt: string | null;
  objectives: { id: string; title: string }[];
  withdrawnAt: string | null;
  abilities: Record<string, boolean>;
}
interface TeamRate {
  team: { id: string; name: string } | null;
  recipients: number;
  acknowledged: number;
  rate: number;
}
interface Understanding {
  recipients: number;
  acknowledged: number;
  rate: number;
  byTeam: TeamRate[];
  notAcknowledged: { id: string; name: string }[];
  nextReminderAt: string | null;
}
interface Question {
  id: string;
  status: string;
  version: number;
  answerHtml: string | null;
  publishedToFaq: boolean;
  assignee: { id: string } | null;
}
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`announcements and the question desk on ${dialect}`, () => {
    let api: TestApi;
    let clock = new Date('2026-10-05T09:00:00.000Z');
    beforeAll(async () => {
      api = await startTestApi(dialect, { now: () => clock });
    });
    afterAll(async () => {
      await api?.close();
    });

    async function world() {
      const c = api.connection;
      const org = await buildOrganisation(c);
      const user = async (name: string, roles: OrgRole[] = []) => {
        const built = await buildUser(c, org.id, { name, roles });
        return { ...built, name, api: client(api.url, await buildToken(c, built.id)) };
      };
      const ceo = await user('Cleo', ['executive']);
      const champ = await user('Chad', ['champion']);
      const ana = await user('Ana');
      const ben = await user('Ben');
      const cat = await user('Cat');
      const growth = await buildTeam(c, org.id, {
        name: 'Growth',
        leads: [ana.id],
        members: [ben.id],
      });
      const platform = await buildTeam(c, org.id, { name: 'Platform', members: [cat.id] });
      const cycle = await buildCycle(c, org.id, { status: 'active' });
      const company = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        level: 'company',
        title: 'Win the mid-market',
      });
      const secret = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        level: 'individual',
        ownerId: ana.id,
        visibility: 'private',
        title: 'Quietly fix pricing',
      });
      const other = await buildOrganisation(c);
      const outsider = await buildUser(c, other.id, {
        name: 'Olga',
        roles: ['executive', 'champion'],
      });
      return {
        org,
        base: `/api/v1/orgs/${org.slug}`,
        ceo,
        champ,
        ana,
        ben,
        cat,
        growth,
        platform,
        cycle,
        company,
        secret,
        other: { org: other, api: client(api.url, await buildToken(c, outsider.id)) },
      };
    }
    type World = Awaited<ReturnType<typeof world>>;

    const publish = async (w: World, body: Record<string, unknown>, as = w.ceo) => {
      const response = await as.api.post<Announcement>(`${w.base}/announcements`, {
        title: 'Our focus for Q4',
        body: 'We go **mid-market**. <script>alert(1)</script>',
        rationale: 'Because small deals do not pay.',
        ...body,
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body;
    };
    const notifications = (w: World, kind: string) =>
      api.connection.db
        .selectFrom('notifications')
        .select(['user_id', 'link'])
        .where('org_id', '=', w.org.id)
        .where('kind', '=', kind)
        .execute();
    const audits = (w: World, action: string) =>
      api.connection.db
        .selectFrom('audit_log')
        .select(['actor_id', 'object_id'])
        .where('org_id', '=', w.org.id)
        .where('action', '=', action)
        .execute();

    it('publishes to the organisation: everyone is notified, sees it on Home, acknowledges once, and the rate by team moves', async () => {
      const w = await world();
      const a = await publish(w, { objectiveIds: [w.company.id] });
      expect(a.html).toContain('<strong>mid-market</strong>');
      expect(a.html).not.toContain('<script');
      expect(a.objectives).toEqual([{ id: w.company.id, title: 'Win the mid-market' }]);
      const told = await notifications(w, 'announcement');
      expect(told.map((n) => n.user_id).sort()).toEqual(
        [w.champ.id, w.ana.id, w.ben.id, w.cat.id].sort(),
      );
      expect(told[0]?.link).toBe(`/announcements/${a.id}`);
      expect(await audits(w, 'announcement.published')).toHaveLength(1);

      const pending = await w.ben.api.get<{ items: Announcement[] }>(
        `${w.base}/announcements?pending=true`,
      );
      expect(pending.body.items.map((i) => i.id)).toEqual([a.id]);
      expect(pending.body.items[0]?.abilities.canAcknowledge).toBe(true);

      const before = await w.ceo.api.get<Understanding>(
        `${w.base}/announcements/${a.id}/understanding`,
      );
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({ recipients: 5, acknowledged: 0, rate: 0 });

      const first = await w.ben.api.post<{ acknowledgedAt: string }>(
        `${w.base}/announcements/${a.id}/acknowledgement`,
      );
      expect(first.status).toBe(200);
      clock = new Date(clock.getTime() + 60_000);
      const again = await w.ben.api.post<{ acknowledgedAt: string }>(
        `${w.base}/announcements/${a.id}/acknowledgement`,
      );
      expect(again.body.acknowledgedAt).toBe(first.body.acknowledgedAt);
      expect(await audits(w, 'announcement.acknowledged')).toHaveLength(1);

      const after = await w.champ.api.get<Understanding>(
        `${w.base}/announcements/${a.id}/understanding`,
      );
      expect(after.body).toMatchObject({ recipients: 5, acknowledged: 1, rate: 0.2 });
      const growth = after.body.byTeam.find((r) => r.team?.id === w.growth.id);
      expect(growth).toMatchObject({ recipients: 2, acknowledged: 1, rate: 0.5 });
      expect(after.body.byTeam.find((r) => r.team === null)).toMatchObject({
        recipients: 2,
        acknowledged: 0,
      });
      expect(after.body.notAcknowledged.map((p) => p.id)).not.toContain(w.ben.id);
      expect(after.body.notAcknowledged).toHaveLength(4);

      const home = await w.ben.api.get<{ items: Announcement[] }>(
        `${w.base}/announcements?pending=true`,
      );
      expect(home.body.items).toEqual([]);

      const perObjective = await w.ceo.api.get<{
        items: {
          objective: { id: string };
          rate: number;
          acknowledged: number;
          byTeam: TeamRate[];
        }[];
      }>(`${w.base}/understanding/objectives?cycleId=${w.cycle.id}`);
      expect(perObjective.status).toBe(200);
      const row = perObjective.body.items.find((i) => i.objective.id === w.company.id);
      expect(row).toMatchObject({ acknowledged: 1, rate: 0.2 });
      expect(row?.byTeam.find((r) => r.team?.id === w.growth.id)?.rate).toBe(0.5);
    });

    it('publishes to chosen teams: only their members are told, see it and may acknowledge it', async () => {
      const w = await world();
      const a = await publish(w, { audience: 'teams', teamIds: [w.platform.id] }, w.champ);
      expect((await notifications(w, 'announcement')).map((n) => n.user_id)).toEqual([w.cat.id]);
      expect((await w.ben.api.get(`${w.base}/announcements/${a.id}`)).status).toBe(404);
      expect((await w.ben.api.post(`${w.base}/announcements/${a.id}/acknowledgement`)).status).toBe(
        404,
      );
      const list = await w.ben.api.get<{ items: Announcement[] }>(`${w.base}/announcements`);
      expect(list.body.items).toEqual([]);
      expect((await w.cat.api.post(`${w.base}/announcements/${a.id}/acknowledgement`)).status).toBe(
        200,
      );
      const u = await w.ceo.api.get<Understanding>(`${w.base}/announcements/${a.id}/understanding`);
      expect(u.body).toMatchObject({ recipients: 1, acknowledged: 1, rate: 1 });
      expect(u.body.byTeam.map((r) => r.team?.name)).toEqual(['Platform']);
      // The publisher is not in the audience: reading is theirs, acknowledging is not.
      expect(
        (await w.champ.api.post(`${w.base}/announcements/${a.id}/acknowledgement`)).status,
      ).toBe(403);
    });

    it('lets only executives and champions publish, see understanding and remind; refuses bad input and other organisations', async () => {
      const w = await world();
      const denied = await w.ana.api.post(`${w.base}/announcements`, {
        title: 'x',
        body: 'y',
        rationale: 'z',
      });
      expect(denied.status).toBe(403);
      const a = await publish(w, {});
      expect((await w.ana.api.get(`${w.base}/announcements/${a.id}/understanding`)).status).toBe(
        403,
      );
      expect((await w.ana.api.post(`${w.base}/announcements/${a.id}/reminders`)).status).toBe(403);
      expect((await w.ana.api.get(`${w.base}/understanding/objectives`)).status).toBe(403);
      expect(
        (
          await w.ceo.api.post(`${w.base}/announcements`, {
            title: 'x',
            body: 'y',
            rationale: 'z',
            audience: 'teams',
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await w.ceo.api.post(`${w.base}/announcements`, {
            title: 'x',
            body: 'y',
            rationale: 'z',
            audience: 'teams',
            teamIds: [w.org.id],
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await w.ceo.api.post(`${w.base}/announcements`, {
            title: 'x',
            body: 'y',
            rationale: 'z',
            objectiveIds: [w.secret.id],
          })
        ).status,
      ).toBe(400);
      expect(
        (await w.other.api.get(`/api/v1/orgs/${w.other.org.slug}/announcements/${a.id}`)).status,
      ).toBe(404);
      expect(
        (await w.other.api.post(`/api/v1/orgs/${w.other.org.slug}/announcements/${a.id}/reminders`))
          .status,
      ).toBe(404);
      expect((await client(api.url).get(`${w.base}/announcements`)).status).toBe(401);
    });

    it('edits with If-Match and withdraws: recipients no longer see it', async () => {
      const w = await world();
      const a = await publish(w, {});
      expect(
        (await w.ceo.api.patch(`${w.base}/announcements/${a.id}`, { title: 'New' })).status,
      ).toBe(428);
      expect(
        (
          await w.ceo.api.patch(
            `${w.base}/announcements/${a.id}`,
            { title: 'New' },
            ifMatch(a.version + 1),
          )
        ).status,
      ).toBe(412);
      expect(
        (
          await w.ana.api.patch(
            `${w.base}/announcements/${a.id}`,
            { title: 'New' },
            ifMatch(a.version),
          )
        ).status,
      ).toBe(403);
      const edited = await w.champ.api.patch<Announcement>(
        `${w.base}/announcements/${a.id}`,
        { title: 'Our focus, clarified', objectiveIds: [w.company.id] },
        ifMatch(a.version),
      );
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ title: 'Our focus, clarified', version: a.version + 1 });
      expect(edited.body.objectives.map((o) => o.id)).toEqual([w.company.id]);
      expect(await audits(w, 'announcement.updated')).toHaveLength(1);
      expect(
        (await w.ceo.api.delete(`${w.base}/announcements/${a.id}`, ifMatch(edited.body.version)))
          .status,
      ).toBe(204);
      expect(await audits(w, 'announcement.withdrawn')).toHaveLength(1);
      expect((await w.ana.api.get(`${w.base}/announcements/${a.id}`)).status).toBe(404);
      expect(
        (await w.ana.api.get<{ items: unknown[] }>(`${w.base}/announcements?pending=true`)).body
          .items,
      ).toEqual([]);
      const seen = await w.ceo.api.get<Announcement>(`${w.base}/announcements/${a.id}`);
      expect(seen.body.withdrawnAt).not.toBeNull();
      expect(seen.body.abilities.canEdit).toBe(false);
    });

    it('reminds those who have not acknowledged, at most once a day', async () => {
      const w = await world();
      const a = await publish(w, {});
      await w.ana.api.post(`${w.base}/announcements/${a.id}/acknowledgement`);
      const reminded = await w.champ.api.post<{ reminded: number }>(
        `${w.base}/announcements/${a.id}/reminders`,
      );
      expect(reminded.status).toBe(200);
      // Not Ana (acknowledged), not the champion who reminds.
      expect(reminded.body.reminded).toBe(3);
      const sent = await notifications(w, 'reminder');
      expect(sent.map((n) => n.user_id).sort()).toEqual([w.ceo.id, w.ben.id, w.cat.id].sort());
      expect(await audits(w, 'announcement.reminded')).toHaveLength(1);
      const soon = await w.ceo.api.post(`${w.base}/announcements/${a.id}/reminders`);
      expect(soon.status).toBe(409);
      const u = await w.ceo.api.get<Understanding>(`${w.base}/announcements/${a.id}/understanding`);
      expect(u.body.nextReminderAt).not.toBeNull();
      clock = new Date(clock.getTime() + 24 * 3_600_000);
      expect((await w.ceo.api.post(`${w.base}/announcements/${a.id}/reminders`)).status).toBe(200);
    });

    it('a question asked, answered and published to the FAQ', async () => {
      const w = await world();
      const a = await publish(w, {});
      const asked = await w.ben.api.post<Question>(`${w.base}/questions`, {
        text: 'What counts as mid-market?',
        announcementId: a.id,
      });
      expect(asked.status).toBe(201);
      expect(asked.body.status).toBe('open');
      const q = asked.body;
      expect((await w.ana.api.get(`${w.base}/questions/${q.id}`)).status).toBe(404);
      expect(
        (await w.ana.api.get<{ items: unknown[]; canManage: boolean }>(`${w.base}/questions`)).body,
      ).toMatchObject({ items: [], canManage: false });
      const queue = await w.champ.api.get<{ items: Question[]; canManage: boolean }>(
        `${w.base}/questions?status=open`,
      );
      expect(queue.body.canManage).toBe(true);
      expect(queue.body.items.map((i) => i.id)).toContain(q.id);
      expect(
        (await w.ben.api.patch(`${w.base}/questions/${q.id}`, { answer: 'x' }, ifMatch(q.version)))
          .status,
      ).toBe(403);
      expect(
        (await w.ana.api.patch(`${w.base}/questions/${q.id}`, { answer: 'x' }, ifMatch(q.version)))
          .status,
      ).toBe(404);
      expect(
        (
          await w.champ.api.patch(
            `${w.base}/questions/${q.id}`,
            { assigneeId: w.ana.id },
            ifMatch(q.version),
          )
        ).status,
      ).toBe(400);
      expect(
        (
          await w.champ.api.patch(
            `${w.base}/questions/${q.id}`,
            { publishedToFaq: true },
            ifMatch(q.version),
          )
        ).status,
      ).toBe(409);
      const assigned = await w.champ.api.patch<Question>(
        `${w.base}/questions/${q.id}`,
        { assigneeId: w.champ.id },
        ifMatch(q.version),
      );
      expect(assigned.body).toMatchObject({ status: 'assigned', assignee: { id: w.champ.id } });
      expect(
        (
          await w.champ.api.patch(
            `${w.base}/questions/${q.id}`,
            { answer: 'x' },
            ifMatch(q.version),
          )
        ).status,
      ).toBe(412);
      const answered = await w.champ.api.patch<Question>(
        `${w.base}/questions/${q.id}`,
        { answer: 'Companies of **50 to 500** people.' },
        ifMatch(assigned.body.version),
      );
      expect(answered.body.status).toBe('answered');
      expect(answered.body.answerHtml).toContain('<strong>50 to 500</strong>');
      expect((await notifications(w, 'answer')).map((n) => n.user_id)).toEqual([w.ben.id]);
      expect(await audits(w, 'question.answered')).toHaveLength(1);
      const mine = await w.ben.api.get<{ items: Question[] }>(`${w.base}/questions`);
      expect(mine.body.items[0]).toMatchObject({ id: q.id, status: 'answered' });

      expect(
        (await w.cat.api.get<{ items: unknown[] }>(`${w.base}/faq?q=mid-market`)).body.items,
      ).toEqual([]);
      const published = await w.champ.api.patch<Question>(
        `${w.base}/questions/${q.id}`,
        { publishedToFaq: true, faqTitle: 'Which customers are mid-market?' },
        ifMatch(answered.body.version),
      );
      expect(published.body.publishedToFaq).toBe(true);
      const found = await w.cat.api.get<{ items: { id: string; title: string }[] }>(
        `${w.base}/faq?q=${encodeURIComponent('MID-market 500')}`,
      );
      expect(found.body.items).toEqual([
        expect.objectContaining({ id: q.id, title: 'Which customers are mid-market?' }),
      ]);
      expect(
        (await w.cat.api.get<{ items: unknown[] }>(`${w.base}/faq?q=enterprise`)).body.items,
      ).toEqual([]);
      expect((await w.cat.api.get<{ items: unknown[] }>(`${w.base}/faq?q=%25`)).body.items).toEqual(
        [],
      );
    });

    it('keeps a question about a private objective to those who may read it', async () => {
      const w = await world();
      expect(
        (await w.ben.api.post(`${w.base}/questions`, { text: 'Why?', objectiveId: w.secret.id }))
          .status,
      ).toBe(404);
      const asked = await w.ana.api.post<Question>(`${w.base}/questions`, {
        text: 'Is pricing on track?',
        objectiveId: w.secret.id,
      });
      expect(asked.status).toBe(201);
      // The champion works the desk but may not read the private objective.
      expect((await w.champ.api.get(`${w.base}/questions/${asked.body.id}`)).status).toBe(404);
      const queue = await w.champ.api.get<{ items: Question[] }>(`${w.base}/questions`);
      expect(queue.body.items.map((i) => i.id)).not.toContain(asked.body.id);
      expect((await w.ana.api.get(`${w.base}/questions/${asked.body.id}`)).status).toBe(200);
      expect(
        (await w.other.api.get(`/api/v1/orgs/${w.other.org.slug}/questions/${asked.body.id}`))
          .status,
      ).toBe(404);
    });
  });
}
