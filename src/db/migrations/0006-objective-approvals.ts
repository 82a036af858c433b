import type { Kysely } from 'kysely';

/**
 * Approval of members' objectives (issue 6, Team Lead part 2). When the organisation's
 * `approvalRequired` setting is on, an individual objective a member creates for themselves
 * stays a draft until a lead of one of the member's teams approves it, or returns it with a
 * comment. One row per objective that went through approval: its state (`pending`, `returned`,
 * `approved`), the lead's last comment and who reviewed it when. Kept apart from `objectives`
 * so the hot objective rows, exports and bulk loads stay as they are; it goes with its objective.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('objective_approvals')
    .addColumn('objective_id', text, (c) =>
      c.primaryKey().references('objectives.id').onDelete('cascade'),
    )
    .addColumn('org_id', text, (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('state', text, (c) => c.notNull())
    .addColumn('comment', text)
    .addColumn('submitted_at', text, (c) => c.notNull())
    .addColumn('reviewer_id', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reviewed_at', text)
    .execute();
  // The lead's queue: what is pending in the organisation.
  await db.schema
    .createIndex('objective_approvals_state')
    .on('objective_approvals')
    .columns(['org_id', 'state'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('objective_approvals').execute();
}
