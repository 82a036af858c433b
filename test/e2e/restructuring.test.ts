/**
 * Restructuring and personal history, in Chromium on the demo organisation. Checkout's lead moves
 * a key result, with the check-in its owner made, from one Checkout objective to another through
 * the picker on the key result; the key result shows on the new objective with its value and its
 * check-in, and the old objective no longer lists it. Then its owner opens "My history" from the
 * header: the chart of their cycles, the table of the same numbers and the check-in are there.
 */
import type { Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarterOf } from '../../src/domain/cycle.ts';
import { checkInRow } from '../../src/repositories/rows.ts';
import { browserSuiteSkip, launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { buildCycle, buildKeyResult, buildObjective } from '../support/builders.ts';
import { signIn, startWebServer, type WebServer } from '../support/web-server.ts';

const skip = browserSuiteSkip();
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

const FROM = 'Make checkout effortless';
const TO = 'Win back lapsed customers';
const KEY_RESULT = 'Reactivated accounts from 0 to 40';
const NOTE = 'Eleven accounts came back after the win-back e-mails';
/** The demo's active quarter: the one of today's date. */
const today = new Date();
const CURRENT_QUARTER = quarterOf(
  today.getUTCFullYear(),
  (Math.floor(today.getUTCMonth() / 3) + 1) as 1 | 2 | 3 | 4,
).name;

describe.skipIf(skip)('restructuring and personal history, in the browser', () => {
  let server: WebServer;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];
  let ids: { from: string; to: string; keyResult: string; cycleName: string };

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
    const checkout = await db
      .selectFrom('teams')
      .select('id')
      .where('org_id', '=', org.id)
      .where('name', '=', 'Checkout')
      .executeTakeFirstOrThrow();
    // A cycle of its own, so the objective picker lists just these two.
    const cycleName = 'Restructure drill';
    const cycle = await buildCycle(server.connection, org.id, {
      name: cycleName,
      status: 'active',
      startDate: day(-30),
      endDate: day(60),
    });
    const objective = (title: string) =>
      buildObjective(server.connection, org.id, {
        cycleId: cycle.id,
        teamId: checkout.id,
        ownerId: lead,
        title,
      });
    const from = await objective(FROM);
    const to = await objective(TO);
    const keyResult = await buildKeyResult(server.connection, org.id, {
      objectiveId: from.id,
      ownerId: member,
      title: KEY_RESULT,
      start: 0,
      target: 40,
      current: 11,
    });
    await db
      .insertInto('check_ins')
      .values(
        checkInRow({
          id: uuidv7(),
          orgId: org.id,
          keyResultId: keyResult.id,
          value: 11,
          confidence: 0.7,
          note: NOTE,
          authorId: member,
          source: 'user',
          createdAt: new Date(Date.now() - DAY).toISOString(),
        }),
      )
      .execute();
    await db
      .updateTable('key_results')
      .set({ last_check_in_at: new Date(Date.now() - DAY).toISOString() })
      .where('id', '=', keyResult.id)
      .execute();
    ids = { from: from.id, to: to.id, keyResult: keyResult.id, cycleName };
  });
  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await server?.close();
  });

  it('moves a key result to another objective through the picker, with its check-in', async () => {
    await signIn(browser.context, server.url, 'lead@acme.test');
    await page.goto(`${server.url}/orgs/acme/objectives/${ids.from}`);
    await page.getByRole('heading', { level: 1, name: FROM }).waitFor();
    await page.getByRole('article', { name: KEY_RESULT }).waitFor();

    await page.getByRole('button', { name: `Move ${KEY_RESULT} to another objective` }).click();
    const dialog = page.getByRole('dialog', { name: 'Move key result' });
    const picker = dialog.getByRole('combobox', { name: 'Move to objective' });
    await picker.waitFor();
    // Only the other objective of the cycle is offered (and the prompt).
    expect(await picker.locator('option').allTextContents()).toEqual([
      'Choose an objective…',
      `${TO} (Team, Checkout)`,
    ]);
    await picker.selectOption({ label: `${TO} (Team, Checkout)` });
    await dialog.getByRole('button', { name: 'Move key result' }).click();

    // The page of the objective it joined shows it, with its value.
    await page.getByRole('heading', { level: 1, name: TO }).waitFor();
    expect(page.url()).toContain(`/objectives/${ids.to}`);
    const moved = page.getByRole('article', { name: KEY_RESULT });
    await moved.waitFor();
    await moved.getByText('11', { exact: true }).waitFor();
    // Its check-in came along: the timeline of the new objective lists the note.
    const timeline = page.getByRole('region', { name: 'Check-ins' });
    await timeline.scrollIntoViewIfNeeded();
    // (The chart's table of the same check-ins holds it too, hidden until asked for.)
    await timeline.getByText(NOTE).first().waitFor({ state: 'attached' });

    // The objective it left no longer lists it.
    await page.goto(`${server.url}/orgs/acme/objectives/${ids.from}`);
    await page.getByRole('heading', { level: 1, name: FROM }).waitFor();
    await page.getByText('No key results yet').waitFor();
    expect(await page.getByRole('article', { name: KEY_RESULT }).count()).toBe(0);
  });

  it('duplicates an objective and moves the copy to another cycle through the dialogs', async () => {
    await signIn(browser.context, server.url, 'lead@acme.test');
    await page.goto(`${server.url}/orgs/acme/objectives/${ids.to}`);
    await page.getByRole('heading', { level: 1, name: TO }).waitFor();

    await page.getByRole('button', { name: 'Duplicate…' }).click();
    const duplicate = page.getByRole('dialog', { name: 'Duplicate objective' });
    await duplicate
      .getByRole('textbox', { name: 'Title of the copy' })
      .fill('Win back lapsed customers, again');
    await duplicate.getByRole('button', { name: 'Duplicate' }).click();
    // The copy opens, with the key result but not its check-in value.
    await page
      .getByRole('heading', { level: 1, name: 'Win back lapsed customers, again' })
      .waitFor();
    const copied = page.getByRole('article', { name: KEY_RESULT });
    await copied.getByText('0', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Move…' }).click();
    const move = page.getByRole('dialog', { name: 'Move objective' });
    await move.getByRole('combobox', { name: 'Cycle' }).selectOption({ label: CURRENT_QUARTER });
    await move.getByRole('combobox', { name: 'Aligned to' }).selectOption({ label: 'No parent' });
    await move.getByRole('button', { name: 'Move objective' }).click();
    await move.waitFor({ state: 'detached' });
    await page
      .getByRole('region', { name: 'Summary' })
      .getByText(CURRENT_QUARTER, { exact: true })
      .waitFor();
  });

  it("shows the owner's history across cycles, reached from the header", async () => {
    await signIn(browser.context, server.url, 'member@acme.test');
    await page.goto(`${server.url}/orgs/acme/home`);
    await page.getByRole('link', { name: 'My history' }).click();
    await page.getByRole('heading', { level: 1, name: 'My history' }).waitFor();

    // The chart, named by its heading, and the table of its numbers with the drill's cycle.
    await page.getByRole('img', { name: 'Cycle by cycle' }).waitFor();
    const table = page.getByRole('table');
    await table.getByRole('rowheader', { name: ids.cycleName }).waitFor();
    expect(await table.getByRole('row').count()).toBeGreaterThan(1);

    // The check-in, with the objective it now belongs to.
    const checkIns = page.getByRole('region', { name: 'Latest check-ins' });
    const entry = checkIns.getByRole('listitem').filter({ hasText: NOTE });
    await entry.waitFor();
    await entry.getByRole('link', { name: TO }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
