/** "/" sends a signed-in person to the home page of their first organisation. */
import type { ReactElement } from 'react';
import { Navigate } from 'react-router';
import { ErrorState, LoadingState } from '../components/states.tsx';
import { useMe } from '../features/auth/api/session.ts';

export function RootRedirect(): ReactElement {
  const me = useMe();
  if (me.isPending || (me.isError && me.error.status === 401)) {
    return (
      <main className="shell-main" id="main">
        <LoadingState rows={1} />
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
  const first = me.data.organisations[0];
  if (!first) {
    return (
      <main className="shell-main" id="main">
        <h1>No organisation yet</h1>
        <p>You are not a member of any organisation. Ask an admin of yours to invite you.</p>
      </main>
    );
  }
  return <Navigate to={`/orgs/${encodeURIComponent(first.slug)}/home`} replace />;
}
