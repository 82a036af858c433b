/**
 * Live updates: while a signed-in page is open, the server's event stream
 * (`GET /api/v1/orgs/{org}/events`, docs/features/live-updates.md) says when something the person
 * may see happened — a check-in, a comment, an edit — or a notification came. The page then
 * reloads what it shows of the organisation (the queries on screen; the others are marked stale),
 * at most once every two seconds however busy the organisation is. EventSource reconnects on its
 * own and resumes after the last event it got, so nothing is missed while a laptop sleeps.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { queryKeys } from './query-keys.ts';

const QUIET_MS = 2_000;

export function useLiveUpdates(org: string): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!org || typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/v1/orgs/${encodeURIComponent(org)}/events`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reload = () => {
      if (timer !== undefined) return;
      timer = setTimeout(function reloadWhenIdle() {
        // Not while the person's own change is on its way: a reload landing between a click and
        // its answer would show the old state for a moment (their change reloads what it needs).
        if (queryClient.isMutating() > 0) {
          timer = setTimeout(reloadWhenIdle, QUIET_MS);
          return;
        }
        timer = undefined;
        void queryClient.invalidateQueries({ queryKey: queryKeys.org(org) });
      }, QUIET_MS);
    };
    source.addEventListener('activity', reload);
    source.addEventListener('notification', reload);
    return () => {
      source.close();
      clearTimeout(timer);
    };
  }, [org, queryClient]);
}
