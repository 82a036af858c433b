/** Reading cycles: everyone in the organisation sees them all. */
import type { CycleListQuery, CycleView } from '../../contracts/api/cycles.ts';
import { pageOf, type Page } from '../../contracts/api/page.ts';
import { presentCycle } from '../../presenters/cycles.ts';
import { findCycle, listCycleRecords } from '../../repositories/cycles.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';

/** Cycles in creation order, optionally of one status. */
export async function listCycles(
  ctx: ServiceContext,
  query: CycleListQuery,
): Promise<Page<CycleView>> {
  const rows = await listCycleRecords(ctx.connection.db, ctx.actor.orgId, {
    status: query.status,
    after: query.cursor,
    limit: query.limit,
  });
  return pageOf(
    rows,
    query.limit,
    (row) => row.id,
    (row) => presentCycle(ctx.actor, row),
  );
}

/** One cycle; 404 when it is not a cycle of this organisation. */
export async function getCycle(ctx: ServiceContext, id: string): Promise<CycleView> {
  const cycle = await findCycle(ctx.connection.db, ctx.actor.orgId, id);
  if (!cycle) throw notFound('cycle');
  return presentCycle(ctx.actor, cycle);
}
