/** A collaboration request's status (a word, never colour alone) and its history, as both teams see them. */
import type { CollaborationRequestView } from '@contracts/api/shared-objectives.ts';
import type { ReactElement } from 'react';
import { formatDay, formatRelative } from '../lib/format.ts';
import './request-history.css';

const STATUS_LABEL = {
  open: 'Waiting for an answer',
  accepted: 'Accepted',
  declined: 'Declined',
} as const;

export function RequestStatus({ request }: { request: CollaborationRequestView }): ReactElement {
  return (
    <span className={`request-status request-${request.status}`}>
      {STATUS_LABEL[request.status]}
    </span>
  );
}

/** What was asked and answered, oldest first. */
export function RequestHistory({ request }: { request: CollaborationRequestView }): ReactElement {
  return (
    <ol className="request-history small">
      {request.history.map((event) => (
        <li key={event.kind}>
          <span className="muted">
            {event.kind === 'asked' ? 'Asked' : event.kind === 'accepted' ? 'Accepted' : 'Declined'}{' '}
            by {event.by?.name ?? 'someone'},{' '}
            <time dateTime={event.at} title={event.at}>
              {formatRelative(event.at)}
            </time>
            {event.kind === 'asked' && request.neededBy && (
              <> — needed by {formatDay(request.neededBy)}</>
            )}
          </span>
          {event.kind === 'asked' ? (
            // Rendered to safe HTML by the server (markdown without raw HTML, sanitised).
            <div
              className="request-message"
              dangerouslySetInnerHTML={{ __html: request.messageHtml }}
            />
          ) : (
            event.text && <p className="request-answer">{event.text}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
