/** Home's "announcements to acknowledge": read, then "I have read and understood" or ask. */
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { useAcknowledgeFromHome, usePendingAnnouncements } from '../api/pending-announcements.ts';

export function AnnouncementsToAcknowledge({ org }: { org: string }): ReactElement | null {
  const pending = usePendingAnnouncements(org);
  const acknowledge = useAcknowledgeFromHome(org);
  const base = `/orgs/${encodeURIComponent(org)}`;
  // Quiet when there is nothing to do (or it failed: Home's other sections matter more).
  if (!pending.isSuccess || pending.data.items.length === 0) return null;
  return (
    <section className="section" aria-labelledby="announcements-to-acknowledge">
      <div className="section-header">
        <h2 id="announcements-to-acknowledge">Announcements to acknowledge</h2>
        <Link className="small" to={`${base}/announcements`}>
          All announcements
        </Link>
      </div>
      <ul className="card-list">
        {pending.data.items.map((a) => (
          <li key={a.id} className="card">
            <p className="row-title">
              <Link to={`${base}/announcements/${encodeURIComponent(a.id)}`}>{a.title}</Link>
            </p>
            <p className="row-meta small muted">
              {a.publishedBy?.name ?? 'Someone'} · <RelativeTime iso={a.publishedAt} />
            </p>
            <div className="announcement-body" dangerouslySetInnerHTML={{ __html: a.html }} />
            <p className="form-actions">
              {a.abilities.canAcknowledge && (
                <button
                  type="button"
                  className="button button-primary"
                  disabled={acknowledge.isPending}
                  onClick={() => acknowledge.mutate(a.id)}
                >
                  I have read and understood
                </button>
              )}
              {a.abilities.canAskQuestion && (
                <Link
                  className="button"
                  to={`${base}/announcements/${encodeURIComponent(a.id)}#ask`}
                >
                  Ask a question
                </Link>
              )}
            </p>
          </li>
        ))}
      </ul>
      {acknowledge.isError && (
        <p className="field-error" role="alert">
          {errorMessage(acknowledge.error)}
        </p>
      )}
    </section>
  );
}
