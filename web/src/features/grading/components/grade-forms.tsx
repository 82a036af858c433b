/**
 * The two grading forms: the owner proposes a score (prefilled from the key results) with a
 * reason; a lead or an executive confirms it, as proposed or changed, with an optional note.
 */
import type { GradeView } from '@contracts/api/knowledge.ts';
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { AlertIcon } from '../../../components/icons.tsx';
import { StaleVersionError, errorMessage, type ApiError } from '../../../lib/api.ts';
import { formatPercent } from '../../../lib/format.ts';

interface GradeFormProps {
  grade: GradeView;
  mode: 'propose' | 'confirm';
  pending: boolean;
  error: ApiError | null;
  onSubmit: (score: number, text: string) => void;
  onCancel: () => void;
}

/** The reason offered to the owner: where the key results ended. */
export function suggestedReason(grade: GradeView): string {
  return `The key results ended at ${formatPercent(grade.objective.progress)} of their targets.`;
}

export function GradeForm({
  grade,
  mode,
  pending,
  error,
  onSubmit,
  onCancel,
}: GradeFormProps): ReactElement {
  const id = useId();
  const initialScore =
    mode === 'propose'
      ? (grade.proposal?.score ?? grade.suggestedScore)
      : (grade.confirmation?.score ?? grade.proposal?.score ?? grade.suggestedScore);
  const [score, setScore] = useState(initialScore.toFixed(2));
  const [text, setText] = useState(
    mode === 'propose'
      ? (grade.proposal?.reason ?? suggestedReason(grade))
      : (grade.confirmation?.note ?? ''),
  );
  const value = Number(score);
  const valid = score.trim() !== '' && Number.isFinite(value) && value >= 0 && value <= 1;
  const needsText = mode === 'propose';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid || (needsText && !text.trim())) return;
    onSubmit(Math.round(value * 100) / 100, text);
  };
  const verb = mode === 'propose' ? 'Propose' : 'Confirm';
  return (
    <form
      className="grade-form"
      onSubmit={submit}
      aria-label={`${verb} the score of ${grade.objective.title}`}
    >
      <div className="field">
        <label className="field-label" htmlFor={`${id}-score`}>
          Score <span className="muted">(0.0 to 1.0)</span>
        </label>
        <input
          id={`${id}-score`}
          className="input grade-score-input"
          type="number"
          inputMode="decimal"
          min={0}
          max={1}
          step={0.05}
          required
          value={score}
          onChange={(event) => setScore(event.target.value)}
          aria-invalid={valid ? undefined : true}
          aria-describedby={`${id}-score-hint`}
        />
        <p id={`${id}-score-hint`} className="field-hint">
          {mode === 'propose'
            ? `Suggested from the key results: ${grade.suggestedScore.toFixed(2)}. 0.7 or more is delivered.`
            : `Proposed by ${grade.proposal?.by?.name ?? 'the owner'}: ${grade.proposal?.score.toFixed(2) ?? '—'}.`}
        </p>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-text`}>
          {mode === 'propose' ? 'Reason' : 'Note'}{' '}
          {mode === 'confirm' && <span className="muted">(optional)</span>}
        </label>
        <textarea
          id={`${id}-text`}
          className="input"
          rows={2}
          maxLength={2000}
          required={needsText}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      {error && (
        <p className="field-error" role="alert">
          <AlertIcon size={14} />
          {error instanceof StaleVersionError
            ? 'Someone graded this meanwhile; the list now shows their score. Look at it, then try again.'
            : errorMessage(error)}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={pending || !valid || (needsText && !text.trim())}
        >
          {pending ? 'Saving…' : `${verb} ${valid ? value.toFixed(2) : 'score'}`}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
