/** Routes of the approvals feature (the lead's queue and the approval setting), mounted under /orgs/:org. */
import { lazy, Suspense, type ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/states.tsx';

const ApprovalsPage = lazy(() =>
  import('./components/approvals-page.tsx').then((module) => ({ default: module.ApprovalsPage })),
);

function LazyApprovals(): ReactElement {
  return (
    <Suspense fallback={<LoadingState label="Loading approvals…" />}>
      <ApprovalsPage />
    </Suspense>
  );
}

export const approvalsRoutes: RouteObject[] = [{ path: 'approvals', element: <LazyApprovals /> }];
