/** Routes of the wizard feature, mounted under /orgs/:org by web/src/app/router.tsx. */
import { lazy, Suspense, type ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/states.tsx';

// The wizard bundles the domain's quality and progress rules: loaded only when opened.
const WizardPage = lazy(async () => ({
  default: (await import('./components/wizard-page.tsx')).WizardPage,
}));

function LazyWizard(): ReactElement {
  return (
    <Suspense fallback={<LoadingState label="Loading the wizard…" />}>
      <WizardPage />
    </Suspense>
  );
}

export const wizardRoutes: RouteObject[] = [
  { path: 'objectives/new', element: <LazyWizard /> },
  { path: 'objectives/:id/edit', element: <LazyWizard /> },
];
