/**
 * The history parts of the objective page, loaded when the reader scrolls to them: the chart of
 * actual against expected progress, and the check-in timeline. Both read the same per-key-result
 * check-in histories (cached once, a few requests at a time).
 */
import type { ObjectiveDetailView } from '@contracts/api/okrs.ts';
import { useMemo, useState, type ReactElement } from 'react';
import { ConfidenceBadge } from '../../../components/confidence-badge.tsx';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { formatKeyResultValue, formatPercent } from '../../../lib/format.ts';
import { useCheckInHistory } from '../api/check-ins.ts';
import { ProgressChart } from './progress-chart.tsx';
import { objectiveProgressHistory } from './progress-history.ts';

interface HistoryProps {
  org: string;
  objective: ObjectiveDetailView;
}

export function ProgressOverCycle({ org, objective }: HistoryProps): ReactElement {
  const checkIns = useCheckInHistory(org, objective.keyResults);
  const history = useMemo(
    () => objectiveProgressHistory(objective.keyResults, checkIns.byKeyResult),
    [objective.keyResults, checkIns.byKeyResult],
  );

  if (objective.keyResults.length === 0)
    return (
      <EmptyState title="Nothing to chart yet">
        <p>
          Once the objective has key results and people check in, its progress over the cycle shows
          here against the expected pace.
        </p>
      </EmptyState>
    );
  if (checkIns.error)
    return (
      <ErrorState error={checkIns.error} what="The check-in history" onRetry={checkIns.refetch} />
    );
  if (checkIns.isPending)
    return (
      <div className="chart-placeholder" role="status">
        Loading the chart…
      </div>
    );
  return (
    <>
      <ProgressChart cycle={objective.cycle} history={history} health={objective.health} />
      {objective.includeChildren && (
        <p className="muted small">
          Drawn from this objective’s own key results; its progress also counts its aligned
          objectives.
        </p>
      )}
      {checkIns.truncated && (
        <p className="muted small">Only the latest 200 check-ins of a key result are drawn.</p>
      )}
    </>
  );
}

const FIRST_SHOWN = 8;

export function CheckInTimeline({ org, objective }: HistoryProps): ReactElement {
  const checkIns = useCheckInHistory(org, objective.keyResults);
  const [showAll, setShowAll] = useState(false);
  const entries = useMemo(
    () =>
      objective.keyResults
        .flatMap((keyResult) =>
          (checkIns.byKeyResult.get(keyResult.id) ?? []).map((checkIn) => ({ keyResult, checkIn })),
        )
        .sort(
          (a, b) =>
            b.checkIn.createdAt.localeCompare(a.checkIn.createdAt) ||
            b.checkIn.id.localeCompare(a.checkIn.id),
        ),
    [objective.keyResults, checkIns.byKeyResult],
  );

  if (checkIns.error)
    return <ErrorState error={checkIns.error} what="The check-ins" onRetry={checkIns.refetch} />;
  if (checkIns.isPending) return <LoadingState label="Loading the check-ins…" rows={3} />;
  if (entries.length === 0)
    return (
      <EmptyState title="No check-ins yet">
        <p>
          Owners check in weekly: the new value, how confident they are, and a note on what changed.
          Each check-in shows here, newest first.
        </p>
      </EmptyState>
    );

  const shown = showAll ? entries : entries.slice(0, FIRST_SHOWN);
  return (
    <>
      <ol className="card-list timeline">
        {shown.map(({ keyResult, checkIn }) => (
          <li key={checkIn.id} className="timeline-entry">
            <p>
              <strong>{checkIn.author?.name ?? 'Someone'}</strong>{' '}
              <span className="muted">checked in on</span> {keyResult.title}
              <span className="muted">
                {' · '}
                <RelativeTime iso={checkIn.createdAt} />
              </span>
            </p>
            <p className="row-meta small">
              <span className="row-value">
                <strong>{formatKeyResultValue(keyResult, checkIn.value)}</strong>
                <span aria-hidden="true"> → </span>
                <span className="visually-hidden">, progress </span>
                {formatPercent(checkIn.progress)}
              </span>
              <ConfidenceBadge band={checkIn.confidenceBand} />
              {checkIn.source !== 'user' && <span className="tag">{checkIn.source}</span>}
            </p>
            {checkIn.note && <p className="timeline-note">{checkIn.note}</p>}
          </li>
        ))}
      </ol>
      {entries.length > FIRST_SHOWN && (
        <p>
          <button
            type="button"
            className="button"
            onClick={() => setShowAll(!showAll)}
            aria-expanded={showAll}
          >
            {showAll ? 'Show the latest only' : `Show all ${entries.length} check-ins`}
          </button>
        </p>
      )}
    </>
  );
}
