import type { Kysely } from 'kysely';

/**
 * Webhooks and data sources.
 *
 * `webhook_endpoints`: URLs an organisation's admins register, with the event types they want
 * (`,check_in.created,status.changed,` — commas around each, so one LIKE finds subscribers) and
 * the signing key (kept in clear: it signs, it is not a password).
 * `webhook_deliveries`: the outbox. One row per event and endpoint, written in the transaction
 * of the change; the delivery worker claims due rows by pushing `next_attempt_at` forward
 * (a lease) and records the outcome (`pending` → `succeeded` or, after the last retry, `failed`).
 * `data_sources`: at most one per key result; `pull` (a URL returning JSON, a JSON Pointer, an
 * optional header with a secret, an interval) or `push` (a token, stored hashed); the state of
 * the last run, the consecutive failures and when it runs (or is retried) next.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('url', text, (c) => c.notNull())
    .addColumn('description', text, (c) => c.notNull())
    .addColumn('events', text, (c) => c.notNull())
    .addColumn('secret', text, (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('webhook_endpoints_org')
    .on('webhook_endpoints')
    .columns(['org_id', 'active'])
    .execute();
  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('endpoint_id', text, (c) =>
      c.notNull().references('webhook_endpoints.id').onDelete('cascade'),
    )
    .addColumn('event_id', text, (c) => c.notNull())
    .addColumn('event_type', text, (c) => c.notNull())
    .addColumn('payload', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', text, (c) => c.notNull())
    .addColumn('last_attempt_at', text)
    .addColumn('response_status', 'integer')
    .addColumn('response_body', text)
    .addColumn('duration_ms', 'integer')
    .addColumn('error', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_due')
    .on('webhook_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_endpoint')
    .on('webhook_deliveries')
    .columns(['endpoint_id', 'id'])
    .execute();
  await db.schema
    .createTable('data_sources')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('key_result_id', text, (c) =>
      c.notNull().unique().references('key_results.id').onDelete('cascade'),
    )
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('url', text)
    .addColumn('pointer', text)
    .addColumn('header_name', text)
    .addColumn('header_secret', text)
    .addColumn('interval_minutes', 'integer')
    .addColumn('token_hash', text)
    .addColumn('created_by', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('last_value', 'double precision')
    .addColumn('last_success_at', text)
    .addColumn('last_attempt_at', text)
    .addColumn('last_error', text)
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_run_at', text)
    .execute();
  await db.schema
    .createIndex('data_sources_due')
    .on('data_sources')
    .columns(['kind', 'next_run_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('data_sources').execute();
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('webhook_endpoints').execute();
}
