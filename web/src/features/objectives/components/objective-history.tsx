/**
 * The history parts of the objective page, loaded when the reader scrolls to them: the chart of
 * actual against expected progress, and the check-in timeline. Both read the same per-key-result
 * check-in histories (cached once, a few requests at a time).
 */
import type { ObjectiveDetailView } from '@contracts/api/okrs.ts';
import { useMemo, useState, type ReactElement } from 'react';
import { ConfidenceBadge } from '../../../components/confidence-badge.tsx';
import {
  FilterSelect,
  ListFilterBar,
  NoMatchState,
  useListFilters,
} from '../../../components/list-filters.tsx';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { formatKeyResultValue, formatPercent } from '../../../lib/format.ts';
import { CONFIDENCE_BANDS, CONFIDENCE_LABEL } from '../../../lib/labels.ts';
import { filterItems, matchSummary, showsFilterBar } from '../../../lib/list-filters.ts';
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
  // `?checkins-q=&checkins-kr=&checkins-confidence=`: a long history narrows to what matters.
  const controls = useListFilters(['q'], 'checkins', ['kr', 'confidence']);
  const keyResultId = controls.choice('kr');
  const confidence = controls.choice('confidence');
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

  const matching = filterItems(
    entries.filter(
      ({ keyResult, checkIn }) =>
        (keyResultId === null || keyResult.id === keyResultId) &&
        (confidence === null || checkIn.confidenceBand === confidence),
    ),
    ({ keyResult, checkIn }) => ({ texts: [keyResult.title, checkIn.note, checkIn.author?.name] }),
    controls.filters,
  );
  const shown = showAll ? matching : matching.slice(0, FIRST_SHOWN);
  return (
    <>
      {showsFilterBar(entries.length, controls.active, FIRST_SHOWN + 1) && (
        <ListFilterBar
          controls={controls}
          what="check-ins"
          placeholder="Words in a note, key result or name"
          summary={matchSummary(
            matching.length,
            entries.length,
            { one: 'check-in', many: 'check-ins' },
            controls.active > 0,
          )}
        >
          {objective.keyResults.length > 1 && (
            <FilterSelect
              label="Key result"
              all="Every key result"
              value={keyResultId}
              options={objective.keyResults.map((keyResult) => ({
                value: keyResult.id,
                label: keyResult.title,
              }))}
              onChange={(value) => controls.setChoice('kr', value)}
            />
          )}
          <FilterSelect
            label="Confidence"
            all="Any confidence"
            value={confidence}
            options={CONFIDENCE_BANDS.map((band) => ({
              value: band,
              label: CONFIDENCE_LABEL[band],
            }))}
            onChange={(value) => controls.setChoice('confidence', value)}
          />
        </ListFilterBar>
      )}
      {matching.length === 0 ? (
        <NoMatchState what="check-ins" onClear={controls.clear} />
      ) : (
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
      )}
      {matching.length > FIRST_SHOWN && (
        <p>
          <button
            type="button"
            className="button"
            onClick={() => setShowAll(!showAll)}
            aria-expanded={showAll}
          >
            {showAll ? 'Show the latest only' : `Show all ${matching.length} check-ins`}
          </button>
        </p>
      )}
    </>
  );
}
