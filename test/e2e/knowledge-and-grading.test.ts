/**
 * Knowledge notes and grading, in Chromium on the demo organisation:
 * - a member writes a learning (Markdown, a link, and script payloads that must stay text) on an
 *   objective, and finds it in the organisation's knowledge search;
 * - a lead writing a checkout latency objective in the wizard sees the notes of last quarter's
 *   "Cut checkout latency in half";
 * - in a cycle in grading, the member proposes a score (prefilled from the key results), the lead
 *   confirms it and writes the retrospective, which the knowledge search then finds;
 * - the cycle report shows the scores per team as a chart and tables, downloads as Markdown and
 *   CSV, and prints without the app's header and buttons.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeOrganisation } from '../../src/services/recompute.ts';
import { browserSuiteSkip, launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { buildCycle, buildKeyResult, buildObjective } from '../support/builders.ts';
import { signIn, startWebServer, type WebServer } from '../support/web-server.ts';

const skip = browserSuiteSkip();
const MEMBER_OBJECTIVE = 'Make my checkout pages load in a blink';
const TEAM_OBJECTIVE = 'Checkout that never keeps people waiting';

describe.skipIf(skip)('knowledge notes and grading, in the browser', () => {
  let server: WebServer;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];
  const dialogs: string[] = [];
  let ids: { cycle: string; memberObjective: string };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

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
    const cycle = await buildCycle(server.connection, org.id, {
      name: 'Grading drill',
      status: 'grading',
      startDate: '2020-01-01',
      endDate: '2020-03-31',
    });
    const memberObjective = await buildObjective(server.connection, org.id, {
      cycleId: cycle.id,
      level: 'individual',
      ownerId: member,
      title: MEMBER_OBJECTIVE,
    });
    // Suggested score: (0.8 × 1 + 0.6 × 1) / 2 = 0.70.
    await buildKeyResult(server.connection, org.id, {
      objectiveId: memberObjective.id,
      ownerId: member,
      start: 0,
      target: 100,
      current: 80,
    });
    await buildKeyResult(server.connection, org.id, {
      objectiveId: memberObjective.id,
      ownerId: member,
      start: 0,
      target: 10,
      current: 6,
    });
    await buildObjective(server.connection, org.id, {
      cycleId: cycle.id,
      teamId: checkout.id,
      ownerId: lead,
      title: TEAM_OBJECTIVE,
    });
    // Built rows carry no derived progress: compute it as check-ins would have.
    await recomputeOrganisation(server.connection, org.id, new Date());
    ids = { cycle: cycle.id, memberObjective: memberObjective.id };
  });
  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await server?.close();
  });

  it('writes a learning on an objective, renders its Markdown safely, and finds it in the search', async () => {
    await signIn(browser.context, server.url, 'member@acme.test');
    await page.goto(`${server.url}/orgs/acme/objectives/${ids.memberObjective}`);
    await page.getByRole('heading', { level: 1, name: MEMBER_OBJECTIVE }).waitFor();
    const notes = page.getByRole('region', { name: 'Notes and learnings' });
    await notes.scrollIntoViewIfNeeded();
    const form = notes.getByRole('form', { name: 'Add a knowledge note' });
    await form
      .getByRole('textbox', { name: 'Note' })
      .fill(
        'Prefetching the **payment form** saved 300 ms.\n\n<script>alert("xss")</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))',
      );
    await form.getByRole('textbox', { name: /Link title/ }).fill('Prefetch trace');
    await form
      .getByRole('textbox', { name: /Link address/ })
      .fill('https://wiki.acme.test/prefetch');
    await form.getByRole('button', { name: 'Add note' }).click();

    const note = notes.getByRole('article', { name: `Learning on ${MEMBER_OBJECTIVE}` });
    await note.getByText('payment form', { exact: true }).waitFor();
    expect(await note.locator('strong').innerText()).toBe('payment form');
    expect(await note.locator('script, img, [onerror]').count()).toBe(0);
    expect(await note.getByText('<script>alert("xss")</script>', { exact: false }).count()).toBe(1);
    expect(await note.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await note.getByRole('link', { name: 'Prefetch trace' }).getAttribute('href')).toBe(
      'https://wiki.acme.test/prefetch',
    );

    // Its author edits it in place: the Markdown source comes back, the change shows at once.
    await note.getByRole('button', { name: 'Edit this note' }).click();
    const editor = notes.getByRole('form', { name: 'Edit the note' });
    const source = editor.getByRole('textbox', { name: 'Note' });
    expect(await source.inputValue()).toContain('Prefetching the **payment form** saved 300 ms.');
    await source.fill('Prefetching the **payment form** saved 320 ms, measured twice.');
    await editor.getByRole('button', { name: 'Save note' }).click();
    await note.getByText('saved 320 ms, measured twice.', { exact: false }).waitFor();
    expect(await note.locator('strong').innerText()).toBe('payment form');

    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: 'Learn' }).click();
    await nav.getByRole('link', { name: 'Knowledge' }).click();
    await page.getByRole('heading', { level: 1, name: 'Knowledge' }).waitFor();
    await page.getByRole('searchbox', { name: 'Search notes' }).fill('payment FORM prefetching');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=payment/);
    const results = page.locator('.knowledge-results > li');
    await page.getByRole('status').filter({ hasText: '1 note' }).waitFor();
    expect(await results.count()).toBe(1);
    await results.first().getByRole('link', { name: MEMBER_OBJECTIVE }).waitFor();
    // The demo's past-quarter notes are there too.
    await page.getByRole('searchbox', { name: 'Search notes' }).fill('latency');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'Cut checkout latency in half' }).first().waitFor();
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('shows notes from a similar objective of last quarter in the wizard', async () => {
    await signIn(browser.context, server.url, 'lead@acme.test');
    await page.goto(`${server.url}/orgs/acme/objectives/new?level=team&step=objective`);
    await page
      .getByRole('textbox', { name: 'Objective' })
      .fill('Halve checkout latency for mobile shoppers');
    const similar = page.getByRole('region', { name: 'Notes from similar objectives' });
    await similar.waitFor();
    await similar.getByText('Cut checkout latency in half', { exact: true }).waitFor();
    await similar
      .getByText('fraud check waiting on a third party', { exact: false })
      .first()
      .waitFor();
    expect(await similar.innerText()).toContain('shares “latency”');
    expect(pageErrors).toEqual([]);
  });

  it('lets the owner propose a score and the lead confirm it, then write the retrospective', async () => {
    await signIn(browser.context, server.url, 'member@acme.test');
    await page.goto(`${server.url}/orgs/acme/grading?cycle=${ids.cycle}`);
    await page.getByRole('heading', { level: 1, name: 'Grading Grading drill' }).waitFor();
    const mine = page.getByRole('article', { name: MEMBER_OBJECTIVE });
    await mine.getByText('Waiting for the owner').waitFor();
    await mine.getByRole('button', { name: 'Propose score' }).click();
    const score = mine.getByRole('spinbutton', { name: /Score/ });
    expect(await score.inputValue()).toBe('0.70');
    await score.fill('0.75');
    const reason = mine.getByRole('textbox', { name: 'Reason' });
    expect(await reason.inputValue()).toBe('The key results ended at 70% of their targets.');
    await reason.fill('Both pages got faster; the second one a bit late.');
    await reason.press('Tab');
    await mine.getByRole('button', { name: 'Propose 0.75' }).click();
    await mine.getByText('Proposed, to confirm').waitFor();
    await mine.getByText('0.75', { exact: true }).waitFor();
    expect(await mine.getByRole('button', { name: 'Confirm score' }).count()).toBe(0);

    await signIn(browser.context, server.url, 'lead@acme.test');
    await page.goto(`${server.url}/orgs/acme/grading?cycle=${ids.cycle}`);
    const theirs = page.getByRole('article', { name: MEMBER_OBJECTIVE });
    await theirs.getByText('proposed 0.75:', { exact: false }).waitFor();
    await theirs.getByRole('button', { name: 'Confirm score' }).click();
    await theirs.getByRole('spinbutton', { name: /Score/ }).fill('0.7');
    await theirs.getByRole('textbox', { name: /Note/ }).fill('Agreed, minus the late second page.');
    await theirs.getByRole('button', { name: 'Confirm 0.70' }).click();
    await theirs.getByText('Confirmed', { exact: true }).waitFor();
    expect(await theirs.locator('.score-badge').innerText()).toContain('0.70');
    expect(await theirs.locator('.score-badge').innerText()).toContain('Delivered');

    // The lead writes the team objective's retrospective; the knowledge search finds it.
    const team = page.getByRole('article', { name: TEAM_OBJECTIVE });
    await team.getByRole('button', { name: 'Retrospective' }).click();
    const retrospective = team.getByRole('form', { name: 'Retrospective' });
    await retrospective
      .getByRole('textbox', { name: 'What went well' })
      .fill('Daily latency dashboards.');
    await retrospective
      .getByRole('textbox', { name: 'What we learned' })
      .fill('Budget 50 ms per checkout step.');
    await retrospective.getByRole('button', { name: 'Save retrospective' }).click();
    await team.getByText('Saved. It is now part of the knowledge notes.').waitFor();
    await page.goto(
      `${server.url}/orgs/acme/notes?q=${encodeURIComponent('budget per checkout step')}`,
    );
    const found = page.getByRole('article', { name: `Retrospective on ${TEAM_OBJECTIVE}` });
    await found.getByRole('heading', { name: 'What we learned' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('reports the cycle per team with a chart, downloads it and prints it', async () => {
    await signIn(browser.context, server.url, 'ceo@acme.test');
    await page.goto(`${server.url}/orgs/acme/grading?cycle=${ids.cycle}`);
    await page.getByRole('link', { name: 'Cycle report' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cycle report: Grading drill' }).waitFor();
    const chart = page.getByRole('img', { name: 'Scores per team' });
    await chart.waitFor();
    expect(await chart.locator('desc').textContent()).toContain('Checkout: 0.70');
    const teams = page.getByRole('table', { name: 'Scores per team' });
    const checkoutRow = teams.getByRole('row', { name: /Checkout/ });
    expect(await checkoutRow.innerText()).toMatch(/Checkout\s+2\s+1\s+1\s+0\.70/);
    expect(await page.getByRole('table', { name: 'Scores per level' }).innerText()).toContain(
      'individual',
    );

    const markdownHref = await page.getByRole('link', { name: 'Markdown' }).getAttribute('href');
    const csvHref = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
    const markdown = await page.request.get(`${server.url}${markdownHref ?? ''}`);
    expect(markdown.headers()['content-type']).toBe('text/markdown; charset=utf-8');
    expect(await markdown.text()).toContain('| Checkout | 2 | 1 | 1 | 0.70 |');
    const csv = await page.request.get(`${server.url}${csvHref ?? ''}`);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(await csv.text()).toContain(`,${MEMBER_OBJECTIVE},individual,Checkout,`);

    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await page.locator('.shell-header').isVisible()).toBe(false);
    expect(await chart.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
