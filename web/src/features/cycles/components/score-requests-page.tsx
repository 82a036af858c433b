/**
 * "Score your objectives": what the signed-in person was asked to score when a cycle entered
 * grading, with where each score stands; each links to the grading page of its cycle.
 */
import type { ReactElement } from 'react';
import { Link, useParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { formatPercent } from '../../../lib/format.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useScoreRequests } from '../api/cycles.ts';

export function ScoreRequestsPage(): ReactElement {
  const { org = '' } = useParams();
  const requests = useScoreRequests(org);
  useDocumentTitle('Score your objectives');
  const base = `/orgs/${encodeURIComponent(org)}`;
  return (
    <div className="page">
      <header className="page-header">
        <h1>Score your objectives</h1>
        <p className="muted">
          When a cycle enters grading, each owner is asked to propose a score (0.0 to 1.0) with a
          reason; a lead or an executive confirms it.
        </p>
      </header>
      {requests.isPending ? (
        <LoadingState label="Loading what you were asked…" />
      ) : requests.isError ? (
        <ErrorState
          error={requests.error}
          what="Your score requests"
          onRetry={() => void requests.refetch()}
        />
      ) : requests.data.items.length === 0 ? (
        <EmptyState title="Nothing to score">
          <p>No cycle you own objectives in is being graded.</p>
        </EmptyState>
      ) : (
        <ul className="card-list">
          {requests.data.items.map((item) => (
            <li key={item.objective.id} className="card">
              <Link to={`${base}/objectives/${item.objective.id}`}>{item.objective.title}</Link>{' '}
              <span className="muted small">
                {item.cycle.name} · progress {formatPercent(item.objective.progress)} ·{' '}
                {item.confirmedScore !== null
                  ? `confirmed ${item.confirmedScore.toFixed(1)}`
                  : item.proposedScore !== null
                    ? `proposed ${item.proposedScore.toFixed(1)}, waiting for confirmation`
                    : 'not scored yet'}
              </span>{' '}
              <Link className="button" to={`${base}/grading?cycle=${item.cycle.id}`}>
                Score in grading
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
