import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useDocumentTitle } from '../lib/use-document-title.ts';

/** Inside the app frame it is the page content; on its own (`standalone`) it is the whole page. */
export function NotFoundPage({ standalone = false }: { standalone?: boolean }): ReactElement {
  useDocumentTitle('Page not found');
  const content = (
    <div className="page">
      <h1>Page not found</h1>
      <p>There is no page at this address.</p>
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </div>
  );
  return standalone ? (
    <main className="shell-main" id="main">
      {content}
    </main>
  ) : (
    content
  );
}
