/**
 * Picks a key result of the organisation in two steps: an objective of the cycle (optionally of
 * one team), then one of its key results. Both lists are the API's own reads, so only what the
 * person may read is offered.
 */
import type { ObjectiveDetailView, ObjectiveListView } from '@contracts/api/okrs.ts';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type ReactElement } from 'react';
import { apiRequest, type ApiError } from '../lib/api.ts';
import { queryKeys } from '../lib/query-keys.ts';
import { AlertIcon } from './icons.tsx';

interface KeyResultPickerProps {
  org: string;
  /** Only objectives of this cycle (all cycles when absent). */
  cycleId?: string | undefined;
  /** Only objectives of this team (its own or as a contributing team). */
  teamId?: string | undefined;
  /** What the key result is for: "Depends on", "The help comes from". */
  label: string;
  value: string;
  onChange: (keyResultId: string) => void;
  /** Key results not to offer (the key result itself). */
  exclude?: readonly string[];
  error?: string | undefined;
}

export function KeyResultPicker({
  org,
  cycleId,
  teamId,
  label,
  value,
  onChange,
  exclude = [],
  error,
}: KeyResultPickerProps): ReactElement {
  const id = useId();
  const [objectiveId, setObjectiveId] = useState('');
  const filters: Record<string, string> = {
    limit: '200',
    ...(cycleId ? { cycle: cycleId } : {}),
    ...(teamId ? { team: teamId } : {}),
  };
  const objectives = useQuery<ObjectiveListView, ApiError>({
    queryKey: queryKeys.objectiveList(org, filters),
    queryFn: ({ signal }) =>
      apiRequest<ObjectiveListView>(
        `/orgs/${encodeURIComponent(org)}/objectives?${new URLSearchParams(filters).toString()}`,
        { signal },
      ),
  });
  const detail = useQuery<ObjectiveDetailView, ApiError>({
    queryKey: queryKeys.objective(org, objectiveId),
    queryFn: ({ signal }) =>
      apiRequest<ObjectiveDetailView>(
        `/orgs/${encodeURIComponent(org)}/objectives/${encodeURIComponent(objectiveId)}`,
        { signal },
      ),
    enabled: objectiveId !== '',
  });
  const keyResults = (detail.data?.keyResults ?? []).filter(
    (keyResult) => !exclude.includes(keyResult.id),
  );
  return (
    <fieldset className="key-result-picker">
      <legend className="field-label">{label}</legend>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-objective`}>
          Objective
        </label>
        <select
          id={`${id}-objective`}
          className="input"
          value={objectiveId}
          onChange={(event) => {
            setObjectiveId(event.target.value);
            onChange('');
          }}
        >
          <option value="">
            {objectives.isPending ? 'Loading objectives…' : 'Choose an objective'}
          </option>
          {(objectives.data?.items ?? []).map((objective) => (
            <option key={objective.id} value={objective.id}>
              {objective.title}
              {objective.team ? ` (${objective.team.name})` : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-key-result`}>
          Key result
        </label>
        <select
          id={`${id}-key-result`}
          className="input"
          value={value}
          disabled={objectiveId === ''}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => onChange(event.target.value)}
        >
          <option value="">
            {objectiveId && detail.isPending ? 'Loading key results…' : 'Choose a key result'}
          </option>
          {keyResults.map((keyResult) => (
            <option key={keyResult.id} value={keyResult.id}>
              {keyResult.title}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error">
          <AlertIcon size={14} />
          {error}
        </p>
      )}
    </fieldset>
  );
}
