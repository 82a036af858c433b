/**
 * The executive's two questions side by side: how are the company objectives doing this cycle,
 * and are the business's health metrics (KPIs) green? Each row links to its page.
 */
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import type { TreeNodeView } from '@contracts/api/okrs.ts';
import { KpiSparkline, KpiStatusBadge, formatKpiValue } from '../../../components/kpi-status.tsx';
import { HealthBadge } from '../../../components/health-badge.tsx';
import { ProgressBar } from '../../../components/progress-bar.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { useDashboardKpis } from '../api/dashboard-data.ts';

type ReadableNode = Extract<TreeNodeView, { level: string }>;

const RANK = { red: 0, amber: 1, green: 2 } as const;

export function CompanyAndKpis({
  org,
  company,
  expected,
}: {
  org: string;
  company: ReadableNode[];
  expected: number;
}): ReactElement {
  const kpis = useDashboardKpis(org);
  const orgPath = `/orgs/${encodeURIComponent(org)}`;
  const items = [...(kpis.data?.items ?? [])].sort(
    (a, b) =>
      (a.status ? RANK[a.status] : 3) - (b.status ? RANK[b.status] : 3) ||
      a.name.localeCompare(b.name),
  );
  return (
    <section className="section" aria-labelledby="exec-company-kpis">
      <h2 id="exec-company-kpis">Company objectives and KPIs</h2>
      <div className="company-kpis">
        <div className="card">
          <h3 className="company-kpis-heading">Company objectives</h3>
          {company.length === 0 ? (
            <p className="muted small">None in this cycle yet.</p>
          ) : (
            <ul className="company-kpis-list">
              {company.map((node) => (
                <li key={node.id}>
                  <Link to={`${orgPath}/objectives/${node.id}`}>{node.title}</Link>
                  <span className="company-kpis-figure">
                    <HealthBadge health={node.health} />
                    <ProgressBar
                      progress={node.progress}
                      expected={expected}
                      health={node.health}
                      label={`Progress of ${node.title}`}
                    />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="card">
          <h3 className="company-kpis-heading">
            KPIs{' '}
            <Link className="small" to={`${orgPath}/kpis`}>
              All KPIs
            </Link>
          </h3>
          {kpis.isPending && <LoadingState label="Loading the KPIs…" rows={2} />}
          {kpis.isError && (
            <ErrorState error={kpis.error} what="The KPIs" onRetry={() => void kpis.refetch()} />
          )}
          {kpis.isSuccess && items.length === 0 && (
            <EmptyState title="No KPIs yet">
              <p>
                KPIs are the health metrics watched all the time — uptime, churn, NPS.{' '}
                {kpis.data.canCreate && <Link to={`${orgPath}/kpis`}>Add the first one.</Link>}
              </p>
            </EmptyState>
          )}
          {items.length > 0 && (
            <ul className="company-kpis-list" aria-label="KPIs">
              {items.map((kpi) => (
                <li key={kpi.id}>
                  <Link to={`${orgPath}/kpis/${kpi.id}`}>{kpi.name}</Link>
                  <span className="company-kpis-figure">
                    <KpiStatusBadge status={kpi.status} />
                    <span className="row-value">
                      {kpi.latest ? formatKpiValue(kpi.latest.value, kpi.unit) : '—'}
                    </span>
                    <KpiSparkline kpi={kpi} width={96} height={24} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
