/** Routes of the notifications feature, mounted under /orgs/:org by web/src/app/router.tsx. */
import { lazy, Suspense, type ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/states.tsx';

const NotificationsPage = lazy(async () => ({
  default: (await import('./components/notifications-page.tsx')).NotificationsPage,
}));

function LazyNotifications(): ReactElement {
  return (
    <Suspense fallback={<LoadingState label="Loading notifications…" />}>
      <NotificationsPage />
    </Suspense>
  );
}

export const notificationsRoutes: RouteObject[] = [
  { path: 'notifications', element: <LazyNotifications /> },
];
