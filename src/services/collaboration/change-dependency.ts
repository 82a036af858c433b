/** Changing and deleting dependencies (`dependency.manage` on the dependent key result). */
import type { DependencyView, UpdateDependencyBody } from '../../contracts/api/collaboration.ts';
import { authorize, can, type Actor, type Resource } from '../../policy/policy.ts';
import { dependencySnapshot, presentDependency } from '../../presenters/collaboration.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  deleteDependency as deleteRow,
  findDependency,
  updateDependency as updateRow,
  type DependencyRecord,
} from '../../repositories/collaboration.ts';
import { loadKeyResult } from '../../repositories/objective-facts.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { notFound, staleVersion } from '../service-errors.ts';
import { keyResultResource } from './initiatives.ts';

async function loadForChange(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ row: DependencyRecord; resource: Resource }> {
  const row = await findDependency(db, actor.orgId, id);
  if (!row) throw notFound('dependency');
  const [dependent, needed] = await Promise.all([
    loadKeyResult(db, actor.orgId, row.key_result_id),
    loadKeyResult(db, actor.orgId, row.depends_on_id),
  ]);
  // Both ends must be readable: the dependency shows the title of each.
  if (
    !dependent ||
    !needed ||
    !can(actor, 'objective.read', { type: 'objective', objective: needed.objective.facts })
  )
    throw notFound('dependency');
  const resource = keyResultResource(dependent);
  authorize(actor, 'dependency.manage', resource);
  return { row, resource };
}

/** Changes the note, the date it is needed by, or resolves (reopens) the dependency. */
export async function updateDependency(
  ctx: ServiceContext,
  id: string,
  expected: number,
  body: UpdateDependencyBody,
): Promise<DependencyView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const { row: before, resource } = await loadForChange(trx, actor, id);
    const changes = {
      ...(body.note !== undefined ? { note: body.note === '' ? null : body.note } : {}),
      ...(body.neededBy !== undefined ? { needed_by: body.neededBy } : {}),
      ...(body.status !== undefined ? { status: body.status } : {}),
    };
    if (
      before.version !== expected ||
      !(await updateRow(trx, actor.orgId, id, expected, changes))
    ) {
      const current = await findDependency(trx, actor.orgId, id);
      throw current
        ? staleVersion(presentDependency(actor, resource, current))
        : notFound('dependency');
    }
    const after = (await findDependency(trx, actor.orgId, id)) ?? before;
    const action =
      body.status === 'resolved' && before.status !== 'resolved'
        ? 'dependency.resolved'
        : 'dependency.updated';
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action,
      objectType: 'dependency',
      objectId: id,
      before: dependencySnapshot(before),
      after: dependencySnapshot(after),
      at: ctx.now,
    });
    return presentDependency(actor, resource, after);
  });
}

/** Deletes the dependency. */
export async function deleteDependency(
  ctx: ServiceContext,
  id: string,
  expected: number,
): Promise<void> {
  const { actor } = ctx;
  await inTransaction(ctx, async (trx) => {
    const { row: before, resource } = await loadForChange(trx, actor, id);
    if (before.version !== expected || !(await deleteRow(trx, actor.orgId, id, expected))) {
      const current = await findDependency(trx, actor.orgId, id);
      throw current
        ? staleVersion(presentDependency(actor, resource, current))
        : notFound('dependency');
    }
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'dependency.deleted',
      objectType: 'dependency',
      objectId: id,
      before: dependencySnapshot(before),
      at: ctx.now,
    });
  });
}
