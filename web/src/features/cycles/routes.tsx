/** Routes of the cycles feature, mounted under /orgs/:org by web/src/app/router.tsx. */
import { lazy, Suspense, type ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/states.tsx';

const CyclesPage = lazy(async () => ({
  default: (await import('./components/cycles-page.tsx')).CyclesPage,
}));
const ScoreRequestsPage = lazy(async () => ({
  default: (await import('./components/score-requests-page.tsx')).ScoreRequestsPage,
}));

function Lazy({ page }: { page: 'cycles' | 'score' }): ReactElement {
  return (
    <Suspense fallback={<LoadingState label="Loading…" />}>
      {page === 'cycles' ? <CyclesPage /> : <ScoreRequestsPage />}
    </Suspense>
  );
}

export const cyclesRoutes: RouteObject[] = [
  { path: 'cycles', element: <Lazy page="cycles" /> },
  { path: 'score-requests', element: <Lazy page="score" /> },
];
