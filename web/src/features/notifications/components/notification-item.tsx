/** One notification: its title linking to its subject (marking it read), when, and a read mark. */
import type { NotificationView } from '@contracts/api/notifications.ts';
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { useMarkRead } from '../api/notifications.ts';

const KIND_LABEL: Record<NotificationView['kind'], string> = {
  mention: 'Mention',
  answer: 'Answer',
  reminder: 'Reminder',
  escalation: 'Escalation',
  announcement: 'Announcement',
  approval: 'Approval',
  collaboration_request: 'Request',
  digest: 'Digest',
};

export function NotificationItem({
  org,
  notification,
  showBody = false,
  onFollow,
}: {
  org: string;
  notification: NotificationView;
  showBody?: boolean;
  onFollow?: () => void;
}): ReactElement {
  const markRead = useMarkRead(org);
  const unread = notification.readAt === null;
  const follow = () => {
    if (unread) markRead.mutate(notification.id);
    onFollow?.();
  };
  const to = `/orgs/${encodeURIComponent(org)}${notification.link ?? '/notifications'}`;
  return (
    <li className={`notification-item${unread ? ' notification-unread' : ''}`}>
      <div className="notification-text">
        <span className={`notification-kind notification-kind-${notification.kind}`}>
          {KIND_LABEL[notification.kind]}
        </span>
        <Link to={to} onClick={follow}>
          {unread && <span className="visually-hidden">Unread: </span>}
          {notification.title}
        </Link>
        {showBody && notification.body && <p className="notification-body">{notification.body}</p>}
        <span className="muted notification-when">
          <RelativeTime iso={notification.createdAt} />
        </span>
      </div>
      {unread && (
        <button
          type="button"
          className="button button-quiet notification-mark"
          disabled={markRead.isPending}
          onClick={() => markRead.mutate(notification.id)}
          aria-label={`Mark “${notification.title}” read`}
        >
          Mark read
        </button>
      )}
    </li>
  );
}
