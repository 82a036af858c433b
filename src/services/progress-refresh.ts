/**
 * Keeping stored progress current after a change: the changed objectives and every ancestor
 * they roll up into are recomputed with the same rules as a full recompute; siblings outside
 * that path keep their stored values. Runs inside the caller's transaction — at once
 * ({@link refreshProgress}) or once for everything the transaction changed, just before it
 * commits ({@link refreshProgressAtCommit}).
 */
import { commitWork, type CommitWork } from '../db/commit-work.ts';
import { computeOrganisationProgress } from '../domain/organisation-progress.ts';
import { loadRefreshInputs, saveProgressIn } from '../repositories/progress.ts';
import type { Db } from './context.ts';
import { changedProgress } from './recompute.ts';
import { emitStatusChanges, type HealthChange } from './webhooks/status-events.ts';

export type ProgressAndHealth = { progress: number; health: string | null };

/** What refreshed objectives and their own key results now have, by id. */
export interface RefreshedProgress {
  objectives: Map<string, ProgressAndHealth>;
  keyResults: Map<string, ProgressAndHealth>;
}

/**
 * Recomputes progress and health of these objectives, their key results and their ancestors.
 * Returns the progress and health each of those objectives (and their key results) now has.
 */
export async function refreshProgress(
  db: Db,
  orgId: string,
  objectiveIds: string[],
  now: Date,
): Promise<RefreshedProgress> {
  const result: RefreshedProgress = { objectives: new Map(), keyResults: new Map() };
  const rows = await loadRefreshInputs(db, orgId, objectiveIds);
  if (rows.input.objectives.length === 0) return result;
  const refreshed = new Set(rows.input.objectives.map((o) => o.id));
  const computed = computeOrganisationProgress(rows.input, now);
  for (const stored of rows.storedObjectives) {
    const c = computed.objectives.get(stored.id);
    result.objectives.set(
      stored.id,
      c
        ? { progress: c.progress, health: c.health }
        : { progress: stored.progress, health: stored.health },
    );
  }
  // Key results of objectives outside the refreshed set are read only for the roll-up.
  const ownKeyResults = rows.storedKeyResults.filter((_, i) =>
    refreshed.has(rows.input.keyResults[i]?.objectiveId ?? ''),
  );
  for (const stored of ownKeyResults) {
    const c = computed.keyResults.get(stored.id);
    if (c) result.keyResults.set(stored.id, { progress: c.progress, health: c.health });
  }
  const keyResults = changedProgress(ownKeyResults, computed.keyResults);
  const objectives = changedProgress(rows.storedObjectives, computed.objectives);
  await saveProgressIn(db, keyResults, objectives);
  await emitStatusChanges(
    db,
    orgId,
    [
      ...healthChanges('key_result', ownKeyResults, keyResults),
      ...healthChanges('objective', rows.storedObjectives, objectives),
    ],
    now,
  );
  return result;
}

/** The rows whose health changed to a known one (webhooks' `status.changed`). */
function healthChanges(
  subject: HealthChange['subject'],
  stored: { id: string; health: string | null }[],
  changed: { id: string; health: string | null; progress: number }[],
): HealthChange[] {
  if (changed.length === 0) return [];
  const before = new Map(stored.map((s) => [s.id, s.health]));
  return changed.flatMap((c) => {
    const from = before.get(c.id) ?? null;
    return c.health !== null && c.health !== from
      ? [{ subject, id: c.id, from, to: c.health, progress: c.progress }]
      : [];
  });
}

/** The objectives a transaction asked to refresh at commit, by organisation, done in one go. */
class RefreshAtCommit implements CommitWork {
  private readonly ids = new Map<string, Set<string>>();
  private now = new Date(0);
  readonly done: Promise<RefreshedProgress>;
  private resolve!: (value: RefreshedProgress) => void;
  private reject!: (error: unknown) => void;

  constructor() {
    this.done = new Promise<RefreshedProgress>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // Nobody waits for a transaction that failed; its callers get the transaction's error.
    this.done.catch(() => undefined);
  }

  add(orgId: string, objectiveIds: string[], now: Date): void {
    let ids = this.ids.get(orgId);
    if (!ids) this.ids.set(orgId, (ids = new Set()));
    for (const id of objectiveIds) ids.add(id);
    if (now > this.now) this.now = now;
  }

  async run(trx: Db): Promise<void> {
    const result: RefreshedProgress = { objectives: new Map(), keyResults: new Map() };
    for (const [orgId, ids] of this.ids) {
      const refreshed = await refreshProgress(trx, orgId, [...ids], this.now);
      for (const [id, p] of refreshed.objectives) result.objectives.set(id, p);
      for (const [id, p] of refreshed.keyResults) result.keyResults.set(id, p);
    }
    this.resolve(result);
  }

  abandon(error: unknown): void {
    this.reject(error);
  }
}

/**
 * Asks for these objectives (and their ancestors) to be refreshed once, with everything else
 * the transaction — on SQLite possibly a whole commit group — changed, just before it commits.
 * The promise settles when that has run: await it only after the transaction, never inside it.
 */
export function refreshProgressAtCommit(
  trx: Db,
  orgId: string,
  objectiveIds: string[],
  now: Date,
): Promise<RefreshedProgress> {
  const work = commitWork(trx, 'progress-refresh', () => new RefreshAtCommit());
  work.add(orgId, objectiveIds, now);
  return work.done;
}
