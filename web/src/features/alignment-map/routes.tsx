/** Routes of the alignment-map feature, mounted under /orgs/:org by web/src/app/router.tsx. */
import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/states.tsx';
import { prefetchAlignmentMap } from './api/tree-prefetch.ts';

// The map is a big page few open every day: it loads on its own, not with the first page.
const loadPage = () => import('./components/alignment-map-page.tsx');
const AlignmentMapPage = lazy(() => loadPage().then((module) => ({ default: module.AlignmentMapPage })));

export const alignmentMapRoutes: RouteObject[] = [
  {
    path: 'alignment',
    // Not awaited: the page's code and data start loading while the app frame still waits for
    // the session, instead of one after the other.
    loader: ({ params, request }) => {
      void loadPage();
      prefetchAlignmentMap(params.org ?? '', new URL(request.url).searchParams.get('cycle'));
      return null;
    },
    // Selecting and searching change the query string; only another cycle needs new data.
    shouldRevalidate: ({ currentUrl, nextUrl }) =>
      currentUrl.pathname !== nextUrl.pathname ||
      currentUrl.searchParams.get('cycle') !== nextUrl.searchParams.get('cycle'),
    element: (
      <Suspense fallback={<LoadingState label="Loading the alignment map…" />}>
        <AlignmentMapPage />
      </Suspense>
    ),
  },
];
