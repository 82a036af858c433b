/**
 * The team hierarchy as an ARIA tree: one tab stop, arrow keys move (Up/Down), open and close
 * (Right/Left), Home/End jump, Enter opens the team's page, typing a letter jumps to the next
 * team starting with it. A click on the triangle opens or closes; a click on the name opens the page.
 */
import type { TeamTreeNode } from '@contracts/api/people.ts';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import { Link, useNavigate } from 'react-router';
import { ChevronIcon } from '../../../components/icons.tsx';
import { visibleRows } from './team-tree-model.ts';

interface TeamTreeProps {
  roots: TeamTreeNode[];
  /** Teams to show open. */
  isExpanded: (id: string) => boolean;
  onToggle: (id: string, open: boolean) => void;
  /** The path of a team's page. */
  teamPath: (id: string) => string;
  /** Teams matching the filter, marked in the tree. */
  matches: Set<string>;
  label: string;
}

function members(count: number): string {
  return `${count} member${count === 1 ? '' : 's'}`;
}

export function TeamTree({
  roots,
  isExpanded,
  onToggle,
  teamPath,
  matches,
  label,
}: TeamTreeProps): ReactElement {
  const navigate = useNavigate();
  const rows = visibleRows(roots, isExpanded);
  const [activeId, setActiveId] = useState<string | null>(null);
  const itemRefs = useRef(new Map<string, HTMLLIElement>());
  const focusOnRender = useRef(false);

  // The tab stop stays on a row that is on screen: the active one, else the first match, else the first.
  const active =
    rows.find((row) => row.node.id === activeId) ??
    rows.find((row) => matches.has(row.node.id)) ??
    rows[0];

  useEffect(() => {
    if (focusOnRender.current && active) {
      focusOnRender.current = false;
      itemRefs.current.get(active.node.id)?.focus();
    }
  });

  const moveTo = (id: string | undefined) => {
    if (!id) return;
    setActiveId(id);
    focusOnRender.current = true;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (!active || event.altKey || event.ctrlKey || event.metaKey) return;
    const index = rows.indexOf(active);
    const { node } = active;
    const hasChildren = node.children.length > 0;
    const open = hasChildren && isExpanded(node.id);
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(rows[index + 1]?.node.id);
        break;
      case 'ArrowUp':
        moveTo(rows[index - 1]?.node.id);
        break;
      case 'Home':
        moveTo(rows[0]?.node.id);
        break;
      case 'End':
        moveTo(rows[rows.length - 1]?.node.id);
        break;
      case 'ArrowRight':
        if (hasChildren && !open) onToggle(node.id, true);
        else if (open) moveTo(node.children[0]?.id);
        break;
      case 'ArrowLeft':
        if (open) onToggle(node.id, false);
        else moveTo(active.parentId ?? undefined);
        break;
      case 'Enter':
        void navigate(teamPath(node.id));
        break;
      case '*':
        for (const sibling of rows.filter((row) => row.parentId === active.parentId)) {
          if (sibling.node.children.length > 0) onToggle(sibling.node.id, true);
        }
        break;
      default:
        if (event.key.length === 1 && /\S/.test(event.key)) {
          const letter = event.key.toLocaleLowerCase();
          const after = [...rows.slice(index + 1), ...rows.slice(0, index + 1)];
          moveTo(after.find((row) => row.node.name.toLocaleLowerCase().startsWith(letter))?.node.id);
        } else {
          handled = false;
        }
    }
    if (handled) event.preventDefault();
  };

  return (
    <ul className="team-tree" role="tree" aria-label={label} onKeyDown={onKeyDown}>
      {rows.map((row) => {
        const { node } = row;
        const hasChildren = node.children.length > 0;
        const open = hasChildren && isExpanded(node.id);
        const isActive = row === active;
        return (
          <li
            key={node.id}
            ref={(element) => {
              if (element) itemRefs.current.set(node.id, element);
              else itemRefs.current.delete(node.id);
            }}
            role="treeitem"
            aria-level={row.depth}
            aria-posinset={row.position}
            aria-setsize={row.siblings}
            aria-expanded={hasChildren ? open : undefined}
            aria-selected={isActive}
            aria-label={`${node.name}, ${members(node.memberCount)}${hasChildren ? `, ${node.children.length} sub-team${node.children.length === 1 ? '' : 's'}` : ''}`}
            tabIndex={isActive ? 0 : -1}
            className={`team-tree-item${matches.has(node.id) ? ' is-match' : ''}`}
            style={{ paddingLeft: `calc(${row.depth - 1} * var(--space-5))` }}
            onFocus={(event) => {
              if (event.target === event.currentTarget) setActiveId(node.id);
            }}
          >
            <span className="team-tree-row">
              {hasChildren ? (
                <span
                  className={`team-tree-toggle${open ? ' is-open' : ''}`}
                  aria-hidden="true"
                  onClick={() => {
                    setActiveId(node.id);
                    onToggle(node.id, !open);
                  }}
                >
                  <ChevronIcon />
                </span>
              ) : (
                <span className="team-tree-toggle is-leaf" aria-hidden="true" />
              )}
              <Link
                to={teamPath(node.id)}
                tabIndex={-1}
                className="team-tree-name"
                onClick={() => setActiveId(node.id)}
              >
                {node.name}
              </Link>
              {matches.has(node.id) && <span className="tag">Match</span>}
              <span className="team-tree-count muted small" aria-hidden="true">
                {members(node.memberCount)}
                {hasChildren && ` · ${node.children.length} sub-team${node.children.length === 1 ? '' : 's'}`}
              </span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
