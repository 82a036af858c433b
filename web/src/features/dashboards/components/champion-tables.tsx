/** The champion's tables: people without OKRs, unaligned objectives, stale check-ins, quality issues. */
import type { KeyResultView, ObjectiveDetailView } from '@contracts/api/okrs.ts';
import type { MemberView } from '@contracts/api/people.ts';
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { LEVEL_LABEL } from '../../../lib/labels.ts';
import type { ReadableNode } from '../lib/figures.ts';
import { objectivePath, personPath } from '../lib/paths.ts';
import type { QualityIssue } from '../lib/quality-issues.ts';
import { healthText, percentNumber, ProgressCell } from './cells.tsx';
import { DataTable, type Column } from './data-table.tsx';

export interface StaleRow {
  keyResult: KeyResultView;
  objective: ObjectiveDetailView;
}

export function PeopleTable({ org, people }: { org: string; people: MemberView[] }): ReactElement {
  const columns: Column<MemberView>[] = [
    {
      key: 'name',
      header: 'Name',
      value: (row) => row.name,
      render: (row) => <Link to={personPath(org, row.id)}>{row.name}</Link>,
    },
    { key: 'email', header: 'E-mail', value: (row) => row.email },
    { key: 'title', header: 'Job title', value: (row) => row.title },
    {
      key: 'teams',
      header: 'Teams',
      value: (row) => row.teams.map((team) => team.name).join(', '),
    },
  ];
  return (
    <DataTable
      id="people"
      caption="People without OKRs"
      rows={people}
      columns={columns}
      rowKey={(row) => row.id}
      defaultSort={{ key: 'name', direction: 'asc' }}
      empty={<p className="calm-note">Everyone owns an objective or a key result in this cycle.</p>}
    />
  );
}

export function UnalignedTable({
  org,
  objectives,
  owners,
  teams,
  expected,
}: {
  org: string;
  objectives: ReadableNode[];
  owners: Record<string, string>;
  teams: Record<string, string>;
  expected: number;
}): ReactElement {
  const columns: Column<ReadableNode>[] = [
    {
      key: 'title',
      header: 'Objective',
      value: (row) => row.title,
      render: (row) => <Link to={objectivePath(org, row.id)}>{row.title}</Link>,
    },
    { key: 'level', header: 'Level', value: (row) => LEVEL_LABEL[row.level] },
    {
      key: 'team',
      header: 'Team',
      value: (row) => (row.teamId ? (teams[row.teamId] ?? null) : null),
    },
    {
      key: 'owner',
      header: 'Owner',
      value: (row) => (row.ownerId ? (owners[row.ownerId] ?? null) : null),
    },
    {
      key: 'progress',
      header: 'Progress (%)',
      value: (row) => percentNumber(row.progress),
      render: (row) => (
        <ProgressCell
          progress={row.progress}
          expected={expected}
          health={row.health}
          label={`Progress of ${row.title}`}
        />
      ),
    },
    { key: 'status', header: 'Status', value: (row) => healthText(row.health) },
  ];
  return (
    <DataTable
      id="unaligned"
      caption="Unaligned objectives"
      rows={objectives}
      columns={columns}
      rowKey={(row) => row.id}
      defaultSort={{ key: 'title', direction: 'asc' }}
      choiceFilter={{
        label: 'Level',
        options: (['team', 'shared', 'individual'] as const).map((level) => ({
          value: level,
          label: LEVEL_LABEL[level],
        })),
        matches: (row, value) => row.level === value,
      }}
      empty={
        <p className="calm-note">
          Every objective serves a parent objective: alignment you can see.
        </p>
      }
    />
  );
}

export function StaleTable({ org, rows }: { org: string; rows: StaleRow[] }): ReactElement {
  const columns: Column<StaleRow>[] = [
    {
      key: 'keyResult',
      header: 'Key result',
      value: (row) => row.keyResult.title,
      render: (row) => <Link to={objectivePath(org, row.objective.id)}>{row.keyResult.title}</Link>,
    },
    { key: 'objective', header: 'Objective', value: (row) => row.objective.title },
    { key: 'team', header: 'Team', value: (row) => row.objective.team?.name ?? null },
    { key: 'owner', header: 'Owner', value: (row) => row.keyResult.owner?.name ?? null },
    {
      key: 'last',
      header: 'Last check-in',
      value: (row) => row.keyResult.lastCheckInAt,
      // Never checked in sorts as the oldest.
      sortValue: (row) => row.keyResult.lastCheckInAt ?? '0000',
      render: (row) =>
        row.keyResult.lastCheckInAt ? (
          <RelativeTime iso={row.keyResult.lastCheckInAt} />
        ) : (
          <span className="muted">Never</span>
        ),
    },
    {
      key: 'progress',
      header: 'Progress (%)',
      value: (row) => percentNumber(row.keyResult.progress),
      numeric: true,
    },
  ];
  return (
    <DataTable
      id="stale"
      caption="Stale check-ins"
      rows={rows}
      columns={columns}
      rowKey={(row) => row.keyResult.id}
      defaultSort={{ key: 'last', direction: 'asc' }}
      empty={<p className="calm-note">Every key result checked has had a check-in this week.</p>}
    />
  );
}

const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Advice' } as const;

export function QualityTable({
  org,
  issues,
}: {
  org: string;
  issues: QualityIssue[];
}): ReactElement {
  const columns: Column<QualityIssue>[] = [
    {
      key: 'objective',
      header: 'Objective',
      value: (row) => row.objectiveTitle,
      render: (row) => <Link to={objectivePath(org, row.objectiveId)}>{row.objectiveTitle}</Link>,
    },
    {
      key: 'severity',
      header: 'Severity',
      value: (row) => SEVERITY_LABEL[row.finding.severity],
      sortValue: (row) => (row.finding.severity === 'error' ? 0 : 1),
      render: (row) => (
        <span className={`severity severity-${row.finding.severity}`}>
          {SEVERITY_LABEL[row.finding.severity]}
        </span>
      ),
    },
    { key: 'issue', header: 'Issue', value: (row) => row.finding.message },
    { key: 'team', header: 'Team', value: (row) => row.teamName },
    { key: 'owner', header: 'Owner', value: (row) => row.ownerName },
  ];
  return (
    <DataTable
      id="quality"
      caption="Quality issues"
      rows={issues}
      columns={columns}
      rowKey={(row) =>
        `${row.objectiveId}:${row.finding.ruleId}:${row.finding.keyResultIndex ?? ''}:${row.finding.message}`
      }
      defaultSort={{ key: 'severity', direction: 'asc' }}
      choiceFilter={{
        label: 'Severity',
        options: [
          { value: 'error', label: 'Errors' },
          { value: 'warning', label: 'Warnings' },
        ],
        matches: (row, value) => row.finding.severity === value,
      }}
      empty={<p className="calm-note">No quality issues in the objectives checked.</p>}
    />
  );
}
