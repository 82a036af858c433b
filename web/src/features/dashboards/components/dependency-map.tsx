/**
 * The cross-team dependency map: teams as nodes on a circle, one arrow per ordered pair of teams
 * (who needs → who delivers), coloured and patterned by risk, with the risk in words in the
 * legend and each arrow's name. Arrows are buttons (click, Enter or Space) that select the edge
 * (`?edge=`), whose dependencies the panel beside lists with links. The same edges are listed as
 * buttons below the map, its text alternative.
 */
import type { DependencyView } from '@contracts/api/collaboration.ts';
import type { KeyboardEvent, ReactElement } from 'react';
import { Link } from 'react-router';
import { formatDay, formatNumber } from '../../../lib/format.ts';
import {
  circleLayout,
  edgePath,
  RISK_ORDER,
  type DependencyMap,
  type DependencyRisk,
  type TeamEdge,
} from '../lib/dependency-map.ts';
import { objectivePath } from '../lib/paths.ts';

export const RISK_LABEL: Record<DependencyRisk, string> = {
  high: 'High risk',
  medium: 'Medium risk',
  low: 'Low risk',
  resolved: 'Resolved',
};

const RISK_HINT: Record<DependencyRisk, string> = {
  high: 'overdue, or waits on something off track',
  medium: `needed within 2 weeks, or waits on something at risk`,
  low: 'open, not needed soon',
  resolved: 'delivered',
};

const WIDTH = 640;
const HEIGHT = 440;
const NODE_RADIUS = 30;

function shortName(name: string): string {
  return name.length > 14 ? `${name.slice(0, 13)}…` : name;
}

export function DependencyMapView({
  org,
  map,
  teamNames,
  selected,
  onSelect,
}: {
  org: string;
  map: DependencyMap<DependencyView>;
  teamNames: Readonly<Record<string, string>>;
  selected: string | null;
  onSelect: (edgeId: string | null) => void;
}): ReactElement {
  const name = (id: string) => teamNames[id] ?? 'Unnamed team';
  const ordered = [...map.teamIds].sort((a, b) => name(a).localeCompare(name(b)));
  const positions = circleLayout(ordered, WIDTH, HEIGHT, NODE_RADIUS + 34);
  const edgeLabel = (edge: TeamEdge<DependencyView>) =>
    `${name(edge.fromTeamId)} depends on ${name(edge.toTeamId)}: ${formatNumber(edge.dependencies.length)} ${
      edge.dependencies.length === 1 ? 'dependency' : 'dependencies'
    }, ${RISK_LABEL[edge.risk].toLowerCase()}`;
  const selectedEdge = map.edges.find((edge) => edge.id === selected) ?? null;
  const toggle = (id: string) => onSelect(id === selected ? null : id);
  const onKey = (event: KeyboardEvent, id: string) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      toggle(id);
    }
  };

  return (
    <div className="dependency-map">
      <div className="map-and-panel">
        <figure className="chart card map-figure">
          <figcaption className="chart-caption">
            Teams and what they wait for from each other: an arrow points from the team that needs
            to the team that delivers.
          </figcaption>
          <svg
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            className="map-svg"
            role="group"
            aria-label={`Dependency map of ${formatNumber(ordered.length)} teams and ${formatNumber(map.edges.length)} team pairs`}
          >
            <defs>
              {RISK_ORDER.map((risk) => (
                <marker
                  key={risk}
                  id={`arrow-${risk}`}
                  viewBox="0 0 10 10"
                  refX="9"
                  refY="5"
                  markerWidth="7"
                  markerHeight="7"
                  orient="auto-start-reverse"
                >
                  <path d="M0,0 L10,5 L0,10 z" className={`arrow-${risk}`} />
                </marker>
              ))}
            </defs>
            {map.edges.map((edge) => {
              const from = positions.get(edge.fromTeamId);
              const to = positions.get(edge.toTeamId);
              if (!from || !to) return null;
              const { d, mid } = edgePath(from, to, NODE_RADIUS + 4);
              const isSelected = edge.id === selected;
              return (
                <g
                  key={edge.id}
                  className={`map-edge risk-${edge.risk}${isSelected ? ' is-selected' : ''}`}
                  role="button"
                  tabIndex={0}
                  aria-pressed={isSelected}
                  aria-label={edgeLabel(edge)}
                  onClick={() => toggle(edge.id)}
                  onKeyDown={(event) => onKey(event, edge.id)}
                >
                  <title>{edgeLabel(edge)}</title>
                  {/* A wide transparent stroke makes the thin arrow easy to hit. */}
                  <path d={d} className="edge-hit" />
                  <path d={d} className="edge-line" markerEnd={`url(#arrow-${edge.risk})`} />
                  <circle cx={mid.x} cy={mid.y} r="10" className="edge-count-bg" />
                  <text x={mid.x} y={mid.y} className="edge-count">
                    {edge.dependencies.length}
                  </text>
                </g>
              );
            })}
            {ordered.map((teamId) => {
              const point = positions.get(teamId);
              if (!point) return null;
              return (
                <g key={teamId} className="map-node" aria-hidden="true">
                  <circle cx={point.x} cy={point.y} r={NODE_RADIUS} />
                  <text x={point.x} y={point.y + NODE_RADIUS + 16}>
                    {shortName(name(teamId))}
                  </text>
                </g>
              );
            })}
          </svg>
          <ul className="chart-legend risk-legend">
            {RISK_ORDER.map((risk) => (
              <li key={risk}>
                <svg width="28" height="10" aria-hidden="true">
                  <line x1="0" x2="28" y1="5" y2="5" className={`legend-line risk-${risk}`} />
                </svg>
                <span>
                  <strong>{RISK_LABEL[risk]}</strong>{' '}
                  <span className="muted small">{RISK_HINT[risk]}</span>
                </span>
              </li>
            ))}
          </ul>
        </figure>

        <aside className="card edge-panel" aria-labelledby="edge-panel-title" aria-live="polite">
          {selectedEdge ? (
            <>
              <div className="section-header">
                <h3 id="edge-panel-title">
                  {name(selectedEdge.fromTeamId)} → {name(selectedEdge.toTeamId)}
                </h3>
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() => onSelect(null)}
                >
                  Close
                </button>
              </div>
              <ul className="compact-list">
                {selectedEdge.dependencies.map(({ dependency, risk }) => (
                  <li key={dependency.id} className="dependency-item">
                    <span className={`risk-tag risk-${risk}`}>{RISK_LABEL[risk]}</span>
                    <span>
                      <Link to={objectivePath(org, dependency.keyResult.objectiveId)}>
                        {dependency.keyResult.title}
                      </Link>{' '}
                      <span className="muted">needs</span>{' '}
                      <Link to={objectivePath(org, dependency.dependsOn.objectiveId)}>
                        {dependency.dependsOn.title}
                      </Link>
                    </span>
                    <span className="muted small">
                      {dependency.neededBy
                        ? `Needed by ${formatDay(dependency.neededBy)}`
                        : 'No date'}{' '}
                      · {dependency.status === 'open' ? 'Open' : 'Resolved'}
                      {dependency.note ? ` · ${dependency.note}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <>
              <h3 id="edge-panel-title">Choose an arrow</h3>
              <p className="muted">
                Click an arrow on the map, or a team pair below, to list its dependencies with links
                to the objectives on both sides.
              </p>
            </>
          )}
        </aside>
      </div>

      <h3 className="visually-hidden">Team pairs</h3>
      <ul className="edge-list">
        {map.edges.map((edge) => (
          <li key={edge.id}>
            <button
              type="button"
              className={`edge-button${edge.id === selected ? ' is-selected' : ''}`}
              aria-pressed={edge.id === selected}
              onClick={() => toggle(edge.id)}
            >
              <span className={`risk-tag risk-${edge.risk}`}>{RISK_LABEL[edge.risk]}</span>
              <span>
                {name(edge.fromTeamId)} → {name(edge.toTeamId)}
              </span>
              <span className="muted small">
                {formatNumber(edge.dependencies.length)}{' '}
                {edge.dependencies.length === 1 ? 'dependency' : 'dependencies'}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
