import { AppError } from '../../contracts/app-error.ts';
import type { CheckInListView } from '../../contracts/api/okrs.ts';
import { pageOf, type PageRequest } from '../../contracts/api/page.ts';
import { presentCheckIn } from '../../presenters/key-results.ts';
import { checkInPosition, checkInsOf } from '../../repositories/check-ins.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { authorizedKeyResult } from './key-result-views.ts';

/**
 * A key result's check-ins, newest first (by time, then id), a page at a time: value, confidence
 * and its band, note, author, and the progress the value gives. 404 when the key result is not
 * readable; 400 for a cursor that is not a check-in of this key result.
 */
export async function listCheckIns(ctx: ServiceContext, keyResultId: string, page: PageRequest): Promise<CheckInListView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const { loaded } = await authorizedKeyResult(trx, actor, keyResultId, 'objective.read');
    const after = page.after === undefined ? undefined : await checkInPosition(trx, actor.orgId, keyResultId, page.after);
    if (page.after !== undefined && !after) {
      throw new AppError('bad_input', 'The cursor is not from a previous page.', [{ path: 'querystring.cursor', message: 'is not a cursor from a previous page' }]);
    }
    const rows = await checkInsOf(trx, actor.orgId, keyResultId, page.limit + 1, after);
    return pageOf(rows, page.limit, (r) => r.id, (r) => presentCheckIn(r, loaded.row));
  });
}
