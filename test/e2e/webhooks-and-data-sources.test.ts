/**
 * Webhooks and data sources, in Chromium on the demo organisation, against loopback servers the
 * test starts:
 * - the admin registers a webhook from its page, sees the secret once, sends a test event and
 *   sees the delivery with the receiver's answer (the delivery worker run directly);
 * - a key result's owner connects a JSON source on the objective page, fetches it now and sees
 *   the value arrive (an `integration` check-in).
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../src/domain/webhook-signature.ts';
import { deliverDueWebhooks } from '../../src/services/webhooks/deliver.ts';
import { browserSuiteSkip, launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { buildKeyResult, buildObjective } from '../support/builders.ts';
import { startReceiver, type Receiver } from '../support/receiver.ts';
import { signIn, startWebServer, type WebServer } from '../support/web-server.ts';

const skip = browserSuiteSkip();

/** axe finds nothing serious or critical in `selector`, and at 375 px nothing is wider than the screen. */
async function expectAccessible(page: Page, selector: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  const desktop = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 740 });
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  expect(width).toBeLessThanOrEqual(376);
  if (desktop) await page.setViewportSize(desktop);
}
const OBJECTIVE = 'Grow sign-ups from the new landing page';
const KEY_RESULT = 'Weekly sign-ups reach 2,000';

describe.skipIf(skip)('webhooks and data sources, in the browser', () => {
  let server: WebServer;
  let browser: LaunchedBrowser;
  let page: Page;
  let hooks: Receiver;
  let metrics: Receiver;
  let objectiveId = '';
  let keyResultId = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser, hooks, metrics] = await Promise.all([
      startWebServer(),
      launchBrowser(),
      startReceiver(),
      startReceiver(() => ({ status: 200, body: JSON.stringify({ metrics: { signups: 1234 } }) })),
    ]);
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => void dialog.accept());
    const db = server.connection.db;
    const org = await db
      .selectFrom('organisations')
      .select('id')
      .where('slug', '=', 'acme')
      .executeTakeFirstOrThrow();
    const member = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'member@acme.test')
      .executeTakeFirstOrThrow();
    const cycle = await db
      .selectFrom('cycles')
      .select('id')
      .where('org_id', '=', org.id)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    objectiveId = (
      await buildObjective(server.connection, org.id, {
        cycleId: cycle.id,
        level: 'individual',
        ownerId: member.id,
        title: OBJECTIVE,
      })
    ).id;
    keyResultId = (
      await buildKeyResult(server.connection, org.id, {
        objectiveId,
        ownerId: member.id,
        title: KEY_RESULT,
        start: 0,
        target: 2000,
        current: 0,
      })
    ).id;
  });
  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await server?.close();
    await hooks?.close();
    await metrics?.close();
  });

  it('registers a webhook, shows the secret once, and lists a delivered test event', async () => {
    await signIn(browser.context, server.url, 'admin@acme.test');
    await page.goto(`${server.url}/orgs/acme/settings/webhooks`);
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByRole('textbox', { name: 'Endpoint URL' }).fill(`${hooks.url}/okr`);
    await page.getByRole('textbox', { name: 'Description' }).fill('CRM sync');
    await page.getByRole('checkbox', { name: /Status changed/ }).check();
    await page.getByRole('button', { name: 'Register endpoint' }).click();
    const secret = await page
      .getByRole('status')
      .filter({ hasText: 'Signing secret' })
      .locator('code')
      .innerText();
    expect(secret).toMatch(/^whsec_/);

    const item = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: `${hooks.url}/okr` }) });
    await item.getByRole('button', { name: 'Send test event' }).click();
    await item.getByText('Test event queued').waitFor();
    expect((await deliverDueWebhooks(server.connection, new Date())).succeeded).toBe(1);
    await item.getByRole('button', { name: 'Deliveries' }).click();
    const row = item.getByRole('row').filter({ hasText: 'webhook.test' });
    await row.getByText('Delivered').waitFor();
    await row.getByText('HTTP 200').waitFor();
    await expectAccessible(page, 'main');

    const got = hooks.received[0];
    expect(got?.headers['x-okr-event']).toBe('webhook.test');
    expect(
      verifyWebhook(
        secret,
        {
          signature: String(got?.headers['x-okr-signature']),
          timestamp: String(got?.headers['x-okr-timestamp']),
        },
        got?.body ?? '',
        Math.floor(Date.now() / 1000),
      ),
    ).toBe(true);
    // The secret is not shown again.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    expect(await page.getByText(secret).count()).toBe(0);
  });

  it('connects a JSON source to a key result and sees the value arrive as a check-in', async () => {
    await signIn(browser.context, server.url, 'member@acme.test');
    await page.goto(`${server.url}/orgs/acme/objectives/${objectiveId}`);
    await page.getByRole('heading', { level: 1, name: OBJECTIVE }).waitFor();
    const section = page.getByRole('region', { name: 'Data sources' });
    await section.scrollIntoViewIfNeeded();
    await section.getByRole('button', { name: 'Connect a data source' }).click();
    const form = section.getByRole('form', { name: 'Connect a data source' });
    await form.getByRole('textbox', { name: 'URL' }).fill(`${metrics.url}/stats`);
    await form
      .getByRole('textbox', { name: 'JSON Pointer to the number' })
      .fill('/metrics/signups');
    await form.getByRole('textbox', { name: 'Header name (optional)' }).fill('X-Api-Key');
    await form.getByLabel('Header secret (optional)').fill('s3cret');
    await form.getByRole('button', { name: 'Connect' }).click();
    await section.getByText('Waiting for its first value').waitFor();
    await section.getByRole('button', { name: 'Fetch now' }).click();
    await section.getByText('Working').waitFor();
    await section.getByText('1,234').waitFor();
    expect(metrics.received[0]?.headers['x-api-key']).toBe('s3cret');
    await expectAccessible(page, '#data-sources');

    const checkIns = await server.connection.db
      .selectFrom('check_ins')
      .select(['value', 'source'])
      .where('key_result_id', '=', keyResultId)
      .execute();
    expect(checkIns).toEqual([{ value: 1234, source: 'integration' }]);
    expect(pageErrors).toEqual([]);
  });
});
