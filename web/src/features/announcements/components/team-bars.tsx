/** Acknowledgement rate by team as horizontal SVG bars, with the numbers as text beside them. */
import type { ReactElement } from 'react';

export interface TeamBar {
  label: string;
  acknowledged: number;
  recipients: number;
  rate: number;
}

const ROW = 26;
const LABEL = 140;
const BAR = 220;

export function TeamBars({ rows, title }: { rows: TeamBar[]; title: string }): ReactElement {
  const height = rows.length * ROW + 4;
  return (
    <figure className="team-bars">
      <svg
        role="img"
        aria-label={`${title}: ${rows
          .map((r) => `${r.label} ${Math.round(r.rate * 100)}%`)
          .join(', ')}`}
        viewBox={`0 0 ${LABEL + BAR + 110} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        {rows.map((row, index) => {
          const y = index * ROW + 4;
          return (
            <g key={`${row.label}-${index}`}>
              <text x={0} y={y + 14} className="team-bars-label">
                {row.label.length > 20 ? `${row.label.slice(0, 19)}…` : row.label}
              </text>
              <rect x={LABEL} y={y} width={BAR} height={18} className="team-bars-track" rx={3} />
              <rect
                x={LABEL}
                y={y}
                width={Math.max(0, Math.min(1, row.rate)) * BAR}
                height={18}
                className="team-bars-fill"
                rx={3}
              />
              <text x={LABEL + BAR + 8} y={y + 14} className="team-bars-value">
                {Math.round(row.rate * 100)}% ({row.acknowledged}/{row.recipients})
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted small">{title}</figcaption>
    </figure>
  );
}
