/**
 * The reads web/public/early-reads.js starts before the app has loaded (the alignment map's
 * cycles and tree, when the page is opened at the map's address), taken by the code that
 * would otherwise ask the server for the same path.
 */

interface EarlyRead {
  response: Promise<unknown>;
  at: number;
}

declare global {
  interface Window {
    /** API path (without /api/v1) → the read started for it. */
    __okrEarlyReads?: Map<string, EarlyRead>;
    /** Settles once early-reads.js has started every read it is going to start. */
    __okrEarlyReadsStarted?: Promise<void>;
  }
}

/** An early read older than this is not used: the page did not want it after all. */
const EARLY_READ_TTL_MS = 30_000;

/**
 * The early read of `path` (as the API client names paths: `/orgs/acme/cycles?limit=200`),
 * taken once — a later read asks the server again. Answers null when there is none, it is
 * stale, or it failed: then read the ordinary way.
 */
export async function takeEarlyRead<T>(path: string): Promise<T | null> {
  if (typeof window === 'undefined' || !window.__okrEarlyReads) return null;
  await window.__okrEarlyReadsStarted;
  const hit = window.__okrEarlyReads.get(path);
  if (!hit) return null;
  window.__okrEarlyReads.delete(path);
  if (Date.now() - hit.at > EARLY_READ_TTL_MS) return null;
  return (await hit.response) as T | null;
}
