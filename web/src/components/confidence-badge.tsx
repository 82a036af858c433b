/** The owner's confidence band as three bars plus the word ("Confidence: medium"). */
import type { ConfidenceBand } from '@contracts/model.ts';
import type { ReactElement } from 'react';
import { CONFIDENCE_BANDS, CONFIDENCE_LABEL } from '../lib/labels.ts';
import './status.css';

export function ConfidenceBadge({ band }: { band: ConfidenceBand | null }): ReactElement {
  const filled = band ? CONFIDENCE_BANDS.indexOf(band) + 1 : 0;
  return (
    <span className="confidence-badge">
      <span className="confidence-bars" aria-hidden="true">
        {CONFIDENCE_BANDS.map((level, index) => (
          <span key={level} className={index < filled ? 'is-filled' : undefined} />
        ))}
      </span>
      {band ? `${CONFIDENCE_LABEL[band]} confidence` : 'No confidence given'}
    </span>
  );
}
