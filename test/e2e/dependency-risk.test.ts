/**
 * Risk that travels, in Chromium on the demo organisation: Checkout's "Signups" depends on
 * Platform's "Billing", and "Renewals" depends on "Signups". When Billing's owner checks in a
 * value that puts it off track, the owner of the other two sees both marked "At risk through a
 * dependency", with the path from Billing on hover and on keyboard focus, and the dependencies
 * section says where the risk comes from; Billing's own page says its risk travels on.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuiteSkip, launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { buildCycle, buildKeyResult, buildObjective } from '../support/builders.ts';
import { signIn, startWebServer, type WebServer } from '../support/web-server.ts';

const skip = browserSuiteSkip();
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

const SIGNUPS = 'Self-serve signups from 200 to 500 a week';
const BILLING = 'Usage-based billing live for all plans';
const RENEWALS = 'Annual renewals from 60% to 75%';

describe.skipIf(skip)('risk that travels along dependencies, in the browser', () => {
  let server: WebServer;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];
  let ids: { checkout: string; platform: string; billing: string };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));

    // A cycle nine tenths gone, so a key result with little progress is off track.
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
    const team = async (name: string) =>
      (
        await db
          .selectFrom('teams')
          .select('id')
          .where('org_id', '=', org.id)
          .where('name', '=', name)
          .executeTakeFirstOrThrow()
      ).id;
    const [member, lead, checkoutTeam, platformTeam] = await Promise.all([
      person('member@acme.test'),
      person('lead@acme.test'),
      team('Checkout'),
      team('Platform'),
    ]);
    const cycle = await buildCycle(server.connection, org.id, {
      name: 'Dependency drill',
      status: 'active',
      startDate: day(-80),
      endDate: day(10),
    });
    const checkout = await buildObjective(server.connection, org.id, {
      cycleId: cycle.id,
      teamId: checkoutTeam,
      ownerId: lead,
      title: 'Grow self-serve revenue',
    });
    const platform = await buildObjective(server.connection, org.id, {
      cycleId: cycle.id,
      teamId: platformTeam,
      ownerId: lead,
      title: 'Bill customers for what they use',
    });
    const kr = (objectiveId: string, ownerId: string, title: string) =>
      buildKeyResult(server.connection, org.id, {
        objectiveId,
        ownerId,
        title,
        start: 0,
        target: 100,
      });
    const signups = await kr(checkout.id, member, SIGNUPS);
    const renewals = await kr(checkout.id, member, RENEWALS);
    const billing = await kr(platform.id, lead, BILLING);
    ids = { checkout: checkout.id, platform: platform.id, billing: billing.id };

    // The coordinator records the dependencies through the API, with a note and a date.
    const { csrfToken } = await signIn(browser.context, server.url, 'coordinator@acme.test');
    for (const [from, to, note] of [
      [signups.id, billing.id, 'Self-serve plans need usage-based billing'],
      [renewals.id, signups.id, 'Renewals follow the self-serve funnel'],
    ] as const) {
      const created = await page.request.post(`${server.url}/api/v1/orgs/acme/dependencies`, {
        headers: { 'x-csrf-token': csrfToken },
        data: { keyResultId: from, dependsOnId: to, note, neededBy: day(5) },
      });
      expect(created.status()).toBe(201);
    }
  });
  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await server?.close();
  });

  const objectivePage = async (id: string, title: string) => {
    await page.goto(`${server.url}/orgs/acme/objectives/${id}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
  };
  const dependencies = () => page.getByRole('region', { name: 'Dependencies' });

  it("shows the risk on the dependents once Billing's owner checks in off track", async () => {
    // Before: nothing is at risk through a dependency.
    await signIn(browser.context, server.url, 'member@acme.test');
    await objectivePage(ids.checkout, 'Grow self-serve revenue');
    await page.getByRole('article', { name: SIGNUPS }).waitFor();
    expect(await page.getByRole('button', { name: 'At risk through a dependency' }).count()).toBe(
      0,
    );

    // Billing's owner checks in: 5 of 100, nine tenths into the cycle, low confidence.
    await signIn(browser.context, server.url, 'lead@acme.test');
    await objectivePage(ids.platform, 'Bill customers for what they use');
    const billing = page.getByRole('article', { name: BILLING });
    await billing.getByRole('button', { name: `Check in on ${BILLING}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Check in' });
    await dialog.getByLabel('New value').fill('5');
    await dialog.getByRole('radio', { name: /^Low/ }).check();
    await dialog.getByRole('button', { name: 'Save check-in' }).click();
    await dialog.waitFor({ state: 'detached' });
    await billing.getByText('Off track', { exact: true }).waitFor();
    // Billing's page says its risk travels on to Signups.
    await dependencies().scrollIntoViewIfNeeded();
    await dependencies()
      .getByText(`Its risk travels on: “${SIGNUPS}” is at risk through this dependency.`)
      .waitFor();

    // The owner of the dependents sees both marked, each with its path from Billing.
    await signIn(browser.context, server.url, 'member@acme.test');
    await objectivePage(ids.checkout, 'Grow self-serve revenue');
    const signups = page.getByRole('article', { name: SIGNUPS });
    const badge = signups.getByRole('button', { name: 'At risk through a dependency' });
    const tooltip = signups.getByRole('tooltip');
    expect(await tooltip.isVisible()).toBe(false);

    // Keyboard focus shows the path; it is also the badge's accessible description.
    await badge.focus();
    await tooltip.waitFor({ state: 'visible' });
    const signupsPath = `“${BILLING}” is off track: ${BILLING} → ${SIGNUPS}`;
    expect(await tooltip.innerText()).toBe(signupsPath);
    const describedBy = await badge.getAttribute('aria-describedby');
    expect(describedBy).toBe(await tooltip.getAttribute('id'));
    await page.keyboard.press('Escape');
    await tooltip.waitFor({ state: 'hidden' });

    // Hovering the transitive one shows the whole chain.
    const renewals = page.getByRole('article', { name: RENEWALS });
    await renewals.getByRole('button', { name: 'At risk through a dependency' }).hover();
    const renewalsTooltip = renewals.getByRole('tooltip');
    await renewalsTooltip.waitFor({ state: 'visible' });
    expect(await renewalsTooltip.innerText()).toBe(
      `“${BILLING}” is off track: ${BILLING} → ${SIGNUPS} → ${RENEWALS}`,
    );

    // The dependencies section says which dependency the risk comes through.
    await dependencies().scrollIntoViewIfNeeded();
    const line = dependencies()
      .getByRole('listitem')
      .filter({ hasText: `${SIGNUPS} needs ${BILLING}` })
      .getByText('At risk through a dependency.');
    await line.waitFor();
    expect(await line.locator('xpath=..').innerText()).toBe(
      `At risk through a dependency. ${signupsPath}`,
    );
    expect(pageErrors).toEqual([]);
  });
});
