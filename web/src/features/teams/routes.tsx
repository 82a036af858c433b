/** Routes of the teams feature (team tree, team pages, person pages), mounted under /orgs/:org. */
import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/states.tsx';

const TeamsPage = lazy(() =>
  import('./components/teams-page.tsx').then((module) => ({ default: module.TeamsPage })),
);
const TeamPage = lazy(() =>
  import('./components/team-page.tsx').then((module) => ({ default: module.TeamPage })),
);
const PersonPage = lazy(() =>
  import('./components/person-page.tsx').then((module) => ({ default: module.PersonPage })),
);

function page(Page: ComponentType): ReactElement {
  return (
    <Suspense fallback={<LoadingState />}>
      <Page />
    </Suspense>
  );
}

export const teamsRoutes: RouteObject[] = [
  { path: 'teams', element: page(TeamsPage) },
  { path: 'teams/:id', element: page(TeamPage) },
  { path: 'people/:userId', element: page(PersonPage) },
];
