/**
 * Every page has its own shareable URL; the back button works because the router owns history.
 * Home and sign-in, the pages people land on, come with the first bundle; every other page is
 * its own chunk, loaded when first opened (the features' routes do the same for theirs).
 */
import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { LoadingState } from '../components/states.tsx';
import { HomePage } from '../features/home/components/home-page.tsx';
import { SignInPage } from '../features/auth/components/sign-in-page.tsx';
import { AppShell } from './app-shell.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { PlaceholderPage } from './placeholder-page.tsx';
import { RootRedirect } from './root-redirect.tsx';
import { accountRoutes, accountTopLevelRoutes } from '../features/account/routes.tsx';
import { alignmentMapRoutes } from '../features/alignment-map/routes.tsx';
import { approvalsRoutes } from '../features/approvals/routes.tsx';
import { collaborationRoutes } from '../features/collaboration/routes.tsx';
import { dashboardsRoutes } from '../features/dashboards/routes.tsx';
import { personalHistoryRoutes } from '../features/personal-history/routes.tsx';
import { teamsRoutes } from '../features/teams/routes.tsx';
import { teamReviewRoutes } from '../features/team-review/routes.tsx';
import { wizardRoutes } from '../features/wizard/routes.tsx';
import { knowledgeRoutes } from '../features/knowledge/routes.tsx';
import { gradingRoutes } from '../features/grading/routes.tsx';
import { playbookRoutes } from '../features/playbook/routes.tsx';
import { presentationRoutes } from '../features/presentation/routes.tsx';
import { kpisRoutes } from '../features/kpis/routes.tsx';
import { cyclesRoutes } from '../features/cycles/routes.tsx';
import { announcementsRoutes } from '../features/announcements/routes.tsx';
import { questionsRoutes } from '../features/questions/routes.tsx';
import { notificationsRoutes } from '../features/notifications/routes.tsx';
import { cadenceRoutes } from '../features/cadence/routes.tsx';
import { ssoRoutes } from '../features/sso/routes.tsx';
import { webhooksRoutes } from '../features/webhooks/routes.tsx';
import { importsRoutes } from '../features/imports/routes.tsx';

// The objective page carries the charts and the history sections' loaders.
const ObjectivePage = lazy(() =>
  import('../features/objectives/components/objective-page.tsx').then((module) => ({
    default: module.ObjectivePage,
  })),
);
const CompanyPage = lazy(() =>
  import('../features/company/components/company-page.tsx').then((module) => ({
    default: module.CompanyPage,
  })),
);

function lazyPage(Page: ComponentType, label: string): ReactElement {
  return (
    <Suspense fallback={<LoadingState label={label} />}>
      <Page />
    </Suspense>
  );
}

/** Each feature owns its routes; a path a feature defines replaces the placeholder below. */
const featureRoutes = [
  ...accountRoutes,
  ...alignmentMapRoutes,
  ...approvalsRoutes,
  ...collaborationRoutes,
  ...dashboardsRoutes,
  ...personalHistoryRoutes,
  ...teamsRoutes,
  ...teamReviewRoutes,
  ...wizardRoutes,
  ...knowledgeRoutes,
  ...gradingRoutes,
  ...playbookRoutes,
  ...presentationRoutes,
  ...kpisRoutes,
  ...cyclesRoutes,
  ...announcementsRoutes,
  ...questionsRoutes,
  ...notificationsRoutes,
  ...cadenceRoutes,
  ...webhooksRoutes,
  ...ssoRoutes,
  ...importsRoutes,
];
const defined = new Set(featureRoutes.map((r) => r.path));
const placeholder = (path: string, title: string, description: string) =>
  defined.has(path) ? [] : [{ path, element: <PlaceholderPage title={title} description={description} /> }];

export const router = createBrowserRouter([
  { path: '/', element: <RootRedirect /> },
  { path: '/signin', element: <SignInPage /> },
  ...accountTopLevelRoutes,
  {
    path: '/orgs/:org',
    element: <AppShell />,
    children: [
      { index: true, element: <Navigate to="home" replace /> },
      { path: 'home', element: <HomePage /> },
      { path: 'company', element: lazyPage(CompanyPage, 'Loading the company objectives…') },
      { path: 'objectives/:id', element: lazyPage(ObjectivePage, 'Loading the objective…') },
      ...featureRoutes,
      ...placeholder('teams', 'Teams', "Not built yet: the team tree, each team's objectives, members and leads."),
      ...placeholder('alignment', 'Alignment map', 'Not built yet: the whole cycle as an interactive tree, coloured by status.'),
      ...placeholder('dashboard', 'Dashboard', 'Not built yet: the dashboard for your roles.'),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  { path: '*', element: <NotFoundPage standalone /> },
]);
