/**
 * Strategy and KPIs, in Chromium on the demo organisation:
 * - the company page shows the strategy as a tree: mission and vision, each theme with its
 *   progress, its company objectives and the objectives aligned to them, each a link;
 * - an executive creates a KPI, records a value on its page (the chart and the status follow),
 *   and sees it, with its status, beside the company objectives on the executive dashboard;
 * - a key result of the demo links to its KPI, shown on the objective page; the executive links
 *   another one with the picker and tags a company objective with a second theme, which the
 *   strategy tree then shows under both.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuiteSkip, launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { signIn, startWebServer, type WebServer } from '../support/web-server.ts';

const skip = browserSuiteSkip();

describe.skipIf(skip)('strategy and KPIs, in the browser', () => {
  let server: WebServer;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(browser.context, server.url, 'ceo@acme.test');
  });
  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await server?.close();
  });

  it('shows the strategy tree on the company page: themes → company objectives → aligned objectives', async () => {
    await page.goto(`${server.url}/orgs/acme/company`);
    const strategy = page.getByRole('region', { name: 'Strategy' });
    await strategy.getByText('Help every small business get paid, anywhere, in seconds.').waitFor();
    const tree = strategy.getByRole('list', { name: /Strategy: themes/ });
    const growth = tree
      .getByRole('listitem')
      .filter({ has: page.getByText('Growth', { exact: true }) })
      .first();
    await growth.getByRole('progressbar', { name: 'Progress of the theme Growth' }).waitFor();
    // The company objective under its theme, and a team objective aligned to it under that.
    const company = growth.getByRole('link', { name: 'Win the small-business payments market' });
    await company.waitFor();
    await growth
      .getByRole('link', { name: 'Launch Acme Pay in the mobile app across the EU' })
      .waitFor();
    const reliability = tree
      .getByRole('listitem')
      .filter({ has: page.getByText('Reliability', { exact: true }) })
      .first();
    await reliability
      .getByRole('link', { name: 'Run on a platform our customers can trust' })
      .waitFor();
    // Every node carries its progress.
    expect(await tree.getByRole('progressbar').count()).toBeGreaterThan(8);
    await company.click();
    await page
      .getByRole('heading', { level: 1, name: 'Win the small-business payments market' })
      .waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('lets an executive create a KPI, record a value and see it on the executive dashboard', async () => {
    await page.goto(`${server.url}/orgs/acme/kpis`);
    await page.getByRole('heading', { level: 1, name: 'KPIs' }).waitFor();
    // The demo's KPIs, worst first, each with a sparkline.
    await page.getByRole('link', { name: 'Checkout availability' }).waitFor();
    expect(await page.getByRole('img', { name: /Checkout availability: 6 values/ }).count()).toBe(
      1,
    );

    await page.getByRole('button', { name: 'New KPI' }).click();
    const dialog = page.getByRole('dialog', { name: 'New KPI' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Payment success rate');
    await dialog.getByRole('textbox', { name: 'Unit' }).fill('%');
    await dialog.getByRole('textbox', { name: 'Green threshold' }).fill('98');
    await dialog.getByRole('textbox', { name: 'Amber threshold' }).fill('99');
    await dialog.getByText('When higher is better, green must be at or above amber.').waitFor();
    await dialog.getByRole('textbox', { name: 'Amber threshold' }).fill('95');
    await dialog.getByText('Green at or above 98 %, amber at or above 95 %, red beyond').waitFor();
    await dialog.getByRole('button', { name: 'Create KPI' }).click();

    await page.getByRole('heading', { level: 1, name: 'Payment success rate' }).waitFor();
    await page.getByText('No value yet').first().waitFor();
    const record = page.getByRole('form', { name: 'Record a value' });
    await record.getByRole('textbox', { name: 'Value' }).fill('96.5');
    await record
      .getByRole('textbox', { name: 'Note (optional)' })
      .fill('Card network outage on Monday');
    await record.getByRole('button', { name: 'Record value' }).click();
    await page.getByRole('status').filter({ hasText: 'Recorded 96.5 %.' }).waitFor();
    await page.locator('.kpi-summary').getByText('Amber', { exact: true }).waitFor();
    await page.getByRole('img', { name: /Payment success rate over time: 1 values/ }).waitFor();

    await page.goto(`${server.url}/orgs/acme/dashboard/executive`);
    const section = page.getByRole('region', { name: 'Company objectives and KPIs' });
    const kpis = section.getByRole('list', { name: 'KPIs' });
    const row = kpis
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'Payment success rate' }) });
    await row.getByText('Amber', { exact: true }).waitFor();
    await row.getByText('96.5 %').waitFor();
    await section.getByRole('link', { name: 'Win the small-business payments market' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('shows the KPI a key result moves, links another one, and tags a company objective with a theme', async () => {
    await page.goto(`${server.url}/orgs/acme/company`);
    await page
      .getByRole('region', { name: 'Strategy' })
      .getByRole('link', { name: 'Run on a platform our customers can trust' })
      .click();
    await page
      .getByRole('heading', { level: 1, name: 'Run on a platform our customers can trust' })
      .waitFor();
    const kpi = page.locator('.key-result-kpi').filter({ hasText: 'Moves KPI' });
    await kpi.getByRole('link', { name: 'Checkout availability' }).waitFor();
    await kpi.getByText('Red', { exact: true }).waitFor();

    // The executive links another key result to a KPI with the picker.
    await page
      .getByRole('button', { name: /^Link a KPI to Infrastructure cost per transaction/ })
      .click();
    await page
      .getByRole('combobox', { name: 'KPI this key result moves' })
      .selectOption({ label: 'Months of runway' });
    await page.locator('.key-result-kpi').getByRole('link', { name: 'Months of runway' }).waitFor();

    // And tags the company objective with a second theme: the strategy tree follows.
    await page.getByRole('button', { name: 'Change themes…' }).click();
    const themes = page.getByRole('group', { name: 'Strategic themes this objective serves' });
    expect(await themes.getByRole('checkbox', { name: 'Reliability' }).isChecked()).toBe(true);
    await themes.getByRole('checkbox', { name: 'Growth' }).check();
    await page.getByRole('button', { name: 'Save themes' }).click();
    await page.getByText('#Growth', { exact: true }).waitFor();
    await page.goto(`${server.url}/orgs/acme/company`);
    const growth = page
      .getByRole('region', { name: 'Strategy' })
      .getByRole('listitem')
      .filter({ has: page.getByText('Growth', { exact: true }) })
      .first();
    await growth.getByRole('link', { name: 'Run on a platform our customers can trust' }).waitFor();
    await growth.getByText('2 company objectives').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
