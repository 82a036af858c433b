/**
 * Where an objective stands in approval, for the objective views: its approval row presented for
 * the caller, and whether approval is still needed for its owner (the organisation's setting and
 * a lead to approve). Used by the objective views and the approval use cases.
 */
import type { ObjectiveDetailView } from '../../contracts/api/okrs.ts';
import type { Visibility } from '../../contracts/model.ts';
import type { Actor } from '../../policy/policy.ts';
import { presentApproval } from '../../presenters/approvals.ts';
import { effectiveSettings } from '../../presenters/organisation.ts';
import { findApproval, hasLead } from '../../repositories/approvals.ts';
import type { LoadedObjective } from '../../repositories/objective-facts.ts';
import { peopleNames } from '../../repositories/objectives.ts';
import { findOrganisation } from '../../repositories/organisation.ts';
import type { Db } from '../context.ts';

/** The organisation's `approvalRequired` setting (off by default). */
export async function approvalRequired(db: Db, orgId: string): Promise<boolean> {
  const org = await findOrganisation(db, orgId);
  return org ? effectiveSettings(org.settings).approvalRequired : false;
}

/** Who may read an objective, as far as approval cares: everyone (null) or its readers. */
export interface ApprovalAudience {
  ownerId: string | null;
  visibility: Visibility;
  readerIds: readonly string[];
}

/**
 * Whether a lead can approve an objective of the owner: someone else leads a team the owner is
 * in and may read the objective (a private objective counts only leads among its readers — else
 * nobody could ever approve it, and it would stay a draft for good).
 */
export function ownerHasApprover(
  db: Db,
  orgId: string,
  objective: ApprovalAudience,
): Promise<boolean> {
  if (objective.ownerId === null) return Promise.resolve(false);
  return hasLead(
    db,
    orgId,
    objective.ownerId,
    objective.visibility === 'public' ? null : objective.readerIds,
  );
}

/** Whether the objective needs approval now: the setting is on and a lead can approve it. */
export async function approvalStillNeeded(
  db: Db,
  orgId: string,
  objective: ApprovalAudience,
): Promise<boolean> {
  if (objective.ownerId === null || !(await approvalRequired(db, orgId))) return false;
  return ownerHasApprover(db, orgId, objective);
}

/** The approval view of an objective for the caller, or null when it never went through approval. */
export async function approvalViewOf(
  db: Db,
  actor: Actor,
  loaded: LoadedObjective,
): Promise<ObjectiveDetailView['approval']> {
  const row = await findApproval(db, actor.orgId, loaded.row.id);
  if (!row) return null;
  const [people, stillNeeded] = await Promise.all([
    peopleNames(db, actor.orgId, [row.reviewer_id]),
    row.state === 'approved'
      ? Promise.resolve(false)
      : approvalStillNeeded(db, actor.orgId, loaded.facts),
  ]);
  return presentApproval(actor, loaded.facts, row, people, stillNeeded);
}
