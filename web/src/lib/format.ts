/**
 * Numbers and dates in the reader's locale: values with units and thousands separators,
 * relative times for recent moments ("3 days ago") with the exact date for a tooltip.
 */
import type { KeyResultView } from '@contracts/api/okrs.ts';

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const percentFormat = new Intl.NumberFormat(undefined, {
  style: 'percent',
  maximumFractionDigits: 0,
});
const percentUnitFormat = new Intl.NumberFormat(undefined, {
  style: 'unit',
  unit: 'percent',
  maximumFractionDigits: 2,
});
const currencyFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** A fraction (0.42) as a whole percentage ("42%"). */
export function formatPercent(fraction: number): string {
  return percentFormat.format(fraction);
}

function currencyFormat(currency: string): Intl.NumberFormat | null {
  let format = currencyFormats.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency,
        maximumFractionDigits: 2,
      });
    } catch {
      return null;
    }
    currencyFormats.set(currency, format);
  }
  return format;
}

export type KeyResultUnits = Pick<KeyResultView, 'kind' | 'unit' | 'currency'>;

/** A key result value as people read it: "1,200 ms", "57.4%", "€12,000", "Done". */
export function formatKeyResultValue(keyResult: KeyResultUnits, value: number): string {
  switch (keyResult.kind) {
    case 'milestone':
      return value >= 1 ? 'Done' : 'Not done';
    case 'currency': {
      const format = keyResult.currency ? currencyFormat(keyResult.currency) : null;
      if (format) return format.format(value);
      break;
    }
    case 'percentage':
      if (!keyResult.unit || keyResult.unit === '%') return percentUnitFormat.format(value);
      break;
    case 'number':
      break;
  }
  return keyResult.unit ? `${formatNumber(value)} ${keyResult.unit}` : formatNumber(value);
}

const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "3 days ago", "yesterday", "in 2 weeks". */
export function formatRelative(iso: string, now: number = Date.now()): string {
  let amount = (new Date(iso).getTime() - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) {
      return unit === 'second' && Math.abs(amount) < 45
        ? 'just now'
        : relativeFormat.format(Math.round(amount), unit);
    }
    amount /= size;
  }
  return relativeFormat.format(Math.round(amount), 'year');
}

const exactFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
/** The exact moment, for tooltips: "Monday, 23 November 2026 at 10:06". */
export function formatExact(iso: string): string {
  return exactFormat.format(new Date(iso));
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
/** A calendar date (YYYY-MM-DD, as cycles have them): "1 Oct 2026". */
export function formatDay(isoDate: string): string {
  return dayFormat.format(new Date(`${isoDate}T00:00:00Z`));
}
