import { v7 as uuidv7 } from 'uuid';
import type { CheckInCreateBody, CheckInCreatedView } from '../../contracts/api/okrs.ts';
import type { Health } from '../../contracts/model.ts';
import { presentCheckIn, presentKeyResult } from '../../presenters/key-results.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { insertCheckIn } from '../../repositories/check-ins.ts';
import { applyLatestCheckIn, claimKeyResult } from '../../repositories/key-results.ts';
import { peopleNames } from '../../repositories/objectives.ts';
import { checkInRow } from '../../repositories/rows.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { badInput } from '../objectives/objective-rules.ts';
import { progressRefreshTargets } from './key-result-rules.ts';
import { refreshProgressAtCommit } from '../progress-refresh.ts';
import { authorizedKeyResult } from './key-result-views.ts';
import { AppError } from '../../contracts/app-error.ts';
import { cycleAllows } from '../../domain/cycle.ts';
import { emitWebhookEvent } from '../webhooks/emit.ts';

/**
 * Where a check-in comes from: a person (`user`), or the key result's data source
 * (`integration`, src/services/data-sources/): then the actor is the person who connected the
 * source and must still be allowed `key_result.data_source`, in a cycle that takes check-ins.
 */
export interface CheckInOptions {
  source?: 'user' | 'integration';
}

/**
 * Records a check-in on a key result ('key_result.check_in': its owner or the objective's owner,
 * in an active cycle): appends it, sets the key result's current value, confidence and last
 * check-in from its latest check-in, bumps its version, refreshes progress up the alignment and
 * returns the check-in with the key result's and objective's new progress.
 *
 * Concurrent check-ins on one key result are all stored; they take turns on the key result's
 * row, and whichever is latest by time (then id) sets the current value.
 */
export async function checkIn(
  ctx: ServiceContext,
  keyResultId: string,
  body: CheckInCreateBody,
  options: CheckInOptions = {},
): Promise<CheckInCreatedView> {
  const { actor, now } = ctx;
  const source = options.source ?? 'user';
  const orgId = actor.orgId;
  const at = now.toISOString();
  const done = await inTransaction(ctx, async (trx) => {
    // Claim the row first, so what is read below includes every check-in committed before.
    const claimed = await claimKeyResult(trx, orgId, keyResultId, at);
    const { loaded } = await authorizedKeyResult(
      trx,
      actor,
      keyResultId,
      source === 'user' ? 'key_result.check_in' : 'key_result.data_source',
      claimed,
      ctx.connection,
    );
    if (source === 'integration' && !cycleAllows(loaded.objective.facts.cycleStatus, 'check_in')) {
      throw new AppError('cycle_closed', `The cycle is in ${loaded.objective.facts.cycleStatus} state, which takes no check-ins.`);
    }
    if (loaded.row.kind === 'milestone' && body.value !== 0 && body.value !== 1) {
      throw badInput([
        { path: 'body.value', message: 'must be 0 (not done) or 1 (done) for a milestone' },
      ]);
    }
    const row = checkInRow({
      id: uuidv7(),
      orgId,
      keyResultId,
      value: body.value,
      confidence: body.confidence ?? null,
      note: body.note ?? null,
      authorId: actor.userId,
      source,
      createdAt: at,
    });
    await insertCheckIn(trx, row);
    // The key result as it stands now: claimed, with what its latest check-in set.
    const after = {
      ...loaded.row,
      ...(await applyLatestCheckIn(trx, orgId, keyResultId, row, loaded.row.last_check_in_at)),
    };
    // Refreshed once for every check-in committed together (src/db/group-commit.ts).
    const refreshed = refreshProgressAtCommit(trx, orgId, progressRefreshTargets(loaded.row), now);
    const names = await peopleNames(trx, orgId, [actor.userId, loaded.row.owner_id], ctx.connection);
    await recordAudit(trx, {
      orgId,
      actorId: actor.userId,
      action: 'key_result.checked_in',
      objectType: 'key_result',
      objectId: keyResultId,
      before: { current: loaded.row.current_value, confidence: loaded.row.confidence },
      after: {
        checkInId: row.id,
        value: row.value,
        confidence: row.confidence,
        note: row.note,
        current: after.current_value,
      },
      at: now,
    });
    await emitWebhookEvent(
      trx,
      {
        orgId,
        type: 'check_in.created',
        at: now,
        data: {
          checkIn: {
            id: row.id,
            value: row.value,
            confidence: row.confidence,
            note: row.note,
            source,
            authorId: actor.userId,
            createdAt: at,
          },
          keyResult: {
            id: keyResultId,
            title: loaded.row.title,
            currentValue: after.current_value,
            targetValue: loaded.row.target_value,
            unit: loaded.row.unit,
          },
          objective: { id: loaded.objective.row.id, title: loaded.objective.row.title },
        },
      },
      loaded.objective.facts,
      ctx.connection,
    );
    return { row, after, names, loaded, refreshed };
  });
  // Committed: the refresh ran just before the commit.
  const { row, after, names, loaded } = done;
  const refreshed = await done.refreshed;
  const objectiveId = loaded.row.objective_id;
  // Both are always among the refreshed, unless the same commit group deleted them again.
  const own = refreshed.keyResults.get(keyResultId) ?? {
    progress: after.progress,
    health: after.health,
  };
  const objective = refreshed.objectives.get(objectiveId) ?? {
    progress: loaded.objective.row.progress,
    health: loaded.objective.row.health,
  };
  return {
    checkIn: presentCheckIn({ ...row, author_name: names.get(actor.userId) ?? null }, after),
    keyResult: presentKeyResult(
      actor,
      loaded.objective.facts,
      { ...after, ...own },
      loaded.facts.ownerTeamIds,
      names,
    ),
    objective: {
      id: objectiveId,
      progress: objective.progress,
      health: objective.health as Health | null,
    },
  };
}
