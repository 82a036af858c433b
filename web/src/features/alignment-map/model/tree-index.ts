/**
 * The alignment tree as arrays indexed by node number, built once per cycle. Each objective
 * hangs under its first parent (the one breadcrumbs follow); its other parents are kept as
 * extra edges. Objectives aligned to nothing that are not company objectives gather under one
 * "Not aligned" group, so the map opens on the company level only.
 */
import type { CycleTreeView, TreeNodeView } from '@contracts/api/okrs.ts';
import type { Health, ObjectiveLevel } from '@contracts/model.ts';

/**
 * A node of the map. An objective the reader may see is the tree's own node object (with 30,000
 * of them, copying each would double what the map allocates while the person waits); private
 * stubs and the "Not aligned" group are made here.
 */
export interface MapNode {
  readonly id: string;
  readonly title: string;
  /** null for a private stub and for the "Not aligned" group. */
  readonly level: ObjectiveLevel | null;
  readonly ownerId: string | null;
  readonly teamId: string | null;
  readonly progress: number;
  readonly health: Health | null;
  readonly keyResultCount: number;
  readonly isPrivate?: boolean;
  /** The synthetic "Not aligned" group, not an objective. */
  readonly isGroup?: boolean;
}

export interface TreeIndex {
  nodes: MapNode[];
  byId: Map<string, number>;
  /** Children under their first parent, company → team → shared → individual, then by title. */
  children: (readonly number[])[];
  /** The first parent, -1 for a top-level node. */
  treeParent: Int32Array;
  /** All parents present in the cycle, the first one first. */
  parents: (readonly number[])[];
  /** Nodes with parents beyond the first: the extra edges to draw. */
  withExtraParents: number[];
  roots: number[];
  /** Objectives in the subtree under each node (itself excluded). */
  descendants: Int32Array;
  /** Private stubs and the group excluded. */
  objectiveCount: number;
  /** Person and team names by id, as the tree sent them. */
  names: { owners: Record<string, string>; teams: Record<string, string> };
  cycle: CycleTreeView['cycle'];
  /** Filled by the first search (`searchTextOf`). */
  searchTexts: string[] | null;
}

export const UNALIGNED_GROUP_ID = 'not-aligned';
export const PRIVATE_TITLE = 'A private objective';

const LEVEL_RANK: Record<ObjectiveLevel, number> = { company: 0, team: 1, shared: 2, individual: 3 };

const NO_NODES: readonly number[] = Object.freeze([]);

/**
 * Built once per cycle, while the person waits for the map: at 30,000 objectives every
 * allocation counts, so readable objectives are kept as the tree sent them, nodes without
 * parents or children share one frozen empty list, and the words search looks in are put
 * together only on the first search (`searchTextOf`).
 */
export function buildTreeIndex(tree: CycleTreeView): TreeIndex {
  const views = tree.nodes;
  const count = views.length;
  const nodes: MapNode[] = new Array<MapNode>(count);
  const byId = new Map<string, number>();
  for (let index = 0; index < count; index++) byId.set((views[index] as TreeNodeView).id, index);
  const parents: (readonly number[])[] = new Array<readonly number[]>(count);
  const withExtraParents: number[] = [];
  for (let index = 0; index < count; index++) {
    const view = views[index] as TreeNodeView;
    nodes[index] =
      'private' in view
        ? {
            id: view.id,
            title: PRIVATE_TITLE,
            level: null,
            ownerId: null,
            teamId: null,
            progress: view.progress,
            health: view.health,
            keyResultCount: 0,
            isPrivate: true,
          }
        : view;
    const parentIds = view.parentIds;
    if (parentIds.length === 0) {
      parents[index] = NO_NODES;
      continue;
    }
    const list: number[] = [];
    for (const parentId of parentIds) {
      const parent = byId.get(parentId);
      if (parent !== undefined && parent !== index && !list.includes(parent)) list.push(parent);
    }
    parents[index] = list.length === 0 ? NO_NODES : list;
    if (list.length > 1) withExtraParents.push(index);
  }

  // First parents, refusing any that would close a loop (the API forbids them; be safe anyway).
  const treeParent = new Int32Array(count + 1).fill(-1);
  const state = new Uint8Array(count); // 0 unknown, 1 on the current chain, 2 settled
  const chain: number[] = [];
  for (let start = 0; start < count; start++) {
    chain.length = 0;
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

  const children: number[][] = new Array<number[]>(count + 1);
  const topLevel: number[] = [];
  const unaligned: number[] = [];
  for (let index = 0; index < count; index++) {
    const parent = treeParent[index] as number;
    if (parent !== -1) (children[parent] ??= []).push(index);
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
      isGroup: true,
    });
    parents.push(NO_NODES);
    const groupOnly = [group];
    for (const node of unaligned) {
      treeParent[node] = group;
      parents[node] = groupOnly;
    }
    children[group] = unaligned;
    roots.push(group);
  }
  children.length = nodes.length;
  for (let index = 0; index < nodes.length; index++) children[index] ??= NO_NODES as number[];

  // Siblings by level, then by title. Plain comparisons of lower-cased titles (a locale
  // collator is ten times slower), each title lower-cased once.
  const lowerTitle: (string | undefined)[] = new Array<string | undefined>(nodes.length);
  const rankOf = (node: number) => {
    const level = nodes[node]?.level;
    return level ? LEVEL_RANK[level] : 4;
  };
  const titleOf = (node: number) => (lowerTitle[node] ??= (nodes[node] as MapNode).title.toLowerCase());
  const byRankThenTitle = (a: number, b: number): number => {
    const rank = rankOf(a) - rankOf(b);
    if (rank !== 0) return rank;
    const x = titleOf(a);
    const y = titleOf(b);
    return x < y ? -1 : x > y ? 1 : a - b;
  };
  for (const list of children) if (list.length > 1) list.sort(byRankThenTitle);
  const companyRoots = roots.filter((root) => !nodes[root]?.isGroup).sort(byRankThenTitle);
  const sortedRoots = [...companyRoots, ...roots.filter((root) => nodes[root]?.isGroup)];

  // Subtree sizes, children before parents (a post-order without recursion).
  const descendants = new Int32Array(nodes.length);
  const order = new Int32Array(nodes.length);
  let ordered = 0;
  const stack = [...sortedRoots];
  while (stack.length > 0) {
    const node = stack.pop() as number;
    order[ordered++] = node;
    for (const child of children[node] as number[]) stack.push(child);
  }
  for (let i = ordered - 1; i >= 0; i--) {
    const node = order[i] as number;
    const parent = treeParent[node] as number;
    if (parent !== -1) descendants[parent] = (descendants[parent] as number) + (descendants[node] as number) + 1;
  }

  return {
    nodes,
    byId,
    children,
    treeParent: treeParent.slice(0, nodes.length),
    parents,
    withExtraParents,
    roots: sortedRoots,
    descendants,
    objectiveCount: count,
    names: { owners: tree.owners, teams: tree.teams },
    cycle: tree.cycle,
    searchTexts: null,
  };
}

/** The lower-case title, owner and team of a node, for search; built on the first search. */
export function searchTextOf(index: TreeIndex, node: number): string {
  if (!index.searchTexts) {
    const { owners, teams } = index.names;
    index.searchTexts = index.nodes.map((n) =>
      n.isPrivate || n.isGroup
        ? ''
        : `${n.title}\n${n.ownerId ? (owners[n.ownerId] ?? '') : ''}\n${n.teamId ? (teams[n.teamId] ?? '') : ''}`.toLowerCase(),
    );
  }
  return index.searchTexts[node] ?? '';
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
