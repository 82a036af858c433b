/** Collaboration requests as the API shows them. */
import type {
  CollaborationRequestView,
  RequestStatus,
} from '../contracts/api/shared-objectives.ts';
import type { ObjectiveLevel } from '../contracts/model.ts';
import { can, type Actor, type Resource } from '../policy/policy.ts';
import type { RequestRecord } from '../repositories/team-collaboration.ts';
import { renderMarkdown } from './markdown.ts';

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

/** `resource` is the request as the policy sees it (its objective's facts and its two teams). */
export function presentRequest(
  actor: Actor,
  resource: Resource,
  row: RequestRecord,
): CollaborationRequestView {
  const status = row.status as RequestStatus;
  const requestedBy = person(row.requested_by, row.requested_by_name);
  const respondedBy = person(row.responded_by, row.responded_by_name);
  const history: CollaborationRequestView['history'] = [
    { kind: 'asked', at: row.created_at, by: requestedBy, text: row.message },
  ];
  if (status !== 'open' && row.responded_at)
    history.push({ kind: status, at: row.responded_at, by: respondedBy, text: row.response });
  return {
    id: row.id,
    fromTeam: { id: row.from_team_id, name: row.from_team_name },
    toTeam: { id: row.to_team_id, name: row.to_team_name },
    objective: { id: row.objective_id, title: row.objective_title, level: row.objective_level as ObjectiveLevel },
    keyResult:
      row.key_result_id && row.key_result_title !== null
        ? { id: row.key_result_id, title: row.key_result_title }
        : null,
    message: row.message,
    messageHtml: renderMarkdown(row.message),
    neededBy: row.needed_by,
    status,
    response: row.response,
    outcome:
      row.outcome_kind && row.outcome_id
        ? {
            kind: row.outcome_kind === 'dependency' ? 'dependency' : 'contribution',
            id: row.outcome_id,
          }
        : null,
    requestedBy,
    respondedBy,
    createdAt: row.created_at,
    respondedAt: row.responded_at,
    history,
    version: row.version,
    abilities: {
      canRespond: status === 'open' && can(actor, 'collaboration_request.respond', resource),
    },
  };
}

export function requestSnapshot(row: RequestRecord): Record<string, unknown> {
  return {
    title: row.objective_title,
    objectiveId: row.objective_id,
    keyResultId: row.key_result_id,
    fromTeamId: row.from_team_id,
    toTeamId: row.to_team_id,
    message: row.message,
    neededBy: row.needed_by,
    status: row.status,
    response: row.response,
    outcome: row.outcome_kind ? { kind: row.outcome_kind, id: row.outcome_id } : null,
  };
}
