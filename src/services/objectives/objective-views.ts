/**
 * Loading what the objective views show and presenting it for the caller: the full view of one
 * objective, summaries of many, and the 404 that missing, foreign and unreadable objectives share.
 * Used inside the transactions of the objective and key-result use cases.
 */
import type { ObjectiveDetailView, ObjectiveSummaryView } from '../../contracts/api/okrs.ts';
import { presentKeyResult } from '../../presenters/key-results.ts';
import { presentObjectiveDetail, presentObjectiveSummary, readable } from '../../presenters/objectives.ts';
import { authorize, type Actor } from '../../policy/policy.ts';
import { keyResultsOf } from '../../repositories/key-results.ts';
import { loadObjective, loadObjectives, loadObjectivesAndTeams, type LoadedObjective } from '../../repositories/objective-facts.ts';
import {
  childEdges,
  keyResultCounts,
  edgesAbove,
  peopleNames,
  tagsOf,
  teamNames,
} from '../../repositories/objectives.ts';
import { carriedCopies } from '../../repositories/cycle-work.ts';
import { dependencyRisksOf } from '../collaboration/dependency-risk.ts';
import { sharedProgressOf } from '../collaboration/shared-progress.ts';
import type { Db } from '../context.ts';
import { notFound, staleVersion } from '../service-errors.ts';
import { approvalViewOf } from './approval-view.ts';

/** The objective, or 404 when it is missing, in another organisation, or not readable by the actor. */
export async function readableObjective(db: Db, actor: Actor, id: string): Promise<LoadedObjective> {
  const loaded = await loadObjective(db, actor.orgId, id);
  if (!loaded) throw notFound('objective');
  authorize(actor, 'objective.read', { type: 'objective', objective: loaded.facts });
  return loaded;
}

/** Follows each objective's first (oldest) parent up from `id`: the breadcrumbs, top first. */
function firstParentPath(id: string, edges: { childId: string; parentId: string }[]): string[] {
  const firstParent = new Map<string, string>();
  for (const edge of edges) if (!firstParent.has(edge.childId)) firstParent.set(edge.childId, edge.parentId);
  const path: string[] = [];
  const seen = new Set([id]);
  for (let next = firstParent.get(id); next !== undefined && !seen.has(next); next = firstParent.get(next)) {
    seen.add(next);
    path.unshift(next);
  }
  return path;
}

/** The full view of an objective the actor may read: key results, alignment, names, abilities. */
export async function objectiveDetail(db: Db, actor: Actor, loaded: LoadedObjective, now: Date): Promise<ObjectiveDetailView> {
  const orgId = actor.orgId;
  const id = loaded.row.id;
  const [upEdges, downEdges, tags, keyResults] = await Promise.all([
    edgesAbove(db, orgId, id),
    childEdges(db, orgId, [id]),
    tagsOf(db, orgId, [id]),
    keyResultsOf(db, orgId, [id]),
  ]);
  const parentIds = upEdges.filter((e) => e.childId === id).map((e) => e.parentId);
  const childIds = downEdges.map((e) => e.childId);
  const pathIds = firstParentPath(id, upEdges);
  const krOwners = keyResults.map((k) => k.owner_id);
  const [{ objectives: related, teamsOf: ownerTeams }, people, teams, risks, approval, sharedProgress] = await Promise.all([
    loadObjectivesAndTeams(db, orgId, [...new Set([...parentIds, ...childIds, ...pathIds])], krOwners),
    peopleNames(db, orgId, [loaded.row.owner_id, ...loaded.facts.readerIds, ...krOwners]),
    teamNames(db, orgId, [loaded.row.team_id, ...loaded.facts.contributingTeamIds]),
    dependencyRisksOf(db, actor, keyResults.map((k) => k.id)),
    approvalViewOf(db, actor, loaded),
    sharedProgressOf(db, actor, loaded, keyResults),
  ]);
  const pick = (ids: string[]) => ids.flatMap((x) => related.get(x) ?? []);
  const detail = presentObjectiveDetail(
    actor,
    {
      loaded,
      tags: tags.get(id) ?? [],
      names: { people, teams },
      keyResults: keyResults.map((k) =>
        presentKeyResult(actor, loaded.facts, k, (k.owner_id && ownerTeams.get(k.owner_id)) || [], people, risks.get(k.id) ?? null),
      ),
      parents: pick(parentIds),
      children: pick(childIds),
      alignmentPath: pick(pathIds),
      approval,
      sharedProgress,
    },
    now,
  );
  return { ...detail, carried: await carriedLinks(db, actor, loaded) };
}

/** The objective it was carried from and the copies carried from it, those the actor may read. */
async function carriedLinks(db: Db, actor: Actor, loaded: LoadedObjective): Promise<NonNullable<ObjectiveDetailView['carried']>> {
  const orgId = actor.orgId;
  const copies = await carriedCopies(db, orgId, [loaded.row.id]);
  const fromId = loaded.row.carried_from_id;
  const ids = [...(fromId ? [fromId] : []), ...copies.map((c) => c.id)];
  if (ids.length === 0) return { from: null, into: [] };
  const objectives = await loadObjectives(db, orgId, ids);
  const link = (id: string) => {
    const o = objectives.get(id);
    return o && readable(actor, o) ? [{ id, title: o.row.title, cycle: { id: o.cycle.id, name: o.cycle.name } }] : [];
  };
  return { from: fromId ? (link(fromId)[0] ?? null) : null, into: copies.flatMap((c) => link(c.id)) };
}

/**
 * Throws 412 with the objective's current view (or 404 when it is gone): the caller's version
 * is not the stored one.
 */
export async function staleObjective(db: Db, actor: Actor, id: string, now: Date): Promise<never> {
  const loaded = await loadObjective(db, actor.orgId, id);
  if (!loaded || !readable(actor, loaded)) throw notFound('objective');
  const current = await objectiveDetail(db, actor, loaded, now);
  throw staleVersion(current);
}

/** Summaries of these objectives in the given order, leaving out any the actor may not read. */
export async function objectiveSummaries(db: Db, actor: Actor, ids: readonly string[]): Promise<ObjectiveSummaryView[]> {
  const orgId = actor.orgId;
  const loaded = await loadObjectives(db, orgId, [...ids]);
  const visible = ids.flatMap((id) => {
    const found = loaded.get(id);
    return found && readable(actor, found) ? [found] : [];
  });
  const visibleIds = visible.map((o) => o.row.id);
  const [tags, counts, people, teams] = await Promise.all([
    tagsOf(db, orgId, visibleIds),
    keyResultCounts(db, orgId, visibleIds),
    peopleNames(db, orgId, visible.map((o) => o.row.owner_id)),
    teamNames(db, orgId, visible.map((o) => o.row.team_id)),
  ]);
  return visible.map((o) =>
    presentObjectiveSummary(actor, o, {
      tags: tags.get(o.row.id) ?? [],
      keyResultCount: counts.get(o.row.id) ?? 0,
      names: { people, teams },
    }),
  );
}
