/**
 * Small hand-drawn SVG charts for the dashboards: a stacked status bar, a histogram and a bar
 * list. Each is a <figure> with a caption and a text alternative (the numbers in words), and
 * every colour comes with a word and an icon in the legend — never colour alone.
 */
import type { Health } from '@contracts/model.ts';
import { useId, type ReactElement } from 'react';
import { AtRiskIcon, NoStatusIcon, OffTrackIcon, OnTrackIcon } from '../../../components/icons.tsx';
import { formatNumber, formatPercent } from '../../../lib/format.ts';
import { HEALTH_LABEL } from '../../../lib/labels.ts';
import { HEALTH_KEYS, type Bucket, type HealthKey } from '../lib/figures.ts';

const HEALTH_WORD: Record<HealthKey, string> = { ...HEALTH_LABEL, none: 'No status' };

export function HealthIcon({ health }: { health: Health | null }): ReactElement {
  switch (health) {
    case 'on_track':
      return <OnTrackIcon size={14} />;
    case 'at_risk':
      return <AtRiskIcon size={14} />;
    case 'off_track':
      return <OffTrackIcon size={14} />;
    case null:
      return <NoStatusIcon size={14} />;
  }
}

function plural(count: number, noun: string): string {
  return `${formatNumber(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** One bar split by status, with a legend of word, icon and count for each part. */
export function StatusBar({
  counts,
  caption,
  noun = 'objective',
}: {
  counts: Record<HealthKey, number>;
  caption: string;
  noun?: string;
}): ReactElement {
  const total = HEALTH_KEYS.reduce((sum, key) => sum + counts[key], 0);
  const descriptionId = useId();
  let x = 0;
  const description = HEALTH_KEYS.filter((key) => counts[key] > 0)
    .map((key) => `${HEALTH_WORD[key]}: ${plural(counts[key], noun)}`)
    .join('; ');
  return (
    <figure className="chart status-chart">
      <figcaption className="chart-caption">{caption}</figcaption>
      <svg
        className="status-bar"
        viewBox="0 0 100 6"
        preserveAspectRatio="none"
        role="img"
        aria-label={`${caption}: ${total === 0 ? `no ${noun}s` : description}`}
      >
        {total === 0 ? (
          <rect width="100" height="6" className="fill-track" />
        ) : (
          HEALTH_KEYS.map((key) => {
            const width = (counts[key] / total) * 100;
            const rect =
              width > 0 ? (
                <rect key={key} x={x} width={width} height="6" className={`fill-${key}`} />
              ) : null;
            x += width;
            return rect;
          })
        )}
      </svg>
      <ul className="chart-legend" id={descriptionId}>
        {HEALTH_KEYS.map((key) => (
          <li key={key} className={`legend-${key}`}>
            <HealthIcon health={key === 'none' ? null : key} />
            <span>
              {HEALTH_WORD[key]} <strong>{formatNumber(counts[key])}</strong>
              {total > 0 && <span className="muted"> ({formatPercent(counts[key] / total)})</span>}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** Vertical bars over equal buckets (progress 0–100%), the count above each bar. */
export function Histogram({
  buckets,
  caption,
  noun,
}: {
  buckets: readonly Bucket[];
  caption: string;
  noun: string;
}): ReactElement {
  const max = Math.max(1, ...buckets.map((bucket) => bucket.count));
  const width = 320;
  const height = 140;
  const top = 16;
  const bottom = 22;
  const plot = height - top - bottom;
  const step = width / Math.max(1, buckets.length);
  const total = buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  const label = (bucket: Bucket) => `${formatPercent(bucket.from)}–${formatPercent(bucket.to)}`;
  const text = buckets
    .filter((bucket) => bucket.count > 0)
    .map((bucket) => `${label(bucket)}: ${formatNumber(bucket.count)}`)
    .join('; ');
  return (
    <figure className="chart">
      <figcaption className="chart-caption">{caption}</figcaption>
      <svg
        className="histogram"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${caption}, ${plural(total, noun)}: ${total === 0 ? 'none yet' : text}`}
      >
        <line x1="0" x2={width} y1={top + plot} y2={top + plot} className="axis" />
        {buckets.map((bucket, index) => {
          const barHeight = (bucket.count / max) * plot;
          const x = index * step + 3;
          return (
            <g key={bucket.from}>
              <title>{`${label(bucket)}: ${plural(bucket.count, noun)}`}</title>
              <rect
                x={x}
                y={top + plot - barHeight}
                width={step - 6}
                height={Math.max(barHeight, bucket.count > 0 ? 1 : 0)}
                className="fill-bar"
                rx="2"
              />
              {bucket.count > 0 && (
                <text x={x + (step - 6) / 2} y={top + plot - barHeight - 4} className="bar-value">
                  {formatNumber(bucket.count)}
                </text>
              )}
            </g>
          );
        })}
        {[0, 0.5, 1].map((tick) => (
          <text
            key={tick}
            x={tick * width}
            y={height - 6}
            className={`axis-label axis-label-${tick === 0 ? 'start' : tick === 1 ? 'end' : 'middle'}`}
          >
            {formatPercent(tick)}
          </text>
        ))}
      </svg>
    </figure>
  );
}

export interface BarItem {
  key: string;
  label: string;
  count: number;
  /** A class for the bar's colour (`fill-low`, …); the label carries the meaning. */
  tone: string;
}

/** Horizontal bars, one per category, with the word and the number beside each. */
export function BarList({
  items,
  caption,
  noun,
}: {
  items: readonly BarItem[];
  caption: string;
  noun: string;
}): ReactElement {
  const max = Math.max(1, ...items.map((item) => item.count));
  const total = items.reduce((sum, item) => sum + item.count, 0);
  return (
    <figure className="chart">
      <figcaption className="chart-caption">{caption}</figcaption>
      <ul
        className="bar-list"
        aria-label={`${caption}, ${plural(total, noun)}: ${items
          .map((item) => `${item.label} ${formatNumber(item.count)}`)
          .join('; ')}`}
      >
        {items.map((item) => (
          <li key={item.key}>
            <span className="bar-list-label">{item.label}</span>
            <svg
              className="bar-list-bar"
              viewBox="0 0 100 10"
              preserveAspectRatio="none"
              aria-hidden="true"
            >
              <rect width="100" height="10" className="fill-track" rx="2" />
              <rect width={(item.count / max) * 100} height="10" className={item.tone} rx="2" />
            </svg>
            <span className="bar-list-value">
              {formatNumber(item.count)}
              {total > 0 && <span className="muted"> · {formatPercent(item.count / total)}</span>}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
