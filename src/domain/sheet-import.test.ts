import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  columnLetterName,
  detectDelimiter,
  groupByObjective,
  looksLikeHeader,
  parseSheetNumber,
  proposeMapping,
  readSheetRows,
  type ColumnMapping,
} from './sheet-import.ts';

const COLUMNS = [
  'Objective',
  'Level',
  'Team',
  'Owner',
  'Key Result',
  'Start',
  'Target',
  'Current',
  'Unit',
];
const MAPPING: ColumnMapping = {
  objective: 'Objective',
  level: 'Level',
  team: 'Team',
  owner: 'Owner',
  keyResult: 'Key Result',
  start: 'Start',
  target: 'Target',
  current: 'Current',
  unit: 'Unit',
};

describe('proposing a mapping from header names', () => {
  it('matches the names spreadsheets use', () => {
    expect(proposeMapping(COLUMNS)).toEqual(MAPPING);
    expect(
      proposeMapping([
        'OBJECTIVE TITLE',
        'KR',
        'KR owner e-mail',
        'Owner email',
        'Baseline',
        'Goal value',
        'Actual',
        'Department',
      ]),
    ).toEqual({
      objective: 'OBJECTIVE TITLE',
      keyResult: 'KR',
      keyResultOwner: 'KR owner e-mail',
      owner: 'Owner email',
      start: 'Baseline',
      target: 'Goal value',
      current: 'Actual',
      team: 'Department',
    });
  });

  it('never gives one column (names are unique, as a header row has them) to two fields, and only names columns of the sheet', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.oneof(
            fc.constantFrom(...COLUMNS, 'KR owner', 'Target value', 'Notes', 'Objective owner'),
            fc.string(),
          ),
          { maxLength: 12 },
        ),
        (columns) => {
          const mapping = proposeMapping(columns);
          const used = Object.values(mapping);
          expect(new Set(used).size).toBe(used.length);
          for (const column of used) expect(columns).toContain(column);
        },
      ),
    );
  });
});

describe('reading the sheet', () => {
  it('detects the delimiter from the first line, outside quotes', () => {
    expect(detectDelimiter('a,b,c\n1;2;3;4')).toBe(',');
    expect(detectDelimiter('\uFEFFa;b;"c,d,e"\n')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('single')).toBe(',');
  });

  it('tells a header row from data', () => {
    expect(looksLikeHeader(['Objective', 'Target'])).toBe(true);
    expect(looksLikeHeader(['Grow', '100'])).toBe(false);
    expect(looksLikeHeader(['Objective', ''])).toBe(false);
    expect(looksLikeHeader(['A', 'a'])).toBe(false);
  });

  it('names columns as spreadsheets do without a header', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(columnLetterName)).toEqual([
      'Column A',
      'Column B',
      'Column Z',
      'Column AA',
      'Column AB',
      'Column ZZ',
      'Column AAA',
    ]);
  });

  it('reads numbers as spreadsheets write them', () => {
    const cases: [string, number | null][] = [
      ['1200', 1200],
      ['-3.5', -3.5],
      ['1,5', 1.5],
      ['1,200', 1200],
      ['1,200.50', 1200.5],
      ['1 200', 1200],
      ['45%', 45],
      ['$1,000', 1000],
      ['.5', 0.5],
      ['ten', null],
      ['', null],
      ['1.2.3', null],
      ['Infinity', null],
    ];
    for (const [text, value] of cases) expect(parseSheetNumber(text), text).toBe(value);
  });

  it('any finite number written with String() reads back', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !String(n).includes('e')),
        (n) => {
          expect(parseSheetNumber(String(n))).toBe(n === 0 ? 0 : n);
        },
      ),
    );
  });
});

const row = (values: Partial<Record<string, string>>) => COLUMNS.map((c) => values[c] ?? '');

describe('reading rows', () => {
  it('names every reason a row cannot be taken', () => {
    const rows = [
      {
        line: 2,
        values: row({
          Objective: 'Grow',
          'Key Result': 'Signups',
          Start: '10',
          Target: 'lots',
          Current: 'x',
        }),
      },
      { line: 3, values: row({ Objective: '', 'Key Result': '', Target: '5' }) },
      {
        line: 4,
        values: row({ Objective: 'Grow', 'Key Result': 'Churn', Start: '5', Target: '5' }),
      },
      {
        line: 5,
        values: row({ Objective: 'Grow', Level: 'galaxy', 'Key Result': 'NPS', Target: '50' }),
      },
      { line: 6, values: row({ Objective: 'x'.repeat(201), 'Key Result': 'NPS', Target: '50' }) },
    ];
    const read = readSheetRows(COLUMNS, rows, MAPPING);
    const codes = read.map((r) => (r.ok ? [] : r.problems.map((p) => p.code)));
    expect(codes).toEqual([
      ['not_a_number', 'not_a_number'],
      ['missing_title', 'missing_title'],
      ['target_equals_start'],
      ['unknown_level'],
      ['too_long'],
    ]);
  });

  it('rejects the second row of the same key result of the same objective as a duplicate', () => {
    const rows = [2, 3, 4].map((line) => ({
      line,
      values: row({
        Objective: 'Grow',
        Team: line === 4 ? 'Sales' : 'Growth',
        'Key Result': 'Signups',
        Target: '5',
      }),
    }));
    const read = readSheetRows(COLUMNS, rows, MAPPING);
    expect(read.map((r) => r.ok)).toEqual([true, false, true]);
    const second = read[1];
    expect(second?.ok === false && second.problems).toEqual([
      { code: 'duplicate', message: 'the same key result of the same objective is on line 2' },
    ]);
  });

  it('a well-formed generated sheet: every row is taken or rejected, and the groups hold exactly the rows taken', () => {
    const cell = fc.oneof(
      fc.constantFrom('', '10', '1,5', 'abc', 'Growth', 'team', 'company'),
      fc.string({ maxLength: 8 }),
    );
    const sheet = fc.array(
      fc.record({
        objective: fc.constantFrom('Grow', 'Retain', '', 'Delight'),
        team: fc.constantFrom('', 'Growth', 'Sales'),
        level: fc.constantFrom('', 'team', 'individual', 'company', 'bogus'),
        keyResult: fc.constantFrom('A', 'B', 'C', ''),
        start: cell,
        target: cell,
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(sheet, (generated) => {
        const rows = generated.map((g, i) => ({
          line: i + 2,
          values: row({
            Objective: g.objective,
            Team: g.team,
            Level: g.level,
            'Key Result': g.keyResult,
            Start: g.start,
            Target: g.target,
          }),
        }));
        const read = readSheetRows(COLUMNS, rows, MAPPING);
        expect(read).toHaveLength(rows.length);
        const taken = read.flatMap((r) => (r.ok ? [{ row: r.row }] : []));
        for (const r of read) if (!r.ok) expect(r.problems.length).toBeGreaterThan(0);
        const groups = groupByObjective(taken);
        expect(groups.reduce((n, g) => n + g.rows.length, 0)).toBe(taken.length);
        for (const g of groups) {
          const titles = g.rows.map((r) => r.row.keyResult.title.toLowerCase());
          expect(new Set(titles).size).toBe(titles.length);
          for (const r of g.rows) expect(r.row.keyResult.target).not.toBe(r.row.keyResult.start);
        }
      }),
    );
  });
});
