/**
 * Collaboration requests: a team asks another for help on an objective. Listing (a team's inbox
 * and outbox), reading one, and asking (`collaboration_request.create`). Anyone who may read the
 * objective sees the request and its history; answering is in ./answer-request.ts.
 */
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../contracts/app-error.ts';
import { pageOf, type Page } from '../../contracts/api/page.ts';
import type {
  CollaborationRequestView,
  CreateRequestBody,
  RequestListQuery,
} from '../../contracts/api/shared-objectives.ts';
import { authorize, listScope, type Actor, type Resource } from '../../policy/policy.ts';
import { presentRequest, requestSnapshot } from '../../presenters/team-collaboration.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  loadKeyResult,
  loadObjective,
  loadObjectives,
  type LoadedObjective,
} from '../../repositories/objective-facts.ts';
import { teamsAmong } from '../../repositories/objectives.ts';
import {
  findRequest,
  insertRequest,
  listRequestRecords,
  type RequestRecord,
} from '../../repositories/team-collaboration.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { noticeRequest } from '../notifications/notices.ts';
import { badField, notFound } from '../service-errors.ts';

/** The request as the policy sees it. */
export function requestResource(
  objective: LoadedObjective,
  row: { from_team_id: string; to_team_id: string },
): Resource {
  return {
    type: 'collaboration_request',
    objective: objective.facts,
    fromTeamId: row.from_team_id,
    toTeamId: row.to_team_id,
  };
}

/** The request and its objective; 404 when missing, foreign, or on an objective the actor may not read. */
export async function readableRequest(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ row: RequestRecord; objective: LoadedObjective; resource: Resource }> {
  const row = await findRequest(db, actor.orgId, id);
  if (!row) throw notFound('collaboration request');
  const objective = await loadObjective(db, actor.orgId, row.objective_id);
  if (!objective) throw notFound('collaboration request');
  const resource = requestResource(objective, row);
  try {
    authorize(actor, 'objective.read', { type: 'objective', objective: objective.facts });
  } catch {
    throw notFound('collaboration request');
  }
  return { row, objective, resource };
}

/** Requests on objectives the caller may read: a team's inbox (incoming), outbox (outgoing) or both, newest first. */
export async function listRequests(
  ctx: ServiceContext,
  query: RequestListQuery,
): Promise<Page<CollaborationRequestView>> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  const rows = await listRequestRecords(db, listScope(actor), {
    teamId: query.teamId,
    direction: query.direction,
    status: query.status,
    objectiveId: query.objectiveId,
    before: query.cursor,
    limit: query.limit,
  });
  const objectives = await loadObjectives(
    db,
    actor.orgId,
    rows.slice(0, query.limit).map((r) => r.objective_id),
  );
  return pageOf(
    rows,
    query.limit,
    (row) => row.id,
    (row) => {
      const objective = objectives.get(row.objective_id);
      // Listed only when readable, so the objective is there; without it nobody may respond.
      const resource: Resource = objective
        ? requestResource(objective, row)
        : { type: 'organisation' };
      return presentRequest(actor, resource, row);
    },
  );
}

export async function getRequest(
  ctx: ServiceContext,
  id: string,
): Promise<CollaborationRequestView> {
  const { actor } = ctx;
  const { row, resource } = await readableRequest(ctx.connection.db, actor, id);
  return presentRequest(actor, resource, row);
}

/**
 * Asks another team for help on an objective the caller may read, optionally naming the key
 * result that needs it. The asker must be in the asking team (coordinators may ask for any team).
 */
export async function createRequest(
  ctx: ServiceContext,
  body: CreateRequestBody,
): Promise<CollaborationRequestView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const teams = await teamsAmong(trx, actor.orgId, [body.fromTeamId, body.toTeamId]);
    for (const field of ['fromTeamId', 'toTeamId'] as const)
      if (!teams.has(body[field]))
        throw new AppError('not_found', 'No such team.', [
          { path: `body.${field}`, message: 'is not a team of this organisation' },
        ]);
    const objective = await loadObjective(trx, actor.orgId, body.objectiveId);
    const unreadable = new AppError('not_found', 'No such objective.', [
      { path: 'body.objectiveId', message: 'is not an objective you can see' },
    ]);
    if (!objective) throw unreadable;
    const resource = requestResource(objective, {
      from_team_id: body.fromTeamId,
      to_team_id: body.toTeamId,
    });
    try {
      authorize(actor, 'objective.read', { type: 'objective', objective: objective.facts });
    } catch {
      throw unreadable;
    }
    authorize(actor, 'collaboration_request.create', resource);
    if (body.keyResultId) {
      const keyResult = await loadKeyResult(trx, actor.orgId, body.keyResultId);
      if (!keyResult)
        throw new AppError('not_found', 'No such key result.', [
          { path: 'body.keyResultId', message: 'is not a key result you can see' },
        ]);
      if (keyResult.row.objective_id !== objective.row.id)
        throw badField('keyResultId', 'is not a key result of this objective');
    }
    const id = uuidv7();
    await insertRequest(trx, {
      id,
      org_id: actor.orgId,
      from_team_id: body.fromTeamId,
      to_team_id: body.toTeamId,
      objective_id: body.objectiveId,
      key_result_id: body.keyResultId ?? null,
      message: body.message.trim(),
      needed_by: body.neededBy ?? null,
      status: 'open',
      requested_by: actor.userId,
      created_at: ctx.now.toISOString(),
    });
    const created = await findRequest(trx, actor.orgId, id);
    if (!created) throw notFound('collaboration request');
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'collaboration_request.created',
      objectType: 'collaboration_request',
      objectId: id,
      after: requestSnapshot(created),
      at: ctx.now,
    });
    await noticeRequest(
      trx,
      { orgId: actor.orgId, actorId: actor.userId, at: ctx.now },
      { id, toTeamId: body.toTeamId, requestedBy: actor.userId, message: created.message, status: 'open', response: null },
      { id: objective.row.id, title: objective.row.title, facts: objective.facts },
    );
    return presentRequest(actor, resource, created);
  });
}
