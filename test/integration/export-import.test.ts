/**
 * Export and import of a whole cycle, over SQLite and PostgreSQL: exact round trips through JSON
 * and CSV, every kind of bad input refused with the row named and nothing written, dry runs,
 * and the `okr export` / `okr import` commands end to end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/contracts/app-error.ts';
import type { CycleFile, ImportableFormat } from '../../src/contracts/cycle-file.ts';
import type { Connection } from '../../src/db/connection.ts';
import type { TableName } from '../../src/db/schema.ts';
import { formatCycleCsv } from '../../src/services/cycle-formats/csv.ts';
import { formatCycleJson } from '../../src/services/cycle-formats/json.ts';
import { exportCycle } from '../../src/services/export-cycle.ts';
import { importCycle, parseCycleFile } from '../../src/services/import-cycle.ts';
import { buildCycleFile } from '../support/build-cycle-file.ts';
import { runOkr } from '../support/cli.ts';
import {
  createTestDatabase,
  dialectsUnderTest,
  openTestConnection,
  type TestDatabase,
} from '../support/databases.ts';

const TABLES: TableName[] = [
  'organisations',
  'users',
  'memberships',
  'member_roles',
  'teams',
  'team_members',
  'cycles',
  'objectives',
  'objective_readers',
  'objective_teams',
  'objective_tags',
  'alignments',
  'key_results',
  'initiatives',
  'check_ins',
  'dependencies',
  'comments',
  'audit_log',
];

async function rowCounts(connection: Connection): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await connection.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortBy = <T>(list: T[], key: (item: T) => string) =>
  [...list].sort((a, b) => byText(key(a), key(b)));

/** The file as an export orders it: by id, people by e-mail, teams by name, lists sorted. */
function canonical(file: CycleFile): CycleFile {
  return {
    ...file,
    people: sortBy(file.people, (p) => p.email),
    teams: sortBy(file.teams, (t) => t.name).map((t) => ({
      ...t,
      leads: [...t.leads].sort(byText),
      members: [...t.members].sort(byText),
    })),
    roles: sortBy(file.roles ?? [], (r) => r.email).map((r) => ({
      ...r,
      roles: [...r.roles].sort(byText),
    })),
    objectives: sortBy(file.objectives, (o) => o.id).map((o) => ({
      ...o,
      contributingTeams: [...o.contributingTeams].sort(byText),
      readers: [...o.readers].sort(byText),
      tags: [...o.tags].sort(byText),
      parents: [...o.parents].sort(byText),
      keyResults: sortBy(o.keyResults, (k) => k.id).map((k) => ({
        ...k,
        initiatives: sortBy(k.initiatives, (i) => i.id),
        checkIns: sortBy(k.checkIns, (c) => c.id),
        dependsOn: sortBy(k.dependsOn, (d) => d.id),
      })),
    })),
    comments: sortBy(file.comments ?? [], (c) => c.id),
  };
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** The 1-based line (as an editor counts) a CSV row starts on, found by a text that starts the row. */
function lineOfRow(csv: string, rowStart: string): number {
  const index = csv.indexOf(`\n${rowStart}`);
  expect(index, `row starting ${rowStart}`).toBeGreaterThan(0);
  return csv.slice(0, index + 1).split(/\r\n|\r|\n/).length;
}

async function importError(
  connection: Connection,
  content: string,
  format: ImportableFormat,
): Promise<AppError> {
  const before = await rowCounts(connection);
  const error = await importCycle(connection, content, { format }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(await rowCounts(connection)).toEqual(before);
  return error as AppError;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`cycle export and import (${dialect})`, () => {
    async function fresh(): Promise<{ database: TestDatabase; connection: Connection }> {
      const database = await createTestDatabase(dialect);
      const connection = await openTestConnection(database);
      cleanups.push(async () => {
        await connection.close();
        await database.drop();
      });
      return { database, connection };
    }

    it('round-trips a cycle through JSON byte for byte, losing nothing', async () => {
      const { file } = buildCycleFile();
      const first = await fresh();
      await importCycle(first.connection, formatCycleJson(file), { format: 'json' });
      const exported = await exportCycle(first.connection, { cycle: '2025-Q1', format: 'json' });
      expect(JSON.parse(exported.content)).toEqual(JSON.parse(formatCycleJson(canonical(file))));

      const second = await fresh();
      await importCycle(second.connection, exported.content, { format: 'json' });
      const again = await exportCycle(second.connection, {
        organisation: 'northwind',
        cycle: file.cycle.id,
        format: 'json',
      });
      expect(again.content).toBe(exported.content);
      expect(await rowCounts(second.connection)).toEqual(await rowCounts(first.connection));
    });

    it('round-trips a cycle through CSV byte for byte', async () => {
      const { file } = buildCycleFile();
      const first = await fresh();
      await importCycle(first.connection, formatCycleCsv(file), { format: 'csv' });
      const csv = (await exportCycle(first.connection, { cycle: '2025-Q1', format: 'csv' }))
        .content;
      const json = (await exportCycle(first.connection, { cycle: '2025-Q1', format: 'json' }))
        .content;
      expect(JSON.parse(json)).toEqual(JSON.parse(formatCycleJson(canonical(file))));

      const second = await fresh();
      await importCycle(second.connection, csv, { format: 'csv' });
      expect(
        (await exportCycle(second.connection, { cycle: '2025-Q1', format: 'csv' })).content,
      ).toBe(csv);
      expect(
        (await exportCycle(second.connection, { cycle: '2025-Q1', format: 'json' })).content,
      ).toBe(json);
    });

    it('recomputes progress, keeps the last check-in time and audits the import', async () => {
      const { file, ids } = buildCycleFile();
      const { connection } = await fresh();
      const result = await importCycle(connection, formatCycleJson(file), {
        format: 'json',
        now: new Date('2025-02-15T12:00:00.000Z'),
      });
      expect(result.created).toMatchObject({
        organisations: 1,
        users: 6,
        teams: 4,
        objectives: 7,
        keyResults: 8,
        checkIns: 3,
      });
      const customers = await connection.db
        .selectFrom('key_results')
        .select(['progress', 'health', 'last_check_in_at'])
        .where('id', '=', ids.keyResults.customers)
        .executeTakeFirstOrThrow();
      expect(customers.progress).toBeCloseTo(0.3);
      expect(customers.health).not.toBeNull();
      expect(customers.last_check_in_at).toBe('2025-01-17T09:30:15.123Z');
      const audit = await connection.db.selectFrom('audit_log').selectAll().execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: 'cycle.imported',
        object_type: 'cycle',
        object_id: file.cycle.id,
        actor_id: null,
      });
      expect(JSON.parse(audit[0]?.after_json ?? '{}')).toEqual(result.created);
      const markdown = (await exportCycle(connection, { cycle: '2025-Q1', format: 'markdown' }))
        .content;
      expect(markdown).toContain('# 2025-Q1 — Northwind Traders, Ltd.');
      expect(markdown).toContain('## Company objectives');
      expect(markdown).toContain('### Team: Sales, EMEA');
      expect(markdown).toContain(
        '| Reach 50 paying customers, up from 10 | increase | 10 → 22 / 50 customers | 30%',
      );
      expect(markdown).toContain('target not set yet (baseline first)');
      expect(markdown).toContain('Private (readers: ');
    });

    it('imports a second cycle into an existing organisation, reusing people and teams', async () => {
      const { connection } = await fresh();
      await importCycle(connection, formatCycleJson(buildCycleFile().file), { format: 'json' });
      const next = buildCycleFile();
      next.file.cycle = {
        ...next.file.cycle,
        name: '2025-Q2',
        startDate: '2025-04-01',
        endDate: '2025-06-30',
      };
      next.file.people = next.file.people.filter((p) => p.email !== 'ada@northwind.example'); // already a member
      const result = await importCycle(connection, formatCycleJson(next.file), { format: 'json' });
      expect(result.organisation.created).toBe(false);
      expect(result.created).toMatchObject({
        organisations: 0,
        users: 0,
        memberships: 0,
        roles: 0,
        teams: 0,
        teamMembers: 0,
        objectives: 7,
      });
    });

    it('aligns to a parent in an enclosing cycle already in the database, and refuses it when missing', async () => {
      const year = buildCycleFile();
      year.file.cycle = {
        ...year.file.cycle,
        name: '2025',
        startDate: '2025-01-01',
        endDate: '2025-12-31',
      };
      const quarter = buildCycleFile();
      const portal = quarter.file.objectives.find((o) => o.id === quarter.ids.objectives.portal);
      portal?.parents.push(year.ids.objectives.revenue);
      const { connection } = await fresh();
      const error = await importError(connection, formatCycleJson(quarter.file), 'json');
      expect(error.code).toBe('import_invalid');
      expect(error.errors.map((e) => e.message).join('\n')).toContain(
        `parents ${year.ids.objectives.revenue} is neither an objective of this file nor of the new organisation "northwind"`,
      );
      await importCycle(connection, formatCycleJson(year.file), { format: 'json' });
      await importCycle(connection, formatCycleJson(quarter.file), { format: 'json' });
      const exported = JSON.parse(
        (await exportCycle(connection, { cycle: '2025-Q1', format: 'json' })).content,
      ) as CycleFile;
      expect(
        exported.objectives.find((o) => o.id === quarter.ids.objectives.portal)?.parents,
      ).toContain(year.ids.objectives.revenue);
    });

    it('a dry run validates and counts but writes nothing', async () => {
      const { connection } = await fresh();
      const before = await rowCounts(connection);
      const result = await importCycle(connection, formatCycleCsv(buildCycleFile().file), {
        format: 'csv',
        dryRun: true,
      });
      expect(result.dryRun).toBe(true);
      expect(result.created).toMatchObject({
        organisations: 1,
        cycles: 1,
        objectives: 7,
        keyResults: 8,
        comments: 2,
      });
      expect(await rowCounts(connection)).toEqual(before);
    });

    describe('bad input is refused, naming the row, and nothing is written', () => {
      let connection: Connection;
      let base: ReturnType<typeof buildCycleFile>;
      beforeAll(async () => {
        ({ connection } = await fresh());
        base = buildCycleFile();
        await importCycle(connection, formatCycleJson(base.file), { format: 'json' });
      });

      /** A new, valid file (fresh ids, another cycle name) with `change` applied. */
      function variant(
        change: (file: CycleFile, built: ReturnType<typeof buildCycleFile>) => void,
      ) {
        const built = buildCycleFile();
        built.file.cycle = {
          ...built.file.cycle,
          name: '2025-Q2',
          startDate: '2025-04-01',
          endDate: '2025-06-30',
        };
        change(built.file, built);
        const index = (id: string) => built.file.objectives.findIndex((o) => o.id === id);
        return { file: built.file, ids: built.ids, index };
      }

      it('accepts the unchanged variant (the cases below break one thing each)', async () => {
        const { file } = variant(() => undefined);
        const result = await importCycle(connection, formatCycleJson(file), {
          format: 'json',
          dryRun: true,
        });
        expect(result.created.objectives).toBe(7);
      });

      it('broken JSON syntax', async () => {
        const error = await importError(
          connection,
          '{\n  "formatVersion": 1,\n  "organisation": {\n}}}',
          'json',
        );
        expect(error.code).toBe('import_invalid');
        expect(error.errors[0]?.path).toMatch(/^line 4, column \d+$/);
      });

      it('broken CSV syntax', async () => {
        const csv = formatCycleCsv(variant(() => undefined).file);
        const broken = csv.replace('\nperson,', '\nperson,"unclosed,');
        const error = await importError(connection, broken, 'csv');
        expect(error.code).toBe('import_invalid');
        expect(error.message).toContain('not valid CSV');
        expect(error.errors[0]?.path).toMatch(/^line \d+$/);
      });

      it('unknown kinds and directions, every bad row named (JSON paths)', async () => {
        const { file, ids, index } = variant(() => undefined);
        const revenue = index(ids.objectives.revenue);
        const emea = index(ids.objectives.emea);
        const json = JSON.parse(formatCycleJson(file)) as {
          objectives: { keyResults: Record<string, unknown>[] }[];
        };
        (json.objectives[revenue]?.keyResults[1] as Record<string, unknown>).kind = 'bogus';
        (json.objectives[emea]?.keyResults[0] as Record<string, unknown>).direction = 'sideways';
        const error = await importError(connection, JSON.stringify(json), 'json');
        expect(error.code).toBe('import_invalid');
        expect(error.errors).toEqual([
          {
            path: `$.objectives[${revenue}].keyResults[1].kind`,
            message: "kind 'bogus' is not one of number, percentage, currency, milestone",
          },
          {
            path: `$.objectives[${emea}].keyResults[0].direction`,
            message: "direction 'sideways' is not one of increase, decrease, at_least, at_most",
          },
        ]);
      });

      it('an unknown kind in CSV is named by its line and column', async () => {
        const { file, ids } = variant(() => undefined);
        const csv = formatCycleCsv(file);
        const row = `key_result,,${ids.keyResults.churn},`;
        const bad = csv.replace(',percentage,decrease,', ',bogus,decrease,');
        expect(bad).not.toBe(csv);
        const error = await importError(connection, bad, 'csv');
        expect(error.errors).toEqual([
          {
            path: `line ${lineOfRow(csv, row)}`,
            message: "kind 'bogus' is not one of number, percentage, currency, milestone",
          },
        ]);
      });

      it('CSV rows that do not fit: unknown record, orphan key result, misplaced cell', async () => {
        const csv = formatCycleCsv(variant(() => undefined).file);
        const lines = csv.split('\n');
        const width = lines[0]?.split(',').length ?? 0;
        const cells = (values: Record<number, string>) =>
          Array.from({ length: width }, (_, i) => values[i] ?? '').join(',');
        const bad = `${csv}${cells({ 0: 'objectve' })}\n${cells({ 0: 'check_in', 4: uuidv7() })}\n${cells({ 0: 'tag', 3: 'x', 5: 'slug' })}\n`;
        const error = await importError(connection, bad, 'csv');
        const last = csv.split('\n').length - 1;
        expect(error.errors.map((e) => e.path)).toEqual([
          `line ${last + 1}`,
          `line ${last + 2}`,
          `line ${last + 3}`,
          `line ${last + 3}`,
        ]);
        expect(error.errors[0]?.message).toContain("record 'objectve' is not one of");
        expect(error.errors[1]?.message).toMatch(/^key_result '.*' has no key_result row$/);
        expect(error.errors[2]?.message).toBe('column slug does not apply to a tag row');
        expect(error.errors[3]?.message).toBe("objective 'x' has no objective row");
      });

      it('alignment loops', async () => {
        const { file, ids, index } = variant((f, b) => {
          const emea = f.objectives.find((o) => o.id === b.ids.objectives.emea);
          const platform = f.objectives.find((o) => o.id === b.ids.objectives.platform);
          emea?.parents.push(b.ids.objectives.platform);
          platform?.parents.push(b.ids.objectives.emea);
        });
        const error = await importError(connection, formatCycleJson(file), 'json');
        expect(error.code).toBe('import_invalid');
        expect(error.errors).toHaveLength(1);
        const [loop] = error.errors;
        expect(loop?.path).toMatch(
          new RegExp(
            `^\\$\\.objectives\\[(${index(ids.objectives.emea)}|${index(ids.objectives.platform)})\\]\\.parents\\[\\d\\]$`,
          ),
        );
        expect(loop?.message).toContain('closes an alignment loop');
      });

      it('duplicate ids in the file', async () => {
        const { file, index, ids } = variant((f, b) => {
          const revenue = f.objectives.find((o) => o.id === b.ids.objectives.revenue);
          const churn = revenue?.keyResults[1];
          if (churn) churn.id = b.ids.keyResults.customers;
        });
        const error = await importError(connection, formatCycleJson(file), 'json');
        expect(error.errors).toContainEqual({
          path: `$.objectives[${index(ids.objectives.revenue)}].keyResults[1].id`,
          message: `id ${ids.keyResults.customers} is used by another key result`,
        });
      });

      it('unknown owners, teams, objectives and key results', async () => {
        const missingObjective = uuidv7();
        const missingKeyResult = uuidv7();
        const { file, index, ids } = variant((f, b) => {
          const growth = f.objectives.find((o) => o.id === b.ids.objectives.growth);
          if (growth) {
            growth.owner = 'ghost@northwind.example';
            growth.team = 'Nobody';
            growth.parents.push(missingObjective);
          }
          const platform = f.objectives.find((o) => o.id === b.ids.objectives.platform);
          platform?.keyResults[0]?.dependsOn.push({
            id: uuidv7(),
            keyResult: missingKeyResult,
            note: null,
            neededBy: null,
            status: 'open',
            createdAt: '2025-04-02T00:00:00.000Z',
          });
        });
        const error = await importError(connection, formatCycleJson(file), 'json');
        const growth = index(ids.objectives.growth);
        expect(error.errors).toEqual(
          expect.arrayContaining([
            {
              path: `$.objectives[${growth}].owner`,
              message: `owner 'ghost@northwind.example' is neither among the file's people nor a member of organisation "northwind"`,
            },
            {
              path: `$.objectives[${growth}].team`,
              message: `team 'Nobody' is neither among the file's teams nor a team of organisation "northwind"`,
            },
            {
              path: `$.objectives[${growth}].parents[1]`,
              message: `parents ${missingObjective} is neither an objective of this file nor of organisation "northwind" (a parent in another cycle must be imported first)`,
            },
            {
              path: `$.objectives[${index(ids.objectives.platform)}].keyResults[0].dependsOn[1].keyResult`,
              message: `keyResult ${missingKeyResult} is neither a key result of this file nor of organisation "northwind"`,
            },
          ]),
        );
        expect(error.errors).toHaveLength(4);
      });

      it('an owner who is already a member of the organisation need not be among the people', async () => {
        const { file } = variant((f) => {
          f.people = f.people.filter((p) => p.email !== 'ada@northwind.example');
          f.roles = f.roles?.filter((r) => r.email !== 'ada@northwind.example');
          f.teams = f.teams.map((t) => ({
            ...t,
            leads: t.leads.filter((e) => e !== 'ada@northwind.example'),
          }));
        });
        const result = await importCycle(connection, formatCycleJson(file), {
          format: 'json',
          dryRun: true,
        });
        expect(result.created.users).toBe(0);
      });

      it('numbers that are not finite (JSON and CSV)', async () => {
        const { file, index, ids } = variant((f, b) => {
          const customers = f.objectives.find((o) => o.id === b.ids.objectives.revenue)
            ?.keyResults[0];
          if (customers) customers.target = 424242.4242;
        });
        const error = await importError(
          connection,
          formatCycleJson(file).replace('424242.4242', '1e999'),
          'json',
        );
        expect(error.errors).toEqual([
          {
            path: `$.objectives[${index(ids.objectives.revenue)}].keyResults[0].target`,
            message: 'target must be a finite number, not Infinity',
          },
        ]);
        const csv = formatCycleCsv(file);
        const csvError = await importError(
          connection,
          csv.replace(',424242.4242,', ',NaN,'),
          'csv',
        );
        expect(csvError.errors).toEqual([
          {
            path: `line ${lineOfRow(csv, `key_result,,${ids.keyResults.customers},`)}`,
            message: "target must be a number, not 'NaN'",
          },
        ]);
      });

      it('bad dates', async () => {
        const { file, index, ids } = variant((f, b) => {
          f.cycle.endDate = '2025-02-30';
          const revenue = f.objectives.find((o) => o.id === b.ids.objectives.revenue);
          if (revenue) revenue.createdAt = 'yesterday';
        });
        const error = await importError(connection, formatCycleJson(file), 'json');
        expect(error.errors).toEqual([
          { path: '$.cycle.endDate', message: "endDate '2025-02-30' is not a date (YYYY-MM-DD)" },
          {
            path: `$.objectives[${index(ids.objectives.revenue)}].createdAt`,
            message: "createdAt 'yesterday' is not a UTC timestamp (YYYY-MM-DDTHH:MM:SS.sssZ)",
          },
        ]);
        const reversed = variant((f) => {
          f.cycle.endDate = '2025-03-31';
        });
        const reversedError = await importError(connection, formatCycleJson(reversed.file), 'json');
        expect(reversedError.errors).toEqual([
          { path: '$.cycle.endDate', message: 'endDate 2025-03-31 is before startDate 2025-04-01' },
        ]);
      });

      it('a cycle name the organisation already has is a conflict', async () => {
        const error = await importError(connection, formatCycleCsv(base.file), 'csv');
        expect(error.code).toBe('conflict');
        expect(error.message).toBe(
          'Organisation "northwind" already has a cycle named "2025-Q1"; nothing was imported.',
        );
      });

      it('ids that already exist in the database', async () => {
        const again = clone(base.file);
        again.cycle.name = 'Renamed';
        const error = await importError(connection, formatCycleJson(again), 'json');
        expect(error.code).toBe('import_invalid');
        expect(error.errors).toContainEqual({
          path: '$.cycle.id',
          message: `id ${again.cycle.id} already exists in the database`,
        });
        expect(error.errors).toContainEqual({
          path: '$.objectives[0].id',
          message: `id ${again.objectives[0]?.id ?? ''} already exists in the database`,
        });
        // 1 cycle + 7 objectives + 8 key results + 2 initiatives + 3 check-ins + 2 dependencies + 2 comments
        expect(error.errors).toHaveLength(25);
      });

      it('shape problems: unknown fields, wrong types, a wrong format version', async () => {
        const json = JSON.parse(formatCycleJson(variant(() => undefined).file)) as Record<
          string,
          unknown
        >;
        json.formatVersion = 2;
        (json.organisation as Record<string, unknown>).colour = 'blue';
        (json.people as Record<string, unknown>[])[0] = { email: 'not-an-email', name: 7 };
        const error = await importError(connection, JSON.stringify(json), 'json');
        expect(error.errors).toEqual([
          { path: '$.formatVersion', message: 'formatVersion must be 1, not 2' },
          { path: '$.organisation', message: "organisation has unknown field 'colour'" },
          { path: '$.people[0].email', message: "email 'not-an-email' must be an e-mail address" },
          { path: '$.people[0].name', message: 'name must be a string, not 7' },
        ]);
      });
    });
  });
}

describe('JSON and CSV carry the same document', () => {
  it('JSON → CSV → JSON gives the same bytes', () => {
    // Parsing puts the keys in schema order, as an export writes them.
    const fromJson = parseCycleFile(formatCycleJson(canonical(buildCycleFile().file)), 'json').file;
    const json = formatCycleJson(fromJson);
    const csv = formatCycleCsv(fromJson);
    const fromCsv = parseCycleFile(csv, 'csv').file;
    expect(formatCycleJson(fromCsv)).toBe(json);
    expect(formatCycleCsv(fromCsv)).toBe(csv);
  });

  it('CSV keeps null and empty strings apart and escapes formulas but not negative numbers', () => {
    const csv = formatCycleCsv(buildCycleFile().file);
    expect(csv).toContain(',"",'); // an empty rationale, unit, note or body
    expect(csv).toContain("'=SUM(A1:A2) is a title, not a formula");
    expect(csv).toContain("''=already escaped");
    expect(csv).toContain(",'quoted,");
    expect(csv).toContain("'-Reduce incidents");
    expect(csv).toContain(',-120000,-50000,-80000.5,');
    expect(csv).not.toMatch(/(^|,)[=+@]/m);
  });
});

describe('the okr command', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okrw-cli-'));
    db = path.join(dir, 'okr.db');
    fs.writeFileSync(path.join(dir, 'cycle.json'), formatCycleJson(buildCycleFile().file));
    const imported = await runOkr(['import', path.join(dir, 'cycle.json'), '--db', db]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(
      'Imported cycle "2025-Q1" into organisation northwind (new). Created:',
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exports to stdout, and to a file in a new folder', async () => {
    const json = await runOkr(['export', '--cycle', '2025-Q1', '--db', db]);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as CycleFile).cycle.name).toBe('2025-Q1');

    const out = path.join(dir, 'reports', 'q1', 'report.md');
    const markdown = await runOkr([
      'export',
      '--cycle',
      '2025-Q1',
      '--org',
      'northwind',
      '--out',
      out,
      '--db',
      db,
    ]);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toBe('');
    expect(markdown.stderr).toContain(`as markdown to ${out}`);
    expect(fs.readFileSync(out, 'utf8')).toContain('# 2025-Q1 — Northwind Traders, Ltd.');

    const missing = await runOkr(['export', '--cycle', '1999-Q9', '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'okr: Organisation "northwind" has no cycle named or with id "1999-Q9". Cycles: 2025-Q1.\n',
    );
  });

  it('refuses a bad CSV file, naming the line, and writes nothing', async () => {
    const built = buildCycleFile();
    built.file.cycle.name = '2025-Q2';
    const csv = formatCycleCsv(built.file).replace(',milestone,increase,', ',bogus,increase,');
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, csv);
    const line = lineOfRow(csv, `key_result,,${built.ids.keyResults.launch},`);
    const result = await runOkr(['import', file, '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `okr: The cycle file has 1 problem; nothing was imported.\n  - line ${line}: kind 'bogus' is not one of number, percentage, currency, milestone\n`,
    );
    const dryRun = await runOkr([
      'import',
      file.replace('bad.csv', 'cycle.json'),
      '--dry-run',
      '--db',
      db,
    ]);
    expect(dryRun.code).toBe(1);
    expect(dryRun.stderr).toContain('already has a cycle named "2025-Q1"');
  });

  it('a dry run with --json prints the counts and writes nothing', async () => {
    const built = buildCycleFile();
    built.file.cycle.name = '2025-Q3';
    const file = path.join(dir, 'q3.csv');
    fs.writeFileSync(file, formatCycleCsv(built.file));
    const result = await runOkr(['import', file, '--dry-run', '--json', '--db', db]);
    expect(result.code).toBe(0);
    const outcome = JSON.parse(result.stdout) as {
      dryRun: boolean;
      created: Record<string, number>;
    };
    expect(outcome.dryRun).toBe(true);
    expect(outcome.created.objectives).toBe(7);
    const exported = await runOkr(['export', '--cycle', '2025-Q3', '--db', db]);
    expect(exported.code).toBe(1);
  });
});
