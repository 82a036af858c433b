/**
 * Debian's Chromium driven by playwright-core, for the browser suites (test/e2e) and
 * `npm run screenshots`. Never a downloaded browser: /usr/bin/chromium (`apt-get install -y
 * chromium`), or CHROMIUM_PATH.
 *
 * Outside CI a missing Chromium skips the browser suites with a printed reason; with CI=true it
 * fails them (the same rule as PostgreSQL in ./databases.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags every launch uses: no sandbox (root in containers), no GPU, nothing phoning home. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const inCi = process.env.CI === 'true';

/** null when Chromium is there to launch, else why not. */
export function browserProblem(): string | null {
  try {
    fs.accessSync(CHROMIUM_PATH, fs.constants.X_OK);
    return null;
  } catch {
    return `${CHROMIUM_PATH} not found; apt-get install -y chromium`;
  }
}

/**
 * Whether a browser suite runs: null when it does, else the reason it is skipped (printed).
 * With CI=true a missing Chromium throws instead: the suite fails, it is never skipped.
 */
export function browserSuiteSkip(): string | null {
  const problem = browserProblem();
  if (problem && inCi) throw new Error(`CI=true requires Chromium for the browser suites: ${problem}`);
  if (problem) console.warn(`[skip] browser suites skipped: ${problem}`);
  return problem;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  /** Closes the browser and removes its profile folder. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  viewport?: { width: number; height: number };
}

/** Chromium, headless, on a fresh profile in a temporary folder (removed by close()). */
export async function launchBrowser(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const problem = browserProblem();
  if (problem) throw new Error(`Cannot launch Chromium: ${problem}`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'okrw-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: options.viewport ?? { width: 1280, height: 800 },
      locale: 'en-GB',
      timezoneId: 'UTC',
    });
  } catch (error) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    async close() {
      try {
        await context.close();
      } finally {
        fs.rmSync(profile, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
      }
    },
  };
}

/**
 * Waits until the page shows its heading, has no loading state left (skeletons, "Loading…"
 * statuses) and has drawn two more frames.
 */
export async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  const loading = page.locator('.loading-state, .skeleton');
  for (let attempt = 0; attempt < 150 && (await loading.count()) > 0; attempt++) await page.waitForTimeout(100);
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
}
