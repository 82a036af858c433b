/**
 * The order test files start in (vitest.config.ts `sequence.sequencer`). Vitest's own order
 * runs the longest files first when it has timings from an earlier run, else the largest; a
 * fresh clone (CI) has none. The browser suites (the files that launch Chromium) are the
 * longest by far, so they go first in either case: started last, one of them would keep a
 * worker busy alone while the other has nothing left to do.
 */
import fs from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

function launchesBrowser(file: string): boolean {
  try {
    return fs.readFileSync(file, 'utf8').includes('launchBrowser(');
  } catch {
    return false;
  }
}

export class BrowserSuitesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const browser = sorted.filter((file) => launchesBrowser(file.moduleId));
    return [...browser, ...sorted.filter((file) => !browser.includes(file))];
  }
}
