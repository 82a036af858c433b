/**
 * The executive's dashboard: how the company is doing against the pace of the cycle, which
 * company objectives are at risk, how progress spreads, and which teams have OKRs.
 */
import type { CycleView } from '@contracts/api/cycles.ts';
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { ObjectiveRow } from '../../../components/objective-row.tsx';
import { ProgressBar } from '../../../components/progress-bar.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { formatNumber, formatPercent } from '../../../lib/format.ts';
import { expectedProgress } from '../../../lib/pace.ts';
import { useCycleTree, useMembers, useTeams } from '../api/dashboard-data.ts';
import {
  companyProgress,
  coverageByTeam,
  healthCounts,
  progressDistribution,
  readableNodes,
  type TeamCoverage,
} from '../lib/figures.ts';
import { teamPath } from '../lib/paths.ts';
import { percentNumber, ProgressCell } from './cells.tsx';
import { CompanyAndKpis } from './company-kpis.tsx';
import { Histogram, StatusBar } from './charts.tsx';
import { DataTable, type Column } from './data-table.tsx';

const RISK_ORDER = { off_track: 0, at_risk: 1, on_track: 2 } as const;

export function ExecutiveDashboard({
  org,
  cycle,
}: {
  org: string;
  cycle: CycleView;
}): ReactElement {
  const tree = useCycleTree(org, cycle.id);
  const teams = useTeams(org);
  const members = useMembers(org);
  const expected = expectedProgress(cycle);

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
  const nodes = readableNodes(tree.data.nodes);
  const company = nodes.filter((node) => node.level === 'company');
  const progress = companyProgress(nodes);
  const atRisk = company
    .filter((node) => node.health === 'at_risk' || node.health === 'off_track')
    .sort((a, b) => RISK_ORDER[a.health ?? 'on_track'] - RISK_ORDER[b.health ?? 'on_track']);

  return (
    <div className="dashboard">
      <section className="section" aria-labelledby="exec-progress">
        <h2 id="exec-progress">Company progress</h2>
        {progress === null ? (
          <EmptyState title="No company objectives in this cycle yet">
            <p>
              Company objectives are the few outcomes the whole company pushes for this cycle, each
              with why it matters. Once they are written, their progress shows here against the pace
              of the cycle.
            </p>
          </EmptyState>
        ) : (
          <div className="card figure-card">
            <p className="big-figure">
              <strong>{formatPercent(progress)}</strong>{' '}
              <span className="muted">
                done on average across {formatNumber(company.length)} company objective
                {company.length === 1 ? '' : 's'}, with {formatPercent(expected)} of the cycle gone
              </span>
            </p>
            <ProgressBar
              progress={progress}
              expected={expected}
              // The mean has no status of its own: the pace marker shows ahead or behind.
              health={null}
              label="Company progress"
              size="lg"
            />
            <StatusBar
              counts={healthCounts(nodes)}
              caption="Every objective of the cycle by status"
            />
          </div>
        )}
      </section>

      <CompanyAndKpis org={org} company={company} expected={expected} />

      <section className="section" aria-labelledby="exec-risk">
        <h2 id="exec-risk">Company objectives at risk</h2>
        {company.length > 0 && atRisk.length === 0 ? (
          <p className="calm-note">
            All {formatNumber(company.length)} company objectives are on track or have no status
            yet.
          </p>
        ) : atRisk.length > 0 ? (
          <ul className="card-list">
            {atRisk.map((node) => (
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
        ) : (
          <p className="muted">Nothing to show until there are company objectives.</p>
        )}
      </section>

      <section className="section" aria-labelledby="exec-spread">
        <h2 id="exec-spread">How progress spreads</h2>
        <div className="card figure-card">
          <Histogram
            buckets={progressDistribution(nodes.map((node) => node.progress))}
            caption={`Objectives by progress (${formatPercent(expected)} of the cycle gone)`}
            noun="objective"
          />
        </div>
      </section>

      <section className="section" aria-labelledby="exec-coverage">
        <h2 id="exec-coverage">Coverage by team</h2>
        <p className="muted small">
          Teams with objectives in this cycle, their mean progress and status, and how many of their
          people own an objective.
        </p>
        {teams.isPending || members.isPending ? (
          <LoadingState label="Loading teams and people…" rows={2} />
        ) : teams.isError || members.isError ? (
          <ErrorState
            error={teams.error ?? members.error}
            what="The teams"
            onRetry={() => {
              void teams.refetch();
              void members.refetch();
            }}
          />
        ) : (
          <CoverageTable
            org={org}
            coverage={coverageByTeam(teams.data, nodes, members.data)}
            expected={expected}
          />
        )}
      </section>
    </div>
  );
}

function CoverageTable({
  org,
  coverage,
  expected,
}: {
  org: string;
  coverage: TeamCoverage[];
  expected: number;
}): ReactElement {
  const columns: Column<TeamCoverage>[] = [
    {
      key: 'team',
      header: 'Team',
      value: (row) => row.name,
      // Ascending by team keeps the team tree's order (parents before their sub-teams).
      sortValue: (row) => coverage.indexOf(row),
      render: (row) => (
        <span className="tree-indent" style={{ marginInlineStart: `${row.depth * 1.25}em` }}>
          <Link to={teamPath(org, row.teamId)}>{row.name}</Link>
        </span>
      ),
    },
    { key: 'objectives', header: 'Objectives', value: (row) => row.objectiveCount, numeric: true },
    {
      key: 'progress',
      header: 'Mean progress (%)',
      value: (row) => percentNumber(row.averageProgress),
      render: (row) => (
        <ProgressCell
          progress={row.averageProgress}
          expected={expected}
          health={worstHealthOfCounts(row)}
          label={`Mean progress of ${row.name}`}
        />
      ),
    },
    { key: 'on', header: 'On track', value: (row) => row.health.on_track, numeric: true },
    { key: 'risk', header: 'At risk', value: (row) => row.health.at_risk, numeric: true },
    { key: 'off', header: 'Off track', value: (row) => row.health.off_track, numeric: true },
    {
      key: 'people',
      header: 'People owning an objective (%)',
      value: (row) => percentNumber(row.share),
      render: (row) =>
        row.share === null ? (
          <span className="muted">no members</span>
        ) : (
          `${formatNumber(row.membersWithObjective)} of ${formatNumber(row.memberCount)} · ${formatPercent(row.share)}`
        ),
      numeric: true,
    },
  ];
  return (
    <DataTable
      id="coverage"
      caption="Coverage by team"
      rows={coverage}
      columns={columns}
      rowKey={(row) => row.teamId}
      defaultSort={{ key: 'team', direction: 'asc' }}
      choiceFilter={{
        label: 'Show',
        options: [
          { value: 'none', label: 'Teams without objectives' },
          { value: 'behind', label: 'Teams with objectives off track' },
        ],
        matches: (row, value) =>
          value === 'none' ? row.objectiveCount === 0 : row.health.off_track > 0,
      }}
      empty={
        <EmptyState title="No teams yet">
          <p>Once an admin sets up the teams, this table shows which of them have OKRs.</p>
        </EmptyState>
      }
    />
  );
}

/** The status to colour a team's bar with: its most worrying objective's. */
function worstHealthOfCounts(row: TeamCoverage) {
  if (row.health.off_track > 0) return 'off_track' as const;
  if (row.health.at_risk > 0) return 'at_risk' as const;
  if (row.health.on_track > 0) return 'on_track' as const;
  return null;
}
