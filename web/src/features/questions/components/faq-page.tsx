/** The FAQ: the champions' published answers, searched by words (every word, any case). */
import { useEffect, useId, useState, type FormEvent, type ReactElement } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useFaq } from '../api/questions.ts';

export function FaqPage(): ReactElement {
  const { org = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  useDocumentTitle(q ? `FAQ: ${q}` : 'FAQ');
  const faq = useFaq(org, q);
  const id = useId();
  const base = `/orgs/${encodeURIComponent(org)}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams(text.trim() ? { q: text.trim() } : {});
  };
  return (
    <div className="page">
      <header className="page-header">
        <h1>OKR FAQ</h1>
        <p className="muted">
          Answers from the OKR champions. Not there?{' '}
          <Link to={`${base}/questions`}>Ask a question</Link>.
        </p>
      </header>
      <form role="search" onSubmit={submit} className="section">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-q`}>
            Search the FAQ
          </label>
          <input
            id={`${id}-q`}
            className="input"
            type="search"
            value={text}
            maxLength={200}
            placeholder="e.g. stretch goals"
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {faq.isPending && <LoadingState label="Searching the FAQ…" />}
      {faq.isError && (
        <ErrorState error={faq.error} what="The FAQ" onRetry={() => void faq.refetch()} />
      )}
      {faq.isSuccess && faq.data.items.length === 0 && (
        <EmptyState title={q ? `Nothing in the FAQ matches “${q}”` : 'The FAQ is empty'}>
          <p>
            <Link to={`${base}/questions`}>Ask the champions</Link>: good answers are published
            here.
          </p>
        </EmptyState>
      )}
      {faq.isSuccess && faq.data.items.length > 0 && (
        <ul className="card-list" aria-label="FAQ entries">
          {faq.data.items.map((entry) => (
            <li key={entry.id} className="card">
              <h2 className="row-title">{entry.title}</h2>
              {entry.title !== entry.question && (
                <p className="muted small">Asked: {entry.question}</p>
              )}
              <div
                className="announcement-body"
                dangerouslySetInnerHTML={{ __html: entry.answerHtml }}
              />
              {entry.objective && (
                <p className="small">
                  About{' '}
                  <Link to={`${base}/objectives/${encodeURIComponent(entry.objective.id)}`}>
                    {entry.objective.title}
                  </Link>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
