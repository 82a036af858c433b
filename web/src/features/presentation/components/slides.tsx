/** The slides of presentation mode: the title, one per company objective, and the summary. */
import type { CycleView } from '@contracts/api/cycles.ts';
import type { ObjectiveDetailView } from '@contracts/api/okrs.ts';
import type { OrganisationView } from '@contracts/api/organisation.ts';
import type { Health } from '@contracts/model.ts';
import type { ReactElement, ReactNode } from 'react';
import { ConfidenceBadge } from '../../../components/confidence-badge.tsx';
import { HealthBadge } from '../../../components/health-badge.tsx';
import { ProgressBar } from '../../../components/progress-bar.tsx';
import { formatDay, formatKeyResultValue, formatPercent } from '../../../lib/format.ts';
import { HEALTH_LABEL } from '../../../lib/labels.ts';

export function TitleSlide({
  organisation,
  cycle,
  objectiveCount,
  cyclePicker,
}: {
  organisation: OrganisationView | undefined;
  cycle: CycleView;
  objectiveCount: number;
  cyclePicker: ReactNode;
}): ReactElement {
  return (
    <div className="slide slide-title">
      <p className="slide-kicker">
        {cycle.name} · {formatDay(cycle.startDate)} – {formatDay(cycle.endDate)}
      </p>
      <h2 className="slide-heading">{organisation?.name ?? 'Our company objectives'}</h2>
      {organisation?.mission && (
        <section className="slide-statement" aria-label="Mission">
          <h3>Mission</h3>
          <p>{organisation.mission}</p>
        </section>
      )}
      {organisation?.vision && (
        <section className="slide-statement" aria-label="Vision">
          <h3>Vision</h3>
          <p>{organisation.vision}</p>
        </section>
      )}
      <p className="slide-lead">
        {objectiveCount === 1 ? '1 company objective' : `${objectiveCount} company objectives`} this
        cycle
      </p>
      {cyclePicker}
    </div>
  );
}

/** Progress as a ring, with the expected pace as a tick on it. */
function ProgressRing({
  progress,
  expected,
  health,
}: {
  progress: number;
  expected: number | null;
  health: Health | null;
}): ReactElement {
  const clamp = (value: number) => Math.min(1, Math.max(0, value));
  const radius = 42;
  const circumference = 2 * Math.PI * radius;
  const angle = expected === null ? null : clamp(expected) * 2 * Math.PI - Math.PI / 2;
  return (
    <svg
      className={`progress-ring health-${health ?? 'none'}`}
      viewBox="0 0 100 100"
      role="img"
      aria-label={`Progress ${formatPercent(clamp(progress))}${expected === null ? '' : `, expected ${formatPercent(clamp(expected))} by now`}`}
    >
      <circle className="ring-track" cx="50" cy="50" r={radius} />
      <circle
        className="ring-fill"
        cx="50"
        cy="50"
        r={radius}
        strokeDasharray={`${clamp(progress) * circumference} ${circumference}`}
        transform="rotate(-90 50 50)"
      />
      {angle !== null && (
        <line
          className="ring-pace"
          x1={50 + 36 * Math.cos(angle)}
          y1={50 + 36 * Math.sin(angle)}
          x2={50 + 48 * Math.cos(angle)}
          y2={50 + 48 * Math.sin(angle)}
        />
      )}
      <text x="50" y="50" className="ring-text" textAnchor="middle" dominantBaseline="central">
        {formatPercent(clamp(progress))}
      </text>
    </svg>
  );
}

export function ObjectiveSlide({
  objective,
  position,
  total,
  alignedTeamObjectives,
}: {
  objective: ObjectiveDetailView;
  position: number;
  total: number;
  alignedTeamObjectives: number;
}): ReactElement {
  const expected = objective.status === 'active' ? objective.expectedProgress : null;
  return (
    <div className="slide slide-objective">
      <p className="slide-kicker">
        Company objective {position} of {total}
      </p>
      <div className="slide-objective-head">
        <ProgressRing progress={objective.progress} expected={expected} health={objective.health} />
        <div>
          <h2 className="slide-heading">{objective.title}</h2>
          <p className="slide-meta">
            <span>Owner: {objective.owner?.name ?? 'nobody yet'}</span>
            <HealthBadge health={objective.health} />
            <span>
              {alignedTeamObjectives === 1
                ? '1 team objective aligned'
                : `${alignedTeamObjectives} team objectives aligned`}
            </span>
          </p>
          {objective.rationale && <p className="slide-rationale">{objective.rationale}</p>}
        </div>
      </div>
      {objective.keyResults.length === 0 ? (
        <p className="slide-lead">No key results yet.</p>
      ) : (
        <ul className="slide-key-results" aria-label="Key results">
          {objective.keyResults.map((keyResult) => (
            <li key={keyResult.id} className="slide-key-result">
              <span className="slide-kr-title">{keyResult.title}</span>
              <ProgressBar
                progress={keyResult.progress}
                expected={expected}
                health={keyResult.health}
                label={`Progress of ${keyResult.title}`}
              />
              <span className="slide-kr-values">
                {formatKeyResultValue(keyResult, keyResult.current)}
                {keyResult.target !== null &&
                  ` of ${formatKeyResultValue(keyResult, keyResult.target)}`}
              </span>
              <ConfidenceBadge band={keyResult.confidenceBand} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const STATUS_ORDER: readonly (Health | 'none')[] = ['on_track', 'at_risk', 'off_track', 'none'];

export function SummarySlide({
  objectives,
}: {
  objectives: readonly { progress: number; health: Health | null }[];
}): ReactElement {
  const overall =
    objectives.length === 0
      ? 0
      : objectives.reduce((sum, objective) => sum + objective.progress, 0) / objectives.length;
  const counts = new Map<Health | 'none', number>(STATUS_ORDER.map((key) => [key, 0]));
  for (const objective of objectives) {
    const key = objective.health ?? 'none';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const shown = STATUS_ORDER.filter((key) => key !== 'none' || (counts.get('none') ?? 0) > 0);
  const max = Math.max(1, ...counts.values());
  const word = (key: Health | 'none') => (key === 'none' ? 'No status' : HEALTH_LABEL[key]);
  const rowHeight = 14;
  return (
    <div className="slide slide-summary">
      <p className="slide-kicker">Summary</p>
      <h2 className="slide-heading">Where we stand</h2>
      <p className="slide-overall">
        <span className="slide-overall-value">{formatPercent(overall)}</span> overall progress of
        the company objectives
      </p>
      <figure className="slide-chart">
        <figcaption className="visually-hidden">Company objectives by status</figcaption>
        <svg
          viewBox={`0 0 100 ${shown.length * rowHeight}`}
          role="img"
          aria-label={`Company objectives by status: ${shown.map((key) => `${word(key)} ${counts.get(key) ?? 0}`).join(', ')}`}
        >
          {shown.map((key, index) => {
            const count = counts.get(key) ?? 0;
            const y = index * rowHeight;
            return (
              <g key={key} className={`summary-bar health-${key}`}>
                <text x="0" y={y + 7} dominantBaseline="central" className="summary-label">
                  {word(key)}
                </text>
                <rect
                  x="30"
                  y={y + 2}
                  width={(count / max) * 58}
                  height="10"
                  rx="1"
                  className="summary-fill"
                />
                <text
                  x={32 + (count / max) * 58}
                  y={y + 7}
                  dominantBaseline="central"
                  className="summary-count"
                >
                  {count}
                </text>
              </g>
            );
          })}
        </svg>
      </figure>
      <ul className="slide-summary-list">
        {shown.map((key) => (
          <li key={key} data-status={key}>
            {key === 'none' ? <HealthBadge health={null} /> : <HealthBadge health={key} />}{' '}
            <strong>{counts.get(key) ?? 0}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}
