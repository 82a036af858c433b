/**
 * A retrospective per objective — what went well, what did not, what we learned — written while
 * the cycle is graded. It is stored as the objective's knowledge note of kind `retrospective`, so
 * the organisation's note search and the wizard's "notes from similar objectives" find it.
 */
import { v7 as uuidv7 } from 'uuid';
import type { RetrospectiveView } from '../../contracts/api/knowledge.ts';
import { authorize, type Actor } from '../../policy/policy.ts';
import { noteSnapshot, presentNote, presentRetrospective } from '../../presenters/knowledge.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  findRetrospectiveNote,
  insertNote,
  listObjectiveNotes,
  updateNote,
  type KnowledgeNoteRecord,
} from '../../repositories/knowledge.ts';
import type { LoadedObjective } from '../../repositories/objective-facts.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { staleVersion } from '../service-errors.ts';
import { noteSearchText, readableObjective } from './notes.ts';

export interface RetrospectiveAnswers {
  wentWell: string;
  wentBadly: string;
  learned: string;
}

/** The note's Markdown: the three answers under their questions (empty answers left out). */
export function retrospectiveMarkdown(answers: RetrospectiveAnswers): string {
  const sections: [string, string][] = [
    ['What went well', answers.wentWell],
    ['What did not go well', answers.wentBadly],
    ['What we learned', answers.learned],
  ];
  return sections
    .filter(([, text]) => text.trim() !== '')
    .map(([question, text]) => `### ${question}\n\n${text.trim()}`)
    .join('\n\n');
}

/** How many of the objective's other notes the retrospective shows. */
const NOTES_SHOWN = 50;

async function view(
  db: Db,
  actor: Actor,
  objective: LoadedObjective,
  row: KnowledgeNoteRecord | undefined,
): Promise<RetrospectiveView> {
  const notes = (
    await listObjectiveNotes(db, actor.orgId, objective.row.id, { limit: NOTES_SHOWN })
  )
    .slice(0, NOTES_SHOWN)
    .filter((note) => note.kind !== 'retrospective')
    .map((note) => presentNote(actor, objective.facts, note));
  return presentRetrospective(actor, objective.row.id, objective.facts, row, notes);
}

/** The objective's retrospective (version 0 until written) with its other notes. */
export async function getRetrospective(
  ctx: ServiceContext,
  objectiveId: string,
): Promise<RetrospectiveView> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  const objective = await readableObjective(db, actor, objectiveId);
  return view(db, actor, objective, await findRetrospectiveNote(db, actor.orgId, objectiveId));
}

/** Writes or rewrites the retrospective (`retrospective.write`: owners, leads, executives). */
export async function writeRetrospective(
  ctx: ServiceContext,
  objectiveId: string,
  expected: number,
  answers: RetrospectiveAnswers,
): Promise<RetrospectiveView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const objective = await readableObjective(trx, actor, objectiveId);
    authorize(actor, 'retrospective.write', { type: 'objective', objective: objective.facts });
    const before = await findRetrospectiveNote(trx, actor.orgId, objectiveId);
    if ((before?.version ?? 0) !== expected)
      throw staleVersion(await view(trx, actor, objective, before));
    const body = retrospectiveMarkdown(answers);
    const fields = {
      body,
      went_well: answers.wentWell,
      went_badly: answers.wentBadly,
      learned: answers.learned,
      author_id: actor.userId,
      search_text: noteSearchText(objective.row.title, [body], []),
    };
    const at = ctx.now.toISOString();
    let id = before?.id;
    if (before) {
      if (!(await updateNote(trx, actor.orgId, before.id, expected, fields, at))) {
        throw staleVersion(
          await view(
            trx,
            actor,
            objective,
            await findRetrospectiveNote(trx, actor.orgId, objectiveId),
          ),
        );
      }
    } else {
      id = uuidv7();
      await insertNote(trx, {
        id,
        org_id: actor.orgId,
        objective_id: objectiveId,
        kind: 'retrospective',
        links: '[]',
        created_at: at,
        updated_at: at,
        ...fields,
      });
    }
    const after = await findRetrospectiveNote(trx, actor.orgId, objectiveId);
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: before ? 'retrospective.updated' : 'retrospective.created',
      objectType: 'knowledge_note',
      objectId: id ?? null,
      before: before ? noteSnapshot(before) : null,
      after: after ? noteSnapshot(after) : null,
      at: ctx.now,
    });
    return view(trx, actor, objective, after);
  });
}
