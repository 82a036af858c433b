/**
 * Announcements and the question desk, in Chromium on the demo organisation:
 * - the CEO publishes an announcement; a member sees it on Home and acknowledges it ("I have read
 *   and understood"); the CEO's announcement page shows the rate change, with bars by team;
 * - a member asks a question, the champion answers it and publishes it to the FAQ, where a
 *   search finds it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuiteSkip, launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { signIn, startWebServer, type WebServer } from '../support/web-server.ts';

const skip = browserSuiteSkip();
const TITLE = 'Checkout is our focus for the next six weeks';
const QUESTION = 'Do shared objectives count towards my team’s three objectives?';

describe.skipIf(skip)('announcements and the question desk, in the browser', () => {
  let server: WebServer;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => void dialog.accept());
  });

  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await server?.close();
  });

  it('publishing an announcement, acknowledging it, and seeing the rate change', async () => {
    await signIn(browser.context, server.url, 'ceo@acme.test');
    await page.goto(`${server.url}/orgs/acme/announcements`);
    await page.getByRole('heading', { level: 1, name: 'Announcements' }).waitFor();
    await page.getByRole('button', { name: 'New announcement' }).click();
    await page.getByRole('textbox', { name: 'Title' }).fill(TITLE);
    await page
      .getByRole('textbox', { name: 'Announcement (Markdown)' })
      .fill('Everyone helps **checkout** first. <script>window.hacked = 1</script>');
    await page
      .getByRole('textbox', { name: 'Why it matters' })
      .fill('Checkout loses us 1 in 4 buyers.');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(await page.locator('.announcement-body strong').first().textContent()).toBe('checkout');
    const rate = page.getByTestId('acknowledgement-rate');
    await expect.poll(() => rate.textContent()).toMatch(/^0% acknowledged \(0 of \d+ people\)/);
    const recipients = /of (\d+) people/.exec((await rate.textContent()) ?? '')?.[1];
    await page.getByRole('img', { name: /Acknowledged, by team/ }).waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page
      .getByRole('textbox', { name: 'Why it matters' })
      .fill('Checkout loses us 1 in 4 buyers, and the holidays are coming.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('and the holidays are coming.').waitFor();

    await signIn(browser.context, server.url, 'member@acme.test');
    await page.goto(`${server.url}/orgs/acme/home`);
    const section = page.getByRole('region', { name: 'Announcements to acknowledge' });
    const card = section.getByRole('listitem').filter({ hasText: TITLE });
    await card.getByRole('button', { name: 'I have read and understood' }).click();
    await card.waitFor({ state: 'detached' });
    expect(await page.evaluate('typeof window.hacked')).toBe('undefined');

    await signIn(browser.context, server.url, 'ceo@acme.test');
    await page.goto(`${server.url}/orgs/acme/announcements`);
    await page.getByRole('link', { name: TITLE }).click();
    await expect
      .poll(() => page.getByTestId('acknowledgement-rate').textContent())
      .toContain(`(1 of ${recipients ?? '?'} people)`);
    expect(pageErrors).toEqual([]);
  });

  it('a question asked, answered and published to the FAQ', async () => {
    const objective = await server.connection.db
      .selectFrom('objectives')
      .select(['id', 'title'])
      .where('title', '=', 'Win the small-business payments market')
      .executeTakeFirstOrThrow();
    await signIn(browser.context, server.url, 'member@acme.test');
    await page.goto(`${server.url}/orgs/acme/objectives/${objective.id}`);
    await page.getByRole('link', { name: 'Ask the champions…' }).click();
    await page.getByRole('link', { name: 'this objective' }).waitFor();
    await page.getByRole('textbox', { name: 'Your question' }).fill(QUESTION);
    await page.getByRole('button', { name: 'Ask' }).click();
    await page.getByRole('status').filter({ hasText: 'sent to the champions' }).waitFor();
    await page.getByRole('article', { name: QUESTION }).waitFor();

    await signIn(browser.context, server.url, 'champion@acme.test');
    await page.goto(`${server.url}/orgs/acme/questions?status=open`);
    const question = page.getByRole('article', { name: QUESTION });
    await question.getByRole('link', { name: objective.title }).waitFor();
    await question
      .getByRole('textbox', { name: 'Answer (Markdown)' })
      .fill('Yes: a **shared objective** your team contributes to counts as one of them.');
    await question.getByRole('button', { name: 'Send the answer' }).click();
    await page.getByRole('combobox', { name: 'Status' }).selectOption('answered');
    const answered = page.getByRole('article', { name: QUESTION });
    await answered.getByRole('textbox', { name: 'FAQ title' }).fill('Do shared objectives count?');
    await answered.getByRole('button', { name: 'Publish to the FAQ' }).click();
    await answered.getByText('in the FAQ').waitFor();

    await signIn(browser.context, server.url, 'lead@acme.test');
    await page.goto(`${server.url}/orgs/acme/faq`);
    await page.getByRole('searchbox', { name: 'Search the FAQ' }).fill('SHARED contributes');
    await page.getByRole('button', { name: 'Search' }).click();
    const entries = page.getByRole('list', { name: 'FAQ entries' });
    await entries.getByRole('heading', { name: 'Do shared objectives count?' }).waitFor();
    // The whole FAQ may show for a moment before the search's answer replaces it.
    await expect.poll(() => entries.getByRole('listitem').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
