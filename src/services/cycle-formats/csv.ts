/**
 * The cycle file as one CSV table that round-trips exactly. Every row is one record of the
 * document (column `record`: organisation, person, team, key_result, check_in, ...); the columns
 * are the union of all records' fields, and a record leaves the columns that are not its own
 * empty. Rows follow the document's order: each objective is followed by its alignment, readers,
 * contributing teams, tags and key results, each key result by its initiatives, check-ins and
 * dependencies. See docs/decisions/0005-cycle-file-format.md for the rules, in short:
 *
 * - numbers are written with `String(n)`, which JavaScript reads back to the same double;
 * - an empty unquoted cell is null, a quoted empty cell (`""`) is the empty string (fields that
 *   cannot be null read both as the empty string);
 * - a text cell whose value starts with `=`, `+`, `-`, `@`, tab or carriage return (after any
 *   leading `'`s) gets one extra leading `'`, so spreadsheets do not run it as a formula; the
 *   reader removes exactly that one `'`. Numeric cells are never prefixed: -5 stays a number.
 */
import { AppError } from '../../contracts/app-error.ts';
import type { CycleFile } from '../../contracts/cycle-file.ts';
import { CsvReader, type LinedRecord } from './csv-reader.ts';
import {
  CSV_COLUMNS,
  encodeCell,
  escapeFormula,
  quote,
  specOf,
  type Column,
  type CsvRecordKind,
} from './csv-records.ts';
import type { ReadDocument } from './json.ts';

// ---- writing ------------------------------------------------------------------------------

/** Writes the cycle file as CSV (header row, then one row per record, `\n` line ends). */
export function formatCycleCsv(file: CycleFile): string {
  const lines: string[] = [CSV_COLUMNS.join(',')];
  const emit = (
    kind: CsvRecordKind,
    entity: object,
    extra: Partial<Record<Column, string | null>> = {},
  ) => {
    const source = entity as Record<string, unknown>;
    const cells: Partial<Record<Column, string | null>> = { ...extra };
    for (const [field, column, type] of specOf(kind).fields)
      cells[column] = encodeCell(type, source[field]);
    lines.push(
      CSV_COLUMNS.map((column) => quote(column === 'record' ? kind : (cells[column] ?? null))).join(
        ',',
      ),
    );
  };
  const text = (value: string) => escapeFormula(value);

  emit('file', { formatVersion: file.formatVersion });
  emit('organisation', file.organisation);
  for (const person of file.people) emit('person', person);
  for (const team of file.teams) {
    emit('team', team);
    for (const email of team.leads)
      emit('team_lead', {}, { team: text(team.name), email: text(email) });
    for (const email of team.members)
      emit('team_member', {}, { team: text(team.name), email: text(email) });
  }
  for (const entry of file.roles ?? []) {
    for (const role of entry.roles) emit('role', entry, { role: text(role) });
  }
  emit('cycle', file.cycle);
  for (const objective of file.objectives) {
    emit('objective', objective);
    const objectiveId = text(objective.id);
    for (const parent of objective.parents)
      emit('alignment', {}, { objective: objectiveId, parent: text(parent) });
    for (const email of objective.readers)
      emit('reader', {}, { objective: objectiveId, email: text(email) });
    for (const team of objective.contributingTeams) {
      emit('contributing_team', {}, { objective: objectiveId, team: text(team) });
    }
    for (const tag of objective.tags) emit('tag', {}, { objective: objectiveId, tag: text(tag) });
    for (const keyResult of objective.keyResults) {
      emit('key_result', keyResult, { objective: objectiveId });
      const keyResultId = { key_result: text(keyResult.id) };
      for (const initiative of keyResult.initiatives) emit('initiative', initiative, keyResultId);
      for (const checkIn of keyResult.checkIns) emit('check_in', checkIn, keyResultId);
      for (const dependency of keyResult.dependsOn) emit('dependency', dependency, keyResultId);
    }
  }
  for (const comment of file.comments ?? []) emit('comment', comment);
  return `${lines.join('\n')}\n`;
}

// ---- reading ------------------------------------------------------------------------------

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const [LF, CR, QUOTE] = [0x0a, 0x0d, 0x22];

/** The delimiters a CSV may use: a comma (cycle files), a semicolon or a tab (spreadsheets). */
export type CsvDelimiter = ',' | ';' | '\t';

/**
 * Splits CSV text (RFC 4180, cells split by `delimiter`; `\n`, `\r\n` or `\r` line ends; an optional UTF-8 BOM) into rows of
 * cells, keeping whether each cell was quoted and the line each row starts on, counted as an
 * editor counts them. Written here rather than with csv-parse: telling `""` from an empty cell
 * there needs its `cast` hook, which makes parsing about ten times slower.
 */
export function splitCsvRows(content: string, delimiter: CsvDelimiter = ','): LinedRecord[] {
  const separator = delimiter.charCodeAt(0);
  const ends = `${delimiter}\r\n`;
  const text = content.startsWith('\uFEFF') ? content.slice(1) : content;
  const rows: LinedRecord[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const rowLine = line;
    const values: string[] = [];
    let quotedEmpty: number[] | null = null;
    for (;;) {
      if (text[i] === '"') {
        let value = '';
        let from = i + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close < 0) {
            throw new CsvSyntaxError(
              rowLine,
              'a quoted cell that starts on this row is never closed',
            );
          }
          const piece = text.slice(from, close);
          value += piece;
          line += lineBreaks(piece);
          if (text[close + 1] === '"') {
            value += '"';
            from = close + 2;
            continue;
          }
          i = close + 1;
          break;
        }
        if (i < text.length && !ends.includes(text[i] as string)) {
          throw new CsvSyntaxError(
            line,
            'text after the closing quote of a cell (double the quotes inside a quoted cell)',
          );
        }
        if (value === '') (quotedEmpty ??= []).push(values.length);
        values.push(value);
      } else {
        let end = i;
        let quote = false;
        for (; end < text.length; end++) {
          const code = text.charCodeAt(end);
          if (code === separator || code === LF || code === CR) break;
          if (code === QUOTE) quote = true;
        }
        if (quote) {
          throw new CsvSyntaxError(
            line,
            'a quote inside an unquoted cell (quote the whole cell and double the quotes in it)',
          );
        }
        values.push(end === i ? '' : text.slice(i, end));
        i = end;
      }
      if (text[i] === delimiter) {
        i++;
        continue;
      }
      // The end of the row: a line break or the end of the text.
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    const blank = values.length === 1 && values[0] === '' && quotedEmpty === null;
    if (!blank) rows.push({ values, quotedEmpty, line: rowLine });
  }
  return rows;
}

function lineBreaks(text: string): number {
  if (!text.includes('\n') && !text.includes('\r')) return 0;
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

/**
 * Parses CSV text into a (not yet validated) cycle document. Broken CSV syntax and rows that do
 * not fit together (an unknown record kind, a key result of an objective that has no row, ...)
 * are an `import_invalid` error naming every such line.
 */
export function readCycleCsv(content: string): ReadDocument {
  let rows: LinedRecord[];
  try {
    rows = splitCsvRows(content);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw new AppError('import_invalid', 'The file is not valid CSV; nothing was imported.', [
      { path: `line ${error.line}`, message: error.message },
    ]);
  }
  return new CsvReader(rows).read();
}
