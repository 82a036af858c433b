/**
 * Filters of the app's lists, kept in the URL's query string so a filtered list has a link of
 * its own and the back button restores it: `?q=checkout&status=at_risk&level=team`. Pure
 * functions only — reading and writing the parameters, and matching a list's items — so the
 * rules are tested without a browser; `components/list-filters.tsx` wires them to the router.
 *
 * "Status" is what people see on every objective and key result: on track, at risk, off track
 * (or no status yet). A page with two filtered lists prefixes one list's parameters
 * (`members-q`), so both fit in one URL.
 */
// Types only from the contracts: a value import would bring zod into the web app's bundle.
import type { Health, ObjectiveLevel } from '@contracts/model.ts';

/** A status to filter by: the health, or `none` for "no status yet". */
export type StatusFilter = Health | 'none';

const STATUS_ORDER: Record<StatusFilter, number> = {
  on_track: 0,
  at_risk: 1,
  off_track: 2,
  none: 3,
};
export const STATUS_FILTERS = Object.keys(STATUS_ORDER) as StatusFilter[];

const LEVEL_ORDER: Record<ObjectiveLevel, number> = {
  company: 0,
  team: 1,
  shared: 2,
  individual: 3,
};
/** The levels, top down. */
export const OBJECTIVE_LEVELS = Object.keys(LEVEL_ORDER) as ObjectiveLevel[];

/** A level to filter by; `any` undoes a list's default level (the company page's `company`). */
export type LevelFilter = ObjectiveLevel | 'any';
const LEVEL_FILTERS: readonly LevelFilter[] = [...OBJECTIVE_LEVELS, 'any'];

export type FilterField = 'q' | 'status' | 'level' | 'team' | 'owner' | 'theme';

export interface ListFilters {
  /** The words typed, as typed (trimmed when matched). */
  q: string;
  status: StatusFilter | null;
  /** null: the list's default (all levels, but the company page shows company objectives). */
  level: LevelFilter | null;
  /** A team id. */
  team: string | null;
  /** A person id. */
  owner: string | null;
  /** A strategic theme: the objective tag of the same name. */
  theme: string | null;
}

export const NO_FILTERS: ListFilters = {
  q: '',
  status: null,
  level: null,
  team: null,
  owner: null,
  theme: null,
};

const MAX_TEXT = 200;

/** The URL parameter of a field: `q`, or `members-q` with the prefix `members`. */
export function filterParam(field: FilterField, prefix?: string): string {
  return prefix ? `${prefix}-${field}` : field;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

function plain(value: string | null): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed.slice(0, MAX_TEXT);
}

/**
 * The filters of the `fields` a list offers, from the URL. Values a list does not offer, and
 * values that are not valid (a status nobody has), read as "no filter" rather than as an error:
 * an old or hand-edited link still opens the list.
 */
export function readListFilters(
  params: URLSearchParams,
  fields: readonly FilterField[],
  prefix?: string,
): ListFilters {
  const get = (field: FilterField) =>
    fields.includes(field) ? params.get(filterParam(field, prefix)) : null;
  return {
    q: (get('q') ?? '').slice(0, MAX_TEXT),
    status: oneOf(get('status'), STATUS_FILTERS),
    level: oneOf(get('level'), LEVEL_FILTERS),
    team: plain(get('team')),
    owner: plain(get('owner')),
    theme: plain(get('theme')),
  };
}

/** The URL parameters with these filters changed; an empty value or null removes one. */
export function withListFilters(
  params: URLSearchParams,
  changes: Partial<ListFilters>,
  prefix?: string,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [field, value] of Object.entries(changes) as [FilterField, string | null][]) {
    const name = filterParam(field, prefix);
    if (value === null || value === undefined || value === '') next.delete(name);
    else next.set(name, value);
  }
  return next;
}

/** The URL parameters without any of these filters (other parameters stay). */
export function withoutListFilters(
  params: URLSearchParams,
  fields: readonly FilterField[],
  prefix?: string,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const field of fields) next.delete(filterParam(field, prefix));
  return next;
}

/** The level a list shows: the one chosen, else the list's default; null for every level. */
export function effectiveLevel(
  filters: ListFilters,
  defaultLevel: ObjectiveLevel | null = null,
): ObjectiveLevel | null {
  if (filters.level === 'any') return null;
  return filters.level ?? defaultLevel;
}

/** How many filters narrow the list (typed words count as one). */
export function activeFilterCount(filters: ListFilters): number {
  return (
    (searchWords(filters.q).length > 0 ? 1 : 0) +
    [filters.status, filters.level, filters.team, filters.owner, filters.theme].filter(
      (value) => value !== null,
    ).length
  );
}

/** Lower case without accents, so "jose" finds "José" and "ÉQUIPE" finds "équipe". */
export function normaliseText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a search, normalised; empty when nothing was typed. */
export function searchWords(query: string): string[] {
  return normaliseText(query.trim()).split(/\s+/).filter(Boolean);
}

/** Whether every word occurs somewhere in the texts (in any order, any case). */
export function matchesWords(
  texts: readonly (string | null | undefined)[],
  words: readonly string[],
): boolean {
  if (words.length === 0) return true;
  const haystack = normaliseText(texts.filter(Boolean).join('\n'));
  return words.every((word) => haystack.includes(word));
}

export function matchesStatus(health: Health | null, status: StatusFilter | null): boolean {
  return status === null || (health ?? 'none') === status;
}

/** What a list item offers to the filters; fields it lacks never exclude it. */
export interface Filterable {
  /** Everything the words are looked for in: title, rationale, owner and team names, notes… */
  texts: readonly (string | null | undefined)[];
  health?: Health | null;
  level?: ObjectiveLevel | null;
  teamIds?: readonly string[];
  ownerId?: string | null;
  tags?: readonly string[];
}

/**
 * Whether an item passes every filter. An item without a field the filter needs (a key result
 * has no level) is kept by that filter: lists only offer filters that make sense for them.
 */
export function matchesListFilters(item: Filterable, filters: ListFilters): boolean {
  if (item.health !== undefined && !matchesStatus(item.health, filters.status)) return false;
  const level = effectiveLevel(filters);
  if (level && item.level !== undefined && item.level !== level) return false;
  if (filters.team && item.teamIds !== undefined && !item.teamIds.includes(filters.team))
    return false;
  if (filters.owner && item.ownerId !== undefined && item.ownerId !== filters.owner) return false;
  if (filters.theme && item.tags !== undefined) {
    const theme = normaliseText(filters.theme);
    if (!item.tags.some((tag) => normaliseText(tag) === theme)) return false;
  }
  return matchesWords(item.texts, searchWords(filters.q));
}

/** The fields of an objective (summary or detail) the filters read. */
export interface FilterableObjective {
  title: string;
  rationale?: string | null;
  level?: ObjectiveLevel;
  health: Health | null;
  owner?: { id: string; name: string } | null;
  team?: { id: string; name: string } | null;
  tags?: readonly string[];
}

export function objectiveFilterable(objective: FilterableObjective): Filterable {
  return {
    texts: [
      objective.title,
      objective.rationale,
      objective.owner?.name,
      objective.team?.name,
      ...(objective.tags ?? []),
    ],
    health: objective.health,
    ...(objective.level ? { level: objective.level } : {}),
    ...(objective.team !== undefined ? { teamIds: objective.team ? [objective.team.id] : [] } : {}),
    ...(objective.owner !== undefined ? { ownerId: objective.owner?.id ?? null } : {}),
    ...(objective.tags ? { tags: objective.tags } : {}),
  };
}

/** The items that pass the filters, each described for them by `describe`. */
export function filterItems<T>(
  items: readonly T[],
  describe: (item: T) => Filterable,
  filters: ListFilters,
): T[] {
  return items.filter((item) => matchesListFilters(describe(item), filters));
}

export function filterObjectives<T extends FilterableObjective>(
  objectives: readonly T[],
  filters: ListFilters,
): T[] {
  return filterItems(objectives, objectiveFilterable, filters);
}

/**
 * The filters as query parameters of GET /objectives, which applies them all (level, team, owner,
 * tag, words, and the status as `health`, `none` for no status yet), so a paged list is filtered
 * across every page, not just the ones loaded. Words are sent as typed: the API looks for them in
 * the title and the rationale.
 */
export function objectiveApiQuery(
  filters: ListFilters,
  defaultLevel: ObjectiveLevel | null = null,
): Record<string, string> {
  const query: Record<string, string> = {};
  const level = effectiveLevel(filters, defaultLevel);
  if (level) query.level = level;
  if (filters.status) query.health = filters.status;
  if (filters.team) query.team = filters.team;
  if (filters.owner) query.owner = filters.owner;
  if (filters.theme) query.tag = filters.theme.slice(0, 50);
  const q = filters.q.trim();
  if (q) query.q = q;
  return query;
}

export interface FilterOption {
  value: string;
  label: string;
}

/**
 * The distinct people or teams a list names, as choices sorted by name. A value chosen in the
 * URL that the list no longer names stays a choice, so the select can show what is applied.
 */
export function distinctOptions<T>(
  items: readonly T[],
  pick: (item: T) => { id: string; name: string } | null | undefined,
  keep: string | null = null,
): FilterOption[] {
  const byId = new Map<string, string>();
  for (const item of items) {
    const named = pick(item);
    if (named) byId.set(named.id, named.name);
  }
  const options = [...byId].map(([value, label]) => ({ value, label }));
  options.sort((a, b) => a.label.localeCompare(b.label));
  if (keep !== null && !byId.has(keep))
    options.unshift({ value: keep, label: 'The one in the link' });
  return options;
}

/** The choices of both lists, each value once (the later label wins), sorted by label. */
export function mergeOptions(
  earlier: readonly FilterOption[],
  later: readonly FilterOption[],
): FilterOption[] {
  const byValue = new Map<string, string>();
  for (const option of [...earlier, ...later]) byValue.set(option.value, option.label);
  return [...byValue]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** Counts per status, for the status select ("At risk (3)"). */
export function statusCounts(healths: readonly (Health | null)[]): Record<StatusFilter, number> {
  const counts: Record<StatusFilter, number> = { on_track: 0, at_risk: 0, off_track: 0, none: 0 };
  for (const health of healths) counts[health ?? 'none']++;
  return counts;
}

/** A list this short is read at a glance: its filter bar shows only once a filter is set. */
export const FILTER_BAR_MIN_ITEMS = 6;

/** Whether a list shows its filter bar: long enough to need one, or a filter already applies. */
export function showsFilterBar(
  itemCount: number,
  activeFilters: number,
  minItems = FILTER_BAR_MIN_ITEMS,
): boolean {
  return activeFilters > 0 || itemCount >= minItems;
}

/**
 * "12 objectives", or when filtered "3 of 12 objectives match"; `more` says the list has more
 * pages than the ones counted ("3 of the first 50 objectives match").
 */
export function matchSummary(
  shown: number,
  total: number,
  noun: { one: string; many: string },
  filtered: boolean,
  more = false,
): string {
  const format = (n: number) => n.toLocaleString();
  if (total === 0) return `No ${noun.many}`;
  const name = total === 1 && !more ? noun.one : noun.many;
  if (!filtered) return more ? `The first ${format(total)} ${name}` : `${format(total)} ${name}`;
  return more
    ? `${format(shown)} of the first ${format(total)} ${name} match`
    : `${format(shown)} of ${format(total)} ${name} match`;
}

interface TeamNode {
  id: string;
  name: string;
  children: readonly TeamNode[];
}

/** Every team of the hierarchy as a choice, in tree order, named with its path ("Product › Checkout"). */
export function teamOptions(roots: readonly TeamNode[]): FilterOption[] {
  const options: FilterOption[] = [];
  const walk = (nodes: readonly TeamNode[], path: string) => {
    for (const team of nodes) {
      const label = path ? `${path} › ${team.name}` : team.name;
      options.push({ value: team.id, label });
      walk(team.children, label);
    }
  };
  walk(roots, '');
  return options;
}

/** The fields of a key result the filters read (its objective's title, where a list shows it). */
export interface FilterableKeyResult {
  title: string;
  health: Health | null;
  owner?: { id: string; name: string } | null;
  objective?: { title: string };
}

export function keyResultFilterable(keyResult: FilterableKeyResult): Filterable {
  return {
    texts: [keyResult.title, keyResult.objective?.title, keyResult.owner?.name],
    health: keyResult.health,
    ...(keyResult.owner !== undefined ? { ownerId: keyResult.owner?.id ?? null } : {}),
  };
}

export function filterKeyResults<T extends FilterableKeyResult>(
  keyResults: readonly T[],
  filters: ListFilters,
): T[] {
  return filterItems(keyResults, keyResultFilterable, filters);
}

/** Objectives top level first (company, team, shared, individual), keeping their order within a level. */
export function byLevel<T extends { level: ObjectiveLevel }>(objectives: readonly T[]): T[] {
  return [...objectives].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
}
