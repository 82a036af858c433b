/**
 * The tables of the OKR health dashboard, from the server's figures (GET /orgs/:org/health):
 * coverage per team, people without objectives, objective lists (alignment gaps, at risk, off
 * track), weekly check-in compliance and quality issues. Each sorts, filters and exports CSV.
 */
import type { HealthObjectiveView, HealthView } from '@contracts/api/health.ts';
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { formatDay } from '../../../lib/format.ts';
import { objectivePath, personPath, teamPath } from '../lib/paths.ts';
import { healthText, percentNumber, ProgressCell } from './cells.tsx';
import { DataTable, type Column } from './data-table.tsx';

type Named = { id: string; name: string };

export function CoverageTable({
  org,
  rows,
}: {
  org: string;
  rows: HealthView['coverage'];
}): ReactElement {
  type Row = HealthView['coverage'][number] & { order: number };
  const ordered: Row[] = rows.map((row, order) => ({ ...row, order }));
  const columns: Column<Row>[] = [
    {
      key: 'team',
      header: 'Team',
      value: (row) => row.team.name,
      sortValue: (row) => row.order,
      render: (row) => (
        <span style={{ paddingLeft: `${row.depth * 1.25}rem` }}>
          <Link to={teamPath(org, row.team.id)}>{row.team.name}</Link>
        </span>
      ),
    },
    { key: 'objectives', header: 'Objectives', value: (row) => row.objectiveCount, numeric: true },
    { key: 'members', header: 'Members', value: (row) => row.memberCount, numeric: true },
    {
      key: 'without',
      header: 'Members without objectives',
      value: (row) => row.membersWithoutObjectives.length,
      numeric: true,
    },
    {
      key: 'names',
      header: 'Who',
      value: (row) => row.membersWithoutObjectives.map((p) => p.name).join(', '),
    },
  ];
  return (
    <DataTable
      id="coverage"
      caption="Coverage per team"
      rows={ordered}
      columns={columns}
      rowKey={(row) => row.team.id}
      defaultSort={{ key: 'team', direction: 'asc' }}
      empty={<p className="calm-note">No teams yet.</p>}
      choiceFilter={{
        label: 'Show',
        options: [{ value: 'bare', label: 'Teams without objectives' }],
        matches: (row) => row.objectiveCount === 0,
      }}
    />
  );
}

export function PeopleWithoutTable({
  org,
  people,
}: {
  org: string;
  people: Named[];
}): ReactElement {
  const columns: Column<Named>[] = [
    {
      key: 'name',
      header: 'Name',
      value: (row) => row.name,
      render: (row) => <Link to={personPath(org, row.id)}>{row.name}</Link>,
    },
  ];
  return (
    <DataTable
      id="people"
      caption="People without objectives"
      rows={people}
      columns={columns}
      rowKey={(row) => row.id}
      defaultSort={{ key: 'name', direction: 'asc' }}
      empty={<p className="calm-note">Everyone owns an objective in this cycle.</p>}
    />
  );
}

export function ObjectiveTable({
  org,
  id,
  caption,
  list,
  empty,
}: {
  org: string;
  id: string;
  caption: string;
  list: { items: HealthObjectiveView[]; hidden: number };
  empty: string;
}): ReactElement {
  const columns: Column<HealthObjectiveView>[] = [
    {
      key: 'title',
      header: 'Objective',
      value: (row) => row.title,
      render: (row) => <Link to={objectivePath(org, row.id)}>{row.title}</Link>,
    },
    { key: 'level', header: 'Level', value: (row) => row.level },
    { key: 'team', header: 'Team', value: (row) => row.team?.name ?? null },
    { key: 'owner', header: 'Owner', value: (row) => row.owner?.name ?? null },
    { key: 'status', header: 'Status', value: (row) => healthText(row.health) },
    {
      key: 'progress',
      header: 'Progress (%)',
      value: (row) => percentNumber(row.progress),
      numeric: true,
      render: (row) => (
        <ProgressCell
          progress={row.progress}
          expected={null}
          health={row.health}
          label={row.title}
        />
      ),
    },
  ];
  return (
    <>
      <DataTable
        id={id}
        caption={caption}
        rows={list.items}
        columns={columns}
        rowKey={(row) => row.id}
        defaultSort={{ key: 'progress', direction: 'asc' }}
        empty={<p className="calm-note">{empty}</p>}
      />
      {list.hidden > 0 && (
        <p className="small muted">
          And {list.hidden} private {list.hidden === 1 ? 'objective' : 'objectives'} you may not
          see.
        </p>
      )}
    </>
  );
}

export function ComplianceTable({
  org,
  health,
}: {
  org: string;
  health: HealthView;
}): ReactElement {
  type Row = HealthView['compliance'][number] & { order: number };
  const rows: Row[] = health.compliance.map((row, order) => ({ ...row, order }));
  const columns: Column<Row>[] = [
    {
      key: 'team',
      header: 'Team',
      value: (row) => row.team.name,
      sortValue: (row) => row.order,
      render: (row) => (
        <span style={{ paddingLeft: `${row.depth * 1.25}rem` }}>
          <Link to={teamPath(org, row.team.id)}>{row.team.name}</Link>
        </span>
      ),
    },
    ...health.weeks.map((week, index): Column<Row> => ({
      key: `w${index}`,
      header: `Week of ${formatDay(week.from.slice(0, 10))} (%)`,
      value: (row) => percentNumber(row.weeks[index]?.share ?? null),
      numeric: true,
      render: (row) => {
        const cell = row.weeks[index];
        if (!cell || cell.share === null) return <span className="muted">—</span>;
        const tone = cell.share >= 0.8 ? 'on_track' : cell.share >= 0.5 ? 'at_risk' : 'off_track';
        return (
          <span className={`compliance-cell compliance-${tone}`}>
            {Math.round(cell.share * 100)}%{' '}
            <span className="muted small">
              ({cell.checkedIn}/{cell.keyResults})
            </span>
          </span>
        );
      },
    })),
  ];
  return (
    <DataTable
      id="compliance"
      caption="Check-in compliance per team"
      rows={rows}
      columns={columns}
      rowKey={(row) => row.team.id}
      defaultSort={{ key: 'team', direction: 'asc' }}
      empty={<p className="calm-note">No teams yet.</p>}
    />
  );
}

export function HealthQualityTable({
  org,
  issues,
}: {
  org: string;
  issues: HealthView['qualityIssues'];
}): ReactElement {
  type Row = HealthView['qualityIssues']['items'][number];
  const columns: Column<Row>[] = [
    {
      key: 'objective',
      header: 'Objective',
      value: (row) => row.objective.title,
      render: (row) => <Link to={objectivePath(org, row.objective.id)}>{row.objective.title}</Link>,
    },
    { key: 'team', header: 'Team', value: (row) => row.objective.team?.name ?? null },
    { key: 'owner', header: 'Owner', value: (row) => row.objective.owner?.name ?? null },
    { key: 'severity', header: 'Severity', value: (row) => row.severity },
    { key: 'issue', header: 'Issue', value: (row) => row.message },
  ];
  return (
    <>
      <DataTable
        id="quality"
        caption="Quality issues"
        rows={issues.items}
        columns={columns}
        rowKey={(row) => `${row.objective.id} ${row.ruleId} ${row.message}`}
        defaultSort={{ key: 'severity', direction: 'asc' }}
        empty={<p className="calm-note">Every objective follows the wizard&apos;s rules.</p>}
        choiceFilter={{
          label: 'Severity',
          options: [
            { value: 'error', label: 'Errors' },
            { value: 'warning', label: 'Warnings' },
          ],
          matches: (row, value) => row.severity === value,
        }}
      />
      {issues.hidden > 0 && (
        <p className="small muted">
          And {issues.hidden} issues on private objectives you may not see.
        </p>
      )}
    </>
  );
}
