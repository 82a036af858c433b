/**
 * The records of the CSV cycle file: its columns, which record uses which column for which
 * field, and how one value becomes one cell and back (see ./csv.ts for the format as a whole).
 */

// prettier-ignore
export const CSV_COLUMNS = [
  'record', 'format_version', 'id', 'objective', 'key_result', 'slug', 'name', 'email', 'title',
  'level', 'kind', 'direction', 'status', 'visibility', 'team', 'parent', 'role', 'tag', 'owner',
  'author', 'rationale', 'mission', 'vision', 'currency', 'start', 'target', 'current', 'unit',
  'weight', 'position', 'value', 'confidence', 'score', 'include_children', 'contributes_to',
  'carried_from', 'depends_on', 'note', 'source', 'body', 'start_date', 'end_date', 'due_date', 'needed_by',
  'created_at', 'updated_at',
] as const;
export type Column = (typeof CSV_COLUMNS)[number];

export type CellType = 'text' | 'nullable-text' | 'number' | 'nullable-number' | 'boolean';
/** A document field, its column and how its cell is written. */
type Field = readonly [field: string, column: Column, type: CellType];

export interface RecordSpec {
  /** The column naming the entity this record belongs to. */
  ref?: 'team' | 'objective' | 'key_result';
  fields: readonly Field[];
  /** For records that are one item of a list of plain values: the column holding the item. */
  value?: Column;
}

const created: Field = ['createdAt', 'created_at', 'text'];
const updated: Field = ['updatedAt', 'updated_at', 'text'];

const RECORDS = {
  file: { fields: [['formatVersion', 'format_version', 'number']] },
  organisation: {
    fields: [
      ['slug', 'slug', 'text'],
      ['name', 'name', 'text'],
      ['mission', 'mission', 'nullable-text'],
      ['vision', 'vision', 'nullable-text'],
    ],
  },
  person: {
    fields: [
      ['email', 'email', 'text'],
      ['name', 'name', 'text'],
    ],
  },
  team: {
    fields: [
      ['name', 'name', 'text'],
      ['parent', 'parent', 'nullable-text'],
    ],
  },
  team_lead: { ref: 'team', fields: [], value: 'email' },
  team_member: { ref: 'team', fields: [], value: 'email' },
  role: { fields: [['email', 'email', 'text']], value: 'role' },
  cycle: {
    fields: [
      ['id', 'id', 'text'],
      ['name', 'name', 'text'],
      ['startDate', 'start_date', 'text'],
      ['endDate', 'end_date', 'text'],
      ['status', 'status', 'text'],
    ],
  },
  objective: {
    fields: [
      ['id', 'id', 'text'],
      ['level', 'level', 'text'],
      ['title', 'title', 'text'],
      ['rationale', 'rationale', 'nullable-text'],
      ['owner', 'owner', 'nullable-text'],
      ['team', 'team', 'nullable-text'],
      ['visibility', 'visibility', 'text'],
      ['status', 'status', 'text'],
      ['includeChildren', 'include_children', 'boolean'],
      ['score', 'score', 'nullable-number'],
      ['carriedFrom', 'carried_from', 'nullable-text'],
      created,
      updated,
    ],
  },
  alignment: { ref: 'objective', fields: [], value: 'parent' },
  reader: { ref: 'objective', fields: [], value: 'email' },
  contributing_team: { ref: 'objective', fields: [], value: 'team' },
  tag: { ref: 'objective', fields: [], value: 'tag' },
  key_result: {
    ref: 'objective',
    fields: [
      ['id', 'id', 'text'],
      ['title', 'title', 'text'],
      ['kind', 'kind', 'text'],
      ['direction', 'direction', 'text'],
      ['currency', 'currency', 'nullable-text'],
      ['start', 'start', 'number'],
      ['target', 'target', 'nullable-number'],
      ['current', 'current', 'number'],
      ['unit', 'unit', 'nullable-text'],
      ['weight', 'weight', 'number'],
      ['owner', 'owner', 'nullable-text'],
      ['contributesTo', 'contributes_to', 'nullable-text'],
      ['position', 'position', 'number'],
      ['confidence', 'confidence', 'nullable-number'],
      ['score', 'score', 'nullable-number'],
      created,
      updated,
    ],
  },
  initiative: {
    ref: 'key_result',
    fields: [
      ['id', 'id', 'text'],
      ['title', 'title', 'text'],
      ['owner', 'owner', 'nullable-text'],
      ['status', 'status', 'text'],
      ['dueDate', 'due_date', 'nullable-text'],
      created,
    ],
  },
  check_in: {
    ref: 'key_result',
    fields: [
      ['id', 'id', 'text'],
      ['value', 'value', 'number'],
      ['confidence', 'confidence', 'nullable-number'],
      ['note', 'note', 'nullable-text'],
      ['author', 'author', 'nullable-text'],
      ['source', 'source', 'text'],
      created,
    ],
  },
  dependency: {
    ref: 'key_result',
    fields: [
      ['id', 'id', 'text'],
      ['keyResult', 'depends_on', 'text'],
      ['note', 'note', 'nullable-text'],
      ['neededBy', 'needed_by', 'nullable-text'],
      ['status', 'status', 'text'],
      created,
    ],
  },
  comment: {
    fields: [
      ['id', 'id', 'text'],
      ['objective', 'objective', 'nullable-text'],
      ['keyResult', 'key_result', 'nullable-text'],
      ['author', 'author', 'nullable-text'],
      ['body', 'body', 'text'],
      created,
    ],
  },
} as const satisfies Record<string, RecordSpec>;

export type CsvRecordKind = keyof typeof RECORDS;
export const RECORD_KINDS = Object.keys(RECORDS) as CsvRecordKind[];

export function specOf(kind: CsvRecordKind): RecordSpec {
  return RECORDS[kind];
}

export function columnsOf(kind: CsvRecordKind): Set<Column> {
  const spec = specOf(kind);
  const columns = new Set<Column>(['record']);
  if (spec.ref) columns.add(spec.ref);
  for (const [, column] of spec.fields) columns.add(column);
  if (spec.value) columns.add(spec.value);
  return columns;
}

/** Starts like a spreadsheet formula once any leading quotes are set aside. */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA_START = /^'+[=+\-@\t\r]/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** Prefixes one `'` to text a spreadsheet would run as a formula (see the file comment). */
export function escapeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Exactly undoes {@link escapeFormula}. */
export function unescapeFormula(value: string): string {
  return ESCAPED_FORMULA_START.test(value) ? value.slice(1) : value;
}

/** A cell's text before CSV quoting; `null` is the empty unquoted cell. */
export function encodeCell(type: CellType, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  // The document's types put strings in text fields and numbers in numeric ones.
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number'
        ? String(value)
        : JSON.stringify(value);
  switch (type) {
    case 'text':
    case 'nullable-text':
      return escapeFormula(text);
    case 'number':
    case 'nullable-number':
      return text;
    case 'boolean':
      return value === true ? 'true' : 'false';
  }
}

export interface Cell {
  value: string;
  quoted: boolean;
}

/**
 * A cell's value in the document. Cells that do not read as their type are passed on as text,
 * so that validation names the field and the bad value.
 */
export function decodeCell(type: CellType, cell: Cell): unknown {
  const empty = cell.value === '' && !cell.quoted;
  switch (type) {
    case 'text':
      return unescapeFormula(cell.value);
    case 'nullable-text':
      return empty ? null : unescapeFormula(cell.value);
    case 'number':
    case 'nullable-number':
      if (empty) return type === 'number' ? undefined : null;
      return NUMBER.test(cell.value) ? Number(cell.value) : cell.value;
    case 'boolean':
      if (empty) return undefined;
      return cell.value === 'true' ? true : cell.value === 'false' ? false : cell.value;
  }
}

export function quote(value: string | null): string {
  if (value === null) return '';
  if (value === '') return '""';
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
