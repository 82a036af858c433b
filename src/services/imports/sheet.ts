/**
 * Reading a spreadsheet's CSV text: its delimiter, whether its first row names the columns, the
 * column names and the data rows with the line each starts on. The cycle files' CSV splitter
 * (../cycle-formats/csv.ts) does the splitting, so quoted cells with delimiters, quotes and line
 * breaks, and a BOM, are read the same way everywhere.
 */
import { MAX_SHEET_ROWS } from '../../contracts/api/imports.ts';
import { AppError } from '../../contracts/app-error.ts';
import { columnLetterName, detectDelimiter, looksLikeHeader } from '../../domain/sheet-import.ts';
import { CsvSyntaxError, splitCsvRows, type CsvDelimiter } from '../cycle-formats/csv.ts';

export interface Sheet {
  delimiter: CsvDelimiter;
  hasHeader: boolean;
  columns: string[];
  rows: { line: number; values: string[] }[];
}

/** 400 `bad_input` for CSV that cannot be split, a sheet without data rows or with too many. */
export function readSheet(text: string): Sheet {
  const delimiter = detectDelimiter(text);
  let records;
  try {
    records = splitCsvRows(text, delimiter);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw new AppError('bad_input', `The CSV is not valid: line ${error.line}: ${error.message}.`, [
      { path: 'body.csv', message: `line ${error.line}: ${error.message}` },
    ]);
  }
  const first = records[0];
  const hasHeader = first !== undefined && looksLikeHeader(first.values);
  const width = Math.max(0, ...records.map((r) => r.values.length));
  const columns = Array.from({ length: width }, (_, i) => {
    const name = hasHeader ? (first?.values[i] ?? '').trim() : '';
    return name === '' ? columnLetterName(i) : name;
  });
  const rows = (hasHeader ? records.slice(1) : records)
    .filter((r) => r.values.some((v) => v.trim() !== ''))
    .map((r) => ({ line: r.line, values: r.values }));
  if (rows.length === 0) {
    throw new AppError('bad_input', 'The CSV has no data rows.', [
      { path: 'body.csv', message: 'has no rows below the header' },
    ]);
  }
  if (rows.length > MAX_SHEET_ROWS) {
    throw new AppError(
      'bad_input',
      `The CSV has ${rows.length} rows; one import takes at most ${MAX_SHEET_ROWS}.`,
      [{ path: 'body.csv', message: `has more than ${MAX_SHEET_ROWS} rows` }],
    );
  }
  return { delimiter, hasHeader, columns, rows };
}
