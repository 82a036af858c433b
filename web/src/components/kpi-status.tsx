/**
 * A KPI's status as colour, word and icon (green / amber / red, in the status colours), its
 * value with its unit, and a sparkline of its recent values with the thresholds as faint lines.
 * Shared by the KPI pages and the executive dashboard.
 */
import type { KpiStatus, KpiView } from '@contracts/api/kpis.ts';
import type { ReactElement } from 'react';
import { formatNumber } from '../lib/format.ts';
import { AtRiskIcon, NoStatusIcon, OffTrackIcon, OnTrackIcon } from './icons.tsx';
import './kpi-status.css';
import './status.css';

/** The status colours the app already uses: green is on track, amber at risk, red off track. */
export const KPI_HEALTH_CLASS: Record<KpiStatus, string> = {
  green: 'health-on_track',
  amber: 'health-at_risk',
  red: 'health-off_track',
};
export const KPI_STATUS_LABEL: Record<KpiStatus, string> = {
  green: 'Green',
  amber: 'Amber',
  red: 'Red',
};

export function KpiStatusBadge({ status }: { status: KpiStatus | null }): ReactElement {
  return (
    <span className={`health-badge ${status ? KPI_HEALTH_CLASS[status] : 'health-none'}`}>
      {status === 'green' ? (
        <OnTrackIcon />
      ) : status === 'amber' ? (
        <AtRiskIcon />
      ) : status === 'red' ? (
        <OffTrackIcon />
      ) : (
        <NoStatusIcon />
      )}
      {status ? KPI_STATUS_LABEL[status] : 'No value yet'}
    </span>
  );
}

/** "99.95 %", "1,250 orders", "3" */
export function formatKpiValue(value: number, unit: string | null): string {
  if (!unit) return formatNumber(value);
  return unit === '%' ? `${formatNumber(value)} %` : `${formatNumber(value)} ${unit}`;
}

/** The thresholds in words: "Green at or above 99.9 %, amber at or above 99.5 %". */
export function thresholdsText(
  kpi: Pick<KpiView, 'direction' | 'greenThreshold' | 'amberThreshold' | 'unit'>,
): string {
  const side = kpi.direction === 'higher' ? 'at or above' : 'at or below';
  return `Green ${side} ${formatKpiValue(kpi.greenThreshold, kpi.unit)}, amber ${side} ${formatKpiValue(
    kpi.amberThreshold,
    kpi.unit,
  )}, red beyond`;
}

interface KpiSparklineProps {
  kpi: Pick<
    KpiView,
    'name' | 'unit' | 'status' | 'recentValues' | 'greenThreshold' | 'amberThreshold'
  >;
  width?: number;
  height?: number;
}

/** The recent values as a small line; the green and amber thresholds as dashed lines. */
export function KpiSparkline({ kpi, width = 120, height = 28 }: KpiSparklineProps): ReactElement {
  const pad = 3;
  const values = kpi.recentValues;
  const first = values[0];
  const last = values.at(-1);
  const label =
    first && last
      ? `${kpi.name}: ${values.length} value${values.length === 1 ? '' : 's'}, from ${formatKpiValue(
          first.value,
          kpi.unit,
        )} to ${formatKpiValue(last.value, kpi.unit)}`
      : `${kpi.name}: no values yet`;
  const all = [...values.map((v) => v.value), kpi.greenThreshold, kpi.amberThreshold];
  const low = Math.min(...all);
  const high = Math.max(...all);
  const y = (value: number) =>
    height - pad - ((value - low) / (high - low || 1)) * (height - 2 * pad);
  const times = values.map((v) => Date.parse(v.at));
  const start = Math.min(...times);
  const end = Math.max(...times);
  const x = (at: number) =>
    values.length < 2 ? width / 2 : pad + ((at - start) / (end - start || 1)) * (width - 2 * pad);
  const points = values.map((v, i) => `${x(times[i] ?? 0).toFixed(1)},${y(v.value).toFixed(1)}`);
  return (
    <span
      className={`kpi-sparkline ${kpi.status ? KPI_HEALTH_CLASS[kpi.status] : 'health-none'}`}
      role="img"
      aria-label={label}
      title={label}
      style={{ width, height }}
    >
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
        <line
          className="kpi-threshold kpi-threshold-green"
          x1={0}
          x2={width}
          y1={y(kpi.greenThreshold)}
          y2={y(kpi.greenThreshold)}
        />
        <line
          className="kpi-threshold kpi-threshold-amber"
          x1={0}
          x2={width}
          y1={y(kpi.amberThreshold)}
          y2={y(kpi.amberThreshold)}
        />
        {points.length > 1 && <polyline className="kpi-sparkline-line" points={points.join(' ')} />}
        {last && (
          <circle
            className="kpi-sparkline-dot"
            cx={x(Date.parse(last.at))}
            cy={y(last.value)}
            r={2.5}
          />
        )}
      </svg>
    </span>
  );
}
