/** Routes of the question desk and the FAQ, mounted under /orgs/:org by web/src/app/router.tsx. */
import { lazy, Suspense, type ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import { LoadingState } from '../../components/states.tsx';

const QuestionDeskPage = lazy(async () => ({
  default: (await import('./components/question-desk-page.tsx')).QuestionDeskPage,
}));
const FaqPage = lazy(async () => ({
  default: (await import('./components/faq-page.tsx')).FaqPage,
}));

function Lazy({ page }: { page: 'desk' | 'faq' }): ReactElement {
  return (
    <Suspense fallback={<LoadingState label="Loading…" />}>
      {page === 'desk' ? <QuestionDeskPage /> : <FaqPage />}
    </Suspense>
  );
}

export const questionsRoutes: RouteObject[] = [
  { path: 'questions', element: <Lazy page="desk" /> },
  { path: 'faq', element: <Lazy page="faq" /> },
];
