/** Routes of the webhooks feature, mounted under /orgs/:org by web/src/app/router.tsx. */
import { lazy, Suspense, type ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/states.tsx';

const WebhooksPage = lazy(async () => ({
  default: (await import('./components/webhooks-page.tsx')).WebhooksPage,
}));

function LazyWebhooks(): ReactElement {
  return (
    <Suspense fallback={<LoadingState label="Loading the webhooks…" />}>
      <WebhooksPage />
    </Suspense>
  );
}

export const webhooksRoutes: RouteObject[] = [
  { path: 'settings/webhooks', element: <LazyWebhooks /> },
];
