import type { KeyResultView } from '../../contracts/api/okrs.ts';
import { presentForecast } from '../../presenters/forecasts.ts';
import { checkInPoints } from '../../repositories/team-reviews.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { authorizedKeyResult, presentLoadedKeyResult } from './key-result-views.ts';

/**
 * A key result with its progress, health, confidence band, the caller's abilities and its
 * forecast (with the flag when it disagrees with the owner's confidence); 404 when not readable.
 */
export async function getKeyResult(ctx: ServiceContext, id: string): Promise<KeyResultView> {
  return inTransaction(ctx, async (trx) => {
    const { loaded } = await authorizedKeyResult(trx, ctx.actor, id, 'objective.read');
    const [view, points] = await Promise.all([
      presentLoadedKeyResult(trx, ctx.actor, loaded),
      checkInPoints(trx, ctx.actor.orgId, [id]),
    ]);
    return { ...view, forecast: presentForecast(loaded.row, loaded.objective.cycle, points.get(id) ?? []) };
  });
}
