/**
 * The cross-team map: every team of the organisation, and between them the open dependencies and
 * shared objectives the caller may read, each edge coloured by the worst health it carries. A
 * dependency carries the health of the key result waited for, or the risk that key result
 * inherits through its own dependencies (risk that travels, `domain/dependency-risk.ts`), the worse.
 */
import type { CrossTeamMapQuery, CrossTeamMapView } from '../../contracts/api/shared-objectives.ts';
import type { Health } from '../../contracts/model.ts';
import { crossTeamEdges } from '../../domain/cross-team-map.ts';
import { dependencyRisk } from '../../domain/dependency-risk.ts';
import { worseHealth } from '../../domain/shared-progress.ts';
import { listScope } from '../../policy/policy.ts';
import { upstreamDependencies } from '../../repositories/collaboration.ts';
import { cycleOf, teamsOfPeople } from '../../repositories/objectives.ts';
import {
  openDependenciesForMap,
  sharedObjectivesForMap,
  teamsOfOrganisation,
} from '../../repositories/team-collaboration.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';

const health = (value: string | null) => value as Health | null;

export async function crossTeamMap(
  ctx: ServiceContext,
  query: CrossTeamMapQuery,
): Promise<CrossTeamMapView> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  const scope = listScope(actor);
  // A cycle of another organisation, or none, is "no such cycle" rather than an empty map.
  if (query.cycleId && !(await cycleOf(db, actor.orgId, query.cycleId))) throw notFound('cycle');
  const [teams, dependencies, shared] = await Promise.all([
    teamsOfOrganisation(db, actor.orgId),
    openDependenciesForMap(db, scope, query.cycleId),
    sharedObjectivesForMap(db, scope, query.cycleId),
  ]);
  const [upstream, teamsOf] = await Promise.all([
    upstreamDependencies(
      db,
      actor.orgId,
      dependencies.map((d) => d.depends_on_id),
    ),
    teamsOfPeople(
      db,
      actor.orgId,
      dependencies.flatMap((d) => [
        d.kr_owner_id,
        d.kr_objective_owner_id,
        d.dep_owner_id,
        d.dep_objective_owner_id,
      ]),
    ),
  ]);
  const inherited = dependencyRisk(
    upstream,
    new Map(upstream.map((e) => [e.to, health(e.toHealth)])),
  );
  /** A key result's team: its objective's, else its owner's, else its objective owner's (first by id). */
  const teamOf = (
    teamId: string | null,
    ownerId: string | null,
    objectiveOwnerId: string | null,
  ) => {
    const first = (id: string | null) =>
      id ? ([...(teamsOf.get(id) ?? [])].sort()[0] ?? null) : null;
    return teamId ?? first(ownerId) ?? first(objectiveOwnerId);
  };
  const dependencyHealth = new Map(
    dependencies.map((d) => [
      d.id,
      worseHealth(health(d.dep_health), inherited.get(d.depends_on_id)?.level ?? null),
    ]),
  );
  const edges = crossTeamEdges(
    dependencies.map((d) => ({
      id: d.id,
      fromTeamId: teamOf(d.kr_team_id, d.kr_owner_id, d.kr_objective_owner_id),
      toTeamId: teamOf(d.dep_team_id, d.dep_owner_id, d.dep_objective_owner_id),
      health: dependencyHealth.get(d.id) ?? null,
    })),
    shared.map((o) => ({ id: o.id, teamIds: o.teamIds, health: health(o.health) })),
  );
  const dependencyById = new Map(dependencies.map((d) => [d.id, d]));
  const sharedById = new Map(shared.map((o) => [o.id, o]));
  const edgeCount = new Map<string, number>();
  for (const edge of edges)
    for (const team of [edge.from, edge.to]) edgeCount.set(team, (edgeCount.get(team) ?? 0) + 1);
  return {
    teams: teams.map((t) => ({
      id: t.id,
      name: t.name,
      parentId: t.parent_id,
      edgeCount: edgeCount.get(t.id) ?? 0,
    })),
    edges: edges.map((edge) => ({
      id: edge.id,
      kind: edge.kind,
      from: edge.from,
      to: edge.to,
      health: edge.health,
      items: edge.itemIds.flatMap((id) => {
        if (edge.kind === 'shared') {
          const o = sharedById.get(id);
          return o ? [{ id, title: o.title, objectiveId: o.id, health: health(o.health) }] : [];
        }
        const d = dependencyById.get(id);
        return d
          ? [
              {
                id,
                title: `“${d.kr_title}” needs “${d.dep_title}”`,
                objectiveId: d.kr_objective_id,
                health: dependencyHealth.get(id) ?? null,
              },
            ]
          : [];
      }),
    })),
  };
}
