/** Routes of the weekly team review, mounted under /orgs/:org. */
import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/states.tsx';

const TeamReviewPage = lazy(() =>
  import('./components/team-review-page.tsx').then((module) => ({
    default: module.TeamReviewPage,
  })),
);

export const teamReviewRoutes: RouteObject[] = [
  {
    path: 'teams/:id/review',
    element: (
      <Suspense fallback={<LoadingState label="Loading the team review…" />}>
        <TeamReviewPage />
      </Suspense>
    ),
  },
];
