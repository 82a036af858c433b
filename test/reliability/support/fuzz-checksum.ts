/**
 * A checksum of every table of a database, one hash per table: each table is read whole, ordered
 * by its primary key (by every column when it has none), and its rows hashed. Comparing two
 * checksums names the tables that changed.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Connection } from '../../../src/db/connection.ts';

interface TableShape {
  name: string;
  /** Primary-key columns first, in key order; then the other columns. */
  orderBy: string[];
}

const shapes = new WeakMap<Connection, Promise<TableShape[]>>();

async function sqliteShapes(connection: Connection): Promise<TableShape[]> {
  const tables = await sql<{ name: string }>`
    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
  `.execute(connection.db);
  const result: TableShape[] = [];
  for (const { name } of tables.rows) {
    const columns = await sql<{
      name: string;
      pk: number;
    }>`SELECT name, pk FROM pragma_table_info(${name})`.execute(connection.db);
    const key = columns.rows.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    result.push({ name, orderBy: (key.length > 0 ? key : columns.rows).map((c) => c.name) });
  }
  return result;
}

async function postgresShapes(connection: Connection): Promise<TableShape[]> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name
  `.execute(connection.db);
  const result: TableShape[] = [];
  for (const { table_name: name } of tables.rows) {
    const key = await sql<{ column_name: string }>`
      SELECT k.column_name FROM information_schema.table_constraints c
      JOIN information_schema.key_column_usage k
        ON k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema AND k.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND c.table_name = ${name} AND c.constraint_type = 'PRIMARY KEY'
      ORDER BY k.ordinal_position
    `.execute(connection.db);
    const columns = await sql<{ column_name: string }>`
      SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ${name} ORDER BY ordinal_position
    `.execute(connection.db);
    result.push({
      name,
      orderBy: (key.rows.length > 0 ? key.rows : columns.rows).map((c) => c.column_name),
    });
  }
  return result;
}

function tableShapes(connection: Connection): Promise<TableShape[]> {
  let found = shapes.get(connection);
  if (!found) {
    found = connection.dialect === 'sqlite' ? sqliteShapes(connection) : postgresShapes(connection);
    shapes.set(connection, found);
  }
  return found;
}

/** Table name → SHA-256 of its rows in primary-key order. */
export type Checksum = Map<string, string>;

async function tableHash(connection: Connection, table: TableShape): Promise<string> {
  const order = sql.join(table.orderBy.map((column) => sql.ref(column)));
  const { rows } = await sql<
    Record<string, unknown>
  >`SELECT * FROM ${sql.table(table.name)} ORDER BY ${order}`.execute(connection.db);
  const hash = createHash('sha256');
  for (const row of rows) hash.update(JSON.stringify(row)).update('\n');
  return `${rows.length}:${hash.digest('hex')}`;
}

/** The checksum of every table (PostgreSQL reads the tables concurrently, SQLite one by one). */
export async function checksum(connection: Connection): Promise<Checksum> {
  const tables = await tableShapes(connection);
  const hashes = await Promise.all(tables.map((table) => tableHash(connection, table)));
  return new Map(tables.map((table, i) => [table.name, hashes[i] ?? '']));
}

/** The tables whose rows differ between two checksums, leaving out `ignoring`. */
export function changedTables(
  before: Checksum,
  after: Checksum,
  ignoring: readonly string[] = [],
): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .filter((name) => !ignoring.includes(name) && before.get(name) !== after.get(name))
    .sort();
}
