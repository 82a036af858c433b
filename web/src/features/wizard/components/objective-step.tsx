/** Step 3: the objective in one sentence, why it matters, and who owns it. */
import { useId, type ReactElement } from 'react';
import { TextField } from '../../../components/text-field.tsx';
import type { QualityFinding } from '../../../../../src/domain/quality.ts';
import type { FieldErrors, WizardDraft } from '../model/draft.ts';
import { QualityFeedback } from './quality-feedback.tsx';
import { FieldErrorText, SelectField } from './step-shared.tsx';

interface ObjectiveStepProps {
  draft: WizardDraft;
  update: (changes: Partial<WizardDraft>) => void;
  errors: FieldErrors;
  findings: QualityFinding[];
  /** Whether to show the quality findings yet (once the person has started typing). */
  showFeedback: boolean;
  owners: { id: string; name: string }[];
  /** Champion coaching: only the title and the rationale. */
  wordingOnly: boolean;
}

const about = (findings: QualityFinding[], ...ruleIds: string[]) =>
  findings.filter((finding) => ruleIds.includes(finding.ruleId));

export function ObjectiveStep({
  draft,
  update,
  errors,
  findings,
  showFeedback,
  owners,
  wordingOnly,
}: ObjectiveStepProps): ReactElement {
  const rationaleId = useId();
  const shown = showFeedback ? findings : [];
  return (
    <div className="wizard-fields">
      <div className="field-with-feedback">
        <TextField
          label="Objective"
          name="title"
          value={draft.title}
          maxLength={200}
          required
          autoComplete="off"
          hint="One sentence: the change you want to see, and for whom."
          onChange={(event) => update({ title: event.target.value })}
          error={errors.title}
        />
        <QualityFeedback
          findings={about(shown, 'objective.outcome', 'objective.title_length')}
          label="Feedback on the objective"
          allGood={showFeedback && draft.title.trim() ? 'Reads like an outcome people can remember.' : null}
        />
      </div>

      <div className="field-with-feedback">
        <div className="field">
          <label className="field-label" htmlFor={rationaleId}>
            Why it matters <span className="muted">(rationale)</span>
          </label>
          <textarea
            id={rationaleId}
            className="input"
            rows={3}
            maxLength={5000}
            value={draft.rationale}
            onChange={(event) => update({ rationale: event.target.value })}
            aria-invalid={errors.rationale ? true : undefined}
            aria-describedby={`${rationaleId}-hint${errors.rationale ? ` ${rationaleId}-error` : ''}`}
          />
          <p id={`${rationaleId}-hint`} className="field-hint">
            Why this, why now, and how it serves the strategy. Two or three sentences.
          </p>
          {errors.rationale && <FieldErrorText id={`${rationaleId}-error`} message={errors.rationale} />}
        </div>
        <QualityFeedback findings={about(shown, 'objective.rationale')} label="Feedback on the rationale" />
      </div>

      <div className="field-with-feedback">
        <SelectField
          label="Owner"
          value={draft.ownerId}
          disabled={wordingOnly}
          onChange={(event) => update({ ownerId: event.target.value })}
          error={errors.ownerId}
          hint="The one person accountable for the objective."
        >
          <option value="">Nobody yet</option>
          {owners.map((owner) => (
            <option key={owner.id} value={owner.id}>
              {owner.name}
            </option>
          ))}
        </SelectField>
        <QualityFeedback findings={about(shown, 'objective.owner')} label="Feedback on the owner" />
      </div>
    </div>
  );
}
