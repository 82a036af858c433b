/**
 * Finding what the organisation learned: text search over knowledge notes, and the notes of
 * objectives similar to one being written (the wizard). Only notes on objectives the caller may
 * read are ever returned.
 */
import type {
  KnowledgeNoteView,
  NoteSearchQuery,
  SimilarNotesQuery,
  SimilarObjectiveNotesView,
} from '../../contracts/api/knowledge.ts';
import { pageOf, type Page } from '../../contracts/api/page.ts';
import { rankSimilar, searchTerms } from '../../domain/similarity.ts';
import { listScope } from '../../policy/policy.ts';
import { presentNote } from '../../presenters/knowledge.ts';
import {
  newestNotesOf,
  objectivesWithNotes,
  searchNotes as searchRows,
} from '../../repositories/knowledge.ts';
import { loadObjectives } from '../../repositories/objective-facts.ts';
import type { ServiceContext } from '../context.ts';

/** How many objectives with notes the similarity ranking looks at, newest first. */
const SIMILARITY_CANDIDATES = 5000;
const NOTES_PER_SIMILAR_OBJECTIVE = 3;

/** Notes containing every word of `q` (any case), newest first, filtered by kind, cycle, team. */
export async function searchNotes(
  ctx: ServiceContext,
  query: NoteSearchQuery,
): Promise<Page<KnowledgeNoteView>> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  const rows = await searchRows(db, listScope(actor), {
    terms: searchTerms(query.q ?? ''),
    kind: query.kind,
    cycleId: query.cycleId,
    teamId: query.teamId,
    after: query.cursor,
    limit: query.limit,
  });
  const objectives = await loadObjectives(db, actor.orgId, [
    ...new Set(rows.map((r) => r.objective_id)),
  ]);
  const readable = rows.filter((row) => objectives.has(row.objective_id));
  return pageOf(
    readable,
    query.limit,
    (row) => row.id,
    (row) => {
      const objective = objectives.get(row.objective_id);
      if (!objective) throw new Error('unreachable: filtered above');
      return presentNote(actor, objective.facts, row);
    },
  );
}

/**
 * Objectives of other cycles whose titles share words with `title` (rarer words count more,
 * same team first; see domain/similarity.ts), each with its newest notes.
 */
export async function similarNotes(
  ctx: ServiceContext,
  query: SimilarNotesQuery,
): Promise<SimilarObjectiveNotesView> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  const candidates = (
    await objectivesWithNotes(db, listScope(actor), query.cycleId, SIMILARITY_CANDIDATES)
  ).map((row) => ({
    id: row.id,
    title: row.title,
    teamId: row.team_id,
  }));
  const ranked = rankSimilar(
    { title: query.title, teamId: query.teamId ?? null },
    candidates,
    query.limit,
  );
  const ids = ranked.map((m) => m.candidate.id);
  const [objectives, notes] = await Promise.all([
    loadObjectives(db, actor.orgId, ids),
    newestNotesOf(db, actor.orgId, ids, NOTES_PER_SIMILAR_OBJECTIVE),
  ]);
  const items: SimilarObjectiveNotesView['items'] = [];
  for (const match of ranked) {
    const objective = objectives.get(match.candidate.id);
    const rows = notes.get(match.candidate.id) ?? [];
    const first = rows[0];
    if (!objective || !first) continue;
    const presented = rows.map((row) => presentNote(actor, objective.facts, row));
    items.push({
      objective: presented[0]?.objective ?? presentNote(actor, objective.facts, first).objective,
      sameTeam: match.sameTeam,
      sharedWords: match.sharedWords,
      score: Math.round(match.score * 1000) / 1000,
      notes: presented,
    });
  }
  return { items };
}
