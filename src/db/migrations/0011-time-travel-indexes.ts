import type { Kysely } from 'kysely';

/**
 * Time travel rewinds the present by the changes made after the instant looked at
 * (domain/time-travel.ts). Both indexes serve "what changed in this organisation after T":
 * - the audit log by (org_id, action, created_at): the changes to objectives and key results
 *   only, without reading every check-in and sign-in the log also holds;
 * - the check-ins by (org_id, created_at, key_result_id): which key results were checked in
 *   after T, read from the index alone (their value as of T then comes from the existing
 *   (key_result_id, created_at) index, one seek each).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('audit_log_org_action_time')
    .on('audit_log')
    .columns(['org_id', 'action', 'created_at'])
    .execute();
  await db.schema
    .createIndex('check_ins_org_time')
    .on('check_ins')
    .columns(['org_id', 'created_at', 'key_result_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('check_ins_org_time').execute();
  await db.schema.dropIndex('audit_log_org_action_time').execute();
}
