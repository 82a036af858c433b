/** Routes of presentation mode, mounted under /orgs/:org by web/src/app/router.tsx. */
import { lazy, Suspense, type ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/states.tsx';

const PresentationPage = lazy(async () => ({
  default: (await import('./components/presentation-page.tsx')).PresentationPage,
}));

function LazyPresentation(): ReactElement {
  return (
    <Suspense fallback={<LoadingState label="Loading the presentation…" />}>
      <PresentationPage />
    </Suspense>
  );
}

export const presentationRoutes: RouteObject[] = [
  { path: 'present', element: <LazyPresentation /> },
];
