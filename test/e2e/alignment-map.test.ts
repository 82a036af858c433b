/**
 * The alignment map in Chromium: on the demo organisation (the canvas draws, search jumps to an
 * objective, "Show my path" opens the signed-in person's objectives), and on a generated
 * 10,000-person organisation (about 30,000 objectives), where it must still become interactive.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browserSuiteSkip, launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { passwordForAnObjectiveOwner, signIn, startWebServer, type WebServer } from '../support/web-server.ts';

const skip = browserSuiteSkip();

const GENERATED_SLUG = 'e2e-large';
const GENERATED_PASSWORD = 'e2e-large-password';

/** How many pixels of the map's canvas are painted (not transparent, not white). */
const PAINTED_PIXELS = `(() => {
  const canvas = document.querySelector('canvas.amap-canvas');
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] !== 0 && !(data[i] > 245 && data[i + 1] > 245 && data[i + 2] > 245)) painted++;
  }
  return painted;
})()`;

/** The map sets this when it first draws with the data (a browser global; no DOM types here). */
const mapReady = () => (globalThis as { __okrMapReady?: number }).__okrMapReady !== undefined;

/** Opens the map and waits for its first frame drawn with the data; returns the milliseconds. */
async function openMap(page: Page, url: string): Promise<number> {
  const started = Date.now();
  await page.goto(url);
  // A function, not a string: the app's Content-Security-Policy forbids eval in the page.
  await page.waitForFunction(mapReady, undefined, { timeout: 60_000, polling: 50 });
  return Date.now() - started;
}

async function visibleNodes(page: Page): Promise<number> {
  return Number(await page.locator('canvas.amap-canvas').getAttribute('data-visible-nodes'));
}

/** Types into the map's search, waits for the listed match and picks it with Enter. */
async function searchAndPick(page: Page, query: string, title: string): Promise<void> {
  const search = page.getByRole('combobox', { name: 'Search objectives, owners and teams' });
  await search.fill(query);
  const results = page.getByRole('listbox', { name: 'Matching objectives' });
  await results.getByRole('option', { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).first().waitFor();
  const option = results.getByRole('option').first();
  expect(await option.textContent()).toContain(title);
  await search.press('Enter');
  await page.locator('#amap-details-title').filter({ hasText: title }).waitFor();
  expect(new URL(page.url()).searchParams.get('selected')).toBeTruthy();
}

describe.skipIf(skip)('the alignment map in the browser', () => {
  let browser: LaunchedBrowser;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterEach(async () => {
    await page.close();
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  });

  describe('on the demo organisation', () => {
    let server: WebServer;
    beforeAll(async () => {
      server = await startWebServer();
    });
    afterAll(async () => {
      await server?.close();
    });

    it('draws the map, finds an objective and shows my path', async () => {
      await signIn(browser.context, server.url, 'member@acme.test');
      await openMap(page, `${server.url}/orgs/acme/alignment`);
      const canvas = page.locator('canvas.amap-canvas');
      const topLevel = Number(await canvas.getAttribute('data-top-level-nodes'));
      expect(topLevel).toBeGreaterThan(0);
      expect(await visibleNodes(page)).toBe(topLevel);
      expect(await page.evaluate<number>(PAINTED_PIXELS)).toBeGreaterThan(1000);

      // Search: a team objective deep in the tree; picking it opens its path and selects it.
      await searchAndPick(page, 'fastest in the market', 'Make our checkout the fastest in the market');
      await expect.poll(() => visibleNodes(page)).toBeGreaterThan(topLevel);
      const details = page.getByRole('complementary');
      await details.getByText('Serves').waitFor();
      await details.getByRole('button', { name: 'Make paying with Acme effortless' }).waitFor();
      await details.getByRole('link', { name: 'Open objective' }).waitFor();

      // Show my path: the member's own objective and what it serves open up and are counted.
      await page.reload();
      await page.waitForFunction(mapReady);
      const before = await visibleNodes(page);
      const showMine = page.getByRole('button', { name: 'Show my path' });
      await showMine.click();
      expect(await showMine.getAttribute('aria-pressed')).toBe('true');
      await page.getByRole('status').filter({ hasText: /^Your (objective and what it serves|\d+ objectives and what they serve) are highlighted\.$/ }).waitFor();
      await expect.poll(() => visibleNodes(page)).toBeGreaterThan(before);

      // The accessible list holds the same objectives.
      await page.getByRole('button', { name: 'Show as list' }).click();
      await page
        .getByRole('region', { name: 'Objectives on the map' })
        .getByText("Become the team's go-to person for payments performance")
        .first()
        .waitFor();
    });
  });

  describe('on a generated 10,000-person organisation', () => {
    let server: WebServer;
    let email: string;
    let ownTitle: string;
    beforeAll(async () => {
      // `okr generate --people 10000` in-process into a temporary SQLite file: the same people,
      // teams, 30,000 objectives and 100,000 key results, with one check-in per key result
      // instead of ten (the map shows no history), which halves the time to about 15 s.
      server = await startWebServer({ kind: 'generated', people: 10_000, slug: GENERATED_SLUG, checkInsPerKeyResult: 1 });
      email = await passwordForAnObjectiveOwner(server.connection, GENERATED_SLUG, GENERATED_PASSWORD);
      const own = await server.connection.db
        .selectFrom('objectives as o')
        .innerJoin('users as u', 'u.id', 'o.owner_id')
        .innerJoin('cycles as c', 'c.id', 'o.cycle_id')
        .select('o.title')
        .where('u.email', '=', email)
        .where('c.status', '=', 'active')
        .orderBy('o.id')
        .executeTakeFirstOrThrow();
      ownTitle = own.title;
    }, 180_000);
    afterAll(async () => {
      await server?.close();
    });

    it('becomes interactive: the canvas draws, search finds a node, my path opens', async () => {
      await signIn(browser.context, server.url, email, GENERATED_PASSWORD);
      const ms = await openMap(page, `${server.url}/orgs/${GENERATED_SLUG}/alignment`);
      const summary = (await page.locator('.amap-summary').textContent()) ?? '';
      const objectives = Number(/([\d,]+) objectives/.exec(summary)?.[1]?.replace(/,/g, '') ?? 0);
      expect(objectives).toBeGreaterThanOrEqual(20_000);
      console.log(`[e2e] alignment map of ${objectives.toLocaleString('en')} objectives: first frame ${ms} ms after navigation`);
      expect(await page.evaluate<number>(PAINTED_PIXELS)).toBeGreaterThan(1000);

      // Keyboard: select and expand the first company objective.
      const canvas = page.locator('canvas.amap-canvas');
      const topLevel = await visibleNodes(page);
      await canvas.focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => visibleNodes(page)).toBeGreaterThan(topLevel);

      await searchAndPick(page, ownTitle, ownTitle);
      await page.getByRole('button', { name: 'Show my path' }).click();
      await page.getByRole('status').filter({ hasText: /^Your (objective and what it serves|\d+ objectives and what they serve) are highlighted\.$/ }).waitFor();
    });
  });
});
