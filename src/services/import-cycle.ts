/**
 * Importing a whole cycle from a cycle file (JSON or CSV): validate everything, then write
 * everything in one transaction, or nothing. Validation runs in stages, each reporting every
 * problem it finds: the file's syntax, then its shape (fields, types, enums, numbers, dates),
 * then its own references and rules, together with what the database says (people and teams
 * that must exist, ids that must not).
 */
import { AppError } from '../contracts/app-error.ts';
import {
  cycleFileSchema,
  type CycleFile,
  type CycleImportCounts,
  type ImportableFormat,
} from '../contracts/cycle-file.ts';
import type { ObjectiveLevel } from '../contracts/model.ts';
import type { Connection } from '../db/connection.ts';
import {
  countImportRows,
  loadImportContext,
  writeCycleImport,
  type ImportContext,
  type ImportedIdTable,
} from '../repositories/cycle-snapshot.ts';
import { normaliseEmail } from '../repositories/rows.ts';
import {
  checkCycleDocument,
  levelProblem,
  type ExternalReferences,
} from './cycle-formats/check-document.ts';
import { readCycleCsv } from './cycle-formats/csv.ts';
import { planImport } from './cycle-formats/import-plan.ts';
import {
  issuesFromZod,
  problems,
  type DocumentIssue,
  type IssueLocator,
  type PathSegment,
} from './cycle-formats/issues.ts';
import { readCycleJson } from './cycle-formats/json.ts';
import { recomputeOrganisation } from './recompute.ts';

/** Imports of at least this many rows show progress. */
export const IMPORT_PROGRESS_FROM_ROWS = 5000;

export interface ImportProgress {
  start(label: string, total: number): void;
  increment(by?: number): void;
  stop(): void;
}

export interface ImportCycleOptions {
  format: ImportableFormat;
  /** Validate and count, write nothing. */
  dryRun?: boolean;
  now?: Date;
  progress?: ImportProgress;
}

export interface ImportCycleResult {
  dryRun: boolean;
  organisation: { slug: string; created: boolean };
  cycle: { id: string; name: string };
  /** What was (or, in a dry run, would be) created. */
  created: CycleImportCounts;
}

function invalid(issues: DocumentIssue[], locator: IssueLocator): AppError {
  const errors = issues.map((issue) => locator.locate(issue));
  const line = (path: string) => Number(/^line (\d+)/.exec(path)?.[1] ?? Number.MAX_SAFE_INTEGER);
  errors.sort((a, b) => line(a.path) - line(b.path));
  return new AppError(
    'import_invalid',
    `The cycle file has ${problems(errors.length)}; nothing was imported.`,
    errors,
  );
}

/**
 * Reads and validates the shape of a cycle file. Broken syntax and every field that does not fit
 * the schema are an `import_invalid` error naming the place (JSON path or CSV line).
 */
export function parseCycleFile(
  content: string,
  format: ImportableFormat,
): { file: CycleFile; locator: IssueLocator } {
  const { document, locator } = format === 'json' ? readCycleJson(content) : readCycleCsv(content);
  const parsed = cycleFileSchema.safeParse(document, { reportInput: true });
  if (!parsed.success) throw invalid(issuesFromZod(parsed.error), locator);
  return { file: parsed.data, locator };
}

/**
 * Imports one cycle file into the database: creates the organisation (by slug), users (by
 * e-mail, without a password), memberships, roles, teams (by name) and team members that are
 * missing, then the cycle and everything under it with the file's ids, an audit log entry, and
 * recomputes the organisation's progress. All in one transaction: on any problem nothing is
 * written. Fails with `import_invalid` naming every bad row, or `conflict` when the
 * organisation already has a cycle of that name. With `dryRun`, validates and counts only.
 */
export async function importCycle(
  connection: Connection,
  content: string,
  options: ImportCycleOptions,
): Promise<ImportCycleResult> {
  const { file, locator } = parseCycleFile(content, options.format);
  const check = checkCycleDocument(file);
  const context = await loadImportContext(connection.db, {
    organisationSlug: file.organisation.slug,
    cycleName: file.cycle.name,
    emails: [
      ...new Set([
        ...file.people.map((p) => normaliseEmail(p.email)),
        ...check.external.emails.keys(),
      ]),
    ],
    teamNames: [...new Set([...file.teams.map((t) => t.name), ...check.external.teams.keys()])],
    ids: importedIds(file),
    externalObjectives: [...check.external.objectives.keys()],
    externalKeyResults: [...check.external.keyResults.keys()],
  });
  if (context.cycleNameTaken) {
    throw new AppError(
      'conflict',
      `Organisation "${file.organisation.slug}" already has a cycle named "${file.cycle.name}"; nothing was imported.`,
    );
  }
  const issues = [...check.issues, ...checkAgainstDatabase(file, check.external, context)];
  if (issues.length > 0) throw invalid(issues, locator);

  const now = options.now ?? new Date();
  const plan = planImport(file, context, now);
  if (!options.dryRun) {
    const total = countImportRows(plan.rows);
    const progress = total >= IMPORT_PROGRESS_FROM_ROWS ? options.progress : undefined;
    progress?.start('Importing', total);
    try {
      await writeCycleImport(connection, plan.rows, plan.audit, (count) =>
        progress?.increment(count),
      );
    } catch (error) {
      throw asConflict(error);
    } finally {
      progress?.stop();
    }
    await recomputeOrganisation(connection, plan.orgId, now);
  }
  return {
    dryRun: options.dryRun === true,
    organisation: { slug: file.organisation.slug, created: plan.organisationCreated },
    cycle: { id: file.cycle.id, name: file.cycle.name },
    created: plan.counts,
  };
}

/** A constraint the validation checked, broken by a concurrent write between check and write. */
function asConflict(error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof AppError || !/unique|duplicate key|constraint/i.test(message)) return error;
  return new AppError(
    'conflict',
    `The database changed while the cycle was being imported (${message}); nothing was imported. Try again.`,
  );
}

function importedIds(file: CycleFile): Record<ImportedIdTable, string[]> {
  const keyResults = file.objectives.flatMap((o) => o.keyResults);
  return {
    cycles: [file.cycle.id],
    objectives: file.objectives.map((o) => o.id),
    key_results: keyResults.map((k) => k.id),
    initiatives: keyResults.flatMap((k) => k.initiatives.map((i) => i.id)),
    check_ins: keyResults.flatMap((k) => k.checkIns.map((c) => c.id)),
    dependencies: keyResults.flatMap((k) => k.dependsOn.map((d) => d.id)),
    comments: (file.comments ?? []).map((c) => c.id),
  };
}

const REFERENCE_HINTS = {
  parent: ' (a parent in another cycle must be imported first)',
  contributesTo: '',
  carriedFrom: ' (import the earlier cycle first, or set it to null)',
} as const;

/** What the database says about the file: references that must resolve, ids that must be new. */
function checkAgainstDatabase(
  file: CycleFile,
  external: ExternalReferences,
  context: ImportContext,
): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  const add = (path: PathSegment[], problem: string) => issues.push({ path, problem });
  const slug = file.organisation.slug;
  const organisation = context.organisation
    ? `of organisation "${slug}"`
    : `of the new organisation "${slug}"`;

  for (const [email, paths] of external.emails) {
    if (context.users.get(email)?.member) continue;
    for (const path of paths)
      add(path, `'${email}' is neither among the file's people nor a member ${organisation}`);
  }
  for (const [name, paths] of external.teams) {
    if (context.teams.has(name)) continue;
    for (const path of paths)
      add(path, `'${name}' is neither among the file's teams nor a team ${organisation}`);
  }
  for (const [id, references] of external.objectives) {
    const found = context.objectives.get(id);
    for (const reference of references) {
      if (found === undefined) {
        add(
          reference.path,
          `${id} is neither an objective of this file nor ${organisation}${REFERENCE_HINTS[reference.role]}`,
        );
        continue;
      }
      if (reference.role !== 'parent') continue;
      const problem = levelProblem(reference.childLevel, found.level as ObjectiveLevel);
      if (problem) add(reference.path, `${id} ${problem}`);
      if (found.startDate > file.cycle.startDate || found.endDate < file.cycle.endDate) {
        add(
          reference.path,
          `${id} is in a cycle (${found.startDate} to ${found.endDate}) that does not enclose this cycle ` +
            `(${file.cycle.startDate} to ${file.cycle.endDate})`,
        );
      }
    }
  }
  for (const [id, paths] of external.keyResults) {
    if (context.keyResults.has(id)) continue;
    for (const path of paths)
      add(path, `${id} is neither a key result of this file nor ${organisation}`);
  }

  const exists = (table: ImportedIdTable, id: string, path: PathSegment[]) => {
    if (context.existingIds[table].has(id)) add(path, `${id} already exists in the database`);
  };
  exists('cycles', file.cycle.id, ['cycle', 'id']);
  file.objectives.forEach((o, i) => {
    exists('objectives', o.id, ['objectives', i, 'id']);
    o.keyResults.forEach((k, j) => {
      const at = ['objectives', i, 'keyResults', j];
      exists('key_results', k.id, [...at, 'id']);
      k.initiatives.forEach((x, n) => exists('initiatives', x.id, [...at, 'initiatives', n, 'id']));
      k.checkIns.forEach((x, n) => exists('check_ins', x.id, [...at, 'checkIns', n, 'id']));
      k.dependsOn.forEach((x, n) => exists('dependencies', x.id, [...at, 'dependsOn', n, 'id']));
    });
  });
  (file.comments ?? []).forEach((c, i) => exists('comments', c.id, ['comments', i, 'id']));
  return issues;
}
