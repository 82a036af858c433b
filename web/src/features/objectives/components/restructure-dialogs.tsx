/**
 * Restructuring from the objective page, each in a dialog with a picker for the destination:
 * move a key result to another objective of the cycle (its check-ins go with it), move the
 * objective to another cycle or team (optionally aligned anew), duplicate it with its key results.
 * The pickers offer only what the API's abilities allow; the API still judges on save.
 */
import type { CycleView } from '@contracts/api/cycles.ts';
import type { KeyResultView, ObjectiveDetailView } from '@contracts/api/okrs.ts';
import { useId, useState, type FormEvent, type ReactElement, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { AlertIcon } from '../../../components/icons.tsx';
import { ModalDialog } from '../../../components/modal-dialog.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { StaleVersionError, type ApiError } from '../../../lib/api.ts';
import { LEVEL_LABEL } from '../../../lib/labels.ts';
import { ALLOWED_PARENT_LEVELS } from '../../../../../src/domain/alignment.ts';
import {
  useCyclesToPick,
  useDuplicateObjective,
  useMoveKeyResult,
  useMoveObjective,
  useObjectivesOfCycle,
  useTeamsToPick,
} from '../api/restructuring.ts';
import { orgPath } from '../api/objective-query-keys.ts';
import './restructure-dialogs.css';

/** Cycles that take changes: planning and active ones. */
const openCycles = (cycles: CycleView[]) =>
  cycles.filter((cycle) => cycle.status === 'planning' || cycle.status === 'active');

function ErrorAlert({ error }: { error: ApiError | null }): ReactElement | null {
  if (!error) return null;
  const detail =
    error instanceof StaleVersionError
      ? 'Someone changed this meanwhile. Close this dialog; the page shows the latest version.'
      : [error.detail, ...error.errors.map((e) => e.message)]
          .filter((line, i, all) => all.indexOf(line) === i)
          .join(' — ');
  return (
    <div className="alert" role="alert">
      <AlertIcon />
      <p>{detail}</p>
    </div>
  );
}

function SelectField({
  label,
  value,
  onChange,
  hint,
  children,
  autoFocus,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  children: ReactNode;
  autoFocus?: boolean;
}): ReactElement {
  const id = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="input"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        data-autofocus={autoFocus ? true : undefined}
      >
        {children}
      </select>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

function Actions({
  pending,
  label,
  onClose,
}: {
  pending: boolean;
  label: string;
  onClose: () => void;
}): ReactElement {
  return (
    <div className="modal-actions">
      <button type="button" className="button" onClick={onClose}>
        Cancel
      </button>
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Saving…' : label}
      </button>
    </div>
  );
}

/** Move a key result to another objective of the same cycle that the person may change. */
export function MoveKeyResultDialog({
  org,
  objective,
  keyResult,
  onClose,
}: {
  org: string;
  objective: ObjectiveDetailView;
  keyResult: KeyResultView;
  onClose: () => void;
}): ReactElement {
  const navigate = useNavigate();
  const move = useMoveKeyResult(org);
  const candidates = useObjectivesOfCycle(org, objective.cycleId);
  const destinations = (candidates.data ?? []).filter(
    (o) => o.id !== objective.id && o.abilities.canMove,
  );
  const [destination, setDestination] = useState('');
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!destination) {
      setMissing(true);
      return;
    }
    move.mutate(
      { keyResult, body: { objectiveId: destination } },
      { onSuccess: () => void navigate(`${orgPath(org)}/objectives/${destination}`) },
    );
  };

  return (
    <ModalDialog title="Move key result" subtitle={keyResult.title} onClose={onClose}>
      <form className="restructure-form" onSubmit={submit} noValidate>
        <ErrorAlert error={move.error} />
        {candidates.isPending ? (
          <p className="muted">Loading the objectives of {objective.cycle.name}…</p>
        ) : destinations.length === 0 ? (
          <p className="muted">
            There is no other objective in {objective.cycle.name} that you may change.
          </p>
        ) : (
          <SelectField
            label="Move to objective"
            value={destination}
            onChange={(value) => {
              setDestination(value);
              setMissing(false);
            }}
            autoFocus
            hint={
              missing
                ? 'Choose the objective it moves to.'
                : `Objectives of ${objective.cycle.name} you may change. Its check-ins, initiatives and comments go with it.`
            }
          >
            <option value="">Choose an objective…</option>
            {destinations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.title} ({LEVEL_LABEL[o.level]}
                {o.team ? `, ${o.team.name}` : o.owner ? `, ${o.owner.name}` : ''})
              </option>
            ))}
          </SelectField>
        )}
        <Actions pending={move.isPending} label="Move key result" onClose={onClose} />
      </form>
    </ModalDialog>
  );
}

/** Move the objective to another cycle and/or team, aligned to one parent of the destination cycle or none. */
export function MoveObjectiveDialog({
  org,
  objective,
  onClose,
}: {
  org: string;
  objective: ObjectiveDetailView;
  onClose: () => void;
}): ReactElement {
  const move = useMoveObjective(org);
  const cycles = useCyclesToPick(org);
  const isTeam = objective.level === 'team';
  const teams = useTeamsToPick(org, isTeam);
  const [cycleId, setCycleId] = useState(objective.cycleId);
  const [teamId, setTeamId] = useState(objective.team?.id ?? '');
  const sameCycle = cycleId === objective.cycleId;
  // In its own cycle it keeps its parents unless another is chosen; elsewhere it starts unaligned.
  const [parentChoice, setParentChoice] = useState<string>('keep');
  const parentsOfCycle = useObjectivesOfCycle(org, cycleId);
  const allowed = ALLOWED_PARENT_LEVELS[objective.level];
  const parentOptions = (parentsOfCycle.data ?? []).filter(
    (o) => o.id !== objective.id && allowed.includes(o.level),
  );
  const parentValue = !sameCycle && parentChoice === 'keep' ? 'none' : parentChoice;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    move.mutate(
      {
        objective,
        body: {
          ...(cycleId !== objective.cycleId ? { cycleId } : {}),
          ...(isTeam && teamId && teamId !== objective.team?.id ? { teamId } : {}),
          ...(parentValue === 'keep'
            ? {}
            : { parentIds: parentValue === 'none' ? [] : [parentValue] }),
        },
      },
      { onSuccess: onClose },
    );
  };

  return (
    <ModalDialog title="Move objective" subtitle={objective.title} onClose={onClose}>
      <form className="restructure-form" onSubmit={submit} noValidate>
        <ErrorAlert error={move.error} />
        <SelectField
          label="Cycle"
          value={cycleId}
          onChange={setCycleId}
          autoFocus
          hint="Its key results and their check-ins go with it."
        >
          {openCycles(cycles.data ?? []).map((cycle) => (
            <option key={cycle.id} value={cycle.id}>
              {cycle.name}
              {cycle.id === objective.cycleId ? ' (now)' : ''}
            </option>
          ))}
          {!openCycles(cycles.data ?? []).some((c) => c.id === objective.cycleId) && (
            <option value={objective.cycleId}>{objective.cycle.name} (now)</option>
          )}
        </SelectField>
        {isTeam && (
          <SelectField label="Team" value={teamId} onChange={setTeamId}>
            {(teams.data ?? []).map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
                {team.id === objective.team?.id ? ' (now)' : ''}
              </option>
            ))}
            {teams.data === undefined && objective.team && (
              <option value={objective.team.id}>{objective.team.name}</option>
            )}
          </SelectField>
        )}
        {allowed.length > 0 && (
          <SelectField
            label="Aligned to"
            value={parentValue}
            onChange={setParentChoice}
            hint={
              sameCycle
                ? undefined
                : 'Its parents are in another cycle: choose one in the new cycle, or none.'
            }
          >
            {sameCycle && <option value="keep">Keep its parents</option>}
            <option value="none">No parent</option>
            {parentOptions.map((o) => (
              <option key={o.id} value={o.id}>
                {o.title} ({LEVEL_LABEL[o.level]})
              </option>
            ))}
          </SelectField>
        )}
        <Actions pending={move.isPending} label="Move objective" onClose={onClose} />
      </form>
    </ModalDialog>
  );
}

/** Copy the objective with its key results (not their check-ins) into a cycle, then open the copy. */
export function DuplicateObjectiveDialog({
  org,
  objective,
  onClose,
}: {
  org: string;
  objective: ObjectiveDetailView;
  onClose: () => void;
}): ReactElement {
  const navigate = useNavigate();
  const duplicate = useDuplicateObjective(org);
  const cycles = useCyclesToPick(org);
  const choices = openCycles(cycles.data ?? []);
  const [cycleId, setCycleId] = useState(objective.cycleId);
  const [title, setTitle] = useState(objective.title);
  const titleError = duplicate.error?.fieldErrors().title;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    duplicate.mutate(
      {
        objectiveId: objective.id,
        body: {
          ...(cycleId !== objective.cycleId ? { cycleId } : {}),
          ...(title.trim() !== objective.title ? { title: title.trim() } : {}),
        },
      },
      { onSuccess: (copy) => void navigate(`${orgPath(org)}/objectives/${copy.id}`) },
    );
  };

  return (
    <ModalDialog title="Duplicate objective" subtitle={objective.title} onClose={onClose}>
      <form className="restructure-form" onSubmit={submit} noValidate>
        <ErrorAlert error={titleError ? null : duplicate.error} />
        <SelectField
          label="Into cycle"
          value={cycleId}
          onChange={setCycleId}
          autoFocus
          hint="The copy starts each key result from its start value; the check-ins stay with this objective."
        >
          {!choices.some((c) => c.id === objective.cycleId) && (
            <option value={objective.cycleId}>{objective.cycle.name} (now)</option>
          )}
          {choices.map((cycle) => (
            <option key={cycle.id} value={cycle.id}>
              {cycle.name}
              {cycle.id === objective.cycleId ? ' (now)' : ''}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Title of the copy"
          value={title}
          maxLength={200}
          onChange={(event) => setTitle(event.target.value)}
          error={titleError}
        />
        <Actions pending={duplicate.isPending} label="Duplicate" onClose={onClose} />
      </form>
    </ModalDialog>
  );
}
