/**
 * The reliability suite runs in two modes: quick inside `npm test` (required in CI), long with
 * `npm run test:reliability` (OKR_RELIABILITY=long). Each test takes its sizes from here.
 */
export const LONG = process.env.OKR_RELIABILITY === 'long';

/** The quick figure inside `npm test`, the long one under `npm run test:reliability`. */
export function sized(quick: number, long: number): number {
  return LONG ? long : quick;
}

/** A long run may take hours; quick tests keep vitest's default. */
export const RELIABILITY_TIMEOUT_MS = LONG ? 4 * 60 * 60 * 1000 : 180_000;
