/** Routes of the announcements feature, mounted under /orgs/:org by web/src/app/router.tsx. */
import { lazy, Suspense, type ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/states.tsx';

const AnnouncementsPage = lazy(async () => ({
  default: (await import('./components/announcements-page.tsx')).AnnouncementsPage,
}));
const AnnouncementPage = lazy(async () => ({
  default: (await import('./components/announcement-page.tsx')).AnnouncementPage,
}));

function Lazy({ page }: { page: 'list' | 'one' }): ReactElement {
  return (
    <Suspense fallback={<LoadingState label="Loading the announcements…" />}>
      {page === 'list' ? <AnnouncementsPage /> : <AnnouncementPage />}
    </Suspense>
  );
}

export const announcementsRoutes: RouteObject[] = [
  { path: 'announcements', element: <Lazy page="list" /> },
  { path: 'announcements/:id', element: <Lazy page="one" /> },
];
