/**
 * Comments on the objective, oldest first, with a box to add one (Ctrl/⌘+Enter posts). Text is
 * shown as text — never as HTML. Authors may edit or delete their own, as the API's abilities say.
 */
import type { CommentView } from '@contracts/api/collaboration.ts';
import { useId, useState, type FormEvent, type KeyboardEvent, type ReactElement } from 'react';
import { AlertIcon } from '../../../components/icons.tsx';
import { ListFilterBar, NoMatchState, useListFilters } from '../../../components/list-filters.tsx';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { mentionSpans, type Mentionable } from '../../../../../src/domain/mentions.ts';
import { StaleVersionError, type ApiError } from '../../../lib/api.ts';
import { filterItems, matchSummary, showsFilterBar } from '../../../lib/list-filters.ts';
import {
  useComments,
  useDeleteComment,
  useEditComment,
  usePostComment,
  useReloadComments,
} from '../api/comments.ts';
import { useMentionables } from '../api/mentions.ts';

interface CommentsSectionProps {
  org: string;
  objectiveId: string;
  canComment: boolean;
}

const isSubmitKey = (event: KeyboardEvent) =>
  event.key === 'Enter' && (event.ctrlKey || event.metaKey);

export function CommentsSection({
  org,
  objectiveId,
  canComment,
}: CommentsSectionProps): ReactElement {
  const comments = useComments(org, objectiveId);
  const controls = useListFilters(['q'], 'comments');
  const people = useMentionables(
    org,
    (comments.data?.pages ?? []).flatMap((page) => page.items.map((comment) => comment.body)),
  );
  if (comments.isPending) return <LoadingState label="Loading the comments…" rows={2} />;
  if (comments.isError)
    return (
      <ErrorState
        error={comments.error}
        what="The comments"
        onRetry={() => void comments.refetch()}
      />
    );
  const items = comments.data.pages.flatMap((page) => page.items);
  const shown = filterItems(
    items,
    (comment) => ({ texts: [comment.body, comment.author?.name] }),
    controls.filters,
  );
  return (
    <>
      {showsFilterBar(items.length, controls.active) && (
        <ListFilterBar
          controls={controls}
          what="comments"
          placeholder="Words in a comment or a name"
          summary={matchSummary(
            shown.length,
            items.length,
            { one: 'comment', many: 'comments' },
            controls.active > 0,
            comments.hasNextPage,
          )}
        />
      )}
      {items.length === 0 ? (
        <EmptyState title="No comments yet">
          <p>Ask a question, share context behind a check-in, or say what help you need.</p>
        </EmptyState>
      ) : shown.length === 0 ? (
        <NoMatchState what="comments" onClear={controls.clear}>
          <p>
            {comments.hasNextPage
              ? 'Show more comments to look further, or try other words.'
              : 'Try other words or a name.'}
          </p>
        </NoMatchState>
      ) : (
        <ol className="card-list comments">
          {shown.map((comment) => (
            <li key={comment.id}>
              <CommentItem org={org} objectiveId={objectiveId} comment={comment} people={people} />
            </li>
          ))}
        </ol>
      )}
      {comments.hasNextPage && (
        <p>
          <button
            type="button"
            className="button"
            onClick={() => void comments.fetchNextPage()}
            disabled={comments.isFetchingNextPage}
          >
            {comments.isFetchingNextPage ? 'Loading…' : 'Show more comments'}
          </button>
        </p>
      )}
      {canComment && <CommentComposer org={org} objectiveId={objectiveId} />}
    </>
  );
}

function ErrorLine({ error, onReload }: { error: ApiError; onReload: () => void }): ReactElement {
  if (error instanceof StaleVersionError)
    return (
      <div className="alert" role="alert">
        <AlertIcon />
        <div className="alert-body">
          <p>
            <strong>Someone changed this comment meanwhile.</strong> Reload to see it, then try
            again.
          </p>
          <p>
            <button type="button" className="button" onClick={onReload}>
              Reload
            </button>
          </p>
        </div>
      </div>
    );
  const fieldError = error.fieldErrors().body;
  return (
    <p className="field-error" role="alert">
      <AlertIcon size={14} />
      {fieldError ? `The comment ${fieldError}.` : error.detail}
    </p>
  );
}

function CommentComposer({ org, objectiveId }: { org: string; objectiveId: string }): ReactElement {
  const post = usePostComment(org, objectiveId);
  const reload = useReloadComments(org, objectiveId);
  const [body, setBody] = useState('');
  const id = useId();
  const people = useMentionables(org, [body]);
  const mentioned = mentionSpans(body, people).filter((span) => span.mention);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (body.trim() === '' || post.isPending) return;
    post.mutate(body, {
      onSuccess: () => setBody(''),
    });
  };

  return (
    <form className="comment-composer" onSubmit={submit} aria-label="Add a comment">
      <label className="field-label" htmlFor={id}>
        Add a comment
      </label>
      <textarea
        id={id}
        className="input"
        rows={3}
        maxLength={10_000}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={(event) => {
          if (isSubmitKey(event)) {
            event.preventDefault();
            submit();
          }
        }}
        aria-describedby={`${id}-hint`}
      />
      {mentioned.length > 0 && (
        <p className="field-hint comment-mentions" aria-live="polite">
          Will notify:{' '}
          {mentioned.map((span, i) => (
            <mark key={i} className="mention">
              {span.text}
            </mark>
          ))}
        </p>
      )}
      {post.error && <ErrorLine error={post.error} onReload={reload} />}
      <div className="form-actions">
        <span id={`${id}-hint`} className="field-hint">
          Ctrl+Enter to post · @name or @e-mail mentions a member
        </span>
        <button
          type="submit"
          className="button button-primary"
          disabled={post.isPending || body.trim() === ''}
        >
          {post.isPending ? 'Posting…' : 'Post comment'}
        </button>
      </div>
    </form>
  );
}

/** Text with the mentions of members marked (as text: never HTML). */
function WithMentions({ text, people }: { text: string; people: readonly Mentionable[] }): ReactElement {
  return (
    <>
      {mentionSpans(text, people).map((span, i) =>
        span.mention ? (
          <mark key={i} className="mention">
            {span.text}
          </mark>
        ) : (
          <span key={i}>{span.text}</span>
        ),
      )}
    </>
  );
}

function CommentItem({
  org,
  objectiveId,
  comment,
  people,
}: {
  org: string;
  objectiveId: string;
  comment: CommentView;
  people: readonly Mentionable[];
}): ReactElement {
  const edit = useEditComment(org, objectiveId);
  const remove = useDeleteComment(org, objectiveId);
  const reload = useReloadComments(org, objectiveId);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(comment.body);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const id = useId();
  const error = edit.error ?? remove.error;
  const reloadAll = () => {
    edit.reset();
    remove.reset();
    setEditing(false);
    reload();
  };

  const save = (event?: FormEvent) => {
    event?.preventDefault();
    if (draft.trim() === '') return;
    edit.mutate({ comment, body: draft }, { onSuccess: () => setEditing(false) });
  };

  return (
    <article className="comment" aria-labelledby={`${id}-author`}>
      <p className="comment-meta small">
        <strong id={`${id}-author`}>{comment.author?.name ?? 'A former member'}</strong>
        <span className="muted">
          <RelativeTime iso={comment.createdAt} />
          {comment.updatedAt !== comment.createdAt && ' · edited'}
        </span>
      </p>
      {editing ? (
        <form onSubmit={save} className="comment-edit" aria-label="Edit your comment">
          <label className="visually-hidden" htmlFor={id}>
            Your comment
          </label>
          <textarea
            id={id}
            className="input"
            rows={3}
            maxLength={10_000}
            value={draft}
            autoFocus
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (isSubmitKey(event)) {
                event.preventDefault();
                save();
              } else if (event.key === 'Escape') {
                setEditing(false);
              }
            }}
          />
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
            <button
              type="submit"
              className="button button-primary"
              disabled={edit.isPending || draft.trim() === ''}
            >
              {edit.isPending ? 'Saving…' : 'Save'}
            </button>
          </div>
        </form>
      ) : (
        <p className="comment-body">
          <WithMentions text={comment.body} people={people} />
        </p>
      )}
      {error && <ErrorLine error={error} onReload={reloadAll} />}
      {!editing && (comment.abilities.canEdit || comment.abilities.canDelete) && (
        <p className="comment-actions">
          {comment.abilities.canEdit && (
            <button
              type="button"
              className="button-link small"
              onClick={() => {
                setDraft(comment.body);
                setEditing(true);
              }}
            >
              Edit
            </button>
          )}
          {comment.abilities.canDelete &&
            (confirmingDelete ? (
              <>
                <span className="small">Delete this comment?</span>
                <button
                  type="button"
                  className="button button-danger"
                  onClick={() => remove.mutate(comment)}
                  disabled={remove.isPending}
                >
                  {remove.isPending ? 'Deleting…' : 'Delete'}
                </button>
                <button type="button" className="button" onClick={() => setConfirmingDelete(false)}>
                  Keep
                </button>
              </>
            ) : (
              <button
                type="button"
                className="button-link small"
                onClick={() => setConfirmingDelete(true)}
              >
                Delete
              </button>
            ))}
        </p>
      )}
    </article>
  );
}
