/**
 * A layered left-to-right tree layout of the visible (expanded) part of the tree only: depth
 * gives the column, leaves take consecutive rows and a parent sits level with the middle of
 * its children. Computed once per expand state, in time proportional to the visible nodes.
 */
import type { TreeIndex } from './tree-index.ts';

export const NODE_WIDTH = 248;
export const NODE_HEIGHT = 58;
export const COLUMN_STRIDE = NODE_WIDTH + 88;
export const ROW_STRIDE = NODE_HEIGHT + 14;

export interface MapLayout {
  /** Visible nodes in depth-first order. */
  order: Int32Array;
  /** Per node number: its position in `order`, or -1 when hidden. */
  slotOf: Int32Array;
  /** Per slot: the top-left corner of the node's box. */
  x: Float32Array;
  y: Float32Array;
  depth: Int32Array;
  /** Per depth: the slots of that column, top to bottom. */
  columns: Int32Array[];
  width: number;
  height: number;
}

export function layoutTree(index: TreeIndex, expanded: ReadonlySet<number>): MapLayout {
  const visible: number[] = [];
  const depths: number[] = [];
  // Depth-first, children in order: an explicit stack (the tree may be deep and wide).
  const stack: [number, number][] = [];
  for (let i = index.roots.length - 1; i >= 0; i--) stack.push([index.roots[i] as number, 0]);
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [number, number];
    visible.push(node);
    depths.push(depth);
    if (!expanded.has(node)) continue;
    const children = index.children[node] ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i] as number, depth + 1]);
  }

  const count = visible.length;
  const order = Int32Array.from(visible);
  const depth = Int32Array.from(depths);
  const slotOf = new Int32Array(index.nodes.length).fill(-1);
  for (let slot = 0; slot < count; slot++) slotOf[order[slot] as number] = slot;

  // Rows: leaves in order; a parent centred on its first and last visible child. Going
  // backwards through the depth-first order meets every child before its parent.
  const row = new Float32Array(count);
  let nextRow = 0;
  const isLeaf = (slot: number) =>
    !expanded.has(order[slot] as number) || (index.children[order[slot] as number]?.length ?? 0) === 0;
  for (let slot = 0; slot < count; slot++) if (isLeaf(slot)) row[slot] = nextRow++;
  for (let slot = count - 1; slot >= 0; slot--) {
    if (isLeaf(slot)) continue;
    const children = index.children[order[slot] as number] ?? [];
    const first = slotOf[children[0] as number] as number;
    const last = slotOf[children[children.length - 1] as number] as number;
    row[slot] = ((row[first] as number) + (row[last] as number)) / 2;
  }

  const x = new Float32Array(count);
  const y = new Float32Array(count);
  let maxDepth = 0;
  for (let slot = 0; slot < count; slot++) {
    const d = depth[slot] as number;
    if (d > maxDepth) maxDepth = d;
    x[slot] = d * COLUMN_STRIDE;
    y[slot] = (row[slot] as number) * ROW_STRIDE;
  }
  const columnLists: number[][] = Array.from({ length: maxDepth + 1 }, () => []);
  // Depth-first order puts each column's nodes top to bottom already.
  for (let slot = 0; slot < count; slot++) columnLists[depth[slot] as number]?.push(slot);
  return {
    order,
    slotOf,
    x,
    y,
    depth,
    columns: columnLists.map((list) => Int32Array.from(list)),
    width: count === 0 ? 0 : maxDepth * COLUMN_STRIDE + NODE_WIDTH,
    height: count === 0 ? 0 : Math.max(0, nextRow - 1) * ROW_STRIDE + NODE_HEIGHT,
  };
}

/** The first slot of a column whose box reaches below `top` (binary search). */
export function firstSlotBelow(layout: MapLayout, column: Int32Array, top: number): number {
  let low = 0;
  let high = column.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((layout.y[column[mid] as number] as number) + NODE_HEIGHT < top) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The slot whose box (or pill) contains the world point, or -1. */
export function slotAt(layout: MapLayout, worldX: number, worldY: number): number {
  const columnIndex = Math.floor(worldX / COLUMN_STRIDE);
  const column = layout.columns[columnIndex];
  // The reach includes the expand / collapse pill that sticks out on the right.
  if (!column || worldX - columnIndex * COLUMN_STRIDE > NODE_WIDTH + 40) return -1;
  const at = firstSlotBelow(layout, column, worldY);
  const slot = column[at];
  if (slot === undefined) return -1;
  const top = layout.y[slot] as number;
  return worldY >= top && worldY <= top + NODE_HEIGHT ? slot : -1;
}
