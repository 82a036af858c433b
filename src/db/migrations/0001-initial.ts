import type { Kysely } from 'kysely';

/**
 * The initial schema. Column types are chosen to behave the same on SQLite and PostgreSQL
 * (see src/db/schema.ts). Children of an organisation cascade with it; check-ins are never
 * updated, only appended.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  const num = 'double precision';

  await db.schema
    .createTable('organisations')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('slug', text, (c) => c.notNull().unique())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('mission', text)
    .addColumn('vision', text)
    .addColumn('settings', text, (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('email', text, (c) => c.notNull().unique())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('password_hash', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('org_id', text, (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('memberships_pk', ['org_id', 'user_id'])
    .execute();
  await db.schema.createIndex('memberships_user').on('memberships').column('user_id').execute();

  await db.schema
    .createTable('member_roles')
    .addColumn('org_id', text, (c) => c.notNull())
    .addColumn('user_id', text, (c) => c.notNull())
    .addColumn('role', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('member_roles_pk', ['org_id', 'user_id', 'role'])
    .addForeignKeyConstraint(
      'member_roles_membership',
      ['org_id', 'user_id'],
      'memberships',
      ['org_id', 'user_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('teams')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('parent_id', text, (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('teams_org_name', ['org_id', 'name'])
    .execute();
  await db.schema.createIndex('teams_parent').on('teams').column('parent_id').execute();

  await db.schema
    .createTable('team_members')
    .addColumn('org_id', text, (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('team_id', text, (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('is_lead', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
    .execute();
  await db.schema.createIndex('team_members_user').on('team_members').column('user_id').execute();

  await db.schema
    .createTable('cycles')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('start_date', text, (c) => c.notNull())
    .addColumn('end_date', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('cycles_org_name', ['org_id', 'name'])
    .execute();

  await db.schema
    .createTable('objectives')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('cycle_id', text, (c) => c.notNull().references('cycles.id').onDelete('cascade'))
    .addColumn('level', text, (c) => c.notNull())
    .addColumn('title', text, (c) => c.notNull())
    .addColumn('rationale', text)
    .addColumn('owner_id', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('team_id', text, (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('visibility', text, (c) => c.notNull().defaultTo('public'))
    .addColumn('status', text, (c) => c.notNull().defaultTo('active'))
    .addColumn('include_children', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress', num, (c) => c.notNull().defaultTo(0))
    .addColumn('health', text)
    .addColumn('score', num)
    .addColumn('carried_from_id', text, (c) => c.references('objectives.id').onDelete('set null'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('objectives_cycle').on('objectives').columns(['cycle_id', 'level']).execute();
  await db.schema.createIndex('objectives_org').on('objectives').column('org_id').execute();
  await db.schema.createIndex('objectives_owner').on('objectives').column('owner_id').execute();
  await db.schema.createIndex('objectives_team').on('objectives').column('team_id').execute();

  for (const [table, column, target] of [
    ['objective_readers', 'user_id', 'users.id'],
    ['objective_teams', 'team_id', 'teams.id'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('org_id', text, (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('objective_id', text, (c) => c.notNull().references('objectives.id').onDelete('cascade'))
      .addColumn(column, text, (c) => c.notNull().references(target).onDelete('cascade'))
      .addPrimaryKeyConstraint(`${table}_pk`, ['objective_id', column])
      .execute();
    await db.schema.createIndex(`${table}_${column}`).on(table).column(column).execute();
  }

  await db.schema
    .createTable('objective_tags')
    .addColumn('org_id', text, (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('objective_id', text, (c) => c.notNull().references('objectives.id').onDelete('cascade'))
    .addColumn('tag', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('objective_tags_pk', ['objective_id', 'tag'])
    .execute();
  await db.schema.createIndex('objective_tags_tag').on('objective_tags').columns(['org_id', 'tag']).execute();

  // The alignment DAG. Both directions are indexed: descendant walks start from parent_id,
  // ancestor walks from child_id (the primary key).
  await db.schema
    .createTable('alignments')
    .addColumn('org_id', text, (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('child_id', text, (c) => c.notNull().references('objectives.id').onDelete('cascade'))
    .addColumn('parent_id', text, (c) => c.notNull().references('objectives.id').onDelete('cascade'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('alignments_pk', ['child_id', 'parent_id'])
    .execute();
  await db.schema.createIndex('alignments_parent').on('alignments').columns(['parent_id', 'child_id']).execute();

  await db.schema
    .createTable('key_results')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('objective_id', text, (c) => c.notNull().references('objectives.id').onDelete('cascade'))
    .addColumn('title', text, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('direction', text, (c) => c.notNull())
    .addColumn('currency', text)
    .addColumn('start_value', num, (c) => c.notNull())
    .addColumn('target_value', num)
    .addColumn('current_value', num, (c) => c.notNull())
    .addColumn('unit', text)
    .addColumn('weight', num, (c) => c.notNull().defaultTo(1))
    .addColumn('owner_id', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('contributes_to_id', text, (c) => c.references('objectives.id').onDelete('set null'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress', num, (c) => c.notNull().defaultTo(0))
    .addColumn('health', text)
    .addColumn('confidence', num)
    .addColumn('score', num)
    .addColumn('last_check_in_at', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('key_results_objective').on('key_results').columns(['objective_id', 'position']).execute();
  await db.schema.createIndex('key_results_owner').on('key_results').column('owner_id').execute();
  await db.schema.createIndex('key_results_contributes').on('key_results').column('contributes_to_id').execute();

  await db.schema
    .createTable('initiatives')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('key_result_id', text, (c) => c.notNull().references('key_results.id').onDelete('cascade'))
    .addColumn('title', text, (c) => c.notNull())
    .addColumn('owner_id', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('due_date', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('initiatives_key_result').on('initiatives').column('key_result_id').execute();

  await db.schema
    .createTable('check_ins')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('key_result_id', text, (c) => c.notNull().references('key_results.id').onDelete('cascade'))
    .addColumn('value', num, (c) => c.notNull())
    .addColumn('confidence', num)
    .addColumn('note', text)
    .addColumn('author_id', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('source', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('check_ins_key_result').on('check_ins').columns(['key_result_id', 'created_at']).execute();

  await db.schema
    .createTable('dependencies')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('key_result_id', text, (c) => c.notNull().references('key_results.id').onDelete('cascade'))
    .addColumn('depends_on_id', text, (c) => c.notNull().references('key_results.id').onDelete('cascade'))
    .addColumn('note', text)
    .addColumn('needed_by', text)
    .addColumn('status', text, (c) => c.notNull().defaultTo('open'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('dependencies_pair', ['key_result_id', 'depends_on_id'])
    .execute();
  await db.schema.createIndex('dependencies_depends_on').on('dependencies').column('depends_on_id').execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text, (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('objective_id', text, (c) => c.references('objectives.id').onDelete('cascade'))
    .addColumn('key_result_id', text, (c) => c.references('key_results.id').onDelete('cascade'))
    .addColumn('author_id', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('comments_objective').on('comments').columns(['objective_id', 'created_at']).execute();
  await db.schema.createIndex('comments_key_result').on('comments').columns(['key_result_id', 'created_at']).execute();

  // The audit log deliberately has no foreign keys: it must outlive what it describes.
  await db.schema
    .createTable('audit_log')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_id', text)
    .addColumn('actor_id', text)
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('object_type', text, (c) => c.notNull())
    .addColumn('object_id', text)
    .addColumn('before_json', text)
    .addColumn('after_json', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_org_time').on('audit_log').columns(['org_id', 'created_at']).execute();
  await db.schema.createIndex('audit_log_object').on('audit_log').columns(['object_id', 'created_at']).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('The initial migration cannot be reverted; restore a backup instead.'));
}
