/**
 * The map as nested lists: the same visible nodes, the same expand state, for screen readers
 * and keyboard users. Drawn once "Show as list" asks for it; capped so it never freezes the page.
 */
import { memo, type ReactElement } from 'react';
import { Link } from 'react-router';
import { formatNumber, formatPercent } from '../../../lib/format.ts';
import { healthLabel } from '../model/draw.ts';
import type { TreeIndex } from '../model/tree-index.ts';

const MAX_ITEMS = 1500;

interface MapTreeListProps {
  org: string;
  index: TreeIndex;
  expanded: ReadonlySet<number>;
  selected: number;
  /** Nodes shown on the map (the list stops at MAX_ITEMS of them). */
  visibleCount: number;
  onSelect: (node: number) => void;
  onToggle: (node: number) => void;
}

/** Memoised: the map re-renders on every selection; the list only when its own props change. */
export const MapTreeList = memo(function MapTreeList(props: MapTreeListProps): ReactElement {
  const budget = { left: MAX_ITEMS, hidden: 0 };
  const list = renderLevel(props, props.index.roots, budget);
  const hidden = props.visibleCount - (MAX_ITEMS - budget.left);
  return (
    <>
      {list}
      {hidden > 0 && (
        <p className="small muted">
          {formatNumber(hidden)} more shown on the map are left out here; search to reach one.
        </p>
      )}
    </>
  );
});

function renderLevel(props: MapTreeListProps, nodes: readonly number[], budget: { left: number; hidden: number }): ReactElement {
  const { index, expanded } = props;
  const items: ReactElement[] = [];
  for (const node of nodes) {
    if (budget.left <= 0) {
      budget.hidden++;
      continue;
    }
    budget.left--;
    const objective = index.nodes[node];
    if (!objective) continue;
    const children = index.children[node] ?? [];
    const isExpanded = expanded.has(node);
    const status = objective.isGroup
      ? `${formatNumber(index.descendants[node] ?? 0)} objective${index.descendants[node] === 1 ? '' : 's'}`
      : `${healthLabel(objective.health)}, ${formatPercent(Math.min(1, Math.max(0, objective.progress)))}`;
    items.push(
      <li key={node} aria-current={props.selected === node ? 'true' : undefined}>
        <div className="amap-list-row">
          {children.length > 0 ? (
            <button type="button" className="button button-quiet amap-list-toggle" aria-expanded={isExpanded} onClick={() => props.onToggle(node)}>
              <span aria-hidden="true">{isExpanded ? '−' : '+'}</span>
              <span className="visually-hidden">
                {isExpanded ? 'Collapse' : 'Expand'} {objective.title}, {formatNumber(children.length)} aligned
              </span>
            </button>
          ) : (
            <span className="amap-list-toggle" aria-hidden="true" />
          )}
          <button type="button" className="button-link amap-list-title" onClick={() => props.onSelect(node)}>
            {objective.title}
          </button>
          <span className="small muted">{status}</span>
          {!objective.isGroup && !objective.isPrivate && (
            <Link className="small" to={`/orgs/${encodeURIComponent(props.org)}/objectives/${encodeURIComponent(objective.id)}`}>
              Open<span className="visually-hidden"> {objective.title}</span>
            </Link>
          )}
        </div>
        {isExpanded && children.length > 0 && renderLevel(props, children, budget)}
      </li>,
    );
  }
  return <ul className="amap-list">{items}</ul>;
}
