/** Loading, error and empty states, the same on every page. */
import type { ReactElement, ReactNode } from 'react';
import { errorMessage, isApiError } from '../lib/api.ts';
import { AlertIcon } from './icons.tsx';
import './states.css';

export function LoadingState({
  label = 'Loading…',
  rows = 3,
}: {
  label?: string;
  rows?: number;
}): ReactElement {
  return (
    <div className="loading-state" role="status" aria-live="polite">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className="skeleton" aria-hidden="true">
          <div className="skeleton-line skeleton-line-title" />
          <div className="skeleton-line" />
        </div>
      ))}
    </div>
  );
}

interface ErrorStateProps {
  error: unknown;
  /** What failed to load, for the heading ("Your OKRs could not be loaded"). */
  what: string;
  onRetry?: () => void;
}

export function ErrorState({ error, what, onRetry }: ErrorStateProps): ReactElement {
  const notFound = isApiError(error) && error.status === 404;
  const requestId = isApiError(error) ? error.requestId : null;
  return (
    <div className="alert state-alert" role="alert">
      <AlertIcon size={20} />
      <div className="alert-body">
        <h2 className="alert-title">
          {notFound ? `${what} was not found` : `${what} could not be loaded`}
        </h2>
        <p>
          {notFound
            ? 'It does not exist, or you may not see it. Check the link, or ask its owner to share it.'
            : errorMessage(error)}
        </p>
        {requestId && !notFound && <p className="small muted">Request id: {requestId}</p>}
        {onRetry && !notFound && (
          <p>
            <button type="button" className="button" onClick={onRetry}>
              Try again
            </button>
          </p>
        )}
      </div>
    </div>
  );
}

interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}

export function EmptyState({ title, children, action }: EmptyStateProps): ReactElement {
  return (
    <div className="empty-state">
      <h3>{title}</h3>
      {children && <div className="empty-state-text">{children}</div>}
      {action && <div>{action}</div>}
    </div>
  );
}
