/** Pieces every step uses: a select with its label and error, the example beside the question, the playbook. */
import {
  useId,
  type ReactElement,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
} from 'react';
import { AlertIcon } from '../../../components/icons.tsx';
import { ruleKey } from '../../../../../src/domain/playbook.ts';
import { QUALITY_RULES } from '../../../../../src/domain/quality.ts';
import { PlaybookHtml, useWizardPlaybook } from './playbook-context.tsx';

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
  ref?: Ref<HTMLSelectElement>;
}

export function SelectField({
  label,
  hint,
  error,
  children,
  ref,
  ...select
}: SelectFieldProps): ReactElement {
  const id = useId();
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') ||
    undefined;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select
        ref={ref}
        id={id}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...select}
      >
        {children}
      </select>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && <FieldErrorText id={`${id}-error`} message={error} />}
    </div>
  );
}

export function FieldErrorText({ id, message }: { id?: string; message: string }): ReactElement {
  return (
    <p id={id} className="field-error">
      <AlertIcon size={14} />
      {message}
    </p>
  );
}

interface ExampleProps {
  title?: string;
  good: ReactNode;
  weak?: ReactNode;
  children?: ReactNode;
}

/** A good answer to the step's question (and a weaker one, to show the difference). */
export function Example({ title = 'Example of a good answer', good, weak, children }: ExampleProps): ReactElement {
  return (
    <section className="wizard-example" aria-label={title}>
      <h3 className="wizard-aside-heading">{title}</h3>
      <p className="example-good">
        <span className="example-tag example-tag-good">Good</span> {good}
      </p>
      {weak && (
        <p className="example-weak">
          <span className="example-tag">Weaker</span> {weak}
        </p>
      )}
      {children}
    </section>
  );
}

/** The playbook's advice for the rules of this step, one click away (the organisation's texts). */
export function Playbook({ ruleIds }: { ruleIds: string[] }): ReactElement {
  const { entries } = useWizardPlaybook();
  const rules = QUALITY_RULES.filter((rule) => ruleIds.includes(rule.id));
  return (
    <details className="wizard-playbook">
      <summary>The playbook for this step</summary>
      <dl>
        {rules.map((rule) => {
          const entry = entries.get(ruleKey(rule.id));
          return (
            <div key={rule.id}>
              <dt>{rule.title}</dt>
              <dd>{entry ? <PlaybookHtml html={entry.html} /> : rule.advice}</dd>
            </div>
          );
        })}
      </dl>
    </details>
  );
}
