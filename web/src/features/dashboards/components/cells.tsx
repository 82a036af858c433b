/** Small pieces the dashboards' tables and lists share: status and progress in a cell. */
import type { Health } from '@contracts/model.ts';
import type { ReactElement } from 'react';
import { HealthBadge } from '../../../components/health-badge.tsx';
import { ProgressBar } from '../../../components/progress-bar.tsx';
import { HEALTH_LABEL } from '../../../lib/labels.ts';

export function ProgressCell({
  progress,
  expected,
  health,
  label,
}: {
  progress: number | null;
  expected: number | null;
  health: Health | null;
  label: string;
}): ReactElement {
  if (progress === null) return <span className="muted">—</span>;
  return (
    <div className="progress-cell">
      <ProgressBar progress={progress} expected={expected} health={health} label={label} />
    </div>
  );
}

export function HealthCell({ health }: { health: Health | null }): ReactElement {
  return <HealthBadge health={health} />;
}

/** The words of a status, for sorting, filtering and CSV. */
export function healthText(health: Health | null): string {
  return health ? HEALTH_LABEL[health] : 'No status';
}

/** A fraction as a whole percentage number for CSV and sorting (0.456 → 46). */
export function percentNumber(fraction: number | null): number | null {
  return fraction === null ? null : Math.round(fraction * 100);
}
