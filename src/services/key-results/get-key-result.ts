import type { KeyResultView } from '../../contracts/api/okrs.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { authorizedKeyResult, presentLoadedKeyResult } from './key-result-views.ts';

/** A key result with its progress, health, confidence band and the caller's abilities; 404 when not readable. */
export async function getKeyResult(ctx: ServiceContext, id: string): Promise<KeyResultView> {
  return inTransaction(ctx, async (trx) => {
    const { loaded } = await authorizedKeyResult(trx, ctx.actor, id, 'objective.read');
    return presentLoadedKeyResult(trx, ctx.actor, loaded);
  });
}
