/**
 * Forecasts on the objective page: for each key result, its check-ins and its trend projected to
 * the cycle's end as a small chart, the projection in words, and the flag when it disagrees with
 * the owner's confidence.
 */
import type { KeyResultView } from '@contracts/api/okrs.ts';
import type { ReactElement } from 'react';
import {
  ForecastChart,
  ForecastFlag,
  forecastFlagReason,
  forecastSentence,
} from '../../../components/forecast.tsx';
import { ErrorState, LoadingState } from '../../../components/states.tsx';
import { useForecasts } from '../api/forecasts.ts';

const UNAVAILABLE = {
  milestone: 'A milestone is done or not: it has no trend to project.',
  no_target: 'No target yet: nothing to project towards.',
  no_check_ins: 'No check-in yet: the forecast starts with the first one.',
} as const;

export function ForecastsSection({
  org,
  keyResults,
}: {
  org: string;
  keyResults: KeyResultView[];
}): ReactElement {
  const forecasts = useForecasts(org, keyResults);
  if (keyResults.length === 0)
    return <p className="muted small">No key results to forecast yet.</p>;
  if (forecasts.error)
    return <ErrorState error={forecasts.error} what="The forecasts" onRetry={forecasts.refetch} />;
  if (forecasts.isPending) return <LoadingState label="Projecting the trends…" rows={2} />;
  return (
    <ul className="card-list forecast-list">
      {keyResults.map((keyResult) => {
        const view = forecasts.byKeyResult.get(keyResult.id);
        if (!view) return null;
        return (
          <li
            key={keyResult.id}
            className="forecast-item"
            aria-label={`Forecast of ${keyResult.title}`}
          >
            <h3 className="row-title">{keyResult.title}</h3>
            {view.forecast ? (
              <>
                <p className="row-meta">
                  <span>{forecastSentence(keyResult, view.forecast, view.cycle.endDate)}</span>
                  <ForecastFlag forecast={view.forecast} />
                </p>
                {view.forecast.disagreement && (
                  <p className="small muted">{forecastFlagReason(view.forecast)}</p>
                )}
                <ForecastChart keyResult={keyResult} view={view} />
              </>
            ) : (
              <p className="muted small">{view.unavailable ? UNAVAILABLE[view.unavailable] : ''}</p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
