/** What happened to the objective, newest first, as a compact feed a page at a time. */
import type { ReactElement } from 'react';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { useObjectiveActivity } from '../api/activity.ts';

interface ActivityFeedProps {
  org: string;
  objectiveId: string;
  /** The latest change known on the page: the feed reads again when it moves. */
  latestChange: string | null;
}

export function ActivityFeed({ org, objectiveId, latestChange }: ActivityFeedProps): ReactElement {
  const activity = useObjectiveActivity(org, objectiveId, latestChange);
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
  return (
    <>
      <ol className="activity-feed">
        {entries.map((entry) => (
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
