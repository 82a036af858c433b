/**
 * Cursor pagination shared by every list endpoint: `?limit=50&cursor=<opaque>` answers
 * `{ items, nextCursor }`. A cursor is the base64url form of the last id of the previous page;
 * ids are UUIDv7, so ordering by id is ordering by creation.
 */
import { z } from 'zod';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toBase64Url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The opaque cursor for a page that ends with `id`. */
export function encodeCursor(id: string): string {
  return toBase64Url(id);
}

/** The id a cursor stands for, or null when it is not a cursor we issued. */
export function decodeCursor(cursor: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  try {
    const id = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    return UUID.test(id) ? id.toLowerCase() : null;
  } catch {
    return null;
  }
}

export const limitSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_PAGE_SIZE)
  .default(DEFAULT_PAGE_SIZE)
  .describe(`Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`);

/** Parses to the id the cursor stands for; anything else is a 400 on `querystring.cursor`. */
export const cursorSchema = z
  .string()
  .transform((cursor, ctx) => {
    const id = decodeCursor(cursor);
    if (id === null) {
      ctx.addIssue({ code: 'custom', message: 'is not a cursor from a previous page' });
      return z.NEVER;
    }
    return id;
  })
  .describe('`nextCursor` of the previous page.');

/** The query fields every list endpoint takes. */
export const pageQueryFields = { limit: limitSchema, cursor: cursorSchema.optional() };

export interface PageRequest {
  limit: number;
  /** The last id of the previous page (decoded). */
  after?: string | undefined;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/**
 * A page from rows fetched with `limit + 1`: the extra row only tells that another page exists.
 */
export function pageOf<Row, Item>(
  rows: Row[],
  limit: number,
  idOf: (row: Row) => string,
  present: (row: Row) => Item,
): Page<Item> {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return {
    items: shown.map(present),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(idOf(last)) : null,
  };
}
