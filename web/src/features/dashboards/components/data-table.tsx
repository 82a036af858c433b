/**
 * The champion's kind of table: sortable by any column, filterable by text (and optionally by one
 * choice), exportable to CSV, each row led by a link to the thing it counts. Sort, filter and how
 * many rows show live in the URL (prefixed by the table's `id`), so links and the back button
 * keep them.
 */
import { useId, useMemo, type ReactElement, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { NoMatchState } from '../../../components/list-filters.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { matchesWords, searchWords } from '../../../lib/list-filters.ts';
import { csvFileName, toCsv, type CsvCell } from '../lib/csv.ts';

export interface Column<Row> {
  key: string;
  header: string;
  /** The value to sort by and to export. */
  value: (row: Row) => string | number | null;
  /** What to sort by when it differs from the value (a tree order). */
  sortValue?: (row: Row) => string | number | null;
  /** How the cell shows; default: the value. */
  render?: (row: Row) => ReactNode;
  numeric?: boolean;
}

export interface ChoiceFilter<Row> {
  label: string;
  options: readonly { value: string; label: string }[];
  matches: (row: Row, value: string) => boolean;
}

interface DataTableProps<Row> {
  /** Prefix of the URL parameters; unique on the page. */
  id: string;
  caption: string;
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  rowKey: (row: Row) => string;
  defaultSort: { key: string; direction: 'asc' | 'desc' };
  /** Shown when there are no rows at all (before filtering): teach what it means. */
  empty: ReactNode;
  choiceFilter?: ChoiceFilter<Row>;
  pageSize?: number;
}

function compare(a: string | number | null, b: string | number | null): number {
  // Empty values sort last whatever the direction is… in ascending order; descending flips it.
  if (a === null || a === '') return b === null || b === '' ? 0 : 1;
  if (b === null || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

function download(fileName: string, text: string): void {
  // A BOM so spreadsheet programs read the file as UTF-8.
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function DataTable<Row>({
  id,
  caption,
  rows,
  columns,
  rowKey,
  defaultSort,
  empty,
  choiceFilter,
  pageSize = 25,
}: DataTableProps<Row>): ReactElement {
  const [params, setParams] = useSearchParams();
  const filterId = useId();
  const choiceId = useId();
  const param = (name: string) => `${id}-${name}`;
  const sortKey = params.get(param('sort')) ?? defaultSort.key;
  const direction = (params.get(param('dir')) ?? defaultSort.direction) === 'desc' ? 'desc' : 'asc';
  const query = params.get(param('q')) ?? '';
  const choice = params.get(param('only')) ?? '';
  const shown = Math.max(pageSize, Number(params.get(param('rows'))) || pageSize);

  const update = (changes: Record<string, string | null>, replace = false) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(param(name));
          else next.set(param(name), value);
        }
        return next;
      },
      { replace, preventScrollReset: true },
    );
  };

  const column = columns.find((candidate) => candidate.key === sortKey) ?? columns[0];
  const visible = useMemo(() => {
    const words = searchWords(query);
    const filtered = rows.filter((row) => {
      if (choiceFilter && choice && !choiceFilter.matches(row, choice)) return false;
      if (words.length === 0) return true;
      return matchesWords(
        columns.map((candidate) => String(candidate.value(row) ?? '')),
        words,
      );
    });
    if (!column) return filtered;
    const sign = direction === 'desc' ? -1 : 1;
    const sortValue = column.sortValue ?? column.value;
    return [...filtered].sort((a, b) => sign * compare(sortValue(a), sortValue(b)));
  }, [rows, columns, column, direction, query, choice, choiceFilter]);

  const exportCsv = () => {
    const today = new Date().toISOString().slice(0, 10);
    const csvRows: CsvCell[][] = visible.map((row) =>
      columns.map((candidate) => candidate.value(row)),
    );
    download(
      csvFileName(caption, today),
      toCsv(
        columns.map((candidate) => candidate.header),
        csvRows,
      ),
    );
  };

  if (rows.length === 0) return <div className="table-empty">{empty}</div>;

  return (
    <div className="data-table">
      <div className="table-tools">
        <div className="field table-filter">
          <label className="field-label" htmlFor={filterId}>
            Filter
          </label>
          <input
            id={filterId}
            className="input"
            type="search"
            value={query}
            placeholder="Type to filter rows"
            onChange={(event) => update({ q: event.target.value, rows: null }, true)}
          />
        </div>
        {choiceFilter && (
          <div className="field table-filter">
            <label className="field-label" htmlFor={choiceId}>
              {choiceFilter.label}
            </label>
            <select
              id={choiceId}
              className="input"
              value={choice}
              onChange={(event) => update({ only: event.target.value, rows: null })}
            >
              <option value="">All</option>
              {choiceFilter.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
        )}
        {(query.trim() !== '' || choice !== '') && (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => update({ q: null, only: null, rows: null })}
          >
            Clear filters
          </button>
        )}
        <button
          type="button"
          className="button"
          onClick={exportCsv}
          aria-label={`Export CSV of ${caption.toLowerCase()}`}
          disabled={visible.length === 0}
        >
          Export CSV
        </button>
      </div>
      <p className="small muted" role="status">
        {visible.length === rows.length
          ? `${formatNumber(rows.length)} rows`
          : `${formatNumber(visible.length)} of ${formatNumber(rows.length)} rows match`}
      </p>
      {/* Focusable so a keyboard can scroll a table wider than a phone. Named apart from the
          section around it, which often has the caption as its heading: landmarks differ. */}
      <div className="table-scroll" role="region" aria-label={`${caption} table`} tabIndex={0}>
        <table className="table">
          <caption className="visually-hidden">
            {caption}, sorted by {column?.header ?? ''}{' '}
            {direction === 'asc' ? 'ascending' : 'descending'}
          </caption>
          <thead>
            <tr>
              {columns.map((candidate) => {
                const active = candidate.key === column?.key;
                return (
                  <th
                    key={candidate.key}
                    scope="col"
                    className={candidate.numeric ? 'numeric' : undefined}
                    aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                  >
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() =>
                        update({
                          sort: candidate.key,
                          dir: active && direction === 'asc' ? 'desc' : 'asc',
                        })
                      }
                    >
                      {candidate.header}
                      <span aria-hidden="true" className="sort-mark">
                        {active ? (direction === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {visible.slice(0, shown).map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((candidate, index) => {
                  const content = candidate.render ? candidate.render(row) : candidate.value(row);
                  const className = candidate.numeric ? 'numeric' : undefined;
                  return index === 0 ? (
                    <th key={candidate.key} scope="row" className={className}>
                      {content}
                    </th>
                  ) : (
                    <td key={candidate.key} className={className}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {visible.length === 0 && (
        <NoMatchState what="rows" onClear={() => update({ q: null, only: null, rows: null })}>
          <p>
            Try fewer or other words{choiceFilter ? `, or another “${choiceFilter.label}”` : ''}.
          </p>
        </NoMatchState>
      )}
      {visible.length > shown && (
        <p>
          <button
            type="button"
            className="button"
            onClick={() => update({ rows: String(shown + pageSize) }, true)}
          >
            Show {formatNumber(Math.min(pageSize, visible.length - shown))} more of{' '}
            {formatNumber(visible.length - shown)}
          </button>
        </p>
      )}
    </div>
  );
}
