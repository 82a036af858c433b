/**
 * The cycle report: scores per team (a chart and a table), per level, and per objective, with
 * what the retrospectives say was learned. Downloads as Markdown or CSV; prints cleanly (the
 * app's header, buttons and links' decoration are left off the paper).
 */
import type { CycleReportView } from '@contracts/api/knowledge.ts';
import type { ReactElement, ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorState, LoadingState } from '../../../components/states.tsx';
import { formatPercent } from '../../../lib/format.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { reportDownloadUrl, useCycleReport } from '../api/grading.ts';
import { ScoreBadge } from './score-badge.tsx';
import { TeamScoreChart } from './team-score-chart.tsx';
import './grading.css';
import './cycle-report.css';

const score = (value: number | null) => (value === null ? '—' : value.toFixed(2));

/** A table that scrolls sideways on a narrow screen instead of widening the page. */
function TableScroller({ label, children }: { label: string; children: ReactNode }): ReactElement {
  return (
    <div className="report-table-scroller" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

function GroupTable({
  caption,
  column,
  groups,
}: {
  caption: string;
  column: string;
  groups: CycleReportView['byTeam'];
}): ReactElement {
  return (
    <TableScroller label={`${caption}, table`}>
      <table className="report-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{column}</th>
            <th scope="col" className="numeric">
              Objectives
            </th>
            <th scope="col" className="numeric">
              Scored
            </th>
            <th scope="col" className="numeric">
              Confirmed
            </th>
            <th scope="col">Average score</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.key}>
              <th scope="row">{group.key}</th>
              <td className="numeric">{group.objectives}</td>
              <td className="numeric">{group.scored}</td>
              <td className="numeric">{group.confirmed}</td>
              <td>
                <ScoreBadge score={group.average} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}

export function CycleReportPage(): ReactElement {
  const { org = '', cycleId = '' } = useParams();
  const report = useCycleReport(org, cycleId);
  useDocumentTitle(report.data ? `Cycle report ${report.data.cycle.name}` : 'Cycle report');
  if (report.isPending) return <LoadingState label="Loading the cycle report…" />;
  if (report.isError)
    return (
      <ErrorState
        error={report.error}
        what="The cycle report"
        onRetry={() => void report.refetch()}
      />
    );
  const { cycle, overall, byTeam, byLevel, objectives } = report.data;
  const base = `/orgs/${encodeURIComponent(org)}`;
  const learned = objectives.filter((objective) => objective.learned);
  return (
    <div className="page cycle-report">
      <header className="page-header grading-header">
        <div>
          <h1>Cycle report: {cycle.name}</h1>
          <p className="muted">
            {cycle.startDate} to {cycle.endDate} · {cycle.status} · {overall.objectives} objectives,{' '}
            {overall.scored} scored, {overall.confirmed} confirmed · average score{' '}
            {score(overall.average)}
          </p>
        </div>
        <div className="grading-header-actions no-print">
          <Link
            className="button button-quiet"
            to={`${base}/grading?cycle=${encodeURIComponent(cycle.id)}`}
          >
            Back to grading
          </Link>
          <a
            className="button"
            href={reportDownloadUrl(org, cycle.id, 'md')}
            download={`${cycle.name}-report.md`}
          >
            Markdown
          </a>
          <a
            className="button"
            href={reportDownloadUrl(org, cycle.id, 'csv')}
            download={`${cycle.name}-report.csv`}
          >
            CSV
          </a>
          <button type="button" className="button button-primary" onClick={() => window.print()}>
            Print
          </button>
        </div>
      </header>

      <section className="section report-section" aria-labelledby="report-teams">
        <h2 id="report-teams">Scores per team</h2>
        {byTeam.length === 0 ? (
          <p className="muted">No objectives in this cycle.</p>
        ) : (
          <>
            <TeamScoreChart teams={byTeam} titleId="report-teams" />
            <GroupTable caption="Scores per team" column="Team" groups={byTeam} />
          </>
        )}
      </section>

      <section className="section report-section" aria-labelledby="report-levels">
        <h2 id="report-levels">Scores per level</h2>
        <GroupTable caption="Scores per level" column="Level" groups={byLevel} />
      </section>

      <section className="section report-section" aria-labelledby="report-objectives">
        <h2 id="report-objectives">Objectives</h2>
        <TableScroller label="Objectives and their scores">
          <table className="report-table">
            <caption className="visually-hidden">Every objective with its scores</caption>
            <thead>
              <tr>
                <th scope="col">Objective</th>
                <th scope="col">Team</th>
                <th scope="col">Owner</th>
                <th scope="col" className="numeric">
                  Progress
                </th>
                <th scope="col" className="numeric">
                  Proposed
                </th>
                <th scope="col" className="numeric">
                  Confirmed
                </th>
                <th scope="col">Score</th>
              </tr>
            </thead>
            <tbody>
              {objectives.map((objective) => (
                <tr key={objective.id}>
                  <th scope="row">
                    <Link to={`${base}/objectives/${encodeURIComponent(objective.id)}`}>
                      {objective.title}
                    </Link>
                    <span className="small muted"> · {objective.level}</span>
                  </th>
                  <td>{objective.team}</td>
                  <td>{objective.owner ?? '—'}</td>
                  <td className="numeric">{formatPercent(objective.progress)}</td>
                  <td className="numeric">{score(objective.proposedScore)}</td>
                  <td className="numeric">{score(objective.confirmedScore)}</td>
                  <td>
                    <ScoreBadge score={objective.score} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      </section>

      {learned.length > 0 && (
        <section className="section report-section" aria-labelledby="report-learned">
          <h2 id="report-learned">What we learned</h2>
          <ul className="report-learned">
            {learned.map((objective) => (
              <li key={objective.id}>
                <strong>{objective.title}:</strong> {objective.learned}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
