/**
 * CSV export of the dashboards' tables (RFC 4180, comma-separated, CRLF lines). A cell that a
 * spreadsheet would run as a formula (starting with = + - @, or a tab or carriage return) is
 * prefixed with an apostrophe, so an objective titled "=HYPERLINK(…)" stays text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvCell = string | number | null | undefined;

/** One cell as CSV: neutralised against formula injection, quoted when it needs quotes. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  // Numbers are data, not formulas: "-0.25" stays a number a spreadsheet can sum.
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A table as CSV text: the header row, then one line per row. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A file name fit for a download: "champion-stale-check-ins-2026-11-30.csv". */
export function csvFileName(name: string, today: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'table'}-${today}.csv`;
}
