/**
 * Collaboration between teams, in Chromium on the demo organisation: Checkout asks Platform and
 * Mobile for help on its objective; Platform's lead accepts it as a dependency on one of
 * Platform's key results and Mobile's lead declines with a reason, and Checkout sees both answers.
 * A shared objective shows its progress per contributing team. The cross-team map draws the new
 * dependency as an off-track edge once Platform's key result goes off track, and clicking it
 * leads to the objective it comes from.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuiteSkip, launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { buildCycle, buildKeyResult, buildObjective } from '../support/builders.ts';
import { signIn, startWebServer, type WebServer } from '../support/web-server.ts';

const skip = browserSuiteSkip();
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

const CHECKOUT_OBJECTIVE = 'Checkout works for Spanish shoppers';
const CHECKOUT_KR = 'Spanish checkouts from 0 to 100 a day';
const PLATFORM_OBJECTIVE = 'Payments for Spain';
const BIZUM = 'Bizum payments live';
const SHARED = 'Launch in Spain';

describe.skipIf(skip)('collaboration between teams, in the browser', () => {
  let server: WebServer;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];
  let ids: {
    cycle: string;
    checkout: string;
    platform: string;
    shared: string;
    checkoutTeam: string;
    platformTeam: string;
    mobileTeam: string;
    bizum: string;
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
    const team = async (name: string) =>
      (
        await db
          .selectFrom('teams')
          .select('id')
          .where('org_id', '=', org.id)
          .where('name', '=', name)
          .executeTakeFirstOrThrow()
      ).id;
    const [member, lead, felix, coordinator, checkoutTeam, platformTeam, mobileTeam] =
      await Promise.all([
        person('member@acme.test'),
        person('lead@acme.test'),
        person('felix.wagner@acme.test'),
        person('coordinator@acme.test'),
        team('Checkout'),
        team('Platform'),
        team('Mobile'),
      ]);
    // A cycle nine tenths gone: little progress is off track.
    const cycle = await buildCycle(server.connection, org.id, {
      name: 'Spain launch',
      status: 'active',
      startDate: day(-80),
      endDate: day(10),
    });
    const checkout = await buildObjective(server.connection, org.id, {
      cycleId: cycle.id,
      teamId: checkoutTeam,
      ownerId: lead,
      title: CHECKOUT_OBJECTIVE,
    });
    const platform = await buildObjective(server.connection, org.id, {
      cycleId: cycle.id,
      teamId: platformTeam,
      ownerId: felix,
      title: PLATFORM_OBJECTIVE,
    });
    const shared = await buildObjective(server.connection, org.id, {
      cycleId: cycle.id,
      level: 'shared',
      ownerId: coordinator,
      title: SHARED,
      contributingTeams: [checkoutTeam, platformTeam],
      includeChildren: true,
    });
    const kr = (objectiveId: string, ownerId: string, title: string) =>
      buildKeyResult(server.connection, org.id, {
        objectiveId,
        ownerId,
        title,
        start: 0,
        target: 100,
      });
    await kr(checkout.id, member, CHECKOUT_KR);
    const bizum = await kr(platform.id, felix, BIZUM);
    const spanishShops = await kr(shared.id, member, 'Spanish shops onboarded from 0 to 100');
    const spanishUptime = await kr(shared.id, felix, 'Spanish payment uptime from 0 to 100');
    ids = {
      cycle: cycle.id,
      checkout: checkout.id,
      platform: platform.id,
      shared: shared.id,
      checkoutTeam,
      platformTeam,
      mobileTeam,
      bizum: bizum.id,
    };

    // Check-ins through the API: Checkout's shops at 80, Platform's uptime at 40.
    for (const [email, keyResultId, value] of [
      ['member@acme.test', spanishShops.id, 80],
      ['felix.wagner@acme.test', spanishUptime.id, 40],
    ] as const) {
      const { csrfToken } = await signIn(browser.context, server.url, email);
      const response = await page.request.post(
        `${server.url}/api/v1/orgs/acme/key-results/${keyResultId}/check-ins`,
        {
          headers: { 'x-csrf-token': csrfToken },
          data: { value, confidence: 0.8 },
        },
      );
      expect(response.status()).toBe(201);
    }
  });
  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await server?.close();
  });

  const open = async (path: string, heading: string | RegExp) => {
    await page.goto(`${server.url}${path}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  };
  const requestsSection = () => page.getByRole('region', { name: 'Requests for help' });

  const askForHelp = async (team: string, message: string) => {
    const section = requestsSection();
    await section.scrollIntoViewIfNeeded();
    await section.getByRole('button', { name: 'Ask a team for help' }).click();
    const form = page.getByRole('form', { name: 'Ask a team for help' });
    await form.getByLabel('Team to ask').selectOption({ label: team });
    await form
      .getByLabel('Key result that needs the help (optional)')
      .selectOption({ label: CHECKOUT_KR });
    await form.getByLabel('What you need, and why').fill(message);
    await form.getByLabel('Needed by (optional)').fill(day(5));
    await form.getByRole('button', { name: 'Ask', exact: true }).click();
    await section.getByRole('status').getByText(`Asked ${team}.`).waitFor();
  };

  it('a request accepted as a dependency and another declined, both answers seen by the asking team', async () => {
    await signIn(browser.context, server.url, 'member@acme.test');
    await open(`/orgs/acme/objectives/${ids.checkout}`, CHECKOUT_OBJECTIVE);
    await askForHelp('Platform', 'We **need** Bizum before Spanish shoppers arrive.');
    await askForHelp('Mobile', 'Can the app take Bizum too?');
    // The list is reloaded after each request is sent: wait for the second to show.
    await expect
      .poll(() => requestsSection().getByText('Waiting for an answer').count())
      .toBe(2);

    // Platform's lead accepts: a dependency on Platform's Bizum key result.
    await signIn(browser.context, server.url, 'felix.wagner@acme.test');
    await open(`/orgs/acme/teams/${ids.platformTeam}/requests`, 'Requests for help');
    const fromCheckout = page.getByRole('article', {
      name: `Checkout asks Platform: ${CHECKOUT_OBJECTIVE}`,
    });
    await fromCheckout.getByText('Bizum before Spanish shoppers', { exact: false }).waitFor();
    expect(await fromCheckout.locator('.request-message strong').innerText()).toBe('need');
    await fromCheckout.getByRole('button', { name: 'Accept…' }).click();
    const acceptForm = fromCheckout.getByRole('form', { name: 'Accept the request' });
    await acceptForm
      .getByLabel('Objective')
      .selectOption({ label: `${PLATFORM_OBJECTIVE} (Platform)` });
    await acceptForm.getByLabel('Key result', { exact: true }).selectOption({ label: BIZUM });
    await acceptForm
      .getByLabel('Note to Checkout (optional)')
      .fill('Live by the end of the month.');
    await acceptForm.getByRole('button', { name: 'Accept', exact: true }).click();
    await fromCheckout.getByText('Accepted', { exact: true }).waitFor();
    await fromCheckout.getByText('Recorded as a dependency', { exact: false }).waitFor();

    // Mobile's lead declines, saying why.
    await signIn(browser.context, server.url, 'hiro.sato@acme.test');
    await open(`/orgs/acme/teams/${ids.mobileTeam}/requests`, 'Requests for help');
    const toMobile = page.getByRole('article', {
      name: `Checkout asks Mobile: ${CHECKOUT_OBJECTIVE}`,
    });
    await toMobile.getByRole('button', { name: 'Decline…' }).click();
    const declineForm = toMobile.getByRole('form', { name: 'Decline the request' });
    await declineForm.getByRole('button', { name: 'Decline', exact: true }).click();
    await declineForm.getByRole('alert').waitFor();
    await declineForm
      .getByLabel('Why you decline')
      .fill('The app release is frozen until January.');
    await declineForm.getByRole('button', { name: 'Decline', exact: true }).click();
    await toMobile.getByText('Declined', { exact: true }).waitFor();

    // Checkout sees both answers in its outbox, and the dependency on its objective page.
    await signIn(browser.context, server.url, 'member@acme.test');
    await open(`/orgs/acme/teams/${ids.checkoutTeam}/requests`, 'Requests for help');
    const outbox = page.getByRole('region', { name: 'Asked by Checkout' });
    const accepted = outbox.getByRole('article', {
      name: `Checkout asks Platform: ${CHECKOUT_OBJECTIVE}`,
    });
    await accepted.getByText('Live by the end of the month.').waitFor();
    expect(await accepted.getByText('Accepted by Felix Wagner', { exact: false }).count()).toBe(1);
    const declined = outbox.getByRole('article', {
      name: `Checkout asks Mobile: ${CHECKOUT_OBJECTIVE}`,
    });
    await declined.getByText('The app release is frozen until January.').waitFor();
    expect(await declined.getByRole('button', { name: 'Accept…' }).count()).toBe(0);

    await open(`/orgs/acme/objectives/${ids.checkout}`, CHECKOUT_OBJECTIVE);
    const dependencies = page.getByRole('region', { name: 'Dependencies' });
    await dependencies.scrollIntoViewIfNeeded();
    await dependencies.getByRole('link', { name: BIZUM }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('a shared objective shows its progress per contributing team', async () => {
    await signIn(browser.context, server.url, 'coordinator@acme.test');
    await open(`/orgs/acme/objectives/${ids.shared}`, SHARED);
    const byTeam = page.getByRole('region', { name: 'Progress by contributing team' });
    const bar = (team: string) =>
      byTeam.getByRole('progressbar', { name: `Progress of ${team} on this objective` });
    await bar('Checkout').waitFor();
    expect(await bar('Checkout').getAttribute('aria-valuenow')).toBe('80');
    expect(await bar('Platform').getAttribute('aria-valuenow')).toBe('40');
    // Platform's 40 at nine tenths of the cycle is off track: a word, not only a colour.
    expect(await byTeam.locator('[data-team="Platform"]').getByText('Off track').count()).toBe(1);
    await byTeam.getByRole('link', { name: 'Spanish payment uptime from 0 to 100' }).waitFor();
    // The overall bar is the objective's own.
    expect(
      await page
        .getByRole('progressbar', { name: 'Progress of this objective' })
        .getAttribute('aria-valuenow'),
    ).toBe('60');
    expect(pageErrors).toEqual([]);
  });

  it('a team lead records a dependency with the form on the objective page, then resolves and reopens it', async () => {
    await signIn(browser.context, server.url, 'lead@acme.test');
    await open(`/orgs/acme/objectives/${ids.checkout}`, CHECKOUT_OBJECTIVE);
    const dependencies = page.getByRole('region', { name: 'Dependencies' });
    await dependencies.scrollIntoViewIfNeeded();
    await dependencies.getByRole('button', { name: 'Record a dependency' }).click();
    const form = dependencies.getByRole('form', { name: 'Record a dependency' });
    await form.getByLabel('Our key result').selectOption({ label: CHECKOUT_KR });
    await form.getByLabel('Objective').selectOption({ label: SHARED });
    await form
      .getByLabel('Key result', { exact: true })
      .selectOption({ label: 'Spanish payment uptime from 0 to 100' });
    await form.getByLabel('Note (optional)').fill('Shoppers need the uptime first');
    await form.getByRole('button', { name: 'Record', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    const item = dependencies
      .getByRole('listitem')
      .filter({ hasText: `${CHECKOUT_KR} needs Spanish payment uptime from 0 to 100` });
    await item.getByText('Shoppers need the uptime first').waitFor();
    await item.getByText('Open', { exact: true }).waitFor();

    await item.getByRole('button', { name: /^Mark resolved/ }).click();
    await item.getByText('Resolved', { exact: true }).waitFor();
    await item.getByRole('button', { name: /^Reopen/ }).click();
    await item.getByText('Open', { exact: true }).waitFor();
    // A member who may not manage this objective's dependencies gets no form.
    await signIn(browser.context, server.url, 'member@acme.test');
    await open(`/orgs/acme/objectives/${ids.checkout}`, CHECKOUT_OBJECTIVE);
    await dependencies.scrollIntoViewIfNeeded();
    await dependencies.getByRole('heading', { name: 'Depends on' }).waitFor();
    expect(await dependencies.getByRole('button', { name: 'Record a dependency' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('shows a hostile request message as text: the Markdown is rendered safe, nothing runs', async () => {
    const dialogs: string[] = [];
    const onDialog = (dialog: { message(): string; dismiss(): Promise<void> }) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    };
    page.on('dialog', onDialog);
    const { csrfToken } = await signIn(browser.context, server.url, 'member@acme.test');
    const asked = await page.request.post(`${server.url}/api/v1/orgs/acme/collaboration-requests`, {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        fromTeamId: ids.checkoutTeam,
        toTeamId: ids.platformTeam,
        objectiveId: ids.checkout,
        message:
          'Hostile <img src=x onerror="alert(1)"> and [a link](javascript:alert(2)) and <script>alert(3)</script> **still bold**',
      },
    });
    expect(asked.status()).toBe(201);
    await signIn(browser.context, server.url, 'felix.wagner@acme.test');
    await open(`/orgs/acme/teams/${ids.platformTeam}/requests`, 'Requests for help');
    const message = page.locator('.request-message').filter({ hasText: 'Hostile' });
    await message.waitFor();
    expect(await message.locator('strong').innerText()).toBe('still bold');
    expect(await message.innerText()).toContain('<img src=x onerror="alert(1)">');
    expect(await message.locator('img, script, [onerror]').count()).toBe(0);
    expect(await message.locator('a[href^="javascript:"]').count()).toBe(0);
    await page.waitForTimeout(300);
    page.off('dialog', onDialog);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('the cross-team map draws the risky dependency and leads to the objective it comes from', async () => {
    // Platform's Bizum key result goes off track.
    const { csrfToken } = await signIn(browser.context, server.url, 'felix.wagner@acme.test');
    const checkIn = await page.request.post(
      `${server.url}/api/v1/orgs/acme/key-results/${ids.bizum}/check-ins`,
      {
        headers: { 'x-csrf-token': csrfToken },
        data: { value: 5, confidence: 0.2 },
      },
    );
    expect(checkIn.status()).toBe(201);

    await signIn(browser.context, server.url, 'member@acme.test');
    await open(`/orgs/acme/collaboration/map?cycle=${ids.cycle}`, 'Cross-team map');
    const edge = page.getByRole('button', { name: 'Checkout waits for Platform: Off track' });
    await edge.waitFor();
    expect(await edge.getAttribute('class')).toContain('health-off_track');
    expect(await edge.locator('path.ctm-edge-line').getAttribute('marker-end')).toBe(
      'url(#ctm-arrow-off_track)',
    );
    // The shared objective joins the same two teams, dashed.
    await page
      .getByRole('button', {
        name: /^Checkout shares an objective with Platform|^Platform shares an objective with Checkout/,
      })
      .waitFor();

    // Click on the line's status badge, as a person would (the curve's box is mostly empty).
    await page
      .locator(`g[data-edge-badge="${(await edge.getAttribute('data-edge')) ?? ''}"]`)
      .click();
    const details = page.getByRole('complementary', { name: 'Details' });
    await details.getByRole('heading', { name: 'Checkout waits for Platform' }).waitFor();
    await details.getByRole('link', { name: `“${CHECKOUT_KR}” needs “${BIZUM}”` }).click();
    await page.getByRole('heading', { level: 1, name: CHECKOUT_OBJECTIVE }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/orgs/acme/objectives/${ids.checkout}`);
    expect(pageErrors).toEqual([]);
  });
});
