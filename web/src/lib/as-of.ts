/**
 * Time travel in the web app: the day a page shows lives in the URL (`?asOf=YYYY-MM-DD`), so a
 * look at the past can be shared and the back button leaves it. Absent: now.
 */
import { useSearchParams } from 'react-router';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Today in UTC, as the API reads a day. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The day the page shows (null: now) and a way to choose another, or to come back to now. */
export function useAsOf(): { asOf: string | null; setAsOf: (day: string | null) => void } {
  const [params, setParams] = useSearchParams();
  const value = params.get('asOf');
  // A day that is not a past date (typed into the URL, or today) is now.
  const asOf = value !== null && DAY.test(value) && value < todayUtc() ? value : null;
  const setAsOf = (day: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (day === null || !DAY.test(day) || day >= todayUtc()) next.delete('asOf');
      else next.set('asOf', day);
      return next;
    });
  return { asOf, setAsOf };
}

/** `?asOf=` to keep the day on links to other pages of the past, or nothing. */
export function asOfSearch(asOf: string | null): string {
  return asOf === null ? '' : `?asOf=${asOf}`;
}
