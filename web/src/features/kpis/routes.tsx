/**
 * Routes of the KPIs feature, mounted under /orgs/:org by web/src/app/router.tsx: `kpis` lists
 * the health metrics, `kpis/:id` one of them with its values. Both load lazily.
 */
import { lazy, Suspense, type ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/states.tsx';

const KpisPage = lazy(async () => ({
  default: (await import('./components/kpis-page.tsx')).KpisPage,
}));
const KpiPage = lazy(async () => ({
  default: (await import('./components/kpi-page.tsx')).KpiPage,
}));

function Lazy({ page }: { page: 'list' | 'one' }): ReactElement {
  return (
    <Suspense fallback={<LoadingState label="Loading the KPIs…" />}>
      {page === 'list' ? <KpisPage /> : <KpiPage />}
    </Suspense>
  );
}

export const kpisRoutes: RouteObject[] = [
  { path: 'kpis', element: <Lazy page="list" /> },
  { path: 'kpis/:id', element: <Lazy page="one" /> },
];
