/**
 * Which tables this SQLite connection has written, so that a read cache of, say, who a token
 * belongs to survives a stream of check-ins (which never touch tokens) yet is dropped by the
 * very next write to `api_tokens`.
 *
 * A Kysely plugin counts the writes of every INSERT, UPDATE and DELETE it sees, per table. What
 * it cannot see — writes through the raw handle (bulk loads, the whole-organisation recompute),
 * raw SQL, foreign-key cascades and SET NULL actions — still shows in SQLite's
 * `total_changes()`: whenever that moved by more than the writes the plugin explained, every
 * table counts as written. Other connections' and processes' commits are for `PRAGMA
 * data_version` to tell (src/db/connection.ts), so the tracker is exact in one direction only:
 * it may say a table changed when it did not, never the reverse.
 */
import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/**
 * Columns that check-ins and progress refreshes keep changing. An UPDATE that sets only these
 * counts as a write to `<table>#volatile`, not to `<table>`: a view that shows none of them (or
 * refreshes them cheaply, like the cycle tree's progress) can name the plain table and survive.
 */
const VOLATILE_COLUMNS: Record<string, ReadonlySet<string>> = {
  objectives: new Set(['progress', 'health']),
  key_results: new Set([
    'progress',
    'health',
    'current_value',
    'confidence',
    'last_check_in_at',
    'version',
    'updated_at',
  ]),
};

/** The suffix of the pseudo-table that counts writes of volatile columns only. */
export const VOLATILE = '#volatile';

/**
 * Columns only the full view of one object shows (an objective's rationale, a key result's unit
 * or target), with the version and time every edit sets. An UPDATE that sets only these (and
 * volatile ones) counts as a write to `<table>#detail` (and `<table>#volatile` when it sets
 * volatile columns too), not to `<table>`: a view of many objects that names the plain table —
 * the cycle tree shows titles, owners and key-result counts — survives edits of details. A view
 * that shows a row's details names `<table>#detail` as well (or no tables at all).
 */
const DETAIL_COLUMNS: Record<string, ReadonlySet<string>> = {
  objectives: new Set(['rationale', 'status', 'include_children', 'score', 'updated_at', 'version']),
  key_results: new Set([
    'title',
    'kind',
    'direction',
    'currency',
    'start_value',
    'target_value',
    'unit',
    'weight',
    'owner_id',
    'contributes_to_id',
    'position',
    'score',
    'updated_at',
    'version',
  ]),
};

/** The suffix of the pseudo-table that counts writes of detail columns (see DETAIL_COLUMNS). */
export const DETAIL = '#detail';

/** The (pseudo-)tables an UPDATE of `columns` of `table` writes. */
function updatedTables(table: string, columns: (string | undefined)[]): string[] {
  const volatile = VOLATILE_COLUMNS[table];
  const detail = DETAIL_COLUMNS[table];
  if (columns.length === 0 || columns.some((c) => c === undefined)) return [table];
  const isVolatile = (c: string | undefined) => volatile?.has(c as string) ?? false;
  const isDetail = (c: string | undefined) => detail?.has(c as string) ?? false;
  if (columns.every(isVolatile)) return [`${table}${VOLATILE}`];
  if (!columns.every((c) => isVolatile(c) || isDetail(c))) return [table];
  return columns.some((c) => isVolatile(c) && !isDetail(c))
    ? [`${table}${DETAIL}`, `${table}${VOLATILE}`]
    : [`${table}${DETAIL}`];
}

/**
 * The tables a write statement writes; undefined for reads and raw SQL (whose writes show in
 * `total_changes()`); null for statements that change the schema or write where it cannot tell.
 */
function writtenTables(node: RootOperationNode): string[] | null | undefined {
  if (node.kind === 'SelectQueryNode' || node.kind === 'RawNode') return undefined;
  if (node.kind === 'InsertQueryNode') {
    const table = node.into ? tableName(node.into) : undefined;
    return table ? [table] : null;
  }
  if (node.kind === 'UpdateQueryNode') {
    const table = node.table ? tableName(node.table) : undefined;
    if (!table) return null;
    return updatedTables(
      table,
      (node.updates ?? []).map((u) => columnName(u.column)),
    );
  }
  if (node.kind === 'DeleteQueryNode') {
    const [only, ...more] = node.from.froms;
    const table = only && more.length === 0 ? tableName(only) : undefined;
    return table ? [table] : null;
  }
  return null;
}

function columnName(node: OperationNode): string | undefined {
  const n = node as { kind: string; column?: { name?: string } };
  return n.kind === 'ColumnNode' ? n.column?.name : undefined;
}

function tableName(node: OperationNode): string | undefined {
  const n = node as {
    kind: string;
    table?: { identifier?: { name?: string } };
    node?: OperationNode;
  };
  if (n.kind === 'TableNode') return n.table?.identifier?.name;
  if (n.kind === 'AliasNode' && n.node) return tableName(n.node);
  return undefined;
}

export class WriteTracker implements KyselyPlugin {
  private readonly writes = new Map<string, number>();
  private readonly pending = new WeakMap<object, string[]>();
  /** Moves on whenever something was written that the plugin did not see. */
  private unseen = 0;
  private seenTotal: number;
  private explained = 0;

  constructor(private readonly totalChanges: () => number) {
    this.seenTotal = totalChanges();
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const tables = writtenTables(args.node);
    if (tables) this.pending.set(args.queryId, tables);
    else if (tables === null) this.unseen += 1;
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const tables = this.pending.get(args.queryId);
    if (tables) {
      const { numAffectedRows, rows } = args.result;
      const changed = numAffectedRows === undefined ? rows.length : Number(numAffectedRows);
      if (changed > 0) {
        for (const table of tables) this.writes.set(table, (this.writes.get(table) ?? 0) + 1);
        this.explained += changed;
      }
    }
    return Promise.resolve(args.result);
  }

  /**
   * Something may have been undone (a rollback, to a savepoint or of a whole transaction): every
   * version moves, so that nothing read between the write and its undoing outlives it.
   */
  forget(): void {
    this.unseen += 1;
  }

  /**
   * A string that changes whenever any of `tables` — without them, anything — may have been
   * written (or a write undone) through this connection.
   */
  version(tables?: readonly string[]): string {
    if (!tables) return `${this.unseen}.${this.totalChanges()}`;
    const total = this.totalChanges();
    if (total !== this.seenTotal) {
      if (total - this.seenTotal !== this.explained) this.unseen += 1;
      this.seenTotal = total;
      this.explained = 0;
    }
    let written = 0;
    for (const table of tables) written += this.writes.get(table) ?? 0;
    return `${this.unseen}.${written}`;
  }
}
