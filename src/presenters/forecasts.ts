/** Forecasts as the API shows them: ISO instants for the chart line. Pure. */
import type { ForecastView, KeyResultForecastView } from '../contracts/api/forecasts.ts';
import type { KrDirection, KrKind } from '../contracts/model.ts';
import { forecastKeyResult } from '../domain/forecast.ts';
import type { CheckInPoint } from '../repositories/team-reviews.ts';

/** What a forecast is computed from: the key result's columns and its cycle's dates. */
export interface ForecastSubject {
  kind: string;
  direction: string;
  start_value: number;
  target_value: number | null;
  confidence: number | null;
}

export interface CycleDates {
  start_date: string;
  end_date: string;
}

/** The key result's forecast from its check-ins (oldest first); null when there is none. */
export function presentForecast(
  keyResult: ForecastSubject,
  cycle: CycleDates,
  checkIns: readonly Pick<CheckInPoint, 'created_at' | 'value'>[],
): ForecastView | null {
  const forecast = forecastKeyResult({
    kind: keyResult.kind as KrKind,
    direction: keyResult.direction as KrDirection,
    start: keyResult.start_value,
    target: keyResult.target_value,
    confidence: keyResult.confidence,
    cycle: { startDate: cycle.start_date, endDate: cycle.end_date },
    checkIns: checkIns.map((c) => ({ at: Date.parse(c.created_at), value: c.value })),
  });
  if (!forecast) return null;
  return {
    value: forecast.value,
    progress: forecast.progress,
    slopePerDay: forecast.slopePerDay,
    checkIns: forecast.checkIns,
    line: {
      startAt: new Date(forecast.line.startAt).toISOString(),
      startValue: forecast.line.startValue,
      endAt: new Date(forecast.line.endAt).toISOString(),
      endValue: forecast.line.endValue,
    },
    disagreement: forecast.disagreement,
  };
}

/** The forecast with the points it was fitted to, and why there is none when there is not. */
export function presentKeyResultForecast(
  keyResult: ForecastSubject & { id: string },
  cycle: CycleDates,
  checkIns: readonly Pick<CheckInPoint, 'created_at' | 'value'>[],
): KeyResultForecastView {
  const forecast = presentForecast(keyResult, cycle, checkIns);
  return {
    keyResultId: keyResult.id,
    cycle: { startDate: cycle.start_date, endDate: cycle.end_date },
    forecast,
    unavailable:
      forecast !== null
        ? null
        : keyResult.kind === 'milestone'
          ? 'milestone'
          : keyResult.target_value === null
            ? 'no_target'
            : 'no_check_ins',
    points: checkIns.map((c) => ({ at: c.created_at, value: c.value })),
  };
}
