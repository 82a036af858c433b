/**
 * Objectives as the API shows them: summaries for lists, the full view, links to parents and
 * children, tree nodes — each with the caller's abilities, and private objectives the caller may
 * not read reduced to a stub that reveals nothing but that they exist and how they progress.
 * Pure: the services load, these shape.
 */
import type {
  ApprovalView,
  CycleRefView,
  KeyResultView,
  LinkOrPrivateView,
  ObjectiveDetailView,
  ObjectiveSummaryView,
  PrivateObjectiveView,
  TreeNodeView,
} from '../contracts/api/okrs.ts';
import type { SharedProgressView } from '../contracts/api/shared-objectives.ts';
import type { Health, ObjectiveLevel, ObjectiveStatus } from '../contracts/model.ts';
import { expectedProgress } from '../domain/progress.ts';
import { can, objectiveAbilities, type Actor } from '../policy/policy.ts';
import type { CycleInfo, LoadedObjective } from '../repositories/objective-facts.ts';
import { personRef } from './key-results.ts';

export const PRIVATE_TITLE = 'A private objective';

/** Names of the people and teams an objective view refers to. */
export interface Names {
  people: ReadonlyMap<string, string>;
  teams: ReadonlyMap<string, string>;
}

function teamRef(id: string | null, names: Names): { id: string; name: string } | null {
  return id === null ? null : { id, name: names.teams.get(id) ?? 'Removed team' };
}

export function presentCycleRef(cycle: CycleInfo): CycleRefView {
  return { id: cycle.id, name: cycle.name, status: cycle.status, startDate: cycle.start_date, endDate: cycle.end_date };
}

export function privateStub(id: string, progress: number, health: string | null): PrivateObjectiveView {
  return { id, private: true, title: PRIVATE_TITLE, progress, health: health as Health | null };
}

/** Whether the actor may read the objective (the policy decides). */
export function readable(actor: Actor, loaded: LoadedObjective): boolean {
  return can(actor, 'objective.read', { type: 'objective', objective: loaded.facts });
}

/** A parent, child or breadcrumb: id, title and level, or the private stub. */
export function presentLink(actor: Actor, loaded: LoadedObjective): LinkOrPrivateView {
  const { row } = loaded;
  if (!readable(actor, loaded)) return privateStub(row.id, row.progress, row.health);
  return { id: row.id, title: row.title, level: row.level as ObjectiveLevel, progress: row.progress, health: row.health as Health | null };
}

export function presentObjectiveSummary(
  actor: Actor,
  loaded: LoadedObjective,
  extra: { tags: readonly string[]; keyResultCount: number; names: Names },
): ObjectiveSummaryView {
  const { row } = loaded;
  return {
    id: row.id,
    cycleId: row.cycle_id,
    level: row.level as ObjectiveLevel,
    title: row.title,
    rationale: row.rationale,
    owner: personRef(row.owner_id, extra.names.people),
    team: teamRef(row.team_id, extra.names),
    visibility: loaded.facts.visibility,
    status: row.status as ObjectiveStatus,
    includeChildren: row.include_children === 1,
    progress: row.progress,
    health: row.health as Health | null,
    score: row.score,
    tags: [...extra.tags],
    keyResultCount: extra.keyResultCount,
    updatedAt: row.updated_at,
    version: row.version,
    abilities: objectiveAbilities(actor, loaded.facts),
  };
}

export interface ObjectiveDetailInput {
  loaded: LoadedObjective;
  tags: readonly string[];
  names: Names;
  keyResults: KeyResultView[];
  parents: LoadedObjective[];
  children: LoadedObjective[];
  /** From the top down to the direct parent. */
  alignmentPath: LoadedObjective[];
  /** Where it stands in approval; null when it never needed approval. */
  approval: ApprovalView | null;
  /** Shared objectives: progress per contributing team. */
  sharedProgress?: SharedProgressView | null;
}

export function presentObjectiveDetail(actor: Actor, input: ObjectiveDetailInput, now: Date): ObjectiveDetailView {
  const { loaded, names } = input;
  const cycle = loaded.cycle;
  return {
    ...presentObjectiveSummary(actor, loaded, { tags: input.tags, keyResultCount: input.keyResults.length, names }),
    cycle: presentCycleRef(cycle),
    expectedProgress: expectedProgress({ startDate: cycle.start_date, endDate: cycle.end_date }, now),
    readers: loaded.facts.readerIds.map((id) => personRef(id, names.people) ?? { id, name: id }),
    contributingTeams: loaded.facts.contributingTeamIds.map((id) => teamRef(id, names) ?? { id, name: id }),
    parents: input.parents.map((p) => presentLink(actor, p)),
    children: input.children.map((c) => presentLink(actor, c)),
    alignmentPath: input.alignmentPath.map((a) => presentLink(actor, a)),
    keyResults: input.keyResults,
    approval: input.approval,
    sharedProgress: input.sharedProgress ?? null,
    createdAt: loaded.row.created_at,
  };
}

/** A node of the alignment tree; `readable` comes from the policy's list scope. */
export function presentTreeNode(
  row: { id: string; title: string; level: string; owner_id: string | null; team_id: string | null; progress: number; health: string | null; readable: number },
  parentIds: string[],
  keyResultCount: number,
): TreeNodeView {
  if (Number(row.readable) !== 1) return { ...privateStub(row.id, row.progress, row.health), parentIds };
  return {
    id: row.id,
    title: row.title,
    level: row.level as ObjectiveLevel,
    ownerId: row.owner_id,
    teamId: row.team_id,
    progress: row.progress,
    health: row.health as Health | null,
    parentIds,
    keyResultCount,
  };
}
