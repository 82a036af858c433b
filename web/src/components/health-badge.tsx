/** Status as colour, word and icon together (never colour alone). */
import type { Health } from '@contracts/model.ts';
import type { ReactElement } from 'react';
import { HEALTH_LABEL } from '../lib/labels.ts';
import { AtRiskIcon, NoStatusIcon, OffTrackIcon, OnTrackIcon } from './icons.tsx';
import './status.css';

function HealthIcon({ health }: { health: Health | null }): ReactElement {
  switch (health) {
    case 'on_track':
      return <OnTrackIcon />;
    case 'at_risk':
      return <AtRiskIcon />;
    case 'off_track':
      return <OffTrackIcon />;
    case null:
      return <NoStatusIcon />;
  }
}

export function HealthBadge({ health }: { health: Health | null }): ReactElement {
  return (
    <span className={`health-badge health-${health ?? 'none'}`}>
      <HealthIcon health={health} />
      {health ? HEALTH_LABEL[health] : 'No status'}
    </span>
  );
}
