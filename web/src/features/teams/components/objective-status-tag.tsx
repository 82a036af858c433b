/** The lifecycle of an objective (draft, completed, abandoned) as a tag; active needs no tag. */
import type { ObjectiveStatus } from '@contracts/model.ts';
import type { ReactElement } from 'react';

const LABEL: Record<ObjectiveStatus, string | null> = {
  draft: 'Draft',
  active: null,
  completed: 'Completed',
  abandoned: 'Abandoned',
};

export function ObjectiveStatusTag({ status }: { status: ObjectiveStatus }): ReactElement | null {
  const label = LABEL[status];
  return label ? <span className="tag">{label}</span> : null;
}
