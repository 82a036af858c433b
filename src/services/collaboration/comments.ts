/** Discussion on objectives and key results: readers comment, authors edit and delete their own. */
import { v7 as uuidv7 } from 'uuid';
import type { CommentView } from '../../contracts/api/collaboration.ts';
import { pageOf, type Page, type PageRequest } from '../../contracts/api/page.ts';
import { authorize, type Actor, type ObjectiveFacts, type Resource } from '../../policy/policy.ts';
import { commentSnapshot, presentComment } from '../../presenters/collaboration.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  deleteComment as deleteRow,
  findComment,
  insertComment,
  listCommentRecords,
  updateComment as updateRow,
  type CommentRecord,
} from '../../repositories/comments.ts';
import { loadKeyResult, loadObjective } from '../../repositories/objective-facts.ts';
import { commentRow } from '../../repositories/rows.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { noticeMentions } from '../notifications/notices.ts';
import { notFound, staleVersion } from '../service-errors.ts';

/** What a comment is on: an objective itself or one of its key results. */
export type CommentTarget = { objectiveId: string } | { keyResultId: string };

interface LoadedTarget {
  objectiveId: string;
  facts: ObjectiveFacts;
  resource: Resource;
}

/** The target with the facts the policy needs; 404 when it is missing or the actor cannot read it. */
async function loadTarget(db: Db, actor: Actor, target: CommentTarget): Promise<LoadedTarget> {
  let loaded: LoadedTarget;
  if ('objectiveId' in target) {
    const objective = await loadObjective(db, actor.orgId, target.objectiveId);
    if (!objective) throw notFound('objective');
    loaded = {
      objectiveId: objective.row.id,
      facts: objective.facts,
      resource: { type: 'objective', objective: objective.facts },
    };
  } else {
    const keyResult = await loadKeyResult(db, actor.orgId, target.keyResultId);
    if (!keyResult) throw notFound('key result');
    const resource: Resource = {
      type: 'key_result',
      objective: keyResult.objective.facts,
      keyResult: keyResult.facts,
    };
    loaded = {
      objectiveId: keyResult.row.objective_id,
      facts: keyResult.objective.facts,
      resource,
    };
  }
  authorize(actor, 'objective.read', { type: 'objective', objective: loaded.facts });
  return loaded;
}

/** Comments on the objective itself, or on the key result, oldest first. */
export async function listComments(
  ctx: ServiceContext,
  target: CommentTarget,
  page: PageRequest,
): Promise<Page<CommentView>> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  const { facts } = await loadTarget(db, actor, target);
  const rows = await listCommentRecords(db, actor.orgId, target, page);
  return pageOf(
    rows,
    page.limit,
    (row) => row.id,
    (row) => presentComment(actor, facts, row),
  );
}

async function objectiveTitle(db: Db, objectiveId: string): Promise<string> {
  const row = await db.selectFrom('objectives').select('title').where('id', '=', objectiveId).executeTakeFirst();
  return row?.title ?? 'an objective';
}

/** Adds a comment (`comment.create`: anyone who can read the objective, while its cycle is open). */
export async function createComment(
  ctx: ServiceContext,
  target: CommentTarget,
  body: string,
): Promise<CommentView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const loaded = await loadTarget(trx, actor, target);
    authorize(actor, 'comment.create', loaded.resource);
    const id = uuidv7();
    const on =
      'objectiveId' in target
        ? { objectiveId: target.objectiveId }
        : { keyResultId: target.keyResultId };
    await insertComment(
      trx,
      commentRow({
        id,
        orgId: actor.orgId,
        ...on,
        authorId: actor.userId,
        body,
        createdAt: ctx.now.toISOString(),
      }),
    );
    const created = await findComment(trx, actor.orgId, id);
    if (!created) throw notFound('comment');
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'comment.created',
      objectType: 'comment',
      objectId: id,
      after: commentSnapshot(created, loaded.objectiveId),
      at: ctx.now,
    });
    await noticeMentions(
      trx,
      { orgId: actor.orgId, actorId: actor.userId, at: ctx.now },
      { id, body },
      { id: loaded.objectiveId, title: await objectiveTitle(trx, loaded.objectiveId), facts: loaded.facts },
    );
    return presentComment(actor, loaded.facts, created);
  });
}

/** The comment with its objective, authorised for `comment.update` (the author only). */
async function loadForChange(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ row: CommentRecord; target: LoadedTarget }> {
  const row = await findComment(db, actor.orgId, id);
  if (!row) throw notFound('comment');
  const on: CommentTarget | null = row.objective_id
    ? { objectiveId: row.objective_id }
    : row.key_result_id
      ? { keyResultId: row.key_result_id }
      : null;
  if (!on) throw notFound('comment');
  const target = await loadTarget(db, actor, on);
  authorize(actor, 'comment.update', {
    type: 'comment',
    objective: target.facts,
    authorId: row.author_id,
  });
  return { row, target };
}

/** Rewrites a comment's body. */
export async function updateComment(
  ctx: ServiceContext,
  id: string,
  expected: number,
  body: string,
): Promise<CommentView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const { row: before, target } = await loadForChange(trx, actor, id);
    if (
      before.version !== expected ||
      !(await updateRow(trx, actor.orgId, id, expected, body, ctx.now.toISOString()))
    ) {
      const current = await findComment(trx, actor.orgId, id);
      throw current
        ? staleVersion(presentComment(actor, target.facts, current))
        : notFound('comment');
    }
    const after = (await findComment(trx, actor.orgId, id)) ?? before;
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'comment.updated',
      objectType: 'comment',
      objectId: id,
      before: commentSnapshot(before, target.objectiveId),
      after: commentSnapshot(after, target.objectiveId),
      at: ctx.now,
    });
    await noticeMentions(
      trx,
      { orgId: actor.orgId, actorId: actor.userId, at: ctx.now },
      { id, body: after.body, previousBody: before.body },
      { id: target.objectiveId, title: await objectiveTitle(trx, target.objectiveId), facts: target.facts },
    );
    return presentComment(actor, target.facts, after);
  });
}

/** Deletes a comment. */
export async function deleteComment(
  ctx: ServiceContext,
  id: string,
  expected: number,
): Promise<void> {
  const { actor } = ctx;
  await inTransaction(ctx, async (trx) => {
    const { row: before, target } = await loadForChange(trx, actor, id);
    if (before.version !== expected || !(await deleteRow(trx, actor.orgId, id, expected))) {
      const current = await findComment(trx, actor.orgId, id);
      throw current
        ? staleVersion(presentComment(actor, target.facts, current))
        : notFound('comment');
    }
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'comment.deleted',
      objectType: 'comment',
      objectId: id,
      before: commentSnapshot(before, target.objectiveId),
      at: ctx.now,
    });
  });
}
