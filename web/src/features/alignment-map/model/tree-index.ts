/**
 * The alignment tree as arrays indexed by node number, built once per cycle. Each objective
 * hangs under its first parent (the one breadcrumbs follow); its other parents are kept as
 * extra edges. Objectives aligned to nothing that are not company objectives gather under one
 * "Not aligned" group, so the map opens on the company level only.
 */
import type { CycleTreeView } from '@contracts/api/okrs.ts';
import type { Health, ObjectiveLevel } from '@contracts/model.ts';

export interface MapNode {
  id: string;
  title: string;
  /** null for a private stub and for the "Not aligned" group. */
  level: ObjectiveLevel | null;
  ownerId: string | null;
  teamId: string | null;
  progress: number;
  health: Health | null;
  keyResultCount: number;
  isPrivate: boolean;
  /** The synthetic "Not aligned" group, not an objective. */
  isGroup: boolean;
  /** Lower-case title, owner and team, for search. */
  searchText: string;
}

export interface TreeIndex {
  nodes: MapNode[];
  byId: Map<string, number>;
  /** Children under their first parent, company → team → shared → individual, then by title. */
  children: number[][];
  /** The first parent, -1 for a top-level node. */
  treeParent: Int32Array;
  /** All parents present in the cycle, the first one first. */
  parents: number[][];
  /** Nodes with parents beyond the first: the extra edges to draw. */
  withExtraParents: number[];
  roots: number[];
  /** Objectives in the subtree under each node (itself excluded). */
  descendants: Int32Array;
  /** Private stubs and the group excluded. */
  objectiveCount: number;
}

export const UNALIGNED_GROUP_ID = 'not-aligned';
export const PRIVATE_TITLE = 'A private objective';

const LEVEL_RANK: Record<ObjectiveLevel, number> = { company: 0, team: 1, shared: 2, individual: 3 };

export function buildTreeIndex(tree: CycleTreeView): TreeIndex {
  const nodes: MapNode[] = [];
  const byId = new Map<string, number>();
  for (const view of tree.nodes) {
    const isPrivate = 'private' in view;
    const ownerId = isPrivate ? null : view.ownerId;
    const teamId = isPrivate ? null : view.teamId;
    const title = isPrivate ? PRIVATE_TITLE : view.title;
    const owner = ownerId ? (tree.owners[ownerId] ?? '') : '';
    const team = teamId ? (tree.teams[teamId] ?? '') : '';
    byId.set(view.id, nodes.length);
    nodes.push({
      id: view.id,
      title,
      level: isPrivate ? null : view.level,
      ownerId,
      teamId,
      progress: view.progress,
      health: view.health,
      keyResultCount: isPrivate ? 0 : view.keyResultCount,
      isPrivate,
      isGroup: false,
      searchText: isPrivate ? '' : `${title}\n${owner}\n${team}`.toLowerCase(),
    });
  }
  const count = nodes.length;
  const parents: number[][] = new Array<number[]>(count);
  const treeParent = new Int32Array(count + 1).fill(-1);
  const withExtraParents: number[] = [];
  tree.nodes.forEach((view, index) => {
    const list: number[] = [];
    for (const parentId of view.parentIds) {
      const parent = byId.get(parentId);
      if (parent !== undefined && parent !== index && !list.includes(parent)) list.push(parent);
    }
    parents[index] = list;
    if (list.length > 1) withExtraParents.push(index);
  });

  // First parents, refusing any that would close a loop (the API forbids them; be safe anyway).
  const state = new Uint8Array(count); // 0 unknown, 1 on the current chain, 2 settled
  for (let start = 0; start < count; start++) {
    const chain: number[] = [];
    let at = start;
    while (at !== -1 && state[at] === 0) {
      state[at] = 1;
      chain.push(at);
      const first = parents[at]?.[0] ?? -1;
      if (first !== -1 && state[first] === 1) break; // a loop: `at` stays a top-level node
      treeParent[at] = first;
      at = first;
    }
    for (const node of chain) state[node] = 2;
  }

  const children: number[][] = Array.from({ length: count + 1 }, () => []);
  const topLevel: number[] = [];
  const unaligned: number[] = [];
  for (let index = 0; index < count; index++) {
    const parent = treeParent[index] ?? -1;
    if (parent !== -1) children[parent]?.push(index);
    else if (nodes[index]?.level === 'company') topLevel.push(index);
    else unaligned.push(index);
  }
  const roots = topLevel;
  if (unaligned.length > 0) {
    const group = nodes.length;
    byId.set(UNALIGNED_GROUP_ID, group);
    nodes.push({
      id: UNALIGNED_GROUP_ID,
      title: 'Not aligned to a company objective',
      level: null,
      ownerId: null,
      teamId: null,
      progress: 0,
      health: null,
      keyResultCount: 0,
      isPrivate: false,
      isGroup: true,
      searchText: '',
    });
    parents.push([]);
    for (const node of unaligned) {
      treeParent[node] = group;
      parents[node] = [group];
    }
    children[group] = unaligned;
    roots.push(group);
  }

  // Plain comparisons of lower-cased titles: a locale collator is ten times slower, and at
  // 30,000 objectives that is most of the time to open the map.
  const sortKey = nodes.map((node) => `${node.level ? LEVEL_RANK[node.level] : 4}${node.title.toLowerCase()}`);
  const byRankThenTitle = (a: number, b: number): number => {
    const x = sortKey[a] as string;
    const y = sortKey[b] as string;
    return x < y ? -1 : x > y ? 1 : a - b;
  };
  for (const list of children) if (list.length > 1) list.sort(byRankThenTitle);
  const companyRoots = roots.filter((root) => !nodes[root]?.isGroup).sort(byRankThenTitle);
  const sortedRoots = [...companyRoots, ...roots.filter((root) => nodes[root]?.isGroup)];

  // Subtree sizes, children before parents (a post-order without recursion).
  const descendants = new Int32Array(nodes.length);
  const order: number[] = [];
  const stack = [...sortedRoots];
  while (stack.length > 0) {
    const node = stack.pop() as number;
    order.push(node);
    for (const child of children[node] ?? []) stack.push(child);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i] as number;
    const parent = treeParent[node] ?? -1;
    if (parent !== -1) descendants[parent] = (descendants[parent] ?? 0) + (descendants[node] ?? 0) + 1;
  }

  return {
    nodes,
    byId,
    children: children.slice(0, nodes.length),
    treeParent: treeParent.slice(0, nodes.length),
    parents,
    withExtraParents,
    roots: sortedRoots,
    descendants,
    objectiveCount: count,
  };
}

/** The node and every ancestor through any parent. */
export function ancestorsOf(index: TreeIndex, nodes: Iterable<number>): Set<number> {
  const seen = new Set<number>();
  const stack = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop() as number;
    if (seen.has(node)) continue;
    seen.add(node);
    for (const parent of index.parents[node] ?? []) stack.push(parent);
  }
  return seen;
}

/** The first-parent chain above a node, top first (what must be expanded for it to show). */
export function treeAncestors(index: TreeIndex, node: number): number[] {
  const chain: number[] = [];
  let at = index.treeParent[node] ?? -1;
  while (at !== -1 && chain.length < index.nodes.length) {
    chain.push(at);
    at = index.treeParent[at] ?? -1;
  }
  return chain.reverse();
}
