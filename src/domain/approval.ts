/**
 * Approval of members' objectives, as rules: when an objective needs its lead's approval, and
 * where each step of approval leads. Pure; the approval use cases load the facts and store the
 * outcome (decision recorded in docs/features/team-lead-cascade-and-approval.md).
 */
import type { ObjectiveLevel, ObjectiveStatus } from '../contracts/model.ts';

export const APPROVAL_STATES = ['pending', 'returned', 'approved'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

export interface ApprovalFacts {
  /** The organisation's `approvalRequired` setting. */
  approvalRequired: boolean;
  level: ObjectiveLevel;
  /** Who creates (or submits) the objective, and who owns it. */
  actorId: string;
  ownerId: string | null;
  /**
   * Whether someone other than the owner leads a team the owner is in and may read the objective:
   * someone can approve it.
   */
  ownerHasLead: boolean;
}

/**
 * A member's own individual objective waits for approval when the setting is on and someone
 * leads them. What leads, executives and coordinators create, and what a lead sets for a member,
 * does not: they are the ones who would approve it.
 */
export function needsApproval(facts: ApprovalFacts): boolean {
  return (
    facts.approvalRequired &&
    facts.level === 'individual' &&
    facts.ownerId !== null &&
    facts.ownerId === facts.actorId &&
    facts.ownerHasLead
  );
}

export type ApprovalStep = 'submit' | 'approve' | 'return';

/** Where a step leads: the approval state and the objective's status after it. */
export interface ApprovalOutcome {
  state: ApprovalState;
  status: ObjectiveStatus;
}

/**
 * The state machine: a lead approves (→ active) or returns (→ still a draft, with a comment) a
 * pending objective; the owner resubmits a returned one (→ pending again). When approval is no
 * longer needed (the setting was turned off, the member's lead left) the owner's submit makes a
 * pending or returned draft active at once. null: the step does not apply in this state (409).
 */
export function approvalStep(
  state: ApprovalState,
  step: ApprovalStep,
  stillNeeded: boolean,
): ApprovalOutcome | null {
  switch (step) {
    case 'approve':
      return state === 'pending' ? { state: 'approved', status: 'active' } : null;
    case 'return':
      return state === 'pending' ? { state: 'returned', status: 'draft' } : null;
    case 'submit':
      if (!stillNeeded)
        return state === 'approved' ? null : { state: 'approved', status: 'active' };
      return state === 'returned' ? { state: 'pending', status: 'draft' } : null;
    default: {
      const unreachable: never = step;
      return unreachable;
    }
  }
}
