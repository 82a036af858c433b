/**
 * A person's cycles side by side: per cycle a bar for the mean final progress of their
 * objectives and a diamond for the mean score once graded, on one 0–100% scale, so a trend across
 * quarters shows at a glance. Each cycle's numbers are in its accessible name and in the table
 * beside the chart, for anyone who prefers to read.
 */
import type { HistoryCycleEntryView } from '@contracts/api/restructuring.ts';
import type { ReactElement } from 'react';
import { formatPercent } from '../../../lib/format.ts';

const WIDTH = 640;
const HEIGHT = 220;
const MARGIN = { top: 12, right: 12, bottom: 36, left: 44 };
const TICKS = [0, 0.25, 0.5, 0.75, 1];

/** The sentence a screen reader hears for one cycle. */
export function describeCycle(entry: HistoryCycleEntryView): string {
  const progress =
    entry.averageProgress === null
      ? 'no objectives'
      : `mean progress ${formatPercent(entry.averageProgress)}`;
  const score =
    entry.averageScore === null ? 'not graded' : `mean score ${entry.averageScore.toFixed(2)}`;
  return `${entry.cycle.name}: ${progress}, ${score}, ${entry.checkInCount} check-ins`;
}

export function HistoryChart({
  cycles,
  titleId,
}: {
  cycles: HistoryCycleEntryView[];
  titleId: string;
}): ReactElement {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const slot = plotWidth / Math.max(cycles.length, 1);
  const barWidth = Math.min(48, slot * 0.5);
  const y = (fraction: number) =>
    MARGIN.top + plotHeight * (1 - Math.min(1, Math.max(0, fraction)));

  return (
    <svg
      className="history-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={titleId}
      preserveAspectRatio="xMidYMid meet"
    >
      {TICKS.map((tick) => (
        <g key={tick} aria-hidden="true">
          <line
            className="history-grid"
            x1={MARGIN.left}
            x2={WIDTH - MARGIN.right}
            y1={y(tick)}
            y2={y(tick)}
          />
          <text className="history-axis" x={MARGIN.left - 6} y={y(tick) + 4} textAnchor="end">
            {formatPercent(tick)}
          </text>
        </g>
      ))}
      {cycles.map((entry, i) => {
        const centre = MARGIN.left + slot * (i + 0.5);
        const progress = entry.averageProgress;
        const score = entry.averageScore;
        return (
          <g key={entry.cycle.id}>
            <title>{describeCycle(entry)}</title>
            {progress !== null && (
              <rect
                className="history-bar"
                x={centre - barWidth / 2}
                y={y(progress)}
                width={barWidth}
                height={Math.max(1, y(0) - y(progress))}
                rx={3}
              />
            )}
            {score !== null && (
              <path
                className="history-score"
                d={`M ${centre} ${y(score) - 7} l 7 7 l -7 7 l -7 -7 Z`}
              />
            )}
            <text
              className="history-axis"
              x={centre}
              y={HEIGHT - MARGIN.bottom + 16}
              textAnchor="middle"
              aria-hidden="true"
            >
              {entry.cycle.name}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
