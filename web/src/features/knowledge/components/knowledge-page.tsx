/**
 * Knowledge: what the organisation wrote down while working on its objectives — notes,
 * learnings, links and retrospectives — searchable by words (every word must appear, any case)
 * and kind. The search lives in the URL (`?q=&kind=`), so a search can be shared.
 */
import { useEffect, useId, useState, type FormEvent, type ReactElement } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { KnowledgeNote } from '../../../components/knowledge-note.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useNoteSearch } from '../api/note-search.ts';
import './knowledge.css';

export function KnowledgePage(): ReactElement {
  const { org = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = params.get('kind') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  useDocumentTitle(q ? `Knowledge: ${q}` : 'Knowledge');
  const search = useNoteSearch(org, { q, kind });
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams(params);
    if (text.trim()) next.set('q', text.trim());
    else next.delete('q');
    setParams(next);
  };
  const setKind = (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set('kind', value);
    else next.delete('kind');
    setParams(next);
  };

  const items = search.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="page knowledge-page">
      <header className="page-header">
        <h1>Knowledge</h1>
        <p className="muted">
          Notes, learnings and retrospectives from every objective you can see, newest first.
        </p>
      </header>
      <form className="knowledge-search" role="search" onSubmit={submit}>
        <div className="field knowledge-search-words">
          <label className="field-label" htmlFor={`${id}-q`}>
            Search notes
          </label>
          <input
            id={`${id}-q`}
            className="input"
            type="search"
            value={text}
            maxLength={200}
            placeholder="e.g. churn onboarding"
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-kind`}>
            Kind
          </label>
          <select
            id={`${id}-kind`}
            className="input"
            value={kind}
            onChange={(event) => setKind(event.target.value)}
          >
            <option value="">All kinds</option>
            <option value="learning">Learnings</option>
            <option value="note">Notes</option>
            <option value="retrospective">Retrospectives</option>
          </select>
        </div>
        <button type="submit" className="button button-primary">
          Search
        </button>
      </form>

      <section aria-labelledby={`${id}-results`} className="section">
        <h2 id={`${id}-results`} className="visually-hidden">
          Results
        </h2>
        {search.isPending ? (
          <LoadingState label="Searching the notes…" />
        ) : search.isError ? (
          <ErrorState error={search.error} what="The notes" onRetry={() => void search.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title={q ? `No notes with “${q}”` : 'No notes yet'}>
            <p>
              {q
                ? 'Try fewer or other words: every word must appear in the note or its objective’s title.'
                : 'Notes and learnings written on objectives, and the retrospectives of graded cycles, appear here.'}
            </p>
          </EmptyState>
        ) : (
          <>
            <p className="small muted" role="status">
              {items.length}
              {search.hasNextPage ? '+' : ''} {items.length === 1 ? 'note' : 'notes'}
              {q ? ` with “${q}”` : ''}
            </p>
            <ol className="card-list knowledge-results">
              {items.map((note) => (
                <li key={note.id}>
                  <KnowledgeNote note={note} org={org} showObjective />
                </li>
              ))}
            </ol>
            {search.hasNextPage && (
              <p>
                <button
                  type="button"
                  className="button"
                  disabled={search.isFetchingNextPage}
                  onClick={() => void search.fetchNextPage()}
                >
                  {search.isFetchingNextPage ? 'Loading…' : 'Show more notes'}
                </button>
              </p>
            )}
          </>
        )}
      </section>
    </div>
  );
}
