/**
 * Forecasts: a key result's trend projected to the cycle's end. The flag says in words (with an
 * icon and a dashed outline, never colour alone) when the trend and the owner's confidence
 * disagree; the chart shows the check-ins as points, the fitted trend as a dashed line to the
 * cycle's end and the target as a line, with the same words in its accessible label.
 */
import type { ForecastView, KeyResultForecastView } from '@contracts/api/forecasts.ts';
import type { ReactElement } from 'react';
import {
  formatDay,
  formatKeyResultValue,
  formatPercent,
  type KeyResultUnits,
} from '../lib/format.ts';
import { AlertIcon } from './icons.tsx';
import './forecast.css';

export const FORECAST_FLAG_LABEL = {
  optimistic: 'Forecast below confidence',
  pessimistic: 'Forecast above confidence',
} as const;

/** "Confidence is high, but the trend reaches only 42% of the target by the cycle's end." */
export function forecastFlagReason(forecast: ForecastView): string {
  switch (forecast.disagreement) {
    case 'optimistic':
      return `Confidence is high, but the trend reaches only ${formatPercent(forecast.progress)} of the target by the cycle’s end.`;
    case 'pessimistic':
      return 'Confidence is low, but the trend reaches the target by the cycle’s end.';
    case null:
      return '';
  }
}

/** The flag (nothing when the forecast and the confidence agree), its reason as its description. */
export function ForecastFlag({
  forecast,
}: {
  forecast: ForecastView | null | undefined;
}): ReactElement | null {
  if (!forecast?.disagreement) return null;
  return (
    <span
      className={`forecast-flag forecast-${forecast.disagreement}`}
      title={forecastFlagReason(forecast)}
    >
      <AlertIcon size={14} />
      {FORECAST_FLAG_LABEL[forecast.disagreement]}
      <span className="visually-hidden">: {forecastFlagReason(forecast)}</span>
    </span>
  );
}

/** "Trend: 41.6 by 31 Dec 2026 (42% of the target)". */
export function forecastSentence(
  keyResult: KeyResultUnits,
  forecast: ForecastView,
  endDate: string,
): string {
  return `Trend: ${formatKeyResultValue(keyResult, forecast.value)} by ${formatDay(endDate)} (${formatPercent(forecast.progress)} of the way to the target)`;
}

const WIDTH = 360;
const HEIGHT = 140;
const PAD = { left: 8, right: 8, top: 12, bottom: 18 };

interface ForecastChartProps {
  keyResult: KeyResultUnits & { title: string; start: number; target: number | null };
  view: KeyResultForecastView;
}

/** Check-ins as points, the trend to the cycle end dashed, the target as a line. */
export function ForecastChart({ keyResult, view }: ForecastChartProps): ReactElement {
  const start = Date.parse(`${view.cycle.startDate}T00:00:00Z`);
  const end = Date.parse(`${view.cycle.endDate}T00:00:00Z`) + 86_400_000;
  const points = [
    { at: start, value: keyResult.start },
    ...view.points.map((p) => ({ at: Date.parse(p.at), value: p.value })),
  ];
  const forecast = view.forecast;
  const values = [
    ...points.map((p) => p.value),
    ...(keyResult.target === null ? [] : [keyResult.target]),
    ...(forecast ? [forecast.line.startValue, forecast.line.endValue] : []),
  ];
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = high - low || 1;
  const x = (at: number) =>
    PAD.left +
    ((Math.min(Math.max(at, start), end) - start) / (end - start || 1)) *
      (WIDTH - PAD.left - PAD.right);
  const y = (value: number) =>
    PAD.top + (1 - (value - low) / span) * (HEIGHT - PAD.top - PAD.bottom);
  const path = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`)
    .join(' ');
  const label = forecast
    ? `${keyResult.title}: ${view.points.length} check-in${view.points.length === 1 ? '' : 's'}. ${forecastSentence(keyResult, forecast, view.cycle.endDate)}.${forecast.disagreement ? ` ${FORECAST_FLAG_LABEL[forecast.disagreement]}: ${forecastFlagReason(forecast)}` : ''}`
    : `${keyResult.title}: no forecast yet.`;
  return (
    <svg
      className="forecast-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
    >
      {keyResult.target !== null && (
        <g className="forecast-target">
          <line
            x1={PAD.left}
            x2={WIDTH - PAD.right}
            y1={y(keyResult.target)}
            y2={y(keyResult.target)}
          />
          <text x={WIDTH - PAD.right} y={y(keyResult.target) - 3} textAnchor="end">
            Target {formatKeyResultValue(keyResult, keyResult.target)}
          </text>
        </g>
      )}
      {forecast && (
        <line
          className={`forecast-trend${forecast.disagreement ? ` forecast-${forecast.disagreement}` : ''}`}
          x1={x(Date.parse(forecast.line.startAt))}
          y1={y(forecast.line.startValue)}
          x2={x(Date.parse(forecast.line.endAt))}
          y2={y(forecast.line.endValue)}
        />
      )}
      <path className="forecast-actual" d={path} />
      {points.map((p, i) => (
        <circle
          key={i}
          className="forecast-point"
          cx={x(p.at)}
          cy={y(p.value)}
          r={i === 0 ? 2 : 3.5}
        />
      ))}
      {forecast && (
        <circle className="forecast-end" cx={x(end)} cy={y(forecast.line.endValue)} r={4} />
      )}
      <text className="forecast-axis" x={PAD.left} y={HEIGHT - 4}>
        {formatDay(view.cycle.startDate)}
      </text>
      <text className="forecast-axis" x={WIDTH - PAD.right} y={HEIGHT - 4} textAnchor="end">
        {formatDay(view.cycle.endDate)}
      </text>
    </svg>
  );
}
