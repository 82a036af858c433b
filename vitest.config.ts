import { defineConfig } from 'vitest/config';
import { BrowserSuitesFirst } from './test/support/sequencer.ts';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default on 2 cores is ONE worker (cores - 1), so the files ran one after another
    // while they mostly wait on Chromium, PostgreSQL and their servers: two keep both cores busy.
    maxWorkers: 2,
    minWorkers: 1,
    // A worker keeps the modules it loaded (the app, fastify, zod, kysely...) for its next file
    // instead of importing them again for each (about 1 s of CPU per file). Test files are still
    // loaded afresh; nothing of ours keeps state outside a connection (WeakMaps keyed by it).
    isolate: false,
    sequence: { sequencer: BrowserSuitesFirst },
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default'],
  },
});
