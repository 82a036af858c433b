/**
 * Editing an objective's title and rationale in place. Saves with If-Match; when someone saved
 * first (412) it says so and offers their version, keeping what this person typed visible.
 */
import type { ObjectiveDetailView } from '@contracts/api/okrs.ts';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { AlertIcon } from '../../../components/icons.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { StaleVersionError } from '../../../lib/api.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { isObjectiveDetail, useUpdateObjective } from '../api/objective.ts';

interface ObjectiveWordingFormProps {
  org: string;
  objective: ObjectiveDetailView;
  onDone: () => void;
}

export function ObjectiveWordingForm({
  org,
  objective,
  onDone,
}: ObjectiveWordingFormProps): ReactElement {
  const update = useUpdateObjective(org, objective.id);
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(objective.title);
  const [rationale, setRationale] = useState(objective.rationale ?? '');
  const [baseVersion, setBaseVersion] = useState(objective.version);
  const rationaleId = useId();

  const stale = update.error instanceof StaleVersionError ? update.error : null;
  const fieldErrors = update.error && !stale ? update.error.fieldErrors() : {};
  const generalError =
    update.error && !stale && Object.keys(fieldErrors).length === 0 ? update.error.detail : null;

  const [titleMissing, setTitleMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTitleMissing(title.trim() === '');
    if (title.trim() === '') return;
    update.mutate(
      { version: baseVersion, body: { title: title.trim(), rationale: rationale.trim() || null } },
      { onSuccess: onDone },
    );
  };

  const takeTheirs = () => {
    const current = stale?.current;
    if (isObjectiveDetail(current)) {
      queryClient.setQueryData(queryKeys.objective(org, objective.id), current);
      setTitle(current.title);
      setRationale(current.rationale ?? '');
      setBaseVersion(current.version);
    } else {
      void queryClient.invalidateQueries({ queryKey: queryKeys.objective(org, objective.id) });
      onDone();
    }
    update.reset();
  };

  return (
    <form
      className="card wording-form"
      onSubmit={submit}
      noValidate
      aria-label="Edit the objective's wording"
    >
      {stale && (
        <div className="alert" role="alert">
          <AlertIcon />
          <div className="alert-body">
            <p>
              <strong>Someone changed this objective meanwhile.</strong> Your text is still below;
              load their version to see what they changed, then save again.
            </p>
            {isObjectiveDetail(stale.current) && (
              <dl className="small stale-theirs">
                <dt>Their title</dt>
                <dd>{stale.current.title}</dd>
                <dt>Their rationale</dt>
                <dd>{stale.current.rationale ?? '(none)'}</dd>
              </dl>
            )}
            <p>
              <button type="button" className="button" onClick={takeTheirs}>
                Load their version
              </button>
            </p>
          </div>
        </div>
      )}
      {generalError && (
        <div className="alert" role="alert">
          <AlertIcon />
          <p>{generalError}</p>
        </div>
      )}
      <TextField
        label="Objective"
        name="title"
        value={title}
        maxLength={200}
        required
        onChange={(event) => setTitle(event.target.value)}
        error={titleMissing ? 'Give the objective a title.' : fieldErrors.title}
        data-autofocus
        autoFocus
      />
      <div className="field">
        <label className="field-label" htmlFor={rationaleId}>
          Why it matters <span className="muted">(rationale)</span>
        </label>
        <textarea
          id={rationaleId}
          className="input"
          rows={4}
          maxLength={5000}
          value={rationale}
          onChange={(event) => setRationale(event.target.value)}
          aria-invalid={fieldErrors.rationale ? true : undefined}
          aria-describedby={fieldErrors.rationale ? `${rationaleId}-error` : undefined}
        />
        {fieldErrors.rationale && (
          <p id={`${rationaleId}-error`} className="field-error">
            <AlertIcon size={14} />
            {fieldErrors.rationale}
          </p>
        )}
      </div>
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={update.isPending || stale !== null}
        >
          {update.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
