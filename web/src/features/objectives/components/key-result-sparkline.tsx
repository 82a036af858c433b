/**
 * A key result's trend as a tiny line over the cycle, read when the row comes into view. The
 * box keeps its size while loading so nothing moves; the line's words are in its label.
 */
import type { CycleRefView, KeyResultView } from '@contracts/api/okrs.ts';
import type { ReactElement } from 'react';
import { formatPercent } from '../../../lib/format.ts';
import { useKeyResultCheckIns } from '../api/check-ins.ts';
import { progressAt } from './progress-history.ts';
import { useNearViewport } from './use-near-viewport.ts';
import { cycleSpan } from './cycle-span.ts';

const WIDTH = 88;
const HEIGHT = 22;
const PAD = 3;

interface KeyResultSparklineProps {
  org: string;
  keyResult: KeyResultView;
  cycle: CycleRefView;
}

export function KeyResultSparkline({
  org,
  keyResult,
  cycle,
}: KeyResultSparklineProps): ReactElement {
  const [ref, near] = useNearViewport<HTMLSpanElement>('100px');
  const history = useKeyResultCheckIns(org, keyResult, near);
  const checkIns = [...(history.data?.items ?? [])].reverse();

  const { start, end } = cycleSpan(
    cycle,
    checkIns.map((checkIn) => checkIn.createdAt),
  );
  const x = (at: number) => PAD + ((at - start) / (end - start || 1)) * (WIDTH - 2 * PAD);
  const y = (progress: number) => HEIGHT - PAD - progress * (HEIGHT - 2 * PAD);
  const points = checkIns.map((checkIn) => ({
    x: x(Date.parse(checkIn.createdAt)),
    y: y(progressAt(keyResult, checkIn.value)),
    progress: progressAt(keyResult, checkIn.value),
  }));
  const first = points[0];
  const last = points[points.length - 1];

  let label = 'Trend: loading';
  if (history.isError) label = 'Trend could not be loaded';
  else if (history.data && !first) label = 'Trend: no check-ins yet';
  else if (first && last)
    label = `Trend: ${points.length} check-in${points.length === 1 ? '' : 's'}, from ${formatPercent(
      first.progress,
    )} to ${formatPercent(last.progress)}`;

  return (
    <span
      ref={ref}
      className={`sparkline health-${keyResult.health ?? 'none'}`}
      role="img"
      aria-label={label}
      title={label}
    >
      <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true">
        <line
          className="sparkline-base"
          x1={PAD}
          x2={WIDTH - PAD}
          y1={HEIGHT - PAD}
          y2={HEIGHT - PAD}
        />
        {/* The expected pace over the cycle, faint, so the line reads as ahead or behind. */}
        <line
          className="sparkline-pace"
          x1={x(Date.parse(`${cycle.startDate}T00:00:00Z`))}
          y1={y(0)}
          x2={x(Date.parse(`${cycle.endDate}T00:00:00Z`) + 86_400_000)}
          y2={y(1)}
        />
        {points.length > 1 && (
          <polyline
            className="sparkline-line"
            points={points.map((point) => `${point.x},${point.y}`).join(' ')}
          />
        )}
        {last && <circle className="sparkline-dot" cx={last.x} cy={last.y} r={2.5} />}
      </svg>
    </span>
  );
}
