/** One objective in a list: a link to its page, its level, owner, progress and status. */
import type { ObjectiveLevel, Health } from '@contracts/model.ts';
import type { ReactElement, ReactNode } from 'react';
import { Link } from 'react-router';
import { LEVEL_LABEL } from '../lib/labels.ts';
import { HealthBadge } from './health-badge.tsx';
import { ProgressBar } from './progress-bar.tsx';
import './rows.css';

interface ObjectiveRowProps {
  org: string;
  objective: {
    id: string;
    title: string;
    level?: ObjectiveLevel;
    progress: number;
    health: Health | null;
  };
  expected: number | null;
  /** Owner, team, number of key results... */
  meta?: ReactNode;
  /** Kept on the link, e.g. `?asOf=2026-10-01` while looking at the past. */
  search?: string;
}

export function ObjectiveRow({
  org,
  objective,
  expected,
  meta,
  search = '',
}: ObjectiveRowProps): ReactElement {
  return (
    <article className="row objective-row" aria-label={objective.title}>
      <div className="row-main">
        <h3 className="row-title">
          <Link
            to={`/orgs/${encodeURIComponent(org)}/objectives/${encodeURIComponent(objective.id)}${search}`}
          >
            {objective.title}
          </Link>
        </h3>
        <ProgressBar
          progress={objective.progress}
          expected={expected}
          health={objective.health}
          label={`Progress of ${objective.title}`}
        />
        <p className="row-meta">
          <HealthBadge health={objective.health} />
          {objective.level && <span className="tag">{LEVEL_LABEL[objective.level]}</span>}
          {meta && <span className="muted small">{meta}</span>}
        </p>
      </div>
    </article>
  );
}

/** An objective the reader may not open: it exists and counts toward progress, nothing more. */
export function PrivateObjectiveRow({
  objective,
  expected,
}: Omit<ObjectiveRowProps, 'org' | 'search'>): ReactElement {
  return (
    <article className="row objective-row" aria-label="Private objective">
      <div className="row-main">
        <h3 className="row-title muted">{objective.title || 'Private objective'}</h3>
        <ProgressBar
          progress={objective.progress}
          expected={expected}
          health={objective.health}
          label="Progress of a private objective"
        />
        <p className="row-meta">
          <HealthBadge health={objective.health} />
          <span className="tag">Private</span>
        </p>
      </div>
    </article>
  );
}
