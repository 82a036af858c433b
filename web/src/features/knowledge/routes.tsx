/** Routes of the knowledge feature, mounted under /orgs/:org by web/src/app/router.tsx. */
import { lazy, Suspense, type ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/states.tsx';

const KnowledgePage = lazy(async () => ({
  default: (await import('./components/knowledge-page.tsx')).KnowledgePage,
}));

function LazyKnowledge(): ReactElement {
  return (
    <Suspense fallback={<LoadingState label="Loading the notes…" />}>
      <KnowledgePage />
    </Suspense>
  );
}

export const knowledgeRoutes: RouteObject[] = [{ path: 'notes', element: <LazyKnowledge /> }];
