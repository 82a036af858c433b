import type { KeyResultForecastView } from '../../contracts/api/forecasts.ts';
import { presentKeyResultForecast } from '../../presenters/forecasts.ts';
import { checkInPoints } from '../../repositories/team-reviews.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { authorizedKeyResult } from './key-result-views.ts';

/**
 * A key result's forecast (domain/forecast.ts) with the check-ins it was fitted to, for the chart;
 * 404 when the key result is not readable.
 */
export async function getKeyResultForecast(
  ctx: ServiceContext,
  id: string,
): Promise<KeyResultForecastView> {
  return inTransaction(ctx, async (trx) => {
    const { loaded } = await authorizedKeyResult(trx, ctx.actor, id, 'objective.read');
    const points = await checkInPoints(trx, ctx.actor.orgId, [id]);
    return presentKeyResultForecast(loaded.row, loaded.objective.cycle, points.get(id) ?? []);
  });
}
