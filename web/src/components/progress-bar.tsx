/**
 * Progress as a bar coloured by status, with the expected pace marked on it so "behind" shows
 * without reading numbers. The width animates when progress changes (a check-in).
 */
import type { Health } from '@contracts/model.ts';
import type { ReactElement } from 'react';
import { formatPercent } from '../lib/format.ts';
import './status.css';

interface ProgressBarProps {
  /** 0..1 */
  progress: number;
  /** 0..1, the share of the cycle passed; null hides the marker. */
  expected: number | null;
  health: Health | null;
  /** What the bar measures, for screen readers ("Progress of Raise conversion"). */
  label: string;
  size?: 'md' | 'lg';
}

const clamp = (value: number) => Math.min(1, Math.max(0, value));

export function ProgressBar({
  progress,
  expected,
  health,
  label,
  size = 'md',
}: ProgressBarProps): ReactElement {
  const shown = clamp(progress);
  const valueText =
    expected === null
      ? formatPercent(shown)
      : `${formatPercent(shown)}, expected ${formatPercent(clamp(expected))} by now`;
  return (
    <div className={`progress progress-${size}`}>
      <div
        className={`progress-track health-${health ?? 'none'}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(shown * 100)}
        aria-valuetext={valueText}
      >
        <div className="progress-fill" style={{ width: `${shown * 100}%` }} />
        {expected !== null && (
          <div
            className="progress-pace"
            style={{ left: `${clamp(expected) * 100}%` }}
            title={`Expected by now: ${formatPercent(clamp(expected))}`}
          />
        )}
      </div>
      <span className="progress-value" aria-hidden="true">
        {formatPercent(shown)}
      </span>
    </div>
  );
}
