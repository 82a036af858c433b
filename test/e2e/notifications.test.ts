/**
 * The notification centre in Chromium on the demo organisation: the bell's unread count in its
 * accessible name, the panel of the latest, following a notification to its objective (read),
 * "mark all read", the notifications page with its unread filter, and an e-mail setting changed
 * on the account page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../../src/services/notifications/notify.ts';
import { browserSuiteSkip, launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { signIn, startWebServer, type WebServer } from '../support/web-server.ts';

const skip = browserSuiteSkip();

describe.skipIf(skip)('the notification centre, in the browser', () => {
  let server: WebServer;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];
  let ids: {
    org: string;
    member: string;
    lead: string;
    leadName: string;
    objective: string;
    objectiveTitle: string;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const db = server.connection.db;
    const org = await db
      .selectFrom('organisations')
      .select('id')
      .where('slug', '=', 'acme')
      .executeTakeFirstOrThrow();
    const person = async (email: string) =>
      (
        await db
          .selectFrom('users')
          .select('id')
          .where('email', '=', email)
          .executeTakeFirstOrThrow()
      ).id;
    const [member, lead] = await Promise.all([
      person('member@acme.test'),
      person('lead@acme.test'),
    ]);
    const objective = await db
      .selectFrom('objectives as o')
      .innerJoin('cycles as c', 'c.id', 'o.cycle_id')
      .select(['o.id', 'o.title'])
      .where('o.org_id', '=', org.id)
      .where('o.visibility', '=', 'public')
      .where('o.level', '=', 'company')
      .where('c.status', '=', 'active')
      .orderBy('o.id')
      .executeTakeFirstOrThrow();
    const leadName = (
      await db.selectFrom('users').select('name').where('id', '=', lead).executeTakeFirstOrThrow()
    ).name;
    ids = {
      org: org.id,
      member,
      lead,
      leadName,
      objective: objective.id,
      objectiveTitle: objective.title,
    };
    const at = Date.now();
    for (const [i, title] of [
      'Lee asks you to approve “Learn the payment flows”',
      'Check-in due: Conversion to 4%',
      'Lee mentioned you',
    ].entries()) {
      await notify(db, {
        orgId: org.id,
        kind: i === 1 ? 'reminder' : i === 0 ? 'approval' : 'mention',
        actorId: i === 1 ? null : lead,
        recipients: [member],
        title,
        body: i === 2 ? 'What do you think, @Mia?' : null,
        link: `/objectives/${objective.id}`,
        at: new Date(at + i * 1_000),
      });
    }
  });
  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await server?.close();
  });

  it('shows the unread count, follows a notification, marks all read, filters, and changes an e-mail setting', async () => {
    await signIn(browser.context, server.url, 'member@acme.test');
    await page.goto(`${server.url}/orgs/acme/home`);
    const bell = page.getByRole('button', { name: 'Notifications, 3 unread' });
    await bell.click();
    expect(await bell.getAttribute('aria-expanded')).toBe('true');
    const panel = page.getByRole('region', { name: 'Notifications' });
    const links = panel.getByRole('link', { name: /^Unread: / });
    expect((await links.allInnerTexts()).map((text) => text.replace(/\s+/g, ' '))).toEqual([
      'Unread: Lee mentioned you',
      'Unread: Check-in due: Conversion to 4%',
      'Unread: Lee asks you to approve “Learn the payment flows”',
    ]);

    await panel.getByRole('link', { name: 'Unread: Lee mentioned you' }).click();
    await page.waitForURL(`**/orgs/acme/objectives/${ids.objective}`);
    await page.getByRole('heading', { level: 1, name: ids.objectiveTitle }).waitFor();

    // A comment mentioning the lead: the box shows whom it will notify, the comment marks it.
    const composer = page.getByRole('form', { name: 'Add a comment' });
    await page.locator('#comments').scrollIntoViewIfNeeded();
    await composer
      .getByRole('textbox', { name: 'Add a comment' })
      .fill(`Thanks @${ids.leadName.toLowerCase()} for the help`);
    await composer.locator('mark.mention', { hasText: ids.leadName.toLowerCase() }).waitFor();
    await composer.getByRole('button', { name: 'Post comment' }).click();
    await page
      .locator('.comment-body mark.mention', { hasText: ids.leadName.toLowerCase() })
      .waitFor();
    const toLead = await server.connection.db
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', ids.lead)
      .where('kind', '=', 'mention')
      .execute();
    expect(toLead).toHaveLength(1);
    await page.getByRole('button', { name: 'Notifications, 2 unread' }).click();
    await panel.getByRole('button', { name: 'Mark all read' }).click();
    await page.getByRole('button', { name: 'Notifications, 0 unread' }).waitFor();
    expect(await panel.getByRole('link', { name: /^Unread: / }).count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(await panel.count()).toBe(0);

    await page.goto(`${server.url}/orgs/acme/notifications`);
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await page.getByText('What do you think, @Mia?').waitFor();
    await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Unread' }).click();
    await page.getByText('No unread notifications').waitFor();

    await page.getByRole('link', { name: 'Choose which come by e-mail' }).click();
    await page.getByRole('heading', { level: 2, name: 'E-mail notifications' }).waitFor();
    const reminders = page.getByRole('checkbox', { name: 'Reminders of check-ins and scores due' });
    expect(await reminders.isChecked()).toBe(true);
    await reminders.uncheck();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const stored = await server.connection.db
      .selectFrom('notification_settings')
      .select(['kind', 'email'])
      .where('user_id', '=', ids.member)
      .execute();
    expect(stored).toEqual([{ kind: 'reminder', email: 0 }]);
    await page.reload();
    expect(
      await page
        .getByRole('checkbox', { name: 'Reminders of check-ins and scores due' })
        .isChecked(),
    ).toBe(false);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
