/**
 * A person's history: how their objectives ended cycle after cycle (a chart of mean final
 * progress and score, the same numbers in a table, each cycle's objectives with their bars), and
 * their latest check-ins across cycles. Private objectives the reader may not see are not there:
 * the API leaves them out.
 */
import type { HistoryCycleEntryView } from '@contracts/api/restructuring.ts';
import { useId, type ReactElement } from 'react';
import { Link, useParams } from 'react-router';
import { HealthBadge } from '../../../components/health-badge.tsx';
import { ProgressBar } from '../../../components/progress-bar.tsx';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { useCurrentUser } from '../../../lib/current-user.ts';
import { formatDay, formatNumber, formatPercent } from '../../../lib/format.ts';
import { LEVEL_LABEL } from '../../../lib/labels.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { usePersonHistory } from '../api/person-history.ts';
import { HistoryChart } from './history-chart.tsx';
import './person-history.css';

const score = (value: number | null) => (value === null ? '—' : value.toFixed(2));
const percent = (value: number | null) => (value === null ? '—' : formatPercent(value));

function CycleSection({ org, entry }: { org: string; entry: HistoryCycleEntryView }): ReactElement {
  const headingId = useId();
  const base = `/orgs/${encodeURIComponent(org)}`;
  return (
    <section className="card history-cycle" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {entry.cycle.name}{' '}
        <span className="muted small">
          {formatDay(entry.cycle.startDate)} – {formatDay(entry.cycle.endDate)} ·{' '}
          {entry.cycle.status}
        </span>
      </h3>
      {entry.objectives.length === 0 ? (
        <p className="muted small">
          No objectives of their own; {entry.checkInCount} check-ins on others’ key results.
        </p>
      ) : (
        <ul className="history-objectives">
          {entry.objectives.map((objective) => (
            <li key={objective.id}>
              <div className="history-objective-title">
                <Link to={`${base}/objectives/${objective.id}`}>{objective.title}</Link>
                <span className="tag">{LEVEL_LABEL[objective.level]}</span>
                <HealthBadge health={objective.health} />
                <span className="small">Score {score(objective.score)}</span>
              </div>
              <ProgressBar
                progress={objective.progress}
                expected={null}
                health={objective.health}
                label={`Progress of ${objective.title}`}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function PersonHistoryPage(): ReactElement {
  const { org = '', userId = '' } = useParams();
  const history = usePersonHistory(org, userId);
  const me = useCurrentUser();
  const chartTitleId = useId();
  const isMe = me.data?.user.id === userId;
  useDocumentTitle(history.data ? `${history.data.person.name}: history` : 'History');
  const base = `/orgs/${encodeURIComponent(org)}`;

  if (history.isPending) return <LoadingState label="Loading the history…" rows={4} />;
  if (history.isError)
    return (
      <div className="page">
        <h1>History</h1>
        <ErrorState
          error={history.error}
          what="This history"
          onRetry={() => void history.refetch()}
        />
      </div>
    );
  const { person, cycles, checkIns } = history.data;
  const cycleName = new Map(cycles.map((entry) => [entry.cycle.id, entry.cycle.name]));

  return (
    <div className="page person-history">
      <header className="page-header">
        <p className="small">
          <Link to={`${base}/people/${person.id}`}>{isMe ? 'Your page' : person.name}</Link>
        </p>
        <h1>{isMe ? 'My history' : `${person.name}: history`}</h1>
        <p className="muted">Objectives and check-ins across cycles.</p>
      </header>

      {cycles.length === 0 ? (
        <EmptyState title="No history yet">
          <p>
            Objectives {isMe ? 'you own' : 'they own'} and check-ins{' '}
            {isMe ? 'you write' : 'they write'} show here, cycle after cycle.
          </p>
        </EmptyState>
      ) : (
        <>
          <section className="section" aria-labelledby={chartTitleId}>
            <h2 id={chartTitleId}>Cycle by cycle</h2>
            <p className="muted small history-legend">
              <span className="history-key history-key-bar" aria-hidden="true" /> mean final
              progress of {isMe ? 'your' : 'their'} objectives{' '}
              <span className="history-key history-key-score" aria-hidden="true" /> mean score (0–1)
              once graded
            </p>
            <HistoryChart cycles={cycles} titleId={chartTitleId} />
            {/* Scrolls sideways on its own on a narrow screen; focusable so keyboards can scroll it. */}
            <div
              className="history-table-scroll"
              role="region"
              aria-label="The chart’s numbers"
              tabIndex={0}
            >
              <table className="history-table small">
                <caption className="visually-hidden">The chart’s numbers</caption>
                <thead>
                  <tr>
                    <th scope="col">Cycle</th>
                    <th scope="col">Objectives</th>
                    <th scope="col">Mean progress</th>
                    <th scope="col">Mean score</th>
                    <th scope="col">Check-ins</th>
                  </tr>
                </thead>
                <tbody>
                  {cycles.map((entry) => (
                    <tr key={entry.cycle.id}>
                      <th scope="row">{entry.cycle.name}</th>
                      <td>{formatNumber(entry.objectives.length)}</td>
                      <td>{percent(entry.averageProgress)}</td>
                      <td>{score(entry.averageScore)}</td>
                      <td>{formatNumber(entry.checkInCount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section className="section" aria-labelledby="history-cycles">
            <h2 id="history-cycles">Objectives</h2>
            {[...cycles].reverse().map((entry) => (
              <CycleSection key={entry.cycle.id} org={org} entry={entry} />
            ))}
          </section>
        </>
      )}

      <section className="section" aria-labelledby="history-check-ins">
        <h2 id="history-check-ins">Latest check-ins</h2>
        {checkIns.length === 0 ? (
          <p className="muted">No check-ins yet.</p>
        ) : (
          <ol className="card-list history-check-ins">
            {checkIns.map((checkIn) => (
              <li key={checkIn.id} className="card">
                <p>
                  <strong>
                    {formatNumber(checkIn.value)}
                    {checkIn.keyResult.unit ? ` ${checkIn.keyResult.unit}` : ''}
                  </strong>{' '}
                  on {checkIn.keyResult.title}
                  {checkIn.confidence !== null && (
                    <span className="muted small">
                      {' '}
                      · confidence {formatPercent(checkIn.confidence)}
                    </span>
                  )}
                </p>
                {checkIn.note && <p className="history-note">{checkIn.note}</p>}
                <p className="muted small">
                  <RelativeTime iso={checkIn.createdAt} /> ·{' '}
                  <Link to={`${base}/objectives/${checkIn.objective.id}`}>
                    {checkIn.objective.title}
                  </Link>{' '}
                  · {cycleName.get(checkIn.cycleId) ?? 'another cycle'}
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
