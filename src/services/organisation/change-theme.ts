/** Creating, changing and deleting strategic themes (executives: `theme.manage`). */
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../contracts/app-error.ts';
import type {
  CreateThemeBody,
  ThemeView,
  UpdateThemeBody,
} from '../../contracts/api/organisation.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { authorize, listScope } from '../../policy/policy.ts';
import { presentTheme, themeSnapshot } from '../../presenters/organisation.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  deleteTheme as deleteThemeRow,
  findTheme,
  insertTheme,
  nextThemePosition,
  themeNameTaken,
  updateTheme as updateThemeRow,
} from '../../repositories/organisation.ts';
import { themeRow } from '../../repositories/rows.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { notFound, staleVersion } from '../service-errors.ts';

function duplicateName(name: string): AppError {
  return new AppError('duplicate', `There is already a theme named "${name}".`, [
    { path: 'body.name', message: 'is already taken' },
  ]);
}

/** A concurrent writer can take the name between our check and our write. */
async function guardName<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (name !== undefined && isUniqueViolation(error)) throw duplicateName(name);
    throw error;
  }
}

const emptyAsNull = (text: string | null | undefined) => (text ? text : null);

/** A new theme at the end of the list. 409 `duplicate` when the name is taken (ignoring case). */
export async function createTheme(ctx: ServiceContext, body: CreateThemeBody): Promise<ThemeView> {
  const { actor } = ctx;
  const scope = listScope(actor);
  return inTransaction(ctx, async (trx) => {
    authorize(actor, 'theme.manage', { type: 'organisation' });
    if (await themeNameTaken(trx, actor.orgId, body.name)) throw duplicateName(body.name);
    const id = uuidv7();
    const row = themeRow({
      id,
      orgId: actor.orgId,
      name: body.name,
      description: emptyAsNull(body.description),
      position: await nextThemePosition(trx, actor.orgId),
      createdAt: ctx.now.toISOString(),
    });
    await guardName(body.name, () => insertTheme(trx, row));
    const theme = await findTheme(trx, scope, id);
    if (!theme) throw notFound('theme');
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'theme.created',
      objectType: 'theme',
      objectId: id,
      after: themeSnapshot(theme),
      at: ctx.now,
    });
    return presentTheme(actor, theme);
  });
}

/**
 * Renames, describes or moves a theme. Objective tags keep the old name: retagging would edit
 * objectives the executive may not edit (closed cycles, other teams).
 */
export async function updateTheme(
  ctx: ServiceContext,
  id: string,
  expected: number,
  body: UpdateThemeBody,
): Promise<ThemeView> {
  const { actor } = ctx;
  const scope = listScope(actor);
  return inTransaction(ctx, async (trx) => {
    const before = await findTheme(trx, scope, id);
    if (!before) throw notFound('theme');
    authorize(actor, 'theme.manage', { type: 'organisation' });
    if (before.version !== expected) throw staleVersion(presentTheme(actor, before));
    if (body.name !== undefined && (await themeNameTaken(trx, actor.orgId, body.name, id)))
      throw duplicateName(body.name);
    const changes = {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.description !== undefined ? { description: emptyAsNull(body.description) } : {}),
      ...(body.position !== undefined ? { position: body.position } : {}),
    };
    if (
      !(await guardName(body.name, () => updateThemeRow(trx, actor.orgId, id, expected, changes)))
    ) {
      const current = await findTheme(trx, scope, id);
      throw current ? staleVersion(presentTheme(actor, current)) : notFound('theme');
    }
    const after = (await findTheme(trx, scope, id)) ?? before;
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'theme.updated',
      objectType: 'theme',
      objectId: id,
      before: themeSnapshot(before),
      after: themeSnapshot(after),
      at: ctx.now,
    });
    return presentTheme(actor, after);
  });
}

/** Deletes a theme; the objectives tagged with its name keep the tag. */
export async function deleteTheme(
  ctx: ServiceContext,
  id: string,
  expected: number,
): Promise<void> {
  const { actor } = ctx;
  const scope = listScope(actor);
  await inTransaction(ctx, async (trx) => {
    const before = await findTheme(trx, scope, id);
    if (!before) throw notFound('theme');
    authorize(actor, 'theme.manage', { type: 'organisation' });
    if (before.version !== expected) throw staleVersion(presentTheme(actor, before));
    if (!(await deleteThemeRow(trx, actor.orgId, id, expected))) {
      const current = await findTheme(trx, scope, id);
      throw current ? staleVersion(presentTheme(actor, current)) : notFound('theme');
    }
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'theme.deleted',
      objectType: 'theme',
      objectId: id,
      before: themeSnapshot(before),
      at: ctx.now,
    });
  });
}
