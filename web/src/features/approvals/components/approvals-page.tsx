/**
 * Approvals: what waits for the lead's decision (members' draft objectives, oldest first), the
 * reader's own objectives still in approval with the lead's comment, and — for champions — the
 * organisation's switch that turns approval on or off. Approve and return happen in place; the
 * objective's page has the same controls.
 */
import type { ApprovalItemView } from '@contracts/api/team-lead.ts';
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { Link, useParams } from 'react-router';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { StaleVersionError, type ApiError } from '../../../lib/api.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import {
  useApprovalQueue,
  useOrganisation,
  useQueueStep,
  useSetApprovalRequired,
} from '../api/approvals.ts';
import './approvals.css';

function problem(error: ApiError | null): string | null {
  if (!error) return null;
  return error instanceof StaleVersionError
    ? 'Someone changed this objective meanwhile; the list has been read again.'
    : error.detail;
}

function ApprovalSetting({ org }: { org: string }): ReactElement | null {
  const organisation = useOrganisation(org);
  const change = useSetApprovalRequired(org);
  if (!organisation.data) return null;
  const on = organisation.data.settings.approvalRequired;
  const canChange = organisation.data.abilities.canEditSettings;
  return (
    <section className="card approval-setting" aria-labelledby="approval-setting-heading">
      <h2 id="approval-setting-heading" className="facts-heading">
        Approval of members' objectives
      </h2>
      <div className="approval-setting-row">
        {canChange ? (
          <button
            type="button"
            role="switch"
            aria-checked={on}
            aria-labelledby="approval-setting-heading"
            className={`switch ${on ? 'switch-on' : ''}`}
            disabled={change.isPending}
            onClick={() =>
              change.mutate({ version: organisation.data.version, approvalRequired: !on })
            }
          >
            <span className="switch-knob" aria-hidden="true" />
          </button>
        ) : null}
        <p className="small">
          <strong>{on ? 'On' : 'Off'}.</strong>{' '}
          {on
            ? "A member's own objective stays a draft until a lead of their team approves it or returns it with a comment. Drafts count in their parents' progress like any objective."
            : 'Objectives are active as soon as they are created.'}
          {!canChange && ' An OKR champion can change this.'}
        </p>
      </div>
      {change.error && (
        <p className="field-error" role="alert">
          {problem(change.error)}
        </p>
      )}
    </section>
  );
}

function WaitingItem({ org, item }: { org: string; item: ApprovalItemView }): ReactElement {
  const step = useQueueStep(org);
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const commentId = useId();
  const { objective, approval } = item;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(comment.trim() === '');
    if (comment.trim() === '') return;
    step.mutate({
      id: objective.id,
      step: 'return',
      version: objective.version,
      comment: comment.trim(),
    });
  };
  return (
    <article className="row approval-item" aria-label={objective.title}>
      <div className="row-main">
        <h3 className="row-title">
          <Link
            to={`/orgs/${encodeURIComponent(org)}/objectives/${encodeURIComponent(objective.id)}`}
          >
            {objective.title}
          </Link>
        </h3>
        <p className="row-meta small">
          <span className="tag tag-draft">Draft</span>
          <span className="muted">
            {objective.owner?.name ?? 'Nobody'} · {objective.keyResultCount} key result
            {objective.keyResultCount === 1 ? '' : 's'} · submitted{' '}
            <RelativeTime iso={approval.submittedAt} />
          </span>
        </p>
        {objective.rationale && <p className="small">{objective.rationale}</p>}
        {problem(step.error) && (
          <p className="field-error" role="alert">
            {problem(step.error)}
          </p>
        )}
        {approval.abilities.canApprove && (
          <div className="approval-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={step.isPending}
              onClick={() =>
                step.mutate({ id: objective.id, step: 'approve', version: objective.version })
              }
            >
              Approve<span className="visually-hidden"> “{objective.title}”</span>
            </button>
            {!returning && (
              <button type="button" className="button" onClick={() => setReturning(true)}>
                Return with a comment…
                <span className="visually-hidden"> (“{objective.title}”)</span>
              </button>
            )}
          </div>
        )}
        {returning && (
          <form className="approval-return" onSubmit={submit} noValidate>
            <label htmlFor={commentId}>What should change? (Markdown)</label>
            <textarea
              id={commentId}
              className="input"
              rows={3}
              value={comment}
              aria-invalid={missing || undefined}
              aria-describedby={missing ? `${commentId}-error` : undefined}
              onChange={(event) => setComment(event.target.value)}
              autoFocus
            />
            {missing && (
              <p id={`${commentId}-error`} className="field-error">
                Say what should change, so the owner knows.
              </p>
            )}
            <div className="approval-actions">
              <button type="submit" className="button button-primary" disabled={step.isPending}>
                Return it
              </button>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => setReturning(false)}
              >
                Cancel
              </button>
            </div>
          </form>
        )}
      </div>
    </article>
  );
}

function YourItem({ org, item }: { org: string; item: ApprovalItemView }): ReactElement {
  const step = useQueueStep(org);
  const { objective, approval } = item;
  return (
    <article className="row approval-item" aria-label={objective.title}>
      <div className="row-main">
        <h3 className="row-title">
          <Link
            to={`/orgs/${encodeURIComponent(org)}/objectives/${encodeURIComponent(objective.id)}`}
          >
            {objective.title}
          </Link>
        </h3>
        <p className="row-meta small">
          <span className="tag tag-draft">
            {approval.state === 'pending' ? 'Waiting for approval' : 'Returned'}
          </span>
          {approval.state === 'returned' && (
            <span className="muted">
              by {approval.reviewer?.name ?? 'a lead'}
              {approval.reviewedAt && (
                <>
                  {' '}
                  <RelativeTime iso={approval.reviewedAt} />
                </>
              )}
            </span>
          )}
        </p>
        {approval.state === 'returned' && approval.commentHtml && (
          <blockquote
            className="approval-comment"
            aria-label="The lead's comment"
            // Rendered from Markdown and sanitised on the server (renderMarkdown).
            dangerouslySetInnerHTML={{ __html: approval.commentHtml }}
          />
        )}
        {problem(step.error) && (
          <p className="field-error" role="alert">
            {problem(step.error)}
          </p>
        )}
        {approval.abilities.canSubmit && (
          <div className="approval-actions">
            <Link
              className="button"
              to={`/orgs/${encodeURIComponent(org)}/objectives/${encodeURIComponent(objective.id)}/edit`}
            >
              Change it<span className="visually-hidden"> (“{objective.title}”)</span>
            </Link>
            <button
              type="button"
              className="button button-primary"
              disabled={step.isPending}
              onClick={() =>
                step.mutate({ id: objective.id, step: 'submit', version: objective.version })
              }
            >
              {approval.state === 'returned' ? 'Submit again' : 'Make it active'}
              <span className="visually-hidden"> (“{objective.title}”)</span>
            </button>
          </div>
        )}
      </div>
    </article>
  );
}

export function ApprovalsPage(): ReactElement {
  const { org = '' } = useParams();
  useDocumentTitle('Approvals');
  const queue = useApprovalQueue(org);
  if (queue.isPending) return <LoadingState label="Loading approvals…" rows={3} />;
  if (queue.isError)
    return (
      <ErrorState error={queue.error} what="The approvals" onRetry={() => void queue.refetch()} />
    );
  const { waitingForYou, yours } = queue.data;
  return (
    <div className="page approvals-page">
      <header className="page-header">
        <h1>Approvals</h1>
        <p className="muted">
          Members' objectives wait here as drafts until a lead of their team approves them or
          returns them with a comment.
        </p>
      </header>
      <ApprovalSetting org={org} />
      <section className="section" aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">
          Waiting for you <span className="count">{waitingForYou.length}</span>
        </h2>
        {waitingForYou.length === 0 ? (
          <EmptyState title="Nothing waits for your approval">
            <p>
              When approval is on, the objectives your team members set for themselves appear here.
              Approve the ones that are outcomes, measurable and aligned; return the others with a
              comment saying what to change.
            </p>
          </EmptyState>
        ) : (
          <ul className="card-list">
            {waitingForYou.map((item) => (
              <li key={item.objective.id}>
                <WaitingItem org={org} item={item} />
              </li>
            ))}
          </ul>
        )}
      </section>
      {yours.length > 0 && (
        <section className="section" aria-labelledby="yours-heading">
          <h2 id="yours-heading">
            Yours in approval <span className="count">{yours.length}</span>
          </h2>
          <ul className="card-list">
            {yours.map((item) => (
              <li key={item.objective.id}>
                <YourItem org={org} item={item} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
