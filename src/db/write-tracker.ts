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
 * The table a write statement writes; undefined for reads and raw SQL (whose writes show in
 * `total_changes()`); null for statements that change the schema or write where it cannot tell.
 */
function writtenTable(node: RootOperationNode): string | null | undefined {
  if (node.kind === 'SelectQueryNode' || node.kind === 'RawNode') return undefined;
  if (node.kind === 'InsertQueryNode') return node.into ? (tableName(node.into) ?? null) : null;
  if (node.kind === 'UpdateQueryNode') {
    const table = node.table ? tableName(node.table) : undefined;
    if (!table) return null;
    const volatile = VOLATILE_COLUMNS[table];
    const columns = (node.updates ?? []).map((u) => columnName(u.column));
    return volatile &&
      columns.length > 0 &&
      columns.every((c) => c !== undefined && volatile.has(c))
      ? `${table}${VOLATILE}`
      : table;
  }
  if (node.kind === 'DeleteQueryNode') {
    const [only, ...more] = node.from.froms;
    return only && more.length === 0 ? (tableName(only) ?? null) : null;
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
  private readonly pending = new WeakMap<object, string>();
  /** Moves on whenever something was written that the plugin did not see. */
  private unseen = 0;
  private seenTotal: number;
  private explained = 0;

  constructor(private readonly totalChanges: () => number) {
    this.seenTotal = totalChanges();
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const table = writtenTable(args.node);
    if (table) this.pending.set(args.queryId, table);
    else if (table === null) this.unseen += 1;
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const table = this.pending.get(args.queryId);
    if (table) {
      const { numAffectedRows, rows } = args.result;
      const changed = numAffectedRows === undefined ? rows.length : Number(numAffectedRows);
      if (changed > 0) {
        this.writes.set(table, (this.writes.get(table) ?? 0) + 1);
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
