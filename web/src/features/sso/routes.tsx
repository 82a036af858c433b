/** Routes of the single sign-on feature, mounted under /orgs/:org by web/src/app/router.tsx. */
import { lazy, Suspense, type ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/states.tsx';

const SsoSettingsPage = lazy(async () => ({
  default: (await import('./components/sso-settings-page.tsx')).SsoSettingsPage,
}));

function LazySsoSettings(): ReactElement {
  return (
    <Suspense fallback={<LoadingState label="Loading single sign-on…" />}>
      <SsoSettingsPage />
    </Suspense>
  );
}

export const ssoRoutes: RouteObject[] = [{ path: 'settings/sso', element: <LazySsoSettings /> }];
