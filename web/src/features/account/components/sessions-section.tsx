/** Where the person is signed in: each session's browser, address and last use; others can be signed out. */
import type { SessionView } from '@contracts/api/auth.ts';
import type { ReactElement } from 'react';
import { AlertIcon } from '../../../components/icons.tsx';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { ErrorState, LoadingState } from '../../../components/states.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { useRevokeSession, useSessions } from '../api/account.ts';

/** "Firefox on Linux" from a user agent, good enough to recognise one's devices. */
export function describeAgent(userAgent: string | null): string {
  if (!userAgent) return 'Unknown browser';
  const browser =
    /Edg\//.test(userAgent) ? 'Edge'
    : /Firefox\//.test(userAgent) ? 'Firefox'
    : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome'
    : /Safari\//.test(userAgent) ? 'Safari'
    : /curl|node|python|okr/i.test(userAgent) ? 'A script'
    : 'A browser';
  const system =
    /Android/.test(userAgent) ? 'Android'
    : /iPhone|iPad/.test(userAgent) ? 'iOS'
    : /Mac OS X/.test(userAgent) ? 'macOS'
    : /Windows/.test(userAgent) ? 'Windows'
    : /Linux/.test(userAgent) ? 'Linux'
    : null;
  return system ? `${browser} on ${system}` : browser;
}

export function SessionsSection(): ReactElement {
  const sessions = useSessions();
  const revoke = useRevokeSession();

  if (sessions.isPending) return <LoadingState rows={2} label="Loading your sessions…" />;
  if (sessions.isError) {
    return (
      <ErrorState error={sessions.error} what="Your sessions" onRetry={() => void sessions.refetch()} />
    );
  }
  const list = [...sessions.data.sessions].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
  );
  return (
    <>
      {revoke.isError && (
        <div className="alert" role="alert">
          <AlertIcon />
          <p>{errorMessage(revoke.error)}</p>
        </div>
      )}
      <ul className="card-list">
        {list.map((session: SessionView) => (
          <li key={session.id} className="account-row">
            <div className="account-row-main">
              <p>
                <strong>{describeAgent(session.userAgent)}</strong>
                {session.current && <span className="tag tag-current">This browser</span>}
              </p>
              <p className="muted small">
                {session.ip && <>From {session.ip} · </>}
                Signed in <RelativeTime iso={session.createdAt} /> · last active{' '}
                <RelativeTime iso={session.lastSeenAt} /> · ends <RelativeTime iso={session.expiresAt} />
              </p>
            </div>
            {!session.current && (
              <button
                type="button"
                className="button"
                disabled={revoke.isPending}
                onClick={() => revoke.mutate(session.id)}
              >
                Sign out<span className="visually-hidden"> {describeAgent(session.userAgent)}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {list.length === 1 && (
        <p className="muted small">You are signed in on this browser only.</p>
      )}
    </>
  );
}
