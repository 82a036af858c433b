/** All of the caller's notifications, all or unread only, a page at a time. */
import { useState, type ReactElement } from 'react';
import { Link, useParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { useMarkAllRead, useNotifications, useUnreadCount } from '../api/notifications.ts';
import { NotificationItem } from './notification-item.tsx';
import './notifications.css';

const PAGE = 20;

export function NotificationsPage(): ReactElement {
  useDocumentTitle('Notifications');
  const { org = '' } = useParams();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications(org, { unread: unreadOnly, limit: PAGE });
  const count = useUnreadCount(org);
  const markAll = useMarkAllRead(org);
  const unread = count.data?.unreadCount ?? 0;
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="page notifications-page">
      <header className="page-header">
        <h1>Notifications</h1>
        <p className="muted">
          {unread === 0 ? 'All read.' : `${unread} unread.`}{' '}
          <Link to={`/orgs/${encodeURIComponent(org)}/account#notification-settings`}>
            Choose which come by e-mail
          </Link>
        </p>
      </header>
      <div className="notifications-toolbar">
        <div role="group" aria-label="Show" className="segmented">
          <button
            type="button"
            className="button"
            aria-pressed={!unreadOnly}
            onClick={() => setUnreadOnly(false)}
          >
            All
          </button>
          <button
            type="button"
            className="button"
            aria-pressed={unreadOnly}
            onClick={() => setUnreadOnly(true)}
          >
            Unread
          </button>
        </div>
        <button
          type="button"
          className="button"
          disabled={unread === 0 || markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          Mark all read
        </button>
      </div>
      {markAll.isError && <p role="alert">{errorMessage(markAll.error)}</p>}
      {list.isPending ? (
        <LoadingState label="Loading notifications…" />
      ) : list.isError ? (
        <ErrorState
          error={list.error}
          what="Your notifications"
          onRetry={() => void list.refetch()}
        />
      ) : items.length === 0 ? (
        <EmptyState title={unreadOnly ? 'No unread notifications' : 'No notifications yet'}>
          Mentions in comments, check-in reminders, approvals and collaboration requests show up
          here.
        </EmptyState>
      ) : (
        <>
          <ul className="notification-list notification-list-page">
            {items.map((notification) => (
              <NotificationItem
                key={notification.id}
                org={org}
                notification={notification}
                showBody
              />
            ))}
          </ul>
          {list.hasNextPage && (
            <button
              type="button"
              className="button"
              disabled={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {list.isFetchingNextPage ? 'Loading…' : 'Show older'}
            </button>
          )}
        </>
      )}
    </div>
  );
}
