/**
 * The objectives aligned to this one, with their progress. A company objective can gather
 * dozens: past a handful they can be narrowed by words, status and level
 * (`?aligned-q=&aligned-status=&aligned-level=`, in the URL like every list's filters).
 */
import type { LinkOrPrivateView } from '@contracts/api/okrs.ts';
import type { ReactElement } from 'react';
import { ListFilterBar, NoMatchState, useListFilters } from '../../../components/list-filters.tsx';
import { ObjectiveRow, PrivateObjectiveRow } from '../../../components/objective-row.tsx';
import { EmptyState } from '../../../components/states.tsx';
import {
  filterItems,
  matchSummary,
  showsFilterBar,
  statusCounts,
  type Filterable,
  type FilterField,
} from '../../../lib/list-filters.ts';

const FIELDS: readonly FilterField[] = ['q', 'status', 'level'];

/** A private objective shows no title or level: only its status can match. */
function describe(link: LinkOrPrivateView): Filterable {
  return 'private' in link
    ? { texts: [], health: link.health, level: null }
    : { texts: [link.title], health: link.health, level: link.level };
}

export function AlignedObjectives({
  org,
  links,
  expected,
  search = '',
}: {
  org: string;
  links: LinkOrPrivateView[];
  expected: number;
  /** Kept on the links (`?asOf=` while looking at the past). */
  search?: string;
}): ReactElement {
  const controls = useListFilters(FIELDS, 'aligned');
  const shown = filterItems(links, describe, controls.filters);
  return (
    <section className="section" aria-labelledby="children">
      <h2 id="children">Aligned objectives</h2>
      {links.length === 0 ? (
        <EmptyState title="Nothing aligned yet">
          <p>Team and individual objectives that serve this one show here, with their progress.</p>
        </EmptyState>
      ) : (
        <>
          {showsFilterBar(links.length, controls.active) && (
            <ListFilterBar
              controls={controls}
              what="aligned objectives"
              placeholder="Words in the title"
              statusCounts={statusCounts(links.map((link) => link.health))}
              summary={matchSummary(
                shown.length,
                links.length,
                { one: 'aligned objective', many: 'aligned objectives' },
                controls.active > 0,
              )}
            />
          )}
          {shown.length === 0 ? (
            <NoMatchState what="aligned objectives" onClear={controls.clear} />
          ) : (
            <ul className="card-list">
              {shown.map((child) => (
                <li key={child.id}>
                  {'private' in child ? (
                    <PrivateObjectiveRow objective={child} expected={expected} />
                  ) : (
                    <ObjectiveRow org={org} objective={child} expected={expected} search={search} />
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
