/** Routes of the playbook feature, mounted under /orgs/:org by web/src/app/router.tsx. */
import { lazy, Suspense, type ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/states.tsx';

const PlaybookPage = lazy(async () => ({
  default: (await import('./components/playbook-page.tsx')).PlaybookPage,
}));

function LazyPlaybook(): ReactElement {
  return (
    <Suspense fallback={<LoadingState label="Loading the playbook…" />}>
      <PlaybookPage />
    </Suspense>
  );
}

export const playbookRoutes: RouteObject[] = [{ path: 'playbook', element: <LazyPlaybook /> }];
