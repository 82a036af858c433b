/** A moment shown relative ("3 days ago") with the exact date and time on hover. */
import type { ReactElement } from 'react';
import { formatExact, formatRelative } from '../lib/format.ts';

export function RelativeTime({ iso }: { iso: string }): ReactElement {
  return (
    <time dateTime={iso} title={formatExact(iso)}>
      {formatRelative(iso)}
    </time>
  );
}
