/**
 * Compile-time exhaustiveness check for `switch` statements over union types.
 * Reaching it at run time means a value outside the union slipped through (e.g. from unvalidated
 * input), so it throws rather than silently picking a branch.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${String(value)}`);
}
