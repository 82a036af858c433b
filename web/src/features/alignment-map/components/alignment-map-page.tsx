/**
 * The alignment map: the whole cycle as a tree drawn on a canvas, company objectives first,
 * expanded on click. Search jumps to an objective and highlights its path; "Show my path"
 * does the same for everything the signed-in person owns. The URL holds the cycle, the search
 * and the selection (`?cycle=&q=&selected=`).
 */
import type { CycleView } from '@contracts/api/cycles.ts';
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactElement,
} from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { formatDay, formatNumber, formatPercent } from '../../../lib/format.ts';
import { expectedProgress } from '../../../lib/pace.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useCycles, useCycleTree, useSignedInUserId } from '../api/alignment-tree.ts';
import { defaultCycle } from '../api/tree-prefetch.ts';
import { healthLabel } from '../model/draw.ts';
import { layoutTree } from '../model/layout.ts';
import { searchTree } from '../model/search.ts';
import { ancestorsOf, treeAncestors, type TreeIndex } from '../model/tree-index.ts';
import { MapCanvas, type MapCanvasHandle } from './map-canvas.tsx';
import { MapLegend } from './map-legend.tsx';
import { MapSearch } from './map-search.tsx';
import { MapTreeList } from './map-tree-list.tsx';
import { EmptyDetails, NodeDetails } from './node-details.tsx';
import './alignment-map.css';

export function AlignmentMapPage(): ReactElement {
  const { org = '' } = useParams();
  useDocumentTitle('Alignment map');
  const [searchParams, setSearchParams] = useSearchParams();
  const cycles = useCycles(org);
  const chosen = searchParams.get('cycle');
  const cycle: CycleView | null =
    cycles.data?.find((c) => c.id === chosen) ?? (cycles.data ? defaultCycle(cycles.data) : null);
  const tree = useCycleTree(org, chosen ?? cycle?.id ?? null);

  const chooseCycle = (id: string) =>
    setSearchParams((params) => {
      const next = new URLSearchParams(params);
      next.set('cycle', id);
      next.delete('selected');
      return next;
    });

  return (
    <div className="page amap-page">
      <header className="page-header amap-header">
        <h1>Alignment map</h1>
        {cycles.data && cycles.data.length > 1 && (
          <label className="inline-field small">
            <span>Cycle</span>
            <select className="input" value={cycle?.id ?? ''} onChange={(event) => chooseCycle(event.target.value)}>
              {cycles.data.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {c.status === 'active' ? ' (active)' : ''}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      {(cycles.isPending || tree.isLoading) && <LoadingState label="Loading the alignment map…" rows={2} />}
      {cycles.isError && <ErrorState error={cycles.error} what="The cycles" onRetry={() => void cycles.refetch()} />}
      {tree.isError && <ErrorState error={tree.error} what="The alignment map" onRetry={() => void tree.refetch()} />}
      {cycles.isSuccess && !cycle && (
        <EmptyState title="No cycle yet">
          <p>
            The map shows how every objective of a cycle (a quarter, say) serves the company’s.
            Once your OKR champion opens a cycle and objectives are set, they appear here.
          </p>
        </EmptyState>
      )}
      {tree.isSuccess && tree.data.nodes.length === 0 && (
        <EmptyState
          title="No objectives in this cycle yet"
          action={
            <Link className="button" to={`/orgs/${encodeURIComponent(org)}/company`}>
              See the company page
            </Link>
          }
        >
          <p>
            The map starts from the company objectives. Each team then aligns its objectives to
            the company objective they move, and people align theirs to their team’s, so anyone
            can see how their work adds up.
          </p>
        </EmptyState>
      )}
      {tree.isSuccess && tree.data.nodes.length > 0 && <AlignmentMap org={org} index={tree.data} />}
    </div>
  );
}

function AlignmentMap({ org, index }: { org: string; index: TreeIndex }): ReactElement {
  const [searchParams, setSearchParams] = useSearchParams();
  const query = searchParams.get('q') ?? '';
  const selectedId = searchParams.get('selected');
  const selected = selectedId ? (index.byId.get(selectedId) ?? -1) : -1;
  const me = useSignedInUserId();
  const [showMine, setShowMine] = useState(false);
  const [showList, setShowList] = useState(false);
  const canvas = useRef<MapCanvasHandle>(null);

  // Start collapsed at the company level, with the path to a shared selection open. The
  // anchor is the node last expanded or collapsed: it stays put on screen while the rest moves.
  const initial = () => ({
    set: selected >= 0 ? new Set(treeAncestors(index, selected)) : new Set<number>(),
    anchor: -1,
  });
  const [expansion, setExpansion] = useState<{ set: ReadonlySet<number>; anchor: number }>(initial);
  const [expandedFor, setExpandedFor] = useState(index);
  if (expandedFor !== index) {
    setExpandedFor(index);
    setExpansion(initial());
  }
  const expanded = expansion.set;
  const layout = useMemo(() => layoutTree(index, expanded), [index, expanded]);
  const search = useMemo(() => searchTree(index, query), [index, query]);
  const mine = useMemo(() => {
    const list: number[] = [];
    if (me) index.nodes.forEach((node, at) => node.ownerId === me && list.push(at));
    return list;
  }, [index, me]);
  const path = useMemo(() => {
    const seeds = [...(showMine ? mine : []), ...(selected >= 0 ? [selected] : [])];
    return seeds.length > 0 ? ancestorsOf(index, seeds) : new Set<number>();
  }, [index, mine, showMine, selected]);
  const names = index.names;

  const setParam = useCallback(
    (key: string, value: string | null, replace = true) =>
      setSearchParams(
        (params) => {
          const next = new URLSearchParams(params);
          if (value === null || value === '') next.delete(key);
          else next.set(key, value);
          return next;
        },
        { replace },
      ),
    [setSearchParams],
  );

  const select = useCallback(
    (node: number, replace = true) => setParam('selected', index.nodes[node]?.id ?? null, replace),
    [index, setParam],
  );
  const toggle = useCallback((node: number) => {
    setExpansion((current) => {
      const next = new Set(current.set);
      if (next.has(node)) next.delete(node);
      else next.add(node);
      return { set: next, anchor: node };
    });
  }, []);
  const expandTo = useCallback(
    (nodes: readonly number[]) =>
      setExpansion((current) => {
        const next = new Set(current.set);
        for (const node of nodes) for (const ancestor of treeAncestors(index, node)) next.add(ancestor);
        return next.size === current.set.size ? current : { set: next, anchor: -1 };
      }),
    [index],
  );
  const jumpTo = useCallback(
    (node: number) => {
      expandTo([node]);
      select(node, false);
    },
    [expandTo, select],
  );

  // A selection from the URL (back button, a shared link) opens its path.
  useEffect(() => {
    if (selected >= 0) expandTo([selected]);
  }, [selected, expandTo]);

  const toggleMine = () => {
    const on = !showMine;
    setShowMine(on);
    if (on && mine.length > 0) {
      expandTo(mine);
      // After the layout that shows them: fit them in the view.
      requestAnimationFrame(() => canvas.current?.fit(mine));
    }
  };

  // "/" focuses the search from anywhere on the page.
  const searchInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      event.preventDefault();
      searchInput.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // The list twin of the map is drawn only once asked for (hundreds of rows the map does not
  // need), then follows a step behind: in React's background work, after the map's frame, so
  // expanding on the canvas never waits for the list.
  const listExpanded = useDeferredValue(expanded);
  const listSelected = useDeferredValue(selected);
  const listVisibleCount = useDeferredValue(layout.order.length);
  const selectRef = useRef(select);
  useLayoutEffect(() => {
    selectRef.current = select;
  }, [select]);
  const selectFromList = useCallback((node: number) => selectRef.current(node), []);

  const expected = expectedProgress(index.cycle);
  const selectedNode = index.nodes[selected];
  return (
    <>
      <p className="muted small amap-summary">
        {index.cycle.name} · {formatDay(index.cycle.startDate)} – {formatDay(index.cycle.endDate)} ·{' '}
        {formatNumber(index.objectiveCount)} objectives
      </p>
      <div className="amap-toolbar">
        <MapSearch
          ref={searchInput}
          index={index}
          query={query}
          search={search}
          onQuery={(value) => setParam('q', value)}
          onPick={(node) => {
            jumpTo(node);
            canvas.current?.focus();
          }}
        />
        <button type="button" className="button" aria-pressed={showMine} onClick={toggleMine}>
          Show my path
        </button>
        <div className="amap-zoom" role="group" aria-label="Zoom">
          <button type="button" className="button" onClick={() => canvas.current?.zoomBy(0.8)} aria-label="Zoom out">
            −
          </button>
          <button type="button" className="button" onClick={() => canvas.current?.zoomBy(1.25)} aria-label="Zoom in">
            +
          </button>
          <button type="button" className="button" onClick={() => canvas.current?.fit()}>
            Fit
          </button>
        </div>
        <button type="button" className="button" aria-pressed={showList} onClick={() => setShowList(!showList)}>
          Show as list
        </button>
      </div>
      {showMine && (
        <p className="small" role="status">
          {mine.length === 0
            ? 'You own no objectives in this cycle.'
            : mine.length === 1
              ? 'Your objective and what it serves are highlighted.'
              : `Your ${formatNumber(mine.length)} objectives and what they serve are highlighted.`}
        </p>
      )}
      <MapLegend />
      <div className="amap-body">
        <div className="amap-stage">
          <MapCanvas
            ref={canvas}
            index={index}
            layout={layout}
            expanded={expanded}
            anchor={expansion.anchor}
            selected={selected}
            path={path}
            matches={search?.matches ?? null}
            names={names}
            onSelect={select}
            onToggle={toggle}
          />
          <p className="amap-hint small muted" aria-hidden="true">
            Drag to pan · wheel or pinch to zoom · click to expand
          </p>
        </div>
        <aside className="amap-details card" aria-labelledby="amap-details-title">
          {selected >= 0 ? (
            <NodeDetails
              org={org}
              index={index}
              node={selected}
              expanded={expanded.has(selected)}
              expected={expected}
              names={names}
              onSelect={(node) => jumpTo(node)}
              onToggle={toggle}
            />
          ) : (
            <EmptyDetails />
          )}
        </aside>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {selectedNode ? announce(index, selected, expanded) : ''}
      </p>
      <section className={showList ? 'amap-list-section' : 'amap-list-section amap-list-hidden'} aria-labelledby="amap-list-title">
        <h2 id="amap-list-title">Objectives on the map</h2>
        {showList ? (
          <MapTreeList
            org={org}
            index={index}
            expanded={listExpanded}
            selected={listSelected}
            visibleCount={listVisibleCount}
            onSelect={selectFromList}
            onToggle={toggle}
          />
        ) : (
          <p>
            <button type="button" className="button" onClick={() => setShowList(true)}>
              Show the objectives as a list
            </button>
          </p>
        )}
      </section>
    </>
  );
}

function announce(index: TreeIndex, node: number, expanded: ReadonlySet<number>): string {
  const objective = index.nodes[node];
  if (!objective) return '';
  const children = index.children[node]?.length ?? 0;
  const parts = [objective.title];
  if (!objective.isGroup) parts.push(healthLabel(objective.health), formatPercent(Math.min(1, Math.max(0, objective.progress))));
  if (children > 0) parts.push(`${formatNumber(children)} aligned, ${expanded.has(node) ? 'expanded' : 'collapsed'}`);
  return parts.join(', ');
}
