/**
 * Every page of the web app, as the role it is for, on the demo organisation: no horizontal
 * scrolling at 375 px (a small phone), loaded there and after the window narrowed from the
 * desktop, and an axe-core scan at 1280 px with no violation of impact "serious" or "critical".
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browserSuiteSkip, launchBrowser, settled, type LaunchedBrowser } from '../support/browser.ts';
import { signIn, startWebServer, type WebServer } from '../support/web-server.ts';

const skip = browserSuiteSkip();

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };

/** Ids the page paths need, read from the API once. */
interface DemoIds {
  memberId: string;
  checkoutTeamId: string;
  teamObjectiveId: string;
  invitationPath: string;
  /** The demo's closed past quarter, with grades, notes and retrospectives. */
  pastCycleId: string;
  /** The demo's announcement to everyone. */
  announcementId: string;
}

interface PageCheck {
  name: string;
  /** Who looks at it (a demo e-mail), or null for a signed-out visitor. */
  as: string | null;
  path: (ids: DemoIds) => string;
  /** After the page settled: bring it to the state to check (open a dialog, type...). */
  act?: (page: Page) => Promise<void>;
}

/** Yesterday: time travel's pages show it as it was at the end of that day. */
const PAST_DAY = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

const PAGES: PageCheck[] = [
  { name: 'sign-in', as: null, path: () => '/signin' },
  { name: 'invitation acceptance', as: null, path: (ids) => ids.invitationPath },
  { name: 'home', as: 'member@acme.test', path: () => '/orgs/acme/home' },
  {
    name: 'home with the check-in dialog open',
    as: 'member@acme.test',
    path: () => '/orgs/acme/home',
    act: async (page) => {
      await page.getByRole('button', { name: /^Check in on / }).first().click();
      await page.getByRole('dialog', { name: 'Check in' }).waitFor();
    },
  },
  { name: 'company', as: 'member@acme.test', path: () => '/orgs/acme/company' },
  {
    name: 'objective page (all sections loaded)',
    as: 'member@acme.test',
    path: (ids) => `/orgs/acme/objectives/${ids.teamObjectiveId}`,
    act: loadLazySections,
  },
  { name: 'company, as of a past day (time travel)', as: 'member@acme.test', path: () => `/orgs/acme/company?asOf=${PAST_DAY}` },
  {
    name: 'objective page, as of a past day (time travel)',
    as: 'member@acme.test',
    path: (ids) => `/orgs/acme/objectives/${ids.teamObjectiveId}?asOf=${PAST_DAY}`,
  },
  { name: 'teams', as: 'member@acme.test', path: () => '/orgs/acme/teams' },
  { name: 'team page', as: 'member@acme.test', path: (ids) => `/orgs/acme/teams/${ids.checkoutTeamId}` },
  { name: 'person page', as: 'member@acme.test', path: (ids) => `/orgs/acme/people/${ids.memberId}` },
  { name: 'personal history', as: 'member@acme.test', path: (ids) => `/orgs/acme/people/${ids.memberId}/history` },
  {
    name: 'objective page with the move key result dialog open',
    as: 'lead@acme.test',
    path: (ids) => `/orgs/acme/objectives/${ids.teamObjectiveId}`,
    act: async (page) => {
      await page.getByRole('button', { name: /^Move .* to another objective$/ }).first().click();
      await page.getByRole('dialog', { name: 'Move key result' }).getByRole('combobox').waitFor();
    },
  },
  {
    name: 'objective page with the move objective dialog open',
    as: 'lead@acme.test',
    path: (ids) => `/orgs/acme/objectives/${ids.teamObjectiveId}`,
    act: async (page) => {
      await page.getByRole('button', { name: 'Move…' }).click();
      await page.getByRole('dialog', { name: 'Move objective' }).waitFor();
    },
  },
  {
    name: 'weekly team review',
    as: 'lead@acme.test',
    path: (ids) => `/orgs/acme/teams/${ids.checkoutTeamId}/review`,
  },
  {
    name: 'alignment map',
    as: 'member@acme.test',
    path: () => '/orgs/acme/alignment',
    act: async (page) => {
      await page.locator('canvas.amap-canvas').waitFor();
      await page.getByRole('button', { name: 'Show my path' }).click();
      await page.getByRole('button', { name: 'Show as list' }).click();
    },
  },
  { name: 'team requests for help', as: 'lead@acme.test', path: (ids) => `/orgs/acme/teams/${ids.checkoutTeamId}/requests` },
  {
    name: 'cross-team map, a connection selected',
    as: 'coordinator@acme.test',
    path: () => '/orgs/acme/collaboration/map',
    act: async (page) => {
      await page.locator('svg.ctm-svg').waitFor();
      await page.locator('g.ctm-edge-badge-group').first().click();
      await page.getByRole('complementary', { name: 'Details' }).getByRole('heading').waitFor();
    },
  },
  { name: 'member dashboard (no role)', as: 'member@acme.test', path: () => '/orgs/acme/dashboard' },
  { name: 'account', as: 'member@acme.test', path: () => '/orgs/acme/account' },
  { name: 'notifications', as: 'member@acme.test', path: () => '/orgs/acme/notifications' },
  {
    name: 'home with the notifications panel open',
    as: 'member@acme.test',
    path: () => '/orgs/acme/home',
    act: async (page) => {
      await page.getByRole('button', { name: /^Notifications, \d+ unread$/ }).click();
      await page.getByRole('region', { name: 'Notifications' }).waitFor();
    },
  },
  { name: 'not found', as: 'member@acme.test', path: () => '/orgs/acme/nothing-here' },
  { name: 'wizard: level and cycle', as: 'lead@acme.test', path: () => '/orgs/acme/objectives/new?level=team' },
  { name: 'wizard: alignment', as: 'lead@acme.test', path: () => '/orgs/acme/objectives/new?level=team&step=align' },
  {
    name: 'wizard: the objective, with quality feedback',
    as: 'lead@acme.test',
    path: () => '/orgs/acme/objectives/new?level=team&step=objective',
    act: async (page) => {
      await page.getByRole('textbox', { name: 'Objective' }).fill('Fix bugs');
      await page.getByText('The objective title is too short', { exact: false }).waitFor();
      await page.getByRole('button', { name: 'How to fix' }).first().click();
    },
  },
  {
    name: 'wizard: key results, with errors',
    as: 'lead@acme.test',
    path: () => '/orgs/acme/objectives/new?level=team&step=key-results',
    act: async (page) => {
      await page.getByRole('button', { name: /^Next:/ }).click();
      await page.getByText('Say what the key result measures.').first().waitFor();
    },
  },
  { name: 'wizard: review', as: 'lead@acme.test', path: () => '/orgs/acme/objectives/new?level=team&step=review' },
  {
    name: 'wizard: edit mode',
    as: 'lead@acme.test',
    path: (ids) => `/orgs/acme/objectives/${ids.teamObjectiveId}/edit?step=key-results`,
  },
  { name: 'team lead dashboard', as: 'lead@acme.test', path: () => '/orgs/acme/dashboard/lead' },
  { name: 'approvals: the lead’s queue', as: 'lead@acme.test', path: () => '/orgs/acme/approvals' },
  { name: 'approvals with the approval switch', as: 'champion@acme.test', path: () => '/orgs/acme/approvals' },
  { name: 'check-in cadence of a team', as: 'champion@acme.test', path: (ids) => `/orgs/acme/cadence?team=${ids.checkoutTeamId}` },
  { name: 'executive dashboard', as: 'ceo@acme.test', path: () => '/orgs/acme/dashboard/executive' },
  { name: 'OKR champion dashboard', as: 'champion@acme.test', path: () => '/orgs/acme/dashboard/champion' },
  { name: 'cycles', as: 'champion@acme.test', path: () => '/orgs/acme/cycles' },
  { name: 'coordinator dashboard', as: 'coordinator@acme.test', path: () => '/orgs/acme/dashboard/coordinator' },
  { name: 'knowledge search', as: 'member@acme.test', path: () => '/orgs/acme/notes?q=latency' },
  { name: 'announcements, with understanding', as: 'ceo@acme.test', path: () => '/orgs/acme/announcements' },
  { name: 'an announcement, with understanding', as: 'ceo@acme.test', path: (ids) => `/orgs/acme/announcements/${ids.announcementId}` },
  { name: 'question desk', as: 'champion@acme.test', path: () => '/orgs/acme/questions' },
  { name: 'FAQ', as: 'member@acme.test', path: () => '/orgs/acme/faq' },
  {
    name: 'KPIs, the new KPI form open',
    as: 'ceo@acme.test',
    path: () => '/orgs/acme/kpis',
    act: async (page) => {
      await page.getByRole('button', { name: 'New KPI' }).click();
      await page.getByRole('dialog', { name: 'New KPI' }).waitFor();
    },
  },
  {
    name: 'a KPI with its chart and the value form',
    as: 'ceo@acme.test',
    path: () => '/orgs/acme/kpis',
    act: async (page) => {
      await page.getByRole('link', { name: 'Checkout availability' }).click();
      await page.getByRole('img', { name: /Checkout availability over time/ }).waitFor();
    },
  },
  {
    name: 'grading, a retrospective open',
    as: 'lead@acme.test',
    path: (ids) => `/orgs/acme/grading?cycle=${ids.pastCycleId}`,
    act: async (page) => {
      await page.getByRole('article', { name: 'Cut checkout latency in half' }).getByRole('button', { name: 'Retrospective' }).click();
      await page.getByRole('heading', { name: 'Notes and learnings from the cycle' }).waitFor();
    },
  },
  { name: 'cycle report', as: 'ceo@acme.test', path: (ids) => `/orgs/acme/grading/${ids.pastCycleId}/report` },
  {
    name: 'wizard: notes from similar objectives',
    as: 'lead@acme.test',
    path: () => '/orgs/acme/objectives/new?level=team&step=objective',
    act: async (page) => {
      await page.getByRole('textbox', { name: 'Objective' }).fill('Halve checkout latency for mobile shoppers');
      await page.getByRole('heading', { name: 'Notes from similar objectives' }).waitFor();
    },
  },
  {
    name: 'playbook, an entry being edited',
    as: 'champion@acme.test',
    path: () => '/orgs/acme/playbook?key=rule.kr.measurable',
    act: async (page) => {
      await page.getByRole('region', { name: 'Preview' }).waitFor();
    },
  },
  {
    name: 'presentation mode, an objective slide',
    as: 'member@acme.test',
    path: () => '/orgs/acme/present',
    act: async (page) => {
      await page.getByTestId('slide-counter').getByText(/^1 \//).waitFor();
      await page.keyboard.press('ArrowRight');
      await page.getByRole('list', { name: 'Key results' }).waitFor();
    },
  },
  {
    name: 'presentation mode, the summary',
    as: 'member@acme.test',
    path: () => '/orgs/acme/present',
    act: async (page) => {
      await page.getByTestId('slide-counter').getByText(/^1 \//).waitFor();
      await page.keyboard.press('End');
      await page.getByRole('heading', { name: 'Where we stand' }).waitFor();
    },
  },
  {
    name: 'account with a new API token',
    as: 'admin@acme.test',
    path: () => '/orgs/acme/account#tokens',
    act: async (page) => {
      const form = page.getByRole('form', { name: 'New token' });
      await form.getByRole('textbox', { name: 'Name' }).fill('Metrics export');
      await form.getByRole('button', { name: 'Create token' }).click();
      await page.getByRole('button', { name: /^Copy/ }).waitFor();
    },
  },
];

/** Scrolls down the page so the sections drawn only near the viewport load. */
async function loadLazySections(page: Page): Promise<void> {
  for (let step = 0; step < 30; step++) {
    const atBottom = await page.evaluate(`(() => {
      window.scrollBy(0, window.innerHeight);
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    })()`);
    await settled(page);
    if (atBottom) break;
  }
  await page.evaluate('window.scrollTo(0, 0)');
}

interface Overflow {
  scrollWidth: number;
  /** The widest elements reaching past the right edge, for the failure message. */
  culprits: string[];
}

const OVERFLOW = `(() => {
  const width = document.documentElement.clientWidth;
  const culprits = [];
  for (const element of document.querySelectorAll('body *')) {
    const box = element.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0) {
      culprits.push(element.tagName.toLowerCase() + (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\\s+/).join('.') : '') + ' right=' + Math.round(box.right));
    }
  }
  return { scrollWidth: document.documentElement.scrollWidth, culprits: culprits.slice(0, 8) };
})()`;

async function expectNoOverflow(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate<Overflow>(OVERFLOW);
  expect(overflow.scrollWidth, `horizontal overflow on ${what}: ${overflow.culprits.join(', ')}`).toBeLessThanOrEqual(PHONE.width + 1);
}

describe.skipIf(skip)('accessibility of every page', () => {
  let server: WebServer;
  let browser: LaunchedBrowser;
  let ids: DemoIds;
  let signedInAs: string | null = null;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser({ viewport: DESKTOP })]);
    const request = browser.context.request;
    const api = `${server.url}/api/v1`;
    const admin = await signIn(browser.context, server.url, 'admin@acme.test');
    const invitation = await request.post(`${api}/orgs/acme/invitations`, {
      headers: { 'x-csrf-token': admin.csrfToken },
      data: { email: 'new.person@acme.test', name: 'New Person' },
    });
    expect(invitation.status()).toBe(201);
    const member = await signIn(browser.context, server.url, 'member@acme.test');
    signedInAs = 'member@acme.test';
    const me = (await (await request.get(`${api}/me`)).json()) as {
      organisations: { slug: string; teams: { id: string; name: string }[] }[];
    };
    const okrs = (await (await request.get(`${api}/orgs/acme/me/okrs`)).json()) as {
      keyResults: { objective: { id: string; title: string } }[];
    };
    const closedCycleId = async () => {
      const cycles = (await (await request.get(`${api}/orgs/acme/cycles`)).json()) as { items: { id: string; status: string }[] };
      const closed = cycles.items.find((cycle) => cycle.status === 'closed');
      if (!closed) throw new Error('the demo organisation changed: no closed cycle');
      return closed.id;
    };
    const checkout = me.organisations.find((o) => o.slug === 'acme')?.teams.find((t) => t.name === 'Checkout');
    const teamObjective = okrs.keyResults.find((kr) => kr.objective.title === 'Make our checkout the fastest in the market');
    if (!checkout || !teamObjective) throw new Error('the demo organisation changed: no Checkout team objective for member@acme.test');
    ids = {
      memberId: member.userId,
      checkoutTeamId: checkout.id,
      teamObjectiveId: teamObjective.objective.id,
      invitationPath: ((await invitation.json()) as { acceptUrl: string }).acceptUrl,
      pastCycleId: await closedCycleId(),
      announcementId: (
        (await (await request.get(`${api}/orgs/acme/announcements`)).json()) as { items: { id: string }[] }
      ).items[0]?.id ?? '',
    };
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterEach(async () => {
    await page.close();
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  });

  // Grouped by who is signed in (first appearance order), so each person signs in once: the
  // sign-in limit of 20 per address in 5 minutes holds for the browser too.
  const roles = [...new Set(PAGES.map((check) => check.as))];
  const grouped = roles.flatMap((as) => PAGES.filter((check) => check.as === as));
  for (const check of grouped) {
    it(`${check.name}${check.as ? ` (${check.as})` : ''}`, async () => {
      if (check.as !== signedInAs) {
        if (check.as) await signIn(browser.context, server.url, check.as);
        else await browser.context.clearCookies();
        signedInAs = check.as;
      }
      // A small phone first: the page loads at 375 px and nothing is wider than the screen.
      await page.setViewportSize(PHONE);
      await page.goto(`${server.url}${check.path(ids)}`);
      await settled(page);
      if (check.as === null) expect(new URL(page.url()).pathname).toBe(check.path(ids).split('?')[0]);
      await check.act?.(page);
      await settled(page);
      await expectNoOverflow(page, `${check.name}, loaded at 375 px`);

      // The desktop: axe finds nothing serious or critical.
      await page.setViewportSize(DESKTOP);
      await settled(page);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      const lesser = results.violations.filter((v) => !serious.includes(v));
      if (lesser.length > 0)
        console.log(`[axe] ${check.name}: ${lesser.map((v) => `${v.id} (${v.impact ?? '?'}, ${v.nodes.length})`).join(', ')}`);
      expect(
        serious.map((v) => `${v.impact ?? ''} ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`),
        `axe violations on ${check.name}`,
      ).toEqual([]);

      // Narrowed again (a window resized, a phone turned): it reflows to fit.
      await page.setViewportSize(PHONE);
      await settled(page);
      await expectNoOverflow(page, `${check.name}, narrowed to 375 px`);
    });
  }

  it('shows every item of the main navigation on a 375 px phone, none cut off, the menus too (member@acme.test)', async () => {
    if (signedInAs !== 'member@acme.test') {
      await signIn(browser.context, server.url, 'member@acme.test');
      signedInAs = 'member@acme.test';
    }
    await page.setViewportSize(PHONE);
    await page.goto(`${server.url}/orgs/acme/home`);
    await settled(page);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Home', 'Company', 'Teams', 'Dashboard']);
    expect(await nav.getByRole('button').allInnerTexts()).toEqual(['Plan', 'Align', 'Learn']);
    // Each visible link and button lies wholly inside the screen (nothing scrolled out of sight).
    const outside = () =>
      page.evaluate<string[]>(`(() => {
      const list = document.querySelector('nav[aria-label="Main"] ul');
      if (!list) return ['no list'];
      const width = document.documentElement.clientWidth;
      const cut = [...list.querySelectorAll('a, button')]
        .filter((item) => item.getClientRects().length > 0)
        .filter((item) => {
          const box = item.getBoundingClientRect();
          return box.left < -0.5 || box.right > width + 0.5;
        })
        .map((item) => item.textContent);
      if (list.scrollWidth > list.clientWidth + 1) cut.push('the list scrolls: ' + list.scrollWidth + ' > ' + list.clientWidth);
      return cut;
    })()`);
    expect(await outside()).toEqual([]);
    const menus: Record<string, string[]> = {};
    for (const name of ['Plan', 'Align', 'Learn']) {
      const button = nav.getByRole('button', { name });
      await button.click();
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      menus[name] = await nav.locator('.nav-menu-list:not([hidden])').getByRole('link').allInnerTexts();
      expect(await outside(), `the ${name} menu open at 375 px`).toEqual([]);
      await page.keyboard.press('Escape');
      expect(await button.getAttribute('aria-expanded')).toBe('false');
    }
    expect(menus).toEqual({
      Plan: ['Approvals', 'Grading', 'Cycles', 'Import a spreadsheet'],
      Align: ['Alignment map', 'Cross-team map', 'Requests'],
      Learn: ['Knowledge', 'KPIs', 'Announcements', 'Question desk', 'FAQ'],
    });
    await nav.getByRole('link', { name: 'Dashboard' }).click();
    await page.waitForURL(/\/orgs\/acme\/dashboard/);
    await expectNoOverflow(page, 'the dashboard, reached from the navigation at 375 px');
  });
});
