/**
 * What to look at before a cycle moves on: before activating, teams without objectives and
 * objectives without key results; before grading, who will be asked for scores (and objectives
 * nobody owns); before closing, objectives without a confirmed score. Warnings must be
 * acknowledged by the transition (`acknowledge: true`); private objectives are counted but listed
 * only for their readers.
 */
import type { TransitionCheckView, TransitionChecksView } from '../../contracts/api/cycles.ts';
import type { CycleStatus } from '../../contracts/model.ts';
import { canTransition, CYCLE_TRANSITIONS } from '../../domain/cycle.ts';
import { authorize, listScope, type Actor } from '../../policy/policy.ts';
import { presentCycle } from '../../presenters/cycles.ts';
import {
  cycleObjectives,
  objectiveRelationsOf,
  organisationPeople,
  teamsWithMembers,
  type CycleObjectiveRecord,
} from '../../repositories/cycle-work.ts';
import { findCycle, type CycleRecord } from '../../repositories/cycles.ts';
import { keyResultCounts } from '../../repositories/objectives.ts';
import type { Db, ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';

type Item = TransitionCheckView['items'][number];

function objectiveCheck(
  id: TransitionCheckView['id'],
  title: string,
  objectives: readonly CycleObjectiveRecord[],
  detail: (o: CycleObjectiveRecord) => string | null = () => null,
): TransitionCheckView {
  const readable = objectives.filter((o) => o.readable === 1);
  return {
    id,
    title,
    severity: 'warning',
    count: objectives.length,
    items: readable.map((o) => ({ id: o.id, kind: 'objective', name: o.title, detail: detail(o) })),
    hidden: objectives.length - readable.length,
  };
}

/** The checks of moving `cycle` to `to`, as `actor` may see them. */
export async function checksFor(
  db: Db,
  actor: Actor,
  cycle: CycleRecord,
  to: CycleStatus,
): Promise<TransitionCheckView[]> {
  const from = cycle.status as CycleStatus;
  if (!canTransition(from, to)) return [];
  const objectives = await cycleObjectives(db, listScope(actor), cycle.id);
  if (to === 'active' && from === 'planning') {
    const ids = objectives.map((o) => o.id);
    const [teams, relations, krCounts] = await Promise.all([
      teamsWithMembers(db, actor.orgId),
      objectiveRelationsOf(db, actor.orgId, ids),
      keyResultCounts(db, actor.orgId, ids),
    ]);
    const covered = new Set<string>();
    for (const o of objectives) {
      if (o.team_id !== null) covered.add(o.team_id);
      for (const team of relations.get(o.id)?.contributingTeamIds ?? []) covered.add(team);
    }
    const bare = teams.filter((team) => !covered.has(team.id));
    return [
      {
        id: 'teams_without_objectives',
        title: 'Teams without objectives in this cycle',
        severity: 'warning',
        count: bare.length,
        items: bare.map((team): Item => ({
          id: team.id,
          kind: 'team',
          name: team.name,
          detail: `${team.memberIds.length} ${team.memberIds.length === 1 ? 'member' : 'members'}`,
        })),
        hidden: 0,
      },
      objectiveCheck(
        'objectives_without_key_results',
        'Objectives without key results',
        objectives.filter((o) => (krCounts.get(o.id) ?? 0) === 0),
      ),
    ];
  }
  if (to === 'grading') {
    const people = new Map((await organisationPeople(db, actor.orgId)).map((p) => [p.id, p.name]));
    const owners = new Map<string, { readable: number }>();
    for (const o of objectives) {
      if (o.owner_id === null) continue;
      const entry = owners.get(o.owner_id) ?? { readable: 0 };
      entry.readable += o.readable;
      owners.set(o.owner_id, entry);
    }
    const shown = [...owners].filter(([, entry]) => entry.readable > 0);
    return [
      {
        id: 'owners_to_ask',
        title: 'Owners who will be asked to score their objectives',
        severity: 'info',
        count: owners.size,
        items: shown.map(([id, entry]) => ({
          id,
          kind: 'person',
          name: people.get(id) ?? 'Former member',
          detail: `${entry.readable} ${entry.readable === 1 ? 'objective' : 'objectives'}`,
        })),
        hidden: owners.size - shown.length,
      },
      objectiveCheck(
        'objectives_without_owner',
        'Objectives nobody owns (nobody will be asked to score them)',
        objectives.filter((o) => o.owner_id === null),
      ),
    ];
  }
  if (to === 'closed') {
    return [
      objectiveCheck(
        'objectives_without_confirmed_score',
        'Objectives without a confirmed score',
        objectives.filter((o) => o.score === null),
        (o) => `progress ${Math.round(o.progress * 100)}%`,
      ),
    ];
  }
  return [];
}

/** Whether the checks hold a warning that the transition must acknowledge. */
export function needsAcknowledgement(checks: readonly TransitionCheckView[]): boolean {
  return checks.some((check) => check.severity === 'warning' && check.count > 0);
}

/** The checks of moving the cycle to `to` (champions: `cycle.manage`). */
export async function transitionChecks(
  ctx: ServiceContext,
  id: string,
  asked: CycleStatus | undefined,
): Promise<TransitionChecksView> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  const cycle = await findCycle(db, actor.orgId, id);
  if (!cycle) throw notFound('cycle');
  authorize(actor, 'cycle.manage', { type: 'organisation' });
  const status = cycle.status as CycleStatus;
  const to = asked ?? CYCLE_TRANSITIONS[status][0] ?? status;
  const checks = await checksFor(db, actor, cycle, to);
  return {
    cycle: presentCycle(actor, cycle),
    to,
    allowed: canTransition(cycle.status as CycleStatus, to),
    needsAcknowledgement: needsAcknowledgement(checks),
    checks,
  };
}
