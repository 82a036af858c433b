/**
 * The objective's actual progress against the expected pace over its cycle. Expected is the
 * straight line from 0 at the cycle's start to 100% at its end; actual steps up (or down) at each
 * check-in, drawn as a point whose details — and note — show on hover or keyboard focus (arrow
 * keys move between points). The same numbers are in a table for anyone who prefers to read.
 */
import type { CycleRefView } from '@contracts/api/okrs.ts';
import type { Health } from '@contracts/model.ts';
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import { formatExact, formatKeyResultValue, formatPercent } from '../../../lib/format.ts';
import { expectedProgress } from '../../../lib/pace.ts';
import { cycleSpan } from './cycle-span.ts';
import type { HistoryPoint, ProgressHistory } from './progress-history.ts';

const HEIGHT = 240;
const MARGIN = { top: 12, right: 16, bottom: 28, left: 44 };
const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });

interface ProgressChartProps {
  cycle: CycleRefView;
  history: ProgressHistory;
  health: Health | null;
  /** Milliseconds since the epoch; the actual line ends here while the cycle runs. */
  now?: number;
}

/** Check-ins this close together on screen (px) share one point, so each point can be hovered. */
const MIN_POINT_GAP = 10;

/** One point on the chart: one check-in, or a few made so close together they would overlap. */
interface PointGroup {
  points: HistoryPoint[];
  /** The last check-in of the group: where the point sits. */
  last: HistoryPoint;
}

function groupPoints(points: HistoryPoint[], x: (at: number) => number): PointGroup[] {
  const groups: PointGroup[] = [];
  for (const point of points) {
    const current = groups[groups.length - 1];
    if (current && x(point.at) - x(current.points[0]?.at ?? point.at) < MIN_POINT_GAP) {
      current.points.push(point);
      current.last = point;
    } else {
      groups.push({ points: [point], last: point });
    }
  }
  return groups;
}

function describeCheckIn(point: HistoryPoint): string {
  const who = point.checkIn.author?.name ?? 'Someone';
  const note = point.checkIn.note ? ` Note: ${point.checkIn.note}` : '';
  return `${who} checked in ${formatKeyResultValue(point.keyResult, point.checkIn.value)} on “${
    point.keyResult.title
  }”.${note}`;
}

function describe(group: PointGroup, cycle: CycleRefView): string {
  const expected = expectedProgress(cycle, group.last.at);
  return `${shortDate.format(group.last.at)}: ${group.points.map(describeCheckIn).join(' ')} Objective ${formatPercent(
    group.last.objectiveProgress,
  )}, expected ${formatPercent(expected)}.`;
}

/** First day of each month inside the span, for the time axis. */
function monthTicks(start: number, end: number): number[] {
  const ticks: number[] = [];
  const date = new Date(start);
  let tick = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  if (tick < start) tick = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  while (tick <= end) {
    ticks.push(tick);
    const next = new Date(tick);
    tick = Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 1);
  }
  return ticks;
}

export function ProgressChart({
  cycle,
  history,
  health,
  now = Date.now(),
}: ProgressChartProps): ReactElement {
  const frameRef = useRef<HTMLDivElement>(null);
  const pointRefs = useRef<(SVGCircleElement | null)[]>([]);
  const [width, setWidth] = useState(0);
  const [active, setActive] = useState<number | null>(null);

  useLayoutEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    setWidth(frame.clientWidth);
    const observer = new ResizeObserver(() => setWidth(frame.clientWidth));
    observer.observe(frame);
    return () => observer.disconnect();
  }, []);

  const { points, initial } = history;
  const span = cycleSpan(
    cycle,
    points.map((point) => point.checkIn.createdAt),
  );
  const plotWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (at: number) =>
    MARGIN.left + ((at - span.start) / (span.end - span.start || 1)) * plotWidth;
  const y = (progress: number) =>
    MARGIN.top + (1 - Math.min(1, Math.max(0, progress))) * plotHeight;

  // The actual line: a step at each check-in, carried on to today while the cycle runs.
  const lineEnd = Math.min(now, span.end);
  let actualPath = '';
  if (now >= span.cycleStart || points.length > 0) {
    actualPath = `M${x(span.start)},${y(initial)}`;
    for (const point of points) actualPath += ` H${x(point.at)} V${y(point.objectiveProgress)}`;
    const lastAt = points[points.length - 1]?.at ?? span.start;
    if (lineEnd > lastAt) actualPath += ` H${x(lineEnd)}`;
  }

  const groups = groupPoints(points, x);
  const focusPoint = (index: number) => {
    const clamped = Math.min(groups.length - 1, Math.max(0, index));
    pointRefs.current[clamped]?.focus();
  };
  const onPointKey = (event: KeyboardEvent<SVGCircleElement>, index: number) => {
    if (event.key === 'ArrowRight' || event.key === 'ArrowUp') focusPoint(index + 1);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowDown') focusPoint(index - 1);
    else if (event.key === 'Home') focusPoint(0);
    else if (event.key === 'End') focusPoint(groups.length - 1);
    else if (event.key === 'Escape') setActive(null);
    else return;
    event.preventDefault();
  };

  const activeGroup = active === null ? undefined : groups[active];
  const activePoint = activeGroup?.last;
  const tooltipHalf = Math.min(128, width / 2);
  const tooltipLeft = activePoint
    ? Math.min(width - tooltipHalf, Math.max(tooltipHalf, x(activePoint.at)))
    : 0;
  const tooltipBelow = activePoint ? y(activePoint.objectiveProgress) < HEIGHT / 2 : false;
  const showToday = now > span.start && now < span.end;

  return (
    <div className="progress-chart">
      <div className="chart-frame" ref={frameRef} style={{ height: HEIGHT }}>
        {width > 0 && (
          <svg
            width={width}
            height={HEIGHT}
            role="group"
            aria-label={`Actual against expected progress over ${cycle.name}. ${
              points.length === 0
                ? 'No check-ins yet.'
                : `${points.length} check-ins; use the arrow keys to move between the points.`
            }`}
            className={`chart chart-colour health-${health ?? 'none'}`}
          >
            <g aria-hidden="true">
              {[0, 0.25, 0.5, 0.75, 1].map((level) => (
                <g key={level}>
                  <line
                    className="chart-grid"
                    x1={MARGIN.left}
                    x2={MARGIN.left + plotWidth}
                    y1={y(level)}
                    y2={y(level)}
                  />
                  {level % 0.5 === 0 && (
                    <text
                      className="chart-label"
                      x={MARGIN.left - 6}
                      y={y(level)}
                      dy="0.32em"
                      textAnchor="end"
                    >
                      {formatPercent(level)}
                    </text>
                  )}
                </g>
              ))}
              {monthTicks(span.start, span.end).map((tick) => (
                <g key={tick}>
                  <line
                    className="chart-tick"
                    x1={x(tick)}
                    x2={x(tick)}
                    y1={MARGIN.top + plotHeight}
                    y2={MARGIN.top + plotHeight + 4}
                  />
                  <text
                    className="chart-label"
                    x={x(tick)}
                    y={MARGIN.top + plotHeight + 18}
                    textAnchor="middle"
                  >
                    {monthFormat.format(tick)}
                  </text>
                </g>
              ))}
              {showToday && (
                <g>
                  <line
                    className="chart-today"
                    x1={x(now)}
                    x2={x(now)}
                    y1={MARGIN.top}
                    y2={MARGIN.top + plotHeight}
                  />
                  <text className="chart-label" x={x(now) + 4} y={MARGIN.top + 10}>
                    Today
                  </text>
                </g>
              )}
              <line
                className="chart-expected"
                x1={x(span.cycleStart)}
                y1={y(0)}
                x2={x(span.cycleEnd)}
                y2={y(1)}
              />
              {actualPath && <path className="chart-actual" d={actualPath} />}
              {activePoint && (
                <circle
                  className="chart-focus-ring"
                  cx={x(activePoint.at)}
                  cy={y(activePoint.objectiveProgress)}
                  r={9}
                />
              )}
            </g>
            {groups.map((group, index) => (
              <circle
                key={group.last.checkIn.id}
                ref={(element) => {
                  pointRefs.current[index] = element;
                }}
                className={`chart-point${
                  group.points.some((point) => point.checkIn.note) ? ' has-note' : ''
                }`}
                cx={x(group.last.at)}
                cy={y(group.last.objectiveProgress)}
                r={group.points.length > 1 ? 6 : 5}
                tabIndex={0}
                role="img"
                aria-label={describe(group, cycle)}
                onMouseEnter={() => setActive(index)}
                onMouseLeave={() => setActive((current) => (current === index ? null : current))}
                onFocus={() => setActive(index)}
                onBlur={() => setActive((current) => (current === index ? null : current))}
                onKeyDown={(event) => onPointKey(event, index)}
              />
            ))}
          </svg>
        )}
        {activeGroup && activePoint && (
          <div
            className={`chart-tooltip${tooltipBelow ? ' is-below' : ''}`}
            style={{
              left: tooltipLeft,
              top: y(activePoint.objectiveProgress),
              maxWidth: tooltipHalf * 2,
            }}
            aria-hidden="true"
          >
            <p className="chart-tooltip-when">{formatExact(activePoint.checkIn.createdAt)}</p>
            {activeGroup.points.map((point) => (
              <div key={point.checkIn.id} className="chart-tooltip-check-in">
                <p>
                  <strong>{point.checkIn.author?.name ?? 'Someone'}</strong> checked in{' '}
                  <strong>{formatKeyResultValue(point.keyResult, point.checkIn.value)}</strong> on{' '}
                  {point.keyResult.title}
                </p>
                {point.checkIn.note && <p className="chart-tooltip-note">“{point.checkIn.note}”</p>}
              </div>
            ))}
            <p>
              Objective <strong>{formatPercent(activePoint.objectiveProgress)}</strong> · expected{' '}
              {formatPercent(expectedProgress(cycle, activePoint.at))}
            </p>
          </div>
        )}
      </div>
      <ul
        className={`chart-legend chart-colour health-${health ?? 'none'} small`}
        aria-hidden="true"
      >
        <li>
          <svg width="24" height="10">
            <line className="chart-actual" x1="0" x2="24" y1="5" y2="5" />
          </svg>
          Actual
        </li>
        <li>
          <svg width="24" height="10">
            <line className="chart-expected" x1="0" x2="24" y1="5" y2="5" />
          </svg>
          Expected pace
        </li>
        <li>
          <svg width="12" height="12">
            <circle className="chart-point" cx="6" cy="6" r="4" />
          </svg>
          Check-in (hover or focus for details)
        </li>
      </ul>
      {points.length > 0 && <ProgressTable cycle={cycle} points={points} />}
    </div>
  );
}

function ProgressTable({
  cycle,
  points,
}: {
  cycle: CycleRefView;
  points: HistoryPoint[];
}): ReactElement {
  return (
    <details className="chart-table">
      <summary>Show the check-ins as a table</summary>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">
            Objective progress after each check-in, oldest first
          </caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Key result</th>
              <th scope="col">Value</th>
              <th scope="col">Objective</th>
              <th scope="col">Expected</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.checkIn.id}>
                <td>
                  <time
                    dateTime={point.checkIn.createdAt}
                    title={formatExact(point.checkIn.createdAt)}
                  >
                    {shortDate.format(point.at)}
                  </time>
                </td>
                <td>{point.keyResult.title}</td>
                <td className="numeric">
                  {formatKeyResultValue(point.keyResult, point.checkIn.value)}
                </td>
                <td className="numeric">{formatPercent(point.objectiveProgress)}</td>
                <td className="numeric">{formatPercent(expectedProgress(cycle, point.at))}</td>
                <td className="note-cell">{point.checkIn.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
