/**
 * The weekly check-in in three fields: the new value (pre-filled with the current one),
 * confidence as three big buttons, an optional note. Enter saves (Ctrl+Enter in the note);
 * the API's field errors show beside the fields.
 */
import type { CheckInCreatedView, KeyResultView } from '@contracts/api/okrs.ts';
import type { ConfidenceBand } from '@contracts/model.ts';
import { useId, useState, type FormEvent, type KeyboardEvent, type ReactElement } from 'react';
import { isApiError } from '../lib/api.ts';
import { useCheckIn } from '../lib/check-in.ts';
import { formatKeyResultValue } from '../lib/format.ts';
import { CONFIDENCE_BANDS, CONFIDENCE_LABEL, CONFIDENCE_VALUE } from '../lib/labels.ts';
import { AlertIcon } from './icons.tsx';
import { ModalDialog } from './modal-dialog.tsx';
import { TextField } from './text-field.tsx';
import './check-in-dialog.css';

interface CheckInDialogProps {
  org: string;
  keyResult: KeyResultView;
  onClose: () => void;
  onSaved: (created: CheckInCreatedView) => void;
}

const CONFIDENCE_HINT: Record<ConfidenceBand, string> = {
  low: 'Unlikely to reach the target',
  medium: 'Could go either way',
  high: 'Will most likely reach it',
};

/** Accepts "1,200" or "1 200" as typed by people, and "0,5" where the comma is the decimal mark. */
function parseValue(text: string): number | null {
  const compact = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (compact === '') return null;
  const decimalComma = /^-?\d+,\d{1,2}$/.test(compact) || /^-?\d{1,3}(\.\d{3})+,\d+$/.test(compact);
  const normalised = decimalComma
    ? compact.replace(/\./g, '').replace(',', '.')
    : compact.replace(/,/g, '');
  const value = Number(normalised);
  return Number.isFinite(value) ? value : null;
}

export function CheckInDialog({
  org,
  keyResult,
  onClose,
  onSaved,
}: CheckInDialogProps): ReactElement {
  const checkIn = useCheckIn(org);
  const isMilestone = keyResult.kind === 'milestone';
  const [valueText, setValueText] = useState(String(keyResult.current));
  const [done, setDone] = useState(keyResult.current >= 1);
  const [band, setBand] = useState<ConfidenceBand | null>(keyResult.confidenceBand);
  const [note, setNote] = useState('');
  const [valueProblem, setValueProblem] = useState<string | null>(null);
  const confidenceLegendId = useId();
  const noteId = useId();

  const serverFieldErrors = isApiError(checkIn.error) ? checkIn.error.fieldErrors() : {};
  const generalError =
    checkIn.error && Object.keys(serverFieldErrors).length === 0 ? checkIn.error.detail : null;
  const target =
    keyResult.target === null ? null : formatKeyResultValue(keyResult, keyResult.target);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (checkIn.isPending) return;
    const value = isMilestone ? (done ? 1 : 0) : parseValue(valueText);
    if (value === null) {
      setValueProblem('Enter a number, such as 1200 or 57.5.');
      return;
    }
    setValueProblem(null);
    // Leaving the band as it was keeps the exact confidence given before.
    const confidence =
      band === null
        ? undefined
        : band === keyResult.confidenceBand && keyResult.confidence !== null
          ? keyResult.confidence
          : CONFIDENCE_VALUE[band];
    checkIn.mutate(
      {
        keyResultId: keyResult.id,
        body: {
          value,
          ...(confidence === undefined ? {} : { confidence }),
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      },
      { onSuccess: onSaved },
    );
  };

  const onNoteKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
  };

  return (
    <ModalDialog title="Check in" subtitle={keyResult.title} onClose={onClose}>
      <form className="check-in-form" onSubmit={submit} noValidate>
        {generalError && (
          <div className="alert" role="alert">
            <AlertIcon />
            <p>{generalError}</p>
          </div>
        )}

        {isMilestone ? (
          <fieldset className="choice-group">
            <legend className="field-label">Is it done?</legend>
            <div className="choice-buttons choice-buttons-2">
              {[false, true].map((option) => (
                <label key={String(option)} className="choice">
                  <input
                    type="radio"
                    name="done"
                    checked={done === option}
                    onChange={() => setDone(option)}
                    data-autofocus={done === option ? true : undefined}
                  />
                  <span>{option ? 'Done' : 'Not done'}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ) : (
          <TextField
            label="New value"
            name="value"
            inputMode="decimal"
            autoComplete="off"
            value={valueText}
            onChange={(event) => setValueText(event.target.value)}
            onFocus={(event) => event.target.select()}
            data-autofocus
            suffix={keyResult.kind === 'currency' ? keyResult.currency : keyResult.unit}
            hint={
              <>
                Now {formatKeyResultValue(keyResult, keyResult.current)}
                {target ? `, target ${target}` : ', no target set yet'} (started at{' '}
                {formatKeyResultValue(keyResult, keyResult.start)}).
              </>
            }
            error={valueProblem ?? serverFieldErrors.value}
          />
        )}

        <fieldset
          className="choice-group"
          aria-describedby={
            serverFieldErrors.confidence ? `${confidenceLegendId}-error` : undefined
          }
        >
          <legend id={confidenceLegendId} className="field-label">
            How confident are you to reach the target?
          </legend>
          <div className="choice-buttons">
            {CONFIDENCE_BANDS.map((option) => (
              <label key={option} className={`choice choice-${option}`}>
                <input
                  type="radio"
                  name="confidence"
                  value={option}
                  checked={band === option}
                  onChange={() => setBand(option)}
                />
                <span className="choice-title">{CONFIDENCE_LABEL[option]}</span>
                <span className="choice-hint">{CONFIDENCE_HINT[option]}</span>
              </label>
            ))}
          </div>
          {serverFieldErrors.confidence && (
            <p id={`${confidenceLegendId}-error`} className="field-error">
              <AlertIcon size={14} />
              {serverFieldErrors.confidence}
            </p>
          )}
        </fieldset>

        <div className="field">
          <label className="field-label" htmlFor={noteId}>
            Note <span className="muted">(optional)</span>
          </label>
          <textarea
            id={noteId}
            className="input"
            rows={3}
            maxLength={5000}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            onKeyDown={onNoteKeyDown}
            placeholder="What moved it, what blocks it?"
            aria-invalid={serverFieldErrors.note ? true : undefined}
            aria-describedby={serverFieldErrors.note ? `${noteId}-error` : undefined}
          />
          {serverFieldErrors.note && (
            <p id={`${noteId}-error`} className="field-error">
              <AlertIcon size={14} />
              {serverFieldErrors.note}
            </p>
          )}
        </div>

        <div className="modal-actions">
          <span className="field-hint check-in-keys">Enter saves · Esc cancels</span>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={checkIn.isPending}>
            {checkIn.isPending ? 'Saving…' : 'Save check-in'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
