/**
 * The quality rules' findings beside the fields they are about, as the person types: severity as
 * icon and word, the message, and the playbook's advice one click away.
 */
import { useId, useState, type ReactElement } from 'react';
import { AlertIcon, AtRiskIcon, OnTrackIcon } from '../../../components/icons.tsx';
import { ruleKey } from '../../../../../src/domain/playbook.ts';
import type { QualityFinding, QualityRule } from '../../../../../src/domain/quality.ts';
import { PlaybookHtml, useWizardPlaybook } from './playbook-context.tsx';

const SEVERITY_LABEL: Record<QualityRule['severity'], string> = {
  error: 'Problem',
  warning: 'Suggestion',
  info: 'Tip',
};

function InfoIcon(): ReactElement {
  return (
    <svg
      width={16}
      height={16}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.75"
      strokeLinecap="round"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="8" cy="8" r="6.5" />
      <path d="M8 7.2v4M8 4.8v.1" />
    </svg>
  );
}

export function SeverityIcon({ severity }: { severity: QualityRule['severity'] }): ReactElement {
  switch (severity) {
    case 'error':
      return <AlertIcon />;
    case 'warning':
      return <AtRiskIcon />;
    case 'info':
      return <InfoIcon />;
  }
}

function FindingItem({ finding }: { finding: QualityFinding }): ReactElement {
  const [open, setOpen] = useState(false);
  const advice = useWizardPlaybook().entries.get(ruleKey(finding.ruleId));
  const adviceId = useId();
  return (
    <li className={`finding finding-${finding.severity}`}>
      <span className="finding-severity">
        <SeverityIcon severity={finding.severity} />
        {SEVERITY_LABEL[finding.severity]}
      </span>
      <span className="finding-message">
        {finding.message}{' '}
        <button
          type="button"
          className="button-link finding-toggle"
          aria-expanded={open}
          aria-controls={adviceId}
          onClick={() => setOpen((shown) => !shown)}
        >
          {open ? 'Hide advice' : 'How to fix'}
        </button>
      </span>
      <div id={adviceId} className="finding-advice" hidden={!open}>
        <span className="finding-advice-label">Playbook: </span>
        {advice ? (
          <PlaybookHtml html={advice.html} className="finding-advice-html" />
        ) : (
          finding.advice
        )}
      </div>
    </li>
  );
}

interface QualityFeedbackProps {
  findings: QualityFinding[];
  /** Said when there is nothing to improve (null: say nothing). */
  allGood?: string | null;
  label: string;
}

/** Findings as a live region: a screen reader hears them change as the person types. */
export function QualityFeedback({
  findings,
  allGood = null,
  label,
}: QualityFeedbackProps): ReactElement | null {
  return (
    <div className="quality-feedback" aria-live="polite" aria-label={label} role="group">
      {findings.length > 0 ? (
        <ul className="finding-list">
          {findings.map((finding) => (
            <FindingItem
              key={`${finding.ruleId}-${finding.keyResultIndex ?? 'o'}-${finding.message}`}
              finding={finding}
            />
          ))}
        </ul>
      ) : (
        allGood && (
          <p className="finding finding-ok">
            <span className="finding-severity">
              <OnTrackIcon />
              Good
            </span>
            <span className="finding-message">{allGood}</span>
          </p>
        )
      )}
    </div>
  );
}
