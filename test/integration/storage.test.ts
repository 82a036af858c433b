import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/contracts/app-error.ts';
import type { Connection } from '../../src/db/connection.ts';
import { resolveDatabaseTarget } from '../../src/db/connection.ts';
import { withBulkWriter } from '../../src/db/bulk.ts';
import { assertSchemaKnown, knownMigrations, migrateToLatest } from '../../src/db/migrate.ts';
import { computeOrganisationProgress } from '../../src/domain/organisation-progress.ts';
import type { KrDirection, KrKind } from '../../src/contracts/model.ts';
import {
  alignmentRow,
  cycleRow,
  keyResultRow,
  objectiveRow,
  organisationRow,
} from '../../src/repositories/rows.ts';
import { recomputeOrganisation } from '../../src/services/recompute.ts';
import { runOkr } from '../support/cli.ts';
import {
  createTestDatabase,
  dialectsUnderTest,
  openTestConnection,
  type TestDatabase,
} from '../support/databases.ts';

const NOW = '2026-11-01T00:00:00.000Z';

async function countRows(connection: Connection, table: 'objectives' | 'organisations'): Promise<number> {
  const row = await connection.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A small organisation: one cycle, a company objective including its two aligned children. */
async function seedOrganisation(connection: Connection) {
  const orgId = uuidv7();
  const cycleId = uuidv7();
  const company = uuidv7();
  const childA = uuidv7();
  const childB = uuidv7();
  const krs: { objectiveId: string; kind: KrKind; direction: KrDirection; start: number; target: number | null; current: number }[] = [
    { objectiveId: company, kind: 'number', direction: 'increase', start: 0, target: 100, current: 40 },
    { objectiveId: childA, kind: 'percentage', direction: 'decrease', start: 20, target: 10, current: 15 },
    { objectiveId: childA, kind: 'milestone', direction: 'increase', start: 0, target: 1, current: 1 },
    { objectiveId: childB, kind: 'currency', direction: 'at_least', start: 0, target: 5000, current: 6000 },
    { objectiveId: childB, kind: 'number', direction: 'increase', start: 3, target: null, current: 3 },
  ];
  await withBulkWriter(connection, async (writer) => {
    await writer.insert('organisations', [organisationRow({ id: orgId, slug: `org-${orgId.slice(-6)}`, name: 'Org', createdAt: NOW })]);
    await writer.insert('cycles', [
      cycleRow({ id: cycleId, orgId, name: '2026-Q4', startDate: '2026-10-01', endDate: '2026-12-31', status: 'active', createdAt: NOW }),
    ]);
    await writer.insert('objectives', [
      objectiveRow({ id: company, orgId, cycleId, level: 'company', title: 'Delight customers', includeChildren: true, createdAt: NOW }),
      objectiveRow({ id: childA, orgId, cycleId, level: 'team', title: 'Faster checkout', createdAt: NOW }),
      objectiveRow({ id: childB, orgId, cycleId, level: 'team', title: 'Grow revenue', createdAt: NOW }),
    ]);
    await writer.insert('alignments', [alignmentRow(orgId, childA, company, NOW), alignmentRow(orgId, childB, company, NOW)]);
    await writer.insert(
      'key_results',
      krs.map((k, i) => keyResultRow({ id: uuidv7(), orgId, title: `KR ${i}`, createdAt: NOW, confidence: 0.8, ...k })),
    );
  });
  return { orgId, cycleId, company, childA, childB };
}

describe('resolveDatabaseTarget', () => {
  it('prefers --db, then OKR_DATABASE_URL, then ./data/okr.db', () => {
    expect(resolveDatabaseTarget('x.db', { OKR_DATABASE_URL: 'postgres://h/db' })).toEqual({ dialect: 'sqlite', file: 'x.db' });
    expect(resolveDatabaseTarget(undefined, { OKR_DATABASE_URL: 'postgresql://h/db' })).toEqual({
      dialect: 'postgres',
      url: 'postgresql://h/db',
    });
    expect(resolveDatabaseTarget(undefined, {})).toEqual({ dialect: 'sqlite', file: './data/okr.db' });
    expect(resolveDatabaseTarget('sqlite:///tmp/a.db', {})).toEqual({ dialect: 'sqlite', file: '/tmp/a.db' });
    expect(() => resolveDatabaseTarget('', {})).toThrow(AppError);
  });
});

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`storage on ${dialect}`, () => {
    let database: TestDatabase;
    let connection: Connection;

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      connection = await openTestConnection(database);
    });
    afterAll(async () => {
      await connection?.close();
      await database?.drop();
    });

    it('migrates once and then reports nothing to do', async () => {
      expect(await migrateToLatest(connection.db)).toEqual({ applied: [], current: knownMigrations().at(-1) });
      const tables = (await connection.db.introspection.getTables()).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(['objectives', 'key_results', 'check_ins', 'alignments', 'audit_log']));
    });

    it('enforces foreign keys', async () => {
      await expect(
        connection.db
          .insertInto('key_results')
          .values(
            keyResultRow({ id: uuidv7(), orgId: 'nope', objectiveId: 'nope', title: 'x', kind: 'number', direction: 'increase', start: 0, target: 1, createdAt: NOW }),
          )
          .execute(),
      ).rejects.toThrow();
    });

    it('writes a bulk load all or nothing', async () => {
      const before = await countRows(connection, 'organisations');
      await expect(
        withBulkWriter(connection, async (writer) => {
          await writer.insert('organisations', [organisationRow({ id: uuidv7(), slug: 'half', name: 'Half', createdAt: NOW })]);
          throw new Error('abort the load');
        }),
      ).rejects.toThrow('abort the load');
      expect(await countRows(connection, 'organisations')).toBe(before);
    });

    it('starts every mutable row at version 1 and ids sort by creation time', async () => {
      const seeded = await seedOrganisation(connection);
      const rows = await connection.db.selectFrom('objectives').select(['id', 'version']).where('org_id', '=', seeded.orgId).orderBy('id').execute();
      expect(rows.map((r) => r.version)).toEqual([1, 1, 1]);
      expect(rows.map((r) => r.id)).toEqual([seeded.company, seeded.childA, seeded.childB]);
    });

    it('recomputes stored progress to equal the domain rules, and is idempotent', async () => {
      const seeded = await seedOrganisation(connection);
      const now = new Date('2026-11-15T12:00:00Z');
      const first = await recomputeOrganisation(connection, seeded.orgId, now);
      expect(first).toMatchObject({ objectives: 3, keyResults: 5 });
      expect(first.changed).toBeGreaterThan(0);
      expect((await recomputeOrganisation(connection, seeded.orgId, now)).changed).toBe(0);

      const krs = await connection.db.selectFrom('key_results').selectAll().where('org_id', '=', seeded.orgId).execute();
      const objectives = await connection.db.selectFrom('objectives').selectAll().where('org_id', '=', seeded.orgId).execute();
      const expected = computeOrganisationProgress(
        {
          cycles: [{ id: seeded.cycleId, startDate: '2026-10-01', endDate: '2026-12-31' }],
          objectives: objectives.map((o) => ({ id: o.id, cycleId: o.cycle_id, includeChildren: o.include_children === 1 })),
          keyResults: krs.map((k) => ({
            id: k.id, objectiveId: k.objective_id, contributesToId: k.contributes_to_id, kind: k.kind as KrKind,
            direction: k.direction as KrDirection, start: k.start_value, target: k.target_value, current: k.current_value,
            weight: k.weight, confidence: k.confidence,
          })),
          alignments: [
            { childId: seeded.childA, parentId: seeded.company },
            { childId: seeded.childB, parentId: seeded.company },
          ],
        },
        now,
      );
      for (const o of objectives) expect({ id: o.id, progress: o.progress, health: o.health }).toEqual({ id: o.id, ...expected.objectives.get(o.id) });
      for (const k of krs) expect({ id: k.id, progress: k.progress, health: k.health }).toEqual({ id: k.id, ...expected.keyResults.get(k.id) });
      // Hand-checked: child A = mean(0.5, 1) = 0.75; child B = mean(1, 0) = 0.5 (baseline first);
      // the company objective = mean(own 0.4, 0.75, 0.5) = 0.55.
      const byId = new Map(objectives.map((o) => [o.id, o.progress]));
      expect(byId.get(seeded.childA)).toBeCloseTo(0.75, 10);
      expect(byId.get(seeded.childB)).toBeCloseTo(0.5, 10);
      expect(byId.get(seeded.company)).toBeCloseTo(0.55, 10);
    });

    it('refuses a database migrated by a newer version and changes nothing', async () => {
      const other = await createTestDatabase(dialect);
      const c = await openTestConnection(other);
      try {
        await sql`INSERT INTO okr_migration (name, timestamp) VALUES ('9999-from-the-future', '2030-01-01T00:00:00.000Z')`.execute(c.db);
        const error = await assertSchemaKnown(c.db).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('schema_too_new');
        await expect(migrateToLatest(c.db)).rejects.toThrow(/newer OKR Wizard.*9999-from-the-future/);
        const cli = await runOkr(['migrate', '--db', other.url]);
        expect(cli.code).toBe(1);
        expect(cli.stderr).toMatch(/newer OKR Wizard/);
      } finally {
        await c.close();
        await other.drop();
      }
    });
  });
}

describe('SQLite durability settings', () => {
  it('uses WAL, synchronous=FULL, foreign keys and a busy timeout', async () => {
    const database = await createTestDatabase('sqlite');
    const connection = await openTestConnection(database);
    try {
      const handle = connection.sqlite;
      expect(handle?.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(handle?.pragma('synchronous', { simple: true })).toBe(2);
      expect(handle?.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(handle?.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      await connection.close();
      await database.drop();
    }
  });
});

describe('okr migrate (CLI)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okrw-cli-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the database file and its folder, then reports it up to date', async () => {
    const file = path.join(dir, 'nested', 'okr.db');
    const first = await runOkr(['migrate', '--db', file]);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toMatch(/applied 0001-initial, 0002-accounts/);
    expect(fs.existsSync(file)).toBe(true);
    const second = await runOkr(['migrate', '--db', file, '--json']);
    expect(JSON.parse(second.stdout)).toMatchObject({ applied: [], current: knownMigrations().at(-1) });
  });

  it('takes the database from OKR_DATABASE_URL', async () => {
    const file = path.join(dir, 'from-env.db');
    const result = await runOkr(['migrate'], { env: { OKR_DATABASE_URL: file } });
    expect(result.code).toBe(0);
    expect(fs.existsSync(file)).toBe(true);
  });

  it('names the problem for an unwritable path, a folder, an unreachable PostgreSQL and an unknown flag', async () => {
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, 'x');
    const unwritable = await runOkr(['migrate', '--db', path.join(blocker, 'okr.db')]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toMatch(/Cannot create the folder for the database file/);

    const folder = await runOkr(['migrate', '--db', dir]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/is a folder, not a file/);

    const unreachable = await runOkr(['migrate', '--db', 'postgres://postgres@127.0.0.1:1/nowhere']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/Cannot reach PostgreSQL at 127\.0\.0\.1:1\/nowhere/);

    const unknown = await runOkr(['migrate', '--bogus']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown option '--bogus'/);
  });
});

describe('commands that only read', () => {
  it('refuse a SQLite file that does not exist instead of creating an empty database', async () => {
    const missing = path.join(os.tmpdir(), `okrw-missing-${Date.now()}`, 'typo.db');
    for (const args of [['export', '--cycle', 'x', '--db', missing], ['recompute', '--db', missing]]) {
      const result = await runOkr(args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`There is no database at ${missing}`);
    }
    expect(fs.existsSync(missing)).toBe(false);
  });
});
