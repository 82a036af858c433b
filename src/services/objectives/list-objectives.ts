import type { ObjectiveListQuery, ObjectiveListView } from '../../contracts/api/okrs.ts';
import { encodeCursor } from '../../contracts/api/page.ts';
import { listScope } from '../../policy/policy.ts';
import { searchObjectiveIds } from '../../repositories/tree.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { objectiveSummaries } from './objective-views.ts';

/**
 * A page of the objectives the actor may read, filtered by cycle, level, team (own or
 * contributing), owner, status, health (`none`: nothing to measure), tag and words in the title
 * or rationale; private objectives the actor may not read are left out entirely. Pages follow
 * creation order; `nextCursor` is null on the last page.
 */
export async function listObjectives(ctx: ServiceContext, query: ObjectiveListQuery): Promise<ObjectiveListView> {
  const { actor } = ctx;
  const { limit, cursor: afterId } = query;
  return inTransaction(ctx, async (trx) => {
    const ids = await searchObjectiveIds(
      trx,
      listScope(actor),
      {
        ...(query.cycle ? { cycleId: query.cycle } : {}),
        ...(query.level ? { level: query.level } : {}),
        ...(query.team ? { teamId: query.team } : {}),
        ...(query.owner ? { ownerId: query.owner } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.health ? { health: query.health } : {}),
        ...(query.tag ? { tag: query.tag } : {}),
        ...(query.q ? { text: query.q } : {}),
      },
      limit + 1,
      afterId,
    );
    const page = ids.slice(0, limit);
    const last = page.at(-1);
    return {
      items: await objectiveSummaries(trx, actor, page),
      nextCursor: ids.length > limit && last !== undefined ? encodeCursor(last) : null,
    };
  });
}
