/**
 * What must hold in the database after any number of kills, checked with the server down:
 * every acknowledged write is there, nothing is half-written, SQLite's own checks pass, and
 * stored progress equals a recomputation from the stored values. Returns the problems found
 * (none: empty), so that a failure lists all of them at once.
 */
import type { Connection } from '../../../src/db/connection.ts';
import {
  computeOrganisationProgress,
  type OrganisationProgress,
} from '../../../src/domain/organisation-progress.ts';
import { loadProgressInputs, type StoredProgress } from '../../../src/repositories/progress.ts';
import type { Ledger } from './crash-workload.ts';
import type { CrashWorld } from './crash-world.ts';

type State = Record<string, unknown>;

const sameTags = (a: readonly string[], b: readonly string[]) =>
  JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

/** The problems found in the database after a kill; empty when everything holds. */
export async function crashProblems(
  c: Connection,
  world: CrashWorld,
  ledger: Ledger,
  now: Date,
): Promise<string[]> {
  const problems: string[] = [];
  const orgId = world.orgId;

  if (c.sqlite) {
    const integrity = c.sqlite.pragma('integrity_check') as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok')
      problems.push(`integrity_check: ${JSON.stringify(integrity)}`);
    const foreignKeys = c.sqlite.pragma('foreign_key_check') as unknown[];
    if (foreignKeys.length > 0)
      problems.push(`foreign_key_check: ${JSON.stringify(foreignKeys.slice(0, 5))}`);
  }

  const [checkIns, keyResults, objectives, tagRows, audit] = await Promise.all([
    c.db.selectFrom('check_ins').selectAll().where('org_id', '=', orgId).execute(),
    c.db.selectFrom('key_results').selectAll().where('org_id', '=', orgId).execute(),
    c.db.selectFrom('objectives').selectAll().where('org_id', '=', orgId).execute(),
    c.db
      .selectFrom('objective_tags')
      .select(['objective_id', 'tag'])
      .where('org_id', '=', orgId)
      .execute(),
    c.db
      .selectFrom('audit_log')
      .select(['action', 'object_id', 'after_json'])
      .where('org_id', '=', orgId)
      .where('action', 'in', ['key_result.checked_in', 'key_result.updated', 'objective.updated'])
      .execute(),
  ]);
  const auditAfter = audit.map((a) => ({
    action: a.action,
    objectId: a.object_id,
    after: JSON.parse(a.after_json ?? 'null') as State,
  }));
  // Edits by action, object and title (every title written is unique).
  const editsByTitle = new Map<string, State[]>();
  const editKey = (action: string, objectId: string, title: unknown) =>
    `${action}|${objectId}|${String(title)}`;
  for (const a of auditAfter) {
    if (a.action === 'key_result.checked_in' || !a.objectId) continue;
    const key = editKey(a.action, a.objectId, a.after.title);
    editsByTitle.set(key, [...(editsByTitle.get(key) ?? []), a.after]);
  }
  const mutations = new Map<string, number>();
  for (const a of auditAfter)
    if (a.objectId) mutations.set(a.objectId, (mutations.get(a.objectId) ?? 0) + 1);
  const tags = new Map<string, string[]>();
  for (const t of tagRows) tags.set(t.objective_id, [...(tags.get(t.objective_id) ?? []), t.tag]);

  // Acknowledged check-ins are stored as acknowledged.
  const checkInById = new Map(checkIns.map((row) => [row.id, row]));
  for (const acked of ledger.checkIns) {
    const row = checkInById.get(acked.id);
    const stored = row && {
      keyResultId: row.key_result_id,
      value: row.value,
      confidence: row.confidence,
      createdAt: row.created_at,
    };
    const expected = {
      keyResultId: acked.keyResultId,
      value: acked.value,
      confidence: acked.confidence,
      createdAt: acked.createdAt,
    };
    if (JSON.stringify(stored) !== JSON.stringify(expected))
      problems.push(
        `acknowledged check-in ${acked.id}: stored ${JSON.stringify(stored)}, acknowledged ${JSON.stringify(expected)}`,
      );
  }

  // Every stored check-in has exactly one audit row, and every audited check-in is stored.
  const audited = new Map<string, State[]>();
  for (const a of auditAfter.filter((x) => x.action === 'key_result.checked_in')) {
    const id = String(a.after.checkInId);
    audited.set(id, [...(audited.get(id) ?? []), a.after]);
    if (!checkInById.has(id)) problems.push(`audit row of check-in ${id} without the check-in`);
  }
  for (const row of checkIns) {
    const rows = audited.get(row.id) ?? [];
    if (rows.length !== 1 || rows[0]?.value !== row.value)
      problems.push(`check-in ${row.id} has ${rows.length} audit rows: ${JSON.stringify(rows)}`);
  }

  // Key results: current value from their latest check-in, one version per audited change, and
  // title, target and unit all from one edit.
  const latest = new Map<string, (typeof checkIns)[number]>();
  for (const row of checkIns) {
    const best = latest.get(row.key_result_id);
    if (
      !best ||
      row.created_at > best.created_at ||
      (row.created_at === best.created_at && row.id > best.id)
    )
      latest.set(row.key_result_id, row);
  }
  for (const kr of keyResults) {
    const initial = world.initialKeyResults.get(kr.id);
    if (!initial) {
      problems.push(`key result ${kr.id} was never built`);
      continue;
    }
    const last = latest.get(kr.id);
    const current = { value: kr.current_value, confidence: kr.confidence, at: kr.last_check_in_at };
    const expected = last
      ? { value: last.value, confidence: last.confidence, at: last.created_at }
      : { value: kr.start_value, confidence: null, at: null };
    if (JSON.stringify(current) !== JSON.stringify(expected))
      problems.push(
        `key result ${kr.id} current ${JSON.stringify(current)}, latest check-in ${JSON.stringify(expected)}`,
      );
    if (kr.version !== 1 + (mutations.get(kr.id) ?? 0))
      problems.push(
        `key result ${kr.id} at version ${kr.version} after ${mutations.get(kr.id) ?? 0} audited changes`,
      );
    const stored = { title: kr.title, target: kr.target_value, unit: kr.unit };
    const edits = editsByTitle.get(editKey('key_result.updated', kr.id, kr.title)) ?? [];
    const source =
      kr.title === initial.title
        ? [{ title: initial.title, target: initial.target, unit: initial.unit }]
        : edits.map((e) => ({ title: e.title, target: e.target, unit: e.unit }));
    if (source.length !== 1 || JSON.stringify(source[0]) !== JSON.stringify(stored))
      problems.push(
        `key result ${kr.id} stored ${JSON.stringify(stored)}, written by ${JSON.stringify(source)}`,
      );
  }

  // Objectives: one version per audited edit; title, rationale and tags all from one edit.
  for (const objective of objectives) {
    const initial = world.initialObjectives.get(objective.id);
    if (!initial) {
      problems.push(`objective ${objective.id} was never built`);
      continue;
    }
    if (objective.version !== 1 + (mutations.get(objective.id) ?? 0))
      problems.push(
        `objective ${objective.id} at version ${objective.version} after ${mutations.get(objective.id) ?? 0} audited edits`,
      );
    const stored = {
      title: objective.title,
      rationale: objective.rationale,
      tags: [...(tags.get(objective.id) ?? [])].sort(),
    };
    const edits =
      editsByTitle.get(editKey('objective.updated', objective.id, objective.title)) ?? [];
    const source =
      objective.title === initial.title
        ? [initial]
        : edits.map((e) => ({
            title: e.title,
            rationale: e.rationale,
            tags: [...(e.tags as string[])].sort(),
          }));
    if (source.length !== 1 || JSON.stringify(source[0]) !== JSON.stringify(stored))
      problems.push(
        `objective ${objective.id} stored ${JSON.stringify(stored)}, written by ${JSON.stringify(source)}`,
      );
  }

  // Acknowledged edits are in the audit log as acknowledged, and stay unless a later change came.
  const krById = new Map(keyResults.map((kr) => [kr.id, kr]));
  for (const acked of ledger.keyResultEdits) {
    const logged = (
      editsByTitle.get(editKey('key_result.updated', acked.keyResultId, acked.title)) ?? []
    ).some((after) => after.target === acked.target && after.unit === acked.unit);
    const kr = krById.get(acked.keyResultId);
    const kept =
      kr !== undefined &&
      (kr.version > acked.version ||
        (kr.version === acked.version &&
          kr.title === acked.title &&
          kr.target_value === acked.target &&
          kr.unit === acked.unit));
    if (!logged || !kept)
      problems.push(
        `acknowledged key result edit ${JSON.stringify(acked)}: audited ${logged}, stored ${JSON.stringify(kr && { version: kr.version, title: kr.title })}`,
      );
  }
  const objectiveById = new Map(objectives.map((o) => [o.id, o]));
  for (const acked of ledger.objectiveEdits) {
    const logged = (
      editsByTitle.get(editKey('objective.updated', acked.objectiveId, acked.title)) ?? []
    ).some(
      (after) =>
        after.rationale === acked.rationale && sameTags(after.tags as string[], acked.tags),
    );
    const o = objectiveById.get(acked.objectiveId);
    const kept =
      o !== undefined &&
      (o.version > acked.version ||
        (o.version === acked.version &&
          o.title === acked.title &&
          o.rationale === acked.rationale &&
          sameTags(tags.get(o.id) ?? [], acked.tags)));
    if (!logged || !kept)
      problems.push(
        `acknowledged objective edit ${JSON.stringify(acked)}: audited ${logged}, stored ${JSON.stringify(o && { version: o.version, title: o.title })}`,
      );
  }

  problems.push(...(await progressProblems(c, world.loadedAt, now)));
  return problems;
}

/**
 * Stored progress of every organisation equals a full recomputation from the stored values.
 * Health also moves with the clock (expected progress), and each row's was computed when it was
 * last written: it must equal the health computed at the load or now.
 */
export async function progressProblems(
  c: Connection,
  loadedAt: Date,
  now: Date,
): Promise<string[]> {
  const problems: string[] = [];
  const organisations = await c.db.selectFrom('organisations').select(['id', 'slug']).execute();
  for (const organisation of organisations) {
    const rows = await loadProgressInputs(c, organisation.id);
    const atLoad = computeOrganisationProgress(rows.input, loadedAt);
    const atNow = computeOrganisationProgress(rows.input, now);
    const compare = (kind: 'keyResults' | 'objectives', stored: StoredProgress[]) => {
      for (const s of stored) {
        const pick = (p: OrganisationProgress) => p[kind].get(s.id);
        const [then, later] = [pick(atLoad), pick(atNow)];
        if (
          !then ||
          !later ||
          then.progress !== s.progress ||
          (s.health !== then.health && s.health !== later.health)
        ) {
          problems.push(
            `${organisation.slug} ${kind} ${s.id}: stored ${JSON.stringify(s)}, recomputed ${JSON.stringify(later)}`,
          );
        }
      }
    };
    compare('keyResults', rows.storedKeyResults);
    compare('objectives', rows.storedObjectives);
  }
  return problems;
}
