/** Routes of the grading feature, mounted under /orgs/:org by web/src/app/router.tsx. */
import { lazy, Suspense, type ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/states.tsx';

const GradingPage = lazy(async () => ({
  default: (await import('./components/grading-page.tsx')).GradingPage,
}));
const CycleReportPage = lazy(async () => ({
  default: (await import('./components/cycle-report-page.tsx')).CycleReportPage,
}));

function Lazy({ page }: { page: 'grading' | 'report' }): ReactElement {
  return (
    <Suspense
      fallback={
        <LoadingState
          label={page === 'grading' ? 'Loading grading…' : 'Loading the cycle report…'}
        />
      }
    >
      {page === 'grading' ? <GradingPage /> : <CycleReportPage />}
    </Suspense>
  );
}

export const gradingRoutes: RouteObject[] = [
  { path: 'grading', element: <Lazy page="grading" /> },
  { path: 'grading/:cycleId/report', element: <Lazy page="report" /> },
];
