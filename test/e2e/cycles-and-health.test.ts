/**
 * Cycles and the OKR health dashboard, in Chromium on the demo organisation:
 * - the champion creates a quarter, activates it after seeing the checks (teams without
 *   objectives, acknowledged), moves it to grading, closes it, and carries its unfinished
 *   objective into the next quarter; the copy's page links back to the original;
 * - the champion's dashboard shows the server's health figures of the demo's active quarter
 *   (counted by hand from src/services/demo/) and downloads a table as CSV.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuiteSkip, launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { buildKeyResult, buildObjective } from '../support/builders.ts';
import { signIn, startWebServer, type WebServer } from '../support/web-server.ts';

const skip = browserSuiteSkip();
const CARRIED = 'Checkout that never keeps anyone waiting';

describe.skipIf(skip)('cycles and OKR health, in the browser', () => {
  let server: WebServer;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(browser.context, server.url, 'champion@acme.test');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a quarter, activates, grades and closes it, and carries its unfinished objective over', async () => {
    await page.goto(`${server.url}/orgs/acme/cycles`);
    await page.getByRole('heading', { level: 1, name: 'Cycles' }).waitFor();
    const form = page.getByRole('form', { name: 'New cycle' });
    await form.getByLabel('Kind').selectOption('quarter');
    await form.getByLabel('Year').fill('2031');
    await form.getByLabel('Quarter').selectOption('1');
    await form.getByRole('button', { name: 'Create 2031-Q1' }).click();
    await form.getByRole('status').filter({ hasText: 'Created 2031-Q1' }).waitFor();

    // An objective of Checkout in the new quarter, left unfinished.
    const db = server.connection.db;
    const cycle = await db
      .selectFrom('cycles')
      .select(['id', 'org_id'])
      .where('name', '=', '2031-Q1')
      .executeTakeFirstOrThrow();
    const lead = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'lead@acme.test')
      .executeTakeFirstOrThrow();
    const checkout = await db
      .selectFrom('teams')
      .select('id')
      .where('org_id', '=', cycle.org_id)
      .where('name', '=', 'Checkout')
      .executeTakeFirstOrThrow();
    const objective = await buildObjective(server.connection, cycle.org_id, {
      cycleId: cycle.id,
      teamId: checkout.id,
      ownerId: lead.id,
      title: CARRIED,
    });
    await buildKeyResult(server.connection, cycle.org_id, {
      objectiveId: objective.id,
      ownerId: lead.id,
      start: 0,
      target: 100,
      current: 40,
      title: 'Checkouts under two seconds from 0 to 100',
    });

    await page.getByRole('button', { name: 'Activate 2031-Q1' }).click();
    const activate = page.getByRole('dialog', { name: 'Activate 2031-Q1?' });
    // Eleven of the twelve demo teams have no objective in it yet.
    await activate
      .getByRole('heading', { name: /Teams without objectives in this cycle: 11/ })
      .waitFor();
    const go = activate.getByRole('button', { name: 'Activate 2031-Q1' });
    expect(await go.isDisabled()).toBe(true);
    await activate.getByLabel('I have looked at these and want to go ahead').check();
    await go.click();
    await activate.waitFor({ state: 'detached' });
    const row = page.getByRole('row', { name: /2031-Q1/ });
    await row.getByText('Active', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Start grading 2031-Q1' }).click();
    const grading = page.getByRole('dialog', { name: 'Start grading 2031-Q1?' });
    await grading.getByText('Owners who will be asked to score their objectives: 1').waitFor();
    await grading.getByRole('button', { name: 'Start grading 2031-Q1' }).click();
    await row.getByText('Grading', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Close 2031-Q1' }).click();
    const closing = page.getByRole('dialog', { name: 'Close 2031-Q1?' });
    await closing.getByText('Objectives without a confirmed score: 1').waitFor();
    await closing.getByRole('link', { name: CARRIED }).waitFor();
    await closing.getByLabel('I have looked at these and want to go ahead').check();
    await closing.getByRole('button', { name: 'Close 2031-Q1' }).click();
    await row.getByText('Closed', { exact: true }).waitFor();

    // The next quarter, then the carry-over.
    await form.getByLabel('Quarter').selectOption('2');
    await form.getByRole('button', { name: 'Create 2031-Q2' }).click();
    await form.getByRole('status').filter({ hasText: 'Created 2031-Q2' }).waitFor();
    await page.getByRole('button', { name: 'Carry over from 2031-Q1' }).click();
    const carry = page.getByRole('dialog', { name: 'Carry over from 2031-Q1' });
    expect(await carry.getByLabel('Into').inputValue()).toBe(
      (
        await db
          .selectFrom('cycles')
          .select('id')
          .where('name', '=', '2031-Q2')
          .executeTakeFirstOrThrow()
      ).id,
    );
    expect(await carry.getByRole('checkbox', { name: new RegExp(CARRIED) }).isChecked()).toBe(true);
    await carry.getByRole('button', { name: 'Carry 1 over' }).click();
    await carry.getByText('Carried 1 objective into 2031-Q2').waitFor();
    await carry.getByRole('link', { name: CARRIED }).click();
    await page.getByRole('heading', { level: 1, name: CARRIED }).waitFor();
    await page.getByText(/Carried over from/).waitFor();
    await page.getByRole('link', { name: CARRIED }).click();
    await page.getByRole('link', { name: '2031-Q2' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it("shows the demo's health figures and downloads a table as CSV", async () => {
    await page.goto(`${server.url}/orgs/acme/dashboard/champion`);
    await page.getByRole('heading', { name: 'Coverage per team' }).waitFor();
    const stat = (label: string) =>
      page.locator('.stat', { hasText: label }).locator('.stat-value');
    // acme-okrs.ts: 24 objectives in the active quarter; all 12 teams own one; 17 of 60 people do.
    expect(await stat('Objectives').first().innerText()).toBe('24');
    expect(await stat('Teams without objectives').innerText()).toBe('0 of 12');
    expect(await stat('People without objectives').innerText()).toBe('43 of 60');
    expect(await stat('Alignment gaps').innerText()).toBe('1');
    const gaps = page.getByRole('region', { name: 'Alignment gaps table' });
    await gaps.getByRole('link', { name: 'Give back to the open-source tools we use' }).waitFor();
    await page.getByRole('region', { name: 'Check-in compliance per team table' }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV of coverage per team' }).click(),
    ]);
    const file = await download.path();
    const csv = fs.readFileSync(file, 'utf8');
    expect(csv).toContain('Team,Objectives,Members,Members without objectives,Who');
    expect(csv).toMatch(/\r\nCheckout,5,/);
    expect(pageErrors).toEqual([]);
  });
});
