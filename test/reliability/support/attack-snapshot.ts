/**
 * A fingerprint of every row of every table, to prove an attack changed nothing. Columns that
 * move on every authenticated request ("last seen" of a session or token) and the sign-in rate
 * limit counters are left out: they are bookkeeping, not data anyone owns.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Connection } from '../../../src/db/connection.ts';

const IGNORED_COLUMNS = new Set(['last_seen_at', 'last_used_at']);
const IGNORED_TABLES = new Set(['rate_limits']);

async function tableNames(c: Connection): Promise<string[]> {
  const rows =
    c.dialect === 'sqlite'
      ? await sql<{
          name: string;
        }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(
          c.db,
        )
      : await sql<{
          name: string;
        }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(
          c.db,
        );
  return rows.rows
    .map((r) => r.name)
    .filter((n) => !IGNORED_TABLES.has(n))
    .sort();
}

/** table name → hash of its rows (sorted, so row order does not matter). */
export type Snapshot = Map<string, string>;

export async function snapshot(c: Connection): Promise<Snapshot> {
  const result: Snapshot = new Map();
  for (const table of await tableNames(c)) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(
      c.db,
    );
    const lines = rows.rows
      .map((row) =>
        JSON.stringify(
          Object.keys(row)
            .filter((k) => !IGNORED_COLUMNS.has(k))
            .sort()
            .map((k) => [k, String(row[k])]),
        ),
      )
      .sort();
    result.set(table, createHash('sha256').update(lines.join('\n')).digest('hex'));
  }
  return result;
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}
