/** Routes of the cadence feature, mounted under /orgs/:org by web/src/app/router.tsx. */
import { lazy, Suspense, type ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/states.tsx';

const CadencePage = lazy(async () => ({
  default: (await import('./components/cadence-page.tsx')).CadencePage,
}));

function LazyCadence(): ReactElement {
  return (
    <Suspense fallback={<LoadingState label="Loading the cadence…" />}>
      <CadencePage />
    </Suspense>
  );
}

export const cadenceRoutes: RouteObject[] = [{ path: 'cadence', element: <LazyCadence /> }];
