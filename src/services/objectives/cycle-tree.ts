import type { CycleTreeView } from '../../contracts/api/okrs.ts';
import { presentCycleRef, presentTreeNode } from '../../presenters/objectives.ts';
import { listScope } from '../../policy/policy.ts';
import { cycleOf } from '../../repositories/objectives.ts';
import { cycleProgressRows, cycleTreeRows } from '../../repositories/tree.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';

/** Each child's parents, oldest alignment first (the first parent, as breadcrumbs follow it). */
function parentsByChild(alignments: { child_id: string; parent_id: string; created_at: string }[]): Map<string, string[]> {
  const byChild = new Map<string, string[]>();
  let several = false;
  for (const a of alignments) {
    const list = byChild.get(a.child_id);
    if (list) {
      list.push(a.parent_id);
      several = true;
    } else byChild.set(a.child_id, [a.parent_id]);
  }
  if (several) {
    const since = new Map(alignments.map((a) => [`${a.child_id} ${a.parent_id}`, a.created_at]));
    for (const [child, list] of byChild) {
      if (list.length < 2) continue;
      const key = (parent: string) => `${since.get(`${child} ${parent}`) ?? ''} ${parent}`;
      list.sort((x, y) => (key(x) < key(y) ? -1 : 1));
    }
  }
  return byChild;
}

/**
 * The alignment tree of a cycle: every objective of the cycle as a node with its progress,
 * health, parents and key result count, plus the names of the teams and owners the nodes name.
 * Private objectives the actor may not read are stubs (they still count in their parents'
 * progress). A fixed number of queries, whatever the size of the cycle.
 */
export async function cycleTree(ctx: ServiceContext, cycleId: string): Promise<CycleTreeView> {
  const { actor } = ctx;
  return inTransaction(ctx, async (trx) => {
    const cycle = await cycleOf(trx, actor.orgId, cycleId);
    if (!cycle) throw notFound('cycle');
    const rows = await cycleTreeRows(trx, listScope(actor), cycleId);
    const parentIds = parentsByChild(rows.alignments);
    const nodes = rows.objectives.map((o) => presentTreeNode(o, parentIds.get(o.id) ?? [], o.key_result_count ?? 0));
    // Only the names visible nodes refer to: a private objective's owner stays unnamed.
    const teamIds = new Set<string>();
    const ownerIds = new Set<string>();
    for (const node of nodes) {
      if (!('teamId' in node)) continue;
      if (node.teamId !== null) teamIds.add(node.teamId);
      if (node.ownerId !== null) ownerIds.add(node.ownerId);
    }
    const teams: Record<string, string> = {};
    for (const t of rows.teams) if (teamIds.has(t.id)) teams[t.id] = t.name;
    const owners: Record<string, string> = {};
    for (const o of rows.owners) if (ownerIds.has(o.id)) owners[o.id] = o.name;
    return { cycle: presentCycleRef(cycle), nodes, teams, owners };
  });
}

/**
 * Brings a tree built earlier up to date after writes that changed only progress and health (a
 * check-in, a progress refresh): one read of the cycle's objectives' progress instead of a
 * rebuild. The nodes are updated in place; the caller re-serializes.
 */
export async function refreshCycleTreeProgress(ctx: ServiceContext, tree: CycleTreeView): Promise<CycleTreeView> {
  const rows = await cycleProgressRows(ctx.connection.db, ctx.actor.orgId, tree.cycle.id);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const node of tree.nodes) {
    const row = byId.get(node.id);
    if (!row) continue;
    node.progress = row.progress;
    node.health = row.health as typeof node.health;
  }
  return tree;
}
