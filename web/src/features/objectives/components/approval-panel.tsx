/**
 * Where a draft objective stands in approval, as a picture first — three steps (drafted, the
 * lead's review, active) with the current one marked — then in words: the lead's comment when it
 * was returned, and the buttons the API's abilities allow (approve, return with a comment, submit
 * again). Shown while the objective is in approval; an approved one needs nothing.
 */
import type { ApprovalView, ObjectiveDetailView } from '@contracts/api/okrs.ts';
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { StaleVersionError } from '../../../lib/api.ts';
import { useApprovalStep } from '../api/approval.ts';
import './approval-panel.css';

const STEPS = ['Drafted', "Lead's review", 'Active'] as const;

function currentStep(approval: ApprovalView): number {
  if (approval.state === 'approved') return 2;
  return approval.state === 'pending' ? 1 : 0;
}

function ApprovalSteps({ approval }: { approval: ApprovalView }): ReactElement {
  const current = currentStep(approval);
  return (
    <ol className="approval-steps" aria-label="Approval steps">
      {STEPS.map((label, index) => {
        const state = index < current ? 'done' : index === current ? 'current' : 'todo';
        return (
          <li
            key={label}
            className={`approval-step approval-step-${state}`}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <span className="approval-step-mark" aria-hidden="true">
              {state === 'done' ? '✓' : index + 1}
            </span>
            <span>
              {label}
              {state === 'current' && approval.state === 'returned' && ' — returned to you'}
              {state === 'done' && <span className="visually-hidden"> (done)</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

export function ApprovalPanel({
  org,
  objective,
}: {
  org: string;
  objective: ObjectiveDetailView;
}): ReactElement | null {
  const approval = objective.approval;
  const step = useApprovalStep(org, objective.id);
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const commentId = useId();
  if (!approval || approval.state === 'approved') return null;

  const error = step.error
    ? step.error instanceof StaleVersionError
      ? 'Someone changed this objective meanwhile: reload the page and look again.'
      : step.error.detail
    : null;
  const returnIt = (event: FormEvent) => {
    event.preventDefault();
    setMissing(comment.trim() === '');
    if (comment.trim() === '') return;
    step.mutate(
      { step: 'return', version: objective.version, comment: comment.trim() },
      { onSuccess: () => setReturning(false) },
    );
  };

  return (
    <section className="card approval-panel" aria-labelledby="approval-heading">
      <h2 id="approval-heading" className="facts-heading">
        {approval.state === 'pending'
          ? 'Draft — waiting for approval'
          : 'Draft — returned with a comment'}
      </h2>
      <ApprovalSteps approval={approval} />
      <p className="muted small">
        {approval.state === 'pending' ? (
          <>
            Submitted <RelativeTime iso={approval.submittedAt} />. It becomes active when a lead of
            its owner's team approves it; until then it is a draft.
          </>
        ) : (
          <>
            Returned by {approval.reviewer?.name ?? 'a lead'}
            {approval.reviewedAt && (
              <>
                {' '}
                <RelativeTime iso={approval.reviewedAt} />
              </>
            )}
            . Change what the comment asks, then submit it again.
          </>
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
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="approval-actions">
        {approval.abilities.canApprove && (
          <button
            type="button"
            className="button button-primary"
            disabled={step.isPending}
            onClick={() => step.mutate({ step: 'approve', version: objective.version })}
          >
            Approve
          </button>
        )}
        {approval.abilities.canApprove && !returning && (
          <button
            type="button"
            className="button"
            disabled={step.isPending}
            onClick={() => setReturning(true)}
          >
            Return with a comment…
          </button>
        )}
        {approval.abilities.canSubmit && (
          <button
            type="button"
            className="button button-primary"
            disabled={step.isPending}
            onClick={() => step.mutate({ step: 'submit', version: objective.version })}
          >
            {approval.state === 'returned' ? 'Submit again' : 'Make it active'}
          </button>
        )}
      </div>
      {returning && (
        <form className="approval-return" onSubmit={returnIt} noValidate>
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
    </section>
  );
}
