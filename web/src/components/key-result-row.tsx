/**
 * One key result in a list: title, progress against the expected pace, value and target, status,
 * risk through a dependency, confidence, the last check-in, and — only when the API says so — a "Check in" button that
 * opens the check-in dialog. After saving, the bar animates to the new progress in place.
 */
import type { KeyResultView } from '@contracts/api/okrs.ts';
import { useEffect, useState, type ReactElement, type ReactNode } from 'react';
import { formatKeyResultValue } from '../lib/format.ts';
import { CheckInDialog } from './check-in-dialog.tsx';
import { ConfidenceBadge } from './confidence-badge.tsx';
import { DependencyRiskBadge } from './dependency-risk.tsx';
import { HealthBadge } from './health-badge.tsx';
import { ProgressBar } from './progress-bar.tsx';
import { RelativeTime } from './relative-time.tsx';
import './rows.css';

interface KeyResultRowProps {
  org: string;
  keyResult: KeyResultView;
  /** Expected progress by now (0..1), or null when unknown. */
  expected: number | null;
  /** Extra lines above the title, e.g. the objective it belongs to. */
  context?: ReactNode;
  /** Tags beside the status, e.g. "Check-in due". */
  badges?: ReactNode;
  /** false where every row is the reader's own (Home). */
  showOwner?: boolean;
}

export function KeyResultRow({
  org,
  keyResult,
  expected,
  context,
  badges,
  showOwner = true,
}: KeyResultRowProps): ReactElement {
  const [checkingIn, setCheckingIn] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    if (!saved) return;
    const timer = window.setTimeout(() => setSaved(null), 6000);
    return () => window.clearTimeout(timer);
  }, [saved]);

  const target =
    keyResult.target === null
      ? 'no target yet'
      : `target ${formatKeyResultValue(keyResult, keyResult.target)}`;
  return (
    <article
      className={`row key-result-row${saved ? ' is-just-saved' : ''}`}
      aria-label={keyResult.title}
    >
      <div className="row-main">
        {context && <div className="row-context">{context}</div>}
        <h3 className="row-title">{keyResult.title}</h3>
        <ProgressBar
          progress={keyResult.progress}
          expected={expected}
          health={keyResult.health}
          label={`Progress of ${keyResult.title}`}
        />
        <p className="row-meta">
          <span className="row-value">
            <strong>{formatKeyResultValue(keyResult, keyResult.current)}</strong>{' '}
            <span className="muted">· {target}</span>
          </span>
          <HealthBadge health={keyResult.health} />
          <DependencyRiskBadge risk={keyResult.dependencyRisk} />
          <ConfidenceBadge band={keyResult.confidenceBand} />
          {badges}
        </p>
        <p className="row-meta muted small">
          {keyResult.lastCheckInAt ? (
            <span>
              Last check-in <RelativeTime iso={keyResult.lastCheckInAt} />
            </span>
          ) : (
            <span>No check-in yet</span>
          )}
          {showOwner && keyResult.owner && <span>Owner: {keyResult.owner.name}</span>}
        </p>
        <p className="row-saved" role="status">
          {saved}
        </p>
      </div>
      {keyResult.abilities.canCheckIn && (
        <div className="row-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => setCheckingIn(true)}
            aria-label={`Check in on ${keyResult.title}`}
          >
            Check in
          </button>
        </div>
      )}
      {checkingIn && (
        <CheckInDialog
          org={org}
          keyResult={keyResult}
          onClose={() => setCheckingIn(false)}
          onSaved={(created) => {
            setCheckingIn(false);
            setSaved(
              `Checked in: ${formatKeyResultValue(created.keyResult, created.keyResult.current)}.`,
            );
          }}
        />
      )}
    </article>
  );
}
