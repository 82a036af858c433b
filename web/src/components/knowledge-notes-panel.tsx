/**
 * An objective's knowledge notes with a form to add one (Markdown, a kind and an optional link).
 * Shown on the objective page and beside the retrospective when a cycle is graded.
 */
import type { KnowledgeNoteView } from '@contracts/api/knowledge.ts';
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { errorMessage } from '../lib/api.ts';
import {
  useDeleteNote,
  useObjectiveNotes,
  usePostNote,
  useUpdateNote,
} from '../lib/knowledge-notes.ts';
import { AlertIcon } from './icons.tsx';
import { KnowledgeNote } from './knowledge-note.tsx';
import { EmptyState, ErrorState, LoadingState } from './states.tsx';

interface KnowledgeNotesPanelProps {
  org: string;
  objectiveId: string;
  /** Leave the objective's retrospective out (the grading page shows it as a form). */
  withoutRetrospective?: boolean;
  headingLevel?: 3 | 4;
}

export function KnowledgeNotesPanel({
  org,
  objectiveId,
  withoutRetrospective = false,
  headingLevel = 3,
}: KnowledgeNotesPanelProps): ReactElement {
  const notes = useObjectiveNotes(org, objectiveId);
  const remove = useDeleteNote(org);
  const [editing, setEditing] = useState<string | null>(null);
  if (notes.isPending) return <LoadingState label="Loading the notes…" rows={1} />;
  if (notes.isError)
    return <ErrorState error={notes.error} what="The notes" onRetry={() => void notes.refetch()} />;
  const items = notes.data.items.filter(
    (note) => !(withoutRetrospective && note.kind === 'retrospective'),
  );
  return (
    <div className="knowledge-panel">
      {items.length === 0 ? (
        <EmptyState title="No notes yet">
          <p>
            Write down what you learn while you work on it: what worked, what did not, links to the
            documents. Next cycle, whoever writes a similar objective sees it.
          </p>
        </EmptyState>
      ) : (
        <ol className="card-list knowledge-list">
          {items.map((note) => (
            <li key={note.id}>
              {editing === note.id ? (
                <NoteEditor org={org} note={note} onDone={() => setEditing(null)} />
              ) : (
                <KnowledgeNote
                  note={note}
                  org={org}
                  headingLevel={headingLevel}
                  actions={
                    <>
                      {note.abilities.canEdit && (
                        <button
                          type="button"
                          className="button button-quiet"
                          onClick={() => setEditing(note.id)}
                        >
                          Edit<span className="visually-hidden"> this note</span>
                        </button>
                      )}
                      {note.abilities.canDelete && (
                        <DeleteButton
                          note={note}
                          onDelete={(n) => remove.mutate(n)}
                          busy={remove.isPending}
                        />
                      )}
                    </>
                  }
                />
              )}
            </li>
          ))}
        </ol>
      )}
      {remove.isError && (
        <p className="field-error" role="alert">
          <AlertIcon size={14} />
          {errorMessage(remove.error)}
        </p>
      )}
      {notes.data.canAddNote && <NoteComposer org={org} objectiveId={objectiveId} />}
    </div>
  );
}

function DeleteButton({
  note,
  onDelete,
  busy,
}: {
  note: KnowledgeNoteView;
  onDelete: (note: KnowledgeNoteView) => void;
  busy: boolean;
}): ReactElement {
  return (
    <button
      type="button"
      className="button button-quiet"
      disabled={busy}
      onClick={() => onDelete(note)}
    >
      Delete<span className="visually-hidden"> this note</span>
    </button>
  );
}

/** Edits a note's Markdown in place; a note changed by someone else meanwhile is not overwritten. */
function NoteEditor({
  org,
  note,
  onDone,
}: {
  org: string;
  note: KnowledgeNoteView;
  onDone: () => void;
}): ReactElement {
  const update = useUpdateNote(org);
  const [body, setBody] = useState(note.body);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    if (body === note.body) return onDone();
    update.mutate({ note, changes: { body } }, { onSuccess: onDone });
  };
  const stale = update.error?.status === 412;
  return (
    <form className="knowledge-composer card" onSubmit={submit} aria-label="Edit the note">
      <div className="field">
        <label className="field-label" htmlFor={`${id}-body`}>
          Note
        </label>
        <textarea
          id={`${id}-body`}
          className="input"
          rows={5}
          maxLength={10_000}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') onDone();
          }}
          autoFocus
        />
      </div>
      {update.isError && (
        <p className="field-error" role="alert">
          <AlertIcon size={14} />
          {stale
            ? 'Someone changed this note after you opened it. Cancel to see their version, then edit again.'
            : errorMessage(update.error)}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={update.isPending || !body.trim()}
        >
          {update.isPending ? 'Saving…' : 'Save note'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function NoteComposer({ org, objectiveId }: { org: string; objectiveId: string }): ReactElement {
  const post = usePostNote(org, objectiveId);
  const [body, setBody] = useState('');
  const [kind, setKind] = useState<'note' | 'learning'>('learning');
  const [linkTitle, setLinkTitle] = useState('');
  const [linkUrl, setLinkUrl] = useState('');
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    const links = linkUrl.trim()
      ? [{ title: linkTitle.trim() || linkUrl.trim(), url: linkUrl.trim() }]
      : [];
    post.mutate(
      { body, kind, links },
      {
        onSuccess: () => {
          setBody('');
          setLinkTitle('');
          setLinkUrl('');
        },
      },
    );
  };
  const errors = post.error?.fieldErrors() ?? {};
  return (
    <form className="knowledge-composer" onSubmit={submit} aria-label="Add a knowledge note">
      <div className="field">
        <label className="field-label" htmlFor={`${id}-kind`}>
          Kind
        </label>
        <select
          id={`${id}-kind`}
          className="input"
          value={kind}
          onChange={(event) => setKind(event.target.value as 'note' | 'learning')}
        >
          <option value="learning">Learning — what we found out</option>
          <option value="note">Note — context, decisions</option>
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-body`}>
          Note
        </label>
        <textarea
          id={`${id}-body`}
          className="input"
          rows={3}
          maxLength={10_000}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          aria-describedby={`${id}-hint`}
        />
        <p id={`${id}-hint`} className="field-hint">
          Markdown works: **bold**, lists, [links](https://example.com).
        </p>
      </div>
      <div className="knowledge-composer-link">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-link-title`}>
            Link title <span className="muted">(optional)</span>
          </label>
          <input
            id={`${id}-link-title`}
            className="input"
            maxLength={200}
            value={linkTitle}
            onChange={(event) => setLinkTitle(event.target.value)}
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-link-url`}>
            Link address <span className="muted">(optional)</span>
          </label>
          <input
            id={`${id}-link-url`}
            className="input"
            type="url"
            placeholder="https://"
            value={linkUrl}
            onChange={(event) => setLinkUrl(event.target.value)}
          />
        </div>
      </div>
      {post.isError && (
        <p className="field-error" role="alert">
          <AlertIcon size={14} />
          {errors['links.0.url']
            ? `The link ${errors['links.0.url']}.`
            : errors.body
              ? `The note ${errors.body}.`
              : errorMessage(post.error)}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={post.isPending || !body.trim()}
        >
          {post.isPending ? 'Saving…' : 'Add note'}
        </button>
      </div>
    </form>
  );
}
