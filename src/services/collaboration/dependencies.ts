/** Dependencies between key results: listing and creating them (`dependency.manage` on the dependent one). */
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../contracts/app-error.ts';
import type {
  CreateDependencyBody,
  DependencyListQuery,
  DependencyView,
} from '../../contracts/api/collaboration.ts';
import { pageOf, type Page } from '../../contracts/api/page.ts';
import { authorize, can, listScope, type Actor } from '../../policy/policy.ts';
import { dependencySnapshot, presentDependency } from '../../presenters/collaboration.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  dependencyEdges,
  dependencyPairExists,
  findDependency,
  insertDependency,
  listDependencyRecords,
  loadKeyResults,
} from '../../repositories/collaboration.ts';
import { loadKeyResult, type LoadedKeyResult } from '../../repositories/objective-facts.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { lockOrganisation } from '../../repositories/people.ts';
import { dependencyRow } from '../../repositories/rows.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';
import { dependencyLoop } from './dependency-loop.ts';
import { keyResultResource } from './initiatives.ts';

/** Dependencies between key results the caller can read, filtered by key result, team and status. */
export async function listDependencies(
  ctx: ServiceContext,
  query: DependencyListQuery,
): Promise<Page<DependencyView>> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  const rows = await listDependencyRecords(db, listScope(actor), {
    keyResultId: query.keyResultId,
    teamId: query.teamId,
    status: query.status,
    after: query.cursor,
    limit: query.limit,
  });
  const shown = rows.slice(0, query.limit);
  const keyResults = await loadKeyResults(
    db,
    actor.orgId,
    shown.map((row) => row.key_result_id),
  );
  return pageOf(
    rows,
    query.limit,
    (row) => row.id,
    (row) => {
      const dependent = keyResults.get(row.key_result_id);
      return presentDependency(actor, dependent ? keyResultResource(dependent) : null, row);
    },
  );
}

/** A key result named in the body: 404 (naming the field) when missing or not readable. */
async function keyResultOfBody(
  db: Db,
  actor: Actor,
  id: string,
  field: string,
): Promise<LoadedKeyResult> {
  const loaded = await loadKeyResult(db, actor.orgId, id);
  if (
    !loaded ||
    !can(actor, 'objective.read', { type: 'objective', objective: loaded.objective.facts })
  ) {
    throw new AppError('not_found', 'No such key result.', [
      { path: `body.${field}`, message: 'is not a key result you can see' },
    ]);
  }
  return loaded;
}

/**
 * Records that one key result depends on another. Refuses a dependency already recorded (409
 * `duplicate`) and one that would close a loop (409 `dependency_loop`, naming the loop).
 */
export async function createDependency(
  ctx: ServiceContext,
  body: CreateDependencyBody,
): Promise<DependencyView> {
  return inTransaction(ctx, (trx) => recordDependency(trx, ctx, body, 'dependency.manage'));
}

/**
 * The checks and writes of a new dependency, inside the caller's transaction. `authority` is
 * `dependency.manage` for a direct request, or `accepted_request` when the lead of the team
 * asked for help accepts a collaboration request: the asking team's request and the lead's
 * answer are the consent of both sides, checked by that use case.
 */
export async function recordDependency(
  trx: Db,
  ctx: ServiceContext,
  body: CreateDependencyBody,
  authority: 'dependency.manage' | 'accepted_request',
): Promise<DependencyView> {
  const { actor } = ctx;
  const dependent = await keyResultOfBody(trx, actor, body.keyResultId, 'keyResultId');
  const resource = keyResultResource(dependent);
  if (authority === 'dependency.manage') authorize(actor, 'dependency.manage', resource);
  await keyResultOfBody(trx, actor, body.dependsOnId, 'dependsOnId');
  const duplicate = new AppError('duplicate', 'This dependency is already recorded.', [
    { path: 'body.dependsOnId', message: 'is already a dependency of this key result' },
  ]);
  if (await dependencyPairExists(trx, actor.orgId, body.keyResultId, body.dependsOnId))
    throw duplicate;
  await lockOrganisation(trx, actor.orgId);
  const loop = dependencyLoop(
    body.keyResultId,
    body.dependsOnId,
    await dependencyEdges(trx, actor.orgId),
  );
  if (loop)
    throw new AppError(
      'dependency_loop',
      `This dependency would close a loop: ${await describeLoop(trx, actor, loop)}.`,
      [{ path: 'body.dependsOnId', message: 'would close a dependency loop' }],
    );
  const id = uuidv7();
  const row = dependencyRow({
    id,
    orgId: actor.orgId,
    keyResultId: body.keyResultId,
    dependsOnId: body.dependsOnId,
    note: body.note ?? null,
    neededBy: body.neededBy ?? null,
    createdAt: ctx.now.toISOString(),
  });
  try {
    await insertDependency(trx, row);
  } catch (error) {
    throw isUniqueViolation(error) ? duplicate : error;
  }
  const created = await findDependency(trx, actor.orgId, id);
  if (!created) throw notFound('dependency');
  await recordAudit(trx, {
    orgId: actor.orgId,
    actorId: actor.userId,
    action: 'dependency.created',
    objectType: 'dependency',
    objectId: id,
    after: dependencySnapshot(created),
    at: ctx.now,
  });
  return presentDependency(actor, resource, created);
}

/** "“A” depends on “B”, which depends on “A”" with the titles the actor may read. */
async function describeLoop(db: Db, actor: Actor, loop: string[]): Promise<string> {
  const keyResults = await loadKeyResults(db, actor.orgId, loop);
  const title = (id: string) => {
    const loaded = keyResults.get(id);
    return loaded &&
      can(actor, 'objective.read', { type: 'objective', objective: loaded.objective.facts })
      ? `“${loaded.row.title}”`
      : 'a key result you cannot see';
  };
  return loop
    .map(title)
    .reduce(
      (text, name, i) =>
        i === 0
          ? name
          : i === 1
            ? `${text} depends on ${name}`
            : `${text}, which depends on ${name}`,
      '',
    );
}
