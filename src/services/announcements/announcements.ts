/**
 * Announcements: executives and champions publish to the organisation or to chosen teams (every
 * recipient is notified), edit and withdraw; recipients read them and acknowledge "I have read
 * and understood", once.
 */
import { v7 as uuidv7 } from 'uuid';
import type {
  AnnouncementPage,
  AnnouncementView,
  CreateAnnouncementBody,
  UpdateAnnouncementBody,
} from '../../contracts/api/announcements.ts';
import { AppError } from '../../contracts/app-error.ts';
import { pageOf, type PageRequest } from '../../contracts/api/page.ts';
import { authorize, can, listScope, type Actor } from '../../policy/policy.ts';
import {
  announcementSnapshot,
  isRecipient,
  presentAnnouncement,
} from '../../presenters/announcements.ts';
import {
  acknowledgedAtBy,
  findAnnouncement,
  insertAcknowledgement,
  insertAnnouncement,
  listAnnouncements as listRows,
  objectivesOf,
  peopleWithTeams,
  replaceObjectives,
  teamsOf,
  updateAnnouncement as updateRow,
  type AnnouncementRecord,
} from '../../repositories/announcements.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { loadObjective } from '../../repositories/objective-facts.ts';
import { teamsAmong } from '../../repositories/objectives.ts';
import { notify } from '../notifications/notify.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { badField, notFound, staleVersion } from '../service-errors.ts';

/** Presents rows with their teams, readable objectives and the caller's acknowledgements. */
async function presentAll(
  db: Db,
  actor: Actor,
  rows: AnnouncementRecord[],
): Promise<AnnouncementView[]> {
  const ids = rows.map((r) => r.id);
  const [teams, objectives, acknowledged] = await Promise.all([
    teamsOf(db, actor.orgId, ids),
    objectivesOf(db, listScope(actor), ids),
    acknowledgedAtBy(db, actor.orgId, actor.userId, ids),
  ]);
  return rows.map((row) =>
    presentAnnouncement(actor, row, {
      teams: teams.get(row.id) ?? [],
      objectives: objectives.get(row.id) ?? [],
      acknowledgedAt: acknowledged.get(row.id) ?? null,
    }),
  );
}

/**
 * The announcement, readable by the actor: a recipient, or a publisher (who also sees withdrawn
 * ones). Anyone else, and everyone but publishers once it is withdrawn, gets 404.
 */
export async function readableAnnouncement(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ row: AnnouncementRecord; teams: { id: string; name: string }[]; recipient: boolean }> {
  const row = await findAnnouncement(db, actor.orgId, id);
  if (!row) throw notFound('announcement');
  const teams = (await teamsOf(db, actor.orgId, [id])).get(id) ?? [];
  const recipient = isRecipient(actor, row, teams);
  const resource = { type: 'announcement', recipient } as const;
  const publisher = can(actor, 'announcement.publish', resource);
  if (!can(actor, 'announcement.read', resource) || (row.withdrawn_at !== null && !publisher)) {
    throw notFound('announcement');
  }
  return { row, teams, recipient };
}

export async function getAnnouncement(ctx: ServiceContext, id: string): Promise<AnnouncementView> {
  const db = ctx.connection.db;
  const { row } = await readableAnnouncement(db, ctx.actor, id);
  const [view] = await presentAll(db, ctx.actor, [row]);
  if (!view) throw notFound('announcement');
  return view;
}

/** Announcements addressed to the caller (all of them for publishers), newest first. */
export async function listAnnouncements(
  ctx: ServiceContext,
  query: PageRequest & { pending: boolean },
): Promise<AnnouncementPage> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  const canPublish = can(actor, 'announcement.publish', { type: 'announcement', recipient: false });
  const rows = await listRows(db, actor.orgId, {
    all: can(actor, 'announcement.read', { type: 'announcement', recipient: false }),
    userId: actor.userId,
    teamIds: [...actor.teamIds],
    pending: query.pending,
    after: query.after,
    limit: query.limit,
  });
  const shown = rows.slice(0, query.limit);
  const views = new Map((await presentAll(db, actor, shown)).map((v) => [v.id, v]));
  return {
    ...pageOf(
      rows,
      query.limit,
      (row) => row.id,
      (row) => views.get(row.id) as AnnouncementView,
    ),
    canPublish,
  };
}

/** Linked objectives must exist in the organisation and be readable by the publisher. */
async function checkObjectives(db: Db, actor: Actor, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  for (const id of unique) {
    const objective = await loadObjective(db, actor.orgId, id);
    if (
      !objective ||
      !can(actor, 'objective.read', { type: 'objective', objective: objective.facts })
    ) {
      throw badField('objectiveIds', `names no objective you may read (${id})`);
    }
  }
  return unique;
}

/** Publishes an announcement and notifies every recipient (`announcement.publish`). */
export async function publishAnnouncement(
  ctx: ServiceContext,
  body: CreateAnnouncementBody,
): Promise<AnnouncementView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    authorize(actor, 'announcement.publish', { type: 'announcement', recipient: false });
    const teamIds = body.audience === 'teams' ? [...new Set(body.teamIds)] : [];
    const known = await teamsAmong(trx, actor.orgId, teamIds);
    const unknown = teamIds.find((id) => !known.has(id));
    if (unknown) throw badField('teamIds', `names no team of this organisation (${unknown})`);
    const objectiveIds = await checkObjectives(trx, actor, body.objectiveIds);
    const id = uuidv7();
    const at = ctx.now.toISOString();
    await insertAnnouncement(
      trx,
      {
        id,
        org_id: actor.orgId,
        title: body.title,
        body: body.body,
        rationale: body.rationale,
        audience: body.audience,
        published_by: actor.userId,
        published_at: at,
        updated_at: at,
        withdrawn_at: null,
        reminded_at: null,
      },
      teamIds,
      objectiveIds,
    );
    const row = await findAnnouncement(trx, actor.orgId, id);
    if (!row) throw notFound('announcement');
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'announcement.published',
      objectType: 'announcement',
      objectId: id,
      after: announcementSnapshot(row, teamIds, objectiveIds),
      at: ctx.now,
    });
    const recipients = await peopleWithTeams(
      trx,
      actor.orgId,
      body.audience === 'teams' ? teamIds : undefined,
    );
    await notify(trx, {
      orgId: actor.orgId,
      kind: 'announcement',
      actorId: actor.userId,
      recipients: recipients.map((r) => r.userId),
      title: body.title,
      body: 'A new announcement: please read it and acknowledge that you have understood it.',
      link: `/announcements/${id}`,
      subject: { type: 'announcement', id },
      at: ctx.now,
    });
    const [view] = await presentAll(trx, actor, [row]);
    if (!view) throw notFound('announcement');
    return view;
  });
}

/** Loads for a publisher's change: 404 unless readable, 403 unless a publisher, 409 if withdrawn. */
async function loadForChange(db: Db, actor: Actor, id: string) {
  const found = await readableAnnouncement(db, actor, id);
  authorize(actor, 'announcement.publish', { type: 'announcement', recipient: found.recipient });
  if (found.row.withdrawn_at !== null) {
    throw new AppError('conflict', 'This announcement was withdrawn; it can no longer change.');
  }
  return found;
}

async function linkedObjectiveIds(db: Db, actor: Actor, id: string): Promise<string[]> {
  const all = await objectivesOf(
    db,
    { orgId: actor.orgId, userId: actor.userId, readsAllPrivate: true },
    [id],
  );
  return (all.get(id) ?? []).map((o) => o.id);
}

/** Edits an announcement's wording or linked objectives (If-Match). */
export async function updateAnnouncement(
  ctx: ServiceContext,
  id: string,
  expected: number,
  body: UpdateAnnouncementBody,
): Promise<AnnouncementView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const { row: before, teams } = await loadForChange(trx, actor, id);
    const objectivesBefore = await linkedObjectiveIds(trx, actor, id);
    const objectiveIds = body.objectiveIds
      ? await checkObjectives(trx, actor, body.objectiveIds)
      : objectivesBefore;
    const changed =
      before.version === expected &&
      (await updateRow(
        trx,
        actor.orgId,
        id,
        expected,
        {
          ...(body.title !== undefined ? { title: body.title } : {}),
          ...(body.body !== undefined ? { body: body.body } : {}),
          ...(body.rationale !== undefined ? { rationale: body.rationale } : {}),
        },
        ctx.now.toISOString(),
      ));
    if (!changed) throw staleVersion(await getAnnouncementIn(trx, actor, before));
    if (body.objectiveIds) await replaceObjectives(trx, actor.orgId, id, objectiveIds);
    const after = (await findAnnouncement(trx, actor.orgId, id)) ?? before;
    const teamIds = teams.map((t) => t.id);
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'announcement.updated',
      objectType: 'announcement',
      objectId: id,
      before: announcementSnapshot(before, teamIds, objectivesBefore),
      after: announcementSnapshot(after, teamIds, objectiveIds),
      at: ctx.now,
    });
    return getAnnouncementIn(trx, actor, after);
  });
}

async function getAnnouncementIn(
  db: Db,
  actor: Actor,
  row: AnnouncementRecord,
): Promise<AnnouncementView> {
  const current = (await findAnnouncement(db, actor.orgId, row.id)) ?? row;
  const [view] = await presentAll(db, actor, [current]);
  if (!view) throw notFound('announcement');
  return view;
}

/** Withdraws an announcement (If-Match): recipients no longer see it; who read it is kept. */
export async function withdrawAnnouncement(
  ctx: ServiceContext,
  id: string,
  expected: number,
): Promise<void> {
  const { actor } = ctx;
  await inTransaction(ctx, async (trx) => {
    const { row: before, teams } = await loadForChange(trx, actor, id);
    const at = ctx.now.toISOString();
    const changed =
      before.version === expected &&
      (await updateRow(trx, actor.orgId, id, expected, { withdrawn_at: at }, at));
    if (!changed) throw staleVersion(await getAnnouncementIn(trx, actor, before));
    const after = (await findAnnouncement(trx, actor.orgId, id)) ?? before;
    const objectiveIds = await linkedObjectiveIds(trx, actor, id);
    const teamIds = teams.map((t) => t.id);
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'announcement.withdrawn',
      objectType: 'announcement',
      objectId: id,
      before: announcementSnapshot(before, teamIds, objectiveIds),
      after: announcementSnapshot(after, teamIds, objectiveIds),
      at: ctx.now,
    });
  });
}

/** "I have read and understood": recorded once; acknowledging again changes nothing. */
export async function acknowledgeAnnouncement(
  ctx: ServiceContext,
  id: string,
): Promise<{ announcementId: string; acknowledgedAt: string }> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const { row, recipient } = await readableAnnouncement(trx, actor, id);
    authorize(actor, 'announcement.acknowledge', { type: 'announcement', recipient });
    if (row.withdrawn_at !== null) {
      throw new AppError('conflict', 'This announcement was withdrawn.');
    }
    const at = ctx.now.toISOString();
    if (await insertAcknowledgement(trx, actor.orgId, id, actor.userId, at)) {
      await recordAudit(trx, {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: 'announcement.acknowledged',
        objectType: 'announcement',
        objectId: id,
        after: { userId: actor.userId, acknowledgedAt: at },
        at: ctx.now,
      });
    }
    const stored = (await acknowledgedAtBy(trx, actor.orgId, actor.userId, [id])).get(id) ?? at;
    return { announcementId: id, acknowledgedAt: stored };
  });
}
