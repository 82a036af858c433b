/**
 * Average score per team as horizontal bars on a 0.0–1.0 axis, with the 0.4 and 0.7 band lines.
 * Each bar carries its number and band word (not colour alone); the table beside it in the
 * report holds the same figures for screen readers and printouts.
 */
import type { ReactElement } from 'react';
import { BAND_LABEL, bandOf } from './score-badge.tsx';

export interface TeamScore {
  key: string;
  average: number | null;
  scored: number;
  objectives: number;
}

const ROW = 28;
const LABEL_WIDTH = 160;
const BAR_WIDTH = 420;
const VALUE_WIDTH = 130;
const TOP = 24;

export function TeamScoreChart({
  teams,
  titleId,
}: {
  teams: TeamScore[];
  titleId: string;
}): ReactElement {
  const height = TOP + teams.length * ROW + 8;
  const width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
  const x = (score: number) => LABEL_WIDTH + score * BAR_WIDTH;
  const summary = teams
    .map((team) => `${team.key}: ${team.average === null ? 'not scored' : team.average.toFixed(2)}`)
    .join('; ');
  return (
    <svg
      className="team-score-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={titleId}
      aria-describedby={`${titleId}-desc`}
    >
      <desc id={`${titleId}-desc`}>Average score per team. {summary}.</desc>
      {[0, 0.4, 0.7, 1].map((tick) => (
        <g key={tick} aria-hidden="true">
          <line
            className={tick === 0.4 || tick === 0.7 ? 'chart-band-line' : 'chart-axis-line'}
            x1={x(tick)}
            x2={x(tick)}
            y1={TOP - 6}
            y2={height - 4}
          />
          <text className="chart-tick" x={x(tick)} y={TOP - 10} textAnchor="middle">
            {tick.toFixed(1)}
          </text>
        </g>
      ))}
      {teams.map((team, index) => {
        const y = TOP + index * ROW;
        const band = team.average === null ? null : bandOf(team.average);
        return (
          <g key={team.key} aria-hidden="true">
            <text className="chart-label" x={LABEL_WIDTH - 8} y={y + ROW / 2 + 4} textAnchor="end">
              {team.key.length > 22 ? `${team.key.slice(0, 21)}…` : team.key}
            </text>
            {team.average !== null && (
              <rect
                className={`chart-bar chart-bar-${band ?? 'none'}`}
                x={x(0)}
                y={y + 5}
                width={Math.max(2, team.average * BAR_WIDTH)}
                height={ROW - 10}
                rx={3}
              />
            )}
            <text className="chart-value" x={x(1) + 8} y={y + ROW / 2 + 4}>
              {team.average === null
                ? 'not scored'
                : `${team.average.toFixed(2)} ${band ? BAND_LABEL[band].toLowerCase() : ''}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
