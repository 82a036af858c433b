/**
 * Where an objective stands in approval, for the objective views: its approval row presented for
 * the caller, and whether approval is still needed for its owner (the organisation's setting and
 * a lead to approve). Used by the objective views and the approval use cases.
 */
import type { ObjectiveDetailView } from '../../contracts/api/okrs.ts';
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

/** Whether an objective of `ownerId` needs approval now: the setting is on and someone leads them. */
export async function approvalStillNeeded(
  db: Db,
  orgId: string,
  ownerId: string | null,
): Promise<boolean> {
  if (ownerId === null || !(await approvalRequired(db, orgId))) return false;
  return hasLead(db, orgId, ownerId);
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
      : approvalStillNeeded(db, actor.orgId, loaded.row.owner_id),
  ]);
  return presentApproval(actor, loaded.facts, row, people, stillNeeded);
}
