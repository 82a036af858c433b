/**
 * The frame of every signed-in page: skip link, header with the organisation switcher, the
 * navigation and sign-out, and the page itself. Focus moves to the page on navigation so
 * screen readers start reading the new page.
 */
import { useEffect, useRef, type ReactElement } from 'react';
import { Link, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { ErrorState, LoadingState } from '../components/states.tsx';
import { useMe, useSignOut } from '../features/auth/api/session.ts';
import { NotificationBell } from '../features/notifications/components/notification-bell.tsx';
import { isApiError } from '../lib/api.ts';
import { useLiveUpdates } from '../lib/live-updates.ts';
import { MainNav } from './main-nav.tsx';
import './app-shell.css';


export function AppShell(): ReactElement {
  const { org = '' } = useParams();
  const me = useMe();
  const isMember = me.data?.organisations.some((organisation) => organisation.slug === org) ?? false;
  // What others do shows up without a reload (docs/features/live-updates.md).
  useLiveUpdates(isMember ? org : '');
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);

  if (me.isPending || (me.isError && isApiError(me.error) && me.error.status === 401)) {
    return (
      <main className="shell-main" id="main">
        <LoadingState label="Loading your organisation…" />
      </main>
    );
  }
  if (me.isError) {
    return (
      <main className="shell-main" id="main">
        <ErrorState error={me.error} what="Your account" onRetry={() => void me.refetch()} />
      </main>
    );
  }

  const organisations = me.data.organisations;
  const current = organisations.find((organisation) => organisation.slug === org);
  const base = `/orgs/${encodeURIComponent(org)}`;

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell-header">
        <div className="shell-bar">
          <Link className="shell-brand" to={`${base}/home`}>
            <img src="/favicon.svg" alt="" width="24" height="24" />
            <span>OKR Wizard</span>
          </Link>
          {organisations.length > 1 ? (
            <label className="org-switcher">
              <span className="visually-hidden">Organisation</span>
              <select
                className="input"
                value={current?.slug ?? ''}
                onChange={(event) =>
                  void navigate(`/orgs/${encodeURIComponent(event.target.value)}/home`)
                }
              >
                {!current && <option value="">Choose an organisation</option>}
                {organisations.map((organisation) => (
                  <option key={organisation.id} value={organisation.slug}>
                    {organisation.name}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            current && <span className="org-name">{current.name}</span>
          )}
          <div className="shell-user">
            {current ? (
              <Link className="shell-user-name" title={me.data.user.email} to={`${base}/people/${me.data.user.id}`}>
                {me.data.user.name}
              </Link>
            ) : (
              <span className="shell-user-name" title={me.data.user.email}>
                {me.data.user.name}
              </span>
            )}
            {current && <NotificationBell org={current.slug} />}
            {current && (
              <Link className="button button-quiet" to={`${base}/people/${me.data.user.id}/history`}>
                My history
              </Link>
            )}
            {current && (
              <Link className="button button-quiet" to={`${base}/account`}>
                Account
              </Link>
            )}
            <button
              type="button"
              className="button"
              disabled={signOut.isPending}
              onClick={() =>
                signOut.mutate(undefined, {
                  onSettled: () => void navigate('/signin', { replace: true }),
                })
              }
            >
              Sign out
            </button>
          </div>
        </div>
        {current && (
          <MainNav base={base} />
        )}
      </header>
      <main className="shell-main" id="main" ref={mainRef} tabIndex={-1}>
        {current ? (
          <Outlet />
        ) : (
          <div className="page">
            <h1>Organisation not found</h1>
            <p>You are not a member of “{org}”, or it does not exist.</p>
            {organisations.length > 0 ? (
              <ul>
                {organisations.map((organisation) => (
                  <li key={organisation.id}>
                    <Link to={`/orgs/${encodeURIComponent(organisation.slug)}/home`}>
                      {organisation.name}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">
                You are not in any organisation yet. Ask an admin to invite you.
              </p>
            )}
          </div>
        )}
      </main>
    </div>
  );
}
