/**
 * Importing OKRs from a spreadsheet, in Chromium on the demo organisation: the Checkout lead
 * pastes a sheet with a bad row, maps the one column the app could not guess, saves the
 * mapping, previews what would be created (the tree and the rejected row with its reason),
 * imports, and opens the objective created.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuiteSkip, launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { signIn, startWebServer, type WebServer } from '../support/web-server.ts';

const skip = browserSuiteSkip();
const TITLE = 'Checkout that converts every visitor';
const SHEET = [
  'Objective;Team;Owner;Key result;Start;Aim;Now',
  `${TITLE};Checkout;lead@acme.test;"Conversion rate, mobile";2,1;3,5;2,4`,
  `${TITLE};Checkout;lead@acme.test;Abandoned carts per day;400;250;400`,
  `${TITLE};Checkout;lead@acme.test;Payment errors;12;lots;12`,
].join('\n');

describe.skipIf(skip)('importing a spreadsheet, in the browser', () => {
  let server: WebServer;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await server?.close();
  });

  it('pastes a sheet with a bad row, maps it, previews, imports and opens the objective', async () => {
    await signIn(browser.context, server.url, 'lead@acme.test');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/orgs/acme/company`);
    await page.getByRole('link', { name: 'Import OKRs from a spreadsheet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import from a spreadsheet' }).waitFor();

    await page.getByRole('textbox', { name: /Paste the CSV/ }).fill(SHEET);
    await page.getByRole('button', { name: 'Read the sheet' }).click();
    await page.getByText('3 rows, with a header row, separated by “;”.').waitFor();
    // Proposed from the headers; "Aim" is no name the app knows, so the target is chosen by hand.
    expect(await page.getByLabel('Objective (required)').inputValue()).toBe('Objective');
    expect(await page.getByLabel('Current').inputValue()).toBe('Now');
    expect(await page.getByLabel('Target (required)').inputValue()).toBe('');
    const preview = page.getByRole('button', { name: 'Preview the import' });
    expect(await preview.isDisabled()).toBe(true);
    await page.getByLabel('Target (required)').selectOption('Aim');

    await page.getByLabel('Save this mapping as').fill('Checkout sheet');
    await page.getByRole('button', { name: 'Save the mapping' }).click();
    await page.getByText('Saved.').waitFor();

    await preview.click();
    await page.getByRole('heading', { name: '3. What will be created' }).waitFor();
    await page.getByText('Of 3 rows, 2 can be imported and 1 cannot', { exact: false }).waitFor();
    const tree = page.getByRole('list', { name: 'Objectives to create' });
    expect(await tree.getByText(TITLE).count()).toBe(1);
    expect(await tree.getByText('Conversion rate, mobile').count()).toBe(1);
    expect(await tree.getByText('2.1 → 3.5, now 2.4', { exact: false }).count()).toBe(1);
    const rejected = page.getByRole('table', { name: 'Rows that cannot be imported' });
    const bad = rejected.getByRole('row').nth(1);
    expect(await bad.getByRole('cell').allInnerTexts()).toEqual([
      '4',
      TITLE,
      'Payment errors',
      "the target 'lots' is not a number",
    ]);
    // Nothing is wider than the phone.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      390,
    );

    await page.getByRole('button', { name: 'Import 1 objective with 2 key results' }).click();
    await page.getByText('1 objective and 2 key results created in', { exact: false }).waitFor();
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByText('Abandoned carts per day').waitFor();

    // The saved mapping is offered for the next sheet.
    await page.goto(`${server.url}/orgs/acme/import`);
    await page.getByRole('textbox', { name: /Paste the CSV/ }).fill(SHEET);
    await page.getByRole('button', { name: 'Read the sheet' }).click();
    await page.getByLabel('Load a saved mapping').selectOption({ label: 'Checkout sheet' });
    expect(await page.getByLabel('Target (required)').inputValue()).toBe('Aim');
    expect(pageErrors).toEqual([]);
  });
});
