/**
 * The playbook: everyone in the organisation reads the guidance the wizard shows and the quality
 * rules' advice; champions (`playbook.manage`) replace any text with their own and reset it to
 * the built-in one. Each change is audited.
 */
import type {
  PlaybookEntryView,
  PlaybookView,
  PutPlaybookEntryBody,
} from '../../contracts/api/playbook.ts';
import { AppError } from '../../contracts/app-error.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { PLAYBOOK_DEFAULTS, playbookDefault, type PlaybookDefault } from '../../domain/playbook.ts';
import { authorize, can } from '../../policy/policy.ts';
import { playbookSnapshot, presentPlaybookEntry } from '../../presenters/playbook.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  deletePlaybookEntry as deleteRow,
  findPlaybookEntry,
  insertPlaybookEntry,
  listPlaybookEntries,
  updatePlaybookEntry as updateRow,
} from '../../repositories/playbook.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { notFound, staleVersion } from '../service-errors.ts';

/** Every entry of the playbook, in order, with the organisation's texts. */
export async function getPlaybook(ctx: ServiceContext): Promise<PlaybookView> {
  const { actor } = ctx;
  const rows = await listPlaybookEntries(ctx.connection.db, actor.orgId);
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return {
    items: PLAYBOOK_DEFAULTS.map((entry) => presentPlaybookEntry(entry, byKey.get(entry.key))),
    abilities: { canManage: can(actor, 'playbook.manage', { type: 'organisation' }) },
  };
}

function knownEntry(key: string): PlaybookDefault {
  const entry = playbookDefault(key);
  if (!entry) throw notFound('playbook entry');
  return entry;
}

/**
 * Sets the organisation's text of a key. The first override needs no If-Match (`expected` null);
 * changing an existing one does (428 without it, 412 when stale).
 */
export async function putPlaybookEntry(
  ctx: ServiceContext,
  key: string,
  expected: number | null,
  body: PutPlaybookEntryBody,
): Promise<PlaybookEntryView> {
  const { actor } = ctx;
  const entry = knownEntry(key);
  authorize(actor, 'playbook.manage', { type: 'organisation' });
  const changes = { body: body.body, updated_by: actor.userId, updated_at: ctx.now.toISOString() };
  try {
    return await inTransaction(ctx, async (trx) => {
      const before = await findPlaybookEntry(trx, actor.orgId, key);
      if (before) {
        if (expected === null) throw versionRequired();
        if (
          before.version !== expected ||
          !(await updateRow(trx, actor.orgId, key, expected, changes))
        ) {
          throw staleVersion(presentPlaybookEntry(entry, before));
        }
      } else {
        // If-Match names a version of an override that is gone: someone reset it meanwhile.
        if (expected !== null) throw staleVersion(presentPlaybookEntry(entry, undefined));
        await insertPlaybookEntry(trx, { org_id: actor.orgId, key, ...changes });
      }
      const after = await findPlaybookEntry(trx, actor.orgId, key);
      if (!after) throw notFound('playbook entry');
      await recordAudit(trx, {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: before ? 'playbook.updated' : 'playbook.overridden',
        objectType: 'playbook_entry',
        objectId: key,
        ...(before ? { before: playbookSnapshot(before) } : {}),
        after: playbookSnapshot(after),
        at: ctx.now,
      });
      return presentPlaybookEntry(entry, after);
    });
  } catch (error) {
    // Two champions writing the first override at once: the second one is told to reload.
    if (isUniqueViolation(error)) throw staleVersion(null);
    throw error;
  }
}

/** Removes the organisation's text of a key: the built-in text shows again. */
export async function resetPlaybookEntry(
  ctx: ServiceContext,
  key: string,
  expected: number,
): Promise<PlaybookEntryView> {
  const { actor } = ctx;
  const entry = knownEntry(key);
  authorize(actor, 'playbook.manage', { type: 'organisation' });
  return inTransaction(ctx, async (trx) => {
    const before = await findPlaybookEntry(trx, actor.orgId, key);
    if (!before) throw notFound('playbook override');
    if (before.version !== expected || !(await deleteRow(trx, actor.orgId, key, expected))) {
      throw staleVersion(presentPlaybookEntry(entry, before));
    }
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'playbook.reset',
      objectType: 'playbook_entry',
      objectId: key,
      before: playbookSnapshot(before),
      at: ctx.now,
    });
    return presentPlaybookEntry(entry, undefined);
  });
}

function versionRequired(): AppError {
  return new AppError(
    'version_required',
    'This text was already changed: send If-Match with the ETag you last received, so no change is lost.',
  );
}
