/**
 * Stored and reflected XSS, in Chromium, through the real web app: every text the app shows —
 * organisation name, mission and vision, strategic themes, team names, people's names and
 * titles, cycle names, objective titles, rationales and tags, key result titles and units,
 * check-in notes, comments, initiatives, dependency notes, API token names, the browser a
 * session came from — holds a script payload (tags, event handlers, attribute-breaking quotes,
 * `javascript:` links in Markdown and HTML, template syntax), written through the API where it
 * takes that text and straight into the database for the rest. Every page that shows them is
 * visited as the people who see them; a page fails on any dialog (alert), console error,
 * uncaught error or injected element (an `on…` attribute, an inline or foreign script, an
 * iframe, a `javascript:` URL), and must show at least one payload as plain text (so a page
 * that showed none of them could not pass).
 */
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRole } from '../../src/contracts/model.ts';
import { memberRoleRow } from '../../src/repositories/rows.ts';
import {
  browserSuiteSkip,
  launchBrowser,
  settled,
  type LaunchedBrowser,
} from '../support/browser.ts';
import { DEMO_PASSWORD, signIn, startWebServer, type WebServer } from '../support/web-server.ts';

const skip = browserSuiteSkip();

/** Each payload names itself (xss-N) in what it would run, so a report says which one got through. */
const PAYLOADS = [
  '<script>alert("xss-1")</script>',
  '<img src=x onerror=alert("xss-2")>',
  '<svg onload=alert("xss-3")>',
  '"><img src=x onerror=alert("xss-4")>',
  "'><svg/onload=alert('xss-5')>",
  '[click me](javascript:alert("xss-6"))',
  '<a href="javascript:alert(\'xss-7\')">link</a>',
  '<iframe srcdoc="<script>alert(\'xss-8\')</script>"></iframe>',
  '" autofocus onfocus="alert(\'xss-9\')" x="',
  'javascript:alert("xss-10")',
  '<details open ontoggle=alert("xss-11")>',
  '{{constructor.constructor(\'alert("xss-12")\')()}}',
] as const;

/** What no page may hold: handlers, inline or foreign scripts, frames, script URLs. */
const INJECTED = `(() => {
  const found = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) found.push(element.tagName + '[' + name + ']');
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'].includes(name) &&
          (name === 'srcdoc' || /^\\s*(javascript|data:text\\/html|vbscript):/i.test(attribute.value))) {
        found.push(element.tagName + '[' + name + '=' + attribute.value.slice(0, 60) + ']');
      }
    }
  }
  for (const script of document.querySelectorAll('script')) {
    if (!script.src || new URL(script.src).origin !== location.origin) found.push('script ' + (script.src || script.textContent.slice(0, 60)));
  }
  for (const frame of document.querySelectorAll('iframe, frame, object, embed')) found.push(frame.tagName);
  return found;
})()`;

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
}

interface Visit {
  name: string;
  as: string | null;
  path: string;
  act?: (page: Page) => Promise<void>;
  /** Pages that show no stored text (sign-in, the invitation form) need not show a payload. */
  showsNone?: boolean;
}

describe.skipIf(skip)('script payloads in every text field, rendered in Chromium', () => {
  let server: WebServer;
  let browser: LaunchedBrowser;
  const visits: Visit[] = [];
  let signedInAs: string | null = null;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    const { db } = server.connection;
    const api = `${server.url}/api/v1`;
    const request = browser.context.request;
    let n = 0;
    const payload = () => PAYLOADS[n++ % PAYLOADS.length] ?? PAYLOADS[0];

    // The CEO holds every role, so one person sees every dashboard and private objective.
    const org = await db
      .selectFrom('organisations')
      .select(['id', 'version'])
      .where('slug', '=', 'acme')
      .executeTakeFirstOrThrow();
    const ceo = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'ceo@acme.test')
      .executeTakeFirstOrThrow();
    for (const role of ['champion', 'coordinator', 'admin'] satisfies OrgRole[]) {
      await db
        .insertInto('member_roles')
        .values(memberRoleRow(org.id, ceo.id, role))
        .execute();
    }

    // Through the API, where it takes the text: organisation, themes, an objective, a comment,
    // a check-in, an initiative, a token, an invitation.
    const session = await signIn(browser.context, server.url, 'ceo@acme.test');
    const write = async (
      method: 'post' | 'patch',
      path: string,
      data: unknown,
      ifMatch?: string,
    ) => {
      const response = await request[method](`${api}${path}`, {
        headers: { 'x-csrf-token': session.csrfToken, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
        data,
      });
      expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
      return (await response.json()) as Record<string, unknown>;
    };
    await write(
      'patch',
      '/orgs/acme',
      { name: `Acme ${PAYLOADS[1]}`, mission: PAYLOADS[0], vision: PAYLOADS[5] },
      `"${org.version}"`,
    );
    for (const [i, name] of [PAYLOADS[3], PAYLOADS[4]].entries()) {
      await write('post', '/orgs/acme/themes', {
        name: name.slice(0, 50),
        description: PAYLOADS[6 + i],
      });
    }
    const active = await db
      .selectFrom('cycles')
      .select('id')
      .where('org_id', '=', org.id)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const company = await db
      .selectFrom('objectives')
      .select(['id', 'version', 'title'])
      .where('cycle_id', '=', active.id)
      .where('level', '=', 'company')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await write(
      'patch',
      `/orgs/acme/objectives/${company.id}`,
      {
        title: `${PAYLOADS[3]} ${company.title}`.slice(0, 200),
        rationale: PAYLOADS.join('\n'),
        tags: [PAYLOADS[3].slice(0, 50), PAYLOADS[4]],
      },
      `"${company.version}"`,
    );
    await write('post', `/orgs/acme/objectives/${company.id}/comments`, {
      body: `${PAYLOADS.join('\n\n')}`,
    });
    const companyKr = await db
      .selectFrom('key_results')
      .select('id')
      .where('objective_id', '=', company.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await write('post', `/orgs/acme/key-results/${companyKr.id}/initiatives`, {
      title: PAYLOADS[1],
    });
    await write('post', `/orgs/acme/key-results/${companyKr.id}/comments`, { body: PAYLOADS[2] });
    await write('post', `/orgs/acme/objectives/${company.id}/notes`, {
      kind: 'learning',
      body: PAYLOADS.join('\n\n'),
      links: [{ title: PAYLOADS[1], url: 'https://example.test/notes' }],
    });
    await write('post', '/tokens', { name: PAYLOADS[1] });
    const invited = await write('post', '/orgs/acme/invitations', {
      email: 'xss@example.test',
      name: PAYLOADS[4],
    });
    // A session whose browser names itself with a payload (the account page lists sessions).
    const agentLogin = await fetch(`${api}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': `Mozilla/5.0 ${PAYLOADS[1]}` },
      body: JSON.stringify({ email: 'ceo@acme.test', password: DEMO_PASSWORD }),
    });
    expect(agentLogin.status).toBe(200);

    // Straight into the database for the text the API does not take (people's names) and to
    // reach every row of the rest.
    const everyRow = async <
      T extends
        | 'users'
        | 'teams'
        | 'cycles'
        | 'objectives'
        | 'key_results'
        | 'check_ins'
        | 'initiatives'
        | 'dependencies'
        | 'comments'
        | 'knowledge_notes'
        | 'kpis'
        | 'kpi_values'
        | 'announcements'
        | 'questions'
        | 'memberships',
    >(
      table: T,
      key: 'id' | 'user_id',
      columns: string[],
    ) => {
      const rows = (await db
        .selectFrom(table as 'users')
        .select(key as 'id')
        .execute()) as { id?: string; user_id?: string }[];
      for (const row of rows) {
        const id = row.id ?? row.user_id ?? '';
        const current = (await db
          .selectFrom(table as 'users')
          .selectAll()
          .where(key as 'id', '=', id)
          .executeTakeFirstOrThrow()) as Record<string, unknown>;
        const set: Record<string, string> = {};
        for (const column of columns)
          set[column] =
            `${payload()} ${typeof current[column] === 'string' ? current[column] : ''}`.trim();
        await db
          .updateTable(table as 'users')
          .set(set)
          .where(key as 'id', '=', id)
          .execute();
      }
    };
    await everyRow('users', 'id', ['name']);
    await everyRow('memberships', 'user_id', ['title']);
    await everyRow('teams', 'id', ['name']);
    await everyRow('cycles', 'id', ['name']);
    await everyRow('objectives', 'id', ['title', 'rationale']);
    await everyRow('key_results', 'id', ['title', 'unit']);
    await everyRow('check_ins', 'id', ['note']);
    await everyRow('initiatives', 'id', ['title']);
    await everyRow('dependencies', 'id', ['note']);
    await everyRow('knowledge_notes', 'id', ['body', 'went_well', 'went_badly', 'learned']);
    await everyRow('kpis', 'id', ['name', 'unit', 'description']);
    await everyRow('kpi_values', 'id', ['note']);
    await everyRow('announcements', 'id', ['title', 'body', 'rationale']);
    await everyRow('questions', 'id', ['text', 'answer', 'faq_title']);
    await db
      .updateTable('objective_grades')
      .set({ proposed_reason: PAYLOADS[5], confirmed_note: PAYLOADS[1] })
      .execute();
    await db
      .updateTable('objective_tags')
      .set({ tag: sql<string>`${`${PAYLOADS[2]} `} || tag` })
      .where('tag', 'not in', [PAYLOADS[3].slice(0, 50), PAYLOADS[4]])
      .execute();

    // The pages that show them.
    const busiest = await db
      .selectFrom('objectives as o')
      .select(['o.id'])
      .where('o.cycle_id', '=', active.id)
      .orderBy(
        (eb) =>
          eb
            .selectFrom('comments')
            .select(eb.fn.countAll().as('n'))
            .whereRef('comments.objective_id', '=', 'o.id'),
        'desc',
      )
      .limit(3)
      .execute();
    const withDependency = await db
      .selectFrom('dependencies as d')
      .innerJoin('key_results as k', 'k.id', 'd.key_result_id')
      .select('k.objective_id')
      .executeTakeFirstOrThrow();
    const privateObjective = await db
      .selectFrom('objectives')
      .select('id')
      .where('visibility', '=', 'private')
      .executeTakeFirst();
    const member = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'member@acme.test')
      .executeTakeFirstOrThrow();
    const team = await db
      .selectFrom('team_members')
      .select('team_id')
      .where('user_id', '=', member.id)
      .executeTakeFirstOrThrow();
    const objectiveIds = [
      ...new Set([
        company.id,
        ...busiest.map((o) => o.id),
        withDependency.objective_id,
        ...(privateObjective ? [privateObjective.id] : []),
      ]),
    ];
    const past = await db
      .selectFrom('cycles')
      .select('id')
      .where('org_id', '=', org.id)
      .where('status', '=', 'closed')
      .executeTakeFirstOrThrow();
    const kpi = await db
      .selectFrom('kpi_values')
      .select('kpi_id')
      .orderBy('at', 'desc')
      .executeTakeFirstOrThrow();
    const at = (path: string) => `/orgs/acme${path}`;
    const q = encodeURIComponent(PAYLOADS[1]);
    visits.push(
      { name: 'sign-in', as: null, path: '/signin', showsNone: true },
      { name: 'invitation', as: null, path: String(invited.acceptUrl), showsNone: true },
      { name: 'home (member)', as: 'member@acme.test', path: at('/home') },
      { name: 'person page (member)', as: 'member@acme.test', path: at(`/people/${member.id}`) },
      { name: 'team lead dashboard', as: 'lead@acme.test', path: at('/dashboard/lead') },
      { name: 'home', as: 'ceo@acme.test', path: at('/home') },
      { name: 'company', as: 'ceo@acme.test', path: at('/company') },
      { name: 'company, searched for a payload', as: 'ceo@acme.test', path: at(`/company?q=${q}`) },
      ...objectiveIds.map((id, i) => ({
        name: `objective ${i + 1}`,
        as: 'ceo@acme.test',
        path: at(`/objectives/${id}`),
      })),
      { name: 'teams', as: 'ceo@acme.test', path: at('/teams') },
      { name: 'team page', as: 'ceo@acme.test', path: at(`/teams/${team.team_id}`) },
      { name: 'person page', as: 'ceo@acme.test', path: at(`/people/${ceo.id}`) },
      {
        name: 'alignment map, as a list',
        as: 'ceo@acme.test',
        path: at('/alignment'),
        act: async (page) => {
          await page.locator('canvas.amap-canvas').waitFor();
          await page.getByRole('button', { name: 'Show as list' }).click();
        },
      },
      { name: 'executive dashboard', as: 'ceo@acme.test', path: at('/dashboard/executive') },
      { name: 'champion dashboard', as: 'ceo@acme.test', path: at('/dashboard/champion') },
      { name: 'coordinator dashboard', as: 'ceo@acme.test', path: at('/dashboard/coordinator') },
      { name: 'account', as: 'ceo@acme.test', path: at('/account') },
      { name: 'KPIs', as: 'ceo@acme.test', path: at('/kpis') },
      {
        name: 'a KPI, its values listed',
        as: 'ceo@acme.test',
        path: at(`/kpis/${kpi.kpi_id}`),
        act: async (page) => {
          await page.getByText(/^All \d+ values$/).click();
        },
      },
      {
        name: 'wizard: alignment',
        as: 'ceo@acme.test',
        path: at('/objectives/new?level=team&step=align'),
      },
      {
        name: 'wizard: editing',
        as: 'ceo@acme.test',
        path: at(`/objectives/${company.id}/edit?step=review`),
      },
      { name: 'not found, with a payload in the URL', as: 'ceo@acme.test', path: at(`/${q}`) },
      { name: 'knowledge search', as: 'ceo@acme.test', path: at('/notes') },
      { name: 'knowledge search, searched', as: 'ceo@acme.test', path: at('/notes?q=xss') },
      {
        name: 'grading the past quarter, a retrospective open',
        as: 'ceo@acme.test',
        path: at(`/grading?cycle=${past.id}`),
        act: async (page) => {
          await page.getByRole('button', { name: 'Retrospective' }).first().click();
          await page.getByRole('heading', { name: 'Notes and learnings from the cycle' }).waitFor();
        },
      },
      { name: 'grading the active quarter', as: 'ceo@acme.test', path: at(`/grading?cycle=${active.id}`) },
      { name: 'cycle report', as: 'ceo@acme.test', path: at(`/grading/${past.id}/report`) },
      { name: 'announcements', as: 'ceo@acme.test', path: at('/announcements') },
      {
        name: 'an announcement, with understanding',
        as: 'ceo@acme.test',
        path: at(
          `/announcements/${(await db.selectFrom('announcements').select('id').executeTakeFirstOrThrow()).id}`,
        ),
      },
      { name: 'question desk', as: 'champion@acme.test', path: at('/questions') },
      { name: 'FAQ', as: 'member@acme.test', path: at('/faq') },
      {
        name: 'wizard: notes from similar objectives',
        as: 'lead@acme.test',
        path: at('/objectives/new?level=team&step=objective'),
        act: async (page) => {
          await page.getByRole('textbox', { name: 'Objective' }).fill('Halve checkout latency');
          await page.getByRole('heading', { name: 'Notes from similar objectives' }).waitFor();
        },
      },
    );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('has detectors that see a dialog, an injected handler and the policy refusing it', async () => {
    await browser.context.clearCookies();
    signedInAs = null;
    const page = await browser.context.newPage();
    const seen: string[] = [];
    page.on('dialog', (dialog) => {
      seen.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') seen.push('console error');
    });
    try {
      await page.goto(`${server.url}/signin`);
      await settled(page);
      expect(await page.evaluate<string[]>(INJECTED)).toEqual([]);
      await page.evaluate('alert("control")');
      await page.evaluate(
        `document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=alert(1)><a href="javascript:void 0">x</a>')`,
      );
      await expect.poll(() => seen.includes('console error')).toBe(true);
      expect(seen).toContain('dialog: control');
      expect(await page.evaluate<string[]>(INJECTED)).toEqual([
        'IMG[onerror]',
        'A[href=javascript:void 0]',
      ]);
    } finally {
      await page.close();
    }
  });

  it('runs no script and shows every payload as text on every page', async () => {
    const failures: string[] = [];
    for (const visit of visits) {
      if (visit.as !== signedInAs) {
        if (visit.as) await signIn(browser.context, server.url, visit.as);
        else await browser.context.clearCookies();
        signedInAs = visit.as;
      }
      const page = await browser.context.newPage();
      page.setDefaultTimeout(15_000);
      const seen: string[] = [];
      page.on('dialog', (dialog) => {
        seen.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
      page.on('console', (message) => {
        if (message.type() === 'error') seen.push(`console error: ${message.text()}`);
      });
      page.on('pageerror', (error) => seen.push(`uncaught: ${error.message}`));
      try {
        await page.goto(`${server.url}${visit.path}`);
        await settled(page);
        await visit.act?.(page);
        await loadLazySections(page);
        // Move the focus once: an injected autofocus/onfocus handler would fire.
        await page.keyboard.press('Tab');
        seen.push(
          ...(await page.evaluate<string[]>(INJECTED)).map((found) => `injected: ${found}`),
        );
        const text = await page.evaluate<string>('document.body.innerText');
        if (!visit.showsNone && !PAYLOADS.some((p) => text.includes(p)))
          seen.push('shows none of the payloads as text');
      } catch (error) {
        seen.push(`could not visit: ${(error as Error).message.split('\n')[0] ?? ''}`);
      } finally {
        await page.close();
      }
      failures.push(
        ...seen.map(
          (problem) =>
            `${visit.name} (${visit.path.slice(0, 80)}) as ${visit.as ?? 'nobody'}: ${problem}`,
        ),
      );
    }
    expect(visits.length).toBeGreaterThanOrEqual(20);
    expect(failures).toEqual([]);
  }, 300_000);
});
