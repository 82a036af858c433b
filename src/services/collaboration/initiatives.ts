/** Initiatives: the work planned to move a key result (`initiative.manage` on the key result). */
import { v7 as uuidv7 } from 'uuid';
import type {
  CreateInitiativeBody,
  InitiativeView,
  UpdateInitiativeBody,
} from '../../contracts/api/collaboration.ts';
import { pageOf, type Page, type PageRequest } from '../../contracts/api/page.ts';
import { authorize, type Actor, type Resource } from '../../policy/policy.ts';
import { initiativeSnapshot, presentInitiative } from '../../presenters/collaboration.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  deleteInitiative as deleteRow,
  findInitiative,
  insertInitiative,
  listInitiativeRecords,
  updateInitiative as updateRow,
  type InitiativeRecord,
} from '../../repositories/collaboration.ts';
import { loadKeyResult, type LoadedKeyResult } from '../../repositories/objective-facts.ts';
import { isMember } from '../../repositories/people.ts';
import { initiativeRow } from '../../repositories/rows.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { badField, notFound, staleVersion } from '../service-errors.ts';

export function keyResultResource(loaded: LoadedKeyResult): Resource {
  return { type: 'key_result', objective: loaded.objective.facts, keyResult: loaded.facts };
}

/** The key result, readable by the actor; 404 otherwise (missing and invisible look the same). */
export async function readableKeyResult(
  db: Db,
  actor: Actor,
  id: string,
): Promise<LoadedKeyResult> {
  const loaded = await loadKeyResult(db, actor.orgId, id);
  if (!loaded) throw notFound('key result');
  authorize(actor, 'objective.read', { type: 'objective', objective: loaded.objective.facts });
  return loaded;
}

async function checkOwner(
  db: Db,
  orgId: string,
  ownerId: string | null | undefined,
): Promise<void> {
  if (ownerId && !(await isMember(db, orgId, ownerId)))
    throw badField('ownerId', 'is not a member of this organisation');
}

/** The initiatives of a key result the caller can read, oldest first. */
export async function listInitiatives(
  ctx: ServiceContext,
  keyResultId: string,
  page: PageRequest,
): Promise<Page<InitiativeView>> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  const resource = keyResultResource(await readableKeyResult(db, actor, keyResultId));
  const rows = await listInitiativeRecords(db, actor.orgId, keyResultId, page);
  return pageOf(
    rows,
    page.limit,
    (row) => row.id,
    (row) => presentInitiative(actor, resource, row),
  );
}

/** Adds an initiative to a key result. The owner, if any, must be a member of the organisation. */
export async function createInitiative(
  ctx: ServiceContext,
  keyResultId: string,
  body: CreateInitiativeBody,
): Promise<InitiativeView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const keyResult = await loadKeyResult(trx, actor.orgId, keyResultId);
    if (!keyResult) throw notFound('key result');
    const resource = keyResultResource(keyResult);
    authorize(actor, 'initiative.manage', resource);
    await checkOwner(trx, actor.orgId, body.ownerId);
    const id = uuidv7();
    const row = {
      id,
      orgId: actor.orgId,
      keyResultId,
      title: body.title,
      ownerId: body.ownerId ?? null,
      status: body.status,
      dueDate: body.dueDate ?? null,
    };
    await insertInitiative(trx, initiativeRow({ ...row, createdAt: ctx.now.toISOString() }));
    const created = await findInitiative(trx, actor.orgId, id);
    if (!created) throw notFound('initiative');
    const after = initiativeSnapshot(created, keyResult.row.objective_id);
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'initiative.created',
      objectType: 'initiative',
      objectId: id,
      after,
      at: ctx.now,
    });
    return presentInitiative(actor, resource, created);
  });
}

/** The initiative, its key result and the resource its rights come from; 404 when missing or unreadable. */
async function loadForChange(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ row: InitiativeRecord; keyResult: LoadedKeyResult; resource: Resource }> {
  const row = await findInitiative(db, actor.orgId, id);
  if (!row) throw notFound('initiative');
  const keyResult = await loadKeyResult(db, actor.orgId, row.key_result_id);
  if (!keyResult) throw notFound('initiative');
  const resource = keyResultResource(keyResult);
  authorize(actor, 'initiative.manage', resource);
  return { row, keyResult, resource };
}

/** Changes an initiative's title, owner, status or due date. */
export async function updateInitiative(
  ctx: ServiceContext,
  id: string,
  expected: number,
  body: UpdateInitiativeBody,
): Promise<InitiativeView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const { row: before, keyResult, resource } = await loadForChange(trx, actor, id);
    if (before.version !== expected) throw staleVersion(presentInitiative(actor, resource, before));
    await checkOwner(trx, actor.orgId, body.ownerId);
    const changes = {
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.ownerId !== undefined ? { owner_id: body.ownerId } : {}),
      ...(body.status !== undefined ? { status: body.status } : {}),
      ...(body.dueDate !== undefined ? { due_date: body.dueDate } : {}),
    };
    if (!(await updateRow(trx, actor.orgId, id, expected, changes))) {
      const current = await findInitiative(trx, actor.orgId, id);
      throw current
        ? staleVersion(presentInitiative(actor, resource, current))
        : notFound('initiative');
    }
    const after = (await findInitiative(trx, actor.orgId, id)) ?? before;
    const objectiveId = keyResult.row.objective_id;
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'initiative.updated',
      objectType: 'initiative',
      objectId: id,
      before: initiativeSnapshot(before, objectiveId),
      after: initiativeSnapshot(after, objectiveId),
      at: ctx.now,
    });
    return presentInitiative(actor, resource, after);
  });
}

/** Deletes an initiative. */
export async function deleteInitiative(
  ctx: ServiceContext,
  id: string,
  expected: number,
): Promise<void> {
  const { actor } = ctx;
  await inTransaction(ctx, async (trx) => {
    const { row: before, keyResult, resource } = await loadForChange(trx, actor, id);
    if (before.version !== expected || !(await deleteRow(trx, actor.orgId, id, expected))) {
      const current = await findInitiative(trx, actor.orgId, id);
      throw current
        ? staleVersion(presentInitiative(actor, resource, current))
        : notFound('initiative');
    }
    const snapshot = initiativeSnapshot(before, keyResult.row.objective_id);
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'initiative.deleted',
      objectType: 'initiative',
      objectId: id,
      before: snapshot,
      at: ctx.now,
    });
  });
}
