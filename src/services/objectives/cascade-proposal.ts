/**
 * "Cascade to my team" (issue 6, Team Lead part 1): what a team lead starts from when they turn a
 * company, team or shared objective into their team's — the parent, the team's members (the only
 * people its key results may be assigned to, which creating it enforces) and key result drafts
 * proposed from the parent's key results by the domain rule. Nothing is written: the lead edits
 * the proposal in the wizard and creates the objective with POST /objectives.
 */
import type { CascadeProposalView } from '../../contracts/api/team-lead.ts';
import type { KrDirection, KrKind } from '../../contracts/model.ts';
import { proposeCascadedKeyResults } from '../../domain/cascade.ts';
import { authorize } from '../../policy/policy.ts';
import { keyResultsOf } from '../../repositories/key-results.ts';
import { teamNames } from '../../repositories/objectives.ts';
import { teamMemberList } from '../../repositories/teams.ts';
import type { ServiceContext } from '../context.ts';
import { readableObjective } from './objective-views.ts';
import { badInput, draftFacts } from './objective-rules.ts';
import { notFound } from '../service-errors.ts';

/**
 * The proposal for cascading objective `id` to team `teamId`. 404 when the objective is not
 * readable; 400 when it is an individual objective (nothing is cascaded from one person) or the
 * team is not of this organisation; then the policy judges the team objective it would create
 * ('objective.create': 403 unless the caller leads the team, 409 in a cycle closed for new OKRs).
 */
export async function cascadeProposal(
  ctx: ServiceContext,
  id: string,
  teamId: string,
): Promise<CascadeProposalView> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  const orgId = actor.orgId;
  const parent = await readableObjective(db, actor, id);
  const [teams, members, keyResults] = await Promise.all([
    teamNames(db, orgId, [teamId]),
    teamMemberList(db, orgId, teamId),
    keyResultsOf(db, orgId, [id]),
  ]);
  // Another organisation's team (or none) is missing here, as every foreign id is.
  if (!teams.has(teamId)) throw notFound('team');
  const problems = [
    ...(parent.facts.level === 'individual'
      ? [
          {
            path: 'params.id',
            message: 'is an individual objective: cascade from a company, team or shared objective',
          },
        ]
      : []),
  ];
  if (problems.length > 0) throw badInput(problems);
  const facts = await draftFacts(db, orgId, {
    level: 'team',
    ownerId: actor.userId,
    teamId,
    visibility: 'public',
    readerIds: [],
    contributingTeamIds: [],
    cycle: parent.cycle,
  });
  authorize(actor, 'objective.create', { type: 'objective', objective: facts });
  const proposals = proposeCascadedKeyResults(
    keyResults.map((kr) => ({
      id: kr.id,
      title: kr.title,
      kind: kr.kind as KrKind,
      direction: kr.direction as KrDirection,
      start: kr.start_value,
      target: kr.target_value,
      current: kr.current_value,
      unit: kr.unit,
      currency: kr.currency,
      weight: kr.weight,
      position: kr.position,
    })),
  );
  return {
    parent: {
      id: parent.row.id,
      title: parent.row.title,
      level: parent.facts.level,
      cycleId: parent.row.cycle_id,
    },
    team: { id: teamId, name: teams.get(teamId) ?? '' },
    members: members.map((m) => ({ id: m.id, name: m.name, isLead: m.isLead })),
    keyResults: proposals.map((p) => ({ ...p, ownerId: null })),
  };
}
