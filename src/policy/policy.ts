/**
 * The policy module: the only place that reads roles. `can()` answers from the grants in
 * ./rules.ts; `authorize()` turns a "no" into the right error (404 when the caller may not even
 * see the resource, 409 for a closed cycle, 403 otherwise); `abilitiesFor…()` give the
 * per-object abilities the API sends so clients never re-implement the rules; `listScope()` is
 * what list queries filter by.
 */
import { AppError } from '../contracts/app-error.ts';
import type { CycleStatus, ObjectiveLevel, OrgRole, Visibility } from '../contracts/model.ts';
import { cycleAllows } from '../domain/cycle.ts';
import { CYCLE_STATES, GRANTS, READ_ACTIONS, type Action, type Grant, type Relation } from './rules.ts';

/** Who is acting, as loaded once per request. */
export interface Actor {
  userId: string;
  orgId: string;
  roles: ReadonlySet<OrgRole>;
  /** Teams the actor is in (as member or lead). */
  teamIds: ReadonlySet<string>;
  /** Teams the actor leads. */
  leadTeamIds: ReadonlySet<string>;
}

/** The facts about an objective the rules look at. */
export interface ObjectiveFacts {
  level: ObjectiveLevel;
  ownerId: string | null;
  teamId: string | null;
  visibility: Visibility;
  readerIds: readonly string[];
  contributingTeamIds: readonly string[];
  /** Teams the objective's owner is in. */
  ownerTeamIds: readonly string[];
  cycleStatus: CycleStatus;
}

export interface KeyResultFacts {
  ownerId: string | null;
  ownerTeamIds: readonly string[];
}

export type Resource =
  | { type: 'organisation' }
  | { type: 'objective'; objective: ObjectiveFacts }
  | { type: 'key_result'; objective: ObjectiveFacts; keyResult: KeyResultFacts }
  | { type: 'comment'; objective: ObjectiveFacts; authorId: string | null }
  | { type: 'note'; objective: ObjectiveFacts; authorId: string | null }
  | {
      type: 'collaboration_request';
      /** The objective the help is asked for: its readers see the request, its cycle rules it. */
      objective: ObjectiveFacts;
      fromTeamId: string;
      toTeamId: string;
    }
  | { type: 'person'; userId: string }
  /** An announcement: `recipient` when the actor is in its audience. */
  | { type: 'announcement'; recipient: boolean }
  /** A question, optionally about an objective: only that objective's readers see it. */
  | { type: 'question'; askerId: string | null; objective: ObjectiveFacts | null }
  | { type: 'team'; teamId: string }
  | { type: 'kpi'; ownerId: string | null }
  | { type: 'import_mapping'; authorId: string | null };

function objectiveOf(resource: Resource): ObjectiveFacts | null {
  return resource.type === 'objective' ||
    resource.type === 'key_result' ||
    resource.type === 'comment' ||
    resource.type === 'note' ||
    resource.type === 'collaboration_request'
    ? resource.objective
    : resource.type === 'question'
      ? resource.objective
      : null;
}

function hasRole(actor: Actor, role: Grant['role']): boolean {
  return role === 'member' || actor.roles.has(role);
}

function canReadObjective(actor: Actor, objective: ObjectiveFacts): boolean {
  return (
    objective.visibility === 'public' ||
    objective.ownerId === actor.userId ||
    objective.readerIds.includes(actor.userId) ||
    actor.roles.has('admin')
  );
}

function holds(actor: Actor, relation: Relation, resource: Resource): boolean {
  const objective = objectiveOf(resource);
  const leadsAny = (teamIds: readonly string[]) => teamIds.some((id) => actor.leadTeamIds.has(id));
  switch (relation) {
    case 'owner':
      return objective !== null && objective.ownerId === actor.userId;
    case 'team_lead':
      return objective?.teamId != null && actor.leadTeamIds.has(objective.teamId);
    case 'owner_team_lead':
      return objective !== null && objective.ownerId !== actor.userId && leadsAny(objective.ownerTeamIds);
    case 'contributing_team_lead':
      return objective !== null && leadsAny(objective.contributingTeamIds);
    case 'kr_owner':
      return resource.type === 'key_result' && resource.keyResult.ownerId === actor.userId;
    case 'kr_team_lead':
      return (
        resource.type === 'key_result' &&
        objective !== null &&
        leadsAny(resource.keyResult.ownerTeamIds.filter((t) => objective.contributingTeamIds.includes(t)))
      );
    case 'author':
      return (
        (resource.type === 'comment' || resource.type === 'note' || resource.type === 'import_mapping') &&
        resource.authorId === actor.userId
      );
    case 'reader':
      return objective === null || canReadObjective(actor, objective);
    case 'self':
      return resource.type === 'person' && resource.userId === actor.userId;
    case 'leads_team':
      return resource.type === 'team' && actor.leadTeamIds.has(resource.teamId);
    case 'requesting_team_member':
      return resource.type === 'collaboration_request' && actor.teamIds.has(resource.fromTeamId);
    case 'asked_team_lead':
      return resource.type === 'collaboration_request' && actor.leadTeamIds.has(resource.toTeamId);
    case 'kpi_owner':
      return resource.type === 'kpi' && resource.ownerId !== null && resource.ownerId === actor.userId;
    case 'recipient':
      return resource.type === 'announcement' && resource.recipient;
    case 'asker':
      return resource.type === 'question' && resource.askerId === actor.userId;
    default: {
      const unreachable: never = relation;
      return unreachable;
    }
  }
}

function grantApplies(actor: Actor, grant: Grant, resource: Resource): boolean {
  if (!hasRole(actor, grant.role)) return false;
  if (grant.levels) {
    const objective = objectiveOf(resource);
    if (!objective || !grant.levels.includes(objective.level)) return false;
  }
  return grant.relation === undefined || holds(actor, grant.relation, resource);
}

/** What a "yes" allows: everything, or only the wording (the champion coaching). */
export type Scope = 'full' | 'wording' | 'none';

/** The widest scope any grant gives for the action, ignoring cycle state and visibility. */
function grantedScope(actor: Actor, action: Action, resource: Resource): Scope {
  let scope: Scope = 'none';
  for (const grant of GRANTS[action]) {
    if (!grantApplies(actor, grant, resource)) continue;
    if (!grant.wordingOnly) return 'full';
    scope = 'wording';
  }
  return scope;
}

function cycleBlocks(action: Action, resource: Resource): boolean {
  const objective = objectiveOf(resource);
  if (!objective || READ_ACTIONS.has(action)) return false;
  const states = CYCLE_STATES[action];
  if (states) return !states.includes(objective.cycleStatus);
  if (action === 'key_result.check_in') return !cycleAllows(objective.cycleStatus, 'check_in');
  if (action === 'comment.create' || action === 'comment.update') return objective.cycleStatus === 'closed';
  return !cycleAllows(objective.cycleStatus, action === 'objective.create' ? 'create_okrs' : 'edit_okrs');
}

/** The scope of what the actor may do: `none` when the rules, visibility or cycle forbid it. */
export function scopeOf(actor: Actor, action: Action, resource: Resource): Scope {
  const objective = objectiveOf(resource);
  if (objective && !canReadObjective(actor, objective)) return 'none';
  if (cycleBlocks(action, resource)) return 'none';
  return grantedScope(actor, action, resource);
}

/** May the actor do this at all (fully or in part)? */
export function can(actor: Actor, action: Action, resource: Resource): boolean {
  return scopeOf(actor, action, resource) !== 'none';
}

/**
 * Throws unless the actor may do the action: `not_found` when they may not see the resource
 * (missing and invisible look the same), `cycle_closed` when the cycle forbids it, `forbidden`
 * otherwise. Returns the scope granted.
 */
export function authorize(actor: Actor, action: Action, resource: Resource): Exclude<Scope, 'none'> {
  const objective = objectiveOf(resource);
  if (objective && !canReadObjective(actor, objective)) throw new AppError('not_found', 'Not found.');
  if (cycleBlocks(action, resource) && grantedScope(actor, action, resource) !== 'none') {
    throw new AppError(
      'cycle_closed',
      objective?.cycleStatus === 'closed'
        ? 'The cycle is closed; its OKRs are read-only.'
        : CYCLE_STATES[action]?.length === 1
          ? `The cycle is in ${objective?.cycleStatus ?? 'its current'} state; this is done in ${CYCLE_STATES[action]?.[0] ?? ''}.`
        : `The cycle is in ${objective?.cycleStatus ?? 'its current'} state, which does not allow this.`,
    );
  }
  const scope = scopeOf(actor, action, resource);
  if (scope === 'none') throw new AppError('forbidden', 'You are not allowed to do this.');
  return scope;
}

/** Lets a list query show only what the actor may read. */
export interface ListScope {
  orgId: string;
  userId: string;
  /** Admins read private objectives too. */
  readsAllPrivate: boolean;
}

export function listScope(actor: Actor): ListScope {
  return { orgId: actor.orgId, userId: actor.userId, readsAllPrivate: actor.roles.has('admin') };
}

export interface ObjectiveAbilities {
  canEdit: boolean;
  canEditWordingOnly: boolean;
  canDelete: boolean;
  canAddKeyResult: boolean;
  canComment: boolean;
  /** May move it to another cycle or team ('objective.move'). */
  canMove: boolean;
  /**
   * May copy it, with its key results, into a cycle open for new objectives: the copy is judged
   * as a new objective ('objective.create') of the same level, owner and team.
   */
  canDuplicate: boolean;
}

export function objectiveAbilities(actor: Actor, objective: ObjectiveFacts): ObjectiveAbilities {
  const resource: Resource = { type: 'objective', objective };
  const edit = scopeOf(actor, 'objective.update', resource);
  return {
    canEdit: edit !== 'none',
    canEditWordingOnly: edit === 'wording',
    canDelete: can(actor, 'objective.delete', resource),
    canAddKeyResult: can(actor, 'key_result.create', resource),
    canComment: can(actor, 'comment.create', resource),
    canMove: can(actor, 'objective.move', resource),
    // The copy may go to another cycle: judged as if in one that takes new objectives.
    canDuplicate: can(actor, 'objective.create', { type: 'objective', objective: { ...objective, cycleStatus: 'active' } }),
  };
}

export interface KeyResultAbilities {
  canEdit: boolean;
  canEditWordingOnly: boolean;
  canDelete: boolean;
  canCheckIn: boolean;
  canManageInitiatives: boolean;
  /** May move it to another objective ('key_result.move'; the destination is judged too). */
  canMove: boolean;
  /** Record that it depends on another key result, and resolve or delete those dependencies. */
  canManageDependencies: boolean;
}

export function keyResultAbilities(actor: Actor, objective: ObjectiveFacts, keyResult: KeyResultFacts): KeyResultAbilities {
  const resource: Resource = { type: 'key_result', objective, keyResult };
  const edit = scopeOf(actor, 'key_result.update', resource);
  return {
    canEdit: edit !== 'none',
    canEditWordingOnly: edit === 'wording',
    canDelete: can(actor, 'key_result.delete', resource),
    canCheckIn: can(actor, 'key_result.check_in', resource),
    canManageInitiatives: can(actor, 'initiative.manage', resource),
    canManageDependencies: can(actor, 'dependency.manage', resource),
    canMove: can(actor, 'key_result.move', resource),
  };
}

export interface TeamReviewAbilities {
  canMarkReviewed: boolean;
}

export function teamReviewAbilities(actor: Actor, teamId: string): TeamReviewAbilities {
  return { canMarkReviewed: can(actor, 'team_review.mark', { type: 'team', teamId }) };
}

export interface GradeAbilities {
  canProposeScore: boolean;
  canConfirmScore: boolean;
  canWriteRetrospective: boolean;
  canAddNote: boolean;
}

/** What the actor may do to close an objective's cycle: grade it, look back, write notes. */
export function gradeAbilities(actor: Actor, objective: ObjectiveFacts): GradeAbilities {
  const resource: Resource = { type: 'objective', objective };
  return {
    canProposeScore: can(actor, 'grade.propose', resource),
    canConfirmScore: can(actor, 'grade.confirm', resource),
    canWriteRetrospective: can(actor, 'retrospective.write', resource),
    canAddNote: can(actor, 'note.create', resource),
  };
}

export interface KpiAbilities {
  canEdit: boolean;
  canRecord: boolean;
}

/** What the actor may do to a KPI: edit, archive and delete it; record its values. */
export function kpiAbilities(actor: Actor, ownerId: string | null): KpiAbilities {
  const resource: Resource = { type: 'kpi', ownerId };
  return { canEdit: can(actor, 'kpi.manage', resource), canRecord: can(actor, 'kpi.record', resource) };
}
