/**
 * The map itself: a canvas sized to its box at the device pixel ratio, redrawn in at most one
 * animation frame per change. Pan by dragging, zoom with the wheel, a pinch or + and -; arrow
 * keys move the selection, Enter expands or collapses. The camera lives in a ref so panning
 * never re-renders React.
 */
import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  type KeyboardEvent,
  type ReactElement,
  type Ref,
} from 'react';
import {
  drawMap,
  LabelCache,
  onToggle,
  readPalette,
  type Camera,
  type Palette,
} from '../model/draw.ts';
import { NODE_HEIGHT, NODE_WIDTH, slotAt, type MapLayout } from '../model/layout.ts';
import type { TreeIndex } from '../model/tree-index.ts';

export interface MapCanvasHandle {
  zoomBy(factor: number): void;
  /** Fits these nodes (all visible ones when empty) in the view. */
  fit(nodes?: readonly number[]): void;
  focus(): void;
}

interface MapCanvasProps {
  index: TreeIndex;
  layout: MapLayout;
  expanded: ReadonlySet<number>;
  /** The node last expanded or collapsed, kept in place on screen (-1: keep the selection). */
  anchor: number;
  selected: number;
  path: ReadonlySet<number>;
  matches: Uint8Array | null;
  names: { owners: Record<string, string>; teams: Record<string, string> };
  onSelect: (node: number) => void;
  onToggle: (node: number) => void;
  ref?: Ref<MapCanvasHandle>;
}

declare global {
  interface Window {
    /** performance.now() when the map first drew its data (read by bench/web.ts). */
    __okrMapReady?: number;
  }
}

const MIN_SCALE = 0.04;
const MAX_SCALE = 2.5;
const PADDING = 24;

export function MapCanvas(props: MapCanvasProps): ReactElement {
  const { index, layout, expanded, anchor, selected, path, matches, names } = props;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const camera = useRef<Camera>({ scale: 1, x: PADDING, y: PADDING });
  const size = useRef({ width: 0, height: 0 });
  const palette = useRef<Palette | null>(null);
  const labels = useRef(new LabelCache());
  const frame = useRef(0);
  const focused = useRef(false);
  const placed = useRef(false);
  const previous = useRef<{ layout: MapLayout; selected: number } | null>(null);
  // The latest props, for the event handlers and the frame callback.
  const latest = useRef(props);
  latest.current = props;
  // The selection as the handlers last set it: a second key press can come before React has
  // rendered the first one's selection.
  // Renders of our own earlier choices (still `pending`) must not undo a later one.
  const current = useRef({ prop: selected, node: selected, pending: [] as number[] });
  if (current.current.prop !== selected) {
    const at = current.current.pending.indexOf(selected);
    current.current =
      at === -1
        ? { prop: selected, node: selected, pending: [] }
        : { prop: selected, node: current.current.node, pending: current.current.pending.slice(at + 1) };
  }
  const choose = useCallback((node: number) => {
    current.current = { ...current.current, node, pending: [...current.current.pending, node] };
    latest.current.onSelect(node);
  }, []);

  const draw = useCallback(() => {
    frame.current = 0;
    const canvas = canvasRef.current;
    if (!canvas || size.current.width === 0) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const pixelWidth = Math.round(size.current.width * dpr);
    const pixelHeight = Math.round(size.current.height * dpr);
    if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
      canvas.width = pixelWidth;
      canvas.height = pixelHeight;
    }
    palette.current ??= readPalette(canvas);
    const p = latest.current;
    drawMap(
      ctx,
      {
        index: p.index,
        layout: p.layout,
        expanded: p.expanded,
        camera: camera.current,
        width: size.current.width,
        height: size.current.height,
        pixelRatio: dpr,
        selected: p.selected,
        path: p.path,
        matches: p.matches,
        focused: focused.current,
      },
      palette.current,
      labels.current,
      p.names,
    );
    if (!canvas.dataset.ready) {
      canvas.dataset.ready = 'true';
      window.__okrMapReady ??= performance.now();
    }
  }, []);

  const requestDraw = useCallback(() => {
    if (frame.current === 0) frame.current = requestAnimationFrame(draw);
  }, [draw]);

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const clampScale = (scale: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));

  const zoomAt = useCallback(
    (factor: number, screenX: number, screenY: number) => {
      const c = camera.current;
      const scale = clampScale(c.scale * factor);
      const worldX = (screenX - c.x) / c.scale;
      const worldY = (screenY - c.y) / c.scale;
      camera.current = { scale, x: screenX - worldX * scale, y: screenY - worldY * scale };
      requestDraw();
    },
    [requestDraw],
  );

  const fit = useCallback(
    (nodes: readonly number[] = []) => {
      const l = latest.current.layout;
      const { width, height } = size.current;
      if (width === 0 || l.order.length === 0) return;
      let minX = 0;
      let minY = 0;
      let maxX = l.width + 44;
      let maxY = l.height;
      const slots = nodes.map((node) => l.slotOf[node] ?? -1).filter((slot) => slot !== -1);
      if (slots.length > 0) {
        minX = minY = Number.POSITIVE_INFINITY;
        maxX = maxY = Number.NEGATIVE_INFINITY;
        for (const slot of slots) {
          minX = Math.min(minX, l.x[slot] as number);
          minY = Math.min(minY, l.y[slot] as number);
          maxX = Math.max(maxX, (l.x[slot] as number) + NODE_WIDTH + 44);
          maxY = Math.max(maxY, (l.y[slot] as number) + NODE_HEIGHT);
        }
      }
      const scale = clampScale(
        Math.min(1, (width - PADDING * 2) / (maxX - minX), (height - PADDING * 2) / (maxY - minY)),
      );
      // Too small to read: keep a readable zoom and start at the top left of the nodes.
      const readable = Math.max(scale, Math.min(1, 0.6));
      const centred = readable === scale;
      // The tree grows to the right: its roots start at the left edge.
      const fromLeft = slots.length === 0 || !centred;
      camera.current = {
        scale: readable,
        x: fromLeft ? PADDING - minX * readable : (width - (maxX - minX) * scale) / 2 - minX * scale,
        y: centred ? (height - (maxY - minY) * scale) / 2 - minY * scale : PADDING - minY * readable,
      };
      requestDraw();
    },
    [requestDraw],
  );

  /** Pans the least needed to show a slot, or centres it when it is far off. */
  const reveal = useCallback(
    (slot: number, centre: boolean) => {
      const l = latest.current.layout;
      const c = camera.current;
      const { width, height } = size.current;
      const left = (l.x[slot] as number) * c.scale + c.x;
      const top = (l.y[slot] as number) * c.scale + c.y;
      const right = left + (NODE_WIDTH + 44) * c.scale;
      const bottom = top + NODE_HEIGHT * c.scale;
      if (centre || right - left > width) {
        camera.current = {
          ...c,
          x: c.x + width / 2 - (left + right) / 2,
          y: c.y + height / 2 - (top + bottom) / 2,
        };
      } else {
        let dx = 0;
        let dy = 0;
        if (left < PADDING) dx = PADDING - left;
        else if (right > width - PADDING) dx = width - PADDING - right;
        if (top < PADDING) dy = PADDING - top;
        else if (bottom > height - PADDING) dy = height - PADDING - bottom;
        camera.current = { ...c, x: c.x + dx, y: c.y + dy };
      }
      requestDraw();
    },
    [requestDraw],
  );

  useImperativeHandle(
    props.ref,
    () => ({
      zoomBy: (factor) => zoomAt(factor, size.current.width / 2, size.current.height / 2),
      fit,
      focus: () => canvasRef.current?.focus(),
    }),
    [fit, zoomAt],
  );

  // A new layout (expand, collapse, a jump): keep the node just toggled (else the selection)
  // where it was on screen; bring the selection into view when it just appeared (a search jump).
  useLayoutEffect(() => {
    const before = previous.current;
    previous.current = { layout, selected };
    if (!placed.current) return;
    const slot = selected >= 0 ? (layout.slotOf[selected] ?? -1) : -1;
    if (before && before.layout !== layout) {
      const keep = anchor >= 0 ? anchor : selected;
      const oldSlot = keep >= 0 ? (before.layout.slotOf[keep] ?? -1) : -1;
      const newSlot = keep >= 0 ? (layout.slotOf[keep] ?? -1) : -1;
      if (oldSlot !== -1 && newSlot !== -1) {
        const c = camera.current;
        camera.current = {
          ...c,
          x: c.x + ((before.layout.x[oldSlot] as number) - (layout.x[newSlot] as number)) * c.scale,
          y: c.y + ((before.layout.y[oldSlot] as number) - (layout.y[newSlot] as number)) * c.scale,
        };
      }
    }
    if (slot !== -1) reveal(slot, false);
    requestDraw();
  }, [layout, anchor, selected, reveal, requestDraw]);

  useEffect(() => {
    labels.current.clear();
    requestDraw();
  }, [index, requestDraw]);

  useEffect(requestDraw, [expanded, path, matches, names, requestDraw]);

  // Size: follow the box; the first size places the camera.
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const observer = new ResizeObserver(() => {
      const rect = canvas.getBoundingClientRect();
      size.current = { width: rect.width, height: rect.height };
      if (!placed.current && rect.width > 0) {
        placed.current = true;
        const p = latest.current;
        const slot = p.selected >= 0 ? (p.layout.slotOf[p.selected] ?? -1) : -1;
        fit();
        if (slot !== -1) reveal(slot, true);
      }
      draw();
    });
    observer.observe(canvas);
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    const repaint = () => {
      palette.current = null;
      requestDraw();
    };
    scheme.addEventListener('change', repaint);
    return () => {
      observer.disconnect();
      scheme.removeEventListener('change', repaint);
    };
  }, [draw, fit, reveal, requestDraw]);

  // Wheel and pointers: native listeners (the wheel must not scroll the page).
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pointers = new Map<number, { x: number; y: number }>();
    let dragged = false;
    let downAt: { x: number; y: number } | null = null;
    let pinch = 0;

    // The canvas's place on the page, read once per gesture: reading it on every pointer move
    // would make the browser lay the page out again each time.
    let rect: DOMRect | null = null;
    const local = (event: { clientX: number; clientY: number }) => {
      const box = rect ?? canvas.getBoundingClientRect();
      return { x: event.clientX - box.left, y: event.clientY - box.top };
    };
    const setCursor = (cursor: string) => {
      if (canvas.style.cursor !== cursor) canvas.style.cursor = cursor;
    };
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const point = local(event);
      const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
      zoomAt(Math.exp(-delta * (event.ctrlKey ? 0.01 : 0.0015)), point.x, point.y);
    };
    const onDown = (event: PointerEvent) => {
      if (event.button !== 0) return;
      canvas.setPointerCapture(event.pointerId);
      rect = canvas.getBoundingClientRect();
      const point = local(event);
      pointers.set(event.pointerId, point);
      if (pointers.size === 1) {
        dragged = false;
        downAt = point;
      }
    };
    const distance = () => {
      const [a, b] = [...pointers.values()];
      return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
    };
    const onMove = (event: PointerEvent) => {
      const point = local(event);
      const last = pointers.get(event.pointerId);
      if (!last) {
        hover(point);
        return;
      }
      if (pointers.size === 2) {
        const before = distance();
        pointers.set(event.pointerId, point);
        const after = distance();
        const [a, b] = [...pointers.values()];
        if (before > 0 && a && b) zoomAt(after / before, (a.x + b.x) / 2, (a.y + b.y) / 2);
        pinch++;
        dragged = true;
        return;
      }
      pointers.set(event.pointerId, point);
      if (downAt && Math.hypot(point.x - downAt.x, point.y - downAt.y) > 4) dragged = true;
      if (dragged) {
        const c = camera.current;
        camera.current = { ...c, x: c.x + point.x - last.x, y: c.y + point.y - last.y };
        setCursor('grabbing');
        requestDraw();
      }
    };
    const onUp = (event: PointerEvent) => {
      if (!pointers.has(event.pointerId)) return;
      pointers.delete(event.pointerId);
      if (pointers.size > 0) return;
      setCursor('');
      if (!dragged && pinch === 0) click(local(event));
      pinch = 0;
      downAt = null;
      rect = null;
    };
    const world = (point: { x: number; y: number }) => {
      const c = camera.current;
      return { x: (point.x - c.x) / c.scale, y: (point.y - c.y) / c.scale };
    };
    const hover = (point: { x: number; y: number }) => {
      const p = latest.current;
      const at = world(point);
      const slot = slotAt(p.layout, at.x, at.y);
      const node = slot === -1 ? -1 : (p.layout.order[slot] as number);
      setCursor(node === -1 ? 'grab' : 'pointer');
      const title = node === -1 ? '' : (p.index.nodes[node]?.title ?? '');
      if (canvas.title !== title) canvas.title = title;
    };
    const click = (point: { x: number; y: number }) => {
      const p = latest.current;
      const at = world(point);
      const slot = slotAt(p.layout, at.x, at.y);
      if (slot === -1) return;
      const node = p.layout.order[slot] as number;
      const hasChildren = (p.index.children[node]?.length ?? 0) > 0;
      if (hasChildren && onToggle(p.layout, slot, at.x, at.y)) {
        choose(node);
        p.onToggle(node);
        return;
      }
      if (at.x - (p.layout.x[slot] as number) > NODE_WIDTH) return;
      // Expand on click; a second click on the selected, expanded node collapses it.
      if (hasChildren && (!p.expanded.has(node) || current.current.node === node)) p.onToggle(node);
      choose(node);
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    canvas.addEventListener('pointerdown', onDown);
    canvas.addEventListener('pointermove', onMove);
    canvas.addEventListener('pointerup', onUp);
    canvas.addEventListener('pointercancel', onUp);
    return () => {
      canvas.removeEventListener('wheel', onWheel);
      canvas.removeEventListener('pointerdown', onDown);
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerup', onUp);
      canvas.removeEventListener('pointercancel', onUp);
    };
  }, [zoomAt, requestDraw, choose]);

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const p = latest.current;
    const l = p.layout;
    const selectedNode = current.current.node;
    const slot = selectedNode >= 0 ? (l.slotOf[selectedNode] ?? -1) : -1;
    const move = (target: number | undefined) => {
      if (target !== undefined && target !== -1) choose(l.order[target] as number);
    };
    if (event.altKey || event.metaKey || event.ctrlKey) return;
    switch (event.key) {
      case '+':
      case '=':
        zoomAt(1.25, size.current.width / 2, size.current.height / 2);
        break;
      case '-':
      case '_':
        zoomAt(0.8, size.current.width / 2, size.current.height / 2);
        break;
      case '0':
        fit();
        break;
      case 'ArrowUp':
      case 'ArrowDown':
      case 'Home':
      case 'End': {
        if (slot === -1) {
          move(l.columns[0]?.[0]);
          break;
        }
        const column = l.columns[l.depth[slot] as number];
        if (!column) break;
        const at = column.indexOf(slot);
        const to =
          event.key === 'ArrowUp' ? at - 1 : event.key === 'ArrowDown' ? at + 1 : event.key === 'Home' ? 0 : column.length - 1;
        move(column[Math.min(column.length - 1, Math.max(0, to))]);
        break;
      }
      case 'ArrowLeft': {
        if (slot === -1) {
          move(l.columns[0]?.[0]);
          break;
        }
        if (p.expanded.has(selectedNode) && (p.index.children[selectedNode]?.length ?? 0) > 0) p.onToggle(selectedNode);
        else {
          const parent = p.index.treeParent[selectedNode] ?? -1;
          if (parent !== -1) choose(parent);
        }
        break;
      }
      case 'ArrowRight': {
        if (slot === -1) {
          move(l.columns[0]?.[0]);
          break;
        }
        const children = p.index.children[selectedNode] ?? [];
        if (children.length === 0) break;
        if (!p.expanded.has(selectedNode)) p.onToggle(selectedNode);
        else choose(children[0] as number);
        break;
      }
      case 'Enter':
      case ' ':
        if (slot !== -1 && (p.index.children[selectedNode]?.length ?? 0) > 0) p.onToggle(selectedNode);
        else if (slot === -1) move(l.columns[0]?.[0]);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <canvas
      ref={canvasRef}
      className="amap-canvas"
      tabIndex={0}
      role="application"
      aria-roledescription="alignment map"
      aria-label="Alignment map. Arrow keys move between objectives, Enter expands or collapses, plus and minus zoom, 0 fits the map. Show as list puts the same objectives in a list after the map."
      data-visible-nodes={layout.order.length}
      data-top-level-nodes={index.roots.length}
      onKeyDown={onKeyDown}
      onFocus={() => {
        focused.current = true;
        requestDraw();
      }}
      onBlur={() => {
        focused.current = false;
        requestDraw();
      }}
    />
  );
}
