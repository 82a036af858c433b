/**
 * Single sign-on in Chromium, on the demo organisation, against a real OpenID provider the test
 * starts on loopback (oidc-provider 8 and its own login page):
 * - the admin configures single sign-on in the organisation's settings, sees the redirect URI to
 *   register, and tests the configuration against the provider;
 * - a new person clicks "Sign in with single sign-on" on the sign-in page, signs in at the
 *   provider's page, and lands in the app signed in, a member of Acme;
 * - someone whose e-mail the provider has not verified comes back to the sign-in page and reads why.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuiteSkip, launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc-provider.ts';
import { buildOrganisation, buildToken, buildUser } from '../support/builders.ts';
import { signIn, startWebServer, type WebServer } from '../support/web-server.ts';

const skip = browserSuiteSkip();

async function expectAccessible(page: Page, selector: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

describe.skipIf(skip)('single sign-on, in the browser', () => {
  let server: WebServer;
  let browser: LaunchedBrowser;
  let provider: TestOidcProvider;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    provider = await startOidcProvider({
      redirectUris: [`${server.url}/api/v1/auth/sso/callback`],
      accounts: {
        nora: { email: 'nora.newcomer@acme.test', email_verified: true, name: 'Nora Newcomer' },
        vic: { email: 'vic.unverified@acme.test', email_verified: false, name: 'Vic Unverified' },
      },
    });
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await provider?.close();
    await server?.close();
  });

  it('lets the admin configure single sign-on and test it against the provider', async () => {
    await signIn(browser.context, server.url, 'admin@acme.test');
    await page.goto(`${server.url}/orgs/acme/account`);
    await page.getByRole('link', { name: 'Single sign-on' }).click();
    await page.getByRole('heading', { level: 1, name: 'Single sign-on' }).waitFor();
    await expect.poll(() => page.getByText('Not configured').isVisible()).toBe(true);
    await expect
      .poll(() => page.getByText(`${server.url}/api/v1/auth/sso/callback`).isVisible())
      .toBe(true);

    await page.getByRole('textbox', { name: 'Issuer URL' }).fill(provider.issuer);
    await page.getByRole('textbox', { name: 'Client ID' }).fill(provider.clientId);
    await page.getByLabel('Client secret', { exact: true }).fill(provider.clientSecret);
    await page.getByRole('textbox', { name: 'Allowed e-mail domains' }).fill('acme.test');
    await page.getByRole('button', { name: 'Save configuration' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await expect.poll(() => page.getByText('A secret is stored').isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Test configuration' }).click();
    const result = page.getByRole('status').filter({ hasText: 'Everything needed is in place.' });
    await result.waitFor();
    expect(await result.getByText('Problem').count()).toBe(0);
    await expectAccessible(page, '.sso-page');

    const stored = await server.connection.db
      .selectFrom('sso_configs as s')
      .innerJoin('organisations as o', 'o.id', 's.org_id')
      .select(['s.issuer', 's.enabled', 's.allowed_domains'])
      .where('o.slug', '=', 'acme')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      issuer: provider.issuer,
      enabled: 1,
      allowed_domains: '["acme.test"]',
    });
    await browser.context.clearCookies();
  });

  it('signs a new person in through the provider and makes them a member of Acme', async () => {
    await page.goto(`${server.url}/signin`);
    await page.getByRole('button', { name: 'Sign in with single sign-on' }).click();
    await page
      .getByRole('textbox', { name: 'Work e-mail or organisation' })
      .fill('nora.newcomer@acme.test');
    await expectAccessible(page, '.sign-in');
    await page.getByRole('button', { name: 'Continue with single sign-on' }).click();

    // The provider's own sign-in page (oidc-provider's development form).
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    await page.locator('input[name="login"]').fill('nora');
    await page.locator('input[name="password"]').fill('anything at all');
    await page.getByRole('button', { name: 'Sign-in' }).click();

    await page.waitForURL(`${server.url}/orgs/acme/home`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const me = await page.evaluate(async () => {
      const response = await fetch('/api/v1/me');
      return (await response.json()) as {
        user: { name: string; email: string };
        organisations: { slug: string }[];
      };
    });
    expect(me.user).toEqual(
      expect.objectContaining({ name: 'Nora Newcomer', email: 'nora.newcomer@acme.test' }),
    );
    expect(me.organisations.map((o) => o.slug)).toEqual(['acme']);
    expect(pageErrors).toEqual([]);
  });

  it("lets the person, signed in through the provider, accept another organisation's invitation without a password", async () => {
    const c = server.connection;
    const other = await buildOrganisation(c, { slug: 'globex', name: 'Globex' });
    const admin = await buildUser(c, other.id, { name: 'Gil Admin', roles: ['admin'] });
    const invited = await fetch(`${server.url}/api/v1/orgs/globex/invitations`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await buildToken(c, admin.id)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ email: 'nora.newcomer@acme.test' }),
    });
    expect(invited.status).toBe(201);
    const { acceptUrl } = (await invited.json()) as { acceptUrl: string };

    await page.goto(`${server.url}${acceptUrl}`);
    await page.getByRole('radio', { name: /signed in with it on this browser/ }).check();
    expect(await page.getByLabel('Your current password').count()).toBe(0);
    await expectAccessible(page, '.invitation');
    await page.getByRole('button', { name: 'Accept with the signed-in account' }).click();
    await page.waitForURL(`${server.url}/orgs/globex/home`);
    const slugs = await page.evaluate(async () => {
      const response = await fetch('/api/v1/me');
      return ((await response.json()) as { organisations: { slug: string }[] }).organisations
        .map((o) => o.slug)
        .sort();
    });
    expect(slugs).toEqual(['acme', 'globex']);
    expect(pageErrors).toEqual([]);
  });

  it('brings someone whose e-mail is not verified back to the sign-in page with the reason', async () => {
    await browser.context.clearCookies();
    await page.goto(`${server.url}/signin`);
    await page.getByRole('button', { name: 'Sign in with single sign-on' }).click();
    await page.getByRole('textbox', { name: 'Work e-mail or organisation' }).fill('acme');
    await page.getByRole('button', { name: 'Continue with single sign-on' }).click();
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    await page.locator('input[name="login"]').fill('vic');
    await page.locator('input[name="password"]').fill('anything at all');
    await page.getByRole('button', { name: 'Sign-in' }).click();

    await page.waitForURL(`${server.url}/signin?sso_error=email_unverified`);
    await page
      .getByRole('alert')
      .filter({ hasText: 'has not verified your e-mail address' })
      .waitFor();
    const vic = await server.connection.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'vic.unverified@acme.test')
      .executeTakeFirst();
    expect(vic).toBeUndefined();
  });
});
