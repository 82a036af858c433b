/**
 * What existing features tell people, inside the transaction of the change: approval steps,
 * collaboration requests and their answers, mentions in comments. Recipients who may not read
 * the objective concerned are left out.
 */
import { mentionCandidates, resolveMentions } from '../../domain/mentions.ts';
import { can, type ObjectiveFacts } from '../../policy/policy.ts';
import type { Db } from '../context.ts';
import { leadsOfTeams, loadActors } from '../jobs/org-actors.ts';
import { notify, type Notification } from './notify.ts';

/** Of `userIds`, those who may read the objective. */
export async function readersOf(
  db: Db,
  orgId: string,
  facts: ObjectiveFacts,
  userIds: string[],
): Promise<string[]> {
  const actors = await loadActors(db, orgId, [...new Set(userIds)]);
  return [...actors.values()]
    .filter((actor) => can(actor, 'objective.read', { type: 'objective', objective: facts }))
    .map((actor) => actor.userId);
}

async function nameOf(db: Db, userId: string): Promise<string> {
  const row = await db
    .selectFrom('users')
    .select('name')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.name ?? 'Someone';
}

type Base = Pick<Notification, 'orgId' | 'actorId' | 'at'>;

/** Submitted: the leads who approve (leads of the owner's teams). Approved or returned: the owner. */
export async function noticeApprovalStep(
  db: Db,
  base: Base,
  objective: { id: string; title: string; ownerId: string | null; facts: ObjectiveFacts },
  step: 'submit' | 'approve' | 'return',
  comment: string | null,
): Promise<void> {
  const actorName = base.actorId ? await nameOf(db, base.actorId) : 'Someone';
  const common = {
    ...base,
    kind: 'approval' as const,
    link: `/objectives/${objective.id}`,
    subject: { type: 'objective', id: objective.id },
  };
  if (step === 'submit') {
    const leads = await leadsOfTeams(db, base.orgId, objective.facts.ownerTeamIds);
    await notify(db, {
      ...common,
      recipients: await readersOf(db, base.orgId, objective.facts, leads),
      title: `${actorName} asks you to approve “${objective.title}”`,
    });
  } else if (objective.ownerId) {
    await notify(db, {
      ...common,
      recipients: [objective.ownerId],
      title:
        step === 'approve'
          ? `${actorName} approved “${objective.title}”`
          : `${actorName} returned “${objective.title}”`,
      body: step === 'return' ? comment : null,
    });
  }
}

/** A new request: the asked team's leads. An answer: the person who asked. */
export async function noticeRequest(
  db: Db,
  base: Base,
  request: {
    id: string;
    toTeamId: string;
    requestedBy: string | null;
    message: string;
    status: string;
    response: string | null;
  },
  objective: { id: string; title: string; facts: ObjectiveFacts },
): Promise<void> {
  const actorName = base.actorId ? await nameOf(db, base.actorId) : 'Someone';
  const common = {
    ...base,
    kind: 'collaboration_request' as const,
    link: `/objectives/${objective.id}`,
    subject: { type: 'collaboration_request', id: request.id },
  };
  if (request.status === 'open') {
    const leads = await leadsOfTeams(db, base.orgId, [request.toTeamId]);
    await notify(db, {
      ...common,
      link: `/teams/${request.toTeamId}/requests`,
      recipients: await readersOf(db, base.orgId, objective.facts, leads),
      title: `${actorName} asks your team for help on “${objective.title}”`,
      body: request.message,
    });
  } else if (request.requestedBy) {
    await notify(db, {
      ...common,
      recipients: [request.requestedBy],
      title: `${actorName} ${request.status} your request for help on “${objective.title}”`,
      body: request.response,
    });
  }
}

/**
 * People mentioned in a comment who may read its objective (see src/domain/mentions.ts). For an
 * edited comment, `previousBody` is what it said before: only people it did not mention yet
 * are told, so fixing a typo does not notify everyone again.
 */
export async function noticeMentions(
  db: Db,
  base: Base,
  comment: { id: string; body: string; previousBody?: string },
  objective: { id: string; title: string; facts: ObjectiveFacts },
): Promise<void> {
  const candidates = mentionCandidates(comment.body);
  if (comment.previousBody !== undefined) {
    const before = mentionCandidates(comment.previousBody);
    candidates.emails.push(...before.emails);
    candidates.firstWords.push(...before.firstWords);
  }
  const { emails, firstWords } = candidates;
  if (emails.length === 0 && firstWords.length === 0) return;
  const people = await db
    .selectFrom('users as u')
    .innerJoin('memberships as m', 'm.user_id', 'u.id')
    .select(['u.id', 'u.name', 'u.email'])
    .where('m.org_id', '=', base.orgId)
    .where((eb) =>
      eb.or([
        ...(emails.length > 0 ? [eb('u.email', 'in', emails)] : []),
        ...firstWords
          .slice(0, 20)
          .map((word) => eb(eb.fn('lower', ['u.name']), 'like', `${word.replace(/[%_\\]/g, '')}%`)),
      ]),
    )
    .limit(500)
    .execute();
  const already = new Set(
    comment.previousBody === undefined ? [] : resolveMentions(comment.previousBody, people),
  );
  const mentioned = resolveMentions(comment.body, people).filter((id) => !already.has(id));
  if (mentioned.length === 0) return;
  const actorName = base.actorId ? await nameOf(db, base.actorId) : 'Someone';
  await notify(db, {
    ...base,
    kind: 'mention',
    recipients: await readersOf(db, base.orgId, objective.facts, mentioned),
    title: `${actorName} mentioned you on “${objective.title}”`,
    body: comment.body,
    link: `/objectives/${objective.id}`,
    subject: { type: 'comment', id: comment.id },
  });
}
