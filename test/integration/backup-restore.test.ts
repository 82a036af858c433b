/**
 * `okr backup` and `okr restore` on SQLite: a backup taken by the real command while a real
 * server takes concurrent check-ins restores into a fresh database that is intact, holds every
 * check-in acknowledged before the backup began and is one consistent snapshot (check-ins, their
 * audit rows, the key results' current values and the stored progress agree); and the refusals
 * (an existing backup file, a database with data, a file that is not a database, a newer schema).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Connection } from '../../src/db/connection.ts';
import type { TableName } from '../../src/db/schema.ts';
import { recomputeOrganisation } from '../../src/services/recompute.ts';
import { client, startTestApi, type TestApi } from '../support/api.ts';
import {
  buildCycle,
  buildKeyResult,
  buildObjective,
  buildOrganisation,
  buildToken,
  buildUser,
} from '../support/builders.ts';
import { runOkr } from '../support/cli.ts';

/** Each `okr` run starts a Node process that loads the CLI's TypeScript: seconds on a busy machine. */
const CLI_TIMEOUT_MS = 60_000;
const KEY_RESULTS = 4;
const WRITERS = 6;
/** Padding so the copy takes several steps of the backup API (about 12 MB). */
const PADDING_ROWS = 24_000;

/** Tables no check-in writes to: equal in the source now and in the restore. */
const UNCHANGED: TableName[] = ['organisations', 'users', 'memberships', 'member_roles', 'cycles'];

interface Acknowledged {
  id: string;
  keyResultId: string;
}

describe('okr backup and restore (SQLite)', () => {
  let api: TestApi;
  let org: { id: string; slug: string };
  let token: string;
  const keyResultIds: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okrw-backup-'));
  const backupFile = path.join(dir, 'backup.db');
  const restoredFile = path.join(dir, 'restored.db');
  let restored: Connection | undefined;

  beforeAll(async () => {
    api = await startTestApi('sqlite');
    const c = api.connection;
    org = await buildOrganisation(c);
    const user = await buildUser(c, org.id);
    token = await buildToken(c, user.id);
    const cycle = await buildCycle(c, org.id, { status: 'active' });
    const objective = await buildObjective(c, org.id, {
      cycleId: cycle.id,
      level: 'individual',
      ownerId: user.id,
    });
    for (let i = 0; i < KEY_RESULTS; i += 1) {
      keyResultIds.push(
        (
          await buildKeyResult(c, org.id, {
            objectiveId: objective.id,
            ownerId: user.id,
            target: 1_000_000,
          })
        ).id,
      );
    }
    const sqlite = c.sqlite;
    if (!sqlite) throw new Error('SQLite handle missing');
    const pad = sqlite.prepare(
      "INSERT INTO audit_log (id, org_id, actor_id, action, object_type, object_id, before_json, after_json, created_at) VALUES (?, ?, NULL, 'test.padding', 'padding', NULL, NULL, ?, '2026-10-01T09:00:00.000Z')",
    );
    const filler = JSON.stringify({ text: 'x'.repeat(400) });
    sqlite.transaction(() => {
      for (let i = 0; i < PADDING_ROWS; i += 1) pad.run(uuidv7(), org.id, filler);
    })();
  });

  afterAll(async () => {
    await restored?.close();
    await api?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'backs up under concurrent check-ins and restores a consistent snapshot',
    async () => {
      const as = client(api.url, token);
      const acknowledged: Acknowledged[] = [];
      const failures: string[] = [];
      let stop = false;
      const writers = Array.from({ length: WRITERS }, async (_, writer) => {
        for (let n = 1; !stop; n += 1) {
          const keyResultId = keyResultIds[writer % KEY_RESULTS] ?? '';
          const response = await as.post<{ checkIn: { id: string } }>(
            `/api/v1/orgs/${org.slug}/key-results/${keyResultId}/check-ins`,
            { value: writer * 100_000 + n },
          );
          if (response.status === 201)
            acknowledged.push({ id: response.body.checkIn.id, keyResultId });
          else failures.push(`${response.status} ${JSON.stringify(response.body)}`);
        }
      });
      try {
        while (acknowledged.length < 20 && failures.length === 0)
          await new Promise((resolve) => setTimeout(resolve, 20));
        const beforeBackup = acknowledged.slice();
        const backup = await runOkr(['backup', backupFile, '--db', api.database.url]);
        const duringBackup = acknowledged.length - beforeBackup.length;
        expect(backup, backup.stderr).toMatchObject({ code: 0 });
        expect(backup.stdout).toMatch(
          /^Backed up SQLite .* to .*backup\.db \(\d+\.\d MB, \d+ ms\)\.$/m,
        );
        expect(backup.stderr).toMatch(/Copying pages: \d+\/\d+ done/);
        // The server kept taking check-ins while the backup ran.
        expect(duringBackup).toBeGreaterThan(0);

        stop = true;
        await Promise.all(writers);
        expect(failures).toEqual([]);

        const restore = await runOkr(['restore', backupFile, '--db', restoredFile]);
        expect(restore, restore.stderr).toMatchObject({ code: 0 });
        expect(restore.stdout).toContain(`Restored ${backupFile} into SQLite ${restoredFile}`);

        restored = await openDatabase({ dialect: 'sqlite', file: restoredFile });
        const db = restored.db;
        expect(restored.sqlite?.pragma('integrity_check', { simple: true })).toBe('ok');

        const checkIns = await db
          .selectFrom('check_ins')
          .select(['id', 'key_result_id', 'value', 'created_at'])
          .orderBy('created_at')
          .orderBy('id')
          .execute();
        const restoredIds = new Set(checkIns.map((c) => c.id));
        // Every check-in acknowledged before the backup began is in the restore...
        expect(beforeBackup.filter((a) => !restoredIds.has(a.id))).toEqual([]);
        // ...and nothing that the source does not have.
        const sourceIds = new Set(
          (await api.connection.db.selectFrom('check_ins').select('id').execute()).map((c) => c.id),
        );
        expect(checkIns.filter((c) => !sourceIds.has(c.id))).toEqual([]);

        // One snapshot: each check-in with its audit row, and no audit row without its check-in.
        const audited = (
          await db
            .selectFrom('audit_log')
            .select('after_json')
            .where('action', '=', 'key_result.checked_in')
            .execute()
        ).map((a) => (JSON.parse(a.after_json ?? '{}') as { checkInId: string }).checkInId);
        expect(audited.sort()).toEqual([...restoredIds].sort());
        // Each key result's current value is its latest check-in's value in the restore.
        const keyResults = await db
          .selectFrom('key_results')
          .select(['id', 'current_value', 'last_check_in_at'])
          .where('org_id', '=', org.id)
          .execute();
        for (const keyResult of keyResults) {
          const latest = checkIns.filter((c) => c.key_result_id === keyResult.id).at(-1);
          expect(
            { value: keyResult.current_value, at: keyResult.last_check_in_at },
            keyResult.id,
          ).toEqual({
            value: latest?.value ?? 0,
            at: latest?.created_at ?? null,
          });
        }
        // Stored progress and health are what a full recomputation gives.
        const recomputed = await recomputeOrganisation(restored, org.id, new Date());
        expect(recomputed).toMatchObject({ keyResults: KEY_RESULTS, changed: 0 });
        // Tables no check-in touches are the source's, row for row.
        for (const table of [...UNCHANGED, 'audit_log'] as const) {
          const rows = (c: Connection) =>
            table === 'audit_log'
              ? c.db
                  .selectFrom('audit_log')
                  .selectAll()
                  .where('action', '=', 'test.padding')
                  .orderBy('id')
                  .execute()
              : c.db.selectFrom(table).selectAll().execute();
          expect(await rows(restored), table).toEqual(await rows(api.connection));
        }
      } finally {
        stop = true;
        await Promise.all(writers);
      }
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'refuses an existing backup file, a database with data, a non-database and a newer schema',
    async () => {
      const before = fs.statSync(backupFile);
      const notDatabase = path.join(dir, 'notes.db');
      fs.writeFileSync(notDatabase, 'these are notes, not a database\n');
      const future = path.join(dir, 'future.db');
      fs.copyFileSync(backupFile, future);
      const handle = new SqliteDatabase(future);
      handle
        .prepare(
          "INSERT INTO okr_migration (name, timestamp) VALUES ('9999-from-the-future', '2030-01-01T00:00:00.000Z')",
        )
        .run();
      handle.close();
      const fresh = (name: string) => path.join(dir, name);
      fs.writeFileSync(fresh('forced.db'), 'an old file that --force replaces\n');

      const [existing, withData, notDb, newer, forced] = await Promise.all([
        runOkr(['backup', backupFile, '--db', api.database.url]),
        runOkr(['restore', backupFile, '--db', restoredFile]),
        runOkr(['restore', notDatabase, '--db', fresh('from-notes.db')]),
        runOkr(['restore', future, '--db', fresh('from-future.db')]),
        runOkr(['backup', fresh('forced.db'), '--force', '--db', api.database.url]),
      ]);
      expect(existing).toMatchObject({ code: 1, stdout: '' });
      expect(existing.stderr).toContain(
        `okr: ${backupFile} already exists; choose another file or pass --force`,
      );
      expect(fs.statSync(backupFile).mtimeMs).toBe(before.mtimeMs);

      expect(withData).toMatchObject({ code: 1, stdout: '' });
      expect(withData.stderr).toMatch(
        /already has data \(.*check_ins.*\); restore into a fresh database, or pass --force/,
      );

      expect(notDb).toMatchObject({ code: 1, stdout: '' });
      expect(notDb.stderr).toContain(
        `okr: ${notDatabase} is not a SQLite database; nothing was restored.`,
      );
      expect(newer).toMatchObject({ code: 1, stdout: '' });
      expect(newer.stderr).toContain(
        'comes from a newer OKR Wizard (unknown schema version 9999-from-the-future)',
      );
      expect(fs.existsSync(fresh('from-notes.db'))).toBe(false);
      expect(fs.existsSync(fresh('from-future.db'))).toBe(false);

      expect(forced, forced.stderr).toMatchObject({ code: 0 });
      const copy = new SqliteDatabase(fresh('forced.db'), { readonly: true });
      expect(copy.prepare('SELECT count(*) FROM organisations').pluck().get()).toBe(1);
      copy.close();
      // No partial files are left behind.
      expect(fs.readdirSync(dir).filter((name) => name.includes('.partial-'))).toEqual([]);
    },
    CLI_TIMEOUT_MS,
  );
});
