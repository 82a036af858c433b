/** Beside each question: an example of a good answer and the playbook's advice for the step. */
import type { ObjectiveLevel } from '@contracts/model.ts';
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { stepKey } from '../../../../../src/domain/playbook.ts';
import type { StepId } from '../model/draft.ts';
import { PlaybookHtml, useWizardPlaybook } from './playbook-context.tsx';
import { Example, Playbook } from './step-shared.tsx';

const RULES: Record<StepId, string[]> = {
  level: ['objective.aligned'],
  align: ['objective.aligned'],
  objective: ['objective.outcome', 'objective.title_length', 'objective.rationale', 'objective.owner'],
  'key-results': ['kr.count', 'kr.measurable', 'kr.baseline', 'kr.owner', 'kr.duplicate', 'kr.not_task'],
  review: [
    'objective.outcome',
    'objective.title_length',
    'objective.owner',
    'objective.aligned',
    'objective.rationale',
    'kr.count',
    'kr.measurable',
    'kr.baseline',
    'kr.owner',
    'kr.duplicate',
    'kr.not_task',
  ],
};

function StepExample({ step, level }: { step: StepId; level: ObjectiveLevel | null }): ReactElement {
  switch (step) {
    case 'level':
      return (
        <Example
          title="Choosing the level"
          good={
            level === 'company'
              ? 'Company: “Become the checkout customers trust most in Europe”.'
              : 'Team: the Checkout team’s “Make mobile checkout effortless”, serving the company’s growth objective.'
          }
        >
          <p className="small muted">
            Pick the level of the people who will be accountable for it. The cycle is the quarter
            you will measure it in.
          </p>
        </Example>
      );
    case 'align':
      return (
        <Example
          title="Choosing what it serves"
          good="“Make mobile checkout effortless” aligned to the company’s “Grow revenue from returning customers by 30%”."
          weak="Aligned to everything that seems related: the link then says nothing."
        />
      );
    case 'objective':
      return (
        <Example
          good={
            <>
              “Make mobile checkout effortless for returning customers.” <em>Why:</em> half of our
              buyers are on phones and 40% of them give up at payment.
            </>
          }
          weak="“Launch the new checkout” — a task; the launch is an initiative toward the outcome."
        />
      );
    case 'key-results':
      return (
        <Example
          good={
            <>
              “Raise mobile checkout conversion from 2.1% to 3.5%” (percentage, increase); “Cut
              payment errors from 480 to 100 a week” (number, decrease).
            </>
          }
          weak="“Ship Apple Pay” — done or not done says nothing about whether checkout got easier."
        />
      );
    case 'review':
      return (
        <Example
          title="A good OKR, checked"
          good="An outcome in one sentence, why it matters, aligned, 2–5 measurable key results, each with an owner."
        />
      );
  }
}

/** The organisation's guidance for the step, and for champions the way to change it. */
function StepGuidance({ step }: { step: StepId }): ReactElement | null {
  const { entries, canManage, playbookPath } = useWizardPlaybook();
  const key = stepKey(step);
  const entry = entries.get(key);
  if (!entry) return null;
  return (
    <section className="wizard-guidance" aria-label="Guidance">
      <h3 className="wizard-aside-heading">Guidance</h3>
      <PlaybookHtml html={entry.html} />
      {canManage && (
        <Link className="small" to={`${playbookPath}?key=${encodeURIComponent(key)}`}>
          Edit guidance
        </Link>
      )}
    </section>
  );
}

export function StepAside({ step, level }: { step: StepId; level: ObjectiveLevel | null }): ReactElement {
  return (
    <aside className="wizard-aside" aria-label="Example and advice">
      <StepGuidance step={step} />
      <StepExample step={step} level={level} />
      <Playbook ruleIds={RULES[step]} />
    </aside>
  );
}
