/**
 * /orgs/:org/dashboard[/:tab]: the dashboards of the signed-in person's roles as tabs (links, so
 * the URL holds the tab), over one cycle (`?cycle=`, default the active one). Someone with no
 * dashboard role gets an explanation and their team's view.
 */
import type { CycleView } from '@contracts/api/cycles.ts';
import type { ReactElement } from 'react';
import { Link, Navigate, NavLink, useParams, useSearchParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { formatDay } from '../../../lib/format.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { defaultCycle, useCycles, useMe } from '../api/dashboard-data.ts';
import { dashboardTabs, isDashboardTab, TAB_LABEL, type DashboardTab } from '../lib/roles.ts';
import { ChampionDashboard } from './champion-dashboard.tsx';
import { CoordinatorDashboard } from './coordinator-dashboard.tsx';
import { ExecutiveDashboard } from './executive-dashboard.tsx';
import { TeamDashboard } from './team-dashboard.tsx';
import './dashboards.css';

export function DashboardPage(): ReactElement {
  const { org = '', tab } = useParams();
  const [params, setParams] = useSearchParams();
  const me = useMe();
  const cycles = useCycles(org);
  useDocumentTitle(isDashboardTab(tab) ? `${TAB_LABEL[tab]} dashboard` : 'Dashboard');

  if (me.isPending) return <LoadingState label="Loading your dashboards…" />;
  if (me.isError) {
    return <ErrorState error={me.error} what="Your account" onRetry={() => void me.refetch()} />;
  }
  const membership = me.data.organisations.find((organisation) => organisation.slug === org);
  const tabs = membership ? dashboardTabs(membership) : [];
  const cycleParam = params.get('cycle');
  const keep = cycleParam ? `?cycle=${encodeURIComponent(cycleParam)}` : '';
  const base = `/orgs/${encodeURIComponent(org)}/dashboard`;

  if (tab === undefined && tabs[0] !== undefined) {
    return <Navigate to={`${base}/${tabs[0]}${keep}`} replace />;
  }

  const cycleList = cycles.data ?? [];
  const cycle =
    cycleList.find((candidate) => candidate.id === cycleParam) ?? defaultCycle(cycleList);
  const ledTeams = membership?.teams.filter((team) => team.isLead) ?? [];
  const ownTeams = membership?.teams ?? [];

  const body = (): ReactElement => {
    if (cycles.isPending) return <LoadingState label="Loading the cycles…" />;
    if (cycles.isError) {
      return (
        <ErrorState error={cycles.error} what="The cycles" onRetry={() => void cycles.refetch()} />
      );
    }
    if (!cycle) {
      return (
        <EmptyState title="No cycle yet">
          <p>
            Dashboards show how a cycle, such as a quarter, is going. Once your OKR champion opens
            the first cycle and people write their objectives, the figures appear here.
          </p>
        </EmptyState>
      );
    }
    if (tab === undefined) return <NoRoleView org={org} cycle={cycle} teams={ownTeams} />;
    if (!isDashboardTab(tab)) {
      return (
        <EmptyState title="There is no such dashboard">
          <p>
            The dashboards are for executives, OKR champions, team leads and coordinators.{' '}
            <Link to={`${base}${keep}`}>Open your dashboard</Link>.
          </p>
        </EmptyState>
      );
    }
    if (!tabs.includes(tab)) return <NotYourTab tab={tab} tabs={tabs} base={base} keep={keep} />;
    switch (tab) {
      case 'executive':
        return <ExecutiveDashboard org={org} cycle={cycle} />;
      case 'champion':
        return <ChampionDashboard org={org} cycle={cycle} />;
      case 'lead':
        return <TeamDashboard org={org} cycle={cycle} teams={ledTeams} role="lead" />;
      case 'coordinator':
        return <CoordinatorDashboard org={org} cycle={cycle} />;
    }
  };

  return (
    <div className="page dashboard-page">
      <header className="page-header">
        <div className="section-header">
          <h1>
            {isDashboardTab(tab) && tabs.includes(tab)
              ? `${TAB_LABEL[tab]} dashboard`
              : 'Dashboard'}
          </h1>
          {cycleList.length > 1 && cycle && (
            <label className="field inline-field">
              <span className="field-label">Cycle</span>
              <select
                className="input"
                value={cycle.id}
                onChange={(event) =>
                  setParams((current) => {
                    // Another cycle starts the dashboard afresh: filters of the old one do not apply.
                    const next = new URLSearchParams();
                    const team = current.get('team');
                    if (team) next.set('team', team);
                    next.set('cycle', event.target.value);
                    return next;
                  })
                }
              >
                {[...cycleList]
                  .sort((a, b) => b.startDate.localeCompare(a.startDate))
                  .map((option) => (
                    <option key={option.id} value={option.id}>
                      {option.name} ({option.status})
                    </option>
                  ))}
              </select>
            </label>
          )}
        </div>
        {cycle && (
          <p className="muted">
            {cycle.name} · {formatDay(cycle.startDate)} – {formatDay(cycle.endDate)} ·{' '}
            {cycle.status}
            {tab === 'champion' && (
              <>
                {' · '}
                <Link to={`/orgs/${org}/import`}>Import OKRs from a spreadsheet</Link>
              </>
            )}
          </p>
        )}
        {tabs.length > 1 && (
          <nav className="dashboard-tabs" aria-label="Dashboards">
            <ul>
              {tabs.map((candidate) => (
                <li key={candidate}>
                  <NavLink to={`${base}/${candidate}${keep}`}>{TAB_LABEL[candidate]}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      {body()}
    </div>
  );
}

function NotYourTab({
  tab,
  tabs,
  base,
  keep,
}: {
  tab: DashboardTab;
  tabs: DashboardTab[];
  base: string;
  keep: string;
}): ReactElement {
  return (
    <EmptyState title={`The ${TAB_LABEL[tab]} dashboard is not one of yours`}>
      <p>
        Each dashboard answers the questions of one role, and you do not have this one.{' '}
        {tabs.length > 0 ? 'Yours: ' : 'An admin can give you a role if you need it.'}
        {tabs.map((candidate, index) => (
          <span key={candidate}>
            {index > 0 && ', '}
            <Link to={`${base}/${candidate}${keep}`}>{TAB_LABEL[candidate]}</Link>
          </span>
        ))}
      </p>
    </EmptyState>
  );
}

function NoRoleView({
  org,
  cycle,
  teams,
}: {
  org: string;
  cycle: CycleView;
  teams: { id: string; name: string }[];
}): ReactElement {
  return (
    <>
      <section className="intro-card card" aria-labelledby="no-role-title">
        <h2 id="no-role-title">Dashboards come with a role</h2>
        <p>
          Executives see the company&apos;s progress, OKR champions the health of the whole
          practice, team leads their team, and coordinators shared objectives and dependencies. You
          have none of these roles, which is the usual case: your own key results are on{' '}
          <Link to={`/orgs/${encodeURIComponent(org)}/home`}>Home</Link>
          {teams.length > 0 ? ', and your team’s progress is below.' : '.'}
        </p>
      </section>
      {teams.length > 0 && <TeamDashboard org={org} cycle={cycle} teams={teams} role="member" />}
    </>
  );
}
