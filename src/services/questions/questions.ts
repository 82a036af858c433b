/**
 * The question desk: anyone asks the champions a question about OKRs, optionally about an
 * objective they may read or an announcement addressed to them; champions see the queue,
 * assign, answer (the asker is notified) and publish good answers to the FAQ, which everyone
 * searches. A question about a private objective is seen only by those who may read it.
 */
import { v7 as uuidv7 } from 'uuid';
import type {
  AskQuestionBody,
  FaqPage,
  QuestionPage,
  QuestionStatus,
  QuestionView,
  UpdateQuestionBody,
} from '../../contracts/api/questions.ts';
import { AppError } from '../../contracts/app-error.ts';
import { pageOf, type PageRequest } from '../../contracts/api/page.ts';
import { authorize, can, listScope, type Actor, type ObjectiveFacts } from '../../policy/policy.ts';
import { presentQuestion, questionSnapshot } from '../../presenters/announcements.ts';
import { renderMarkdown } from '../../presenters/markdown.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { loadObjective } from '../../repositories/objective-facts.ts';
import {
  championIds,
  findQuestion,
  insertQuestion,
  listQuestions as listRows,
  searchFaq as searchRows,
  updateQuestion as updateRow,
  type QuestionRecord,
} from '../../repositories/questions.ts';
import { notify } from '../notifications/notify.ts';
import { readableAnnouncement } from '../announcements/announcements.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { badField, notFound, staleVersion } from '../service-errors.ts';

const searchText = (parts: (string | null | undefined)[]) =>
  parts
    .filter((p): p is string => typeof p === 'string' && p !== '')
    .join('\n')
    .toLowerCase();

/** The words a search must all find, lower-cased (at most 10). */
const termsOf = (q: string | undefined) =>
  (q ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t.length > 0)
    .slice(0, 10);

async function objectiveFacts(
  db: Db,
  orgId: string,
  objectiveId: string | null,
): Promise<ObjectiveFacts | null> {
  if (!objectiveId) return null;
  const objective = await loadObjective(db, orgId, objectiveId);
  if (!objective) throw notFound('objective');
  return objective.facts;
}

/** The question, readable by the actor (its asker or the desk, and its objective's readers). */
async function readableQuestion(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ row: QuestionRecord; objective: ObjectiveFacts | null }> {
  const row = await findQuestion(db, actor.orgId, id);
  if (!row) throw notFound('question');
  const objective = await objectiveFacts(db, actor.orgId, row.objective_id);
  if (!can(actor, 'question.read', { type: 'question', askerId: row.asker_id, objective }))
    throw notFound('question');
  return { row, objective };
}

export async function getQuestion(ctx: ServiceContext, id: string): Promise<QuestionView> {
  const { row, objective } = await readableQuestion(ctx.connection.db, ctx.actor, id);
  return presentQuestion(ctx.actor, row, objective);
}

/** The desk's queue (champions: every question they may read) or the caller's own questions. */
export async function listQuestions(
  ctx: ServiceContext,
  query: PageRequest & { status?: QuestionStatus | undefined; mine: boolean },
): Promise<QuestionPage> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  const canManage = can(actor, 'question.manage', {
    type: 'question',
    askerId: null,
    objective: null,
  });
  const rows = await listRows(db, listScope(actor), {
    askerId: canManage && !query.mine ? undefined : actor.userId,
    status: query.status,
    after: query.after,
    limit: query.limit,
  });
  const shown = rows.slice(0, query.limit);
  const facts = new Map<string, ObjectiveFacts | null>();
  for (const row of shown) {
    if (row.objective_id && !facts.has(row.objective_id)) {
      facts.set(row.objective_id, await objectiveFacts(db, actor.orgId, row.objective_id));
    }
  }
  return {
    ...pageOf(
      rows,
      query.limit,
      (row) => row.id,
      (row) =>
        presentQuestion(
          actor,
          row,
          row.objective_id ? (facts.get(row.objective_id) ?? null) : null,
        ),
    ),
    canManage,
  };
}

/** Asks a question (`question.ask`); about an objective only when the asker may read it. */
export async function askQuestion(
  ctx: ServiceContext,
  body: AskQuestionBody,
): Promise<QuestionView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const objective = await objectiveFacts(trx, actor.orgId, body.objectiveId ?? null);
    authorize(actor, 'question.ask', { type: 'question', askerId: actor.userId, objective });
    if (body.announcementId) await readableAnnouncement(trx, actor, body.announcementId);
    const id = uuidv7();
    const at = ctx.now.toISOString();
    await insertQuestion(trx, {
      id,
      org_id: actor.orgId,
      asker_id: actor.userId,
      text: body.text,
      objective_id: body.objectiveId ?? null,
      announcement_id: body.announcementId ?? null,
      status: 'open',
      assignee_id: null,
      answer: null,
      answered_by: null,
      answered_at: null,
      faq_title: null,
      search_text: searchText([body.text]),
      created_at: at,
      updated_at: at,
    });
    const row = await findQuestion(trx, actor.orgId, id);
    if (!row) throw notFound('question');
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'question.asked',
      objectType: 'question',
      objectId: id,
      after: questionSnapshot(row),
      at: ctx.now,
    });
    return presentQuestion(actor, row, objective);
  });
}

/**
 * The desk's work on a question (`question.manage`, If-Match): assign it to a champion, answer it
 * (the asker is notified), publish it to the FAQ (answered ones only) under an edited title.
 */
export async function updateQuestion(
  ctx: ServiceContext,
  id: string,
  expected: number,
  body: UpdateQuestionBody,
): Promise<QuestionView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const { row: before, objective } = await readableQuestion(trx, actor, id);
    authorize(actor, 'question.manage', { type: 'question', askerId: before.asker_id, objective });
    if (body.assigneeId) {
      const champions = await championIds(trx, actor.orgId);
      if (!champions.includes(body.assigneeId))
        throw badField('assigneeId', 'names no champion of this organisation');
    }
    const assignee = body.assigneeId === undefined ? before.assignee_id : body.assigneeId;
    const answer = body.answer ?? before.answer;
    const published = body.publishedToFaq ?? before.published_to_faq === 1;
    if (published && answer === null) {
      throw new AppError('conflict', 'Answer the question before publishing it to the FAQ.');
    }
    const faqTitle = body.faqTitle === undefined ? before.faq_title : body.faqTitle;
    const status: QuestionStatus = answer !== null ? 'answered' : assignee ? 'assigned' : 'open';
    const at = ctx.now.toISOString();
    const answering = body.answer !== undefined;
    const changed =
      before.version === expected &&
      (await updateRow(
        trx,
        actor.orgId,
        id,
        expected,
        {
          status,
          assignee_id: assignee,
          answer,
          ...(answering ? { answered_by: actor.userId, answered_at: at } : {}),
          published_to_faq: published ? 1 : 0,
          faq_title: faqTitle,
          search_text: searchText([faqTitle, before.text, answer]),
        },
        at,
      ));
    if (!changed) {
      const current = await findQuestion(trx, actor.orgId, id);
      throw current
        ? staleVersion(presentQuestion(actor, current, objective))
        : notFound('question');
    }
    const after = (await findQuestion(trx, actor.orgId, id)) ?? before;
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: answering ? 'question.answered' : 'question.updated',
      objectType: 'question',
      objectId: id,
      before: questionSnapshot(before),
      after: questionSnapshot(after),
      at: ctx.now,
    });
    if (answering && before.asker_id) {
      await notify(trx, {
        orgId: actor.orgId,
        kind: 'answer',
        actorId: actor.userId,
        recipients: [before.asker_id],
        title: `Your question was answered: ${before.text}`,
        body: answer,
        link: `/questions?question=${id}`,
        subject: { type: 'question', id },
        at: ctx.now,
      });
    }
    return presentQuestion(actor, after, objective);
  });
}

/** Published answers containing every word of `q`, about nothing or what the caller may read. */
export async function searchFaq(
  ctx: ServiceContext,
  query: PageRequest & { q?: string | undefined },
): Promise<FaqPage> {
  const { actor } = ctx;
  authorize(actor, 'faq.read', { type: 'organisation' });
  const rows = await searchRows(ctx.connection.db, listScope(actor), {
    terms: termsOf(query.q),
    after: query.after,
    limit: query.limit,
  });
  return pageOf(
    rows,
    query.limit,
    (row) => row.id,
    (row) => ({
      id: row.id,
      title: row.faq_title ?? row.text,
      question: row.text,
      answer: row.answer ?? '',
      answerHtml: renderMarkdown(row.answer ?? ''),
      objective: row.objective_id
        ? { id: row.objective_id, title: row.objective_title ?? '' }
        : null,
      answeredAt: row.answered_at,
    }),
  );
}
