/** Announcements and questions as API objects, with the caller's abilities. */
import type { AnnouncementView } from '../contracts/api/announcements.ts';
import type { QuestionStatus, QuestionView } from '../contracts/api/questions.ts';
import { can, type Actor, type ObjectiveFacts } from '../policy/policy.ts';
import type { AnnouncementRecord } from '../repositories/announcements.ts';
import type { QuestionRecord } from '../repositories/questions.ts';
import { renderMarkdown } from './markdown.ts';

export interface AnnouncementExtras {
  teams: { id: string; name: string }[];
  objectives: { id: string; title: string }[];
  acknowledgedAt: string | null;
}

/** Is the actor in the announcement's audience (the organisation, or one of its teams)? */
export function isRecipient(
  actor: Actor,
  row: AnnouncementRecord,
  teams: { id: string }[],
): boolean {
  return row.audience === 'organisation' || teams.some((team) => actor.teamIds.has(team.id));
}

export function presentAnnouncement(
  actor: Actor,
  row: AnnouncementRecord,
  extras: AnnouncementExtras,
): AnnouncementView {
  const recipient = isRecipient(actor, row, extras.teams);
  const resource = { type: 'announcement', recipient } as const;
  const live = row.withdrawn_at === null;
  const publisher = can(actor, 'announcement.publish', resource);
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    html: renderMarkdown(row.body),
    rationale: row.rationale,
    rationaleHtml: renderMarkdown(row.rationale),
    audience: row.audience === 'teams' ? 'teams' : 'organisation',
    teams: extras.teams,
    objectives: extras.objectives,
    publishedBy: row.published_by ? { id: row.published_by, name: row.publisher_name ?? '' } : null,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    withdrawnAt: row.withdrawn_at,
    remindedAt: row.reminded_at,
    isRecipient: recipient,
    acknowledgedAt: extras.acknowledgedAt,
    version: row.version,
    abilities: {
      canEdit: live && publisher,
      canWithdraw: live && publisher,
      canAcknowledge:
        live && extras.acknowledgedAt === null && can(actor, 'announcement.acknowledge', resource),
      canSeeUnderstanding: can(actor, 'understanding.read', resource),
      canAskQuestion:
        live &&
        can(actor, 'question.ask', { type: 'question', askerId: actor.userId, objective: null }),
    },
  };
}

/** What an audit row keeps of an announcement. */
export function announcementSnapshot(
  row: AnnouncementRecord,
  teamIds: readonly string[],
  objectiveIds: readonly string[],
): Record<string, unknown> {
  return {
    title: row.title,
    body: row.body,
    rationale: row.rationale,
    audience: row.audience,
    teamIds,
    objectiveIds,
    withdrawnAt: row.withdrawn_at,
    version: row.version,
  };
}

export function presentQuestion(
  actor: Actor,
  row: QuestionRecord,
  objective: ObjectiveFacts | null,
): QuestionView {
  const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);
  return {
    id: row.id,
    text: row.text,
    asker: person(row.asker_id, row.asker_name),
    objective: row.objective_id ? { id: row.objective_id, title: row.objective_title ?? '' } : null,
    announcement: row.announcement_id
      ? { id: row.announcement_id, title: row.announcement_title ?? '' }
      : null,
    status: row.status as QuestionStatus,
    assignee: person(row.assignee_id, row.assignee_name),
    answer: row.answer,
    answerHtml: row.answer === null ? null : renderMarkdown(row.answer),
    answeredBy: person(row.answered_by, row.answerer_name),
    answeredAt: row.answered_at,
    publishedToFaq: row.published_to_faq === 1,
    faqTitle: row.faq_title,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    abilities: {
      canManage: can(actor, 'question.manage', {
        type: 'question',
        askerId: row.asker_id,
        objective,
      }),
    },
  };
}

export function questionSnapshot(row: QuestionRecord): Record<string, unknown> {
  return {
    text: row.text,
    objectiveId: row.objective_id,
    announcementId: row.announcement_id,
    status: row.status,
    assigneeId: row.assignee_id,
    answer: row.answer,
    publishedToFaq: row.published_to_faq === 1,
    faqTitle: row.faq_title,
    version: row.version,
  };
}
