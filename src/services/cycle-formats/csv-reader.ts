/**
 * Reading the rows of a CSV cycle file into a cycle document: records are put where they belong
 * (a key result under its objective, a check-in under its key result), and each entity's JSON
 * path is remembered with its line, so that later problems are named by line and column.
 */
import { AppError, type FieldError } from '../../contracts/app-error.ts';
import {
  CSV_COLUMNS,
  RECORD_KINDS,
  columnsOf,
  decodeCell,
  specOf,
  unescapeFormula,
  type Cell,
  type Column,
  type CsvRecordKind,
} from './csv-records.ts';
import { jsonLocator, problems, withLabel, type IssueLocator, type PathSegment } from './issues.ts';
import type { ReadDocument } from './json.ts';

export interface LinedRecord {
  /** The cells' text. */
  values: string[];
  /** Indexes of the cells written as `""` (an empty string rather than nothing); often none. */
  quotedEmpty: number[] | null;
  /** The line the record starts on. */
  line: number;
}

type Loose = Record<string, unknown>;

/** Where each entity of the document came from: its path → line and record kind. */
type SourceMap = Map<string, { line: number; kind: CsvRecordKind }>;

export class CsvReader {
  private readonly errors: FieldError[] = [];
  private readonly sources: SourceMap = new Map();
  private header: (Column | undefined)[] = [];
  private readonly columnIndex = new Map<Column, number>();

  private file: Loose | undefined;
  private organisation: Loose | undefined;
  private cycle: Loose | undefined;
  private readonly people: Loose[] = [];
  private readonly teams: Loose[] = [];
  private readonly teamIndex = new Map<string, number>();
  private readonly roles: { email: unknown; roles: unknown[] }[] = [];
  private readonly roleIndex = new Map<unknown, number>();
  private readonly objectives: Loose[] = [];
  private readonly objectiveIndex = new Map<unknown, number>();
  private readonly keyResultIndex = new Map<unknown, Loose>();
  private readonly keyResultPath = new Map<unknown, PathSegment[]>();
  private readonly comments: Loose[] = [];

  constructor(private readonly records: LinedRecord[]) {}

  read(): ReadDocument {
    const [headerRecord, ...rows] = this.records;
    if (headerRecord === undefined) {
      throw new AppError('import_invalid', 'The CSV file is empty; nothing was imported.', [
        { path: 'line 1', message: 'expected a header row naming the columns' },
      ]);
    }
    this.readHeader(headerRecord);
    const withLines = rows.map((row) => ({ row, line: row.line }));
    // Objectives and key results first, so rows may refer to entities further down the file.
    const order: CsvRecordKind[][] = [
      ['file', 'organisation', 'person', 'team', 'role', 'cycle', 'objective', 'comment'],
      ['team_lead', 'team_member', 'alignment', 'reader', 'contributing_team', 'tag', 'key_result'],
      ['initiative', 'check_in', 'dependency'],
    ];
    const kinds = new Map<LinedRecord, CsvRecordKind>();
    for (const { row, line } of withLines) {
      const kind = this.checkRow(row, line);
      if (kind) kinds.set(row, kind);
    }
    for (const pass of order) {
      for (const { row, line } of withLines) {
        const kind = kinds.get(row);
        if (kind && pass.includes(kind)) this.readRow(kind, row, line);
      }
    }
    for (const [name, value] of [
      ['file', this.file],
      ['organisation', this.organisation],
      ['cycle', this.cycle],
    ] as const) {
      if (value === undefined) this.errors.push({ path: 'file', message: `has no ${name} row` });
    }
    if (this.errors.length > 0) {
      const sorted = [...this.errors].sort((a, b) => lineOf(a) - lineOf(b));
      throw new AppError(
        'import_invalid',
        `The CSV file has ${problems(sorted.length)}; nothing was imported.`,
        sorted,
      );
    }
    const document = {
      ...this.file,
      organisation: this.organisation,
      people: this.people,
      teams: this.teams,
      roles: this.roles,
      cycle: this.cycle,
      objectives: this.objectives,
      comments: this.comments,
    };
    return { document, locator: this.locator() };
  }

  private readHeader(record: LinedRecord): void {
    const line = record.line;
    const seen = new Set<string>();
    this.header = record.values.map((value, index) => {
      const name = value.trim();
      if (seen.has(name))
        this.errors.push({ path: `line ${line}`, message: `column '${name}' appears twice` });
      seen.add(name);
      if ((CSV_COLUMNS as readonly string[]).includes(name)) {
        if (!this.columnIndex.has(name as Column)) this.columnIndex.set(name as Column, index);
        return name as Column;
      }
      this.errors.push({
        path: `line ${line}`,
        message: `'${name}' is not a column of a cycle file`,
      });
      return undefined;
    });
    if (!seen.has('record')) {
      throw new AppError(
        'import_invalid',
        'The CSV file has no record column; nothing was imported.',
        [
          {
            path: `line ${line}`,
            message: 'the first row must name the columns, starting with record',
          },
        ],
      );
    }
  }

  /** The row's kind, or undefined (with the problem noted) when the row cannot be read. */
  private checkRow(row: LinedRecord, line: number): CsvRecordKind | undefined {
    const where = `line ${line}`;
    if (row.values.length !== this.header.length) {
      this.errors.push({
        path: where,
        message: `has ${row.values.length} cells; the header has ${this.header.length}`,
      });
      return undefined;
    }
    const kind = this.cell(row, 'record').value;
    if (!(RECORD_KINDS as string[]).includes(kind)) {
      this.errors.push({
        path: where,
        message: `record '${kind}' is not one of ${RECORD_KINDS.join(', ')}`,
      });
      return undefined;
    }
    const own = columnsOf(kind as CsvRecordKind);
    this.header.forEach((column, index) => {
      if (column && !own.has(column) && (row.values[index] ?? '') !== '') {
        this.errors.push({
          path: where,
          message: `column ${column} does not apply to a ${kind} row`,
        });
      }
    });
    return kind as CsvRecordKind;
  }

  private cell(row: LinedRecord, column: Column): Cell {
    const index = this.columnIndex.get(column);
    if (index === undefined) return { value: '', quoted: false };
    return { value: row.values[index] ?? '', quoted: row.quotedEmpty?.includes(index) ?? false };
  }

  private fields(kind: CsvRecordKind, row: LinedRecord): Loose {
    const out: Loose = {};
    for (const [field, column, type] of specOf(kind).fields)
      out[field] = decodeCell(type, this.cell(row, column));
    return out;
  }

  private text(row: LinedRecord, column: Column): string {
    return unescapeFormula(this.cell(row, column).value);
  }

  private note(path: PathSegment[], line: number, kind: CsvRecordKind): void {
    this.sources.set(sourceKey(path), { line, kind });
  }

  private single(
    kind: 'file' | 'organisation' | 'cycle',
    row: LinedRecord,
    line: number,
  ): Loose | undefined {
    const existing =
      kind === 'file' ? this.file : kind === 'organisation' ? this.organisation : this.cycle;
    if (existing !== undefined) {
      this.errors.push({
        path: `line ${line}`,
        message: `a second ${kind} row; a cycle file has exactly one`,
      });
      return existing;
    }
    const value = this.fields(kind, row);
    this.note(kind === 'file' ? [] : [kind], line, kind);
    return value;
  }

  private readRow(kind: CsvRecordKind, row: LinedRecord, line: number): void {
    const where = `line ${line}`;
    switch (kind) {
      case 'file':
        this.file = this.single(kind, row, line);
        return;
      case 'organisation':
        this.organisation = this.single(kind, row, line);
        return;
      case 'cycle':
        this.cycle = this.single(kind, row, line);
        return;
      case 'person':
        this.note(['people', this.people.length], line, kind);
        this.people.push(this.fields(kind, row));
        return;
      case 'team': {
        const team: Loose = { ...this.fields(kind, row), leads: [], members: [] };
        if (typeof team.name === 'string' && !this.teamIndex.has(team.name))
          this.teamIndex.set(team.name, this.teams.length);
        this.note(['teams', this.teams.length], line, kind);
        this.teams.push(team);
        return;
      }
      case 'team_lead':
      case 'team_member': {
        const name = this.text(row, 'team');
        const index = this.teamIndex.get(name);
        if (index === undefined) {
          this.errors.push({ path: where, message: `team '${name}' has no team row` });
          return;
        }
        const list = (this.teams[index] as Loose)[
          kind === 'team_lead' ? 'leads' : 'members'
        ] as unknown[];
        this.note(
          ['teams', index, kind === 'team_lead' ? 'leads' : 'members', list.length],
          line,
          kind,
        );
        list.push(this.text(row, 'email'));
        return;
      }
      case 'role': {
        const email = this.text(row, 'email');
        let index = this.roleIndex.get(email);
        if (index === undefined) {
          index = this.roles.length;
          this.roleIndex.set(email, index);
          this.note(['roles', index], line, kind);
          this.roles.push({ email, roles: [] });
        }
        const entry = this.roles[index] as { roles: unknown[] };
        this.note(['roles', index, 'roles', entry.roles.length], line, kind);
        entry.roles.push(this.text(row, 'role'));
        return;
      }
      case 'objective': {
        const objective: Loose = {
          ...this.fields(kind, row),
          contributingTeams: [],
          readers: [],
          tags: [],
          parents: [],
          keyResults: [],
        };
        if (!this.objectiveIndex.has(objective.id))
          this.objectiveIndex.set(objective.id, this.objectives.length);
        this.note(['objectives', this.objectives.length], line, kind);
        this.objectives.push(objective);
        return;
      }
      case 'alignment':
      case 'reader':
      case 'contributing_team':
      case 'tag': {
        const found = this.objectiveOf(row, where);
        if (!found) return;
        const listName = {
          alignment: 'parents',
          reader: 'readers',
          contributing_team: 'contributingTeams',
          tag: 'tags',
        }[kind];
        const list = found.objective[listName] as unknown[];
        this.note(['objectives', found.index, listName, list.length], line, kind);
        list.push(this.text(row, specOf(kind).value as Column));
        return;
      }
      case 'key_result': {
        const found = this.objectiveOf(row, where);
        if (!found) return;
        const keyResult: Loose = {
          ...this.fields(kind, row),
          initiatives: [],
          checkIns: [],
          dependsOn: [],
        };
        const list = found.objective.keyResults as unknown[];
        const path = ['objectives', found.index, 'keyResults', list.length];
        if (!this.keyResultIndex.has(keyResult.id)) {
          this.keyResultIndex.set(keyResult.id, keyResult);
          this.keyResultPath.set(keyResult.id, path);
        }
        this.note(path, line, kind);
        list.push(keyResult);
        return;
      }
      case 'initiative':
      case 'check_in':
      case 'dependency': {
        const id = this.text(row, 'key_result');
        const keyResult = this.keyResultIndex.get(id);
        const path = this.keyResultPath.get(id);
        if (!keyResult || !path) {
          this.errors.push({ path: where, message: `key_result '${id}' has no key_result row` });
          return;
        }
        const listName = {
          initiative: 'initiatives',
          check_in: 'checkIns',
          dependency: 'dependsOn',
        }[kind];
        const list = keyResult[listName] as unknown[];
        this.note([...path, listName, list.length], line, kind);
        list.push(this.fields(kind, row));
        return;
      }
      case 'comment':
        this.note(['comments', this.comments.length], line, kind);
        this.comments.push(this.fields(kind, row));
        return;
    }
  }

  private objectiveOf(
    row: LinedRecord,
    where: string,
  ): { objective: Loose; index: number } | undefined {
    const id = this.text(row, 'objective');
    const index = this.objectiveIndex.get(id);
    const objective = index === undefined ? undefined : this.objectives[index];
    if (index === undefined || objective === undefined) {
      this.errors.push({ path: where, message: `objective '${id}' has no objective row` });
      return undefined;
    }
    return { objective, index };
  }

  /** Names an issue by the line of the record it is in and the column of the field. */
  private locator(): IssueLocator {
    const sources = this.sources;
    return {
      locate(issue) {
        for (let length = issue.path.length; length >= 0; length--) {
          const source = sources.get(sourceKey(issue.path.slice(0, length)));
          if (!source) continue;
          const rest = issue.path.slice(length);
          const spec = specOf(source.kind);
          let column: string | undefined;
          if (rest.length === 0) column = spec.value;
          else if (typeof rest[0] === 'string') {
            const field = rest[0];
            column = spec.fields.find(([name]) => name === field)?.[1] ?? field;
          }
          return { path: `line ${source.line}`, message: withLabel(column, issue.problem) };
        }
        return jsonLocator.locate(issue);
      },
    };
  }
}

function lineOf(error: FieldError): number {
  return Number(/^line (\d+)/.exec(error.path)?.[1] ?? 0);
}

/** A cheap map key for a document path (field names never contain a slash). */
function sourceKey(path: readonly PathSegment[]): string {
  return path.join('/');
}
