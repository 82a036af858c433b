/**
 * The engine limit we compare our loader with: a plain better-sqlite3 loop inserting rows shaped
 * like check-ins (the bulk of a generated organisation) into a table with the same columns,
 * primary key and index, one prepared statement, one transaction, the same pragmas as
 * src/db/connection.ts (WAL, synchronous=FULL). Commit included.
 */
import fs from 'node:fs';
import SqliteDatabase from 'better-sqlite3';

export function rawInsertBaseline(
  file: string,
  rows: number,
): { ms: number; rowsPerSecond: number } {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(`
    CREATE TABLE raw_check_ins (
      id text PRIMARY KEY, org_id text NOT NULL, key_result_id text NOT NULL,
      value double precision NOT NULL, confidence double precision, note text,
      author_id text, source text NOT NULL, created_at text NOT NULL);
    CREATE INDEX raw_check_ins_key_result ON raw_check_ins (key_result_id, created_at);`);
  const insert = db.prepare(
    'INSERT INTO raw_check_ins (id, org_id, key_result_id, value, confidence, note, author_id, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const org = '019a7c00-0000-7000-8000-000000000000';
  const started = performance.now();
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const id = `019a7c${(i + 0x10000000).toString(16)}-0000-7000-8000-000000000001`;
      const keyResult = `019a7b${(Math.floor(i / 10) + 0x10000000).toString(16)}-0000-7000-8000-000000000002`;
      insert.run(
        id,
        org,
        keyResult,
        i * 0.5,
        0.7,
        (i & 7) === 0 ? 'On track.' : null,
        org,
        'user',
        '2026-10-05T09:00:00.000Z',
      );
    }
  })();
  const ms = performance.now() - started;
  db.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  return { ms, rowsPerSecond: rows / (ms / 1000) };
}
