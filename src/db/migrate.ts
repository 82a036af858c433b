/**
 * Versioned migrations, applied by `okr migrate` and at every start. The list is static so the
 * application knows exactly which schema versions it understands; a database that has applied
 * a migration this build does not know comes from a newer OKR Wizard and is refused.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { AppError } from '../contracts/app-error.ts';
import * as initial from './migrations/0001-initial.ts';
import * as accounts from './migrations/0002-accounts.ts';
import * as objectivesByOrgAndId from './migrations/0003-objectives-by-org-and-id.ts';
import * as strategicThemes from './migrations/0004-strategic-themes.ts';
import * as contributionsIndex from './migrations/0005-contributions-index.ts';
import * as objectiveApprovals from './migrations/0006-objective-approvals.ts';
import * as teamReviews from './migrations/0007-team-reviews.ts';
import * as checkInsByAuthor from './migrations/0008-check-ins-by-author.ts';
import * as collaborationRequests from './migrations/0009-collaboration-requests.ts';
import * as knowledgeNotesAndGrading from './migrations/0010-knowledge-notes-and-grading.ts';
import * as timeTravelIndexes from './migrations/0011-time-travel-indexes.ts';
import * as notifications from './migrations/0012-notifications.ts';
import * as kpis from './migrations/0013-kpis.ts';
import * as announcementsAndQuestions from './migrations/0014-announcements-and-questions.ts';
import * as cadenceAndJobs from './migrations/0015-cadence-and-jobs.ts';
import * as cycleCarryOver from './migrations/0016-cycle-carry-over.ts';
import * as playbook from './migrations/0017-playbook.ts';
import * as webhooksAndDataSources from './migrations/0018-webhooks-and-data-sources.ts';
import * as importMappings from './migrations/0019-import-mappings.ts';
import * as liveUpdates from './migrations/0020-live-updates.ts';
import * as singleSignOn from './migrations/0021-single-sign-on.ts';
import type { Database } from './schema.ts';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-accounts': accounts,
  '0003-objectives-by-org-and-id': objectivesByOrgAndId,
  '0004-strategic-themes': strategicThemes,
  '0005-contributions-index': contributionsIndex,
  '0006-objective-approvals': objectiveApprovals,
  '0007-team-reviews': teamReviews,
  '0008-check-ins-by-author': checkInsByAuthor,
  '0009-collaboration-requests': collaborationRequests,
  '0010-knowledge-notes-and-grading': knowledgeNotesAndGrading,
  '0011-time-travel-indexes': timeTravelIndexes,
  '0012-notifications': notifications,
  '0013-kpis': kpis,
  '0014-announcements-and-questions': announcementsAndQuestions,
  '0015-cadence-and-jobs': cadenceAndJobs,
  '0016-cycle-carry-over': cycleCarryOver,
  '0017-playbook': playbook,
  '0018-webhooks-and-data-sources': webhooksAndDataSources,
  '0019-import-mappings': importMappings,
  '0020-live-updates': liveUpdates,
  '0021-single-sign-on': singleSignOn,
};

const MIGRATION_TABLE = 'okr_migration';
const MIGRATION_LOCK_TABLE = 'okr_migration_lock';

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...MIGRATIONS }),
};

export interface MigrationOutcome {
  applied: string[];
  current: string | null;
}

async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  if (!tables.some((t) => t.name === MIGRATION_TABLE)) return [];
  const { rows } = await sql<{ name: string }>`SELECT name FROM ${sql.table(MIGRATION_TABLE)} ORDER BY name`.execute(db);
  return rows.map((r) => r.name);
}

/** Refuses a database whose schema is newer than this build understands. */
export async function assertSchemaKnown(db: Kysely<Database>): Promise<void> {
  const unknown = (await appliedMigrations(db)).filter((name) => !(name in MIGRATIONS));
  if (unknown.length > 0) {
    throw new AppError(
      'schema_too_new',
      `This database was migrated by a newer OKR Wizard (unknown schema version ${unknown.join(', ')}). ` +
        'Upgrade OKR Wizard to use it; nothing was changed.',
    );
  }
}

/** Applies every pending migration, each in its own transaction. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationOutcome> {
  await assertSchemaKnown(db);
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new AppError('conflict', `Migration failed: ${reason}`);
  }
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  const all = await appliedMigrations(db);
  return { applied, current: all.at(-1) ?? null };
}

/** Names of the migrations this build ships, oldest first. */
export function knownMigrations(): string[] {
  return Object.keys(MIGRATIONS).sort();
}
