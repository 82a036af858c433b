/**
 * Presentation mode and the playbook, in Chromium on the demo organisation:
 * - a champion opens the playbook from the wizard's "Edit guidance", rewrites the objective
 *   step's guidance and the "outcome, not a task" rule's advice in Markdown (script payloads
 *   stay text, the preview shows the Markdown), and a team lead then sees both in the wizard;
 * - the company objectives presented full screen, walked with the keyboard (next, previous,
 *   Home, End, a number then Enter, Esc), each slide checked against the demo data.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleTreeView, ObjectiveDetailView } from '../../src/contracts/api/okrs.ts';
import { browserSuiteSkip, launchBrowser, type LaunchedBrowser } from '../support/browser.ts';
import { signIn, startWebServer, type WebServer } from '../support/web-server.ts';

const skip = browserSuiteSkip();
const STEP_GUIDANCE = 'At Acme an objective is **one outcome** a customer would notice.';
const RULE_ADVICE = 'Ask *what changes for the merchant*; the task goes in an initiative.';
const PAYLOAD = '<script>window.hacked = 1</script><img src=x onerror="window.hacked = 2">';

describe.skipIf(skip)('presentation mode and the playbook, in the browser', () => {
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

  it('lets a champion rewrite guidance and advice that a team lead then sees in the wizard', async () => {
    await signIn(browser.context, server.url, 'champion@acme.test');
    await page.goto(`${server.url}/orgs/acme/objectives/new?level=individual&step=objective`);
    await page
      .getByRole('region', { name: 'Guidance' })
      .getByRole('link', { name: 'Edit guidance' })
      .click();

    // The playbook opens on the step's entry, its editor ready.
    await page.getByRole('heading', { level: 1, name: 'Playbook' }).waitFor();
    const step = page.getByRole('article', { name: 'Step 3 · The objective' });
    const stepText = step.getByRole('textbox', { name: 'Text (Markdown)' });
    await stepText.fill(`${STEP_GUIDANCE}\n\n${PAYLOAD}`);
    expect(await step.getByRole('region', { name: 'Preview' }).locator('strong').innerText()).toBe(
      'one outcome',
    );
    await step.getByRole('button', { name: 'Save' }).click();
    await step.getByText('Your organisation’s text').waitFor();
    expect(await step.locator('strong').innerText()).toBe('one outcome');
    expect(await step.locator('script, img, [onerror]').count()).toBe(0);
    await step.getByText('<script>window.hacked = 1</script>', { exact: false }).waitFor();

    const rule = page.getByRole('article', { name: 'The objective is an outcome, not a task' });
    await rule.getByRole('button', { name: /^Edit/ }).click();
    await rule.getByRole('textbox', { name: 'Text (Markdown)' }).fill(RULE_ADVICE);
    await rule.getByRole('button', { name: 'Save' }).click();
    await rule.getByText('Your organisation’s text').waitFor();

    // A team lead writing an objective sees the organisation's guidance and advice.
    await signIn(browser.context, server.url, 'lead@acme.test');
    await page.goto(`${server.url}/orgs/acme/objectives/new?level=team&step=objective`);
    const guidance = page.getByRole('region', { name: 'Guidance' });
    await guidance.getByText('At Acme an objective is', { exact: false }).waitFor();
    expect(await guidance.locator('strong').innerText()).toBe('one outcome');
    expect(await guidance.getByRole('link', { name: 'Edit guidance' }).count()).toBe(0);
    await page.getByRole('textbox', { name: 'Objective' }).fill('Fix the checkout bugs');
    const finding = page.locator('.finding', { hasText: 'reads like a task' });
    await finding.getByRole('button', { name: 'How to fix' }).click();
    await finding.getByText('what changes for the merchant').waitFor();
    expect(await finding.locator('em').innerText()).toBe('what changes for the merchant');
    expect(await page.evaluate<unknown>('window.hacked')).toBeUndefined();
  });

  it('presents the company objectives full screen, walked with the keyboard', async () => {
    await signIn(browser.context, server.url, 'member@acme.test');
    await page.goto(`${server.url}/orgs/acme/company`);
    await page.getByRole('link', { name: 'Present' }).click();
    const deck = page.getByRole('region', { name: 'Presentation of the company objectives' });
    await deck.waitFor();
    const cycleId = new URL(page.url()).searchParams.get('cycle') ?? '';
    expect(cycleId).not.toBe('');

    // What the slides should say, from the API the page reads.
    const api = async <T>(path: string): Promise<T> =>
      (await (
        await browser.context.request.get(`${server.url}/api/v1/orgs/acme${path}`)
      ).json()) as T;
    const tree = await api<CycleTreeView>(`/cycles/${cycleId}/tree`);
    const companyIds = tree.nodes.flatMap((node) =>
      'level' in node && node.level === 'company' ? [node.id] : [],
    );
    const objectives = await Promise.all(
      companyIds.map((id) => api<ObjectiveDetailView>(`/objectives/${id}`)),
    );
    expect(objectives.map((objective) => objective.title).sort()).toEqual([
      'Build a company people love to grow in',
      'Make paying with Acme effortless',
      'Run on a platform our customers can trust',
      'Win the small-business payments market',
    ]);
    const total = objectives.length + 2;
    const counter = deck.getByTestId('slide-counter');
    const live = page.locator('[aria-live="polite"]', { hasText: /^Slide / });
    const at = async (n: number) => {
      await counter.getByText(`${n} / ${total}`).waitFor();
      expect(await live.innerText()).toMatch(new RegExp(`^Slide ${n} of ${total}: `));
    };

    // The title slide: the organisation's mission and vision.
    await at(1);
    await deck.getByRole('heading', { level: 2, name: 'Acme' }).waitFor();
    await deck.getByText('Help every small business get paid, anywhere, in seconds.').waitFor();
    await deck
      .getByText('The payments partner small businesses recommend to each other.')
      .waitFor();

    const checkObjectiveSlide = async (n: number) => {
      await at(n);
      const objective = objectives[n - 2];
      if (!objective) throw new Error(`no objective for slide ${n}`);
      await deck.getByRole('heading', { level: 2, name: objective.title }).waitFor();
      expect(await live.innerText()).toBe(`Slide ${n} of ${total}: ${objective.title}`);
      await deck.getByText(`Owner: ${objective.owner?.name ?? ''}`).waitFor();
      const aligned = tree.nodes.filter(
        (node) => 'level' in node && node.level === 'team' && node.parentIds.includes(objective.id),
      ).length;
      await deck
        .getByText(
          aligned === 1 ? '1 team objective aligned' : `${aligned} team objectives aligned`,
        )
        .waitFor();
      const ring = deck.getByRole('img', { name: /^Progress / });
      expect(await ring.getAttribute('aria-label')).toContain(
        `${Math.round(objective.progress * 100)}%`,
      );
      const keyResults = deck.getByRole('list', { name: 'Key results' }).getByRole('listitem');
      expect(await keyResults.count()).toBe(objective.keyResults.length);
      for (const [index, keyResult] of objective.keyResults.entries()) {
        const item = keyResults.nth(index);
        expect(await item.innerText()).toContain(keyResult.title);
        expect(await item.getByRole('progressbar').getAttribute('aria-valuenow')).toBe(
          String(Math.round(Math.min(1, Math.max(0, keyResult.progress)) * 100)),
        );
      }
    };

    await page.keyboard.press('ArrowRight');
    await checkObjectiveSlide(2);
    await page.keyboard.press('Space');
    await checkObjectiveSlide(3);
    await page.keyboard.press('PageDown');
    await checkObjectiveSlide(4);
    await page.keyboard.press('PageUp');
    await checkObjectiveSlide(3);
    await page.keyboard.press('ArrowLeft');
    await checkObjectiveSlide(2);

    // The summary: overall progress and the objectives by status, as a chart.
    await page.keyboard.press('End');
    await at(total);
    const overall =
      objectives.reduce((sum, objective) => sum + objective.progress, 0) / objectives.length;
    expect(await deck.locator('.slide-overall-value').innerText()).toBe(
      `${Math.round(overall * 100)}%`,
    );
    const count = (health: string) =>
      objectives.filter((objective) => objective.health === health).length;
    const chart = deck.getByRole('img', { name: /^Company objectives by status/ });
    expect(await chart.getAttribute('aria-label')).toBe(
      `Company objectives by status: On track ${count('on_track')}, At risk ${count('at_risk')}, Off track ${count('off_track')}` +
        (objectives.some((objective) => objective.health === null)
          ? `, No status ${objectives.filter((objective) => objective.health === null).length}`
          : ''),
    );

    await page.keyboard.press('Home');
    await at(1);
    await page.keyboard.press('3');
    await deck.getByText('Go to slide 3', { exact: false }).waitFor();
    await page.keyboard.press('Enter');
    await checkObjectiveSlide(3);

    // The cycle picker presents another cycle: last quarter's two company objectives.
    await page.keyboard.press('Home');
    await at(1);
    const cycles = await api<{ items: { id: string; name: string; status: string }[] }>(
      '/cycles?limit=200',
    );
    const past = cycles.items.find((cycle) => cycle.status === 'closed');
    if (!past) throw new Error('the demo has no closed cycle');
    await deck.getByRole('combobox', { name: 'Cycle presented' }).selectOption(past.id);
    await deck.getByText(past.name, { exact: false }).first().waitFor();
    await counter.getByText('1 / 4').waitFor();
    await deck.getByText('2 company objectives this cycle').waitFor();

    // Esc leaves, back to the company page of the cycle presented.
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { level: 1, name: 'Company objectives' }).waitFor();
    await deck.waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.get('cycle')).toBe(past.id);
    expect(pageErrors).toEqual([]);
  });
});
