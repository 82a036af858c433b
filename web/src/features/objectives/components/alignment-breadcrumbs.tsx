/**
 * Why this objective exists, as a path: the company objective it serves, down through the
 * objectives between, to this one.
 */
import type { LinkOrPrivateView } from '@contracts/api/okrs.ts';
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { ChevronIcon } from '../../../components/icons.tsx';
import { LEVEL_LABEL } from '../../../lib/labels.ts';

interface AlignmentBreadcrumbsProps {
  org: string;
  path: LinkOrPrivateView[];
  current: string;
  /** Kept on the links (`?asOf=` while looking at the past). */
  search?: string;
}

export function AlignmentBreadcrumbs({
  org,
  path,
  current,
  search = '',
}: AlignmentBreadcrumbsProps): ReactElement {
  return (
    <nav className="breadcrumbs" aria-label="Alignment path">
      <ol>
        {path.map((step) => (
          <li key={step.id}>
            {'private' in step ? (
              <span className="muted">{step.title || 'Private objective'}</span>
            ) : (
              <Link
                to={`/orgs/${encodeURIComponent(org)}/objectives/${encodeURIComponent(step.id)}${search}`}
              >
                <span className="breadcrumb-level">{LEVEL_LABEL[step.level]}:</span> {step.title}
              </Link>
            )}
            <ChevronIcon size={14} />
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}
