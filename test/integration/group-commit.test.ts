/**
 * Group commit on SQLite: transactions that queue up share one COMMIT, yet each is still
 * all-or-nothing and each caller hears only about its own outcome, after the commit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Connection } from '../../src/db/connection.ts';
import { inTransaction } from '../../src/services/context.ts';
import { createTestDatabase, openTestConnection, type TestDatabase } from '../support/databases.ts';

describe('group commit on SQLite', () => {
  let database: TestDatabase;
  let connection: Connection;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    connection = await openTestConnection(database);
    await sql`CREATE TABLE scratch (id INTEGER PRIMARY KEY, label TEXT NOT NULL)`.execute(connection.db);
  });
  afterAll(async () => {
    await connection?.close();
    await database?.drop();
  });

  const labels = async () =>
    (await sql<{ label: string }>`SELECT label FROM scratch ORDER BY id`.execute(connection.db)).rows.map((r) => r.label);

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
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual(['a', 'b', 'c failed', 'd']);
    expect(await labels()).toEqual(['a', 'a-2', 'b', 'b-2', 'd', 'd-2']);
  });

  it('lets a later transaction of a group see what an earlier one wrote', async () => {
    await sql`DELETE FROM scratch`.execute(connection.db);
    const first = inTransaction({ connection }, async (trx) => {
      await sql`INSERT INTO scratch (label) VALUES ('first')`.execute(trx);
      return 'first';
    });
    const second = inTransaction({ connection }, async (trx) => (await sql<{ n: number }>`SELECT count(*) AS n FROM scratch`.execute(trx)).rows[0]?.n);
    expect(await first).toBe('first');
    expect(await second).toBe(1);
  });

  it('fails every transaction of a group when the shared commit fails, keeping none of them', async () => {
    await sql`DELETE FROM scratch`.execute(connection.db);
    // A deferred foreign key broken by one transaction only shows at COMMIT.
    await sql`CREATE TABLE parent (id INTEGER PRIMARY KEY)`.execute(connection.db);
    await sql`CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)`.execute(connection.db);
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
});
