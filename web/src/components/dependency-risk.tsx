/**
 * Risk that travels: a key result that depends (directly or through others) on one at risk or off
 * track is "At risk through a dependency". The badge says so in words with a chain icon and a
 * dashed outline, so it is never mistaken for the key result's own status; the path from the key
 * result at risk to this one shows on hover, on keyboard focus and on a tap, is the badge's
 * accessible description, and Escape hides it.
 */
import type { DependencyRiskView } from '@contracts/api/okrs.ts';
import { Fragment, useId, useState, type ReactElement } from 'react';
import { HEALTH_LABEL } from '../lib/labels.ts';
import { LinkIcon } from './icons.tsx';
import './dependency-risk.css';

export const DEPENDENCY_RISK_LABEL = 'At risk through a dependency';

/** "“Uptime” is off track: Uptime → Billing → Signups": the source, its health, the chain to here. */
export function DependencyRiskPath({ risk }: { risk: DependencyRiskView }): ReactElement {
  const source = risk.path[0];
  return (
    <>
      <span className="dependency-risk-cause">
        {!source ? '' : 'private' in source ? source.title : `“${source.title}”`} is{' '}
        {HEALTH_LABEL[risk.level].toLowerCase()}:{' '}
      </span>
      <span className="dependency-risk-steps">
        {risk.path.map((step, i) => (
          <Fragment key={i}>
            {i > 0 && ' → '}
            <span className={'private' in step ? 'dependency-risk-private' : undefined}>
              {step.title}
            </span>
          </Fragment>
        ))}
      </span>
    </>
  );
}

export function DependencyRiskBadge({
  risk,
}: {
  risk: DependencyRiskView | null | undefined;
}): ReactElement | null {
  const id = useId();
  const [open, setOpen] = useState(false);
  if (!risk) return null;
  return (
    <span
      className={`dependency-risk${open ? ' is-open' : ''}`}
      onMouseEnter={() => setOpen(true)}
      onMouseLeave={() => setOpen(false)}
    >
      <button
        type="button"
        className={`dependency-risk-badge risk-${risk.level}`}
        aria-describedby={id}
        aria-expanded={open}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onClick={() => setOpen((shown) => !shown)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && open) {
            event.stopPropagation();
            setOpen(false);
          }
        }}
      >
        <LinkIcon size={14} />
        {DEPENDENCY_RISK_LABEL}
      </button>
      <span role="tooltip" id={id} className="dependency-risk-tooltip">
        <DependencyRiskPath risk={risk} />
      </span>
    </span>
  );
}
