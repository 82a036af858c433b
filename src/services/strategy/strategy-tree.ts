/**
 * The strategy tree of a cycle: mission and vision, each strategic theme with the company
 * objectives tagged with its name, and under each the objectives aligned to it. Everyone in the
 * organisation reads it; private objectives the caller may not read are stubs in their place
 * (their progress still counts in their theme's), as in the alignment tree.
 */
import type { StrategyObjectiveView, StrategyView } from '../../contracts/api/strategy.ts';
import type { Health, ObjectiveLevel } from '../../contracts/model.ts';
import { groupByTheme, rollUp } from '../../domain/strategy.ts';
import { can, listScope } from '../../policy/policy.ts';
import { presentCycleRef, privateStub } from '../../presenters/objectives.ts';
import type { CycleInfo } from '../../repositories/objective-facts.ts';
import { cycleOf } from '../../repositories/objectives.ts';
import { findOrganisation, listThemeRecords } from '../../repositories/organisation.ts';
import { cycleProgressRows, cycleTreeRows, currentCycle } from '../../repositories/tree.ts';
import { inTransaction, type Db, type ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';

interface Row {
  id: string;
  title: string;
  level: string;
  owner_id: string | null;
  team_id: string | null;
  progress: number;
  health: string | null;
  readable: number;
}

/** Tags of the objectives that are theme names (one query, in chunks for long id lists). */
async function themeTagsOf(
  db: Db,
  orgId: string,
  objectiveIds: readonly string[],
  themeNames: readonly string[],
): Promise<Map<string, string[]>> {
  const byObjective = new Map<string, string[]>();
  if (objectiveIds.length === 0 || themeNames.length === 0) return byObjective;
  for (let i = 0; i < objectiveIds.length; i += 500) {
    const rows = await db
      .selectFrom('objective_tags')
      .select(['objective_id', 'tag'])
      .where('org_id', '=', orgId)
      .where('objective_id', 'in', objectiveIds.slice(i, i + 500))
      .where('tag', 'in', [...themeNames])
      .execute();
    for (const row of rows) {
      const list = byObjective.get(row.objective_id) ?? [];
      list.push(row.tag);
      byObjective.set(row.objective_id, list);
    }
  }
  return byObjective;
}

/**
 * The cycle the strategy is shown for: the one asked for (404 when it is not of the
 * organisation), else the active cycle containing today, else the latest; null without cycles.
 */
export async function strategyCycle(
  ctx: ServiceContext,
  cycleId: string | undefined,
): Promise<CycleInfo | null> {
  const db = ctx.connection.db;
  const orgId = ctx.actor.orgId;
  const cycle = cycleId
    ? await cycleOf(db, orgId, cycleId)
    : await currentCycle(db, orgId, ctx.now.toISOString().slice(0, 10));
  if (!cycle && cycleId) throw notFound('cycle');
  return cycle ?? null;
}

/** The strategy of a cycle (see {@link strategyCycle}), or the themes alone without a cycle. */
export async function strategyTree(
  ctx: ServiceContext,
  cycle: CycleInfo | null,
): Promise<StrategyView> {
  const { actor } = ctx;
  const orgId = actor.orgId;
  return inTransaction(ctx, async (trx) => {
    const org = await findOrganisation(trx, orgId);
    if (!org) throw notFound('organisation');
    const scope = listScope(actor);
    const themes = await listThemeRecords(trx, scope);
    const canEditStrategy = can(actor, 'theme.manage', { type: 'organisation' });
    const base = { mission: org.mission, vision: org.vision, canEditStrategy };
    if (!cycle) {
      return {
        ...base,
        cycle: null,
        themes: themes.map((t) => ({
          id: t.id,
          name: t.name,
          description: t.description,
          progress: null,
          health: null,
          objectives: [],
        })),
        untagged: { progress: null, health: null, objectives: [] },
      };
    }

    const rows = await cycleTreeRows(trx, scope, cycle.id);
    const byId = new Map<string, Row>(rows.objectives.map((o) => [o.id, o]));
    const teams = new Map(rows.teams.map((t) => [t.id, t.name]));
    const owners = new Map(rows.owners.map((o) => [o.id, o.name]));
    // Children in alignment order (oldest first), as the tree lists them.
    const childrenOf = new Map<string, string[]>();
    const order = (a: { created_at: string; child_id: string }) => `${a.created_at} ${a.child_id}`;
    for (const a of [...rows.alignments].sort((x, y) => (order(x) < order(y) ? -1 : 1))) {
      const list = childrenOf.get(a.parent_id) ?? [];
      list.push(a.child_id);
      childrenOf.set(a.parent_id, list);
    }

    const node = (row: Row) => {
      if (Number(row.readable) !== 1) return privateStub(row.id, row.progress, row.health);
      return {
        id: row.id,
        title: row.title,
        level: row.level as ObjectiveLevel,
        progress: row.progress,
        health: row.health as Health | null,
        owner: row.owner_id ? { id: row.owner_id, name: owners.get(row.owner_id) ?? '' } : null,
        team: row.team_id ? { id: row.team_id, name: teams.get(row.team_id) ?? '' } : null,
      };
    };
    const company = rows.objectives.filter((o) => o.level === 'company');
    const present = (row: Row): StrategyObjectiveView => ({
      ...node(row),
      aligned: (childrenOf.get(row.id) ?? [])
        .map((id) => byId.get(id))
        .filter((child): child is Row => child !== undefined)
        .map(node),
    });

    const names = themes.map((t) => t.name);
    const tags = await themeTagsOf(
      trx,
      orgId,
      company.map((o) => o.id),
      names,
    );
    const { byTheme, untagged } = groupByTheme(names, company, (o) => tags.get(o.id) ?? []);
    const health = (r: Row) => ({ progress: r.progress, health: r.health as Health | null });
    return {
      ...base,
      cycle: presentCycleRef(cycle),
      themes: themes.map((theme) => {
        const members = byTheme.get(theme.name) ?? [];
        return {
          id: theme.id,
          name: theme.name,
          description: theme.description,
          ...rollUp(members.map(health)),
          objectives: members.map(present),
        };
      }),
      untagged: { ...rollUp(untagged.map(health)), objectives: untagged.map(present) },
    };
  });
}

/**
 * Brings a strategy built earlier up to date after writes that changed only progress and health
 * (check-ins): one read of the cycle's progress, then the themes' roll-ups again. The view is
 * updated in place.
 */
export async function refreshStrategyProgress(
  ctx: ServiceContext,
  view: StrategyView,
): Promise<StrategyView> {
  if (!view.cycle) return view;
  const rows = await cycleProgressRows(ctx.connection.db, ctx.actor.orgId, view.cycle.id);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const update = (node: { id: string; progress: number; health: Health | null }) => {
    const row = byId.get(node.id);
    if (!row) return;
    node.progress = row.progress;
    node.health = row.health as Health | null;
  };
  for (const group of [...view.themes, view.untagged]) {
    for (const objective of group.objectives) {
      update(objective);
      objective.aligned.forEach(update);
    }
    Object.assign(group, rollUp(group.objectives));
  }
  return view;
}
