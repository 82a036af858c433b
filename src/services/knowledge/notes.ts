/**
 * Knowledge notes on objectives: anyone who can read an objective writes notes, learnings and
 * links on it (also after its cycle closed); authors edit and delete their own.
 */
import { v7 as uuidv7 } from 'uuid';
import type {
  CreateNoteBody,
  KnowledgeNoteView,
  NoteLink,
  ObjectiveNotePage,
  UpdateNoteBody,
} from '../../contracts/api/knowledge.ts';
import { AppError } from '../../contracts/app-error.ts';
import { pageOf, type PageRequest } from '../../contracts/api/page.ts';
import { authorize, can, type Actor } from '../../policy/policy.ts';
import { noteSnapshot, parseLinks, presentNote } from '../../presenters/knowledge.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  deleteNote as deleteRow,
  findNote,
  insertNote,
  listObjectiveNotes,
  updateNote as updateRow,
  type KnowledgeNoteRecord,
} from '../../repositories/knowledge.ts';
import { loadObjective, type LoadedObjective } from '../../repositories/objective-facts.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { notFound, staleVersion } from '../service-errors.ts';

/**
 * The lower-cased text a search matches: the objective's title (when the note was written), the
 * note's Markdown, its links and the retrospective's answers.
 */
export function noteSearchText(
  objectiveTitle: string,
  parts: (string | null | undefined)[],
  links: NoteLink[],
): string {
  return [objectiveTitle, ...parts, ...links.flatMap((l) => [l.title, l.url])]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join('\n')
    .toLowerCase();
}

/** The objective, readable by the actor (404 otherwise). */
export async function readableObjective(
  db: Db,
  actor: Actor,
  objectiveId: string,
): Promise<LoadedObjective> {
  const objective = await loadObjective(db, actor.orgId, objectiveId);
  if (!objective) throw notFound('objective');
  authorize(actor, 'objective.read', { type: 'objective', objective: objective.facts });
  return objective;
}

/** Notes on an objective, newest first. */
export async function listNotes(
  ctx: ServiceContext,
  objectiveId: string,
  page: PageRequest,
): Promise<ObjectiveNotePage> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  const objective = await readableObjective(db, actor, objectiveId);
  const rows = await listObjectiveNotes(db, actor.orgId, objectiveId, page);
  return {
    ...pageOf(
      rows,
      page.limit,
      (row) => row.id,
      (row) => presentNote(actor, objective.facts, row),
    ),
    canAddNote: can(actor, 'note.create', { type: 'objective', objective: objective.facts }),
  };
}

/** Writes a note on an objective (`note.create`). */
export async function createNote(
  ctx: ServiceContext,
  objectiveId: string,
  body: CreateNoteBody,
): Promise<KnowledgeNoteView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const objective = await readableObjective(trx, actor, objectiveId);
    authorize(actor, 'note.create', { type: 'objective', objective: objective.facts });
    const id = uuidv7();
    const at = ctx.now.toISOString();
    await insertNote(trx, {
      id,
      org_id: actor.orgId,
      objective_id: objectiveId,
      author_id: actor.userId,
      kind: body.kind,
      body: body.body,
      links: JSON.stringify(body.links),
      search_text: noteSearchText(objective.row.title, [body.body], body.links),
      created_at: at,
      updated_at: at,
    });
    const created = await findNote(trx, actor.orgId, id);
    if (!created) throw notFound('note');
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'note.created',
      objectType: 'knowledge_note',
      objectId: id,
      after: noteSnapshot(created),
      at: ctx.now,
    });
    return presentNote(actor, objective.facts, created);
  });
}

/** The note with its objective, authorised for `note.update` (the author only). */
async function loadForChange(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ row: KnowledgeNoteRecord; objective: LoadedObjective }> {
  const row = await findNote(db, actor.orgId, id);
  if (!row) throw notFound('note');
  const objective = await readableObjective(db, actor, row.objective_id);
  if (row.kind === 'retrospective') {
    throw new AppError(
      'conflict',
      "A retrospective changes through its objective's retrospective.",
    );
  }
  authorize(actor, 'note.update', {
    type: 'note',
    objective: objective.facts,
    authorId: row.author_id,
  });
  return { row, objective };
}

/** Changes a note's kind, text or links. */
export async function updateNote(
  ctx: ServiceContext,
  id: string,
  expected: number,
  body: UpdateNoteBody,
): Promise<KnowledgeNoteView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const { row: before, objective } = await loadForChange(trx, actor, id);
    const text = body.body ?? before.body;
    const links = body.links ?? parseLinks(before.links);
    const changed =
      before.version === expected &&
      (await updateRow(
        trx,
        actor.orgId,
        id,
        expected,
        {
          ...(body.kind ? { kind: body.kind } : {}),
          body: text,
          links: JSON.stringify(links),
          search_text: noteSearchText(objective.row.title, [text], links),
        },
        ctx.now.toISOString(),
      ));
    if (!changed) {
      const current = await findNote(trx, actor.orgId, id);
      throw current ? staleVersion(presentNote(actor, objective.facts, current)) : notFound('note');
    }
    const after = (await findNote(trx, actor.orgId, id)) ?? before;
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'note.updated',
      objectType: 'knowledge_note',
      objectId: id,
      before: noteSnapshot(before),
      after: noteSnapshot(after),
      at: ctx.now,
    });
    return presentNote(actor, objective.facts, after);
  });
}

/** Deletes a note. */
export async function deleteNote(ctx: ServiceContext, id: string, expected: number): Promise<void> {
  const { actor } = ctx;
  await inTransaction(ctx, async (trx) => {
    const { row: before, objective } = await loadForChange(trx, actor, id);
    if (before.version !== expected || !(await deleteRow(trx, actor.orgId, id, expected))) {
      const current = await findNote(trx, actor.orgId, id);
      throw current ? staleVersion(presentNote(actor, objective.facts, current)) : notFound('note');
    }
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'note.deleted',
      objectType: 'knowledge_note',
      objectId: id,
      before: noteSnapshot(before),
      at: ctx.now,
    });
  });
}
