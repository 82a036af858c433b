import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCycleFile } from '../../../test/support/build-cycle-file.ts';
import { AppError } from '../../contracts/app-error.ts';
import { cycleFileSchema, type CycleFile } from '../../contracts/cycle-file.ts';
import { formatCycleCsv, readCycleCsv } from './csv.ts';
import { decodeCell, encodeCell, escapeFormula, unescapeFormula } from './csv-records.ts';

/** Any text the databases store: every code point but NUL. */
const text = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\u0000'));
const nonEmptyText = text.filter((s) => s.length > 0);

function roundTrip(file: CycleFile): CycleFile {
  const { document } = readCycleCsv(formatCycleCsv(file));
  return cycleFileSchema.parse(document);
}

describe('CSV cells', () => {
  it('formula escaping is undone exactly, and escaped text never starts like a formula', () => {
    fc.assert(
      fc.property(text, (value) => {
        const escaped = escapeFormula(value);
        expect(unescapeFormula(escaped)).toBe(value);
        expect(escaped).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
    expect(escapeFormula('=1+1')).toBe("'=1+1");
    expect(escapeFormula("'=1+1")).toBe("''=1+1");
    expect(escapeFormula("it's")).toBe("it's");
    expect(unescapeFormula("'plain")).toBe("'plain");
  });

  it('every finite number survives String(n) and back', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const cell = encodeCell('number', n) ?? '';
        expect(decodeCell('number', { value: cell, quoted: false })).toBe(n === 0 ? 0 : n);
      }),
    );
    expect(encodeCell('number', -5)).toBe('-5');
  });

  it('an empty cell is null, a quoted empty cell the empty string', () => {
    expect(decodeCell('nullable-text', { value: '', quoted: false })).toBeNull();
    expect(decodeCell('nullable-text', { value: '', quoted: true })).toBe('');
    expect(decodeCell('text', { value: '', quoted: false })).toBe('');
    expect(decodeCell('nullable-number', { value: '', quoted: false })).toBeNull();
    expect(decodeCell('number', { value: 'abc', quoted: false })).toBe('abc');
  });
});

describe('the CSV cycle file', () => {
  it('round-trips any text and any finite numbers exactly', () => {
    const { file, ids } = buildCycleFile();
    fc.assert(
      fc.property(
        fc.record({
          title: nonEmptyText,
          rationale: fc.option(text),
          personName: text,
          teamName: nonEmptyText,
          tags: fc.uniqueArray(nonEmptyText, { maxLength: 4 }),
          note: fc.option(text),
          unit: fc.option(text),
          body: text,
          start: fc.double({ noNaN: true, noDefaultInfinity: true }),
          current: fc.double({ noNaN: true, noDefaultInfinity: true }),
          target: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true })),
        }),
        (values) => {
          const changed = structuredClone(file);
          const revenue = changed.objectives.find((o) => o.id === ids.objectives.revenue);
          const customers = revenue?.keyResults.find((k) => k.id === ids.keyResults.customers);
          const team = changed.teams.find((t) => t.name === 'Platform');
          if (!revenue || !customers || !team || !changed.people[0] || !changed.comments?.[0]) {
            throw new Error('builder changed');
          }
          revenue.title = values.title;
          revenue.rationale = values.rationale;
          revenue.tags = values.tags;
          changed.people[0].name = values.personName;
          // Only the shape is checked here, so references need not stay consistent.
          team.name = values.teamName;
          customers.unit = values.unit;
          customers.start = values.start === 0 ? 0 : values.start;
          customers.current = values.current === 0 ? 0 : values.current;
          customers.target = values.target === 0 ? 0 : values.target;
          if (customers.checkIns[0]) customers.checkIns[0].note = values.note;
          changed.comments[0].body = values.body;
          const canonical = cycleFileSchema.parse(changed);
          expect(roundTrip(canonical)).toEqual(canonical);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('names the line of every row that does not fit', () => {
    const csv = formatCycleCsv(buildCycleFile().file);
    const [header = ''] = csv.split('\n');
    const width = header.split(',').length;
    const error = (() => {
      try {
        readCycleCsv(`${csv}mystery${','.repeat(width - 1)}\nperson,1\n`);
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    const lines = csv.split('\n').length;
    expect((error as AppError).errors).toEqual([
      {
        path: `line ${lines}`,
        message: expect.stringContaining("record 'mystery' is not one of") as string,
      },
      { path: `line ${lines + 1}`, message: `has 2 cells; the header has ${width}` },
    ]);
  });

  it('counts lines as an editor does, also across quoted line breaks', () => {
    const csv =
      'record,email,name\r\nperson,a@x.example,"two\r\nlines"\r\nperson,b@x.example,\r\nbogus,,\r\n';
    expect(() => readCycleCsv(csv)).toThrowError(AppError);
    try {
      readCycleCsv(csv);
    } catch (e) {
      expect((e as AppError).errors).toContainEqual({
        path: 'line 5',
        message: expect.stringContaining("record 'bogus'") as string,
      });
    }
  });

  it('reports broken quoting at the row where it starts', () => {
    try {
      readCycleCsv('record,email,name\nperson,a@x.example,"unclosed\nperson,b@x.example,b\n');
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).errors).toEqual([
        { path: 'line 2', message: 'a quoted cell that starts on this row is never closed' },
      ]);
    }
  });
});
