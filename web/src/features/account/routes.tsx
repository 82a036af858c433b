/**
 * Routes of the account feature: the account page, mounted under /orgs/:org, and the invitation
 * page, which lives outside any organisation (the API's acceptUrl is /invite/<token>).
 */
import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/states.tsx';

const AccountPage = lazy(() =>
  import('./components/account-page.tsx').then((module) => ({ default: module.AccountPage })),
);
const InvitationPage = lazy(() =>
  import('./components/invitation-page.tsx').then((module) => ({
    default: module.InvitationPage,
  })),
);

function page(Page: ComponentType, standalone = false): ReactElement {
  const fallback = standalone ? (
    <main className="shell-main" id="main">
      <LoadingState rows={1} />
    </main>
  ) : (
    <LoadingState />
  );
  return (
    <Suspense fallback={fallback}>
      <Page />
    </Suspense>
  );
}

export const accountRoutes: RouteObject[] = [{ path: 'account', element: page(AccountPage) }];

export const accountTopLevelRoutes: RouteObject[] = [
  { path: '/invite/:token', element: page(InvitationPage, true) },
];
