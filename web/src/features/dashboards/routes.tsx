/**
 * Routes of the dashboards feature, mounted under /orgs/:org by web/src/app/router.tsx:
 * `dashboard` opens the first dashboard of the person's roles, `dashboard/:tab` one of them
 * (executive, champion, lead, coordinator). The page loads lazily: it is not the first page.
 */
import { lazy, Suspense, type ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/states.tsx';

const DashboardPage = lazy(async () => {
  const module = await import('./components/dashboard-page.tsx');
  return { default: module.DashboardPage };
});

function LazyDashboard(): ReactElement {
  return (
    <Suspense fallback={<LoadingState label="Loading the dashboard…" />}>
      <DashboardPage />
    </Suspense>
  );
}

export const dashboardsRoutes: RouteObject[] = [
  { path: 'dashboard', element: <LazyDashboard /> },
  { path: 'dashboard/:tab', element: <LazyDashboard /> },
];
