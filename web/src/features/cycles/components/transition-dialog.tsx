/**
 * The dialog before a cycle's step: the checks the server lists for it (teams without objectives,
 * objectives without key results, owners who will be asked for scores, objectives without a
 * confirmed score), and the step itself. Warnings must be acknowledged with the checkbox, as the
 * API requires.
 */
import type { CycleView } from '@contracts/api/cycles.ts';
import type { CycleStatus } from '@contracts/model.ts';
import { useId, useState, type ReactElement } from 'react';
import { Link } from 'react-router';
import { ModalDialog } from '../../../components/modal-dialog.tsx';
import { ErrorState, LoadingState } from '../../../components/states.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { useTransition, useTransitionChecks } from '../api/cycles.ts';
import { STATUS_LABEL, STEP_LABEL } from '../lib/labels.ts';

export function TransitionDialog({
  org,
  cycle,
  to,
  onClose,
}: {
  org: string;
  cycle: CycleView;
  to: CycleStatus;
  onClose: () => void;
}): ReactElement {
  const checks = useTransitionChecks(org, cycle.id, to);
  const transition = useTransition(org);
  const [acknowledged, setAcknowledged] = useState(false);
  const ackId = useId();
  const needs = checks.data?.needsAcknowledgement ?? false;
  const label = cycle.status === 'grading' && to === 'active' ? 'Reopen' : STEP_LABEL[to];

  return (
    <ModalDialog
      title={`${label} ${cycle.name}?`}
      subtitle={`${STATUS_LABEL[cycle.status]} → ${STATUS_LABEL[to]}`}
      onClose={onClose}
    >
      {checks.isPending ? (
        <LoadingState label="Looking at the cycle…" rows={2} />
      ) : checks.isError ? (
        <ErrorState error={checks.error} what="The checks" onRetry={() => void checks.refetch()} />
      ) : (
        <div className="transition-checks">
          {checks.data.checks.length === 0 && <p>Nothing to look at before this step.</p>}
          {checks.data.checks.map((check) => (
            <section
              key={check.id}
              className={`check check-${check.count > 0 ? check.severity : 'ok'}`}
              aria-labelledby={`check-${check.id}`}
            >
              <h3 id={`check-${check.id}`}>
                {check.title}: <strong>{check.count}</strong>
              </h3>
              {check.items.length > 0 && (
                <ul className="check-items">
                  {check.items.map((item) => (
                    <li key={item.id}>
                      {item.kind === 'objective' ? (
                        <Link to={`/orgs/${encodeURIComponent(org)}/objectives/${item.id}`}>
                          {item.name}
                        </Link>
                      ) : item.kind === 'team' ? (
                        <Link to={`/orgs/${encodeURIComponent(org)}/teams/${item.id}`}>
                          {item.name}
                        </Link>
                      ) : (
                        item.name
                      )}
                      {item.detail && <span className="muted"> — {item.detail}</span>}
                    </li>
                  ))}
                </ul>
              )}
              {check.hidden > 0 && (
                <p className="small muted">
                  And {check.hidden} private {check.hidden === 1 ? 'one' : 'ones'} you may not see.
                </p>
              )}
            </section>
          ))}
          {to === 'closed' && (
            <p className="small">Closing locks the cycle: its OKRs can no longer change.</p>
          )}
          {needs && (
            <p className="field">
              <input
                id={ackId}
                type="checkbox"
                checked={acknowledged}
                onChange={(event) => setAcknowledged(event.target.checked)}
              />{' '}
              <label htmlFor={ackId}>I have looked at these and want to go ahead</label>
            </p>
          )}
          {transition.isError && (
            <p className="field-error" role="alert">
              {errorMessage(transition.error)}
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={(needs && !acknowledged) || transition.isPending}
              onClick={() =>
                transition.mutate({ cycle, to, acknowledge: needs }, { onSuccess: onClose })
              }
            >
              {transition.isPending ? 'Moving…' : `${label} ${cycle.name}`}
            </button>
          </div>
        </div>
      )}
    </ModalDialog>
  );
}
