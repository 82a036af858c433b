/** Searching the map: objectives whose title, owner or team contains the words typed. */
import { searchTextOf, type TreeIndex } from './tree-index.ts';

export interface SearchResult {
  /** 1 for a match, per node number. */
  matches: Uint8Array;
  /** The first matches, shallowest first. */
  first: number[];
  total: number;
}

export function searchTree(index: TreeIndex, query: string, limit = 20): SearchResult | null {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const matches = new Uint8Array(index.nodes.length);
  let total = 0;
  for (let node = 0; node < index.nodes.length; node++) {
    const text = searchTextOf(index, node);
    if (text && words.every((word) => text.includes(word))) {
      matches[node] = 1;
      total++;
    }
  }
  // Breadth first, so company objectives come before the teams' and the people's.
  const first: number[] = [];
  const queue = [...index.roots];
  for (let at = 0; at < queue.length && first.length < limit && total > 0; at++) {
    const node = queue[at] as number;
    if (matches[node] === 1) first.push(node);
    for (const child of index.children[node] ?? []) queue.push(child);
  }
  return { matches, first, total };
}
