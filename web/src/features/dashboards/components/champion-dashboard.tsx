/**
 * The OKR champion's dashboard: the health of the practice for one cycle, as the server computes
 * it (GET /orgs/:org/health, the same rules for every client): the totals, charts of status,
 * progress and confidence, then tables of what needs a nudge — coverage per team, people without
 * objectives, alignment gaps, check-in compliance over the last weeks (`?weeks=`), quality
 * issues, at-risk and off-track objectives. Every table exports CSV.
 */
import type { CycleView } from '@contracts/api/cycles.ts';
import { useId, type ReactElement } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { formatDay, formatNumber, formatPercent } from '../../../lib/format.ts';
import { CONFIDENCE_LABEL } from '../../../lib/labels.ts';
import { expectedProgress } from '../../../lib/pace.ts';
import { useHealth } from '../api/dashboard-data.ts';
import { daysLeft } from '../lib/figures.ts';
import { BarList, Histogram, StatusBar } from './charts.tsx';
import {
  ComplianceTable,
  CoverageTable,
  HealthQualityTable,
  ObjectiveTable,
  PeopleWithoutTable,
} from './health-tables.tsx';

const WEEK_CHOICES = [4, 6, 8, 12] as const;

export function ChampionDashboard({ org, cycle }: { org: string; cycle: CycleView }): ReactElement {
  const [params, setParams] = useSearchParams();
  const weeks = WEEK_CHOICES.find((w) => String(w) === params.get('weeks')) ?? 6;
  const health = useHealth(org, cycle.id, weeks);
  const weeksId = useId();
  const expected = expectedProgress(cycle);
  const now = Date.now();

  if (health.isPending) return <LoadingState label="Loading the OKR health…" />;
  if (health.isError) {
    return (
      <ErrorState
        error={health.error}
        what="The OKR health"
        onRetry={() => void health.refetch()}
      />
    );
  }
  const h = health.data;
  if (h.totals.objectives === 0) {
    return (
      <EmptyState title={`No objectives in ${cycle.name} yet`}>
        <p>
          The health of the practice shows once people write their OKRs: start with the company
          objectives, then ask each team lead to align a team objective to one of them. The
          wizard&apos;s quality feedback helps them write objectives as outcomes with 2 to 5
          measurable key results.{' '}
          <Link to={`/orgs/${encodeURIComponent(org)}/cycles`}>Cycles</Link> ·{' '}
          <Link to={`/orgs/${encodeURIComponent(org)}/playbook`}>
            Edit the wizard&apos;s playbook
          </Link>
        </p>
      </EmptyState>
    );
  }
  const gaps = h.alignmentGaps.items.length + h.alignmentGaps.hidden;
  const issues = h.qualityIssues.items.length + h.qualityIssues.hidden;

  return (
    <div className="dashboard">
      <section className="section" aria-labelledby="champion-cycle">
        <h2 id="champion-cycle">Cycle state</h2>
        <p className="small">
          <Link to={`/orgs/${encodeURIComponent(org)}/cycles`}>Run the cycles</Link> (create,
          activate, grade, close, carry over)
        </p>
        <dl className="stat-grid">
          <Stat label="Status" value={cycle.status[0]?.toUpperCase() + cycle.status.slice(1)} />
          <Stat
            label="Time gone"
            value={formatPercent(expected)}
            note={`${formatNumber(daysLeft(cycle.endDate, now))} days left, ends ${formatDay(cycle.endDate)}`}
          />
          <Stat label="Objectives" value={formatNumber(h.totals.objectives)} />
          <Stat label="Key results" value={formatNumber(h.totals.keyResults)} />
          <Stat
            label="Teams without objectives"
            value={`${formatNumber(h.totals.teamsWithoutObjectives)} of ${formatNumber(h.totals.teams)}`}
            warn={h.totals.teamsWithoutObjectives > 0}
          />
          <Stat
            label="People without objectives"
            value={`${formatNumber(h.totals.peopleWithoutObjectives)} of ${formatNumber(h.totals.people)}`}
            warn={h.totals.peopleWithoutObjectives > 0}
          />
          <Stat label="Alignment gaps" value={formatNumber(gaps)} warn={gaps > 0} />
          <Stat label="Quality issues" value={formatNumber(issues)} warn={issues > 0} />
        </dl>
      </section>

      <section className="section" aria-labelledby="champion-charts">
        <h2 id="champion-charts">At a glance</h2>
        <div className="chart-grid">
          <div className="card figure-card">
            <StatusBar counts={h.status} caption="Objectives by status" />
          </div>
          <div className="card figure-card">
            <Histogram
              buckets={h.progressDeciles.map((count, index) => ({
                from: index / 10,
                to: (index + 1) / 10,
                count,
              }))}
              caption={`Objectives by progress (${formatPercent(expected)} of the cycle gone)`}
              noun="objective"
            />
          </div>
          <div className="card figure-card">
            <BarList
              caption="Key results by confidence"
              noun="key result"
              items={[
                {
                  key: 'low',
                  label: CONFIDENCE_LABEL.low,
                  count: h.confidence.low,
                  tone: 'fill-off_track',
                },
                {
                  key: 'medium',
                  label: CONFIDENCE_LABEL.medium,
                  count: h.confidence.medium,
                  tone: 'fill-at_risk',
                },
                {
                  key: 'high',
                  label: CONFIDENCE_LABEL.high,
                  count: h.confidence.high,
                  tone: 'fill-on_track',
                },
                { key: 'none', label: 'Not given', count: h.confidence.none, tone: 'fill-none' },
              ]}
            />
          </div>
        </div>
      </section>

      <section className="section" aria-labelledby="champion-coverage">
        <h2 id="champion-coverage">Coverage per team</h2>
        <p className="muted small">
          Each team&apos;s objectives in this cycle and its members who own none.
        </p>
        <CoverageTable org={org} rows={h.coverage} />
      </section>

      <section className="section" aria-labelledby="champion-people">
        <h2 id="champion-people">People without objectives</h2>
        <PeopleWithoutTable org={org} people={h.peopleWithoutObjectives} />
      </section>

      <section className="section" aria-labelledby="champion-unaligned">
        <h2 id="champion-unaligned">Alignment gaps</h2>
        <p className="muted small">
          Team and individual objectives that serve no parent objective.
        </p>
        <ObjectiveTable
          org={org}
          id="gaps"
          caption="Alignment gaps"
          list={h.alignmentGaps}
          empty="Every team and individual objective serves a parent objective."
        />
      </section>

      <section className="section" aria-labelledby="champion-compliance">
        <h2 id="champion-compliance">Check-in compliance</h2>
        <p className="muted small">
          The share of each team&apos;s key results checked in during each week.{' '}
          <label htmlFor={weeksId}>Weeks shown</label>{' '}
          <select
            id={weeksId}
            className="input input-inline"
            value={weeks}
            onChange={(event) =>
              setParams(
                (current) => {
                  const next = new URLSearchParams(current);
                  next.set('weeks', event.target.value);
                  return next;
                },
                { replace: true, preventScrollReset: true },
              )
            }
          >
            {WEEK_CHOICES.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </p>
        <ComplianceTable org={org} health={h} />
      </section>

      <section className="section" aria-labelledby="champion-quality">
        <h2 id="champion-quality">Quality issues</h2>
        <p className="muted small">
          The wizard&apos;s quality rules applied to every objective and its key results.{' '}
          <Link to={`/orgs/${encodeURIComponent(org)}/playbook`}>
            Edit the playbook: the wizard&apos;s guidance and the rules&apos; advice
          </Link>
        </p>
        <HealthQualityTable org={org} issues={h.qualityIssues} />
      </section>

      <section className="section" aria-labelledby="champion-risk">
        <h2 id="champion-risk">At risk and off track</h2>
        <ObjectiveTable
          org={org}
          id="offtrack"
          caption="Off track"
          list={h.offTrack}
          empty="No objective is off track."
        />
        <ObjectiveTable
          org={org}
          id="atrisk"
          caption="At risk"
          list={h.atRisk}
          empty="No objective is at risk."
        />
      </section>
    </div>
  );
}

function Stat({
  label,
  value,
  note,
  warn = false,
}: {
  label: string;
  value: string;
  note?: string | undefined;
  warn?: boolean;
}): ReactElement {
  return (
    <div className={`stat card${warn ? ' stat-warn' : ''}`}>
      <dt>{label}</dt>
      <dd className="stat-value">{value}</dd>
      {note && <dd className="small muted">{note}</dd>}
    </div>
  );
}
