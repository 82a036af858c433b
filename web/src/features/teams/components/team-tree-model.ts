/** Walking the team hierarchy: paths, filtering by name, and the rows a tree shows. */
import type { TeamTreeNode } from '@contracts/api/people.ts';

/** The teams from a root down to `id` (inclusive), or [] when it is not in the tree. */
export function pathTo(roots: TeamTreeNode[], id: string): TeamTreeNode[] {
  for (const root of roots) {
    if (root.id === id) return [root];
    const below = pathTo(root.children, id);
    if (below.length > 0) return [root, ...below];
  }
  return [];
}

export function countTeams(roots: TeamTreeNode[]): number {
  return roots.reduce((sum, root) => sum + 1 + countTeams(root.children), 0);
}

/**
 * The tree cut down to teams whose name contains `text` (any case) and their ancestors, so each
 * match is shown where it belongs. `matches` holds the ids of the matching teams.
 */
export function filterTree(
  roots: TeamTreeNode[],
  text: string,
): { roots: TeamTreeNode[]; matches: Set<string> } {
  const needle = text.trim().toLocaleLowerCase();
  const matches = new Set<string>();
  if (!needle) return { roots, matches };
  const keep = (nodes: TeamTreeNode[]): TeamTreeNode[] =>
    nodes.flatMap((node) => {
      const children = keep(node.children);
      const isMatch = node.name.toLocaleLowerCase().includes(needle);
      if (isMatch) matches.add(node.id);
      return isMatch || children.length > 0 ? [{ ...node, children }] : [];
    });
  return { roots: keep(roots), matches };
}

export interface VisibleRow {
  node: TeamTreeNode;
  depth: number;
  parentId: string | null;
  /** Position among siblings, 1-based, and the number of siblings (for aria-posinset/setsize). */
  position: number;
  siblings: number;
}

/** The rows on screen, top to bottom: a team's children show only when it is expanded. */
export function visibleRows(
  roots: TeamTreeNode[],
  isExpanded: (id: string) => boolean,
): VisibleRow[] {
  const rows: VisibleRow[] = [];
  const walk = (nodes: TeamTreeNode[], depth: number, parentId: string | null) => {
    nodes.forEach((node, index) => {
      rows.push({ node, depth, parentId, position: index + 1, siblings: nodes.length });
      if (node.children.length > 0 && isExpanded(node.id)) walk(node.children, depth + 1, node.id);
    });
  };
  walk(roots, 1, null);
  return rows;
}
