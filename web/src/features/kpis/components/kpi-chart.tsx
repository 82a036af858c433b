/**
 * A KPI's values over time: the line with each value as a point (its note on hover), and the
 * green and amber bands behind it so a glance says where the KPI stands. A table of the same
 * values follows the chart for screen readers and exact numbers.
 */
import type { KpiValueView, KpiView } from '@contracts/api/kpis.ts';
import type { ReactElement } from 'react';
import { formatKpiValue } from '../../../components/kpi-status.tsx';
import { formatDay } from '../../../lib/format.ts';

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 12, right: 16, bottom: 28, left: 56 };

export function KpiChart({ kpi, values }: { kpi: KpiView; values: KpiValueView[] }): ReactElement {
  const numbers = [...values.map((v) => v.value), kpi.greenThreshold, kpi.amberThreshold];
  let low = Math.min(...numbers);
  let high = Math.max(...numbers);
  const margin = (high - low || Math.abs(high) || 1) * 0.1;
  low -= margin;
  high += margin;
  const times = values.map((v) => Date.parse(v.at));
  const start = Math.min(...times);
  const end = Math.max(...times);
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (at: number) =>
    values.length < 2
      ? PAD.left + innerW / 2
      : PAD.left + ((at - start) / (end - start || 1)) * innerW;
  const y = (value: number) => PAD.top + (1 - (value - low) / (high - low)) * innerH;
  const higher = kpi.direction === 'higher';
  // The bands: green beyond the green threshold, amber between, red beyond the amber one.
  const greenY = y(kpi.greenThreshold);
  const amberY = y(kpi.amberThreshold);
  const top = PAD.top;
  const bottom = PAD.top + innerH;
  const bands = higher
    ? [
        { cls: 'band-green', y1: top, y2: greenY },
        { cls: 'band-amber', y1: greenY, y2: amberY },
        { cls: 'band-red', y1: amberY, y2: bottom },
      ]
    : [
        { cls: 'band-red', y1: top, y2: amberY },
        { cls: 'band-amber', y1: amberY, y2: greenY },
        { cls: 'band-green', y1: greenY, y2: bottom },
      ];
  const points = values.map((v, i) => ({ x: x(times[i] ?? 0), y: y(v.value), v }));
  const ticks = [kpi.greenThreshold, kpi.amberThreshold];
  const first = values[0];
  const last = values.at(-1);

  return (
    <figure className="kpi-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={
          first && last
            ? `${kpi.name} over time: ${values.length} values from ${formatKpiValue(first.value, kpi.unit)} on ${formatDay(
                first.at.slice(0, 10),
              )} to ${formatKpiValue(last.value, kpi.unit)} on ${formatDay(last.at.slice(0, 10))}`
            : `${kpi.name}: no values yet`
        }
      >
        {bands.map((band) => (
          <rect
            key={band.cls}
            className={`kpi-band ${band.cls}`}
            x={PAD.left}
            width={innerW}
            y={Math.min(band.y1, band.y2)}
            height={Math.max(0, Math.abs(band.y2 - band.y1))}
          />
        ))}
        {ticks.map((tick) => (
          <text key={tick} className="kpi-axis" x={PAD.left - 6} y={y(tick) + 4} textAnchor="end">
            {formatKpiValue(tick, kpi.unit)}
          </text>
        ))}
        {first && (
          <text className="kpi-axis" x={PAD.left} y={HEIGHT - 8}>
            {formatDay(first.at.slice(0, 10))}
          </text>
        )}
        {last && values.length > 1 && (
          <text className="kpi-axis" x={WIDTH - PAD.right} y={HEIGHT - 8} textAnchor="end">
            {formatDay(last.at.slice(0, 10))}
          </text>
        )}
        {points.length > 1 && (
          <polyline
            className="kpi-chart-line"
            points={points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}
          />
        )}
        {points.map((p) => (
          <circle key={p.v.id} className="kpi-chart-point" cx={p.x} cy={p.y} r={4}>
            <title>
              {`${formatKpiValue(p.v.value, kpi.unit)} on ${formatDay(p.v.at.slice(0, 10))}${
                p.v.note ? ` — ${p.v.note}` : ''
              }`}
            </title>
          </circle>
        ))}
      </svg>
    </figure>
  );
}
