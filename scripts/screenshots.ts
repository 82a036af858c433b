/**
 * `npm run screenshots`: pictures of the main pages for the README, in docs/images/*.png.
 *
 * Serves the demo organisation Acme (a fresh SQLite file in a temporary folder, the web app as
 * built from the current sources) on a loopback port, signs in as the role each page is for in
 * Debian's Chromium (test/support/browser.ts, the same launcher as the browser tests) and takes
 * 1280×800 pictures, plus Home on a 375 px phone. The demo's dates follow the clock, so the
 * pictures change a little from one run to the next.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { browserProblem, launchBrowser, settled } from '../test/support/browser.ts';
import { signIn, startWebServer } from '../test/support/web-server.ts';

const outDir = path.resolve(import.meta.dirname, '../docs/images');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };

interface Shot {
  file: string;
  as: string;
  path: string;
  viewport?: { width: number; height: number };
  /** Bring the page to the state worth showing. */
  act?: (page: Page) => Promise<void>;
}

async function main(): Promise<void> {
  const problem = browserProblem();
  if (problem) {
    console.error(`npm run screenshots needs Chromium: ${problem}`);
    process.exitCode = 1;
    return;
  }
  fs.mkdirSync(outDir, { recursive: true });
  const [server, browser] = await Promise.all([startWebServer(), launchBrowser({ viewport: DESKTOP })]);
  try {
    const { context } = browser;
    await signIn(context, server.url, 'lead@acme.test');
    const me = (await (await context.request.get(`${server.url}/api/v1/me`)).json()) as {
      organisations: { slug: string; teams: { id: string; name: string; isLead: boolean }[] }[];
    };
    const team = me.organisations.find((o) => o.slug === 'acme')?.teams.find((t) => t.isLead);
    await signIn(context, server.url, 'member@acme.test');
    const okrs = (await (await context.request.get(`${server.url}/api/v1/orgs/acme/me/okrs`)).json()) as {
      keyResults: { objective: { id: string; title: string } }[];
    };
    const objective = okrs.keyResults.find((kr) => kr.objective.title === 'Make our checkout the fastest in the market')?.objective;
    if (!team || !objective) throw new Error('the demo organisation changed: no team led by lead@acme.test, or no checkout objective for member@acme.test');

    const shots: Shot[] = [
      { file: 'home.png', as: 'member@acme.test', path: '/orgs/acme/home' },
      { file: 'home-mobile.png', as: 'member@acme.test', path: '/orgs/acme/home', viewport: PHONE },
      { file: 'company.png', as: 'member@acme.test', path: '/orgs/acme/company' },
      { file: 'objective.png', as: 'member@acme.test', path: `/orgs/acme/objectives/${objective.id}` },
      {
        file: 'alignment-map.png',
        as: 'member@acme.test',
        path: '/orgs/acme/alignment',
        act: async (page) => {
          await page.locator('canvas.amap-canvas').waitFor();
          // My path highlighted, with the whole expanded tree in view.
          await page.getByRole('button', { name: 'Show my path' }).click();
          await page.waitForTimeout(300);
          await page.getByRole('button', { name: 'Fit' }).click();
          await page.waitForTimeout(500);
        },
      },
      {
        file: 'wizard.png',
        as: 'lead@acme.test',
        path: '/orgs/acme/objectives/new?level=team&step=objective',
        act: async (page) => {
          await page.getByRole('textbox', { name: 'Objective' }).fill('Launch the new refunds page');
          await page.getByText('reads like a task or an output', { exact: false }).waitFor();
        },
      },
      { file: 'team.png', as: 'lead@acme.test', path: `/orgs/acme/teams/${team.id}` },
      { file: 'dashboard-executive.png', as: 'ceo@acme.test', path: '/orgs/acme/dashboard/executive' },
      { file: 'dashboard-champion.png', as: 'champion@acme.test', path: '/orgs/acme/dashboard/champion' },
    ];

    let signedInAs = 'member@acme.test';
    for (const shot of shots) {
      if (shot.as !== signedInAs) {
        await signIn(context, server.url, shot.as);
        signedInAs = shot.as;
      }
      const page = await context.newPage();
      try {
        await page.setViewportSize(shot.viewport ?? DESKTOP);
        await page.goto(`${server.url}${shot.path}`);
        await settled(page);
        await shot.act?.(page);
        await settled(page);
        const file = path.join(outDir, shot.file);
        await page.screenshot({ path: file, animations: 'disabled' });
        console.log(`wrote ${path.relative(process.cwd(), file)} (${shot.as}, ${shot.path})`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
