/**
 * A page section whose content is read and drawn only when the reader scrolls near it. The
 * heading is there from the start (the outline and in-page links work); the body keeps a
 * minimum height while it loads so the page does not jump.
 */
import { Suspense, useId, type ReactElement, type ReactNode } from 'react';
import { useNearViewport } from './use-near-viewport.ts';

interface LazySectionProps {
  id: string;
  title: string;
  /** Reserved height (CSS length) while the content loads. */
  minHeight: string;
  /** Next to the heading (e.g. a count or an action). */
  aside?: ReactNode;
  children: ReactNode;
}

function Placeholder({ minHeight }: { minHeight: string }): ReactElement {
  return (
    <div className="lazy-placeholder" style={{ minHeight }} role="status">
      <span className="visually-hidden">Loading…</span>
    </div>
  );
}

export function LazySection({
  id,
  title,
  minHeight,
  aside,
  children,
}: LazySectionProps): ReactElement {
  const [ref, near] = useNearViewport<HTMLElement>('400px');
  const headingId = useId();
  return (
    <section ref={ref} id={id} className="section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>{title}</h2>
        {aside}
      </div>
      {near ? (
        <Suspense fallback={<Placeholder minHeight={minHeight} />}>{children}</Suspense>
      ) : (
        <Placeholder minHeight={minHeight} />
      )}
    </section>
  );
}
