/**
 * Issue 6, Team Lead parts 1 and 2, in Chromium on the demo organisation. Cascade: the Checkout
 * lead opens a company objective, "Cascade to my team" opens the wizard already aligned with key
 * result drafts proposed from the company's key results; the lead assigns owners among the team's
 * members and creates it. Approval: off (the default), a member's objective is active at once;
 * the champion turns it on; the member's next objective waits as a draft, the lead returns it
 * with a comment from the approvals page, the member sees the comment and submits again, the lead
 * approves it on its page.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuiteSkip, launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { buildKeyResult, buildObjective } from '../support/builders.ts';
import { signIn, startWebServer, type WebServer } from '../support/web-server.ts';

const skip = browserSuiteSkip();

const COMPANY = 'Win the mid-market in Europe';
const ARR = 'Mid-market ARR from 2 to 5 million';
const LOGOS = 'Mid-market customers from 40 to 90';

describe.skipIf(skip)('team lead: cascade and approval, in the browser', () => {
  let server: WebServer;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];
  let ids: { company: string; cycle: string; member: string; lead: string; aisha: string };

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
    const cycle = await db
      .selectFrom('cycles')
      .select('id')
      .where('org_id', '=', org.id)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const aisha = await db
      .selectFrom('users')
      .select('id')
      .where('name', '=', 'Aisha Khan')
      .executeTakeFirstOrThrow();
    const ceo = await person('ceo@acme.test');
    const company = await buildObjective(server.connection, org.id, {
      cycleId: cycle.id,
      level: 'company',
      ownerId: ceo,
      title: COMPANY,
    });
    await buildKeyResult(server.connection, org.id, {
      objectiveId: company.id,
      title: ARR,
      start: 2,
      target: 5,
      current: 3,
    });
    await buildKeyResult(server.connection, org.id, {
      objectiveId: company.id,
      title: LOGOS,
      start: 40,
      target: 90,
    });
    await db.updateTable('key_results').set({ position: 1 }).where('title', '=', LOGOS).execute();
    ids = {
      company: company.id,
      cycle: cycle.id,
      member: await person('member@acme.test'),
      lead: await person('lead@acme.test'),
      aisha: aisha.id,
    };
  });
  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await server?.close();
  });

  const at = (path: string) => `${server.url}/orgs/acme${path}`;
  const objectivePage = async (id: string, title: string) => {
    await page.goto(at(`/objectives/${id}`));
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
  };
  /** axe on the approval panel (the approvals page is in test/e2e/accessibility.test.ts). */
  const expectAccessible = async (selector: string) => {
    const results = await new AxeBuilder({ page }).include(selector).analyze();
    const serious = results.violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  };
  const readObjective = async (id: string) => {
    const response = await page.request.get(`${server.url}/api/v1/orgs/acme/objectives/${id}`);
    expect(response.status()).toBe(200);
    return (await response.json()) as {
      status: string;
      level: string;
      team: { name: string } | null;
      parents: { id: string }[];
      approval: { state: string } | null;
      keyResults: { title: string; start: number; target: number; owner: { id: string } | null }[];
    };
  };

  it('a lead cascades a company objective to their team, with key result owners among its members', async () => {
    await signIn(browser.context, server.url, 'lead@acme.test');
    await objectivePage(ids.company, COMPANY);
    await page.getByRole('link', { name: 'Cascade to my team' }).click();

    // The wizard opens on the objective, already a Checkout objective aligned to the company's.
    const title = page.getByRole('textbox', { name: 'Objective' });
    await title.waitFor();
    await page.getByText(`Cascading “${COMPANY}” to Checkout`, { exact: false }).waitFor();
    const newTitle = 'Checkout wins mid-market merchants across Europe';
    await title.fill(newTitle);
    await page
      .getByLabel('Why it matters (rationale)')
      .fill('Mid-market merchants judge us on checkout first.');
    const next = page.getByRole('button', { name: /^Next:/ });
    await next.click();

    // Key results: proposed from the company's, in its order, with no owner yet.
    const first = page.getByRole('group', { name: 'Key result 1', exact: true });
    const second = page.getByRole('group', { name: 'Key result 2', exact: true });
    expect(await first.getByLabel('What will you measure?').inputValue()).toBe(
      `Our part of: ${ARR}`,
    );
    expect(await first.getByLabel('Start (baseline)').inputValue()).toBe('3');
    expect(await first.getByLabel('Target', { exact: true }).inputValue()).toBe('5');
    expect(await second.getByLabel('What will you measure?').inputValue()).toBe(
      `Our part of: ${LOGOS}`,
    );
    const owner = first.getByLabel('Owner');
    expect(await owner.inputValue()).toBe('');
    // The owners offered are Checkout's members and lead, nobody else.
    const offered = await owner.locator('option').allInnerTexts();
    expect(offered).toContain('Tom Becker');
    expect(offered).toContain('Priya Shah');
    expect(offered).not.toContain('Sofia Rossi');
    await owner.selectOption({ label: 'Tom Becker' });
    await second.getByLabel('Owner').selectOption({ label: 'Aisha Khan' });
    await first.getByLabel('Unit').fill('million EUR');
    await second.getByLabel('Unit').fill('customers');
    await next.click();

    await page.getByRole('button', { name: 'Create objective' }).click();
    await page.getByRole('heading', { level: 1, name: newTitle }).waitFor();
    const path = page.getByRole('navigation', { name: 'Alignment path' });
    await path.getByRole('link', { name: new RegExp(COMPANY) }).waitFor();
    await page.getByRole('article', { name: `Our part of: ${ARR}` }).waitFor();

    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    const saved = await readObjective(id);
    expect(saved).toMatchObject({
      level: 'team',
      status: 'active',
      team: { name: 'Checkout' },
      parents: [{ id: ids.company }],
    });
    expect(saved.keyResults.map((kr) => [kr.title, kr.start, kr.target, kr.owner?.id])).toEqual([
      [`Our part of: ${ARR}`, 3, 5, ids.member],
      [`Our part of: ${LOGOS}`, 40, 90, ids.aisha],
    ]);
    expect(pageErrors).toEqual([]);
  });

  it('approval off, then on: a member’s objective waits, is returned with a comment, resubmitted and approved', async () => {
    const createAsMember = async (title: string) => {
      const { csrfToken } = await signIn(browser.context, server.url, 'member@acme.test');
      const created = await page.request.post(`${server.url}/api/v1/orgs/acme/objectives`, {
        headers: { 'x-csrf-token': csrfToken },
        data: {
          cycleId: ids.cycle,
          level: 'individual',
          title,
          keyResults: [
            {
              title: 'Checkout p95 from 900 ms to 500 ms',
              kind: 'number',
              direction: 'decrease',
              start: 900,
              target: 500,
              unit: 'ms',
            },
          ],
        },
      });
      expect(created.status()).toBe(201);
      return ((await created.json()) as { id: string }).id;
    };

    // Off (the default): active at once, no approval panel.
    const active = await createAsMember('Checkout feels instant on phones');
    await objectivePage(active, 'Checkout feels instant on phones');
    expect(await page.getByRole('region', { name: /^Draft/ }).count()).toBe(0);
    expect((await readObjective(active)).status).toBe('active');

    // The champion turns approval on from the approvals page.
    await signIn(browser.context, server.url, 'champion@acme.test');
    await page.goto(at('/approvals'));
    const toggle = page.getByRole('switch', { name: "Approval of members' objectives" });
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');

    // The member's next objective is a draft waiting for the lead.
    const draftTitle = 'Fix slow pages';
    const draft = await createAsMember(draftTitle);
    await objectivePage(draft, draftTitle);
    const panel = page.getByRole('region', { name: 'Draft — waiting for approval' });
    await panel.waitFor();
    // The picture: three steps, the lead's review the current one, drafting done.
    const steps = (await panel.getByRole('listitem').allTextContents()).map((text) =>
      text.replace(/\s+/g, ' '),
    );
    expect(steps).toEqual(['✓Drafted (done)', "2Lead's review", '3Active']);
    expect(await panel.locator('[aria-current="step"]').textContent()).toBe("2Lead's review");
    expect(await panel.getByRole('button').count()).toBe(0);

    // The lead finds it in the queue and returns it with a comment.
    await signIn(browser.context, server.url, 'lead@acme.test');
    await page.goto(at('/approvals'));
    const waiting = page.getByRole('region', { name: /^Waiting for you/ });
    const item = waiting.getByRole('article', { name: draftTitle });
    await item.waitFor();
    await item.getByRole('button', { name: /^Return with a comment/ }).click();
    await item
      .getByLabel('What should change? (Markdown)')
      .fill('Make it **measurable**: which pages, how slow?');
    await item.getByRole('button', { name: 'Return it' }).click();
    await item.waitFor({ state: 'detached' });
    await waiting.getByText('Nothing waits for your approval').waitFor();

    // The member sees the comment, rewords the objective and submits it again.
    await signIn(browser.context, server.url, 'member@acme.test');
    await objectivePage(draft, draftTitle);
    const returned = page.getByRole('region', { name: 'Draft — returned with a comment' });
    await returned.waitFor();
    const comment = returned.getByRole('blockquote', { name: "The lead's comment" });
    expect(await comment.locator('strong').innerText()).toBe('measurable');
    await returned.getByText('Returned by Priya Shah').waitFor();
    await expectAccessible('.approval-panel');
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const reworded = 'Checkout pages load in under a second for 95% of buyers';
    await page.getByRole('textbox', { name: 'Objective' }).fill(reworded);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: reworded }).waitFor();
    await returned.getByRole('button', { name: 'Submit again' }).click();
    await page.getByRole('region', { name: 'Draft — waiting for approval' }).waitFor();

    // The lead approves it on its page: it becomes active and the panel goes.
    await signIn(browser.context, server.url, 'lead@acme.test');
    await objectivePage(draft, reworded);
    await page.getByText('Draft', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('region', { name: /^Draft —/ }).waitFor({ state: 'detached' });
    expect(await page.getByText('Draft', { exact: true }).count()).toBe(0);
    expect(await readObjective(draft)).toMatchObject({
      status: 'active',
      approval: { state: 'approved' },
    });
    expect(pageErrors).toEqual([]);
  });
});
