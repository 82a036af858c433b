/** A page of issue 4 that is not built yet, clearly marked as such. */
import type { ReactElement } from 'react';
import { EmptyState } from '../components/states.tsx';
import { useDocumentTitle } from '../lib/use-document-title.ts';

export function PlaceholderPage({
  title,
  description,
}: {
  title: string;
  description: string;
}): ReactElement {
  useDocumentTitle(title);
  return (
    <div className="page">
      <header className="page-header">
        <h1>{title}</h1>
      </header>
      <EmptyState title="Coming soon">
        <p>{description}</p>
      </EmptyState>
    </div>
  );
}
