/**
 * Saved column mappings of spreadsheet imports, shared by the organisation: anyone who may import
 * lists and saves them; whoever saved one, and champions, rename, change or delete it. Names are
 * unique in the organisation (409 for a second one).
 */
import { v7 as uuidv7 } from 'uuid';
import type {
  CreateImportMappingBody,
  ImportMappingView,
  UpdateImportMappingBody,
} from '../../contracts/api/imports.ts';
import { AppError } from '../../contracts/app-error.ts';
import type { ColumnMapping } from '../../domain/sheet-import.ts';
import { authorize, can, type Actor } from '../../policy/policy.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  deleteImportMapping as deleteRow,
  findImportMapping,
  importMappingNamed,
  insertImportMapping,
  listImportMappings,
  updateImportMapping as updateRow,
  type ImportMappingRecord,
} from '../../repositories/imports.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { notFound, staleVersion } from '../service-errors.ts';

function present(actor: Actor, row: ImportMappingRecord): ImportMappingView {
  const mayChange = can(actor, 'import_mapping.update', {
    type: 'import_mapping',
    authorId: row.created_by,
  });
  return {
    id: row.id,
    name: row.name,
    mapping: JSON.parse(row.mapping) as ColumnMapping,
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? '' } : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
    abilities: { canEdit: mayChange, canDelete: mayChange },
  };
}

const snapshot = (row: ImportMappingRecord) => ({
  name: row.name,
  mapping: JSON.parse(row.mapping) as unknown,
});

async function assertNameFree(db: Db, orgId: string, name: string, id?: string): Promise<void> {
  const other = await importMappingNamed(db, orgId, name);
  if (other && other.id !== id) {
    throw new AppError('conflict', `A mapping called '${name}' already exists.`, [
      { path: 'body.name', message: 'is taken by another mapping' },
    ]);
  }
}

export async function listMappings(ctx: ServiceContext): Promise<{ items: ImportMappingView[] }> {
  authorize(ctx.actor, 'import.run', { type: 'organisation' });
  const rows = await listImportMappings(ctx.connection.db, ctx.actor.orgId);
  return { items: rows.map((row) => present(ctx.actor, row)) };
}

export async function getMapping(ctx: ServiceContext, id: string): Promise<ImportMappingView> {
  authorize(ctx.actor, 'import.run', { type: 'organisation' });
  const row = await findImportMapping(ctx.connection.db, ctx.actor.orgId, id);
  if (!row) throw notFound('import mapping');
  return present(ctx.actor, row);
}

export async function createMapping(
  ctx: ServiceContext,
  body: CreateImportMappingBody,
): Promise<ImportMappingView> {
  const { actor, now } = ctx;
  authorize(actor, 'import.run', { type: 'organisation' });
  return inTransaction(ctx, async (trx) => {
    await assertNameFree(trx, actor.orgId, body.name);
    const id = uuidv7();
    const at = now.toISOString();
    await insertImportMapping(trx, {
      id,
      org_id: actor.orgId,
      name: body.name,
      mapping: JSON.stringify(body.mapping),
      created_by: actor.userId,
      created_at: at,
      updated_at: at,
    });
    const row = await findImportMapping(trx, actor.orgId, id);
    if (!row) throw notFound('import mapping');
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'import_mapping.created',
      objectType: 'import_mapping',
      objectId: id,
      after: snapshot(row),
      at: now,
    });
    return present(actor, row);
  });
}

async function loadForChange(db: Db, actor: Actor, id: string): Promise<ImportMappingRecord> {
  const row = await findImportMapping(db, actor.orgId, id);
  if (!row) throw notFound('import mapping');
  authorize(actor, 'import_mapping.update', { type: 'import_mapping', authorId: row.created_by });
  return row;
}

export async function updateMapping(
  ctx: ServiceContext,
  id: string,
  expected: number,
  body: UpdateImportMappingBody,
): Promise<ImportMappingView> {
  const { actor, now } = ctx;
  return inTransaction(ctx, async (trx) => {
    const before = await loadForChange(trx, actor, id);
    if (body.name !== undefined) await assertNameFree(trx, actor.orgId, body.name, id);
    const change = {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.mapping !== undefined ? { mapping: JSON.stringify(body.mapping) } : {}),
    };
    const changed =
      Number(before.version) === expected &&
      (await updateRow(trx, actor.orgId, id, expected, change, now.toISOString()));
    if (!changed) {
      const current = await findImportMapping(trx, actor.orgId, id);
      throw current ? staleVersion(present(actor, current)) : notFound('import mapping');
    }
    const after = (await findImportMapping(trx, actor.orgId, id)) ?? before;
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'import_mapping.updated',
      objectType: 'import_mapping',
      objectId: id,
      before: snapshot(before),
      after: snapshot(after),
      at: now,
    });
    return present(actor, after);
  });
}

export async function deleteMapping(
  ctx: ServiceContext,
  id: string,
  expected: number,
): Promise<void> {
  const { actor, now } = ctx;
  await inTransaction(ctx, async (trx) => {
    const before = await loadForChange(trx, actor, id);
    if (Number(before.version) !== expected || !(await deleteRow(trx, actor.orgId, id, expected))) {
      const current = await findImportMapping(trx, actor.orgId, id);
      throw current ? staleVersion(present(actor, current)) : notFound('import mapping');
    }
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'import_mapping.deleted',
      objectType: 'import_mapping',
      objectId: id,
      before: snapshot(before),
      at: now,
    });
  });
}
