/**
 * The bell in the header: the unread count (polled every 30 s and on focus) in its accessible
 * name, and a panel of the latest notifications with mark-as-read and "mark all read".
 */
import { useEffect, useId, useRef, useState, type ReactElement } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../lib/api.ts';
import { useMarkAllRead, useNotifications, useUnreadCount } from '../api/notifications.ts';
import { NotificationItem } from './notification-item.tsx';
import './notifications.css';

export function NotificationBell({ org }: { org: string }): ReactElement {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const count = useUnreadCount(org);
  const latest = useNotifications(org, { unread: false, limit: 8, enabled: open });
  const markAll = useMarkAllRead(org);
  const unread = count.data?.unreadCount ?? 0;

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onPointer = (event: PointerEvent) => {
      if (wrapper.current && !wrapper.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const items = latest.data?.pages[0]?.items ?? [];
  const base = `/orgs/${encodeURIComponent(org)}`;
  return (
    <div className="notification-bell" ref={wrapper}>
      <button
        ref={button}
        type="button"
        className="button button-quiet bell-button"
        aria-label={`Notifications, ${unread} unread`}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((was) => !was)}
      >
        <svg
          aria-hidden="true"
          width="20"
          height="20"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {unread > 0 && (
          <span className="bell-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <section id={panelId} className="bell-panel" aria-labelledby={`${panelId}-heading`}>
          <div className="bell-panel-header">
            <h2 id={`${panelId}-heading`}>Notifications</h2>
            <button
              type="button"
              className="button button-quiet"
              disabled={unread === 0 || markAll.isPending}
              onClick={() => markAll.mutate()}
            >
              Mark all read
            </button>
          </div>
          {latest.isPending ? (
            <p className="muted" role="status">
              Loading notifications…
            </p>
          ) : latest.isError ? (
            <p role="alert">Could not load notifications: {errorMessage(latest.error)}</p>
          ) : items.length === 0 ? (
            <p className="muted">
              Nothing yet. Mentions, reminders, approvals and requests show up here.
            </p>
          ) : (
            <ul className="notification-list">
              {items.map((notification) => (
                <NotificationItem
                  key={notification.id}
                  org={org}
                  notification={notification}
                  onFollow={() => setOpen(false)}
                />
              ))}
            </ul>
          )}
          {markAll.isError && <p role="alert">{errorMessage(markAll.error)}</p>}
          <p className="bell-panel-footer">
            <Link to={`${base}/notifications`} onClick={() => setOpen(false)}>
              See all notifications
            </Link>
            {' · '}
            <Link to={`${base}/account#notification-settings`} onClick={() => setOpen(false)}>
              E-mail settings
            </Link>
          </p>
        </section>
      )}
    </div>
  );
}
