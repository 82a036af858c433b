/**
 * Carrying objectives of a grading or closed cycle into a cycle in planning or active: the
 * objectives with checkboxes (unfinished ones ticked, those already carried shown with their
 * copy), the target cycle, and what was carried.
 */
import type { CycleView } from '@contracts/api/cycles.ts';
import { useId, useState, type ReactElement } from 'react';
import { Link } from 'react-router';
import { ModalDialog } from '../../../components/modal-dialog.tsx';
import { ErrorState, LoadingState } from '../../../components/states.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { formatPercent } from '../../../lib/format.ts';
import { useCarryOver, useCarryOverCandidates } from '../api/cycles.ts';

export function CarryOverDialog({
  org,
  cycle,
  targets,
  onClose,
}: {
  org: string;
  cycle: CycleView;
  targets: CycleView[];
  onClose: () => void;
}): ReactElement {
  const candidates = useCarryOverCandidates(org, cycle.id);
  const carry = useCarryOver(org, cycle.id);
  const targetId = useId();
  const [target, setTarget] = useState(targets[0]?.id ?? '');
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const items = candidates.data?.items ?? [];
  const selected =
    chosen ??
    new Set(
      items
        .filter((i) => i.unfinished && !i.carriedTo.some((c) => c.cycleId === target))
        .map((i) => i.id),
    );
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  const objectivePath = (id: string) => `/orgs/${encodeURIComponent(org)}/objectives/${id}`;

  return (
    <ModalDialog
      title={`Carry over from ${cycle.name}`}
      subtitle="Copies keep their key results, owner, team and alignment, linked to the original."
      onClose={onClose}
    >
      {candidates.isPending ? (
        <LoadingState label="Loading the objectives…" rows={3} />
      ) : candidates.isError ? (
        <ErrorState
          error={candidates.error}
          what="The objectives"
          onRetry={() => void candidates.refetch()}
        />
      ) : carry.isSuccess ? (
        <div role="status">
          <p>
            Carried {carry.data.items.length}{' '}
            {carry.data.items.length === 1 ? 'objective' : 'objectives'} into{' '}
            {carry.data.target.name}
            {carry.data.skipped.length > 0 && ` (${carry.data.skipped.length} already there)`}.
          </p>
          <ul>
            {carry.data.items.map((item) => (
              <li key={item.objective.id}>
                <Link to={objectivePath(item.objective.id)}>{item.objective.title}</Link>
              </li>
            ))}
          </ul>
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      ) : targets.length === 0 ? (
        <p>
          Create the next cycle first: objectives are carried into a cycle in planning or active.
        </p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            carry.mutate({ targetCycleId: target, objectiveIds: [...selected] });
          }}
        >
          <div className="field">
            <label className="field-label" htmlFor={targetId}>
              Into
            </label>
            <select
              id={targetId}
              className="input"
              value={target}
              onChange={(event) => setTarget(event.target.value)}
            >
              {targets.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="carry-list">
            <legend>Objectives (unfinished ones are ticked)</legend>
            {items.length === 0 && (
              <p className="muted">This cycle has no objectives you can see.</p>
            )}
            {items.map((item) => {
              const there = item.carriedTo.find((c) => c.cycleId === target);
              return (
                <div key={item.id} className="carry-item">
                  <input
                    type="checkbox"
                    id={`carry-${item.id}`}
                    checked={selected.has(item.id)}
                    disabled={there !== undefined}
                    onChange={() => toggle(item.id)}
                  />{' '}
                  <label htmlFor={`carry-${item.id}`}>
                    {item.title}{' '}
                    <span className="muted small">
                      {item.team?.name ?? 'Company'} · {formatPercent(item.progress)}
                      {item.score !== null && ` · scored ${item.score.toFixed(1)}`}
                      {there && ' · already carried'}
                    </span>
                  </label>
                </div>
              );
            })}
            {(candidates.data.hidden ?? 0) > 0 && (
              <p className="small muted">
                {candidates.data.hidden} private objectives you may not see stay where they are.
              </p>
            )}
          </fieldset>
          {carry.isError && (
            <p className="field-error" role="alert">
              {errorMessage(carry.error)}
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button
              type="submit"
              className="button button-primary"
              disabled={selected.size === 0 || carry.isPending}
            >
              {carry.isPending ? 'Carrying…' : `Carry ${selected.size} over`}
            </button>
          </div>
        </form>
      )}
    </ModalDialog>
  );
}
