/**
 * A shared objective's progress per contributing team, for its view: what each team contributes
 * (key results on the objective owned by its people, its objectives aligned to it, its key results
 * that count in it) gathered here, attributed and averaged by `domain/shared-progress.ts`.
 * Something under an objective the caller may not read still counts, shown as "a private objective".
 */
import {
  PRIVATE_CONTRIBUTION_TITLE,
  type SharedContributionView,
  type SharedProgressView,
} from '../../contracts/api/shared-objectives.ts';
import type { Health } from '../../contracts/model.ts';
import { sharedProgressByTeam, type SharedContribution } from '../../domain/shared-progress.ts';
import { listScope, type Actor } from '../../policy/policy.ts';
import type { KeyResultRow, LoadedObjective } from '../../repositories/objective-facts.ts';
import { teamNames, teamsOfPeople } from '../../repositories/objectives.ts';
import {
  keyResultsCountingIn,
  objectivesAlignedTo,
} from '../../repositories/team-collaboration.ts';
import type { Db } from '../context.ts';

const health = (value: string | null) => value as Health | null;

/** Null unless the objective is shared. `keyResults` are its own, as the view already loaded them. */
export async function sharedProgressOf(
  db: Db,
  actor: Actor,
  loaded: LoadedObjective,
  keyResults: readonly KeyResultRow[],
): Promise<SharedProgressView | null> {
  if (loaded.row.level !== 'shared') return null;
  const scope = listScope(actor);
  const [counting, aligned] = await Promise.all([
    keyResultsCountingIn(db, scope, loaded.row.id),
    objectivesAlignedTo(db, scope, loaded.row.id),
  ]);
  const owners = [
    ...keyResults.map((k) => k.owner_id),
    ...counting.flatMap((k) => [k.owner_id, k.objective_owner_id]),
    ...aligned.map((o) => o.owner_id),
  ];
  const teamIds = loaded.facts.contributingTeamIds;
  const [teamsOf, names] = await Promise.all([
    teamsOfPeople(db, actor.orgId, owners),
    teamNames(db, actor.orgId, teamIds),
  ]);
  const teamsOfPerson = (id: string | null) => (id ? (teamsOf.get(id) ?? []) : []);

  const contributions: SharedContribution[] = [];
  const views = new Map<string, SharedContributionView>();
  for (const k of keyResults) {
    contributions.push({
      id: k.id,
      kind: 'key_result',
      candidateTeamIds: teamsOfPerson(k.owner_id),
      progress: k.progress,
      weight: k.weight,
      health: health(k.health),
      measurable: true,
    });
    views.set(k.id, {
      kind: 'key_result',
      id: k.id,
      title: k.title,
      objectiveId: loaded.row.id,
      progress: k.progress,
      health: health(k.health),
      private: false,
    });
  }
  for (const k of counting) {
    const teams = k.team_id
      ? [k.team_id]
      : [...teamsOfPerson(k.owner_id), ...teamsOfPerson(k.objective_owner_id)];
    contributions.push({
      id: k.id,
      kind: 'key_result',
      candidateTeamIds: teams,
      progress: k.progress,
      weight: k.weight,
      health: health(k.health),
      measurable: true,
    });
    const readable = Boolean(Number(k.readable));
    views.set(
      k.id,
      readable
        ? {
            kind: 'key_result',
            id: k.id,
            title: k.title,
            objectiveId: k.objective_id,
            progress: k.progress,
            health: health(k.health),
            private: false,
          }
        : {
            kind: 'key_result',
            id: null,
            title: PRIVATE_CONTRIBUTION_TITLE,
            objectiveId: null,
            progress: k.progress,
            health: health(k.health),
            private: true,
          },
    );
  }
  for (const o of aligned) {
    const teams = o.team_id ? [o.team_id] : teamsOfPerson(o.owner_id);
    // An objective with nothing to measure has no health; it is listed but not averaged.
    contributions.push({
      id: o.id,
      kind: 'objective',
      candidateTeamIds: teams,
      progress: o.progress,
      weight: 1,
      health: health(o.health),
      measurable: o.health !== null,
    });
    const readable = Boolean(Number(o.readable));
    views.set(
      o.id,
      readable
        ? {
            kind: 'objective',
            id: o.id,
            title: o.title,
            objectiveId: o.id,
            progress: o.progress,
            health: health(o.health),
            private: false,
          }
        : {
            kind: 'objective',
            id: null,
            title: PRIVATE_CONTRIBUTION_TITLE,
            objectiveId: null,
            progress: o.progress,
            health: health(o.health),
            private: true,
          },
    );
  }

  const result = sharedProgressByTeam(teamIds, contributions);
  const shown = (ids: readonly string[]) => ids.flatMap((id) => views.get(id) ?? []);
  return {
    overall: loaded.row.progress,
    teams: result.teams.map((t) => ({
      team: { id: t.teamId, name: names.get(t.teamId) ?? t.teamId },
      progress: t.progress,
      health: t.health,
      contributions: shown(t.contributionIds),
    })),
    unattributed: shown(result.unattributedIds),
  };
}
