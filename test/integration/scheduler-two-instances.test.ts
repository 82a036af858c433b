/**
 * Scheduled work runs once with several instances: two `okr serve` servers in-process on ONE
 * PostgreSQL database (and on one SQLite file), each with its own scheduler ticking fast; every
 * job ran exactly once between them, and a job whose lease another instance holds is not run.
 */
import { describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/http/server.ts';
import { takeLease } from '../../src/repositories/job-leases.ts';
import { JOBS } from '../../src/services/jobs/registry.ts';
import { createTestDatabase, dialectsUnderTest, openTestConnection } from '../support/databases.ts';

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`the scheduler with two servers on one ${dialect} database`, () => {
    it('runs each job once between them', async () => {
      const database = await createTestDatabase(dialect);
      const target =
        dialect === 'sqlite'
          ? ({ dialect, file: database.url } as const)
          : ({ dialect, url: database.url } as const);
      const serve = () =>
        startServer({
          target,
          host: '127.0.0.1',
          port: 0,
          demoIfEmpty: false,
          logLevel: 'silent',
          secureCookies: false,
          trustProxy: false,
          schedulerTickMs: 20,
          env: {},
        });
      const servers: RunningServer[] = [];
      try {
        // Migrations first, then the second instance starting while the first ticks.
        servers.push(await serve());
        servers.push(await serve());
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const [first, second] = servers;
        expect(first?.scheduler?.holder).not.toBe(second?.scheduler?.holder);
        const observer = await openTestConnection(database);
        const leases = observer.db;
        try {
          const rows = await leases
            .selectFrom('job_leases')
            .select(['name', 'runs', 'last_error'])
            .orderBy('name')
            .execute();
          expect(rows).toEqual(
            JOBS.map((job) => ({ name: job.name, runs: 1, last_error: null })).sort((a, b) =>
              a.name.localeCompare(b.name),
            ),
          );
          // A lease held by another instance is not taken, even to run now.
          const now = new Date();
          expect(
            await takeLease(
              leases,
              'send-emails',
              'someone-else',
              now.toISOString(),
              new Date(now.getTime() + 60_000).toISOString(),
              null,
            ),
          ).toBe(true);
          expect(await first?.scheduler?.runNow('send-emails')).toBe(false);
          expect(await second?.scheduler?.runNow('send-emails')).toBe(false);
        } finally {
          await observer.close();
        }
      } finally {
        for (const server of servers) await server.stop();
        await database.drop();
      }
    }, 30_000);
  });
}
