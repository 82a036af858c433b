/** Routes of the spreadsheet import, mounted under /orgs/:org by web/src/app/router.tsx. */
import { lazy, Suspense, type ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/states.tsx';

const ImportPage = lazy(async () => ({
  default: (await import('./components/import-page.tsx')).ImportPage,
}));

function LazyImport(): ReactElement {
  return (
    <Suspense fallback={<LoadingState label="Loading the import…" />}>
      <ImportPage />
    </Suspense>
  );
}

export const importsRoutes: RouteObject[] = [{ path: 'import', element: <LazyImport /> }];
