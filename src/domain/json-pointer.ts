/**
 * JSON Pointer (RFC 6901): `/a/b/0` names a value inside a JSON document; `~1` stands for `/`
 * and `~0` for `~` in a token; the empty pointer names the whole document.
 */

/** The pointer's reference tokens, or null when it is not a valid pointer. */
export function parsePointer(pointer: string): string[] | null {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return null;
  const tokens = pointer.slice(1).split('/');
  // '~' must be followed by 0 or 1.
  if (tokens.some((t) => /~(?![01])/.test(t))) return null;
  return tokens.map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Escapes one reference token (the inverse of the unescaping in {@link parsePointer}). */
export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function formatPointer(tokens: readonly string[]): string {
  return tokens.map((t) => `/${escapeToken(t)}`).join('');
}

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

/**
 * The value the pointer names in the document: `{ found: false }` when a step is missing (an
 * absent member, an index out of range or not a plain index, a step into a scalar).
 */
export function resolvePointer(
  document: unknown,
  pointer: string,
): { found: true; value: unknown } | { found: false } {
  const tokens = parsePointer(pointer);
  if (!tokens) return { found: false };
  let current: unknown = document;
  for (const token of tokens) {
    if (Array.isArray(current)) {
      if (!ARRAY_INDEX.test(token)) return { found: false };
      const index = Number(token);
      if (index >= current.length) return { found: false };
      current = current[index];
    } else if (typeof current === 'object' && current !== null) {
      if (!Object.prototype.hasOwnProperty.call(current, token)) return { found: false };
      current = (current as Record<string, unknown>)[token];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: current };
}
