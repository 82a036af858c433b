/**
 * A team's dashboard, for its lead (and, read-only, for a member without a dashboard role): the
 * team's objectives against the pace, what moved in the last week, what is at risk and which key
 * results wait for a check-in. The team is `?team=` when the person is in several.
 */
import type { CycleView } from '@contracts/api/cycles.ts';
import type { KeyResultView, ObjectiveDetailView } from '@contracts/api/okrs.ts';
import { useMemo, type ReactElement } from 'react';
import { Link, useSearchParams } from 'react-router';
import { HealthBadge } from '../../../components/health-badge.tsx';
import { ListFilterBar, NoMatchState, useListFilters } from '../../../components/list-filters.tsx';
import { ObjectiveRow } from '../../../components/objective-row.tsx';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { formatNumber, formatPercent } from '../../../lib/format.ts';
import { LEVEL_LABEL } from '../../../lib/labels.ts';
import {
  filterItems,
  matchSummary,
  showsFilterBar,
  type FilterField,
} from '../../../lib/list-filters.ts';
import { expectedProgress } from '../../../lib/pace.ts';
import { useCheckIns, useCycleTree, useObjectiveDetails } from '../api/dashboard-data.ts';
import {
  healthCounts,
  isStale,
  movementSince,
  readableNodes,
  STALE_AFTER_DAYS,
  type Movement,
} from '../lib/figures.ts';
import { objectivePath } from '../lib/paths.ts';
import { StatusBar } from './charts.tsx';

const WEEK_MS = 7 * 86_400_000;
const OBJECTIVE_FIELDS: readonly FilterField[] = ['q', 'status', 'level'];
/** A team has few objectives; this bounds the requests for a very large one. */
const MAX_DETAILS = 60;

interface TeamKeyResult {
  keyResult: KeyResultView;
  objective: ObjectiveDetailView;
}

export function TeamDashboard({
  org,
  cycle,
  teams,
  role,
}: {
  org: string;
  cycle: CycleView;
  teams: { id: string; name: string }[];
  role: 'lead' | 'member';
}): ReactElement {
  const [params, setParams] = useSearchParams();
  const team = teams.find((candidate) => candidate.id === params.get('team')) ?? teams[0];
  const tree = useCycleTree(org, cycle.id);
  const expected = expectedProgress(cycle);
  const now = Date.now();

  const objectives = useMemo(
    () =>
      tree.data && team
        ? readableNodes(tree.data.nodes).filter((node) => node.teamId === team.id)
        : [],
    [tree.data, team],
  );
  const details = useObjectiveDetails(
    org,
    useMemo(() => objectives.slice(0, MAX_DETAILS).map((node) => node.id), [objectives]),
  );
  // `?objectives-q=&objectives-status=&objectives-level=` narrow the list of objectives only:
  // the figures above and below it stay the team's.
  const controls = useListFilters(OBJECTIVE_FIELDS, 'objectives');
  const shownObjectives = filterItems(
    objectives,
    (node) => ({
      texts: [node.title, node.ownerId ? tree.data?.owners[node.ownerId] : null],
      health: node.health,
      level: node.level,
    }),
    controls.filters,
  );
  const keyResults: TeamKeyResult[] = details.objectives.flatMap((objective) =>
    objective.keyResults.map((keyResult) => ({ keyResult, objective })),
  );
  const recentIds = keyResults
    .filter(({ keyResult }) => keyResult.lastCheckInAt && !isStale(keyResult.lastCheckInAt, now))
    .map(({ keyResult }) => keyResult.id);
  const checkIns = useCheckIns(org, recentIds);

  if (!team) {
    return (
      <EmptyState title="You lead no team yet">
        <p>When an admin makes you the lead of a team, its objectives and check-ins show here.</p>
      </EmptyState>
    );
  }

  const teamPicker =
    teams.length > 1 ? (
      <label className="field inline-field">
        <span className="field-label">Team</span>
        <select
          className="input"
          value={team.id}
          onChange={(event) =>
            setParams((current) => {
              const next = new URLSearchParams(current);
              next.set('team', event.target.value);
              return next;
            })
          }
        >
          {teams.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </select>
      </label>
    ) : null;

  const heading = (
    <div className="section-header">
      <h2 id="team-title">{role === 'lead' ? `Your team: ${team.name}` : `${team.name}`}</h2>
      {teamPicker}
    </div>
  );

  if (tree.isPending)
    return (
      <>
        {heading}
        <LoadingState label="Loading the team's objectives…" />
      </>
    );
  if (tree.isError) {
    return (
      <>
        {heading}
        <ErrorState
          error={tree.error}
          what="The team's objectives"
          onRetry={() => void tree.refetch()}
        />
      </>
    );
  }

  const since = now - WEEK_MS;
  const checkedIn = keyResults
    .map((row) => ({
      ...row,
      movement: movementSince(checkIns.byKeyResult.get(row.keyResult.id) ?? [], since),
    }))
    .filter((row): row is TeamKeyResult & { movement: Movement } => row.movement !== null);
  // Biggest moves first, either way; a check-in that changed nothing is not a move.
  const moved = checkedIn
    .filter((row) => Math.abs(row.movement.delta) >= 0.005)
    .sort((a, b) => Math.abs(b.movement.delta) - Math.abs(a.movement.delta));
  const unchanged = checkedIn.length - moved.length;
  const atRiskObjectives = objectives.filter(
    (node) => node.health === 'at_risk' || node.health === 'off_track',
  );
  const atRiskKeyResults = keyResults.filter(
    ({ keyResult }) => keyResult.health === 'at_risk' || keyResult.health === 'off_track',
  );
  const stale =
    cycle.status === 'active'
      ? keyResults.filter(({ keyResult }) => isStale(keyResult.lastCheckInAt, now))
      : [];

  return (
    <div className="dashboard">
      {heading}
      {objectives.length === 0 ? (
        <EmptyState title={`${team.name} has no objectives in ${cycle.name}`}>
          <p>
            A good team objective is one outcome the team can move, aligned to a company objective —
            for example “Make our checkout the fastest in the market”, measured by 2 to 5 key
            results such as “Reduce p95 checkout latency from 1,200 ms to 600 ms”.
          </p>
        </EmptyState>
      ) : (
        <>
          <section className="section" aria-labelledby="team-objectives">
            <h3 id="team-objectives">Objectives</h3>
            <div className="card figure-card">
              <StatusBar
                counts={healthCounts(objectives)}
                caption={`${team.name}'s objectives by status`}
              />
            </div>
            {showsFilterBar(objectives.length, controls.active) && (
              <ListFilterBar
                controls={controls}
                what={`${team.name}’s objectives`}
                placeholder="Words in the title or owner"
                summary={matchSummary(
                  shownObjectives.length,
                  objectives.length,
                  { one: 'objective', many: 'objectives' },
                  controls.active > 0,
                )}
              />
            )}
            {shownObjectives.length === 0 && (
              <NoMatchState what="objectives" onClear={controls.clear} />
            )}
            <ul className="card-list">
              {shownObjectives.map((node) => (
                <li key={node.id}>
                  <ObjectiveRow
                    org={org}
                    objective={node}
                    expected={expected}
                    meta={[
                      node.ownerId ? tree.data.owners[node.ownerId] : null,
                      `${formatNumber(node.keyResultCount)} key result${node.keyResultCount === 1 ? '' : 's'}`,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  />
                </li>
              ))}
            </ul>
          </section>

          {details.failed > 0 && (
            <div className="alert" role="alert">
              <p>
                {formatNumber(details.failed)} objectives could not be loaded.{' '}
                <button type="button" className="button button-link" onClick={details.retry}>
                  Try again
                </button>
              </p>
            </div>
          )}

          <section className="section" aria-labelledby="team-moved">
            <h3 id="team-moved">What moved this week</h3>
            {details.isPending || checkIns.isPending ? (
              <LoadingState label="Loading the check-ins…" rows={2} />
            ) : moved.length === 0 ? (
              <p className="calm-note">
                {unchanged > 0
                  ? `${formatNumber(unchanged)} key results were checked in this week, none of them moved.`
                  : 'No check-in in the last 7 days yet.'}
              </p>
            ) : (
              <>
                <ul className="compact-list card">
                  {moved.map(({ keyResult, objective, movement }) => (
                    <li key={keyResult.id}>
                      <Link to={objectivePath(org, objective.id)}>{keyResult.title}</Link>
                      <span className={`delta ${movement.delta > 0 ? 'delta-up' : 'delta-down'}`}>
                        <span aria-hidden="true">{movement.delta > 0 ? '▲' : '▼'}</span>{' '}
                        {movement.delta > 0 ? '+' : ''}
                        {formatNumber(Math.round(movement.delta * 100))} points
                      </span>
                      <span className="muted small">
                        {formatPercent(movement.from)} → {formatPercent(movement.to)}
                        {keyResult.owner ? ` · ${keyResult.owner.name}` : ''}
                        {keyResult.lastCheckInAt && (
                          <>
                            {' · '}
                            <RelativeTime iso={keyResult.lastCheckInAt} />
                          </>
                        )}
                      </span>
                    </li>
                  ))}
                </ul>
                {unchanged > 0 && (
                  <p className="muted small">
                    {formatNumber(unchanged)} more key result{unchanged === 1 ? ' was' : 's were'}{' '}
                    checked in without a change.
                  </p>
                )}
              </>
            )}
          </section>

          <section className="section" aria-labelledby="team-risk">
            <h3 id="team-risk">At risk</h3>
            {atRiskObjectives.length === 0 &&
            atRiskKeyResults.length === 0 &&
            !details.isPending ? (
              <p className="calm-note">
                Nothing is at risk or off track. Keep the check-ins coming.
              </p>
            ) : (
              <ul className="compact-list card">
                {atRiskObjectives.map((node) => (
                  <li key={node.id}>
                    <Link to={objectivePath(org, node.id)}>{node.title}</Link>
                    <HealthBadge health={node.health} />
                    <span className="muted small">
                      Objective · {LEVEL_LABEL[node.level]} · {formatPercent(node.progress)}
                    </span>
                  </li>
                ))}
                {atRiskKeyResults.map(({ keyResult, objective }) => (
                  <li key={keyResult.id}>
                    <Link to={objectivePath(org, objective.id)}>{keyResult.title}</Link>
                    <HealthBadge health={keyResult.health} />
                    <span className="muted small">
                      Key result of “{objective.title}” · {formatPercent(keyResult.progress)}
                      {keyResult.owner ? ` · ${keyResult.owner.name}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="section" aria-labelledby="team-stale">
            <h3 id="team-stale">Waiting for a check-in</h3>
            {cycle.status !== 'active' ? (
              <p className="calm-note">
                Check-ins are due only while a cycle is active; this one is {cycle.status}.
              </p>
            ) : details.isPending ? (
              <LoadingState label="Loading the key results…" rows={2} />
            ) : stale.length === 0 ? (
              <p className="calm-note">
                Every key result had a check-in in the last {STALE_AFTER_DAYS} days.
              </p>
            ) : (
              <ul className="compact-list card">
                {stale.map(({ keyResult, objective }) => (
                  <li key={keyResult.id}>
                    <Link to={objectivePath(org, objective.id)}>{keyResult.title}</Link>
                    <span className="muted small">
                      {keyResult.lastCheckInAt ? (
                        <>
                          Last check-in <RelativeTime iso={keyResult.lastCheckInAt} />
                        </>
                      ) : (
                        'No check-in yet'
                      )}
                      {keyResult.owner ? ` · ${keyResult.owner.name}` : ' · no owner'}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {objectives.length > MAX_DETAILS && (
            <p className="muted small">
              Key results of the first {formatNumber(MAX_DETAILS)} of{' '}
              {formatNumber(objectives.length)} objectives are shown.
            </p>
          )}
        </>
      )}
    </div>
  );
}
