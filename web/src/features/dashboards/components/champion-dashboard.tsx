/**
 * The OKR champion's dashboard: the health of the practice. The cycle's state, status and progress
 * at a glance (charts), then tables of what needs a nudge: people without OKRs, unaligned
 * objectives, stale check-ins and quality issues. Key results, check-in dates and quality need
 * each objective's details, loaded for the first objectives of the cycle (`?checked=`, 100 more
 * on request); the page says how many were checked.
 */
import type { CycleView } from '@contracts/api/cycles.ts';
import { useMemo, type ReactElement } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { formatDay, formatNumber, formatPercent } from '../../../lib/format.ts';
import { CONFIDENCE_LABEL } from '../../../lib/labels.ts';
import { expectedProgress } from '../../../lib/pace.ts';
import { useCycleTree, useMembers, useObjectiveDetails } from '../api/dashboard-data.ts';
import {
  confidenceDistribution,
  daysLeft,
  healthCounts,
  peopleWithoutOkrs,
  progressDistribution,
  readableNodes,
  STALE_AFTER_DAYS,
  staleKeyResults,
  unalignedObjectives,
} from '../lib/figures.ts';
import { qualityIssues } from '../lib/quality-issues.ts';
import { BarList, Histogram, StatusBar } from './charts.tsx';
import {
  PeopleTable,
  QualityTable,
  StaleTable,
  UnalignedTable,
  type StaleRow,
} from './champion-tables.tsx';

const CHECK_STEP = 100;

export function ChampionDashboard({ org, cycle }: { org: string; cycle: CycleView }): ReactElement {
  const [params, setParams] = useSearchParams();
  const tree = useCycleTree(org, cycle.id);
  const members = useMembers(org);
  const expected = expectedProgress(cycle);
  const now = Date.now();

  const nodes = useMemo(() => (tree.data ? readableNodes(tree.data.nodes) : []), [tree.data]);
  const limit = Math.max(CHECK_STEP, Number(params.get('checked')) || CHECK_STEP);
  const checkedIds = useMemo(() => nodes.slice(0, limit).map((node) => node.id), [nodes, limit]);
  const details = useObjectiveDetails(org, checkedIds);

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

  if (tree.data.nodes.length === 0) {
    return (
      <EmptyState title={`No objectives in ${cycle.name} yet`}>
        <p>
          The health of the practice shows once people write their OKRs: start with the company
          objectives, then ask each team lead to align a team objective to one of them. The
          wizard&apos;s quality feedback helps them write objectives as outcomes with 2 to 5
          measurable key results.{' '}
          <Link to={`/orgs/${encodeURIComponent(org)}/playbook`}>
            Edit the wizard&apos;s playbook
          </Link>
        </p>
      </EmptyState>
    );
  }

  const privateCount = tree.data.nodes.length - nodes.length;
  const keyResults = details.objectives.flatMap((objective) => objective.keyResults);
  const allChecked = details.settled >= nodes.length && !details.isPending;
  const checkedLine = `${formatNumber(details.objectives.length)} of ${formatNumber(nodes.length)} objectives checked`;
  const activeCycle = cycle.status === 'active';
  const stale: StaleRow[] = activeCycle
    ? details.objectives.flatMap((objective) =>
        staleKeyResults(objective.keyResults, now).map((keyResult) => ({ keyResult, objective })),
      )
    : [];
  const unaligned = unalignedObjectives(nodes);
  const issues = qualityIssues(details.objectives);
  const keyResultOwners = keyResults.flatMap((keyResult) =>
    keyResult.owner ? [keyResult.owner.id] : [],
  );
  const withoutKeyResults = nodes.filter((node) => node.keyResultCount === 0).length;
  const totalKeyResults = nodes.reduce((sum, node) => sum + node.keyResultCount, 0);
  const confidence = confidenceDistribution(keyResults);

  return (
    <div className="dashboard">
      <section className="section" aria-labelledby="champion-cycle">
        <h2 id="champion-cycle">Cycle state</h2>
        <dl className="stat-grid">
          <Stat label="Status" value={cycle.status[0]?.toUpperCase() + cycle.status.slice(1)} />
          <Stat
            label="Time gone"
            value={formatPercent(expected)}
            note={`${formatNumber(daysLeft(cycle.endDate, now))} days left, ends ${formatDay(cycle.endDate)}`}
          />
          <Stat
            label="Objectives"
            value={formatNumber(tree.data.nodes.length)}
            note={privateCount > 0 ? `${formatNumber(privateCount)} private to others` : undefined}
          />
          <Stat label="Key results" value={formatNumber(totalKeyResults)} />
          <Stat
            label="Objectives without key results"
            value={formatNumber(withoutKeyResults)}
            warn={withoutKeyResults > 0}
          />
          <Stat
            label="Unaligned objectives"
            value={formatNumber(unaligned.length)}
            warn={unaligned.length > 0}
          />
        </dl>
      </section>

      <section className="section" aria-labelledby="champion-charts">
        <h2 id="champion-charts">At a glance</h2>
        <div className="chart-grid">
          <div className="card figure-card">
            <StatusBar counts={healthCounts(nodes)} caption="Objectives by status" />
          </div>
          <div className="card figure-card">
            <Histogram
              buckets={progressDistribution(nodes.map((node) => node.progress))}
              caption={`Objectives by progress (${formatPercent(expected)} of the cycle gone)`}
              noun="objective"
            />
          </div>
          <div className="card figure-card">
            <BarList
              caption={`Key results by confidence (${checkedLine})`}
              noun="key result"
              items={[
                {
                  key: 'low',
                  label: CONFIDENCE_LABEL.low,
                  count: confidence.low,
                  tone: 'fill-off_track',
                },
                {
                  key: 'medium',
                  label: CONFIDENCE_LABEL.medium,
                  count: confidence.medium,
                  tone: 'fill-at_risk',
                },
                {
                  key: 'high',
                  label: CONFIDENCE_LABEL.high,
                  count: confidence.high,
                  tone: 'fill-on_track',
                },
                { key: 'none', label: 'Not given', count: confidence.none, tone: 'fill-none' },
              ]}
            />
          </div>
        </div>
      </section>

      <div className="check-progress card" role="status">
        <p>
          <strong>{checkedLine}</strong> for key results, check-ins and quality
          {details.isPending ? ' — loading…' : '.'}
          {details.failed > 0 && ` ${formatNumber(details.failed)} could not be loaded.`}
        </p>
        {details.failed > 0 && (
          <button type="button" className="button" onClick={details.retry}>
            Try those again
          </button>
        )}
        {!allChecked && !details.isPending && nodes.length > limit && (
          <button
            type="button"
            className="button"
            onClick={() =>
              setParams(
                (current) => {
                  const next = new URLSearchParams(current);
                  next.set('checked', String(limit + CHECK_STEP));
                  return next;
                },
                { replace: true, preventScrollReset: true },
              )
            }
          >
            Check {formatNumber(Math.min(CHECK_STEP, nodes.length - limit))} more
          </button>
        )}
      </div>

      <section className="section" aria-labelledby="champion-people">
        <h2 id="champion-people">People without OKRs</h2>
        <p className="muted small">
          Members who own no objective in this cycle and no key result
          {allChecked
            ? ''
            : ` in the ${formatNumber(details.objectives.length)} objectives checked`}
          .
        </p>
        {members.isPending ? (
          <LoadingState label="Loading the members…" rows={2} />
        ) : members.isError ? (
          <ErrorState
            error={members.error}
            what="The members"
            onRetry={() => void members.refetch()}
          />
        ) : (
          <PeopleTable org={org} people={peopleWithoutOkrs(members.data, nodes, keyResultOwners)} />
        )}
      </section>

      <section className="section" aria-labelledby="champion-unaligned">
        <h2 id="champion-unaligned">Unaligned objectives</h2>
        <p className="muted small">
          Team, shared and individual objectives that serve no parent objective.
        </p>
        <UnalignedTable
          org={org}
          objectives={unaligned}
          owners={tree.data.owners}
          teams={tree.data.teams}
          expected={expected}
        />
      </section>

      <section className="section" aria-labelledby="champion-stale">
        <h2 id="champion-stale">Stale check-ins</h2>
        <p className="muted small">
          Key results without a check-in in the last {STALE_AFTER_DAYS} days ({checkedLine}).
        </p>
        {activeCycle ? (
          <StaleTable org={org} rows={stale} />
        ) : (
          <p className="calm-note">
            Check-ins are due only while a cycle is active; this one is {cycle.status}.
          </p>
        )}
      </section>

      <section className="section" aria-labelledby="champion-quality">
        <h2 id="champion-quality">Quality issues</h2>
        <p className="muted small">
          The wizard&apos;s quality rules applied to each objective and its key results (
          {checkedLine}).{' '}
          <Link to={`/orgs/${encodeURIComponent(org)}/playbook`}>
            Edit the playbook: the wizard&apos;s guidance and the rules&apos; advice
          </Link>
        </p>
        <QualityTable org={org} issues={issues} />
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
