/**
 * A key result's data source (one at most): connect, read, fetch now, disconnect — allowed to
 * whoever may edit the key result (`key_result.data_source`). Secrets (a pull source's header
 * value, a push source's token) are never shown again: a push token is stored hashed and shown
 * once, in the answer to the connection.
 */
import { v7 as uuidv7 } from 'uuid';
import type {
  CreatedDataSourceView,
  CreateDataSourceBody,
  KeyResultDataSourceView,
} from '../../contracts/api/webhooks.ts';
import { AppError } from '../../contracts/app-error.ts';
import { authorize, can, type Actor } from '../../policy/policy.ts';
import { dataSourceSnapshot, presentDataSource } from '../../presenters/webhooks.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  dataSourceOfKeyResult,
  deleteDataSource,
  findDataSource,
  insertDataSource,
} from '../../repositories/data-sources.ts';
import { loadKeyResult, type LoadedKeyResult } from '../../repositories/objective-facts.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { hashSecret, newSecret } from '../secrets.ts';
import { notFound, staleVersion } from '../service-errors.ts';
import { runSourceNow, type SourceRunOptions } from './run-source.ts';

async function readableKeyResult(db: Db, actor: Actor, id: string): Promise<LoadedKeyResult> {
  const loaded = await loadKeyResult(db, actor.orgId, id);
  if (!loaded) throw notFound('key result');
  authorize(actor, 'objective.read', {
    type: 'key_result',
    objective: loaded.objective.facts,
    keyResult: loaded.facts,
  });
  return loaded;
}

const resourceOf = (loaded: LoadedKeyResult) =>
  ({ type: 'key_result', objective: loaded.objective.facts, keyResult: loaded.facts }) as const;

export async function getDataSource(
  ctx: ServiceContext,
  keyResultId: string,
): Promise<KeyResultDataSourceView> {
  const db = ctx.connection.db;
  const loaded = await readableKeyResult(db, ctx.actor, keyResultId);
  const row = await dataSourceOfKeyResult(db, ctx.actor.orgId, keyResultId);
  return {
    source: row ? presentDataSource(row) : null,
    canManage: can(ctx.actor, 'key_result.data_source', resourceOf(loaded)),
  };
}

export async function connectDataSource(
  ctx: ServiceContext,
  keyResultId: string,
  body: CreateDataSourceBody,
): Promise<CreatedDataSourceView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const loaded = await readableKeyResult(trx, actor, keyResultId);
    authorize(actor, 'key_result.data_source', resourceOf(loaded));
    if (await dataSourceOfKeyResult(trx, actor.orgId, keyResultId)) {
      throw new AppError(
        'duplicate',
        'This key result already has a data source: disconnect it first.',
      );
    }
    const id = uuidv7();
    const at = ctx.now.toISOString();
    const token = body.kind === 'push' ? `okrpush_${newSecret(24)}` : null;
    await insertDataSource(trx, {
      id,
      org_id: actor.orgId,
      key_result_id: keyResultId,
      kind: body.kind,
      url: body.kind === 'pull' ? body.url : null,
      pointer: body.kind === 'pull' ? body.pointer : null,
      header_name:
        body.kind === 'pull' && body.headerSecret ? (body.headerName ?? 'Authorization') : null,
      header_secret: body.kind === 'pull' ? (body.headerSecret ?? null) : null,
      interval_minutes: body.kind === 'pull' ? body.intervalMinutes : null,
      token_hash: token ? hashSecret(token) : null,
      created_by: actor.userId,
      created_at: at,
      updated_at: at,
      last_value: null,
      last_success_at: null,
      last_attempt_at: null,
      last_error: null,
      // A pull source is fetched by the next poll.
      next_run_at: body.kind === 'pull' ? at : null,
    });
    const row = await findDataSource(trx, actor.orgId, id);
    if (!row) throw notFound('data source');
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'data_source.connected',
      objectType: 'data_source',
      objectId: id,
      after: dataSourceSnapshot(row),
      at: ctx.now,
    });
    return { ...presentDataSource(row), token };
  });
}

export async function disconnectDataSource(
  ctx: ServiceContext,
  keyResultId: string,
  expected: number,
): Promise<void> {
  const { actor } = ctx;
  await inTransaction(ctx, async (trx) => {
    const loaded = await readableKeyResult(trx, actor, keyResultId);
    authorize(actor, 'key_result.data_source', resourceOf(loaded));
    const row = await dataSourceOfKeyResult(trx, actor.orgId, keyResultId);
    if (!row) throw notFound('data source');
    if (row.version !== expected || !(await deleteDataSource(trx, actor.orgId, row.id, expected))) {
      throw staleVersion(presentDataSource(row));
    }
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'data_source.disconnected',
      objectType: 'data_source',
      objectId: row.id,
      before: dataSourceSnapshot(row),
      at: ctx.now,
    });
  });
}

/** Fetches a pull source now and answers with its state after the fetch. */
export async function fetchDataSourceNow(
  ctx: ServiceContext,
  keyResultId: string,
  options: SourceRunOptions = {},
): Promise<KeyResultDataSourceView> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  const loaded = await readableKeyResult(db, actor, keyResultId);
  authorize(actor, 'key_result.data_source', resourceOf(loaded));
  const row = await dataSourceOfKeyResult(db, actor.orgId, keyResultId);
  if (!row) throw notFound('data source');
  if (row.kind !== 'pull') {
    throw new AppError('conflict', 'A push source is not fetched: it posts its values itself.');
  }
  await runSourceNow(ctx.connection, row.id, ctx.now, options);
  return getDataSource(ctx, keyResultId);
}
