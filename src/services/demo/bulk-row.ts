/**
 * The bulk writer takes rows as plain records. Row builders that return a table interface (say
 * `CheckInTable`) are not assignable to a record type only because interfaces have no index
 * signature; this checks every column value is storable and passes the row through unchanged
 * (no copy: it runs a million times in `okr generate`).
 */
import type { Row } from '../../db/bulk.ts';

export function bulkRow<T extends { [K in keyof T]: string | number | null | undefined }>(
  row: T,
): Row {
  return row as Row;
}
