/**
 * Crash safety (issue 7, part 1): the real `okr serve` runs on a database holding the demo
 * organisation and a small organisation of writers; several clients check in and edit objectives
 * and key results with If-Match while the server is killed with SIGKILL at random moments and
 * started again on the same database. After every kill, with the server down, the database must
 * hold every write acknowledged with a 2xx, nothing half-written, pass SQLite's integrity and
 * foreign-key checks, and have stored progress equal to a recomputation. PostgreSQL survives our
 * server's death; the same checks run against it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prng } from '../../src/services/demo/prng.ts';
import { client } from '../support/api.ts';
import {
  createTestDatabase,
  dialectsUnderTest,
  openTestConnection,
  type TestDatabase,
} from '../support/databases.ts';
import { LONG, RELIABILITY_TIMEOUT_MS, sized } from './mode.ts';
import { crashProblems } from './support/crash-checks.ts';
import { killAllServers, startOkrServer } from './support/crash-server.ts';
import { driveWriters, emptyLedger } from './support/crash-workload.ts';
import { buildCrashWorld, type CrashWorld } from './support/crash-world.ts';

const KILLS = sized(3, 200);
const CLIENTS = sized(3, 6);
const LOOPS_PER_WRITER = 2;
/** How long the writers go on after the round's first acknowledged write: up to this, at random. */
const RUN_MS = LONG ? 2_000 : 800;

type Body = Record<string, unknown>;

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`crash safety of okr serve on ${dialect}`, () => {
    let database: TestDatabase | undefined;
    let world: CrashWorld;

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      const connection = await openTestConnection(database);
      try {
        world = await buildCrashWorld(connection, CLIENTS);
      } finally {
        await connection.close();
      }
    });

    afterAll(async () => {
      await killAllServers();
      await database?.drop();
    });

    it(
      `keeps every acknowledged write and half-writes nothing through ${KILLS} SIGKILLs`,
      async () => {
        if (!database) throw new Error('no database');
        const seed = Date.now() % 2 ** 31;
        const random = new Prng(seed);
        const ledger = emptyLedger();
        const edits = { next: 0 };
        const acknowledged = () =>
          ledger.checkIns.length + ledger.keyResultEdits.length + ledger.objectiveEdits.length;
        const started = performance.now();
        for (let kill = 1; kill <= KILLS; kill += 1) {
          const server = await startOkrServer(database.url);
          const signal = { stopping: false };
          const before = { acknowledged: acknowledged() };
          const driving = driveWriters(world, server.url, ledger, random, {
            loopsPerWriter: LOOPS_PER_WRITER,
            signal,
            edits,
          });
          // Killed at a random moment once the server has acknowledged a write of this round.
          const waitingSince = Date.now();
          while (
            acknowledged() === before.acknowledged &&
            ledger.unexpected.length === 0 &&
            Date.now() - waitingSince < 60_000
          )
            await sleep(5);
          await sleep(random.int(RUN_MS));
          signal.stopping = true;
          await server.kill();
          await driving;
          const context = `kill ${kill} of ${KILLS} (seed ${seed})`;
          expect(ledger.unexpected, context).toEqual([]);
          // The server took writes before it was killed.
          expect(acknowledged(), context).toBeGreaterThan(before.acknowledged);

          const connection = await openTestConnection(database);
          try {
            expect(await crashProblems(connection, world, ledger, new Date()), context).toEqual([]);
          } finally {
            await connection.close();
          }
          if (LONG && kill % 25 === 0) {
            console.log(
              `[crash safety ${dialect}] ${kill} kills, ${Math.round((performance.now() - started) / 1000)} s: ${ledger.checkIns.length} check-ins and ${ledger.keyResultEdits.length + ledger.objectiveEdits.length} edits acknowledged so far`,
            );
          }
        }

        // Kills landed with requests in flight. Not after every kill: SQLite's group commit
        // answers the requests of a group together, and a kill just after that cuts off none.
        expect(ledger.cutOff).toBeGreaterThan(0);

        // Started once more, the server answers with what the database holds.
        const server = await startOkrServer(database.url);
        const connection = await openTestConnection(database);
        try {
          const base = `/api/v1/orgs/${world.slug}`;
          const keyResults = await connection.db
            .selectFrom('key_results')
            .selectAll()
            .where('org_id', '=', world.orgId)
            .execute();
          for (const c of world.clients) {
            const api = client(server.url, c.token);
            for (const kr of keyResults.filter((k) =>
              c.keyResults.some((mine) => mine.id === k.id),
            )) {
              const shown = await api.get<Body>(`${base}/key-results/${kr.id}`);
              expect(shown.body).toMatchObject({
                id: kr.id,
                title: kr.title,
                version: kr.version,
                current: kr.current_value,
                progress: kr.progress,
              });
              const latest = await connection.db
                .selectFrom('check_ins')
                .select('id')
                .where('key_result_id', '=', kr.id)
                .orderBy('created_at', 'desc')
                .orderBy('id', 'desc')
                .executeTakeFirst();
              const listed = await api.get<{ items: { id: string }[] }>(
                `${base}/key-results/${kr.id}/check-ins?limit=1`,
              );
              expect(listed.body.items.map((i) => i.id)).toEqual(latest ? [latest.id] : []);
            }
          }
          const storedCheckIns = await connection.db
            .selectFrom('check_ins')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('org_id', '=', world.orgId)
            .executeTakeFirstOrThrow();
          console.log(
            `[crash safety ${dialect}] ${KILLS} kills in ${Math.round((performance.now() - started) / 1000)} s (seed ${seed}): ` +
              `${ledger.checkIns.length} acknowledged check-ins, ${ledger.keyResultEdits.length} key result and ${ledger.objectiveEdits.length} objective edits checked ` +
              `after every kill; ${ledger.stale} answered 412, ${ledger.cutOff} cut off by a kill; ${Number(storedCheckIns.n)} check-ins stored.`,
          );
        } finally {
          await connection.close();
          await server.kill();
        }
      },
      RELIABILITY_TIMEOUT_MS,
    );
  });
}
