/**
 * Looking for a private objective in what the API answers: its texts and ids anywhere, except
 * where the API shows it on purpose as a stub (`{id, private: true, title: "A private
 * objective", progress, health}`, in the tree also its `parentIds`; a key result on a dependency
 * risk's path as `{private: true, title: "A private key result"}`) — and a stub with anything
 * more is itself a leak.
 */
import { PRIVATE_TITLE } from '../../../src/presenters/objectives.ts';
import { PRIVATE_KEY_RESULT } from '../../../src/services/collaboration/dependency-risk.ts';
import { client } from '../../support/api.ts';
import type { PrivateMarkers } from './attack-world.ts';

const STUB_KEYS = new Set(['id', 'private', 'title', 'progress', 'health', 'parentIds']);

/**
 * The body with private stubs checked and blanked out; problems with stubs are pushed to
 * `found`, the stubs' ids to `stubIds`.
 */
function withoutStubs(value: unknown, found: string[], stubIds: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutStubs(v, found, stubIds));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  if (record.private === true && record.title === PRIVATE_KEY_RESULT) {
    // A private key result on the path a dependency risk travels: no id, nothing but the words.
    const extra = Object.keys(record).filter((k) => k !== 'private' && k !== 'title');
    if (extra.length > 0) found.push(`a private key result stub carries ${extra.join(', ')}`);
    return { private: true };
  }
  if (record.private === true) {
    const extra = Object.keys(record).filter((k) => !STUB_KEYS.has(k));
    if (extra.length > 0) found.push(`a private stub carries ${extra.join(', ')}`);
    if (record.title !== PRIVATE_TITLE)
      found.push(`a private stub is titled ${String(record.title)}`);
    stubIds.add(String(record.id));
    return { private: true, parentIds: withoutStubs(record.parentIds, found, stubIds) };
  }
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => [k, withoutStubs(v, found, stubIds)]),
  );
}

/**
 * What of the private objectives a response body shows (empty: nothing). The id of an objective
 * the same response shows as a stub may appear elsewhere in it (a tree node's `parentIds`
 * pointing at the stub); no other id, and no text.
 */
export function leaksIn(body: unknown, markers: readonly PrivateMarkers[]): string[] {
  const found: string[] = [];
  const stubIds = new Set<string>();
  const text = JSON.stringify(withoutStubs(body, found, stubIds));
  for (const m of markers) {
    for (const t of m.texts) if (text.includes(t)) found.push(`text "${t}"`);
    for (const id of m.ids) if (text.includes(id) && !stubIds.has(id)) found.push(`id ${id}`);
  }
  return found;
}

/** Whether the body names the private objective in full (title or id outside a stub). */
export function showsInFull(body: unknown, markers: PrivateMarkers): boolean {
  return leaksIn(body, [markers]).length > 0;
}

interface Page {
  items?: unknown[];
  nextCursor?: string | null;
}

/** Every page of a list (limit 200), or the one answer of a non-list GET; throws on a non-200. */
export async function readAll(url: string, token: string, path: string): Promise<unknown[]> {
  const api = client(url, token);
  const bodies: unknown[] = [];
  let cursor: string | null | undefined;
  const separator = path.includes('?') ? '&' : '?';
  const paged =
    /\/(objectives|activity|dependencies|comments|members|teams|cycles|check-ins|initiatives)(\?|$)/.test(
      path,
    );
  for (let page = 0; page < 500; page++) {
    const full = paged
      ? `${path}${separator}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
      : path;
    const response = await api.get<Page>(full);
    if (response.status !== 200)
      throw new Error(`GET ${full}: ${response.status} ${JSON.stringify(response.body)}`);
    bodies.push(response.body);
    cursor = response.body?.nextCursor;
    if (!paged || !cursor) return bodies;
  }
  throw new Error(`GET ${path}: more than 500 pages`);
}
