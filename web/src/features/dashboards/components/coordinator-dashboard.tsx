/**
 * The coordinator's dashboard: shared objectives with how each contributing team is doing, and
 * the cross-team dependency map. `?deps=all` includes resolved dependencies; `?edge=` is the
 * selected team pair; `?shared-q=&shared-status=&shared-team=` filter the shared objectives,
 * shown (and their contributions read) twenty at a time.
 */
import type { CycleView } from '@contracts/api/cycles.ts';
import type { CycleTreeView } from '@contracts/api/okrs.ts';
import { useMemo, useState, type ReactElement } from 'react';
import { Link, useSearchParams } from 'react-router';
import { HealthBadge } from '../../../components/health-badge.tsx';
import { ListFilterBar, NoMatchState, useListFilters } from '../../../components/list-filters.tsx';
import { ObjectiveRow } from '../../../components/objective-row.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { formatNumber } from '../../../lib/format.ts';
import {
  distinctOptions,
  filterItems,
  matchSummary,
  showsFilterBar,
  statusCounts,
  type FilterField,
} from '../../../lib/list-filters.ts';
import { expectedProgress } from '../../../lib/pace.ts';
import { useCycleTree, useDependencies, useObjectiveDetails } from '../api/dashboard-data.ts';
import { buildDependencyMap } from '../lib/dependency-map.ts';
import { readableNodes, type ReadableNode } from '../lib/figures.ts';
import { objectivePath } from '../lib/paths.ts';
import { contributionsByTeam } from '../lib/shared-objectives.ts';
import { ProgressCell } from './cells.tsx';
import { DependencyMapView } from './dependency-map.tsx';

const SHARED_FIELDS: readonly FilterField[] = ['q', 'status', 'team'];
/** Each shared objective on screen costs a read of its contributions. */
const SHARED_PAGE = 20;

export function CoordinatorDashboard({
  org,
  cycle,
}: {
  org: string;
  cycle: CycleView;
}): ReactElement {
  const tree = useCycleTree(org, cycle.id);

  if (tree.isPending) return <LoadingState label="Loading the cycle…" />;
  if (tree.isError) {
    return (
      <ErrorState
        error={tree.error}
        what="The cycle's objectives"
        onRetry={() => void tree.refetch()}
      />
    );
  }
  return (
    <div className="dashboard">
      <SharedObjectives org={org} cycle={cycle} tree={tree.data} />
      <Dependencies org={org} tree={tree.data} />
    </div>
  );
}

function SharedObjectives({
  org,
  cycle,
  tree,
}: {
  org: string;
  cycle: CycleView;
  tree: CycleTreeView;
}): ReactElement {
  const nodes = useMemo(() => readableNodes(tree.nodes), [tree.nodes]);
  const shared = useMemo(() => nodes.filter((node) => node.level === 'shared'), [nodes]);
  const controls = useListFilters(SHARED_FIELDS, 'shared');
  const { filters } = controls;
  const matching = useMemo(
    () =>
      filterItems(
        shared,
        (node) => ({
          texts: [
            node.title,
            node.ownerId ? tree.owners[node.ownerId] : null,
            node.teamId ? tree.teams[node.teamId] : null,
          ],
          health: node.health,
          teamIds: node.teamId ? [node.teamId] : [],
        }),
        filters,
      ),
    [shared, filters, tree.owners, tree.teams],
  );
  const [limit, setLimit] = useState(SHARED_PAGE);
  const shown = useMemo(() => matching.slice(0, limit), [matching, limit]);
  // Contributions are read for the objectives on screen only: one read each.
  const details = useObjectiveDetails(
    org,
    useMemo(() => shown.map((node) => node.id), [shown]),
  );
  const expected = expectedProgress(cycle);
  const byId = new Map(details.objectives.map((objective) => [objective.id, objective]));

  return (
    <section className="section" aria-labelledby="coordinator-shared">
      <h2 id="coordinator-shared">Shared objectives</h2>
      {shared.length === 0 ? (
        <EmptyState title="No shared objectives in this cycle">
          <p>
            A shared objective is one outcome several teams reach together — for example “Launch
            Acme Pay in the mobile app across the EU” with Checkout, Mobile and Marketing
            contributing. Each team aligns its own objective to it, and its progress shows here.
          </p>
        </EmptyState>
      ) : (
        <>
          {showsFilterBar(shared.length, controls.active) && (
            <ListFilterBar
              controls={controls}
              what="shared objectives"
              placeholder="Words in the title, owner or team"
              teams={distinctOptions(
                shared,
                (node) =>
                  node.teamId ? { id: node.teamId, name: tree.teams[node.teamId] ?? '' } : null,
                controls.filters.team,
              )}
              statusCounts={statusCounts(shared.map((node) => node.health))}
              summary={matchSummary(
                matching.length,
                shared.length,
                { one: 'shared objective', many: 'shared objectives' },
                controls.active > 0,
              )}
            />
          )}
          {matching.length === 0 && (
            <NoMatchState what="shared objectives" onClear={controls.clear} />
          )}
          <ul className="shared-list">
            {shown.map((node) => {
              const detail = byId.get(node.id);
              return (
                <li key={node.id} className="card">
                  <ObjectiveRow
                    org={org}
                    objective={node}
                    expected={expected}
                    meta={[
                      node.ownerId ? tree.owners[node.ownerId] : null,
                      node.teamId ? tree.teams[node.teamId] : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  />
                  {detail ? (
                    <ContributionTable
                      org={org}
                      sharedTitle={node.title}
                      contributions={contributionsByTeam(
                        node.id,
                        detail.contributingTeams,
                        nodes,
                        tree.teams,
                      )}
                      expected={expected}
                    />
                  ) : details.isPending ? (
                    <LoadingState label="Loading the contributing teams…" rows={1} />
                  ) : (
                    <p className="muted small contribution-note">
                      The contributing teams could not be loaded.{' '}
                      <button type="button" className="button button-link" onClick={details.retry}>
                        Try again
                      </button>
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
          {matching.length > shown.length && (
            <p>
              <button
                type="button"
                className="button"
                onClick={() => setLimit(limit + SHARED_PAGE)}
              >
                Show {formatNumber(Math.min(SHARED_PAGE, matching.length - shown.length))} more of{' '}
                {formatNumber(matching.length - shown.length)}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}

function ContributionTable({
  org,
  sharedTitle,
  contributions,
  expected,
}: {
  org: string;
  sharedTitle: string;
  contributions: ReturnType<typeof contributionsByTeam>;
  expected: number;
}): ReactElement {
  if (contributions.length === 0) {
    return (
      <p className="muted small contribution-note">
        No contributing team is named and no team objective is aligned yet.
      </p>
    );
  }
  return (
    <div
      className="table-scroll"
      role="region"
      aria-label={`Contributing teams of ${sharedTitle}`}
      tabIndex={0}
    >
      <table className="table contribution-table">
        <caption className="visually-hidden">Contributing teams of {sharedTitle}</caption>
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col">Progress of its aligned objectives</th>
            <th scope="col">Status</th>
            <th scope="col">Aligned objectives</th>
          </tr>
        </thead>
        <tbody>
          {contributions.map((team) => (
            <tr key={team.teamId}>
              <th scope="row">
                {team.name}
                {!team.listed && <span className="muted small"> (not named as contributing)</span>}
              </th>
              <td>
                <ProgressCell
                  progress={team.progress}
                  expected={expected}
                  health={team.health}
                  label={`Progress of ${team.name} on ${sharedTitle}`}
                />
              </td>
              <td>
                {team.objectives.length > 0 ? (
                  <HealthBadge health={team.health} />
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                {team.objectives.length === 0 ? (
                  <span className="warn-text">Nothing aligned yet</span>
                ) : (
                  <ObjectiveLinks org={org} objectives={team.objectives} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ObjectiveLinks({
  org,
  objectives,
}: {
  org: string;
  objectives: ReadableNode[];
}): ReactElement {
  return (
    <ul className="inline-links">
      {objectives.map((objective) => (
        <li key={objective.id}>
          <Link to={objectivePath(org, objective.id)}>{objective.title}</Link>
        </li>
      ))}
    </ul>
  );
}

function Dependencies({ org, tree }: { org: string; tree: CycleTreeView }): ReactElement {
  const [params, setParams] = useSearchParams();
  const status = params.get('deps') === 'all' ? 'all' : 'open';
  const dependencies = useDependencies(org, status);
  const objectives = useMemo(
    () =>
      new Map(
        readableNodes(tree.nodes).map((node) => [
          node.id,
          { teamId: node.teamId, health: node.health },
        ]),
      ),
    [tree.nodes],
  );
  const today = new Date().toISOString().slice(0, 10);
  const map = useMemo(
    () => (dependencies.data ? buildDependencyMap(dependencies.data, objectives, today) : null),
    [dependencies.data, objectives, today],
  );
  const setParam = (name: string, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { preventScrollReset: true },
    );

  return (
    <section className="section" aria-labelledby="coordinator-deps">
      <div className="section-header">
        <h2 id="coordinator-deps">Cross-team dependencies</h2>
        <label className="field inline-field">
          <span className="field-label">Show</span>
          <select
            className="input"
            value={status}
            onChange={(event) => setParam('deps', event.target.value === 'all' ? 'all' : null)}
          >
            <option value="open">Open dependencies</option>
            <option value="all">Open and resolved</option>
          </select>
        </label>
      </div>
      {dependencies.isPending ? (
        <LoadingState label="Loading the dependencies…" rows={2} />
      ) : dependencies.isError ? (
        <ErrorState
          error={dependencies.error}
          what="The dependencies"
          onRetry={() => void dependencies.refetch()}
        />
      ) : map && map.edges.length === 0 ? (
        <EmptyState
          title={
            status === 'open' ? 'No open cross-team dependencies' : 'No cross-team dependencies'
          }
        >
          <p>
            When a key result needs another team&apos;s work — “mobile-web conversion needs the
            native payment sheet” — its owner records the dependency on the key result, and the two
            teams show here joined by an arrow.
          </p>
        </EmptyState>
      ) : map ? (
        <>
          <DependencyMapView
            org={org}
            map={map}
            teamNames={tree.teams}
            selected={params.get('edge')}
            onSelect={(edge) => setParam('edge', edge)}
          />
          {(map.withinTeam.length > 0 || map.unplaced.length > 0) && (
            <p className="muted small">
              Not drawn: {formatNumber(map.withinTeam.length)} within one team,{' '}
              {formatNumber(map.unplaced.length)} on objectives of another cycle or that you may not
              see.
            </p>
          )}
        </>
      ) : null}
    </section>
  );
}
