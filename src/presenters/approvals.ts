/** An objective's approval as the API shows it, with what the caller may do about it. */
import type { ApprovalView } from '../contracts/api/okrs.ts';
import { approvalStep, type ApprovalState } from '../domain/approval.ts';
import { can, type Actor, type ObjectiveFacts } from '../policy/policy.ts';
import type { ApprovalRow } from '../repositories/approvals.ts';
import { personRef } from './key-results.ts';
import { renderMarkdown } from './markdown.ts';

/**
 * `stillNeeded`: approval is on and someone leads the owner — when it is not, the owner's submit
 * makes the draft active at once.
 */
export function presentApproval(
  actor: Actor,
  objective: ObjectiveFacts,
  row: ApprovalRow,
  people: ReadonlyMap<string, string>,
  stillNeeded: boolean,
): ApprovalView {
  const state = row.state as ApprovalState;
  const resource = { type: 'objective', objective } as const;
  return {
    state,
    comment: row.comment,
    commentHtml: row.comment === null ? null : renderMarkdown(row.comment),
    submittedAt: row.submitted_at,
    reviewer: personRef(row.reviewer_id, people),
    reviewedAt: row.reviewed_at,
    abilities: {
      canApprove:
        approvalStep(state, 'approve', true) !== null && can(actor, 'objective.approve', resource),
      canSubmit:
        approvalStep(state, 'submit', stillNeeded) !== null &&
        can(actor, 'objective.submit', resource),
    },
  };
}
