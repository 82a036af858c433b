/**
 * The proof of the plain-text formats: `okr demo`, export every cycle, import into a
 * fresh database, export again → identical files; through JSON and through CSV.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/db/connection.ts';
import { loadDemoOrganisation } from '../../src/services/demo-organisation.ts';
import { exportCycle } from '../../src/services/export-cycle.ts';
import { importCycle } from '../../src/services/import-cycle.ts';
import { createTestDatabase, dialectsUnderTest, openTestConnection, type TestDatabase } from '../support/databases.ts';

const NOW = new Date('2026-11-20T10:00:00.000Z');

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`the demo organisation round-trips on ${dialect}`, () => {
    const opened: { database: TestDatabase; connection: Connection }[] = [];
    const fresh = async () => {
      const database = await createTestDatabase(dialect);
      const connection = await openTestConnection(database);
      opened.push({ database, connection });
      return connection;
    };
    let source: Connection;
    let cycles: string[];

    beforeAll(async () => {
      source = await fresh();
      const demo = await loadDemoOrganisation(source, { now: NOW });
      // The closed cycle first: the active one carries objectives over from it.
      cycles = demo.cycles.map((c) => c.name).sort();
      expect(cycles.length).toBe(2);
    });
    afterAll(async () => {
      for (const { connection, database } of opened) {
        await connection.close();
        await database.drop();
      }
    });

    it.each(['json', 'csv'] as const)('through %s, byte for byte', async (format) => {
      const first = [];
      for (const cycle of cycles) first.push((await exportCycle(source, { organisation: 'acme', cycle, format })).content);
      const target = await fresh();
      for (const content of first) await importCycle(target, content, { format, now: NOW });
      const second = [];
      for (const cycle of cycles) second.push((await exportCycle(target, { organisation: 'acme', cycle, format })).content);
      expect(second).toEqual(first);
      expect(first[1]?.length ?? 0).toBeGreaterThan(10_000);
    });

    it('keeps stored progress equal after the import', async () => {
      const target = await fresh();
      for (const cycle of cycles) {
        await importCycle(target, (await exportCycle(source, { organisation: 'acme', cycle, format: 'json' })).content, {
          format: 'json',
          now: NOW,
        });
      }
      const progress = async (c: Connection) =>
        (await c.db.selectFrom('objectives').select(['id', 'progress']).orderBy('id').execute()).map((o) => [o.id, o.progress]);
      expect(await progress(target)).toEqual(await progress(source));
    });
  });
}
