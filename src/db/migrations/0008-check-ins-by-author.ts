import type { Kysely } from 'kysely';

/**
 * A person's history lists the check-ins they wrote across every cycle, newest first. Check-ins
 * were indexed by key result only, so finding one person's meant reading every check-in of the
 * organisation; this index answers it from the author's own rows, already in time order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('check_ins_author')
    .on('check_ins')
    .columns(['author_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('check_ins_author').execute();
}
