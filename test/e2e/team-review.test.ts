/**
 * The weekly team review and forecasts, in Chromium on the demo organisation. Checkout's lead
 * opens the team's weekly review in a cycle where Tom's "Signups" climbs slowly while he is
 * highly confident: the forecast flag shows on the review and on the objective page (with its
 * chart). The lead marks the team reviewed; Tom checks in with less confidence; the next review
 * shows exactly that check-in as what moved (with its delta) and the confidence drop, and marking
 * it reviewed again moves the baseline past it. On paper the buttons and navigation are gone.
 */
import type { Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInRow } from '../../src/repositories/rows.ts';
import { browserSuiteSkip, launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { buildCycle, buildKeyResult, buildObjective } from '../support/builders.ts';
import { signIn, startWebServer, type WebServer } from '../support/web-server.ts';

const skip = browserSuiteSkip();
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const instant = (offset: number) => new Date(Date.now() + offset * DAY).toISOString();

const SIGNUPS = 'Self-serve signups from 0 to 100 a week';
const DOCS = 'Help articles from 0 to 40';

describe.skipIf(skip)('weekly team review and forecasts, in the browser', () => {
  let server: WebServer;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];
  let ids: { cycle: string; objective: string; team: string };

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
    const team = (
      await db
        .selectFrom('teams')
        .select('id')
        .where('org_id', '=', org.id)
        .where('name', '=', 'Checkout')
        .executeTakeFirstOrThrow()
    ).id;
    // A cycle of 90 days, half gone; the review is opened on it by its id (?cycle=).
    const cycle = await buildCycle(server.connection, org.id, {
      name: 'Review drill',
      status: 'active',
      startDate: day(-45),
      endDate: day(44),
    });
    const objective = await buildObjective(server.connection, org.id, {
      cycleId: cycle.id,
      teamId: team,
      ownerId: lead,
      title: 'Make self-serve the easy way in',
    });
    const signups = await buildKeyResult(server.connection, org.id, {
      objectiveId: objective.id,
      ownerId: member,
      title: SIGNUPS,
      start: 0,
      target: 100,
    });
    await buildKeyResult(server.connection, org.id, {
      objectiveId: objective.id,
      ownerId: member,
      title: DOCS,
      start: 0,
      target: 40,
    });
    // Tom's history: 10 a month ago, 20 ten days ago, highly confident both times. The trend
    // reaches about half the target by the cycle end: the forecast disagrees with him.
    for (const [offset, value] of [
      [-30, 10],
      [-10, 20],
    ] as const) {
      await db
        .insertInto('check_ins')
        .values(
          checkInRow({
            id: uuidv7(),
            orgId: org.id,
            keyResultId: signups.id,
            value,
            confidence: 0.9,
            authorId: member,
            source: 'user',
            createdAt: instant(offset),
          }),
        )
        .execute();
    }
    await db
      .updateTable('key_results')
      .set({
        current_value: 20,
        progress: 0.2,
        confidence: 0.9,
        health: 'at_risk',
        last_check_in_at: instant(-10),
      })
      .where('id', '=', signups.id)
      .execute();
    ids = { cycle: cycle.id, objective: objective.id, team };
  });
  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await server?.close();
  });

  const openReview = async () => {
    await page.goto(`${server.url}/orgs/acme/teams/${ids.team}/review?cycle=${ids.cycle}`);
    await page.getByRole('heading', { level: 1, name: 'Weekly review: Checkout' }).waitFor();
  };
  const section = (name: RegExp) => page.getByRole('region', { name });
  const since = () => page.getByTestId('review-since');

  it('flags the forecast on the objective page, with its chart', async () => {
    await signIn(browser.context, server.url, 'member@acme.test');
    await page.goto(`${server.url}/orgs/acme/objectives/${ids.objective}`);
    await page
      .getByRole('heading', { level: 1, name: 'Make self-serve the easy way in' })
      .waitFor();
    const forecasts = page.getByRole('region', { name: 'Forecasts' });
    await forecasts.scrollIntoViewIfNeeded();
    const signups = forecasts.getByRole('listitem', { name: `Forecast of ${SIGNUPS}` });
    await signups.getByText('Forecast below confidence').waitFor();
    await signups
      .getByText(/Confidence is high, but the trend reaches only \d+% of the target/)
      .first()
      .waitFor();
    const chart = signups.getByRole('img');
    expect(await chart.getAttribute('aria-label')).toMatch(
      /2 check-ins\. Trend: .* by .*Forecast below confidence/,
    );
    // Check-ins as points (the start and two check-ins), the trend as a line to the cycle end.
    expect(await chart.locator('circle.forecast-point').count()).toBe(3);
    expect(await chart.locator('line.forecast-trend').count()).toBe(1);
    await forecasts
      .getByRole('listitem', { name: `Forecast of ${DOCS}` })
      .getByText('No check-in yet')
      .waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('"Mark reviewed" moves the baseline: the next review shows only what moved after it', async () => {
    await signIn(browser.context, server.url, 'lead@acme.test');
    await openReview();
    expect(await since().innerText()).toContain('Not reviewed yet');
    // Ten days ago is before the first baseline (one cadence, 7 days): nothing moved.
    await section(/^What moved/)
      .getByText('Nothing was checked in since')
      .waitFor();
    await section(/^Forecast disagrees/)
      .getByRole('heading', { level: 3, name: SIGNUPS })
      .waitFor();
    await section(/^Stale/)
      .getByRole('heading', { level: 3, name: DOCS })
      .waitFor();
    expect(
      await section(/^Stale/)
        .getByText('Never checked in')
        .count(),
    ).toBe(1);

    await page.getByRole('button', { name: 'Mark reviewed' }).click();
    await page.getByRole('status').filter({ hasText: 'Marked reviewed' }).waitFor();
    await since()
      .getByText(/Since the last review .* by Priya Shah/)
      .waitFor();

    // Tom checks in: up 15, and no longer so sure.
    await signIn(browser.context, server.url, 'member@acme.test');
    await page.goto(`${server.url}/orgs/acme/objectives/${ids.objective}`);
    const row = page.getByRole('article', { name: SIGNUPS });
    await row.getByRole('button', { name: `Check in on ${SIGNUPS}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Check in' });
    await dialog.getByLabel('New value').fill('35');
    await dialog.getByRole('radio', { name: /^Medium/ }).check();
    await dialog.getByRole('button', { name: 'Save check-in' }).click();
    await dialog.waitFor({ state: 'detached' });

    await signIn(browser.context, server.url, 'lead@acme.test');
    await openReview();
    const moved = section(/^What moved/);
    const item = moved.getByRole('listitem').filter({ hasText: SIGNUPS });
    await item.getByText('Up 15').waitFor();
    await item.getByText('From 20 to 35').waitFor();
    // One key result moved (its own list holds its check-ins since the baseline: one).
    expect(await moved.getByRole('heading', { level: 3 }).count()).toBe(1);
    expect(await item.getByRole('listitem').count()).toBe(1);
    await section(/^Confidence dropped/)
      .getByText(/Confidence from high \(90%\) to medium/)
      .waitFor();
    expect(await page.getByRole('link', { name: '1' }).first().isVisible()).toBe(true);

    // On paper: no navigation, no buttons; the review itself stays.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Mark reviewed' }).isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    expect(await item.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // Reviewed again: the check-in is behind the baseline now.
    await page.getByRole('button', { name: 'Mark reviewed' }).click();
    await moved.getByText('Nothing was checked in since').waitFor();
    expect(
      await section(/^Confidence dropped/)
        .getByRole('heading', { level: 3 })
        .count(),
    ).toBe(0);
    // And it stays so after a reload: the baseline is stored.
    await openReview();
    await section(/^What moved/)
      .getByText('Nothing was checked in since')
      .waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('lets a member read the review but not mark it', async () => {
    await signIn(browser.context, server.url, 'member@acme.test');
    await openReview();
    await section(/^What moved/).waitFor();
    expect(await page.getByRole('button', { name: 'Mark reviewed' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(true);

    // The demo's own current cycle: Emma's local-methods share climbs at 0.6 of the pace while she
    // stays highly confident, so Checkout's review flags it.
    const demoCycle = await server.connection.db
      .selectFrom('cycles')
      .select('id')
      .where('status', '=', 'active')
      .where('id', '!=', ids.cycle)
      .executeTakeFirstOrThrow();
    await page.goto(`${server.url}/orgs/acme/teams/${ids.team}/review?cycle=${demoCycle.id}`);
    await section(/^Forecast disagrees/)
      .getByRole('heading', {
        level: 3,
        name: 'Share of EU orders paid with local methods from 8% to 20%',
      })
      .waitFor();
  });
});
