/**
 * Group commit on SQLite: transactions that queue up share one COMMIT, yet each is still
 * all-or-nothing and each caller hears only about its own outcome, after the commit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Connection } from '../../src/db/connection.ts';
import { commitWork } from '../../src/db/commit-work.ts';
import { inTransaction } from '../../src/services/context.ts';
import { createTestDatabase, openTestConnection, type TestDatabase } from '../support/databases.ts';

describe('group commit on SQLite', () => {
  let database: TestDatabase;
  let connection: Connection;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    connection = await openTestConnection(database);
    await sql`CREATE TABLE scratch (id INTEGER PRIMARY KEY, label TEXT NOT NULL)`.execute(
      connection.db,
    );
  });
  afterAll(async () => {
    await connection?.close();
    await database?.drop();
  });

  const labels = async () =>
    (
      await sql<{ label: string }>`SELECT label FROM scratch ORDER BY id`.execute(connection.db)
    ).rows.map((r) => r.label);

  it('commits concurrent transactions together, undoing only the one that failed', async () => {
    const write = (label: string, fail = false) =>
      inTransaction({ connection }, async (trx) => {
        await sql`INSERT INTO scratch (label) VALUES (${label})`.execute(trx);
        await sql`INSERT INTO scratch (label) VALUES (${`${label}-2`})`.execute(trx);
        if (fail) throw new Error(`${label} failed`);
        return label;
      });
    // Started in the same turn of the event loop, they share one group.
    const writes = [write('a'), write('b'), write('c', true), write('d')];
    const outcomes = await Promise.allSettled(writes);
    expect(
      outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message)),
    ).toEqual(['a', 'b', 'c failed', 'd']);
    expect(await labels()).toEqual(['a', 'a-2', 'b', 'b-2', 'd', 'd-2']);
  });

  it('lets a later transaction of a group see what an earlier one wrote', async () => {
    await sql`DELETE FROM scratch`.execute(connection.db);
    const first = inTransaction({ connection }, async (trx) => {
      await sql`INSERT INTO scratch (label) VALUES ('first')`.execute(trx);
      return 'first';
    });
    const second = inTransaction(
      { connection },
      async (trx) =>
        (await sql<{ n: number }>`SELECT count(*) AS n FROM scratch`.execute(trx)).rows[0]?.n,
    );
    expect(await first).toBe('first');
    expect(await second).toBe(1);
  });

  it('fails every transaction of a group when the shared commit fails, keeping none of them', async () => {
    await sql`DELETE FROM scratch`.execute(connection.db);
    // A deferred foreign key broken by one transaction only shows at COMMIT.
    await sql`CREATE TABLE parent (id INTEGER PRIMARY KEY)`.execute(connection.db);
    await sql`CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)`.execute(
      connection.db,
    );
    const good = inTransaction({ connection }, async (trx) => {
      await sql`INSERT INTO scratch (label) VALUES ('kept?')`.execute(trx);
    });
    const broken = inTransaction({ connection }, async (trx) => {
      await sql`INSERT INTO child (parent_id) VALUES (42)`.execute(trx);
    });
    const results = await Promise.allSettled([good, broken]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await labels()).toEqual([]);
  });

  /** Commit work that records, in the transaction, the labels the jobs gave it. */
  function summary(trx: object, label: string, fail = false) {
    const work = commitWork(trx, 'summary', () => {
      const labels: string[] = [];
      let runs = 0;
      let resolve: (value: number) => void = () => undefined;
      let reject: (error: unknown) => void = () => undefined;
      const ran = new Promise<number>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      ran.catch(() => undefined);
      return {
        labels,
        ran,
        async run(t: Parameters<Parameters<typeof inTransaction>[1]>[0]) {
          runs += 1;
          if (labels.includes('explode')) throw new Error('summary failed');
          await sql`INSERT INTO scratch (label) VALUES (${`summary:${labels.join(',')}`})`.execute(
            t,
          );
          resolve(runs);
        },
        abandon: (error: unknown) => reject(error),
      };
    });
    work.labels.push(fail ? 'explode' : label);
    return work.ran;
  }

  it('runs the work jobs leave for commit time once for the whole group, before the commit', async () => {
    await sql`DELETE FROM scratch`.execute(connection.db);
    const write = (label: string) =>
      inTransaction({ connection }, async (trx) => {
        await sql`INSERT INTO scratch (label) VALUES (${label})`.execute(trx);
        return { label, ran: summary(trx, label) };
      });
    const results = await Promise.all([write('a'), write('b'), write('c')]);
    // One run, seen by every job, and its row committed with theirs.
    expect(await Promise.all(results.map((r) => r.ran))).toEqual([1, 1, 1]);
    expect(await labels()).toEqual(['a', 'b', 'c', 'summary:a,b,c']);
    // Alone, a transaction runs its own.
    const alone = await write('d');
    expect(await alone.ran).toBe(1);
    expect((await labels()).slice(-2)).toEqual(['d', 'summary:d']);
  });

  it('fails every transaction of a group when its commit work fails, keeping none of them', async () => {
    await sql`DELETE FROM scratch`.execute(connection.db);
    const write = (label: string, fail = false) =>
      inTransaction({ connection }, async (trx) => {
        await sql`INSERT INTO scratch (label) VALUES (${label})`.execute(trx);
        void summary(trx, label, fail);
        return label;
      });
    const results = await Promise.allSettled([write('a'), write('b', true), write('c')]);
    expect(
      results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : r.value)),
    ).toEqual(['summary failed', 'summary failed', 'summary failed']);
    expect(await labels()).toEqual([]);
  });

  it('refuses commit work outside a transaction opened by inTransaction', async () => {
    await connection.db.transaction().execute((trx) => {
      expect(() => summary(trx, 'x')).toThrow(/inTransaction/);
      return Promise.resolve();
    });
  });
});
