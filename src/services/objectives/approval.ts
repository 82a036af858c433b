/**
 * Approval of members' objectives (issue 6, Team Lead part 2). With the organisation's
 * `approvalRequired` setting on, a member's own individual objective is created as a draft
 * waiting for a lead of one of their teams; the lead approves it (it becomes active) or returns
 * it with a comment (it stays a draft); the member changes it and submits it again. Each step is
 * audited in the transaction that makes it, and moves the objective's version (If-Match).
 */
import { AppError } from '../../contracts/app-error.ts';
import type { ObjectiveDetailView } from '../../contracts/api/okrs.ts';
import type { ApprovalItemView, ApprovalQueueView } from '../../contracts/api/team-lead.ts';
import {
  approvalStep,
  needsApproval,
  type ApprovalState,
  type ApprovalStep,
} from '../../domain/approval.ts';
import { authorize, type Actor } from '../../policy/policy.ts';
import { presentApproval } from '../../presenters/approvals.ts';
import {
  approvalQueue,
  approvalsOf,
  findApproval,
  insertApproval,
  updateApproval,
  type ApprovalRow,
} from '../../repositories/approvals.ts';
import {
  approvalRequired,
  approvalStillNeeded,
  ownerHasApprover,
  type ApprovalAudience,
} from './approval-view.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  loadObjective,
  loadObjectives,
  type LoadedObjective,
} from '../../repositories/objective-facts.ts';
import { peopleNames, updateObjectiveIfVersion } from '../../repositories/objectives.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { noticeApprovalStep } from '../notifications/notices.ts';
import { notFound } from '../service-errors.ts';
import {
  objectiveDetail,
  objectiveSummaries,
  readableObjective,
  staleObjective,
} from './objective-views.ts';

/**
 * For a new objective: whether it starts as a draft waiting for approval (the create use case
 * stores it with status `draft` and calls {@link startApproval}).
 */
export async function startsInApproval(
  db: Db,
  actor: Actor,
  draft: ApprovalAudience & { level: LoadedObjective['facts']['level'] },
): Promise<boolean> {
  const facts = {
    level: draft.level,
    actorId: actor.userId,
    ownerId: draft.ownerId,
    ownerHasLead: true,
  };
  // Only the rare candidate pays for reading the settings and the owner's leads.
  if (!needsApproval({ ...facts, approvalRequired: true })) return false;
  if (!(await approvalRequired(db, actor.orgId))) return false;
  return needsApproval({
    ...facts,
    approvalRequired: true,
    ownerHasLead: await ownerHasApprover(db, actor.orgId, draft),
  });
}

export async function startApproval(
  db: Db,
  orgId: string,
  objectiveId: string,
  at: string,
  actorId: string | null = null,
): Promise<void> {
  await insertApproval(db, {
    objective_id: objectiveId,
    org_id: orgId,
    state: 'pending',
    comment: null,
    submitted_at: at,
    reviewer_id: null,
    reviewed_at: null,
  });
  const objective = await loadObjective(db, orgId, objectiveId);
  if (objective) {
    await noticeApprovalStep(
      db,
      { orgId, actorId, at: new Date(at) },
      { id: objectiveId, title: objective.row.title, ownerId: objective.row.owner_id, facts: objective.facts },
      'submit',
      null,
    );
  }
}

const ACTION = {
  approve: 'objective.approve',
  return: 'objective.approve',
  submit: 'objective.submit',
} as const;
const AUDIT = {
  approve: 'objective.approved',
  return: 'objective.returned',
  submit: 'objective.submitted',
} as const;

/**
 * One step of approval on the objective at the version the caller last saw: the policy first
 * (404 unreadable, 409 closed cycle, 403 not a lead of the owner / not the owner), then whether
 * the step applies to where the objective stands (409 `conflict`), then the version (412).
 */
async function takeStep(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  step: ApprovalStep,
  comment: string | null,
): Promise<ObjectiveDetailView> {
  const { actor, now } = ctx;
  const orgId = actor.orgId;
  return inTransaction(ctx, async (trx) => {
    const before = await readableObjective(trx, actor, id);
    authorize(actor, ACTION[step], { type: 'objective', objective: before.facts });
    const approval = await findApproval(trx, orgId, id);
    const stillNeeded =
      step === 'submit' ? await approvalStillNeeded(trx, orgId, before.facts) : true;
    const outcome = approval
      ? approvalStep(approval.state as ApprovalState, step, stillNeeded)
      : null;
    if (!approval || !outcome) throw notApplicable(step, approval);
    if (before.row.version !== expectedVersion) return staleObjective(trx, actor, id, now);

    const at = now.toISOString();
    const changed = await updateObjectiveIfVersion(trx, orgId, id, expectedVersion, {
      status: outcome.status,
      updated_at: at,
    });
    if (!changed) return staleObjective(trx, actor, id, now);
    const changes: Partial<ApprovalRow> =
      step === 'submit'
        ? { state: outcome.state, submitted_at: at }
        : {
            state: outcome.state,
            reviewer_id: actor.userId,
            reviewed_at: at,
            ...(step === 'return' ? { comment } : {}),
          };
    await updateApproval(trx, orgId, id, changes);
    await recordAudit(trx, {
      orgId,
      actorId: actor.userId,
      action: AUDIT[step],
      objectType: 'objective',
      objectId: id,
      before: { status: before.row.status, approval: approval.state },
      after: {
        status: outcome.status,
        approval: outcome.state,
        ...(step === 'return' ? { comment } : {}),
      },
      at: now,
    });
    const updated = await loadObjective(trx, orgId, id);
    if (!updated) throw notFound('objective');
    // A submit that activates (approval no longer needed) asks nobody.
    if (step !== 'submit' || outcome.state === 'pending') {
      await noticeApprovalStep(
        trx,
        { orgId, actorId: actor.userId, at: now },
        { id, title: updated.row.title, ownerId: updated.row.owner_id, facts: updated.facts },
        step,
        comment,
      );
    }
    return objectiveDetail(trx, actor, updated, now);
  });
}

function notApplicable(step: ApprovalStep, approval: ApprovalRow | undefined): AppError {
  if (!approval)
    return new AppError('conflict', 'This objective is not in approval: it never needed it.');
  const where = `It is ${approval.state === 'pending' ? 'waiting for approval' : approval.state}.`;
  return new AppError(
    'conflict',
    step === 'submit'
      ? `Nothing to submit: ${where}`
      : `Only an objective waiting for approval can be approved or returned. ${where}`,
  );
}

/** A lead of the owner approves a pending objective: it becomes active. */
export function approveObjective(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
): Promise<ObjectiveDetailView> {
  return takeStep(ctx, id, expectedVersion, 'approve', null);
}

/** A lead of the owner returns a pending objective with a comment: it stays a draft. */
export function returnObjective(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  comment: string,
): Promise<ObjectiveDetailView> {
  return takeStep(ctx, id, expectedVersion, 'return', comment);
}

/** The owner submits a returned objective again (or activates it when approval is no longer needed). */
export function submitObjective(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
): Promise<ObjectiveDetailView> {
  return takeStep(ctx, id, expectedVersion, 'submit', null);
}

/** What waits for the caller's approval, and the caller's own objectives still in approval. */
export async function listApprovals(ctx: ServiceContext): Promise<ApprovalQueueView> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  const { waiting, own } = await approvalQueue(db, actor.orgId, actor.userId);
  const ids = [...waiting, ...own];
  const [loaded, summaries, rows] = await Promise.all([
    loadObjectives(db, actor.orgId, ids),
    objectiveSummaries(db, actor, ids),
    approvalsOf(db, actor.orgId, ids),
  ]);
  // The caller's own drafts: whether each still needs approval (their few, one query each).
  const ownNeeded = new Map(
    await Promise.all(
      own.map(async (id) => {
        const facts = loaded.get(id)?.facts;
        return [id, facts ? await approvalStillNeeded(db, actor.orgId, facts) : false] as const;
      }),
    ),
  );
  const people = await peopleNames(
    db,
    actor.orgId,
    [...rows.values()].map((r) => r.reviewer_id),
  );
  const byId = new Map(summaries.map((s) => [s.id, s]));
  const items = (list: string[], stillNeeded: (id: string) => boolean): ApprovalItemView[] =>
    list.flatMap((id) => {
      const objective = byId.get(id);
      const facts = loaded.get(id)?.facts;
      const row = rows.get(id);
      if (!objective || !facts || !row) return [];
      return [{ objective, approval: presentApproval(actor, facts, row, people, stillNeeded(id)) }];
    });
  return {
    waitingForYou: items(waiting, () => true),
    yours: items(own, (id) => ownNeeded.get(id) ?? false),
  };
}
