/**
 * The strategy as a tree: mission and vision on top, then each strategic theme with its progress,
 * its company objectives under it and, under each of those, the objectives aligned to it — every
 * node a link with its progress bar and status. Themes start open; a long list of aligned
 * objectives shows the first few and says how many more the objective's page lists.
 */
import type { StrategyObjectiveView, StrategyView } from '@contracts/api/strategy.ts';
import type { CycleRefView } from '@contracts/api/okrs.ts';
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { HealthBadge } from '../../../components/health-badge.tsx';
import { ProgressBar } from '../../../components/progress-bar.tsx';
import { formatNumber, formatPercent } from '../../../lib/format.ts';
import { LEVEL_LABEL } from '../../../lib/labels.ts';
import { expectedProgress } from '../../../lib/pace.ts';
import './strategy-tree.css';

const ALIGNED_SHOWN = 6;

interface StrategyTreeProps {
  org: string;
  strategy: StrategyView;
}

export function StrategyTree({ org, strategy }: StrategyTreeProps): ReactElement {
  const expected = strategy.cycle ? expectedFor(strategy.cycle) : null;
  const groups = [
    ...strategy.themes.map((theme) => ({
      key: theme.id,
      name: theme.name,
      description: theme.description,
      group: theme,
    })),
    ...(strategy.untagged.objectives.length > 0
      ? [
          {
            key: 'untagged',
            name: 'No theme',
            description: 'Company objectives tagged with no strategic theme.',
            group: strategy.untagged,
          },
        ]
      : []),
  ];
  return (
    <div className="strategy">
      {(strategy.mission || strategy.vision) && (
        <dl className="strategy-statements">
          {strategy.mission && (
            <div className="card">
              <dt>Mission</dt>
              <dd>{strategy.mission}</dd>
            </div>
          )}
          {strategy.vision && (
            <div className="card">
              <dt>Vision</dt>
              <dd>{strategy.vision}</dd>
            </div>
          )}
        </dl>
      )}
      {groups.length === 0 ? (
        <p className="muted">
          No strategic themes yet.{' '}
          {strategy.canEditStrategy
            ? 'Add the few long-lived priorities the company objectives serve in the organisation settings.'
            : 'Executives add them; company objectives are then tagged with them.'}
        </p>
      ) : (
        <ul
          className="strategy-tree"
          aria-label="Strategy: themes, company objectives and aligned objectives"
        >
          {groups.map(({ key, name, description, group }) => (
            <li key={key} className="strategy-theme">
              <details open>
                <summary>
                  <span className="strategy-theme-name">{name}</span>
                  <span className="muted small">
                    {formatNumber(group.objectives.length)} company objective
                    {group.objectives.length === 1 ? '' : 's'}
                  </span>
                  {group.progress !== null && (
                    <span className="strategy-theme-progress">
                      <ProgressBar
                        progress={group.progress}
                        expected={expected}
                        health={group.health}
                        label={`Progress of the theme ${name}`}
                      />
                    </span>
                  )}
                </summary>
                {description && (
                  <p className="muted small strategy-theme-description">{description}</p>
                )}
                {group.objectives.length === 0 ? (
                  <p className="muted small strategy-empty">
                    No company objective carries this theme in this cycle yet.
                  </p>
                ) : (
                  <ul className="strategy-branch">
                    {group.objectives.map((objective) => (
                      <CompanyNode
                        key={objective.id}
                        org={org}
                        objective={objective}
                        expected={expected}
                      />
                    ))}
                  </ul>
                )}
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function expectedFor(cycle: CycleRefView): number | null {
  return cycle.status === 'active' ? expectedProgress(cycle) : null;
}

function CompanyNode({
  org,
  objective,
  expected,
}: {
  org: string;
  objective: StrategyObjectiveView;
  expected: number | null;
}): ReactElement {
  const shown = objective.aligned.slice(0, ALIGNED_SHOWN);
  const more = objective.aligned.length - shown.length;
  return (
    <li className="strategy-node strategy-node-company">
      <NodeLine org={org} node={objective} expected={expected} />
      {shown.length > 0 && (
        <ul className="strategy-branch">
          {shown.map((child) => (
            <li key={child.id} className="strategy-node">
              <NodeLine org={org} node={child} expected={expected} />
            </li>
          ))}
          {more > 0 && !('private' in objective) && (
            <li className="strategy-node strategy-more">
              <Link to={`/orgs/${encodeURIComponent(org)}/objectives/${objective.id}`}>
                and {formatNumber(more)} more aligned objective{more === 1 ? '' : 's'}
              </Link>
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

type NodeView = StrategyObjectiveView | StrategyObjectiveView['aligned'][number];

function NodeLine({
  org,
  node,
  expected,
}: {
  org: string;
  node: NodeView;
  expected: number | null;
}): ReactElement {
  const isPrivate = 'private' in node;
  return (
    <div className="strategy-line">
      <span className="strategy-title">
        {isPrivate ? (
          <span className="muted">{node.title}</span>
        ) : (
          <Link to={`/orgs/${encodeURIComponent(org)}/objectives/${node.id}`}>{node.title}</Link>
        )}
        {!isPrivate && (
          <span className="muted small">
            {' '}
            {node.level === 'company'
              ? node.owner?.name
              : [LEVEL_LABEL[node.level], node.team?.name].filter(Boolean).join(' · ')}
          </span>
        )}
      </span>
      <span className="strategy-status">
        <HealthBadge health={node.health} />
      </span>
      <span className="strategy-bar">
        <ProgressBar
          progress={node.progress}
          expected={expected}
          health={node.health}
          label={`Progress of ${isPrivate ? 'a private objective' : node.title}: ${formatPercent(node.progress)}`}
        />
      </span>
    </div>
  );
}
