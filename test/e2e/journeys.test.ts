/**
 * The main journeys through the built web app in Chromium, on the demo organisation Acme served
 * by the real API over a SQLite file: a member's check-in rolling up to the company, a lead
 * creating an aligned team objective in the wizard, an executive editing a company objective, and
 * a member who may not edit one (neither in the page nor through the API).
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browserSuiteSkip, launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { buildToken } from '../support/builders.ts';
import { signIn, startWebServer, type WebServer } from '../support/web-server.ts';

const skip = browserSuiteSkip();

/** A progress bar's value as the page gives it to screen readers (a whole percentage). */
async function percentOf(bar: Locator): Promise<number> {
  const value = await bar.getAttribute('aria-valuenow', { timeout: 15_000 });
  if (value === null) throw new Error('progress bar without aria-valuenow');
  return Number(value);
}

describe.skipIf(skip)('journeys in the browser', () => {
  let server: WebServer;
  let browser: LaunchedBrowser;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterEach(async () => {
    await page.close();
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  });

  const at = (path: string) => `${server.url}/orgs/acme${path}`;

  it('a member checks in from Home; the objective and the company objective it serves move', async () => {
    await signIn(browser.context, server.url, 'member@acme.test');
    const krTitle = 'Raise mobile-web checkout conversion from 54% to 62%';

    // Before: the objective the key result belongs to, and the company objective above it.
    await page.goto(at('/home'));
    await expect.poll(() => page.title()).toContain('My OKRs');
    const row = page.getByRole('article', { name: krTitle });
    const objectiveLink = row.getByRole('link');
    const objectiveTitle = (await objectiveLink.textContent()) ?? '';
    expect(objectiveTitle).toBe('Make our checkout the fastest in the market');
    await objectiveLink.click();
    await page.getByRole('heading', { level: 1, name: objectiveTitle }).waitFor();
    const objectiveBefore = await percentOf(page.getByRole('progressbar', { name: 'Progress of this objective' }));
    const companyCrumb = page.getByRole('navigation', { name: 'Alignment path' }).getByRole('link').first();
    const companyTitle = ((await companyCrumb.textContent()) ?? '').replace(/^Company:\s*/, '');
    expect(companyTitle).toBe('Make paying with Acme effortless');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Company' }).click();
    // The company objective in the list (the strategy tree above shows it too).
    const companyBar = page
      .getByRole('article', { name: companyTitle })
      .getByRole('progressbar', { name: `Progress of ${companyTitle}` });
    const companyBefore = await percentOf(companyBar);

    // The check-in: value, confidence, note.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await row.getByRole('button', { name: `Check in on ${krTitle}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Check in' });
    await dialog.getByLabel('New value').fill('62');
    await dialog.getByRole('radio', { name: /^High/ }).check();
    await dialog.getByLabel('Note (optional)').fill('The one-page checkout shipped to everyone.');
    await dialog.getByRole('button', { name: 'Save check-in' }).click();
    await row.getByRole('status').filter({ hasText: 'Checked in: 62%' }).waitFor();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => percentOf(row.getByRole('progressbar'))).toBe(100);

    // After: the objective page and the company page show more progress.
    await objectiveLink.click();
    await page.getByRole('heading', { level: 1, name: objectiveTitle }).waitFor();
    const objectiveAfter = await percentOf(page.getByRole('progressbar', { name: 'Progress of this objective' }));
    expect(objectiveAfter).toBeGreaterThan(objectiveBefore);
    await expect
      .poll(() => page.getByRole('article', { name: krTitle }).getByRole('progressbar').getAttribute('aria-valuenow'))
      .toBe('100');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Company' }).click();
    await expect.poll(() => percentOf(companyBar)).toBeGreaterThan(companyBefore);

    // The same numbers come back from the server on a fresh load (not only from the cache).
    await page.reload();
    expect(await percentOf(companyBar)).toBeGreaterThan(companyBefore);
  });

  it('a check-in made elsewhere (the API, another tab) shows on an open objective page without a reload', async () => {
    await signIn(browser.context, server.url, 'member@acme.test');
    const db = server.connection.db;
    const member = await db.selectFrom('users').select('id').where('email', '=', 'member@acme.test').executeTakeFirstOrThrow();
    // A key result of the member's that the first journey leaves alone.
    const keyResult = await db
      .selectFrom('key_results as k')
      .innerJoin('objectives as o', 'o.id', 'k.objective_id')
      .innerJoin('cycles as c', 'c.id', 'o.cycle_id')
      .select(['k.id', 'k.title', 'k.objective_id', 'k.start_value', 'k.target_value'])
      .where('k.owner_id', '=', member.id)
      .where('c.status', '=', 'active')
      .where('k.kind', '=', 'number')
      .where('k.title', 'not like', 'Raise mobile-web checkout conversion%')
      .orderBy('k.id')
      .executeTakeFirstOrThrow();
    await page.goto(at(`/objectives/${keyResult.objective_id}`));
    const bar = page.getByRole('article', { name: keyResult.title }).getByRole('progressbar');
    const before = await percentOf(bar);
    await page.evaluate('window.stayed = true');

    const token = await buildToken(server.connection, member.id);
    const target = Number(keyResult.target_value);
    const response = await fetch(`${server.url}/api/v1/orgs/acme/key-results/${keyResult.id}/check-ins`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ value: target, note: 'Checked in from the command line.' }),
    });
    expect(response.status).toBe(201);
    await expect.poll(() => percentOf(bar), { timeout: 10_000 }).toBe(100);
    expect(before).toBeLessThan(100);
    expect(await page.evaluate('window.stayed === true')).toBe(true);
  });

  it('a lead creates a team objective aligned to a company objective, with live quality feedback', async () => {
    await signIn(browser.context, server.url, 'lead@acme.test');
    await page.goto(at('/home'));
    await page.getByRole('link', { name: 'New objective' }).click();
    await expect.poll(() => page.title()).toContain('New objective');

    // Level and cycle: a team objective for the team this person leads (chosen for them).
    await page.getByRole('radio', { name: /^Team\b/ }).check();
    expect(await page.getByLabel('Team', { exact: true }).inputValue()).not.toBe('');
    const next = page.getByRole('button', { name: /^Next:/ });
    await next.click();

    // Alignment: the company objectives are offered; the feedback says it is not aligned yet.
    await page.getByText('This team objective is not aligned to any parent objective.').waitFor();
    const parentTitle = 'Make paying with Acme effortless';
    await page.getByRole('checkbox', { name: new RegExp(`^${parentTitle}`) }).check();
    await page.getByText('People will see how this objective adds up.').waitFor();
    await next.click();

    // The objective: findings appear and change as the title is typed.
    const title = page.getByRole('textbox', { name: 'Objective' });
    await title.pressSequentially('Fix bugs');
    const titleFeedback = page.getByRole('group', { name: 'Feedback on the objective' });
    await titleFeedback.getByText('The objective starts with "fix", which reads like a task or an output rather than an outcome.').waitFor();
    await titleFeedback.getByText('The objective title is too short (8 characters, at least 10).').waitFor();
    const newTitle = 'Make refunds so easy that buyers trust us with their next order';
    await title.fill(newTitle);
    await titleFeedback.getByText('Reads like an outcome people can remember.').waitFor();
    expect(await titleFeedback.getByRole('listitem').count()).toBe(0);
    const rationaleFeedback = page.getByRole('group', { name: 'Feedback on the rationale' });
    await rationaleFeedback.getByText('The objective does not say why it matters.').waitFor();
    await page.getByLabel('Why it matters (rationale)').fill('Slow refunds are the top reason buyers give for leaving us.');
    await expect.poll(() => rationaleFeedback.getByRole('listitem').count()).toBe(0);
    await next.click();

    // Key results: two measurable ones.
    const keyResults = [
      { title: 'Cut the median refund time from 6 days to 2 days', start: '6', target: '2', unit: 'days', direction: 'decrease' },
      { title: 'Raise repeat purchases after a refund from 20% to 35%', start: '20', target: '35', unit: 'buyers', direction: 'increase' },
    ];
    for (const [index, kr] of keyResults.entries()) {
      const fields = page.getByRole('group', { name: `Key result ${index + 1}`, exact: true });
      await fields.getByLabel('What will you measure?').fill(kr.title);
      await fields.getByLabel('Direction').selectOption(kr.direction);
      await fields.getByLabel('Unit').fill(kr.unit);
      await fields.getByLabel('Start (baseline)').fill(kr.start);
      await fields.getByLabel('Target', { exact: true }).fill(kr.target);
    }
    await next.click();

    // Review, then create: the new objective's page shows it under the company objective.
    await page.getByRole('button', { name: 'Create objective' }).click();
    await page.getByRole('heading', { level: 1, name: newTitle }).waitFor();
    const path = page.getByRole('navigation', { name: 'Alignment path' });
    await path.getByRole('link', { name: new RegExp(parentTitle) }).waitFor();
    for (const kr of keyResults) await page.getByRole('article', { name: kr.title }).waitFor();

    // And the API has it: a team objective of Checkout aligned to the company objective.
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    const response = await page.request.get(`${server.url}/api/v1/orgs/acme/objectives/${id}`);
    expect(response.status()).toBe(200);
    const saved = (await response.json()) as {
      title: string;
      level: string;
      team: { name: string } | null;
      alignmentPath: { title: string }[];
      keyResults: { title: string }[];
    };
    expect(saved).toMatchObject({ title: newTitle, level: 'team', team: { name: 'Checkout' } });
    expect(saved.alignmentPath.map((step) => step.title)).toEqual([parentTitle]);
    expect(saved.keyResults.map((kr) => kr.title)).toEqual(keyResults.map((kr) => kr.title));
  });

  it('an executive edits a company objective and the change shows', async () => {
    await signIn(browser.context, server.url, 'ceo@acme.test');
    const oldTitle = 'Build a company people love to grow in';
    const newTitle = 'Build a company people love to grow in and stay in';
    await page.goto(at('/company'));
    await page.getByRole('article', { name: oldTitle }).getByRole('link', { name: oldTitle }).click();
    await page.getByRole('heading', { level: 1, name: oldTitle }).waitFor();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const form = page.getByRole('form', { name: "Edit the objective's wording" });
    await form.getByRole('textbox', { name: 'Objective' }).fill(newTitle);
    await form.getByLabel('Why it matters (rationale)').fill('People who grow here stay, and teams that stay ship.');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: newTitle }).waitFor();
    await page.getByText('People who grow here stay, and teams that stay ship.').waitFor();

    // Everyone sees it: the company page, after a fresh load.
    await page.goto(at('/company'));
    await page.getByRole('article', { name: newTitle }).getByRole('link', { name: newTitle }).waitFor();
    expect(await page.getByRole('link', { name: oldTitle, exact: true }).count()).toBe(0);
  });

  it('a member sees no edit control on a company objective, and the API refuses the edit', async () => {
    const { csrfToken } = await signIn(browser.context, server.url, 'member@acme.test');
    const title = 'Run on a platform our customers can trust';
    await page.goto(at('/company'));
    await page.getByRole('article', { name: title }).getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    // The page is drawn (key results listed) before looking for what is not there.
    await page.getByRole('heading', { level: 2, name: 'Key results' }).waitFor();
    expect(await page.getByRole('button', { name: 'Edit', exact: true }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /Edit key results/ }).count()).toBe(0);

    // The wizard's edit mode says so too.
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    await page.goto(at(`/objectives/${id}/edit`));
    await page.getByText('You may not edit this objective').waitFor();

    // Straight to the API with the member's own session and CSRF token: 403, nothing changed.
    const api = `${server.url}/api/v1/orgs/acme/objectives/${id}`;
    const before = await page.request.get(api);
    const etag = before.headers().etag;
    expect(etag).toBeTruthy();
    const patch = await page.request.patch(api, {
      headers: { 'x-csrf-token': csrfToken, 'if-match': etag ?? '' },
      data: { title: 'Taken over by a member' },
    });
    expect(patch.status()).toBe(403);
    expect(((await patch.json()) as { code: string }).code).toBe('forbidden');
    const after = (await (await page.request.get(api)).json()) as { title: string };
    expect(after.title).toBe(title);
  });
});
