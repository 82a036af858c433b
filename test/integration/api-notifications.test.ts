/**
 * The notification centre through the API on both databases: `notify()` reaches members of the
 * organisation only (never the person who caused it), each person sees only their own
 * notifications with an unread count, marks one or all read (audited), and chooses which kinds
 * come by e-mail — which decides whether later notifications wait for the mailer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../../src/services/notifications/notify.ts';
import { client, startTestApi, type TestApi } from '../support/api.ts';
import { buildOrganisation, buildToken, buildUser } from '../support/builders.ts';
import { dialectsUnderTest } from '../support/databases.ts';

interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  subject: { type: string; id: string } | null;
  actor: { id: string; name: string } | null;
  readAt: string | null;
}
interface NotificationPage {
  items: Notification[];
  nextCursor: string | null;
  unreadCount: number;
}
interface Settings {
  settings: { kind: string; label: string; email: boolean; defaultEmail: boolean }[];
}

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`notifications on ${dialect}`, () => {
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
      const person = async (name: string) => {
        const built = await buildUser(c, org.id, { name });
        return { ...built, api: client(api.url, await buildToken(c, built.id)) };
      };
      const ana = await person('Ana');
      const ben = await person('Ben');
      const cy = await person('Cy');
      const other = await buildOrganisation(c);
      const olga = await buildUser(c, other.id, { name: 'Olga' });
      return { c, org, base: `/api/v1/orgs/${org.slug}`, ana, ben, cy, other, olga };
    }

    const emailStatuses = async (c: TestApi['connection'], userId: string) =>
      (
        await c.db
          .selectFrom('notifications')
          .select(['title', 'email_status'])
          .where('user_id', '=', userId)
          .orderBy('id')
          .execute()
      ).map((row) => [row.title, row.email_status]);

    it('reaches members only, once each, never the actor; each sees their own, newest first', async () => {
      const w = await world();
      const sent = await notify(w.c.db, {
        orgId: w.org.id,
        kind: 'mention',
        actorId: w.ana.id,
        recipients: [w.ben.id, w.ben.id, w.ana.id, w.olga.id, w.cy.id],
        title: 'Ana mentioned you on “Win the market”',
        body: 'What do you think, @Ben?',
        link: '/objectives/0190a1b2-0000-7000-8000-000000000001',
        subject: { type: 'comment', id: '0190a1b2-0000-7000-8000-000000000002' },
        at: new Date('2026-11-02T10:00:00Z'),
      });
      expect(sent).toBe(2);
      await notify(w.c.db, {
        orgId: w.org.id,
        kind: 'reminder',
        actorId: null,
        recipients: [w.ben.id],
        title: 'Your check-in on “Weekly active teams” is due',
        at: new Date('2026-11-03T08:00:00Z'),
      });

      const ben = await w.ben.api.get<NotificationPage>(`${w.base}/me/notifications`);
      expect(ben.status).toBe(200);
      expect(ben.body.unreadCount).toBe(2);
      expect(ben.body.items.map((n) => [n.kind, n.title])).toEqual([
        ['reminder', 'Your check-in on “Weekly active teams” is due'],
        ['mention', 'Ana mentioned you on “Win the market”'],
      ]);
      const mention = ben.body.items[1]!;
      expect(mention.actor).toEqual({ id: w.ana.id, name: 'Ana' });
      expect(mention.subject).toEqual({
        type: 'comment',
        id: '0190a1b2-0000-7000-8000-000000000002',
      });
      expect(mention.readAt).toBeNull();
      expect(ben.body.items[0]!.actor).toBeNull();

      const ana = await w.ana.api.get<NotificationPage>(`${w.base}/me/notifications`);
      expect(ana.body).toMatchObject({ items: [], unreadCount: 0 });
      const cy = await w.cy.api.get<NotificationPage>(`${w.base}/me/notifications`);
      expect(cy.body.items.map((n) => n.kind)).toEqual(['mention']);
      const olgaRows = await w.c.db
        .selectFrom('notifications')
        .select('id')
        .where('user_id', '=', w.olga.id)
        .execute();
      expect(olgaRows).toEqual([]);
    });

    it('marks one and then all read, audited; another person’s notification is 404', async () => {
      const w = await world();
      for (const title of ['one', 'two', 'three']) {
        await notify(w.c.db, {
          orgId: w.org.id,
          kind: 'announcement',
          actorId: w.ana.id,
          recipients: [w.ben.id],
          title,
          at: new Date(),
        });
      }
      const page = await w.ben.api.get<NotificationPage>(`${w.base}/me/notifications?limit=2`);
      expect(page.body.items.map((n) => n.title)).toEqual(['three', 'two']);
      expect(page.body.nextCursor).not.toBeNull();
      const rest = await w.ben.api.get<NotificationPage>(
        `${w.base}/me/notifications?limit=2&cursor=${page.body.nextCursor}`,
      );
      expect(rest.body.items.map((n) => n.title)).toEqual(['one']);
      const two = page.body.items[1]!;

      expect((await w.cy.api.post(`${w.base}/me/notifications/${two.id}/read`)).status).toBe(404);
      const read = await w.ben.api.post<Notification>(`${w.base}/me/notifications/${two.id}/read`);
      expect(read.status).toBe(200);
      expect(read.body.readAt).not.toBeNull();
      const again = await w.ben.api.post<Notification>(`${w.base}/me/notifications/${two.id}/read`);
      expect(again.body.readAt).toBe(read.body.readAt);

      const count = await w.ben.api.get<{ unreadCount: number }>(
        `${w.base}/me/notifications/unread-count`,
      );
      expect(count.body).toEqual({ unreadCount: 2 });
      const unread = await w.ben.api.get<NotificationPage>(
        `${w.base}/me/notifications?unread=true`,
      );
      expect(unread.body.items.map((n) => n.title)).toEqual(['three', 'one']);

      const all = await w.ben.api.post<{ marked: number }>(`${w.base}/me/notifications/read-all`);
      expect(all.body).toEqual({ marked: 2 });
      expect(
        (await w.ben.api.get<{ unreadCount: number }>(`${w.base}/me/notifications/unread-count`))
          .body,
      ).toEqual({
        unreadCount: 0,
      });
      const audit = await w.c.db
        .selectFrom('audit_log')
        .select(['action', 'object_id'])
        .where('org_id', '=', w.org.id)
        .where('actor_id', '=', w.ben.id)
        .orderBy('id')
        .execute();
      expect(audit).toEqual([
        { action: 'notification.read', object_id: two.id },
        { action: 'notification.read_all', object_id: w.ben.id },
      ]);
      expect(
        (await w.ben.api.post(`/api/v1/orgs/${w.other.slug}/me/notifications/read-all`)).status,
      ).toBe(404);
      expect((await w.ben.api.get(`${w.base}/me/notifications?unread=maybe`)).status).toBe(400);
    });

    it('e-mail settings: defaults per kind, changed per person, decide which notifications wait for the mailer', async () => {
      const w = await world();
      const defaults = await w.ben.api.get<Settings>(`${w.base}/me/notification-settings`);
      expect(defaults.status).toBe(200);
      const byKind = Object.fromEntries(defaults.body.settings.map((s) => [s.kind, s.email]));
      expect(byKind).toMatchObject({
        mention: true,
        approval: false,
        collaboration_request: false,
      });
      expect(
        defaults.body.settings.every((s) => s.email === s.defaultEmail && s.label.length > 0),
      ).toBe(true);

      const say = (kind: 'mention' | 'approval', title: string) =>
        notify(w.c.db, {
          orgId: w.org.id,
          kind,
          actorId: w.ana.id,
          recipients: [w.ben.id],
          title,
          at: new Date(),
        });
      await say('mention', 'mention before');
      await say('approval', 'approval before');

      const changed = await w.ben.api.call<Settings>('PUT', `${w.base}/me/notification-settings`, {
        body: {
          settings: [
            { kind: 'mention', email: false },
            { kind: 'approval', email: true },
          ],
        },
      });
      expect(changed.status).toBe(200);
      const after = Object.fromEntries(
        changed.body.settings.map((s) => [s.kind, [s.email, s.defaultEmail]]),
      );
      expect(after).toMatchObject({
        mention: [false, true],
        approval: [true, false],
        answer: [true, true],
      });
      expect((await w.ben.api.get<Settings>(`${w.base}/me/notification-settings`)).body).toEqual(
        changed.body,
      );

      await say('mention', 'mention after');
      await say('approval', 'approval after');
      expect(await emailStatuses(w.c, w.ben.id)).toEqual([
        ['mention before', 'pending'],
        ['approval before', null],
        ['mention after', null],
        ['approval after', 'pending'],
      ]);
      // Cy's settings are untouched by Ben's.
      const cy = await w.cy.api.get<Settings>(`${w.base}/me/notification-settings`);
      expect(cy.body).toEqual(defaults.body);

      for (const body of [
        { settings: [] },
        { settings: [{ kind: 'gossip', email: true }] },
        { settings: [{ kind: 'mention' }] },
      ]) {
        const bad = await w.ben.api.call<{ code: string }>(
          'PUT',
          `${w.base}/me/notification-settings`,
          { body },
        );
        expect(bad.status).toBe(400);
      }
      const audit = await w.c.db
        .selectFrom('audit_log')
        .select('action')
        .where('actor_id', '=', w.ben.id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['notification_settings.updated']);
    });

    it('cuts long titles and bodies, and notifies hundreds in one go (more than one insert)', async () => {
      const w = await world();
      const many: string[] = [];
      for (let i = 0; i < 620; i++)
        many.push((await buildUser(w.c, w.org.id, { name: `Extra ${i}` })).id);
      const sent = await notify(w.c.db, {
        orgId: w.org.id,
        kind: 'announcement',
        actorId: null,
        recipients: [...many, w.cy.id, w.cy.id, w.olga.id],
        title: 'x'.repeat(1_000),
        body: 'y'.repeat(10_000),
        at: new Date(),
      });
      expect(sent).toBe(621);
      const stored = await w.c.db
        .selectFrom('notifications')
        .select((eb) => eb.fn.count<number | string>('user_id').distinct().as('people'))
        .where('org_id', '=', w.org.id)
        .executeTakeFirstOrThrow();
      expect(Number(stored.people)).toBe(621);
      const cy = await w.cy.api.get<NotificationPage>(`${w.base}/me/notifications`);
      expect(cy.body.items[0]!.title.length).toBe(300);
      expect(cy.body.items[0]!.body!.length).toBe(2_000);
    });
  });
}
