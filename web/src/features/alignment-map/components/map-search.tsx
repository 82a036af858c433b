/**
 * Search on the map: type to list matching objectives (matches also get a dashed outline on
 * the map); Enter or a click jumps to one, opening its path.
 */
import { useState, type KeyboardEvent, type ReactElement, type Ref } from 'react';
import { formatNumber } from '../../../lib/format.ts';
import { LEVEL_LABEL } from '../../../lib/labels.ts';
import type { SearchResult } from '../model/search.ts';
import type { TreeIndex } from '../model/tree-index.ts';

interface MapSearchProps {
  index: TreeIndex;
  query: string;
  search: SearchResult | null;
  onQuery: (query: string) => void;
  onPick: (node: number) => void;
  ref?: Ref<HTMLInputElement>;
}

export function MapSearch({ index, query, search, onQuery, onPick, ref }: MapSearchProps): ReactElement {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const results = search?.first ?? [];
  const showing = open && query.trim() !== '';

  const pick = (node: number | undefined) => {
    if (node === undefined) return;
    setOpen(false);
    onPick(node);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        setOpen(true);
        setActive((at) => Math.min(results.length - 1, at + 1));
        break;
      case 'ArrowUp':
        setActive((at) => Math.max(0, at - 1));
        break;
      case 'Enter':
        pick(results[active] ?? results[0]);
        break;
      case 'Escape':
        if (showing) setOpen(false);
        else onQuery('');
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const activeId = showing && results[active] !== undefined ? `amap-result-${results[active]}` : undefined;
  return (
    <div className="amap-search">
      <label className="visually-hidden" htmlFor="amap-search-input">
        Search objectives, owners and teams
      </label>
      <input
        id="amap-search-input"
        ref={ref}
        className="input"
        type="search"
        placeholder="Search objectives, owners, teams  ( / )"
        autoComplete="off"
        role="combobox"
        aria-expanded={showing}
        aria-controls="amap-results"
        aria-autocomplete="list"
        aria-activedescendant={activeId}
        value={query}
        onChange={(event) => {
          onQuery(event.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <p className="visually-hidden" role="status" aria-live="polite">
        {search ? `${formatNumber(search.total)} matching objectives` : ''}
      </p>
      {showing && (
        <ul className="amap-results card" id="amap-results" role="listbox" aria-label="Matching objectives">
          {results.length === 0 && (
            <li className="amap-results-none small muted" role="option" aria-selected="false" aria-disabled="true">
              No objective, owner or team matches “{query}”.
            </li>
          )}
          {results.map((node, at) => {
            const objective = index.nodes[node];
            return (
              <li
                key={node}
                id={`amap-result-${node}`}
                role="option"
                aria-selected={at === active}
                className={at === active ? 'is-active' : undefined}
                // mousedown, not click: the input's blur would close the list first.
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(node);
                }}
              >
                <span className="amap-result-title">{objective?.title}</span>
                <span className="small muted">{objective?.level ? LEVEL_LABEL[objective.level] : ''}</span>
              </li>
            );
          })}
          {search && search.total > results.length && (
            <li className="amap-results-more small muted" role="option" aria-selected="false" aria-disabled="true">
              {formatNumber(search.total - results.length)} more match; type more words to narrow.
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
