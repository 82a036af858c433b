/** What happened to the objective, newest first, as a compact feed a page at a time. */
import type { ReactElement } from 'react';
import { ListFilterBar, NoMatchState, useListFilters } from '../../../components/list-filters.tsx';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { filterItems, matchSummary, showsFilterBar } from '../../../lib/list-filters.ts';
import { useObjectiveActivity } from '../api/activity.ts';

interface ActivityFeedProps {
  org: string;
  objectiveId: string;
  /** The latest change known on the page: the feed reads again when it moves. */
  latestChange: string | null;
}

export function ActivityFeed({ org, objectiveId, latestChange }: ActivityFeedProps): ReactElement {
  const activity = useObjectiveActivity(org, objectiveId, latestChange);
  const controls = useListFilters(['q'], 'activity');
  if (activity.isPending) return <LoadingState label="Loading the activity…" rows={2} />;
  if (activity.isError)
    return (
      <ErrorState
        error={activity.error}
        what="The activity"
        onRetry={() => void activity.refetch()}
      />
    );
  const entries = activity.data.pages.flatMap((page) => page.items);
  if (entries.length === 0)
    return (
      <EmptyState title="No activity yet">
        <p>
          Check-ins, edits, comments and new initiatives on this objective show here as they happen.
        </p>
      </EmptyState>
    );
  const shown = filterItems(
    entries,
    (entry) => ({ texts: [entry.actor?.name, entry.summary] }),
    controls.filters,
  );
  return (
    <>
      {showsFilterBar(entries.length, controls.active, 10) && (
        <ListFilterBar
          controls={controls}
          what="activity"
          placeholder="Words in what happened or a name"
          summary={matchSummary(
            shown.length,
            entries.length,
            { one: 'event', many: 'events' },
            controls.active > 0,
            activity.hasNextPage,
          )}
        />
      )}
      {shown.length === 0 && (
        <NoMatchState what="events" onClear={controls.clear}>
          <p>
            {activity.hasNextPage
              ? 'Show earlier activity to look further, or try other words.'
              : 'Try other words or a name.'}
          </p>
        </NoMatchState>
      )}
      <ol className="activity-feed">
        {shown.map((entry) => (
          <li key={entry.id}>
            <span className="activity-actor">{entry.actor?.name ?? 'The system'}</span>{' '}
            <span className="activity-summary">{entry.summary}</span>{' '}
            <span className="muted">
              · <RelativeTime iso={entry.at} />
            </span>
          </li>
        ))}
      </ol>
      {activity.hasNextPage && (
        <p>
          <button
            type="button"
            className="button"
            onClick={() => void activity.fetchNextPage()}
            disabled={activity.isFetchingNextPage}
          >
            {activity.isFetchingNextPage ? 'Loading…' : 'Show earlier activity'}
          </button>
        </p>
      )}
    </>
  );
}
