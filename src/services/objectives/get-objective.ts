import type { ObjectiveDetailView } from '../../contracts/api/okrs.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { objectiveDetail, readableObjective } from './objective-views.ts';

/**
 * The full view of an objective: key results, parents, children, breadcrumbs up the first
 * parents, tags, readers, contributing teams and the caller's abilities. 404 when it is missing,
 * in another organisation or private to others.
 */
export async function getObjective(ctx: ServiceContext, id: string): Promise<ObjectiveDetailView> {
  return inTransaction(ctx, async (trx) => objectiveDetail(trx, ctx.actor, await readableObjective(trx, ctx.actor, id), ctx.now));
}
