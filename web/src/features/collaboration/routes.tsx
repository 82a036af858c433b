/** Routes of the collaboration feature (requests for help, the cross-team map), under /orgs/:org. */
import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/states.tsx';

const TeamRequestsPage = lazy(() =>
  import('./components/team-requests-page.tsx').then((module) => ({
    default: module.TeamRequestsPage,
  })),
);
const MyRequestsRedirect = lazy(() =>
  import('./components/team-requests-page.tsx').then((module) => ({
    default: module.MyRequestsRedirect,
  })),
);
const CrossTeamMapPage = lazy(() =>
  import('./components/cross-team-map-page.tsx').then((module) => ({
    default: module.CrossTeamMapPage,
  })),
);

function page(Page: ComponentType): ReactElement {
  return (
    <Suspense fallback={<LoadingState />}>
      <Page />
    </Suspense>
  );
}

export const collaborationRoutes: RouteObject[] = [
  { path: 'requests', element: page(MyRequestsRedirect) },
  { path: 'teams/:id/requests', element: page(TeamRequestsPage) },
  { path: 'collaboration/map', element: page(CrossTeamMapPage) },
];
