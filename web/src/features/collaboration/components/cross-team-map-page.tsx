/**
 * The cross-team map: teams as circles, open dependencies (arrows from the team that waits to the
 * team it waits for) and shared objectives (dashed) between them, each coloured by the worst
 * health it carries — risk that travels included — with a status symbol so colour is never the
 * only cue. Clicking (or Enter on) an edge or a team shows its details beside the map, with links
 * to the objectives; the table below lists every connection for reading and for screen readers.
 */
import type { CrossTeamMapView } from '@contracts/api/shared-objectives.ts';
import type { Health } from '@contracts/model.ts';
import { useMemo, type KeyboardEvent, type ReactElement } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { HealthBadge } from '../../../components/health-badge.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { HEALTH_LABEL } from '../../../lib/labels.ts';
import { useCrossTeamMap } from '../api/collaboration.ts';
import { layoutEdge, layoutTeams, NODE_RADIUS } from '../model/map-layout.ts';
import './collaboration.css';

type Edge = CrossTeamMapView['edges'][number];
const SIZE = 640;
const SYMBOL: Record<Health | 'none', string> = {
  on_track: '✓',
  at_risk: '!',
  off_track: '✕',
  none: '–',
};
const KIND_LABEL = { dependency: 'waits for', shared: 'shares an objective with' } as const;

const healthClass = (health: Health | null) => `health-${health ?? 'none'}`;
const healthWord = (health: Health | null) => (health ? HEALTH_LABEL[health] : 'No status');

function activate(action: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      action();
    }
  };
}

export function CrossTeamMapPage(): ReactElement {
  const { org = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const cycle = params.get('cycle') ?? '';
  const map = useCrossTeamMap(org, cycle);
  useDocumentTitle('Cross-team map');
  return (
    <article className="page cross-team-map-page">
      <header className="page-header">
        <h1>Cross-team map</h1>
        <p className="muted">
          Which teams wait for which, and which share objectives. An edge takes the colour of the
          worst status it carries, including risk that travels along dependencies.
        </p>
      </header>
      {map.isPending ? (
        <LoadingState label="Loading the cross-team map…" />
      ) : map.isError ? (
        <ErrorState
          error={map.error}
          what="The cross-team map"
          onRetry={() => void map.refetch()}
        />
      ) : (
        <MapView
          org={org}
          map={map.data}
          selected={params.get('edge') ?? params.get('team') ?? ''}
          select={(kind, id) => {
            const next = new URLSearchParams(params);
            next.delete('edge');
            next.delete('team');
            if (id) next.set(kind, id);
            setParams(next, { replace: true });
          }}
        />
      )}
    </article>
  );
}

function MapView({
  org,
  map,
  selected,
  select,
}: {
  org: string;
  map: CrossTeamMapView;
  selected: string;
  select: (kind: 'edge' | 'team', id: string) => void;
}): ReactElement {
  const teams = useMemo(() => layoutTeams(map.teams, SIZE), [map.teams]);
  const byId = useMemo(() => new Map(teams.map((t) => [t.id, t])), [teams]);
  const name = (id: string) => byId.get(id)?.name ?? 'A team';
  const describe = (edge: Edge) =>
    `${name(edge.from)} ${KIND_LABEL[edge.kind]} ${name(edge.to)}: ${healthWord(edge.health)}`;
  if (map.teams.length === 0)
    return (
      <EmptyState title="No teams yet">
        <p>The map shows teams and what joins them. Create teams first.</p>
      </EmptyState>
    );
  const drawnEdges = map.edges.flatMap((edge) => {
    const drawn = layoutEdge(edge, byId);
    return drawn ? [{ edge, drawn }] : [];
  });
  const selectedEdge = map.edges.find((e) => e.id === selected);
  const selectedTeam = map.teams.find((t) => t.id === selected);
  return (
    <div className="ctm-layout">
      <figure className="ctm-figure">
        <svg
          className="ctm-svg"
          viewBox={`0 0 ${SIZE} ${SIZE}`}
          role="group"
          aria-label={`Cross-team map: ${map.teams.length} teams, ${map.edges.length} connections`}
        >
          <defs>
            {(['on_track', 'at_risk', 'off_track', 'none'] as const).map((h) => (
              <marker
                key={h}
                id={`ctm-arrow-${h}`}
                className={`health-${h}`}
                viewBox="0 0 10 10"
                refX="8"
                refY="5"
                markerWidth="7"
                markerHeight="7"
                orient="auto-start-reverse"
              >
                <path d="M0,0 L10,5 L0,10 z" className="ctm-arrow" />
              </marker>
            ))}
          </defs>
          {drawnEdges.map(({ edge, drawn }) => (
            <g
              key={edge.id}
              className={`ctm-edge ctm-${edge.kind} ${healthClass(edge.health)}${selected === edge.id ? ' is-selected' : ''}`}
              role="button"
              tabIndex={0}
              aria-label={describe(edge)}
              aria-pressed={selected === edge.id}
              data-edge={edge.id}
              onClick={() => select('edge', edge.id)}
              onKeyDown={activate(() => select('edge', edge.id))}
            >
              <title>{describe(edge)}</title>
              <path className="ctm-edge-hit" d={drawn.path} />
              <path
                className="ctm-edge-line"
                d={drawn.path}
                markerEnd={
                  edge.kind === 'dependency'
                    ? `url(#ctm-arrow-${edge.health ?? 'none'})`
                    : undefined
                }
              />
            </g>
          ))}
          {/* Status badges above every line, so crossing lines never hide one; the edge's button is the accessible control. */}
          {drawnEdges.map(({ edge, drawn }) => (
            <g
              key={`badge-${edge.id}`}
              className={`ctm-edge-badge-group ${healthClass(edge.health)}`}
              data-edge-badge={edge.id}
              aria-hidden="true"
              onClick={() => select('edge', edge.id)}
            >
              <circle className="ctm-edge-badge" cx={drawn.labelX} cy={drawn.labelY} r={9} />
              <text
                className="ctm-edge-symbol"
                x={drawn.labelX}
                y={drawn.labelY}
                dy="0.35em"
                textAnchor="middle"
              >
                {SYMBOL[edge.health ?? 'none']}
              </text>
            </g>
          ))}
          {teams.map((team) => (
            <g
              key={team.id}
              className={`ctm-team${selected === team.id ? ' is-selected' : ''}`}
              role="button"
              tabIndex={0}
              aria-label={`Team ${team.name}`}
              aria-pressed={selected === team.id}
              onClick={() => select('team', team.id)}
              onKeyDown={activate(() => select('team', team.id))}
            >
              <circle cx={team.x} cy={team.y} r={NODE_RADIUS} />
              <text x={team.x} y={team.y + NODE_RADIUS + 16} textAnchor="middle">
                {team.name.length > 22 ? `${team.name.slice(0, 21)}…` : team.name}
              </text>
            </g>
          ))}
        </svg>
        <figcaption className="ctm-legend small">
          <span>→ waits for (dependency)</span>
          <span>┄ shares an objective</span>
          {(['on_track', 'at_risk', 'off_track'] as const).map((h) => (
            <span key={h} className={`ctm-legend-item health-${h}`}>
              {SYMBOL[h]} {HEALTH_LABEL[h]}
            </span>
          ))}
        </figcaption>
      </figure>
      <aside className="ctm-details card" aria-live="polite" aria-label="Details">
        {selectedEdge ? (
          <EdgeDetails org={org} edge={selectedEdge} name={name} />
        ) : selectedTeam ? (
          <TeamDetails
            org={org}
            team={selectedTeam}
            edges={map.edges}
            name={name}
            select={select}
          />
        ) : (
          <p className="muted">Choose a team or a connection to see what joins them.</p>
        )}
      </aside>
      <section className="ctm-table section" aria-labelledby="ctm-connections">
        <h2 id="ctm-connections">Connections</h2>
        {map.edges.length === 0 ? (
          <p className="muted">No open dependencies or shared objectives between teams yet.</p>
        ) : (
          <div className="ctm-table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">From</th>
                  <th scope="col">How</th>
                  <th scope="col">To</th>
                  <th scope="col">Status</th>
                  <th scope="col">What</th>
                </tr>
              </thead>
              <tbody>
                {map.edges.map((edge) => (
                  <tr key={edge.id}>
                    <td>{name(edge.from)}</td>
                    <td>{KIND_LABEL[edge.kind]}</td>
                    <td>{name(edge.to)}</td>
                    <td>
                      <HealthBadge health={edge.health} />
                    </td>
                    <td>
                      <ItemLinks org={org} edge={edge} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function ItemLinks({ org, edge }: { org: string; edge: Edge }): ReactElement {
  return (
    <ul className="ctm-items">
      {edge.items.map((item) => (
        <li key={item.id}>
          <Link
            to={`/orgs/${encodeURIComponent(org)}/objectives/${encodeURIComponent(item.objectiveId)}${edge.kind === 'dependency' ? '#dependencies' : ''}`}
          >
            {item.title}
          </Link>{' '}
          <HealthBadge health={item.health} />
        </li>
      ))}
    </ul>
  );
}

function EdgeDetails({
  org,
  edge,
  name,
}: {
  org: string;
  edge: Edge;
  name: (id: string) => string;
}): ReactElement {
  return (
    <div>
      <h2 className="ctm-details-title">
        {name(edge.from)} {KIND_LABEL[edge.kind]} {name(edge.to)}
      </h2>
      <p>
        <HealthBadge health={edge.health} />
      </p>
      <p className="muted small">
        {edge.kind === 'dependency'
          ? `${edge.items.length} open ${edge.items.length === 1 ? 'dependency' : 'dependencies'}`
          : `${edge.items.length} shared ${edge.items.length === 1 ? 'objective' : 'objectives'}`}
      </p>
      <ItemLinks org={org} edge={edge} />
    </div>
  );
}

function TeamDetails({
  org,
  team,
  edges,
  name,
  select,
}: {
  org: string;
  team: CrossTeamMapView['teams'][number];
  edges: Edge[];
  name: (id: string) => string;
  select: (kind: 'edge' | 'team', id: string) => void;
}): ReactElement {
  const base = `/orgs/${encodeURIComponent(org)}`;
  const own = edges.filter((e) => e.from === team.id || e.to === team.id);
  return (
    <div>
      <h2 className="ctm-details-title">{team.name}</h2>
      <p className="small">
        <Link to={`${base}/teams/${encodeURIComponent(team.id)}`}>Team page</Link> ·{' '}
        <Link to={`${base}/teams/${encodeURIComponent(team.id)}/requests`}>Requests for help</Link>
      </p>
      {own.length === 0 ? (
        <p className="muted small">No connections to other teams.</p>
      ) : (
        <ul className="ctm-items">
          {own.map((edge) => (
            <li key={edge.id}>
              <button type="button" className="button-link" onClick={() => select('edge', edge.id)}>
                {name(edge.from)} {KIND_LABEL[edge.kind]} {name(edge.to)}
              </button>{' '}
              <HealthBadge health={edge.health} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
