/** The side panel: what the selected node is, how it is doing, and where it sits. */
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { HealthBadge } from '../../../components/health-badge.tsx';
import { ProgressBar } from '../../../components/progress-bar.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { LEVEL_LABEL } from '../../../lib/labels.ts';
import type { TreeIndex } from '../model/tree-index.ts';

interface NodeDetailsProps {
  org: string;
  index: TreeIndex;
  node: number;
  expanded: boolean;
  expected: number | null;
  names: { owners: Record<string, string>; teams: Record<string, string> };
  onSelect: (node: number) => void;
  onToggle: (node: number) => void;
}

export function NodeDetails(props: NodeDetailsProps): ReactElement {
  const { index, node, names } = props;
  const objective = index.nodes[node];
  if (!objective) return <EmptyDetails />;
  const children = index.children[node] ?? [];
  const parents = (index.parents[node] ?? []).filter((parent) => !index.nodes[parent]?.isGroup);
  const toggle =
    children.length > 0 ? (
      <button type="button" className="button" aria-expanded={props.expanded} onClick={() => props.onToggle(node)}>
        {props.expanded ? 'Collapse' : `Expand ${formatNumber(children.length)} aligned`}
      </button>
    ) : null;

  if (objective.isGroup) {
    return (
      <div className="amap-details-body">
        <h2 id="amap-details-title">{objective.title}</h2>
        <p className="small">
          {formatNumber(index.descendants[node] ?? 0)} objectives of this cycle serve no company
          objective. Aligning each to the company objective it moves makes the map, and the
          progress roll-up, tell the whole story.
        </p>
        {toggle}
      </div>
    );
  }
  if (objective.isPrivate) {
    return (
      <div className="amap-details-body">
        <h2 id="amap-details-title">A private objective</h2>
        <HealthBadge health={objective.health} />
        <p className="small muted">
          Only its owner, its team and the people they share it with can read it. It still counts
          in the progress of the objectives it serves.
        </p>
        {toggle}
      </div>
    );
  }
  const owner = objective.ownerId ? names.owners[objective.ownerId] : undefined;
  const team = objective.teamId ? names.teams[objective.teamId] : undefined;
  return (
    <div className="amap-details-body">
      <h2 id="amap-details-title">{objective.title}</h2>
      <div className="amap-details-status">
        <HealthBadge health={objective.health} />
        {objective.level && <span className="tag">{LEVEL_LABEL[objective.level]}</span>}
      </div>
      <ProgressBar
        progress={objective.progress}
        expected={props.expected}
        health={objective.health}
        label={`Progress of ${objective.title}`}
      />
      <dl className="amap-facts">
        <dt>Owner</dt>
        <dd>{owner ?? 'No owner'}</dd>
        <dt>Team</dt>
        <dd>{team ?? 'No team'}</dd>
        <dt>Key results</dt>
        <dd>{formatNumber(objective.keyResultCount)}</dd>
        <dt>Aligned to it</dt>
        <dd>{formatNumber(children.length)}</dd>
      </dl>
      {parents.length > 0 && (
        <div className="amap-parents">
          <h3 className="small">Serves</h3>
          <ul>
            {parents.map((parent) => (
              <li key={parent}>
                <button type="button" className="button-link small" onClick={() => props.onSelect(parent)}>
                  {index.nodes[parent]?.title}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="amap-details-actions">
        <Link className="button button-primary" to={`/orgs/${encodeURIComponent(props.org)}/objectives/${encodeURIComponent(objective.id)}`}>
          Open objective
        </Link>
        {toggle}
      </div>
    </div>
  );
}

export function EmptyDetails(): ReactElement {
  return (
    <div className="amap-details-body">
      <h2 id="amap-details-title">Nothing selected</h2>
      <p className="small muted">
        Click an objective to see its owner, team and progress here; click again to show the
        objectives aligned to it.
      </p>
    </div>
  );
}
