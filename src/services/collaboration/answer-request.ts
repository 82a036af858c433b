/**
 * Answering a collaboration request (`collaboration_request.respond`: the lead of the team asked).
 * Accepting records what the help is — a dependency of the asking key result on one of the team
 * asked, or the team joining the shared objective as a contributor — in the same transaction as
 * the answer; declining needs a reason. An answered request is final (409 `conflict`).
 */
import { AppError } from '../../contracts/app-error.ts';
import type {
  AcceptRequestBody,
  CollaborationRequestView,
  DeclineRequestBody,
} from '../../contracts/api/shared-objectives.ts';
import { authorize, can, type Actor, type Resource } from '../../policy/policy.ts';
import { presentRequest, requestSnapshot } from '../../presenters/team-collaboration.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { loadKeyResult, type LoadedObjective } from '../../repositories/objective-facts.ts';
import {
  addContributingTeam,
  answerRequest,
  findRequest,
  touchObjective,
  type RequestRecord,
} from '../../repositories/team-collaboration.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { noticeRequest } from '../notifications/notices.ts';
import { badField, notFound, staleVersion } from '../service-errors.ts';
import { recordDependency } from './dependencies.ts';
import { readableRequest } from './requests.ts';

interface Loaded {
  row: RequestRecord;
  objective: LoadedObjective;
  resource: Resource;
}

/**
 * The request, if the actor may answer it at this version. `check` runs before the request's
 * state is looked at, so a body naming something missing or foreign is refused as such (400 or
 * 404) even on an answered request; only then does an answered request answer 409.
 */
async function loadOpen(
  trx: Db,
  actor: Actor,
  id: string,
  expected: number,
  check: (loaded: Loaded) => Promise<void> = () => Promise.resolve(),
): Promise<Loaded> {
  const loaded = await readableRequest(trx, actor, id);
  authorize(actor, 'collaboration_request.respond', loaded.resource);
  await check(loaded);
  if (loaded.row.version !== expected)
    throw staleVersion(presentRequest(actor, loaded.resource, loaded.row));
  if (loaded.row.status !== 'open')
    throw new AppError(
      'conflict',
      `This request was already ${loaded.row.status}; an answer is final.`,
    );
  return loaded;
}

async function finish(
  trx: Db,
  ctx: ServiceContext,
  loaded: Loaded,
  expected: number,
  answer: Parameters<typeof answerRequest>[4],
): Promise<CollaborationRequestView> {
  const { actor } = ctx;
  const { row: before, resource } = loaded;
  if (!(await answerRequest(trx, actor.orgId, before.id, expected, answer))) {
    const current = await findRequest(trx, actor.orgId, before.id);
    throw current
      ? staleVersion(presentRequest(actor, resource, current))
      : notFound('collaboration request');
  }
  const after = (await findRequest(trx, actor.orgId, before.id)) ?? before;
  await recordAudit(trx, {
    orgId: actor.orgId,
    actorId: actor.userId,
    action: `collaboration_request.${answer.status}`,
    objectType: 'collaboration_request',
    objectId: before.id,
    before: requestSnapshot(before),
    after: requestSnapshot(after),
    at: ctx.now,
  });
  await noticeRequest(
    trx,
    { orgId: actor.orgId, actorId: actor.userId, at: ctx.now },
    { id: after.id, toTeamId: after.to_team_id, requestedBy: after.requested_by, message: after.message, status: answer.status, response: answer.response },
    { id: loaded.objective.row.id, title: loaded.objective.row.title, facts: loaded.objective.facts },
  );
  return presentRequest(actor, resource, after);
}

/** Whether the key result belongs to the team: its objective's team, a contributing team, or its owner's team. */
function ofTeam(
  keyResult: NonNullable<Awaited<ReturnType<typeof loadKeyResult>>>,
  teamId: string,
): boolean {
  const objective = keyResult.objective;
  return (
    objective.row.team_id === teamId ||
    objective.facts.contributingTeamIds.includes(teamId) ||
    keyResult.facts.ownerTeamIds.includes(teamId)
  );
}

/** Accepts the request as a dependency or a contribution (see the module comment). */
export async function acceptRequest(
  ctx: ServiceContext,
  id: string,
  expected: number,
  body: AcceptRequestBody,
): Promise<CollaborationRequestView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    // The asking key result, settled by the checks below.
    const chosen: { keyResultId: string | null } = { keyResultId: null };
    const loaded = await loadOpen(trx, actor, id, expected, async ({ row, objective }) => {
      if (body.as === 'contribution') {
        if (objective.row.level !== 'shared')
          throw badField(
            'as',
            'can be a contribution only to a shared objective; accept it as a dependency instead',
          );
        return;
      }
      const asking = body.keyResultId ?? row.key_result_id;
      chosen.keyResultId = asking;
      if (!asking)
        throw badField(
          'keyResultId',
          'is needed: the request names no key result that needs the help',
        );
      const dependent = await loadKeyResult(trx, actor.orgId, asking);
      if (!dependent || dependent.row.objective_id !== row.objective_id)
        throw badField('keyResultId', 'is not a key result of the objective the help is asked for');
      const helping = await loadKeyResult(trx, actor.orgId, body.dependsOnId);
      if (
        !helping ||
        !can(actor, 'objective.read', { type: 'objective', objective: helping.objective.facts })
      )
        throw new AppError('not_found', 'No such key result.', [
          { path: 'body.dependsOnId', message: 'is not a key result you can see' },
        ]);
      if (!ofTeam(helping, row.to_team_id))
        throw badField('dependsOnId', `is not a key result of ${row.to_team_name}`);
    });
    const { row, objective } = loaded;
    const at = ctx.now.toISOString();
    if (body.as === 'dependency' && chosen.keyResultId !== null) {
      const dependency = await recordDependency(
        trx,
        ctx,
        {
          keyResultId: chosen.keyResultId,
          dependsOnId: body.dependsOnId,
          note: body.note ?? row.message.slice(0, 2000),
          neededBy: row.needed_by,
        },
        'accepted_request',
      );
      return finish(trx, ctx, loaded, expected, {
        status: 'accepted',
        response: body.note ?? null,
        outcome_kind: 'dependency',
        outcome_id: dependency.id,
        responded_by: actor.userId,
        responded_at: at,
      });
    }
    if (objective.row.level !== 'shared')
      throw badField(
        'as',
        'can be a contribution only to a shared objective; accept it as a dependency instead',
      );
    if (await addContributingTeam(trx, actor.orgId, objective.row.id, row.to_team_id)) {
      await touchObjective(trx, actor.orgId, objective.row.id, at);
      await recordAudit(trx, {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: 'objective.contributing_team_added',
        objectType: 'objective',
        objectId: objective.row.id,
        before: {
          title: objective.row.title,
          contributingTeamIds: objective.facts.contributingTeamIds,
        },
        after: {
          title: objective.row.title,
          contributingTeamIds: [...objective.facts.contributingTeamIds, row.to_team_id],
        },
        at: ctx.now,
      });
    }
    return finish(trx, ctx, loaded, expected, {
      status: 'accepted',
      response: body.note ?? null,
      outcome_kind: 'contribution',
      outcome_id: objective.row.id,
      responded_by: actor.userId,
      responded_at: at,
    });
  });
}

/** Declines the request with a reason the asking team sees. */
export async function declineRequest(
  ctx: ServiceContext,
  id: string,
  expected: number,
  body: DeclineRequestBody,
): Promise<CollaborationRequestView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const loaded = await loadOpen(trx, actor, id, expected);
    return finish(trx, ctx, loaded, expected, {
      status: 'declined',
      response: body.reason.trim(),
      outcome_kind: null,
      outcome_id: null,
      responded_by: actor.userId,
      responded_at: ctx.now.toISOString(),
    });
  });
}
