/**
 * The status a call should answer, derived from the policy (`can`/`scopeOf` over the rules in
 * src/policy/rules.ts) rather than written by hand. A route is described by the checks its use
 * case makes, in the order it makes them; the first that refuses decides the status.
 */
import { CYCLE_STATUSES, type CycleStatus } from '../../../src/contracts/model.ts';
import {
  can,
  scopeOf,
  type Actor,
  type ObjectiveFacts,
  type Resource,
} from '../../../src/policy/policy.ts';
import type { Action } from '../../../src/policy/rules.ts';

export type Check =
  /** The id names something of this organisation (404 otherwise: missing and foreign look alike). */
  | { check: 'found'; found: boolean }
  /**
   * An action on an objective or what hangs under it: 404 when the actor may not read the
   * objective, 409 when only the cycle's state stands in the way, 403 when no grant applies (or,
   * with `fullScope`, only the champion's wording-only grant does).
   */
  | { check: 'okr'; action: Action; resource: Resource; fullScope?: boolean }
  /** An organisation-wide action (people, cycles, audit): 403 without a grant. */
  | { check: 'org'; action: Action; resource?: Resource }
  /** A rule of the use case that is not the policy's (a closed cycle's name, a team still in use). */
  | { check: 'rule'; refuses: boolean; status: number };

export const found = (isFound: boolean): Check => ({ check: 'found', found: isFound });
export const okr = (
  action: Action,
  resource: Resource,
  o: { fullScope?: boolean } = {},
): Check => ({ check: 'okr', action, resource, ...o });
export const onObjective = (objective: ObjectiveFacts): Resource => ({
  type: 'objective',
  objective,
});
export const org = (action: Action, resource?: Resource): Check => ({
  check: 'org',
  action,
  ...(resource ? { resource } : {}),
});
export const rule = (refuses: boolean, status: number): Check => ({
  check: 'rule',
  refuses,
  status,
});

function objectiveOf(resource: Resource): ObjectiveFacts | null {
  return resource.type === 'objective' ||
    resource.type === 'key_result' ||
    resource.type === 'comment' ||
    resource.type === 'note' ||
    resource.type === 'collaboration_request'
    ? resource.objective
    : null;
}

function inCycle(resource: Resource, cycleStatus: CycleStatus): Resource {
  const objective = objectiveOf(resource);
  return objective && 'objective' in resource
    ? { ...resource, objective: { ...objective, cycleStatus } }
    : resource;
}

function refusal(actor: Actor, check: Check): number | null {
  switch (check.check) {
    case 'found':
      return check.found ? null : 404;
    case 'okr': {
      const objective = objectiveOf(check.resource);
      if (objective && !can(actor, 'objective.read', onObjective(objective))) return 404;
      const scope = scopeOf(actor, check.action, check.resource);
      // 409 when some state of the cycle would allow it (grading happens only in `grading`).
      if (scope === 'none')
        return CYCLE_STATUSES.every(
          (status) => scopeOf(actor, check.action, inCycle(check.resource, status)) === 'none',
        )
          ? 403
          : 409;
      return check.fullScope && scope !== 'full' ? 403 : null;
    }
    case 'org':
      return can(actor, check.action, check.resource ?? { type: 'organisation' }) ? null : 403;
    case 'rule':
      return check.refuses ? check.status : null;
    default: {
      const unreachable: never = check;
      return unreachable;
    }
  }
}

/** 401 for strangers; else the first refusal of the checks, else `success`. */
export function expectedStatus(
  actor: Actor | null,
  checks: readonly Check[],
  success: number,
): number {
  if (!actor) return 401;
  for (const check of checks) {
    const status = refusal(actor, check);
    if (status !== null) return status;
  }
  return success;
}
