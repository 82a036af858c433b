/**
 * A cache of read views (an objective with its key results, a cycle's alignment tree) that is
 * never stale: every entry carries the database's data version at the moment its reading
 * started, and is served only while the database still has that version. Any write — through
 * this process or another one on the same SQLite file — moves the version on, so the next read
 * rebuilds. Bounded by weight (roughly bytes), least recently used first out.
 *
 * Only connections that can tell their data version cheaply (SQLite: `data_version` and
 * `total_changes()` in one statement) cache; on PostgreSQL every read is built afresh until the
 * instances share invalidation (see docs/ARCHITECTURE.md).
 */
import type { Connection } from './connection.ts';
import { VOLATILE } from './write-tracker.ts';

interface Entry {
  version: string;
  value: unknown;
  weight: number;
}

export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private weight = 0;

  constructor(private readonly maxWeight: number) {}

  get(key: string, version: string): unknown {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.version !== version) {
      this.weight -= entry.weight;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, version: string, value: unknown, weight: number): void {
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.weight -= previous.weight;
    }
    if (weight > this.maxWeight) return;
    this.entries.set(key, { version, value, weight });
    this.weight += weight;
    for (const [oldest, entry] of this.entries) {
      if (this.weight <= this.maxWeight) break;
      this.entries.delete(oldest);
      this.weight -= entry.weight;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/** 64 MB of views per database connection. */
const DEFAULT_MAX_WEIGHT = 64 * 1024 * 1024;
const caches = new WeakMap<Connection, ReadCache>();

function cacheOf(connection: Connection): ReadCache {
  let cache = caches.get(connection);
  if (!cache) {
    cache = new ReadCache(DEFAULT_MAX_WEIGHT);
    caches.set(connection, cache);
  }
  return cache;
}

/**
 * The view under `key` as of the database's current data version: from the cache when nothing
 * was written since it was built, else built by `build` and kept with its `weight`. A view read
 * from a few tables only names them in `tables`: then only writes that may have touched those
 * tables (or that nobody can tell apart, src/db/write-tracker.ts) rebuild it.
 */
export async function readThrough<T>(
  connection: Connection,
  key: string,
  build: () => Promise<T>,
  weight: (value: T) => number,
  tables?: readonly string[],
): Promise<T> {
  const version = connection.dataVersion?.(tables);
  if (version === undefined) return build();
  const cache = cacheOf(connection);
  const hit = cache.get(key, version);
  if (hit !== undefined) return hit as T;
  const value = await build();
  cache.set(key, version, value, weight(value));
  return value;
}

interface Refreshable<T> {
  value: T;
  /** The version of the volatile tables when `value` was built or last refreshed. */
  volatile: string;
}

/**
 * Like {@link readThrough}, for a view read from `tables` that also shows columns check-ins keep
 * changing (src/db/write-tracker.ts): while `tables` are unwritten, a view whose volatile columns
 * moved on is brought up to date by `refresh` — cheaper than `build` — instead of being rebuilt.
 */
export async function readThroughRefreshing<T>(
  connection: Connection,
  key: string,
  view: {
    tables: readonly string[];
    build: () => Promise<T>;
    refresh: (stale: T) => Promise<T>;
    weight: (value: T) => number;
  },
): Promise<T> {
  const { tables, build, refresh, weight } = view;
  const version = connection.dataVersion?.(tables);
  if (version === undefined) return build();
  const volatile = connection.dataVersion?.(tables.map((t) => `${t}${VOLATILE}`)) ?? '';
  const cache = cacheOf(connection);
  const hit = cache.get(key, version) as Refreshable<T> | undefined;
  if (hit && hit.volatile === volatile) return hit.value;
  const value = hit ? await refresh(hit.value) : await build();
  cache.set(key, version, { value, volatile } satisfies Refreshable<T>, weight(value));
  return value;
}
