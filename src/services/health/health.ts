/**
 * The OKR health dashboard of one cycle (`health.read`: champions and executives), computed on the
 * server from the stored OKRs with the rules of domain/health.ts and domain/quality.ts. Private
 * objectives are counted everywhere but listed only for their readers (each list says how many
 * it leaves out).
 */
import type { HealthObjectiveView, HealthQuery, HealthView } from '../../contracts/api/health.ts';
import type {
  CycleStatus,
  Health,
  KrDirection,
  KrKind,
  ObjectiveLevel,
} from '../../contracts/model.ts';
import {
  alignmentGaps,
  checkInCompliance,
  confidenceCounts,
  coverageByTeam,
  lastWeeks,
  peopleWithoutObjectives,
  progressDeciles,
  teamsInTreeOrder,
} from '../../domain/health.ts';
import { checkQuality } from '../../domain/quality.ts';
import { authorize, listScope } from '../../policy/policy.ts';
import {
  checkInsSince,
  cycleObjectives,
  organisationPeople,
  teamsWithMembers,
  type CycleObjectiveRecord,
} from '../../repositories/cycle-work.ts';
import { findCycle, listCycleRecords, type CycleRecord } from '../../repositories/cycles.ts';
import { keyResultsOf } from '../../repositories/key-results.ts';
import { parentEdges } from '../../repositories/objectives.ts';
import type { Db, ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';

/** The active cycle around today, else the active cycle that started last, else the latest. */
async function defaultCycle(
  db: Db,
  orgId: string,
  today: string,
): Promise<CycleRecord | undefined> {
  const cycles = await listCycleRecords(db, orgId, { limit: 1000 });
  const latest = (list: CycleRecord[]) =>
    list.reduce<CycleRecord | undefined>(
      (best, c) => (best === undefined || c.start_date > best.start_date ? c : best),
      undefined,
    );
  const active = cycles.filter((c) => c.status === 'active');
  return (
    latest(active.filter((c) => c.start_date <= today && today <= c.end_date)) ??
    latest(active) ??
    latest(cycles)
  );
}

/** The objectives the reader may read, and how many others were left out. */
function split(
  all: readonly CycleObjectiveRecord[],
  present: (o: CycleObjectiveRecord) => HealthObjectiveView,
): { items: HealthObjectiveView[]; hidden: number } {
  const shown = all.filter((o) => o.readable === 1);
  return { items: shown.map(present), hidden: all.length - shown.length };
}

export async function organisationHealth(
  ctx: ServiceContext,
  query: HealthQuery,
): Promise<HealthView> {
  const { actor, now } = ctx;
  const db = ctx.connection.db;
  const cycle = query.cycle
    ? await findCycle(db, actor.orgId, query.cycle)
    : await defaultCycle(db, actor.orgId, now.toISOString().slice(0, 10));
  if (query.cycle && !cycle) throw notFound('cycle');
  authorize(actor, 'health.read', { type: 'organisation' });
  if (!cycle) throw notFound('cycle');

  const objectives = await cycleObjectives(db, listScope(actor), cycle.id);
  const ids = objectives.map((o) => o.id);
  const weeks = lastWeeks(now, query.weeks);
  const [teams, people, edges, keyResults] = await Promise.all([
    teamsWithMembers(db, actor.orgId),
    organisationPeople(db, actor.orgId),
    parentEdges(db, actor.orgId, ids),
    keyResultsOf(db, actor.orgId, ids),
  ]);
  const checkIns = await checkInsSince(
    db,
    actor.orgId,
    keyResults.map((kr) => kr.id),
    weeks[0]?.from ?? now.toISOString(),
  );

  const names = new Map(people.map((p) => [p.id, p.name]));
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const parents = new Map<string, string[]>();
  for (const e of edges) parents.set(e.childId, [...(parents.get(e.childId) ?? []), e.parentId]);
  const facts = objectives.map((o) => ({
    id: o.id,
    level: o.level as ObjectiveLevel,
    teamId: o.team_id,
    ownerId: o.owner_id,
    parentCount: parents.get(o.id)?.length ?? 0,
    record: o,
  }));
  const present = (o: CycleObjectiveRecord): HealthObjectiveView => ({
    id: o.id,
    title: o.title,
    level: o.level,
    team: o.team_id ? { id: o.team_id, name: teamName.get(o.team_id) ?? '' } : null,
    owner: o.owner_id ? { id: o.owner_id, name: names.get(o.owner_id) ?? 'Former member' } : null,
    progress: o.progress,
    health: o.health as Health | null,
  });
  const readable = (o: CycleObjectiveRecord) => o.readable === 1;

  const ordered = teamsInTreeOrder(teams);
  const coverage = coverageByTeam(
    ordered.map(({ team }) => team),
    facts,
  );
  const person = (id: string) => ({ id, name: names.get(id) ?? 'Former member' });
  const withoutObjectives = peopleWithoutObjectives(
    people.map((p) => p.id),
    facts,
  );

  const objectiveTeam = new Map(objectives.map((o) => [o.id, o.team_id]));
  const keyResultsByTeam = new Map<string, { id: string; createdAt: string }[]>();
  for (const kr of keyResults) {
    const team = objectiveTeam.get(kr.objective_id);
    if (!team) continue;
    keyResultsByTeam.set(team, [
      ...(keyResultsByTeam.get(team) ?? []),
      { id: kr.id, createdAt: kr.created_at },
    ]);
  }

  const krsByObjective = new Map<string, typeof keyResults>();
  for (const kr of keyResults)
    krsByObjective.set(kr.objective_id, [...(krsByObjective.get(kr.objective_id) ?? []), kr]);
  const issues = objectives.flatMap((o) =>
    checkQuality({
      level: o.level as ObjectiveLevel,
      title: o.title,
      rationale: o.rationale,
      ownerId: o.owner_id,
      parentIds: parents.get(o.id) ?? [],
      keyResults: (krsByObjective.get(o.id) ?? []).map((kr) => ({
        title: kr.title,
        kind: kr.kind as KrKind,
        direction: kr.direction as KrDirection,
        start: kr.start_value,
        target: kr.target_value,
        unit: kr.kind === 'currency' ? (kr.currency ?? kr.unit) : kr.unit,
        ownerId: kr.owner_id,
      })),
    }).flatMap((finding) =>
      finding.severity === 'info'
        ? []
        : [
            {
              objective: o,
              ruleId: finding.ruleId,
              severity: finding.severity,
              message: finding.message,
            },
          ],
    ),
  );

  return {
    cycle: {
      id: cycle.id,
      name: cycle.name,
      status: cycle.status as CycleStatus,
      startDate: cycle.start_date,
      endDate: cycle.end_date,
    },
    generatedAt: now.toISOString(),
    totals: {
      objectives: objectives.length,
      keyResults: keyResults.length,
      people: people.length,
      peopleWithoutObjectives: withoutObjectives.length,
      teams: teams.length,
      teamsWithoutObjectives: coverage.filter((row) => row.objectiveCount === 0).length,
    },
    coverage: coverage.map((row, i) => ({
      team: { id: row.teamId, name: teamName.get(row.teamId) ?? '' },
      depth: ordered[i]?.depth ?? 0,
      objectiveCount: row.objectiveCount,
      memberCount: row.memberCount,
      membersWithoutObjectives: row.membersWithoutObjectives.map(person),
    })),
    peopleWithoutObjectives: withoutObjectives.map(person),
    alignmentGaps: split(
      alignmentGaps(facts).map((f) => f.record),
      present,
    ),
    weeks,
    compliance: ordered.map(({ team, depth }) => ({
      team: { id: team.id, name: team.name },
      depth,
      weeks: checkInCompliance(keyResultsByTeam.get(team.id) ?? [], checkIns, weeks),
    })),
    qualityIssues: {
      items: issues
        .filter((issue) => readable(issue.objective))
        .map((issue) => ({ ...issue, objective: present(issue.objective) })),
      hidden: issues.filter((issue) => !readable(issue.objective)).length,
    },
    atRisk: split(
      objectives.filter((o) => o.health === 'at_risk'),
      present,
    ),
    offTrack: split(
      objectives.filter((o) => o.health === 'off_track'),
      present,
    ),
    status: {
      on_track: objectives.filter((o) => o.health === 'on_track').length,
      at_risk: objectives.filter((o) => o.health === 'at_risk').length,
      off_track: objectives.filter((o) => o.health === 'off_track').length,
      none: objectives.filter((o) => o.health === null).length,
    },
    progressDeciles: progressDeciles(objectives.map((o) => o.progress)),
    confidence: confidenceCounts(keyResults.map((kr) => kr.confidence)),
  };
}
