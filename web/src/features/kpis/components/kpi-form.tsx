/**
 * Create or edit a KPI: name, unit, what it measures, owner, direction and the two thresholds,
 * with the colours the thresholds give said in words as they are typed. Errors from the API
 * show beside their fields.
 */
import type { CreateKpiBody, KpiDirection, KpiView } from '@contracts/api/kpis.ts';
import { useState, type FormEvent, type ReactElement } from 'react';
import { TextField } from '../../../components/text-field.tsx';
import { thresholdsText } from '../../../components/kpi-status.tsx';
import { isApiError, type ApiError } from '../../../lib/api.ts';
import { useOwnerChoices } from '../api/kpis.ts';

interface KpiFormProps {
  org: string;
  kpi?: KpiView;
  /** The person creating it: the default owner. */
  defaultOwnerId: string | null;
  submitLabel: string;
  pending: boolean;
  error: ApiError | null;
  onSubmit: (body: CreateKpiBody) => void;
  onCancel: () => void;
}

export function KpiForm({
  org,
  kpi,
  defaultOwnerId,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: KpiFormProps): ReactElement {
  const [name, setName] = useState(kpi?.name ?? '');
  const [unit, setUnit] = useState(kpi?.unit ?? '');
  const [description, setDescription] = useState(kpi?.description ?? '');
  const [ownerId, setOwnerId] = useState(kpi ? (kpi.owner?.id ?? '') : (defaultOwnerId ?? ''));
  const [direction, setDirection] = useState<KpiDirection>(kpi?.direction ?? 'higher');
  const [green, setGreen] = useState(kpi ? String(kpi.greenThreshold) : '');
  const [amber, setAmber] = useState(kpi ? String(kpi.amberThreshold) : '');
  const owners = useOwnerChoices(org, true);
  const fields = error && isApiError(error) ? error.fieldErrors() : {};

  const greenNumber = Number(green);
  const amberNumber = Number(amber);
  const numbers =
    green.trim() !== '' &&
    amber.trim() !== '' &&
    Number.isFinite(greenNumber) &&
    Number.isFinite(amberNumber);
  const wrongWay =
    numbers && (direction === 'higher' ? greenNumber < amberNumber : greenNumber > amberNumber);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!numbers || wrongWay) return;
    onSubmit({
      name: name.trim(),
      unit: unit.trim() || null,
      description: description.trim() || null,
      ownerId: ownerId || null,
      direction,
      greenThreshold: greenNumber,
      amberThreshold: amberNumber,
    });
  };

  return (
    <form className="kpi-form stack" onSubmit={submit} noValidate>
      <TextField
        label="Name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        required
        maxLength={100}
        hint="What the organisation watches, e.g. “Checkout uptime” or “Monthly churn”."
        error={fields.name}
      />
      <TextField
        label="Unit"
        value={unit}
        onChange={(event) => setUnit(event.target.value)}
        maxLength={30}
        hint="%, ms, orders, EUR… (optional)"
        error={fields.unit}
      />
      <div className="field">
        <label className="field-label" htmlFor="kpi-description">
          What it measures
        </label>
        <textarea
          id="kpi-description"
          className="input"
          rows={2}
          maxLength={2000}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
      </div>
      <div className="field">
        <label className="field-label" htmlFor="kpi-owner">
          Owner
        </label>
        <select
          id="kpi-owner"
          className="input"
          value={ownerId}
          onChange={(event) => setOwnerId(event.target.value)}
        >
          <option value="">No owner</option>
          {kpi?.owner && !owners.data?.some((m) => m.id === kpi.owner?.id) && (
            <option value={kpi.owner.id}>{kpi.owner.name}</option>
          )}
          {(owners.data ?? []).map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </select>
        {fields.ownerId && <p className="field-error">{fields.ownerId}</p>}
      </div>
      <fieldset className="field">
        <legend className="field-label">Which is better?</legend>
        <label className="inline-choice">
          <input
            type="radio"
            name="kpi-direction"
            value="higher"
            checked={direction === 'higher'}
            onChange={() => setDirection('higher')}
          />{' '}
          Higher is better
        </label>{' '}
        <label className="inline-choice">
          <input
            type="radio"
            name="kpi-direction"
            value="lower"
            checked={direction === 'lower'}
            onChange={() => setDirection('lower')}
          />{' '}
          Lower is better
        </label>
      </fieldset>
      <div className="kpi-thresholds">
        <TextField
          label="Green threshold"
          inputMode="decimal"
          value={green}
          onChange={(event) => setGreen(event.target.value)}
          required
          suffix={unit || undefined}
          error={fields.greenThreshold}
        />
        <TextField
          label="Amber threshold"
          inputMode="decimal"
          value={amber}
          onChange={(event) => setAmber(event.target.value)}
          required
          suffix={unit || undefined}
          error={fields.amberThreshold}
        />
      </div>
      <p className={wrongWay ? 'field-error' : 'muted small'} aria-live="polite">
        {!numbers
          ? 'Two numbers: the value still good enough (green) and the one that needs attention (amber).'
          : wrongWay
            ? direction === 'higher'
              ? 'When higher is better, green must be at or above amber.'
              : 'When lower is better, green must be at or below amber.'
            : thresholdsText({
                direction,
                greenThreshold: greenNumber,
                amberThreshold: amberNumber,
                unit: unit || null,
              })}
      </p>
      {error && !error.errors.length && (
        <div className="alert" role="alert">
          {error.detail}
        </div>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={pending || !numbers || wrongWay || !name.trim()}
        >
          {pending ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
