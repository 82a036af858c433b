/**
 * Step 4: two to five key results, each measurable: kind, direction, start, target (or baseline
 * first), unit, owner and weight, with the quality rules' feedback under each one.
 */
import type { KrDirection, KrKind } from '@contracts/model.ts';
import type { ReactElement } from 'react';
import { TextField } from '../../../components/text-field.tsx';
import {
  MAX_KEY_RESULTS,
  type QualityFinding,
} from '../../../../../src/domain/quality.ts';
import { newKeyResult, type FieldErrors, type KeyResultDraft, type WizardDraft } from '../model/draft.ts';
import { QualityFeedback } from './quality-feedback.tsx';
import { SelectField } from './step-shared.tsx';

const KIND_LABEL: Record<KrKind, string> = {
  number: 'A number',
  percentage: 'A percentage',
  currency: 'An amount of money',
  milestone: 'Done or not done (milestone)',
};

const DIRECTION_LABEL: Record<KrDirection, string> = {
  increase: 'Increase to the target',
  decrease: 'Decrease to the target',
  at_least: 'Stay at or above the target',
  at_most: 'Stay at or below the target',
};

/** What this screen may change of one key result. */
export interface KeyResultLock {
  wordingOnly: boolean;
  canDelete: boolean;
}

interface KeyResultsStepProps {
  draft: WizardDraft;
  update: (changes: Partial<WizardDraft>) => void;
  errors: FieldErrors;
  findings: QualityFinding[];
  /** Feedback shows for a key result once it has a title, or for all once Next was tried. */
  showAllFeedback: boolean;
  owners: { id: string; name: string }[];
  defaultOwnerId: string;
  lockOf: (kr: KeyResultDraft) => KeyResultLock;
  canAdd: boolean;
}

export function KeyResultsStep({
  draft,
  update,
  errors,
  findings,
  showAllFeedback,
  owners,
  defaultOwnerId,
  lockOf,
  canAdd,
}: KeyResultsStepProps): ReactElement {
  const setKeyResult = (key: string, changes: Partial<KeyResultDraft>) =>
    update({
      keyResults: draft.keyResults.map((kr) => (kr.key === key ? { ...kr, ...changes } : kr)),
    });
  const countFindings = findings.filter((finding) => finding.ruleId === 'kr.count');
  const anyTitle = draft.keyResults.some((kr) => kr.title.trim() !== '');

  return (
    <div className="wizard-fields">
      <QualityFeedback
        findings={showAllFeedback || anyTitle ? countFindings : []}
        label="Feedback on the number of key results"
      />
      <ol className="kr-drafts">
        {draft.keyResults.map((kr, index) => (
          <li key={kr.key}>
            <KeyResultFields
              index={index}
              kr={kr}
              errors={errors}
              lock={lockOf(kr)}
              owners={owners}
              findings={
                showAllFeedback || kr.title.trim() !== ''
                  ? findings.filter((finding) => finding.keyResultIndex === index)
                  : []
              }
              onChange={(changes) => setKeyResult(kr.key, changes)}
              onRemove={() =>
                update({ keyResults: draft.keyResults.filter((other) => other.key !== kr.key) })
              }
            />
          </li>
        ))}
      </ol>
      {canAdd && draft.keyResults.length < MAX_KEY_RESULTS && (
        <p>
          <button
            type="button"
            className="button"
            onClick={() => update({ keyResults: [...draft.keyResults, newKeyResult(defaultOwnerId)] })}
          >
            Add a key result
          </button>{' '}
          <span className="muted small">
            {draft.keyResults.length} of at most {MAX_KEY_RESULTS}
          </span>
        </p>
      )}
    </div>
  );
}

interface KeyResultFieldsProps {
  index: number;
  kr: KeyResultDraft;
  errors: FieldErrors;
  lock: KeyResultLock;
  owners: { id: string; name: string }[];
  findings: QualityFinding[];
  onChange: (changes: Partial<KeyResultDraft>) => void;
  onRemove: () => void;
}

function KeyResultFields({
  index,
  kr,
  errors,
  lock,
  owners,
  findings,
  onChange,
  onRemove,
}: KeyResultFieldsProps): ReactElement {
  const at = `keyResults.${index}`;
  const error = (field: string) => errors[`${at}.${field}`];
  const name = `Key result ${index + 1}`;
  const locked = lock.wordingOnly;
  const milestone = kr.kind === 'milestone';
  const suffix =
    kr.kind === 'percentage' ? '%' : kr.kind === 'currency' ? kr.currency.toUpperCase() || undefined : kr.unit || undefined;
  const ownerKnown = kr.ownerId === '' || owners.some((owner) => owner.id === kr.ownerId);

  return (
    <fieldset className="kr-draft card">
      <legend className="kr-draft-legend">{name}</legend>
      <TextField
        label="What will you measure?"
        value={kr.title}
        maxLength={200}
        autoComplete="off"
        hint="A result, not a task: “Raise trial-to-paid conversion from 4% to 7%”."
        onChange={(event) => onChange({ title: event.target.value })}
        error={error('title')}
      />
      <div className="kr-grid">
        <SelectField
          label="Kind"
          value={kr.kind}
          disabled={locked}
          onChange={(event) => onChange({ kind: event.target.value as KrKind })}
          error={error('kind')}
        >
          {(Object.keys(KIND_LABEL) as KrKind[]).map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABEL[kind]}
            </option>
          ))}
        </SelectField>
        {!milestone && (
          <SelectField
            label="Direction"
            value={kr.direction}
            disabled={locked}
            onChange={(event) => onChange({ direction: event.target.value as KrDirection })}
            error={error('direction')}
          >
            {(Object.keys(DIRECTION_LABEL) as KrDirection[]).map((direction) => (
              <option key={direction} value={direction}>
                {DIRECTION_LABEL[direction]}
              </option>
            ))}
          </SelectField>
        )}
        {kr.kind === 'currency' && (
          <TextField
            label="Currency"
            value={kr.currency}
            disabled={locked}
            maxLength={3}
            autoComplete="off"
            hint="ISO code, e.g. EUR"
            onChange={(event) => onChange({ currency: event.target.value.toUpperCase() })}
            error={error('currency')}
          />
        )}
        {kr.kind === 'number' && (
          <TextField
            label="Unit"
            value={kr.unit}
            disabled={locked}
            maxLength={30}
            autoComplete="off"
            hint="e.g. ms, customers, tickets"
            onChange={(event) => onChange({ unit: event.target.value })}
            error={error('unit')}
          />
        )}
      </div>
      {milestone ? (
        <p className="muted small">
          A milestone is 0% until it is done, then 100%. Prefer a number when the result can be
          measured.
        </p>
      ) : (
        <div className="kr-grid">
          <TextField
            label="Start (baseline)"
            value={kr.start}
            inputMode="decimal"
            disabled={locked}
            autoComplete="off"
            suffix={suffix}
            onChange={(event) => onChange({ start: event.target.value })}
            error={error('start')}
          />
          <div className="field-stack">
            <TextField
              label="Target"
              value={kr.baselineFirst ? '' : kr.target}
              inputMode="decimal"
              disabled={locked || kr.baselineFirst}
              autoComplete="off"
              suffix={suffix}
              onChange={(event) => onChange({ target: event.target.value })}
              error={error('target')}
            />
            <label className="inline-field small">
              <input
                type="checkbox"
                checked={kr.baselineFirst}
                disabled={locked}
                onChange={(event) => onChange({ baselineFirst: event.target.checked })}
              />
              Baseline first: set the target once it is measured
            </label>
          </div>
        </div>
      )}
      <div className="kr-grid">
        <SelectField
          label="Owner"
          value={kr.ownerId}
          disabled={locked}
          onChange={(event) => onChange({ ownerId: event.target.value })}
          error={error('ownerId')}
        >
          <option value="">Nobody yet</option>
          {!ownerKnown && <option value={kr.ownerId}>The current owner</option>}
          {owners.map((owner) => (
            <option key={owner.id} value={owner.id}>
              {owner.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Weight"
          value={kr.weight}
          inputMode="decimal"
          disabled={locked}
          autoComplete="off"
          hint="1 is normal; 2 counts twice."
          onChange={(event) => onChange({ weight: event.target.value })}
          error={error('weight')}
        />
      </div>
      <QualityFeedback findings={findings} label={`Feedback on ${name.toLowerCase()}`} />
      {lock.canDelete && (
        <p className="kr-draft-actions">
          <button type="button" className="button button-quiet" onClick={onRemove} aria-label={`Remove ${name.toLowerCase()}`}>
            Remove
          </button>
        </p>
      )}
    </fieldset>
  );
}
