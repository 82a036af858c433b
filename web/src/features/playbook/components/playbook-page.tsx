/**
 * The playbook: the guidance the wizard shows at each step and the advice of each quality rule.
 * Champions replace any text with their organisation's own (Markdown, with a live preview) and
 * reset it to the built-in one; everyone else reads what the wizard will show them.
 */
import type { PlaybookEntryView } from '@contracts/api/playbook.ts';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactElement } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { ErrorState, LoadingState } from '../../../components/states.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { usePlaybook, useResetPlaybookEntry, useSavePlaybookEntry } from '../../../lib/playbook.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { previewMarkdown } from './markdown-preview.ts';
import './playbook.css';

const MAX_LENGTH = 5000;

export function PlaybookPage(): ReactElement {
  const { org = '' } = useParams();
  useDocumentTitle('Playbook');
  const playbook = usePlaybook(org);
  const [params] = useSearchParams();
  const focusKey = params.get('key');
  const canManage = playbook.data?.abilities.canManage ?? false;
  const items = playbook.data?.items ?? [];

  return (
    <div className="page playbook-page">
      <header className="page-header">
        <h1>Playbook</h1>
        <p className="muted">
          The guidance the{' '}
          <Link to={`/orgs/${encodeURIComponent(org)}/objectives/new`}>wizard</Link> shows at each
          step, and the advice that comes with each quality rule.{' '}
          {canManage
            ? 'Replace any text with your organisation’s own; reset it to return to the built-in text.'
            : 'Your OKR champions keep these texts.'}
        </p>
      </header>
      {playbook.isPending && <LoadingState label="Loading the playbook…" />}
      {playbook.isError && (
        <ErrorState
          error={playbook.error}
          what="The playbook"
          onRetry={() => void playbook.refetch()}
        />
      )}
      {playbook.isSuccess && (
        <>
          <section className="section" aria-labelledby="playbook-steps">
            <h2 id="playbook-steps">Wizard steps</h2>
            <ul className="playbook-list">
              {items
                .filter((entry) => entry.kind === 'step')
                .map((entry) => (
                  <li key={entry.key}>
                    <PlaybookEntry
                      org={org}
                      entry={entry}
                      canManage={canManage}
                      focus={focusKey === entry.key}
                    />
                  </li>
                ))}
            </ul>
          </section>
          <section className="section" aria-labelledby="playbook-rules">
            <h2 id="playbook-rules">Quality rules’ advice</h2>
            <ul className="playbook-list">
              {items
                .filter((entry) => entry.kind === 'rule')
                .map((entry) => (
                  <li key={entry.key}>
                    <PlaybookEntry
                      org={org}
                      entry={entry}
                      canManage={canManage}
                      focus={focusKey === entry.key}
                    />
                  </li>
                ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}

interface EntryProps {
  org: string;
  entry: PlaybookEntryView;
  canManage: boolean;
  /** Opened from the wizard's "Edit guidance": scroll to it and open its editor. */
  focus: boolean;
}

function PlaybookEntry({ org, entry, canManage, focus }: EntryProps): ReactElement {
  const headingId = useId();
  const [editing, setEditing] = useState(focus && canManage);
  const reset = useResetPlaybookEntry(org);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focus) ref.current?.scrollIntoView({ block: 'start' });
  }, [focus]);

  return (
    <article
      ref={ref}
      className="card playbook-entry"
      aria-labelledby={headingId}
      data-key={entry.key}
    >
      <header className="playbook-entry-header">
        <h3 id={headingId}>{entry.title}</h3>
        <span className={entry.overridden ? 'playbook-badge playbook-badge-own' : 'playbook-badge'}>
          {entry.overridden ? 'Your organisation’s text' : 'Built-in text'}
        </span>
      </header>
      {editing ? (
        <PlaybookEditor org={org} entry={entry} onDone={() => setEditing(false)} />
      ) : (
        <>
          <div className="playbook-html" dangerouslySetInnerHTML={{ __html: entry.html }} />
          {entry.overridden && entry.updatedAt && (
            <p className="muted small">
              Changed by {entry.updatedBy?.name ?? 'someone'} <RelativeTime iso={entry.updatedAt} />
            </p>
          )}
          {canManage && (
            <div className="playbook-actions">
              <button type="button" className="button" onClick={() => setEditing(true)}>
                Edit<span className="visually-hidden"> “{entry.title}”</span>
              </button>
              {entry.overridden && entry.version !== null && (
                <button
                  type="button"
                  className="button button-quiet"
                  disabled={reset.isPending}
                  onClick={() => {
                    if (entry.version !== null)
                      reset.mutate({ key: entry.key, version: entry.version });
                  }}
                >
                  Reset to default<span className="visually-hidden"> for “{entry.title}”</span>
                </button>
              )}
              {reset.isError && (
                <p className="field-error" role="alert">
                  {errorMessage(reset.error)}
                </p>
              )}
            </div>
          )}
        </>
      )}
    </article>
  );
}

function PlaybookEditor({
  org,
  entry,
  onDone,
}: {
  org: string;
  entry: PlaybookEntryView;
  onDone: () => void;
}): ReactElement {
  const id = useId();
  const [text, setText] = useState(entry.body);
  const save = useSavePlaybookEntry(org);
  const textarea = useRef<HTMLTextAreaElement>(null);
  useEffect(() => textarea.current?.focus(), []);
  const blank = text.trim().length === 0;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (blank) return;
    save.mutate({ key: entry.key, version: entry.version, body: text }, { onSuccess: onDone });
  };

  return (
    <form className="playbook-editor" onSubmit={onSubmit} noValidate>
      <div className="playbook-editor-panes">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-text`}>
            Text (Markdown)
          </label>
          <textarea
            ref={textarea}
            id={`${id}-text`}
            className="input playbook-textarea"
            rows={6}
            maxLength={MAX_LENGTH}
            value={text}
            aria-invalid={blank ? true : undefined}
            aria-describedby={`${id}-hint`}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') onDone();
            }}
          />
          <p id={`${id}-hint`} className="field-hint">
            **bold**, *italic*, lists and links. {text.length.toLocaleString()} /{' '}
            {MAX_LENGTH.toLocaleString()} characters.
          </p>
          {blank && <p className="field-error">Write a text, or reset to the built-in one.</p>}
        </div>
        <section className="playbook-preview" aria-label="Preview">
          <h4 className="field-label">Preview</h4>
          <div
            className="playbook-html"
            dangerouslySetInnerHTML={{ __html: previewMarkdown(text) }}
          />
        </section>
      </div>
      {save.isError && (
        <p className="field-error" role="alert">
          {errorMessage(save.error)}
        </p>
      )}
      <div className="playbook-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending || blank}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button button-quiet" onClick={onDone}>
          Cancel
        </button>
        <button
          type="button"
          className="button-link small"
          onClick={() => setText(entry.defaultBody)}
        >
          Start from the built-in text
        </button>
      </div>
    </form>
  );
}
