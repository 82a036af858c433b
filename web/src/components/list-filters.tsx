/**
 * One filter bar for every list: a search box and the selects a list offers (status, level,
 * team, owner, theme, or its own), with "Clear filters". The values live in the URL
 * (`useListFilters`), so a filtered list can be shared and the back button restores it:
 * choosing in a select is a step in history, and so is starting to type — the letters after
 * the first refine that step (one step per letter would make Back useless).
 */
import type { ObjectiveLevel } from '@contracts/model.ts';
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useState,
  type ReactElement,
  type ReactNode,
} from 'react';
import { useSearchParams } from 'react-router';
import { formatNumber } from '../lib/format.ts';
import { HEALTH_LABEL, LEVEL_LABEL } from '../lib/labels.ts';
import {
  activeFilterCount,
  mergeOptions,
  OBJECTIVE_LEVELS,
  readListFilters,
  STATUS_FILTERS,
  withListFilters,
  withoutListFilters,
  type FilterField,
  type FilterOption,
  type ListFilters,
  type StatusFilter,
} from '../lib/list-filters.ts';
import { EmptyState } from './states.tsx';
import './list-filters.css';

export interface ListFilterControls {
  filters: ListFilters;
  fields: readonly FilterField[];
  /** How many filters narrow the list, its own choices included. */
  active: number;
  set: (changes: Partial<ListFilters>, options?: { replace?: boolean }) => void;
  clear: () => void;
  /** A choice of the list's own (`extra` of useListFilters): its value, and how to set it. */
  choice: (name: string) => string | null;
  setChoice: (name: string, value: string | null) => void;
}

/**
 * The filters of one list, read from and written to the URL's query string. `extra` names
 * choices of the list's own (a key result, a role), kept under the same prefix.
 */
export function useListFilters(
  fields: readonly FilterField[],
  prefix?: string,
  extra: readonly string[] = [],
): ListFilterControls {
  const [params, setParams] = useSearchParams();
  // Callers pass new arrays on each render: the joined names stand for them.
  const fieldKey = fields.join(',');
  const extraKey = extra.join(',');
  const filters = useMemo(
    () => readListFilters(params, fieldKey.split(',') as FilterField[], prefix),
    [params, fieldKey, prefix],
  );
  const extraParam = useCallback((name: string) => (prefix ? `${prefix}-${name}` : name), [prefix]);
  const set = useCallback(
    (changes: Partial<ListFilters>, options: { replace?: boolean } = {}) =>
      void setParams((current) => withListFilters(current, changes, prefix), {
        replace: options.replace ?? false,
        preventScrollReset: true,
      }),
    [setParams, prefix],
  );
  const clear = useCallback(
    () =>
      void setParams(
        (current) => {
          const next = withoutListFilters(current, fieldKey.split(',') as FilterField[], prefix);
          for (const name of extraKey.split(',').filter(Boolean)) next.delete(extraParam(name));
          return next;
        },
        { preventScrollReset: true },
      ),
    [setParams, fieldKey, extraKey, prefix, extraParam],
  );
  const choice = useCallback(
    (name: string) => params.get(extraParam(name)) || null,
    [params, extraParam],
  );
  const setChoice = useCallback(
    (name: string, value: string | null) =>
      void setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value) next.set(extraParam(name), value);
          else next.delete(extraParam(name));
          return next;
        },
        { preventScrollReset: true },
      ),
    [setParams, extraParam],
  );
  const extraActive = extra.filter((name) => params.get(extraParam(name))).length;
  return {
    filters,
    fields,
    active: activeFilterCount(filters) + extraActive,
    set,
    clear,
    choice,
    setChoice,
  };
}

/**
 * Choices gathered from the rows read so far, kept when a filter narrows the rows: on a list
 * the API filters, choosing one owner must not take the other owners out of the select.
 */
export function useSeenOptions(options: readonly FilterOption[]): FilterOption[] {
  const [seen, setSeen] = useState<readonly FilterOption[]>([]);
  const key = options.map((option) => option.value).join(',');
  useEffect(() => {
    setSeen((before) => mergeOptions(before, options));
    // `key` stands for `options`, a new array on every render.
  }, [key]);
  return mergeOptions(seen, options);
}

/** The value after it stopped changing for `delay` ms: for requests made as someone types. */
export function useDebouncedValue<T>(value: T, delay = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (Object.is(value, settled)) return;
    const timer = window.setTimeout(() => setSettled(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, settled, delay]);
  return settled;
}

interface FilterSelectProps {
  label: string;
  /** The first option: what choosing nothing means ("Any status"). */
  all: string;
  value: string | null;
  options: readonly FilterOption[];
  onChange: (value: string | null) => void;
  /** The value of the first option, when nothing chosen is not the empty string. */
  allValue?: string;
}

/** A labelled select of a filter bar. */
export function FilterSelect({
  label,
  all,
  value,
  options,
  onChange,
  allValue = '',
}: FilterSelectProps): ReactElement {
  const id = useId();
  return (
    <div className="field list-filter-choice">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="input"
        value={value ?? allValue}
        onChange={(event) => onChange(event.target.value === allValue ? null : event.target.value)}
      >
        <option value={allValue}>{all}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface ListFilterBarProps {
  controls: ListFilterControls;
  /** What the list holds, for labels: "objectives", "key results", "members". */
  what: string;
  placeholder?: string;
  /** Choices of the selects the list offers; a field without choices shows no select. */
  teams?: readonly FilterOption[];
  owners?: readonly FilterOption[];
  themes?: readonly FilterOption[];
  levels?: readonly ObjectiveLevel[];
  /** The level the list shows when none is chosen (the company page: company). */
  defaultLevel?: ObjectiveLevel;
  /** How many items have each status, shown in the select. */
  statusCounts?: Record<StatusFilter, number>;
  /** Selects of the list's own, after the common ones. */
  children?: ReactNode;
  /** "3 of 12 objectives match", read out when it changes. */
  summary?: ReactNode;
}

const STATUS_OPTION_LABEL: Record<StatusFilter, string> = {
  ...HEALTH_LABEL,
  none: 'No status yet',
};

export function ListFilterBar({
  controls,
  what,
  placeholder,
  teams,
  owners,
  themes,
  levels = OBJECTIVE_LEVELS,
  defaultLevel,
  statusCounts,
  children,
  summary,
}: ListFilterBarProps): ReactElement {
  const { filters, fields, set } = controls;
  const textId = useId();
  const offers = (field: FilterField) => fields.includes(field);

  // The box keeps what is typed; the URL follows it, and a URL changed elsewhere (Back, Clear)
  // replaces it.
  const [text, setText] = useState(filters.q);
  const [written, setWritten] = useState(filters.q);
  if (filters.q !== written) {
    setWritten(filters.q);
    setText(filters.q);
  }

  const choices = (
    field: 'team' | 'owner' | 'theme',
    label: string,
    all: string,
    options: readonly FilterOption[] | undefined,
  ) =>
    offers(field) &&
    options &&
    (options.length > 0 || filters[field] !== null) && (
      <FilterSelect
        label={label}
        all={all}
        value={filters[field]}
        options={options}
        onChange={(value) => set({ [field]: value })}
      />
    );

  return (
    <div className="list-filters" role="search" aria-label={`Filter ${what}`}>
      {offers('q') && (
        <div className="field list-filter-text">
          <label className="field-label" htmlFor={textId}>
            Search {what}
          </label>
          <input
            id={textId}
            className="input"
            type="search"
            autoComplete="off"
            placeholder={placeholder ?? 'Words in the title, owner, team…'}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setWritten(event.target.value);
              // The first letter of a search is a step Back can undo; the ones after it
              // refine that step instead of adding one each.
              set({ q: event.target.value }, { replace: filters.q !== '' });
            }}
          />
        </div>
      )}
      {offers('status') && (
        <FilterSelect
          label="Status"
          all="Any status"
          value={filters.status}
          options={STATUS_FILTERS.map((status) => ({
            value: status,
            label:
              statusCounts === undefined
                ? STATUS_OPTION_LABEL[status]
                : `${STATUS_OPTION_LABEL[status]} (${formatNumber(statusCounts[status])})`,
          }))}
          onChange={(value) => set({ status: value as StatusFilter | null })}
        />
      )}
      {offers('level') &&
        (defaultLevel ? (
          <FilterSelect
            label="Level"
            all={LEVEL_LABEL[defaultLevel]}
            allValue=""
            value={filters.level === defaultLevel ? null : filters.level}
            options={[
              ...levels
                .filter((level) => level !== defaultLevel)
                .map((level) => ({ value: level, label: LEVEL_LABEL[level] })),
              { value: 'any', label: 'Any level' },
            ]}
            onChange={(value) => set({ level: value as ListFilters['level'] })}
          />
        ) : (
          <FilterSelect
            label="Level"
            all="Any level"
            value={filters.level === 'any' ? null : filters.level}
            options={levels.map((level) => ({ value: level, label: LEVEL_LABEL[level] }))}
            onChange={(value) => set({ level: value as ListFilters['level'] })}
          />
        ))}
      {choices('team', 'Team', 'Any team', teams)}
      {choices('owner', 'Owner', 'Anyone', owners)}
      {choices('theme', 'Theme', 'Any theme', themes)}
      {children}
      <div className="list-filter-meta">
        {/* Always there, so a screen reader hears each new count. */}
        <p className="muted small" role="status">
          {summary}
        </p>
        {controls.active > 0 && (
          <button type="button" className="button-link small" onClick={controls.clear}>
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}

/** What a filtered list shows when nothing passes: say so, and offer the way back. */
export function NoMatchState({
  what,
  onClear,
  children,
}: {
  what: string;
  onClear: () => void;
  children?: ReactNode;
}): ReactElement {
  return (
    <EmptyState
      title={`No ${what} match these filters`}
      action={
        <button type="button" className="button" onClick={onClear}>
          Clear filters
        </button>
      }
    >
      {children ?? <p>Try fewer or other words, or another status.</p>}
    </EmptyState>
  );
}
