import type { ObjectiveDetailView } from '../../contracts/api/okrs.ts';
import { expectedProgress } from '../../domain/progress.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { readThrough } from '../../db/read-cache.ts';
import { objectiveDetail, readableObjective } from './objective-views.ts';

/** A view's rough size in bytes, for the read cache's bound. */
const VIEW_WEIGHT = 2_000;
const KEY_RESULT_WEIGHT = 1_000;

/**
 * The full view of an objective: key results, parents, children, breadcrumbs up the first
 * parents, tags, readers, contributing teams and the caller's abilities. 404 when it is missing,
 * in another organisation or private to others. Served from the read cache while nothing was
 * written since it was built; the expected progress, which moves with the clock, is always fresh.
 */
export async function getObjective(ctx: ServiceContext, id: string): Promise<ObjectiveDetailView> {
  const { actor } = ctx;
  const view = await readThrough(
    ctx.connection,
    `objective ${actor.orgId} ${actor.userId} ${id}`,
    () => inTransaction(ctx, async (trx) => objectiveDetail(trx, actor, await readableObjective(trx, actor, id), ctx.now)),
    (v) => VIEW_WEIGHT + KEY_RESULT_WEIGHT * v.keyResults.length,
  );
  return { ...view, expectedProgress: expectedProgress(view.cycle, ctx.now) };
}
