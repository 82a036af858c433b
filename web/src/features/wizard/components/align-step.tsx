/**
 * Step 2: the objectives this one contributes to, searched in the same cycle, each chosen parent
 * shown with its path up to the company.
 */
import type { ObjectiveDetailView } from '@contracts/api/okrs.ts';
import type { ObjectiveLevel } from '@contracts/model.ts';
import { useEffect, useId, useState, type ReactElement } from 'react';
import { HealthBadge } from '../../../components/health-badge.tsx';
import { ChevronIcon } from '../../../components/icons.tsx';
import { ErrorState } from '../../../components/states.tsx';
import { formatPercent } from '../../../lib/format.ts';
import { LEVEL_LABEL } from '../../../lib/labels.ts';
import { ALLOWED_PARENT_LEVELS } from '../../../../../src/domain/alignment.ts';
import type { QualityFinding } from '../../../../../src/domain/quality.ts';
import { useObjectiveSearch } from '../api/wizard-queries.ts';
import type { FieldErrors, WizardDraft } from '../model/draft.ts';
import { QualityFeedback } from './quality-feedback.tsx';
import { FieldErrorText } from './step-shared.tsx';

interface AlignStepProps {
  org: string;
  draft: WizardDraft;
  update: (changes: Partial<WizardDraft>) => void;
  errors: FieldErrors;
  findings: QualityFinding[];
  parents: { data?: ObjectiveDetailView | undefined }[];
  /** The objective being edited, never its own parent. */
  selfId: string | null;
  /** Champion coaching: alignment is not wording. */
  readOnly: boolean;
}

function useDebounced(value: string, delay: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

export function AlignStep({
  org,
  draft,
  update,
  errors,
  findings,
  parents,
  selfId,
  readOnly,
}: AlignStepProps): ReactElement {
  const level: ObjectiveLevel = draft.level ?? 'individual';
  const allowed = ALLOWED_PARENT_LEVELS[level];
  const [q, setQ] = useState('');
  const searchId = useId();
  const debouncedQ = useDebounced(q, 250);
  const search = useObjectiveSearch(
    org,
    { cycleId: draft.cycleId, q: debouncedQ, ...(debouncedQ.trim() ? {} : { level: 'company' as const }) },
    !readOnly,
  );
  const results = (search.data?.items ?? []).filter(
    (objective) => allowed.includes(objective.level) && objective.id !== selfId,
  );
  const parentErrors = Object.entries(errors).filter(([field]) => field.startsWith('parentIds'));

  const toggle = (id: string, on: boolean) =>
    update({
      parentIds: on ? [...draft.parentIds, id] : draft.parentIds.filter((parent) => parent !== id),
    });

  return (
    <div className="wizard-fields">
      <section aria-labelledby={`${searchId}-chosen`} className="chosen-parents">
        <h3 id={`${searchId}-chosen`} className="field-label">
          Aligned to {draft.parentIds.length === 0 ? '(nothing yet)' : ''}
        </h3>
        {draft.parentIds.length > 0 && (
          <ul className="card-list">
            {draft.parentIds.map((id, index) => {
              const parent = parents[index];
              return (
                <li key={id} className="chosen-parent">
                  <ParentPath parent={parent?.data} />
                  {!readOnly && (
                    <button
                      type="button"
                      className="button"
                      onClick={() => toggle(id, false)}
                      aria-label={`Remove alignment to ${parent?.data?.title ?? 'this objective'}`}
                    >
                      Remove
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {parentErrors.map(([field, message]) => (
          <FieldErrorText key={field} message={message} />
        ))}
        <QualityFeedback
          findings={findings}
          label="Feedback on the alignment"
          allGood={draft.parentIds.length > 0 ? 'People will see how this objective adds up.' : null}
        />
      </section>

      {readOnly ? (
        <p className="muted small">You may coach the wording of this objective, not its alignment.</p>
      ) : (
        <section aria-label="Find objectives to align to" className="parent-search">
          <div className="field">
            <label className="field-label" htmlFor={searchId}>
              Search objectives in this cycle
            </label>
            <input
              id={searchId}
              className="input"
              type="search"
              value={q}
              placeholder="Words in the title or rationale"
              aria-describedby={`${searchId}-hint`}
              onChange={(event) => setQ(event.target.value)}
              onKeyDown={(event) => {
                // The search is live; Enter here should not leave the step.
                if (event.key === 'Enter') event.preventDefault();
              }}
            />
            <p id={`${searchId}-hint`} className="field-hint">
              {LEVEL_LABEL[level]} objectives may align to{' '}
              {allowed.map((parentLevel) => LEVEL_LABEL[parentLevel].toLowerCase()).join(', ')}{' '}
              objectives. {debouncedQ.trim() ? '' : 'Showing the company objectives.'}
            </p>
          </div>
          {search.isError ? (
            <ErrorState error={search.error} what="The objectives" onRetry={() => void search.refetch()} />
          ) : search.isPending ? (
            <p className="muted small" role="status">
              Searching…
            </p>
          ) : results.length === 0 ? (
            <p className="muted small" role="status">
              {debouncedQ.trim()
                ? `No ${allowed.map((l) => LEVEL_LABEL[l].toLowerCase()).join(' or ')} objective matches “${debouncedQ.trim()}”. Try fewer words.`
                : 'No company objectives in this cycle yet. Search for a team objective instead.'}
            </p>
          ) : (
            <fieldset className="parent-results">
              <legend className="visually-hidden">Objectives to align to</legend>
              <p className="visually-hidden" role="status">
                {results.length} objectives found
              </p>
              <ul className="card-list">
                {results.map((objective) => (
                  <li key={objective.id}>
                    <label className="parent-result">
                      <input
                        type="checkbox"
                        checked={draft.parentIds.includes(objective.id)}
                        onChange={(event) => toggle(objective.id, event.target.checked)}
                      />
                      <span className="parent-result-text">
                        <span className="parent-result-title">{objective.title}</span>
                        <span className="row-meta">
                          <span className="tag">{LEVEL_LABEL[objective.level]}</span>
                          {objective.team && <span className="small muted">{objective.team.name}</span>}
                          {objective.owner && <span className="small muted">{objective.owner.name}</span>}
                          <span className="small muted">{formatPercent(objective.progress)} done</span>
                        </span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          )}
        </section>
      )}
    </div>
  );
}

/** A chosen parent with its path from the company objective down. */
function ParentPath({ parent }: { parent: ObjectiveDetailView | undefined }): ReactElement {
  if (!parent) return <span className="muted small">Loading the objective…</span>;
  return (
    <div className="parent-path">
      {parent.alignmentPath.length > 0 && (
        <ol className="path-crumbs" aria-label={`Path of ${parent.title}`}>
          {parent.alignmentPath.map((step) => (
            <li key={step.id}>
              {'private' in step ? 'Private objective' : step.title}
              <ChevronIcon size={12} />
            </li>
          ))}
        </ol>
      )}
      <p className="parent-title">
        <span className="tag">{LEVEL_LABEL[parent.level]}</span> {parent.title}
      </p>
      <p className="row-meta">
        <HealthBadge health={parent.health} />
        <span className="small muted">{formatPercent(parent.progress)} done</span>
      </p>
    </div>
  );
}
