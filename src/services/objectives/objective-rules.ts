/**
 * Checks shared by creating and changing objectives: the people and teams named exist in the
 * organisation, each level has what it needs, the policy facts of a draft, and whether a set of
 * parents may be aligned to (levels, enclosing cycles, loops, closed cycles).
 */
import { AppError, type FieldError } from '../../contracts/app-error.ts';
import type { ObjectiveLevel, Visibility } from '../../contracts/model.ts';
import { checkAlignment, type AlignmentNode } from '../../domain/alignment.ts';
import { cycleAllows } from '../../domain/cycle.ts';
import { readable } from '../../presenters/objectives.ts';
import { can, type Actor, type ObjectiveFacts } from '../../policy/policy.ts';
import { descendantIds } from '../../repositories/alignment-queries.ts';
import { loadObjectives, type CycleInfo, type LoadedObjective } from '../../repositories/objective-facts.ts';
import { childEdges, membersAmong, teamsAmong, teamsOfPeople } from '../../repositories/objectives.ts';
import type { Db } from '../context.ts';

/** An objective as it would be after a create or change. */
export interface ObjectiveDraft {
  level: ObjectiveLevel;
  ownerId: string | null;
  teamId: string | null;
  visibility: Visibility;
  readerIds: string[];
  contributingTeamIds: string[];
  cycle: CycleInfo;
}

/** The values, each once, in first-seen order. */
export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** 400 listing every bad field at once. */
export function badInput(errors: FieldError[]): AppError {
  return new AppError('bad_input', errors.map((e) => `${e.path} ${e.message}`).join('; '), errors);
}

/** What each level needs: an individual objective an owner, a team objective a team. */
export function levelProblems(draft: Pick<ObjectiveDraft, 'level' | 'ownerId' | 'teamId'>): FieldError[] {
  if (draft.level === 'individual' && draft.ownerId === null) return [{ path: 'body.ownerId', message: 'is required for an individual objective' }];
  if (draft.level === 'team' && draft.teamId === null) return [{ path: 'body.teamId', message: 'is required for a team objective' }];
  return [];
}

/** The named people are members and the named teams exist; only what `check` lists is looked at. */
export async function referenceProblems(
  db: Db,
  orgId: string,
  check: { ownerId?: string | null; teamId?: string | null; readerIds?: string[]; contributingTeamIds?: string[] },
): Promise<FieldError[]> {
  const people = [...(check.ownerId ? [check.ownerId] : []), ...(check.readerIds ?? [])];
  const teams = [...(check.teamId ? [check.teamId] : []), ...(check.contributingTeamIds ?? [])];
  const [members, existingTeams] = await Promise.all([membersAmong(db, orgId, people), teamsAmong(db, orgId, teams)]);
  const problems: FieldError[] = [];
  if (check.ownerId && !members.has(check.ownerId)) problems.push({ path: 'body.ownerId', message: 'is not a member of this organisation' });
  if (check.teamId && !existingTeams.has(check.teamId)) problems.push({ path: 'body.teamId', message: 'is not a team of this organisation' });
  (check.readerIds ?? []).forEach((id, i) => {
    if (!members.has(id)) problems.push({ path: `body.readerIds.${i}`, message: 'is not a member of this organisation' });
  });
  (check.contributingTeamIds ?? []).forEach((id, i) => {
    if (!existingTeams.has(id)) problems.push({ path: `body.contributingTeamIds.${i}`, message: 'is not a team of this organisation' });
  });
  return problems;
}

/** The policy facts of a draft (the owner's teams looked up). */
export async function draftFacts(db: Db, orgId: string, draft: ObjectiveDraft): Promise<ObjectiveFacts> {
  const ownerTeams = await teamsOfPeople(db, orgId, [draft.ownerId]);
  return {
    level: draft.level,
    ownerId: draft.ownerId,
    teamId: draft.teamId,
    visibility: draft.visibility,
    readerIds: draft.readerIds,
    contributingTeamIds: draft.contributingTeamIds,
    ownerTeamIds: (draft.ownerId && ownerTeams.get(draft.ownerId)) || [],
    cycleStatus: draft.cycle.status,
  };
}

/** 400 when the actor could not read the objective as drafted (a private one without them). */
export function assertStaysReadable(actor: Actor, facts: ObjectiveFacts): void {
  if (!can(actor, 'objective.read', { type: 'objective', objective: facts })) {
    throw badInput([{ path: 'body.readerIds', message: 'must include you, or you could not see this private objective' }]);
  }
}

function nodeOf(id: string, level: ObjectiveLevel, cycle: CycleInfo): AlignmentNode {
  return { id, level, cycle: { startDate: cycle.start_date, endDate: cycle.end_date } };
}

/**
 * Checks aligning `child` to `parentIds` and returns the loaded parents. Parents that are
 * missing or unreadable are a 400 (`paths[i]`); a parent in a cycle that takes no edits is a 409
 * `cycle_closed`; wrong levels and cycles that do not enclose the child's are a 400; a loop is a
 * 409 `alignment_loop` naming the path.
 */
export async function checkParents(
  db: Db,
  actor: Actor,
  child: { id: string; level: ObjectiveLevel; cycle: CycleInfo; isNew: boolean },
  parentIds: string[],
  pathOf: (index: number) => string,
): Promise<LoadedObjective[]> {
  if (parentIds.length === 0) return [];
  const loaded = await loadObjectives(db, actor.orgId, unique(parentIds));
  const missing: FieldError[] = [];
  parentIds.forEach((id, i) => {
    const parent = loaded.get(id);
    if (!parent || !readable(actor, parent)) missing.push({ path: pathOf(i), message: 'is not an objective you can see' });
  });
  if (missing.length > 0) throw badInput(missing);
  const parents = parentIds.map((id) => loaded.get(id) as LoadedObjective);
  const frozen = parents.find((p) => !cycleAllows(p.cycle.status, 'edit_okrs'));
  if (frozen) throw new AppError('cycle_closed', `The parent objective's cycle is ${frozen.cycle.status}; its alignment cannot change.`);

  // Objectives below the child: aligning the child to one of them would close a loop.
  const below = child.isNew ? [] : await descendantIds(db, child.id);
  const edges = child.isNew ? [] : await childEdges(db, actor.orgId, [child.id, ...below]);
  const problems = checkAlignment(
    nodeOf(child.id, child.level, child.cycle),
    parents.map((p) => nodeOf(p.row.id, p.facts.level, p.cycle)),
    edges,
  );
  const loop = problems.find((p) => p.code === 'alignment_loop');
  if (loop) {
    const index = parentIds.indexOf(loop.parentId);
    throw new AppError('alignment_loop', loop.message, [{ path: pathOf(index), message: (loop.path ?? []).join(' -> ') }]);
  }
  if (problems.length > 0) {
    throw badInput(problems.map((p) => ({ path: pathOf(parentIds.indexOf(p.parentId)), message: p.message })));
  }
  return parents;
}
