/**
 * Time travel's use cases: one objective, or a cycle's objectives filtered as the list does
 * (which the company and team pages use), as they were at a past instant. Read-only: every
 * ability is false. An objective that did not exist then (or that the caller could not read
 * then, or cannot read now) answers 404; a list before anything existed is empty.
 */
import { AppError } from '../../contracts/app-error.ts';
import type {
  KeyResultView,
  LinkOrPrivateView,
  ObjectiveDetailView,
  ObjectiveListQuery,
  ObjectiveListView,
  ObjectiveSummaryView,
} from '../../contracts/api/okrs.ts';
import { encodeCursor } from '../../contracts/api/page.ts';
import type {
  Health,
  KrDirection,
  KrKind,
  ObjectiveLevel,
  ObjectiveStatus,
  Visibility,
} from '../../contracts/model.ts';
import { confidenceBand, expectedProgress, keyResultProgress } from '../../domain/progress.ts';
import type { KeyResultAsOf, ObjectiveAsOf } from '../../domain/time-travel.ts';
import { can, type Actor } from '../../policy/policy.ts';
import { personRef } from '../../presenters/key-results.ts';
import { presentCycleRef, privateStub } from '../../presenters/objectives.ts';
import { cycleOf, peopleNames, teamNames } from '../../repositories/objectives.ts';
import { cycleOfObjective, privateNow } from '../../repositories/time-travel.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';
import { cycleAsOf, type CycleAsOf } from './cycle-as-of.ts';

const NO_OBJECTIVE_ABILITIES = {
  canEdit: false,
  canEditWordingOnly: false,
  canDelete: false,
  canAddKeyResult: false,
  canComment: false,
  canMove: false,
  canDuplicate: false,
};
const NO_KEY_RESULT_ABILITIES = {
  canEdit: false,
  canEditWordingOnly: false,
  canDelete: false,
  canCheckIn: false,
  canManageInitiatives: false,
  canManageDependencies: false,
  canMove: false,
};

/**
 * The instant an `asOf` stands for: a day is its end (UTC), or now when that is later; an
 * instant is itself. 400 `bad_input` for the future.
 */
export function resolveAsOf(asOf: string, now: Date): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(asOf);
  const instant = day ? new Date(`${asOf}T23:59:59.999Z`) : new Date(asOf);
  const today = now.toISOString().slice(0, 10);
  if (Number.isNaN(instant.getTime()) || (day ? asOf > today : instant.getTime() > now.getTime())) {
    throw new AppError('bad_input', 'asOf is in the future: time travel shows the past.', [
      { path: 'querystring.asOf', message: 'is in the future' },
    ]);
  }
  return (instant.getTime() > now.getTime() ? now : instant).toISOString();
}

type PrivateNow = ReadonlyMap<string, { ownerId: string | null; readerIds: readonly string[] }>;

/** Readable as of then (by its visibility and readers then) and, if it is private now, now. */
function readableAsOf(
  actor: Actor,
  view: CycleAsOf,
  objective: ObjectiveAsOf,
  privateObjectives: PrivateNow,
): boolean {
  const facts = (definition: ObjectiveAsOf['definition']) => ({
    type: 'objective' as const,
    objective: {
      level: definition.level as ObjectiveLevel,
      ownerId: definition.ownerId,
      teamId: definition.teamId,
      visibility: definition.visibility as Visibility,
      readerIds: definition.readerIds,
      contributingTeamIds: definition.contributingTeamIds,
      ownerTeamIds: [],
      cycleStatus: view.cycle.status,
    },
  });
  if (!can(actor, 'objective.read', facts(objective.definition))) return false;
  const now = privateObjectives.get(objective.id);
  return (
    now === undefined ||
    can(actor, 'objective.read', facts({ ...objective.definition, visibility: 'private', ...now }))
  );
}

interface Names {
  people: ReadonlyMap<string, string>;
  teams: ReadonlyMap<string, string>;
}

function progressOf(view: CycleAsOf, id: string): { progress: number; health: Health | null } {
  const found = view.progress.objectives.get(id);
  return { progress: found?.progress ?? 0, health: found?.health ?? null };
}

function summary(
  view: CycleAsOf,
  objective: ObjectiveAsOf,
  names: Names,
  keyResultCount: number,
): ObjectiveSummaryView {
  const d = objective.definition;
  return {
    id: objective.id,
    cycleId: d.cycleId,
    level: d.level as ObjectiveLevel,
    title: d.title,
    rationale: d.rationale,
    owner: personRef(d.ownerId, names.people),
    team:
      d.teamId === null
        ? null
        : { id: d.teamId, name: names.teams.get(d.teamId) ?? 'Removed team' },
    visibility: d.visibility as Visibility,
    status: d.status as ObjectiveStatus,
    includeChildren: d.includeChildren,
    ...progressOf(view, objective.id),
    score: null,
    tags: [...d.tags],
    keyResultCount,
    updatedAt: view.asOf,
    version: 0,
    abilities: NO_OBJECTIVE_ABILITIES,
    asOf: view.asOf,
  };
}

function keyResultCounts(view: CycleAsOf): Map<string, number> {
  const counts = new Map<string, number>();
  for (const keyResult of view.state.keyResults.values()) {
    const id = keyResult.definition.objectiveId;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

function matches(objective: ObjectiveAsOf, view: CycleAsOf, query: ObjectiveListQuery): boolean {
  const d = objective.definition;
  if (query.level && d.level !== query.level) return false;
  if (query.team && d.teamId !== query.team && !d.contributingTeamIds.includes(query.team))
    return false;
  if (query.owner && d.ownerId !== query.owner) return false;
  if (query.status && d.status !== query.status) return false;
  if (query.tag && !d.tags.includes(query.tag)) return false;
  if (query.health) {
    const health = progressOf(view, objective.id).health;
    if (query.health === 'none' ? health !== null : health !== query.health) return false;
  }
  if (query.q) {
    const words = query.q.toLowerCase();
    if (
      !d.title.toLowerCase().includes(words) &&
      !(d.rationale ?? '').toLowerCase().includes(words)
    )
      return false;
  }
  return true;
}

/**
 * A page of a cycle's objectives as they were at `query.asOf`, filtered by what they were then,
 * in creation (id) order. `cycle` is required: the past is rebuilt a cycle at a time.
 */
export async function listObjectivesAsOf(
  ctx: ServiceContext,
  query: ObjectiveListQuery & { asOf: string },
): Promise<ObjectiveListView> {
  const { actor } = ctx;
  if (!query.cycle) {
    throw new AppError('bad_input', 'asOf needs a cycle: the past is shown a cycle at a time.', [
      { path: 'querystring.cycle', message: 'is required with asOf' },
    ]);
  }
  const cycleId = query.cycle;
  const asOf = resolveAsOf(query.asOf, ctx.now);
  return inTransaction(ctx, async (trx) => {
    const cycle = await cycleOf(trx, actor.orgId, cycleId);
    if (!cycle) return { items: [], nextCursor: null };
    // Only the level's or the team's objectives (and what rolls up into them) are rebuilt.
    const scope =
      query.level !== undefined || query.team !== undefined
        ? { level: query.level, teamId: query.team }
        : undefined;
    const [view, privateObjectives] = await Promise.all([
      cycleAsOf(ctx.connection, trx, actor.orgId, cycle, asOf, ctx.now, scope),
      privateNow(trx, actor.orgId, cycle.id),
    ]);
    const shown = [...view.state.objectives.values()]
      .filter(
        (o) =>
          (query.cursor === undefined || o.id > query.cursor) &&
          matches(o, view, query) &&
          readableAsOf(actor, view, o, privateObjectives),
      )
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const page = shown.slice(0, query.limit);
    const [people, teams] = await Promise.all([
      peopleNames(
        trx,
        actor.orgId,
        page.map((o) => o.definition.ownerId),
      ),
      teamNames(
        trx,
        actor.orgId,
        page.map((o) => o.definition.teamId),
      ),
    ]);
    const counts = keyResultCounts(view);
    const last = page.at(-1);
    return {
      items: page.map((o) => summary(view, o, { people, teams }, counts.get(o.id) ?? 0)),
      nextCursor: shown.length > query.limit && last ? encodeCursor(last.id) : null,
    };
  });
}

function keyResultView(
  view: CycleAsOf,
  keyResult: KeyResultAsOf,
  people: ReadonlyMap<string, string>,
): KeyResultView {
  const d = keyResult.definition;
  const found = view.progress.keyResults.get(keyResult.id);
  return {
    id: keyResult.id,
    objectiveId: d.objectiveId,
    title: d.title,
    kind: d.kind as KrKind,
    direction: d.direction as KrDirection,
    currency: d.currency,
    start: d.start,
    target: d.target,
    current: keyResult.current,
    unit: d.unit,
    weight: d.weight,
    owner: personRef(d.ownerId, people),
    contributesToId: d.contributesToId,
    position: d.position,
    progress:
      found?.progress ??
      keyResultProgress({
        kind: d.kind as KrKind,
        direction: d.direction as KrDirection,
        start: d.start,
        target: d.target,
        current: keyResult.current,
      }),
    health: found?.health ?? null,
    confidence: keyResult.confidence,
    confidenceBand: keyResult.confidence === null ? null : confidenceBand(keyResult.confidence),
    score: null,
    lastCheckInAt: keyResult.lastCheckInAt,
    createdAt: keyResult.createdAt,
    updatedAt: view.asOf,
    version: 0,
    abilities: NO_KEY_RESULT_ABILITIES,
    dependencyRisk: null,
  };
}

/**
 * One objective as it was at `asOf`: its wording, owner, team, alignment (parents, children,
 * the path up its first parents) and key results with their values then, and progress and
 * health computed as of then. 404 when it did not exist then or is not readable (then or now).
 */
export async function getObjectiveAsOf(
  ctx: ServiceContext,
  id: string,
  asOfParam: string,
): Promise<ObjectiveDetailView> {
  const { actor } = ctx;
  const asOf = resolveAsOf(asOfParam, ctx.now);
  return inTransaction(ctx, async (trx) => {
    const cycleId = await cycleOfObjective(trx, actor.orgId, id, asOf);
    const cycle = cycleId === null ? undefined : await cycleOf(trx, actor.orgId, cycleId);
    if (!cycle) throw notFound('objective');
    const [view, privateObjectives] = await Promise.all([
      cycleAsOf(ctx.connection, trx, actor.orgId, cycle, asOf, ctx.now),
      privateNow(trx, actor.orgId, cycle.id),
    ]);
    const objective = view.state.objectives.get(id);
    if (!objective || !readableAsOf(actor, view, objective, privateObjectives)) {
      throw new AppError(
        'not_found',
        'No such objective on that date: it did not exist yet, or was not yours to read.',
      );
    }
    const { objectives } = view.state;
    const keyResults = [...view.state.keyResults.values()]
      .filter((k) => k.definition.objectiveId === id)
      .sort((a, b) => a.definition.position - b.definition.position || (a.id < b.id ? -1 : 1));
    const children = [...objectives.values()]
      .filter((o) => o.parentIds.includes(id))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const parents = objective.parentIds.flatMap((p) => objectives.get(p) ?? []);
    const path: ObjectiveAsOf[] = [];
    const seen = new Set([id]);
    for (
      let up = objectives.get(objective.parentIds[0] ?? '');
      up && !seen.has(up.id);
      up = objectives.get(up.parentIds[0] ?? '')
    ) {
      seen.add(up.id);
      path.unshift(up);
    }
    const d = objective.definition;
    const [people, teams] = await Promise.all([
      peopleNames(trx, actor.orgId, [
        d.ownerId,
        ...d.readerIds,
        ...keyResults.map((k) => k.definition.ownerId),
      ]),
      teamNames(trx, actor.orgId, [d.teamId, ...d.contributingTeamIds]),
    ]);
    const link = (o: ObjectiveAsOf): LinkOrPrivateView => {
      const { progress, health } = progressOf(view, o.id);
      return readableAsOf(actor, view, o, privateObjectives)
        ? {
            id: o.id,
            title: o.definition.title,
            level: o.definition.level as ObjectiveLevel,
            progress,
            health,
          }
        : privateStub(o.id, progress, health);
    };
    return {
      ...summary(view, objective, { people, teams }, keyResults.length),
      cycle: presentCycleRef(cycle),
      expectedProgress: expectedProgress(
        { startDate: cycle.start_date, endDate: cycle.end_date },
        new Date(asOf),
      ),
      readers: d.readerIds.map((r) => personRef(r, people) ?? { id: r, name: r }),
      contributingTeams: d.contributingTeamIds.map((t) => ({
        id: t,
        name: teams.get(t) ?? 'Removed team',
      })),
      parents: parents.map(link),
      children: children.map(link),
      alignmentPath: path.map(link),
      keyResults: keyResults.map((k) => keyResultView(view, k, people)),
      createdAt: objective.createdAt,
      // Approval and the per-team split of a shared objective are not rebuilt for the past.
      approval: null,
      sharedProgress: null,
    };
  });
}
