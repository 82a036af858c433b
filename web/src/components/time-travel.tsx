/**
 * Time travel's controls, the same on the company, team and objective pages: a date field to
 * look at the page as it was on a past day, and while looking, a banner saying which day it
 * is, that nothing can be changed there, and a button back to now.
 */
import { useId, type ReactElement } from 'react';
import { formatDay } from '../lib/format.ts';
import { todayUtc, useAsOf } from '../lib/as-of.ts';
import './time-travel.css';

/** The date field: choosing a day shows the page as it was at the end of that day. */
export function TimeTravelPicker({ earliest }: { earliest?: string }): ReactElement {
  const { asOf, setAsOf } = useAsOf();
  const id = useId();
  const today = todayUtc();
  // The latest day in the past: the end of today is still to come.
  const latest = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return (
    <div className="field inline-field time-travel-picker">
      <label className="field-label" htmlFor={id}>
        Show as of
      </label>
      <input
        id={id}
        className="input"
        type="date"
        value={asOf ?? ''}
        max={latest}
        {...(earliest ? { min: earliest } : {})}
        aria-describedby={`${id}-hint`}
        onChange={(event) => setAsOf(event.target.value === '' ? null : event.target.value)}
      />
      <span id={`${id}-hint`} className="visually-hidden">
        Pick a past day to see this page as it was then; clear it to come back to now.
      </span>
    </div>
  );
}

/** While looking at the past: which day, read-only, and the way back. Nothing otherwise. */
export function TimeTravelBanner(): ReactElement | null {
  const { asOf, setAsOf } = useAsOf();
  if (asOf === null) return null;
  return (
    <div className="time-travel-banner" role="status">
      <span aria-hidden="true" className="time-travel-icon">
        ⏲
      </span>
      <p>
        <strong>You are looking at {formatDay(asOf)}</strong> (end of day, UTC): the page as it was
        then, rebuilt from the check-ins and the change history. Nothing can be changed here.
      </p>
      <button type="button" className="button" onClick={() => setAsOf(null)}>
        Back to now
      </button>
    </div>
  );
}
