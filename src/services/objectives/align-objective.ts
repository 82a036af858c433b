import { AppError } from '../../contracts/app-error.ts';
import type { ObjectiveDetailView } from '../../contracts/api/okrs.ts';
import { cycleAllows } from '../../domain/cycle.ts';
import { authorize, type Actor } from '../../policy/policy.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { detachContributions } from '../../repositories/key-results.ts';
import { loadObjective, type LoadedObjective } from '../../repositories/objective-facts.ts';
import { deleteAlignment, insertAlignments, parentEdges, updateObjectiveIfVersion } from '../../repositories/objectives.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';
import { refreshProgress } from '../progress-refresh.ts';
import { checkParents } from './objective-rules.ts';
import { objectiveDetail, readableObjective, staleObjective } from './objective-views.ts';

/** The child, editable in full by the actor (alignment is not wording), at the expected version. */
async function loadChild(db: Db, actor: Actor, id: string, expectedVersion: number, now: Date): Promise<LoadedObjective> {
  const child = await readableObjective(db, actor, id);
  const scope = authorize(actor, 'objective.update', { type: 'objective', objective: child.facts });
  if (scope !== 'full') throw new AppError('forbidden', 'You may change only the wording of this objective, not its alignment.');
  if (child.row.version !== expectedVersion) await staleObjective(db, actor, id, now);
  return child;
}

/** `detachedKeyResultIds`: the child's key results that stopped counting in the parent (unaligning). */
async function finish(
  db: Db,
  ctx: ServiceContext,
  child: LoadedObjective,
  expectedVersion: number,
  parentId: string,
  action: string,
  detachedKeyResultIds?: string[],
) {
  const { actor, now } = ctx;
  const id = child.row.id;
  if (!(await updateObjectiveIfVersion(db, actor.orgId, id, expectedVersion, { updated_at: now.toISOString() }))) {
    await staleObjective(db, actor, id, now);
  }
  await refreshProgress(db, actor.orgId, [id, parentId], now);
  await recordAudit(db, { orgId: actor.orgId, actorId: actor.userId, action, objectType: 'objective', objectId: id, after: { childId: id, parentId, ...(detachedKeyResultIds ? { detachedKeyResultIds } : {}) }, at: now });
  const updated = await loadObjective(db, actor.orgId, id);
  if (!updated) throw notFound('objective');
  return objectiveDetail(db, actor, updated, now);
}

/**
 * Aligns an objective to a parent ('objective.update' on the child, in full; the parent must be
 * readable): 400 for a level or cycle the alignment rules refuse, 409 `alignment_loop` with the
 * path when the parent is already below the child, 409 `cycle_closed` when either cycle is
 * frozen. Already aligned: nothing changes. Bumps the child's version and refreshes progress.
 */
export async function alignObjective(ctx: ServiceContext, id: string, parentId: string, expectedVersion: number): Promise<ObjectiveDetailView> {
  const { actor, now } = ctx;
  return inTransaction(ctx, async (trx) => {
    const child = await loadChild(trx, actor, id, expectedVersion, now);
    const existing = await parentEdges(trx, actor.orgId, [id]);
    if (existing.some((e) => e.parentId === parentId)) {
      await readableObjective(trx, actor, parentId);
      return objectiveDetail(trx, actor, child, now);
    }
    await checkParents(trx, actor, { id, level: child.facts.level, cycle: child.cycle, isNew: false }, [parentId], () => 'params.parentId');
    await insertAlignments(trx, actor.orgId, id, [parentId], now.toISOString());
    return finish(trx, ctx, child, expectedVersion, parentId, 'objective.aligned');
  });
}

/**
 * Removes an objective's alignment to a parent (same rights as aligning). 404 when it is not
 * aligned to that objective. Key results of the child that counted in that parent stop doing so.
 */
export async function unalignObjective(ctx: ServiceContext, id: string, parentId: string, expectedVersion: number): Promise<ObjectiveDetailView> {
  const { actor, now } = ctx;
  return inTransaction(ctx, async (trx) => {
    const child = await loadChild(trx, actor, id, expectedVersion, now);
    const parent = await loadObjective(trx, actor.orgId, parentId);
    if (parent && !cycleAllows(parent.cycle.status, 'edit_okrs')) {
      throw new AppError('cycle_closed', `The parent objective's cycle is ${parent.cycle.status}; its alignment cannot change.`);
    }
    if (!(await deleteAlignment(trx, actor.orgId, id, parentId))) throw new AppError('not_found', 'The objective is not aligned to that objective.');
    const detached = await detachContributions(trx, actor.orgId, id, parentId, now.toISOString());
    return finish(trx, ctx, child, expectedVersion, parentId, 'objective.unaligned', detached);
  });
}
