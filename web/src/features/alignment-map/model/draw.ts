/**
 * Drawing the map on a canvas: only what is on screen (each column is sorted by y, so a
 * binary search finds the first visible node), with one path per colour (edges, cards, status
 * strips, icons, bars) instead of one per node. Text and icons appear once the zoom makes them
 * readable; zoomed far out, nodes are coloured blocks.
 */
import type { Health } from '@contracts/model.ts';
import { HEALTH_LABEL, LEVEL_LABEL } from '../../../lib/labels.ts';
import {
  COLUMN_STRIDE,
  firstSlotBelow,
  NODE_HEIGHT,
  NODE_WIDTH,
  type MapLayout,
} from './layout.ts';
import type { TreeIndex } from './tree-index.ts';

export type HealthKey = Health | 'none';
export const HEALTH_KEYS: readonly HealthKey[] = ['on_track', 'at_risk', 'off_track', 'none'];

export interface Palette {
  canvas: string;
  surface: string;
  border: string;
  edge: string;
  text: string;
  muted: string;
  accent: string;
  focus: string;
  track: string;
  health: Record<HealthKey, string>;
}

export function readPalette(element: Element): Palette {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    canvas: read('--color-surface-sunken', '#eef0f4'),
    surface: read('--color-surface', '#ffffff'),
    border: read('--color-border', '#d5d9e0'),
    edge: read('--color-border-strong', '#8a93a3'),
    text: read('--color-text', '#1b1f27'),
    muted: read('--color-text-muted', '#566070'),
    accent: read('--color-accent', '#2f5bd3'),
    focus: read('--color-focus', '#2f5bd3'),
    track: read('--color-track', '#e3e6eb'),
    health: {
      on_track: read('--color-on-track', '#17793a'),
      at_risk: read('--color-at-risk', '#935f00'),
      off_track: read('--color-off-track', '#c0262d'),
      none: read('--color-no-status', '#667085'),
    },
  };
}

export interface Camera {
  scale: number;
  /** Screen position of the world origin, in CSS pixels. */
  x: number;
  y: number;
}

export interface DrawInput {
  index: TreeIndex;
  layout: MapLayout;
  expanded: ReadonlySet<number>;
  camera: Camera;
  /** Canvas size in CSS pixels. */
  width: number;
  height: number;
  pixelRatio: number;
  selected: number;
  /** Nodes whose path is highlighted (the selection's ancestors, or "my path"). */
  path: ReadonlySet<number>;
  /** Search matches (1 = matches), or null without a search. */
  matches: Uint8Array | null;
  focused: boolean;
}

const TITLE_FONT = `600 13px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`;
const SMALL_FONT = `12px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`;
const TOGGLE_FONT = `600 11px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`;
const STRIP = 6;
const TEXT_MIN_SCALE = 0.42;
const DETAIL_MIN_SCALE = 0.22;
const TOGGLE_WIDTH = 44;

export function healthKey(health: Health | null): HealthKey {
  return health ?? 'none';
}

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const count = new Intl.NumberFormat(undefined);

/** Truncated labels, measured once per node (the world font never changes size). */
export class LabelCache {
  private readonly titles = new Map<number, string>();
  private readonly subtitles = new Map<number, string>();

  clear(): void {
    this.titles.clear();
    this.subtitles.clear();
  }

  title(ctx: CanvasRenderingContext2D, index: TreeIndex, node: number): string {
    let label = this.titles.get(node);
    if (label === undefined) {
      label = fit(ctx, index.nodes[node]?.title ?? '', NODE_WIDTH - 34 - 12);
      this.titles.set(node, label);
    }
    return label;
  }

  subtitle(ctx: CanvasRenderingContext2D, index: TreeIndex, node: number, owners: Record<string, string>, teams: Record<string, string>): string {
    let label = this.subtitles.get(node);
    if (label === undefined) {
      const n = index.nodes[node];
      let text = '';
      if (n?.isGroup) {
        const hidden = index.descendants[node] ?? 0;
        text = `${count.format(hidden)} objective${hidden === 1 ? '' : 's'}`;
      }
      else if (n?.isPrivate) text = 'Private';
      else if (n) {
        const who = n.level === 'individual' || !n.teamId ? (n.ownerId ? owners[n.ownerId] : null) : teams[n.teamId];
        text = [n.level ? LEVEL_LABEL[n.level] : null, who].filter(Boolean).join(' · ');
      }
      label = fit(ctx, text, NODE_WIDTH - 14 - 52);
      this.subtitles.set(node, label);
    }
    return label;
  }
}

function fit(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= maxWidth) low = mid;
    else high = mid - 1;
  }
  return `${text.slice(0, low).trimEnd()}…`;
}

interface Visible {
  slots: number[];
  /** Parent → child pairs (slots) whose edge crosses the view. */
  edges: number[];
  extraEdges: number[];
}

/** The slots and edges on screen. */
function visibleParts(input: DrawInput, left: number, top: number, right: number, bottom: number): Visible {
  const { layout, index, expanded } = input;
  const slots: number[] = [];
  const edges: number[] = [];
  const firstColumn = Math.max(0, Math.floor((left - NODE_WIDTH) / COLUMN_STRIDE));
  const lastColumn = Math.min(layout.columns.length - 1, Math.floor(right / COLUMN_STRIDE));
  for (let c = firstColumn; c <= lastColumn; c++) {
    const column = layout.columns[c] as Int32Array;
    const columnX = c * COLUMN_STRIDE;
    if (columnX + NODE_WIDTH >= left) {
      for (let i = firstSlotBelow(layout, column, top); i < column.length; i++) {
        const slot = column[i] as number;
        if ((layout.y[slot] as number) > bottom) break;
        slots.push(slot);
      }
    }
    // Edges to the next column: a parent's children span a range of rows, ordered like the
    // parents, so walk the parents whose span meets the view.
    if (columnX + NODE_WIDTH > right || c + 1 >= layout.columns.length) continue;
    for (let i = 0; i < column.length; i++) {
      const parentSlot = column[i] as number;
      const parent = layout.order[parentSlot] as number;
      if (!expanded.has(parent)) continue;
      const children = index.children[parent] ?? [];
      if (children.length === 0) continue;
      const firstY = layout.y[layout.slotOf[children[0] as number] as number] as number;
      const lastY = layout.y[layout.slotOf[children[children.length - 1] as number] as number] as number;
      const parentY = layout.y[parentSlot] as number;
      if (Math.max(lastY, parentY) + NODE_HEIGHT < top) continue;
      if (Math.min(firstY, parentY) > bottom) break;
      for (const child of children) {
        const childSlot = layout.slotOf[child] as number;
        const childY = layout.y[childSlot] as number;
        if (Math.max(childY, parentY) + NODE_HEIGHT < top || Math.min(childY, parentY) > bottom) continue;
        edges.push(parentSlot, childSlot);
      }
    }
  }
  const extraEdges: number[] = [];
  for (const child of index.withExtraParents) {
    const childSlot = layout.slotOf[child] as number;
    if (childSlot === -1) continue;
    const parents = index.parents[child] ?? [];
    for (let p = 1; p < parents.length; p++) {
      const parentSlot = layout.slotOf[parents[p] as number] as number;
      if (parentSlot === -1) continue;
      const x1 = layout.x[parentSlot] as number;
      const x2 = layout.x[childSlot] as number;
      const y1 = layout.y[parentSlot] as number;
      const y2 = layout.y[childSlot] as number;
      if (Math.max(x1, x2) + NODE_WIDTH < left || Math.min(x1, x2) > right) continue;
      if (Math.max(y1, y2) + NODE_HEIGHT < top || Math.min(y1, y2) > bottom) continue;
      extraEdges.push(parentSlot, childSlot);
    }
  }
  return { slots, edges, extraEdges };
}

function edgePath(path: Path2D, layout: MapLayout, from: number, to: number): void {
  const x1 = (layout.x[from] as number) + NODE_WIDTH;
  const y1 = (layout.y[from] as number) + NODE_HEIGHT / 2;
  const x2 = layout.x[to] as number;
  const y2 = (layout.y[to] as number) + NODE_HEIGHT / 2;
  const bend = Math.max(24, (x2 - x1) / 2);
  path.moveTo(x1, y1);
  path.bezierCurveTo(x1 + bend, y1, x2 - bend, y2, x2, y2);
}

function iconPath(path: Path2D, key: HealthKey, cx: number, cy: number): void {
  const r = 6;
  switch (key) {
    case 'on_track':
      path.moveTo(cx + r, cy);
      path.arc(cx, cy, r, 0, Math.PI * 2);
      path.moveTo(cx - 3, cy + 0.2);
      path.lineTo(cx - 1, cy + 2.2);
      path.lineTo(cx + 3, cy - 2);
      break;
    case 'at_risk':
      path.moveTo(cx, cy - r);
      path.lineTo(cx + r + 0.8, cy + r - 0.5);
      path.lineTo(cx - r - 0.8, cy + r - 0.5);
      path.closePath();
      path.moveTo(cx, cy - 2);
      path.lineTo(cx, cy + 1.5);
      path.moveTo(cx, cy + 3.6);
      path.lineTo(cx, cy + 3.7);
      break;
    case 'off_track': {
      const a = 2.7;
      path.moveTo(cx - a, cy - r);
      path.lineTo(cx + a, cy - r);
      path.lineTo(cx + r, cy - a);
      path.lineTo(cx + r, cy + a);
      path.lineTo(cx + a, cy + r);
      path.lineTo(cx - a, cy + r);
      path.lineTo(cx - r, cy + a);
      path.lineTo(cx - r, cy - a);
      path.closePath();
      path.moveTo(cx - 2.2, cy - 2.2);
      path.lineTo(cx + 2.2, cy + 2.2);
      path.moveTo(cx + 2.2, cy - 2.2);
      path.lineTo(cx - 2.2, cy + 2.2);
      break;
    }
    case 'none':
      path.moveTo(cx + r, cy);
      path.arc(cx, cy, r, 0, Math.PI * 2);
      break;
  }
}

/** Draws one frame; answers the number of nodes drawn. */
export function drawMap(
  ctx: CanvasRenderingContext2D,
  input: DrawInput,
  palette: Palette,
  labels: LabelCache,
  names: { owners: Record<string, string>; teams: Record<string, string> },
): number {
  const { camera, layout, index, pixelRatio: dpr } = input;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = palette.canvas;
  ctx.fillRect(0, 0, input.width, input.height);
  const s = camera.scale;
  const left = -camera.x / s;
  const top = -camera.y / s;
  const right = (input.width - camera.x) / s;
  const bottom = (input.height - camera.y) / s;
  const { slots, edges, extraEdges } = visibleParts(input, left, top, right, bottom);
  ctx.setTransform(dpr * s, 0, 0, dpr * s, dpr * camera.x, dpr * camera.y);
  const px = 1 / s; // one screen pixel in world units

  // Edges: tree edges, the highlighted path over them, then other parents dashed.
  const plain = new Path2D();
  const highlighted = new Path2D();
  for (let i = 0; i < edges.length; i += 2) {
    const from = edges[i] as number;
    const to = edges[i + 1] as number;
    const onPath = input.path.has(layout.order[from] as number) && input.path.has(layout.order[to] as number);
    edgePath(onPath ? highlighted : plain, layout, from, to);
  }
  ctx.lineWidth = Math.max(1, 1.25 * px);
  ctx.strokeStyle = palette.edge;
  ctx.stroke(plain);
  if (extraEdges.length > 0) {
    const extra = new Path2D();
    const extraHighlighted = new Path2D();
    for (let i = 0; i < extraEdges.length; i += 2) {
      const from = extraEdges[i] as number;
      const to = extraEdges[i + 1] as number;
      const onPath = input.path.has(layout.order[from] as number) && input.path.has(layout.order[to] as number);
      edgePath(onPath ? extraHighlighted : extra, layout, from, to);
    }
    ctx.setLineDash([6, 5]);
    ctx.stroke(extra);
    ctx.strokeStyle = palette.accent;
    ctx.lineWidth = Math.max(2, 2.5 * px);
    ctx.stroke(extraHighlighted);
    ctx.setLineDash([]);
  }
  ctx.strokeStyle = palette.accent;
  ctx.lineWidth = Math.max(2, 2.5 * px);
  ctx.stroke(highlighted);

  const detailed = s >= DETAIL_MIN_SCALE;
  const withText = s >= TEXT_MIN_SCALE;

  // Cards and their status strips, one path per colour.
  const cards = new Path2D();
  const strips: Record<HealthKey, Path2D> = {
    on_track: new Path2D(),
    at_risk: new Path2D(),
    off_track: new Path2D(),
    none: new Path2D(),
  };
  const privateCards = new Path2D();
  for (const slot of slots) {
    const node = index.nodes[layout.order[slot] as number];
    const x = layout.x[slot] as number;
    const y = layout.y[slot] as number;
    if (!detailed) {
      strips[healthKey(node?.health ?? null)].rect(x, y, NODE_WIDTH, NODE_HEIGHT);
      continue;
    }
    (node?.isPrivate || node?.isGroup ? privateCards : cards).rect(x, y, NODE_WIDTH, NODE_HEIGHT);
    if (!node?.isGroup) strips[healthKey(node?.health ?? null)].rect(x, y, STRIP, NODE_HEIGHT);
  }
  if (detailed) {
    ctx.fillStyle = palette.surface;
    ctx.fill(cards);
    ctx.fill(privateCards);
    ctx.lineWidth = px;
    ctx.strokeStyle = palette.edge;
    ctx.stroke(cards);
    ctx.setLineDash([4, 3]);
    ctx.stroke(privateCards);
    ctx.setLineDash([]);
  }
  for (const key of HEALTH_KEYS) {
    ctx.fillStyle = palette.health[key];
    ctx.fill(strips[key]);
  }

  if (withText) {
    // Progress bars: the track, then the fill by status.
    const tracks = new Path2D();
    const fills: Record<HealthKey, Path2D> = {
      on_track: new Path2D(),
      at_risk: new Path2D(),
      off_track: new Path2D(),
      none: new Path2D(),
    };
    const icons: Record<HealthKey, Path2D> = {
      on_track: new Path2D(),
      at_risk: new Path2D(),
      off_track: new Path2D(),
      none: new Path2D(),
    };
    const barWidth = NODE_WIDTH - 14 - 52;
    for (const slot of slots) {
      const node = index.nodes[layout.order[slot] as number];
      if (!node || node.isGroup) continue;
      const x = layout.x[slot] as number;
      const y = layout.y[slot] as number;
      const key = healthKey(node.health);
      tracks.rect(x + 14, y + NODE_HEIGHT - 11, barWidth, 4);
      const progress = Math.min(1, Math.max(0, node.progress));
      if (progress > 0) fills[key].rect(x + 14, y + NODE_HEIGHT - 11, barWidth * progress, 4);
      iconPath(icons[key], key, x + 21, y + 17);
    }
    ctx.fillStyle = palette.track;
    ctx.fill(tracks);
    ctx.lineWidth = 1.6;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    for (const key of HEALTH_KEYS) {
      ctx.fillStyle = palette.health[key];
      ctx.fill(fills[key]);
      ctx.strokeStyle = palette.health[key];
      if (key === 'none') ctx.setLineDash([2.4, 2.4]);
      ctx.stroke(icons[key]);
      ctx.setLineDash([]);
    }

    ctx.textBaseline = 'alphabetic';
    ctx.font = TITLE_FONT;
    ctx.fillStyle = palette.text;
    for (const slot of slots) {
      const node = layout.order[slot] as number;
      const n = index.nodes[node];
      const x = layout.x[slot] as number;
      const y = layout.y[slot] as number;
      ctx.fillStyle = n?.isPrivate ? palette.muted : palette.text;
      ctx.fillText(labels.title(ctx, index, node), n?.isGroup ? x + 14 : x + 34, y + 22);
    }
    ctx.font = SMALL_FONT;
    ctx.fillStyle = palette.muted;
    for (const slot of slots) {
      const node = layout.order[slot] as number;
      const n = index.nodes[node];
      const x = layout.x[slot] as number;
      const y = layout.y[slot] as number;
      ctx.textAlign = 'left';
      ctx.fillText(labels.subtitle(ctx, index, node, names.owners, names.teams), x + 14, y + 39);
      if (n && !n.isGroup) {
        ctx.textAlign = 'right';
        ctx.fillText(percent.format(Math.min(1, Math.max(0, n.progress))), x + NODE_WIDTH - 8, y + NODE_HEIGHT - 6);
      }
    }
    ctx.textAlign = 'left';
  }

  // Expand / collapse pills on the right edge, with how many objectives a collapsed node hides.
  if (detailed) {
    const pills = new Path2D();
    for (const slot of slots) {
      const node = layout.order[slot] as number;
      if ((index.children[node]?.length ?? 0) === 0) continue;
      pills.roundRect(
        (layout.x[slot] as number) + NODE_WIDTH - 6,
        (layout.y[slot] as number) + NODE_HEIGHT / 2 - 10,
        TOGGLE_WIDTH,
        20,
        10,
      );
    }
    ctx.fillStyle = palette.surface;
    ctx.fill(pills);
    ctx.strokeStyle = palette.edge;
    ctx.lineWidth = px;
    ctx.stroke(pills);
    if (withText) {
      ctx.font = TOGGLE_FONT;
      ctx.fillStyle = palette.text;
      ctx.textAlign = 'center';
      for (const slot of slots) {
        const node = layout.order[slot] as number;
        if ((index.children[node]?.length ?? 0) === 0) continue;
        const label = input.expanded.has(node) ? '−' : `+${compact(index.descendants[node] ?? 0)}`;
        ctx.fillText(label, (layout.x[slot] as number) + NODE_WIDTH - 6 + TOGGLE_WIDTH / 2, (layout.y[slot] as number) + NODE_HEIGHT / 2 + 4);
      }
      ctx.textAlign = 'left';
    }
  }

  // Search matches, the path and the selection on top.
  if (input.matches) {
    const matched = new Path2D();
    for (const slot of slots) {
      if (input.matches[layout.order[slot] as number] === 1) matched.rect((layout.x[slot] as number) - 3, (layout.y[slot] as number) - 3, NODE_WIDTH + 6, NODE_HEIGHT + 6);
    }
    ctx.strokeStyle = palette.accent;
    ctx.lineWidth = Math.max(2, 2 * px);
    ctx.setLineDash([5, 3]);
    ctx.stroke(matched);
    ctx.setLineDash([]);
  }
  if (input.path.size > 0) {
    const onPath = new Path2D();
    for (const slot of slots) {
      if (input.path.has(layout.order[slot] as number)) onPath.rect(layout.x[slot] as number, layout.y[slot] as number, NODE_WIDTH, NODE_HEIGHT);
    }
    ctx.strokeStyle = palette.accent;
    ctx.lineWidth = Math.max(2, 2 * px);
    ctx.stroke(onPath);
  }
  const selectedSlot = input.selected >= 0 ? (layout.slotOf[input.selected] ?? -1) : -1;
  if (selectedSlot !== -1) {
    ctx.strokeStyle = input.focused ? palette.focus : palette.accent;
    ctx.lineWidth = Math.max(3, 3 * px);
    const inset = 5 * Math.max(1, px);
    ctx.strokeRect((layout.x[selectedSlot] as number) - inset, (layout.y[selectedSlot] as number) - inset, NODE_WIDTH + inset * 2, NODE_HEIGHT + inset * 2);
  }
  return slots.length;
}

function compact(value: number): string {
  return value >= 10_000 ? `${Math.round(value / 1000)}k` : value >= 1000 ? `${(value / 1000).toFixed(1)}k` : String(value);
}

/** Whether a world point is on a node's expand / collapse pill. */
export function onToggle(layout: MapLayout, slot: number, worldX: number, worldY: number): boolean {
  const x = (layout.x[slot] as number) + NODE_WIDTH - 6;
  const y = (layout.y[slot] as number) + NODE_HEIGHT / 2 - 10;
  return worldX >= x && worldX <= x + TOGGLE_WIDTH && worldY >= y - 4 && worldY <= y + 24;
}

export function healthLabel(health: Health | null): string {
  return health ? HEALTH_LABEL[health] : 'No status';
}
