/**
 * Cadence, nudges and e-mail on both databases, over a real SMTP server the test starts: a key
 * result without check-ins gets its owner a reminder once per due period (received by e-mail,
 * with the link into the app), leads are told after the configured misses and champions after
 * more; a team's own cadence moves its reminder day; failed e-mails are retried then kept as
 * failed; the weekly digest arrives once and respects the opt-out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/services/jobs/scheduler.ts';
import { JOBS } from '../../src/services/jobs/registry.ts';
import { createMailer, type Mailer } from '../../src/services/mail/mailer.ts';
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
import { startTestSmtp, type TestSmtp } from '../support/smtp.ts';

// The builders make key results on Thursday 2026-10-01 09:00; the organisation's cadence is
// weekly on Mondays (day 1), leads after 2 misses, champions after 3.
const MONDAY_1 = new Date('2026-10-12T10:00:00Z'); // 1 missed
const MONDAY_2 = new Date('2026-10-19T10:00:00Z'); // 2 missed
const MONDAY_3 = new Date('2026-10-26T10:00:00Z'); // 3 missed
const PUBLIC_URL = 'https://okr.example.test';

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`check-in nudges and e-mail on ${dialect}`, () => {
    let api: TestApi;
    let smtp: TestSmtp;
    let mailer: Mailer;
    let now = MONDAY_1;
    let scheduler: Scheduler;
    beforeAll(async () => {
      [api, smtp] = await Promise.all([startTestApi(dialect), startTestSmtp()]);
      mailer = createMailer({
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        user: undefined,
        password: undefined,
        from: 'OKR Wizard <okr@example.test>',
      });
      scheduler = new Scheduler({
        connection: api.connection,
        jobs: JOBS,
        mailer,
        publicUrl: PUBLIC_URL,
        now: () => now,
        log: () => {},
      });
    });
    afterAll(async () => {
      mailer?.close();
      await Promise.all([api?.close(), smtp?.close()]);
    });

    async function world() {
      const c = api.connection;
      const org = await buildOrganisation(c);
      const ana = await buildUser(c, org.id, { name: 'Ana Owner' });
      const lee = await buildUser(c, org.id, { name: 'Lee Lead' });
      const cham = await buildUser(c, org.id, { name: 'Cham Champion', roles: ['champion'] });
      const team = await buildTeam(c, org.id, { leads: [lee.id], members: [ana.id] });
      const cycle = await buildCycle(c, org.id);
      const objective = await buildObjective(c, org.id, {
        cycleId: cycle.id,
        teamId: team.id,
        ownerId: lee.id,
        title: 'Checkout that delights',
      });
      const keyResult = await buildKeyResult(c, org.id, {
        objectiveId: objective.id,
        ownerId: ana.id,
        title: `Conversion to 4% ${org.slug}`,
      });
      return { c, org, ana, lee, cham, team, objective, keyResult };
    }

    const notificationsOf = async (userId: string) =>
      api.connection.db
        .selectFrom('notifications')
        .select(['kind', 'title', 'link', 'email_status', 'email_error', 'email_attempts'])
        .where('user_id', '=', userId)
        .orderBy('id')
        .execute();

    it('reminds the owner once per due period by e-mail, then escalates to leads and champions', async () => {
      const w = await world();
      now = MONDAY_1;
      expect(await scheduler.runNow('check-in-nudges')).toBe(true);
      expect(await scheduler.runNow('check-in-nudges')).toBe(true);
      expect((await notificationsOf(w.ana.id)).map((n) => n.kind)).toEqual(['reminder']);
      expect(await notificationsOf(w.lee.id)).toEqual([]);

      await scheduler.runNow('send-emails');
      const [reminder, ...more] = smtp.to(w.ana.email);
      expect(more).toHaveLength(0);
      expect(reminder?.subject).toBe(`Check-in due: Conversion to 4% ${w.org.slug}`);
      expect(reminder?.from?.text).toContain('okr@example.test');
      const link = `${PUBLIC_URL}/orgs/${w.org.slug}/objectives/${w.objective.id}`;
      expect(reminder?.text).toContain(link);
      expect(reminder?.html).toContain(`href="${link}"`);
      expect((await notificationsOf(w.ana.id))[0]?.email_status).toBe('sent');
      // Sent is never sent again.
      await scheduler.runNow('send-emails');
      expect(smtp.to(w.ana.email)).toHaveLength(1);

      now = MONDAY_2;
      await scheduler.runNow('check-in-nudges');
      await scheduler.runNow('check-in-nudges');
      expect((await notificationsOf(w.ana.id)).map((n) => n.kind)).toEqual([
        'reminder',
        'reminder',
      ]);
      const toLee = await notificationsOf(w.lee.id);
      expect(toLee.map((n) => [n.kind, n.title])).toEqual([
        ['escalation', `Ana Owner has 2 missed check-ins on "Conversion to 4% ${w.org.slug}"`],
      ]);
      expect(await notificationsOf(w.cham.id)).toEqual([]);

      now = MONDAY_3;
      await scheduler.runNow('check-in-nudges');
      expect((await notificationsOf(w.lee.id)).map((n) => n.kind)).toEqual(['escalation']);
      expect((await notificationsOf(w.cham.id)).map((n) => n.kind)).toEqual(['escalation']);
      await scheduler.runNow('send-emails');
      expect(smtp.to(w.lee.email).map((m) => m.subject)).toEqual([
        `Ana Owner has 2 missed check-ins on "Conversion to 4% ${w.org.slug}"`,
      ]);
      expect(smtp.to(w.cham.email).map((m) => m.subject)).toEqual([
        `Ana Owner has 3 missed check-ins on "Conversion to 4% ${w.org.slug}"`,
      ]);
    });

    it('a check-in starts over; a private objective is not told to champions who may not read it', async () => {
      const w = await world();
      const secret = await buildObjective(w.c, w.org.id, {
        cycleId: (await buildCycle(w.c, w.org.id)).id,
        level: 'individual',
        ownerId: w.ana.id,
        visibility: 'private',
        title: 'Secret plan',
      });
      await buildKeyResult(w.c, w.org.id, {
        objectiveId: secret.id,
        ownerId: w.ana.id,
        title: 'Secret KR',
      });
      await w.c.db
        .updateTable('key_results')
        .set({ last_check_in_at: '2026-10-21T09:00:00.000Z' })
        .where('id', '=', w.keyResult.id)
        .execute();
      now = MONDAY_3;
      await scheduler.runNow('check-in-nudges');
      const toAna = await notificationsOf(w.ana.id);
      expect(toAna.map((n) => n.title)).toEqual(['Check-in due: Secret KR']);
      expect((await notificationsOf(w.cham.id)).map((n) => n.title)).toEqual([]);
    });

    it('a team with its own cadence day is reminded on that day, not the organisation’s', async () => {
      const w = await world();
      const leeApi = client(api.url, await buildToken(w.c, w.lee.id));
      const put = await leeApi.call(
        'PUT',
        `/api/v1/orgs/${w.org.slug}/teams/${w.team.id}/cadence`,
        {
          body: { checkInCadenceDays: 7, checkInWeekday: 3 },
        },
      );
      expect(put.status).toBe(200);
      now = MONDAY_1;
      await scheduler.runNow('check-in-nudges');
      expect(await notificationsOf(w.ana.id)).toEqual([]);
      now = new Date('2026-10-14T10:00:00Z'); // Wednesday
      await scheduler.runNow('check-in-nudges');
      expect((await notificationsOf(w.ana.id)).map((n) => n.kind)).toEqual(['reminder']);
    });

    it('cadence settings: team leads and champions set a team’s, audited; others 403, another organisation’s team 404', async () => {
      const w = await world();
      const as = async (userId: string) => client(api.url, await buildToken(w.c, userId));
      const [anaApi, leeApi, chamApi] = await Promise.all([
        as(w.ana.id),
        as(w.lee.id),
        as(w.cham.id),
      ]);
      const path = `/api/v1/orgs/${w.org.slug}/teams/${w.team.id}/cadence`;
      const read = await anaApi.get(path);
      expect(read.body).toMatchObject({
        ownCadence: false,
        checkInCadenceDays: 7,
        checkInWeekday: 1,
        version: 0,
        abilities: { canEdit: false },
      });
      expect(
        (await anaApi.call('PUT', path, { body: { checkInCadenceDays: 14, checkInWeekday: 2 } }))
          .status,
      ).toBe(403);
      expect(
        (await leeApi.call('PUT', path, { body: { checkInCadenceDays: 0, checkInWeekday: 2 } }))
          .status,
      ).toBe(400);
      const set = await leeApi.call('PUT', path, {
        body: { checkInCadenceDays: 14, checkInWeekday: 2 },
      });
      expect(set.body).toMatchObject({
        ownCadence: true,
        checkInCadenceDays: 14,
        checkInWeekday: 2,
        version: 1,
        abilities: { canEdit: true },
      });
      const back = await chamApi.call('PUT', path, { body: { followOrganisation: true } });
      expect(back.body).toMatchObject({ ownCadence: false, checkInCadenceDays: 7 });
      const audit = await w.c.db
        .selectFrom('audit_log')
        .select('action')
        .where('object_id', '=', w.team.id)
        .execute();
      expect(audit.map((row) => row.action)).toEqual([
        'team_cadence.updated',
        'team_cadence.updated',
      ]);
      const other = await buildOrganisation(w.c);
      const foreign = await buildTeam(w.c, other.id);
      expect(
        (await chamApi.get(`/api/v1/orgs/${w.org.slug}/teams/${foreign.id}/cadence`)).status,
      ).toBe(404);
      // The organisation's escalation settings: champions after leads, never before.
      const org = await chamApi.get<{ version: number; settings: Record<string, unknown> }>(
        `/api/v1/orgs/${w.org.slug}`,
      );
      expect(org.body.settings).toMatchObject({ escalateAfterMisses: 2, championsAfterMisses: 3 });
      const bad = await chamApi.patch(
        `/api/v1/orgs/${w.org.slug}`,
        { settings: { escalateAfterMisses: 4 } },
        { 'if-match': `"${org.body.version}"` },
      );
      expect(bad.status).toBe(400);
    });

    it('retries a refused e-mail, then keeps it as failed with the error', async () => {
      const w = await world();
      const refusing: Mailer = {
        enabled: true,
        send: () => Promise.reject(new Error('550 mailbox unavailable')),
        close: () => {},
      };
      const failing = new Scheduler({
        connection: api.connection,
        jobs: JOBS,
        mailer: refusing,
        publicUrl: PUBLIC_URL,
        now: () => now,
        log: () => {},
      });
      now = MONDAY_1;
      await failing.runNow('check-in-nudges');
      for (let attempt = 1; attempt <= 4; attempt++) await failing.runNow('send-emails');
      const [row] = await notificationsOf(w.ana.id);
      expect(row).toMatchObject({
        email_status: 'failed',
        email_attempts: 3,
        email_error: '550 mailbox unavailable',
      });
    });

    it('sends the weekly digest once a week to those who did not turn it off', async () => {
      const w = await world();
      const leeApi = client(api.url, await buildToken(w.c, w.lee.id));
      const off = await leeApi.call('PUT', `/api/v1/orgs/${w.org.slug}/me/notification-settings`, {
        body: { settings: [{ kind: 'digest', email: false }] },
      });
      expect(off.status).toBe(200);
      await buildKeyResult(w.c, w.org.id, {
        objectiveId: w.objective.id,
        ownerId: w.lee.id,
        title: 'Lee’s own KR',
      });
      now = MONDAY_1;
      await scheduler.runNow('weekly-digest');
      await scheduler.runNow('weekly-digest');
      const digests = smtp.to(w.ana.email).filter((m) => m.subject?.startsWith('Your OKR week'));
      expect(digests).toHaveLength(1);
      expect(digests[0]?.text).toContain(
        `Conversion to 4% ${w.org.slug} (Checkout that delights): 0%`,
      );
      expect(
        smtp.to(w.lee.email).filter((m) => m.subject?.startsWith('Your OKR week')),
      ).toHaveLength(0);
    });
  });
}
