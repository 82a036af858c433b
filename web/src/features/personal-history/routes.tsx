/** Routes of the personal history feature, mounted under /orgs/:org by web/src/app/router.tsx. */
import { lazy, Suspense, type ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/states.tsx';

const PersonHistoryPage = lazy(async () => {
  const module = await import('./components/person-history-page.tsx');
  return { default: module.PersonHistoryPage };
});

function LazyHistory(): ReactElement {
  return (
    <Suspense fallback={<LoadingState label="Loading the history…" />}>
      <PersonHistoryPage />
    </Suspense>
  );
}

export const personalHistoryRoutes: RouteObject[] = [
  { path: 'people/:userId/history', element: <LazyHistory /> },
];
