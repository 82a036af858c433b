/**
 * Time travel in Chromium on the demo organisation: the CEO's company objective had a check-in
 * ten days ago (30 of 100); today the CEO checks in 80 and rewords it. Picking a past day in
 * "Show as of" shows the objective as it was — the old wording, the value then, a banner naming
 * the day, nothing to edit or check in — and "Back to now" returns. The company page does the
 * same, and its links keep the day.
 */
import type { Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuiteSkip, launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { buildCycle, buildKeyResult, buildObjective } from '../support/builders.ts';
import { signIn, startWebServer, type WebServer } from '../support/web-server.ts';

const skip = browserSuiteSkip();
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

const OLD_TITLE = 'Make time travel believable';
const NEW_TITLE = 'Make the past one click away';
const KEY_RESULT = 'Past pages opened from 0 to 100';

describe.skipIf(skip)('time travel, in the browser', () => {
  let server: WebServer;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];
  let ids: { cycle: string; objective: string };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));

    const c = server.connection;
    const org = await c.db
      .selectFrom('organisations')
      .select('id')
      .where('slug', '=', 'acme')
      .executeTakeFirstOrThrow();
    const ceo = await c.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'ceo@acme.test')
      .executeTakeFirstOrThrow();
    const cycle = await buildCycle(c, org.id, {
      name: 'Time travel drill',
      status: 'active',
      startDate: day(-30),
      endDate: day(30),
    });
    const objective = await buildObjective(c, org.id, {
      cycleId: cycle.id,
      level: 'company',
      ownerId: ceo.id,
      title: OLD_TITLE,
    });
    const keyResult = await buildKeyResult(c, org.id, {
      objectiveId: objective.id,
      ownerId: ceo.id,
      title: KEY_RESULT,
    });
    // A check-in ten days ago, as the check-ins table keeps them.
    const tenDaysAgo = `${day(-10)}T12:00:00.000Z`;
    await c.db
      .insertInto('check_ins')
      .values({
        id: uuidv7(),
        org_id: org.id,
        key_result_id: keyResult.id,
        value: 30,
        confidence: 0.6,
        note: null,
        author_id: ceo.id,
        source: 'web',
        created_at: tenDaysAgo,
      })
      .execute();
    await c.db
      .updateTable('key_results')
      .set({ current_value: 30, confidence: 0.6, last_check_in_at: tenDaysAgo })
      .where('id', '=', keyResult.id)
      .execute();
    ids = { cycle: cycle.id, objective: objective.id };
  });
  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await server?.close();
  });

  const keyResultRow = () => page.getByRole('article', { name: KEY_RESULT });
  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  const banner = () => page.getByRole('status').filter({ hasText: 'You are looking at' });

  it('shows an objective and the company page as they were on a past day, read-only, and comes back to now', async () => {
    const { csrfToken } = await signIn(browser.context, server.url, 'ceo@acme.test');
    await page.goto(`${server.url}/orgs/acme/objectives/${ids.objective}`);
    await heading(OLD_TITLE).waitFor();

    // Today: a check-in of 80, then new words.
    await keyResultRow()
      .getByRole('button', { name: `Check in on ${KEY_RESULT}` })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Check in' });
    await dialog.getByLabel('New value').fill('80');
    await dialog.getByRole('button', { name: 'Save check-in' }).click();
    await dialog.waitFor({ state: 'detached' });
    const current = await page.request.get(
      `${server.url}/api/v1/orgs/acme/objectives/${ids.objective}`,
    );
    const renamed = await page.request.patch(
      `${server.url}/api/v1/orgs/acme/objectives/${ids.objective}`,
      {
        headers: { 'x-csrf-token': csrfToken, 'if-match': current.headers().etag ?? '' },
        data: { title: NEW_TITLE },
      },
    );
    expect(renamed.status()).toBe(200);
    await page.reload();
    await heading(NEW_TITLE).waitFor();
    await keyResultRow().getByText('80', { exact: true }).waitFor();
    expect(await banner().count()).toBe(0);

    // Five days ago: the old words, 30 of 100, nothing to change.
    await page.getByLabel('Show as of').fill(day(-5));
    await banner().waitFor();
    await heading(OLD_TITLE).waitFor();
    await keyResultRow().getByText('30', { exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.get('asOf')).toBe(day(-5));
    expect(await page.getByRole('button', { name: `Check in on ${KEY_RESULT}` }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Edit', exact: true }).count()).toBe(0);

    // Twenty days ago: before the first check-in, the start value.
    await page.getByLabel('Show as of').fill(day(-20));
    await keyResultRow().getByText('0', { exact: true }).waitFor();

    // Back to now.
    await banner().getByRole('button', { name: 'Back to now' }).click();
    await heading(NEW_TITLE).waitFor();
    await keyResultRow()
      .getByRole('button', { name: `Check in on ${KEY_RESULT}` })
      .waitFor();
    expect(new URL(page.url()).searchParams.has('asOf')).toBe(false);

    // The company page of that cycle, five days ago, by keyboard: the old words; the link keeps the day.
    await page.goto(`${server.url}/orgs/acme/company?cycle=${ids.cycle}`);
    await page.getByRole('article', { name: NEW_TITLE }).getByRole('link', { name: NEW_TITLE }).waitFor();
    const picker = page.getByLabel('Show as of');
    await picker.focus();
    await picker.fill(day(-5));
    await banner().waitFor();
    await page.getByRole('link', { name: OLD_TITLE }).click();
    await heading(OLD_TITLE).waitFor();
    expect(new URL(page.url()).searchParams.get('asOf')).toBe(day(-5));
    await banner().waitFor();
    expect(pageErrors).toEqual([]);
  });
});
