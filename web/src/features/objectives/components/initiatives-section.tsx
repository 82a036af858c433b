/**
 * Initiatives: the work planned to move each key result, grouped by key result. Adding needs the
 * key result's `canManageInitiatives`; changing or deleting one needs that initiative's own
 * abilities. Status is a word (and a mark) in a select, so it changes in one step.
 */
import type { InitiativeView } from '@contracts/api/collaboration.ts';
import type { KeyResultView } from '@contracts/api/okrs.ts';
import type { InitiativeStatus } from '@contracts/model.ts';
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { AlertIcon } from '../../../components/icons.tsx';
import {
  FilterSelect,
  ListFilterBar,
  useListFilters,
  type ListFilterControls,
} from '../../../components/list-filters.tsx';
import { ErrorState } from '../../../components/states.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { StaleVersionError, type ApiError } from '../../../lib/api.ts';
import { formatDay } from '../../../lib/format.ts';
import { filterItems, showsFilterBar } from '../../../lib/list-filters.ts';
import {
  useCreateInitiative,
  useDeleteInitiative,
  useInitiativeCount,
  useInitiatives,
  useReloadInitiatives,
  useUpdateInitiative,
} from '../api/initiatives.ts';

const STATUS_LABEL: Record<InitiativeStatus, string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
};
const STATUS_MARK: Record<InitiativeStatus, string> = {
  planned: '○',
  in_progress: '◐',
  done: '●',
  cancelled: '⊘',
};
const STATUSES = Object.keys(STATUS_LABEL) as InitiativeStatus[];

interface InitiativesSectionProps {
  org: string;
  keyResults: KeyResultView[];
}

export function InitiativesSection({ org, keyResults }: InitiativesSectionProps): ReactElement {
  // `?initiatives-q=&initiatives-status=`, across every key result's initiatives.
  const controls = useListFilters(['q'], 'initiatives', ['status']);
  const count = useInitiativeCount(
    org,
    keyResults.map((keyResult) => keyResult.id),
  );
  if (keyResults.length === 0)
    return <p className="muted">Initiatives belong to key results; add a key result first.</p>;
  return (
    <>
      {showsFilterBar(count, controls.active) && (
        <ListFilterBar
          controls={controls}
          what="initiatives"
          placeholder="Words in the title or owner"
        >
          <FilterSelect
            label="Progress"
            all="Any"
            value={controls.choice('status')}
            options={STATUSES.map((status) => ({ value: status, label: STATUS_LABEL[status] }))}
            onChange={(value) => controls.setChoice('status', value)}
          />
        </ListFilterBar>
      )}
      <div className="initiative-groups">
        {keyResults.map((keyResult) => (
          <KeyResultInitiatives
            key={keyResult.id}
            org={org}
            keyResult={keyResult}
            controls={controls}
          />
        ))}
      </div>
    </>
  );
}

function StaleAlert({ what, onReload }: { what: string; onReload: () => void }): ReactElement {
  return (
    <div className="alert" role="alert">
      <AlertIcon />
      <div className="alert-body">
        <p>
          <strong>Someone changed this {what} meanwhile.</strong> Reload to see their version, then
          make your change again.
        </p>
        <p>
          <button type="button" className="button" onClick={onReload}>
            Reload
          </button>
        </p>
      </div>
    </div>
  );
}

function KeyResultInitiatives({
  org,
  keyResult,
  controls,
}: {
  org: string;
  keyResult: KeyResultView;
  controls: ListFilterControls;
}): ReactElement {
  const initiatives = useInitiatives(org, keyResult.id);
  const headingId = useId();
  const all = initiatives.data?.items ?? [];
  const status = controls.choice('status');
  const items = filterItems(
    all.filter((initiative) => status === null || initiative.status === status),
    (initiative) => ({ texts: [initiative.title, initiative.owner?.name] }),
    controls.filters,
  );
  const canAdd = keyResult.abilities.canManageInitiatives;

  return (
    <section className="initiative-group" aria-labelledby={headingId}>
      <h3 id={headingId} className="initiative-group-title">
        {keyResult.title}
      </h3>
      {initiatives.isPending ? (
        <p className="muted small" role="status">
          Loading…
        </p>
      ) : initiatives.isError ? (
        <ErrorState
          error={initiatives.error}
          what="Its initiatives"
          onRetry={() => void initiatives.refetch()}
        />
      ) : all.length > 0 && items.length === 0 ? (
        <p className="muted small">None of its initiatives match the filters.</p>
      ) : items.length === 0 ? (
        <p className="muted small">
          No initiatives yet.{' '}
          {canAdd &&
            'Name the work you plan to move this key result, e.g. “Ship one-page checkout”.'}
        </p>
      ) : (
        <ul className="card-list initiative-list">
          {items.map((initiative) => (
            <li key={initiative.id}>
              <InitiativeItem org={org} keyResultId={keyResult.id} initiative={initiative} />
            </li>
          ))}
        </ul>
      )}
      {canAdd && !initiatives.isError && <AddInitiativeForm org={org} keyResult={keyResult} />}
    </section>
  );
}

function InitiativeItem({
  org,
  keyResultId,
  initiative,
}: {
  org: string;
  keyResultId: string;
  initiative: InitiativeView;
}): ReactElement {
  const update = useUpdateInitiative(org, keyResultId);
  const remove = useDeleteInitiative(org, keyResultId);
  const reload = useReloadInitiatives(org, keyResultId);
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const statusId = useId();
  const error: ApiError | null = update.error ?? remove.error;
  const overdue =
    initiative.dueDate !== null &&
    initiative.status !== 'done' &&
    initiative.status !== 'cancelled' &&
    initiative.dueDate < new Date().toISOString().slice(0, 10);

  if (editing)
    return (
      <EditInitiativeForm
        org={org}
        keyResultId={keyResultId}
        initiative={initiative}
        onDone={() => setEditing(false)}
      />
    );

  return (
    <div className="initiative">
      <div className="initiative-main">
        <p
          className={`initiative-title${initiative.status === 'cancelled' ? ' is-cancelled' : ''}`}
        >
          {initiative.title}
        </p>
        <p className="row-meta small muted">
          {!initiative.abilities.canEdit && (
            <span className={`tag initiative-status status-${initiative.status}`}>
              <span aria-hidden="true">{STATUS_MARK[initiative.status]}</span>
              {STATUS_LABEL[initiative.status]}
            </span>
          )}
          <span>Owner: {initiative.owner?.name ?? 'nobody yet'}</span>
          {initiative.dueDate && (
            <span className={overdue ? 'is-overdue' : undefined}>
              {overdue && <AlertIcon size={14} />}
              Due {formatDay(initiative.dueDate)}
              {overdue && ' (overdue)'}
            </span>
          )}
        </p>
        {error &&
          (error instanceof StaleVersionError ? (
            <StaleAlert
              what="initiative"
              onReload={() => {
                update.reset();
                remove.reset();
                reload();
              }}
            />
          ) : (
            <p className="field-error" role="alert">
              <AlertIcon size={14} />
              {error.detail}
            </p>
          ))}
      </div>
      <div className="initiative-actions">
        {initiative.abilities.canEdit && (
          <>
            <label className="visually-hidden" htmlFor={statusId}>
              Status of {initiative.title}
            </label>
            <select
              id={statusId}
              className={`input initiative-status-select status-${initiative.status}`}
              value={initiative.status}
              disabled={update.isPending}
              onChange={(event) =>
                update.mutate({
                  initiative,
                  body: { status: event.target.value as InitiativeStatus },
                })
              }
            >
              {STATUSES.map((status) => (
                <option key={status} value={status}>
                  {STATUS_MARK[status]} {STATUS_LABEL[status]}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => setEditing(true)}
              aria-label={`Edit ${initiative.title}`}
            >
              Edit
            </button>
          </>
        )}
        {initiative.abilities.canDelete &&
          (confirmingDelete ? (
            <span className="confirm-inline">
              <button
                type="button"
                className="button button-danger"
                onClick={() => remove.mutate(initiative)}
                disabled={remove.isPending}
              >
                {remove.isPending ? 'Deleting…' : 'Delete'}
              </button>
              <button type="button" className="button" onClick={() => setConfirmingDelete(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => setConfirmingDelete(true)}
              aria-label={`Delete ${initiative.title}`}
            >
              Delete
            </button>
          ))}
      </div>
    </div>
  );
}

function EditInitiativeForm({
  org,
  keyResultId,
  initiative,
  onDone,
}: {
  org: string;
  keyResultId: string;
  initiative: InitiativeView;
  onDone: () => void;
}): ReactElement {
  const update = useUpdateInitiative(org, keyResultId);
  const reload = useReloadInitiatives(org, keyResultId);
  const [title, setTitle] = useState(initiative.title);
  const [dueDate, setDueDate] = useState(initiative.dueDate ?? '');
  const [titleMissing, setTitleMissing] = useState(false);
  const stale = update.error instanceof StaleVersionError;
  const fieldErrors = update.error && !stale ? update.error.fieldErrors() : {};
  const general =
    update.error && !stale && Object.keys(fieldErrors).length === 0 ? update.error.detail : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTitleMissing(title.trim() === '');
    if (title.trim() === '') return;
    update.mutate(
      { initiative, body: { title: title.trim(), dueDate: dueDate || null } },
      { onSuccess: onDone },
    );
  };

  return (
    <form
      className="initiative-form"
      onSubmit={submit}
      noValidate
      aria-label={`Edit ${initiative.title}`}
    >
      {stale && (
        <StaleAlert
          what="initiative"
          onReload={() => {
            reload();
            onDone();
          }}
        />
      )}
      {general && (
        <p className="field-error" role="alert">
          <AlertIcon size={14} />
          {general}
        </p>
      )}
      <div className="initiative-form-fields">
        <TextField
          label="Initiative"
          value={title}
          maxLength={200}
          required
          autoFocus
          onChange={(event) => setTitle(event.target.value)}
          error={titleMissing ? 'Name the initiative.' : fieldErrors.title}
        />
        <TextField
          label="Due date"
          type="date"
          value={dueDate}
          onChange={(event) => setDueDate(event.target.value)}
          error={fieldErrors.dueDate}
        />
      </div>
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={update.isPending || stale}
        >
          {update.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

function AddInitiativeForm({
  org,
  keyResult,
}: {
  org: string;
  keyResult: KeyResultView;
}): ReactElement {
  const create = useCreateInitiative(org, keyResult.id);
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [titleMissing, setTitleMissing] = useState(false);
  const fieldErrors = create.error ? create.error.fieldErrors() : {};
  const general =
    create.error && Object.keys(fieldErrors).length === 0 ? create.error.detail : null;

  if (!open)
    return (
      <p>
        <button
          type="button"
          className="button"
          onClick={() => setOpen(true)}
          aria-label={`Add an initiative to ${keyResult.title}`}
        >
          Add an initiative
        </button>
      </p>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTitleMissing(title.trim() === '');
    if (title.trim() === '') return;
    create.mutate(
      { title: title.trim(), status: 'planned', dueDate: dueDate || null },
      {
        onSuccess: () => {
          setTitle('');
          setDueDate('');
          create.reset();
        },
      },
    );
  };

  return (
    <form
      className="initiative-form card"
      onSubmit={submit}
      noValidate
      aria-label={`Add an initiative to ${keyResult.title}`}
    >
      {general && (
        <p className="field-error" role="alert">
          <AlertIcon size={14} />
          {general}
        </p>
      )}
      <div className="initiative-form-fields">
        <TextField
          label="New initiative"
          value={title}
          maxLength={200}
          required
          autoFocus
          placeholder="e.g. Ship one-page checkout"
          onChange={(event) => setTitle(event.target.value)}
          error={titleMissing ? 'Name the initiative.' : fieldErrors.title}
        />
        <TextField
          label="Due date (optional)"
          type="date"
          value={dueDate}
          onChange={(event) => setDueDate(event.target.value)}
          error={fieldErrors.dueDate}
        />
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            setOpen(false);
            create.reset();
          }}
        >
          Close
        </button>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add'}
        </button>
      </div>
    </form>
  );
}
