import type { Kysely } from 'kysely';

/**
 * KPIs (issue 5, part 4): the health metrics of the organisation, tracked continuously rather
 * than per cycle.
 *
 * - `kpis`: name, unit, description, owner, whether higher or lower is better and the green and
 *   amber thresholds (the status is computed from them by domain/kpi-status.ts, never stored);
 *   archived KPIs stay with their values but leave the lists.
 * - `kpi_values`: the KPI's values over time, append-only like check-ins (value, when it was
 *   measured, a note, who recorded it).
 * - `key_results.kpi_id`: a key result may move a KPI; deleting the KPI unlinks it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  const num = 'double precision';
  await db.schema
    .createTable('kpis')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('unit', text)
    .addColumn('description', text)
    .addColumn('owner_id', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('direction', text, (c) => c.notNull())
    .addColumn('green_threshold', num, (c) => c.notNull())
    .addColumn('amber_threshold', num, (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('kpis_org_name', ['org_id', 'name'])
    .execute();

  await db.schema
    .createTable('kpi_values')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('kpi_id', text, (c) => c.notNull().references('kpis.id').onDelete('cascade'))
    .addColumn('value', num, (c) => c.notNull())
    .addColumn('at', text, (c) => c.notNull())
    .addColumn('note', text)
    .addColumn('recorded_by', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('kpi_values_kpi_at')
    .on('kpi_values')
    .columns(['kpi_id', 'at'])
    .execute();

  await db.schema
    .alterTable('key_results')
    .addColumn('kpi_id', text, (c) => c.references('kpis.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('key_results_kpi').on('key_results').column('kpi_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('key_results_kpi').execute();
  await db.schema.alterTable('key_results').dropColumn('kpi_id').execute();
  await db.schema.dropTable('kpi_values').execute();
  await db.schema.dropTable('kpis').execute();
}
