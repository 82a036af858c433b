/**
 * Importing OKRs from the spreadsheets people keep them in: one row per key result, with the
 * objective's title, level, team and owner repeated on each of its rows. The pure part: which
 * delimiter and whether a header row, which column holds which field (proposed from the header
 * names), reading each row into an objective and a key result or into the reasons it cannot be
 * taken, and grouping the rows taken into objectives. Looking people and teams up and judging
 * permissions is the service's part (src/services/imports/).
 */
import { IMPORT_FIELDS, type ImportField, type RejectionCode } from '../contracts/api/imports.ts';

export { IMPORT_FIELDS, type ImportField, type RejectionCode };

/** Without these columns no row could be taken. */
export const REQUIRED_FIELDS: readonly ImportField[] = ['objective', 'keyResult', 'target'];

/** Field → the name of the column holding it (a header, or "Column C" without a header row). */
export type ColumnMapping = Partial<Record<ImportField, string>>;

export interface RowProblem {
  code: RejectionCode;
  message: string;
}

export type ImportLevel = 'company' | 'team' | 'individual';

/** One row read: the objective it belongs to and its key result. */
export interface SheetRow {
  line: number;
  objective: {
    title: string;
    rationale: string | null;
    level: ImportLevel;
    team: string | null;
    owner: string | null;
  };
  keyResult: {
    title: string;
    /** The key result's own owner column; null when empty or not mapped. */
    owner: string | null;
    start: number;
    target: number;
    current: number;
    unit: string | null;
  };
}

export type ReadRow =
  { ok: true; row: SheetRow } | { ok: false; line: number; problems: RowProblem[] };

/** The names a column holding each field is often given (compared after `normaliseHeader`). */
const HEADER_NAMES: Record<ImportField, readonly string[]> = {
  objective: ['objective', 'objective title', 'objective name', 'goal', 'o'],
  rationale: ['rationale', 'description', 'objective description', 'why', 'context'],
  level: ['level', 'objective level', 'type', 'scope'],
  team: ['team', 'team name', 'department', 'squad', 'group'],
  owner: [
    'owner',
    'owner email',
    'owner e mail',
    'objective owner',
    'email',
    'e mail',
    'accountable',
  ],
  keyResult: [
    'key result',
    'kr',
    'key result title',
    'key results',
    'result',
    'metric',
    'measure of success',
  ],
  keyResultOwner: ['key result owner', 'kr owner', 'kr owner email', 'key result owner email'],
  start: ['start', 'start value', 'baseline', 'from', 'initial', 'initial value'],
  target: ['target', 'target value', 'to', 'goal value'],
  current: ['current', 'current value', 'actual', 'value', 'now', 'progress'],
  unit: ['unit', 'units', 'uom', 'unit of measure'],
};

export const MAX_TITLE = 200;
export const MAX_UNIT = 30;
export const MAX_RATIONALE = 5000;

/** Lower case, letters and digits only, words separated by one space. */
export function normaliseHeader(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The delimiter of a sheet: the one of tab, semicolon and comma that occurs most often outside
 * quotes on its first line (a comma when none does).
 */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of text.startsWith('\uFEFF') ? text.slice(1) : text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && (char === ',' || char === ';' || char === '\t')) counts[char]++;
  }
  const best = (['\t', ';', ','] as const).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  return counts[best] > 0 ? best : ',';
}

/**
 * Whether the first row names the columns: every cell is filled, none is a number, and no name
 * appears twice. A sheet whose first row holds data gets columns named "Column A", "Column B"...
 */
export function looksLikeHeader(first: readonly string[]): boolean {
  const names = first.map((cell) => cell.trim());
  if (names.length === 0 || names.some((name) => name === '' || parseSheetNumber(name) !== null))
    return false;
  return new Set(names.map((name) => name.toLowerCase())).size === names.length;
}

/** "Column A" ... "Column Z", "Column AA" ...: what a column is called in a sheet without a header. */
export function columnLetterName(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `Column ${letters}`;
}

/**
 * Proposes which column holds each field from the column names: first the exact names a field
 * is known by, then a column whose name contains one of them (longest names first, so "KR owner"
 * goes to the key result's owner rather than the objective's). Each column serves one field.
 */
export function proposeMapping(columns: readonly string[]): ColumnMapping {
  const normalised = columns.map(normaliseHeader);
  const taken = new Set<number>();
  const mapping: ColumnMapping = {};
  const assign = (field: ImportField, index: number) => {
    mapping[field] = columns[index];
    taken.add(index);
  };
  for (const field of IMPORT_FIELDS) {
    const index = normalised.findIndex(
      (name, i) => !taken.has(i) && HEADER_NAMES[field].includes(name),
    );
    if (index >= 0) assign(field, index);
  }
  const candidates = IMPORT_FIELDS.flatMap((field) =>
    HEADER_NAMES[field].filter((name) => name.length > 2).map((name) => ({ field, name })),
  ).sort((a, b) => b.name.length - a.name.length);
  for (const { field, name } of candidates) {
    if (mapping[field] !== undefined) continue;
    const index = normalised.findIndex(
      (column, i) => !taken.has(i) && ` ${column} `.includes(` ${name} `),
    );
    if (index >= 0) assign(field, index);
  }
  return mapping;
}

/**
 * A number as spreadsheets write it: `1200`, `-3.5`, `1,5` (decimal comma), `1,200.50`,
 * `1 200`, `45%`, `$1,000`; null when the text is not one.
 */
export function parseSheetNumber(text: string): number | null {
  let s = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  s = s.replace(/^([-+]?)[$€£¥]/u, '$1').replace(/%$/, '');
  if (s.includes(',') && s.includes('.')) s = s.replace(/,/g, '');
  else if (/^[-+]?\d{1,3}(,\d{3})+$/.test(s)) s = s.replace(/,/g, '');
  else s = s.replace(',', '.');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  const value = Number(s);
  return Number.isFinite(value) ? value : null;
}

const LEVEL_NAMES: Record<string, ImportLevel> = {
  company: 'company',
  organisation: 'company',
  organization: 'company',
  org: 'company',
  team: 'team',
  department: 'team',
  individual: 'individual',
  personal: 'individual',
  person: 'individual',
};

/** The level a cell names; an empty cell means team when a team is given, else individual. */
export function parseLevel(text: string, team: string | null): ImportLevel | null {
  const name = normaliseHeader(text);
  if (name === '') return team === null ? 'individual' : 'team';
  return LEVEL_NAMES[name] ?? null;
}

/** The key under which rows belong to the same objective: its title, level and team. */
export function objectiveKey(objective: SheetRow['objective']): string {
  return [
    objective.title.toLowerCase(),
    objective.level,
    (objective.team ?? '').toLowerCase(),
  ].join('\u0000');
}

/**
 * Reads the data rows with a mapping. A row is taken apart into its objective and key result, or
 * rejected with every reason found in it alone: a missing or too long title, a value that is not
 * a number, a target equal to the start, an unknown level, a key result its objective already has
 * (a duplicate of an earlier row). Cells past the end of a short row count as empty.
 */
export function readSheetRows(
  columns: readonly string[],
  rows: readonly { line: number; values: readonly string[] }[],
  mapping: ColumnMapping,
): ReadRow[] {
  const indexOf = new Map(columns.map((name, index) => [name, index]));
  const seen = new Map<string, number>();
  return rows.map(({ line, values }): ReadRow => {
    const cell = (field: ImportField): string => {
      const column = mapping[field];
      const index = column === undefined ? undefined : indexOf.get(column);
      return index === undefined ? '' : (values[index] ?? '').trim();
    };
    const problems: RowProblem[] = [];
    const text = (
      field: ImportField,
      label: string,
      max: number,
      required: boolean,
    ): string | null => {
      const value = cell(field);
      if (value === '') {
        if (required) problems.push({ code: 'missing_title', message: `the ${label} is empty` });
        return null;
      }
      if (value.length > max)
        problems.push({
          code: 'too_long',
          message: `the ${label} is longer than ${max} characters`,
        });
      return value;
    };
    const number = (field: ImportField, label: string, fallback: number | null): number | null => {
      const value = cell(field);
      if (value === '') {
        if (fallback === null)
          problems.push({ code: 'not_a_number', message: `the ${label} is empty` });
        return fallback;
      }
      const parsed = parseSheetNumber(value);
      if (parsed === null)
        problems.push({ code: 'not_a_number', message: `the ${label} '${value}' is not a number` });
      return parsed;
    };
    const objectiveTitle = text('objective', 'objective title', MAX_TITLE, true);
    const rationale = text('rationale', 'rationale', MAX_RATIONALE, false);
    const team = text('team', 'team', MAX_TITLE, false);
    const owner = text('owner', 'owner e-mail', 320, false);
    const levelText = cell('level');
    const level = parseLevel(levelText, team);
    if (level === null) {
      problems.push({
        code: 'unknown_level',
        message: `the level '${levelText}' is not company, team or individual`,
      });
    }
    const keyResultTitle = text('keyResult', 'key result title', MAX_TITLE, true);
    const keyResultOwner = text('keyResultOwner', 'key result owner e-mail', 320, false);
    const start = number('start', 'start', 0);
    const target = number('target', 'target', null);
    const current = number('current', 'current value', start ?? 0);
    const unit = text('unit', 'unit', MAX_UNIT, false);
    if (start !== null && target !== null && start === target) {
      problems.push({
        code: 'target_equals_start',
        message: `the target equals the start (${start}); nothing would be measured`,
      });
    }
    if (
      problems.length > 0 ||
      objectiveTitle === null ||
      level === null ||
      keyResultTitle === null ||
      start === null ||
      target === null ||
      current === null
    ) {
      return { ok: false, line, problems };
    }
    const row: SheetRow = {
      line,
      objective: { title: objectiveTitle, rationale, level, team, owner },
      keyResult: { title: keyResultTitle, owner: keyResultOwner, start, target, current, unit },
    };
    const key = `${objectiveKey(row.objective)}\u0000${keyResultTitle.toLowerCase()}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      return {
        ok: false,
        line,
        problems: [
          {
            code: 'duplicate',
            message: `the same key result of the same objective is on line ${earlier}`,
          },
        ],
      };
    }
    seen.set(key, line);
    return { ok: true, row };
  });
}

/** The rows taken, grouped into objectives in the order they first appear. */
export function groupByObjective<R extends { row: SheetRow }>(
  taken: readonly R[],
): { key: string; rows: R[] }[] {
  const groups = new Map<string, R[]>();
  for (const item of taken) {
    const key = objectiveKey(item.row.objective);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups].map(([key, rows]) => ({ key, rows }));
}
