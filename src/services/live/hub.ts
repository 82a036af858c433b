/**
 * What wakes live update streams: one hub per database connection keeps, for each organisation
 * someone is watching, the newest ids of its audit log and notifications, and wakes that
 * organisation's streams when they move. On PostgreSQL it LISTENs on `okr_live` (migration
 * 0020's triggers NOTIFY it on every commit that audits or notifies, from any instance) and
 * polls rarely, in case the listening connection was lost; on SQLite it polls (two indexed
 * reads per watched organisation), which also sees other processes writing the same file.
 */
import pg from 'pg';
import type { Connection } from '../../db/connection.ts';

type Wake = () => void;

export interface LiveHubOptions {
  /** How often to look for new entries (SQLite; PostgreSQL as a fallback to LISTEN). */
  pollMs?: number;
}

const SQLITE_POLL_MS = 500;
const POSTGRES_POLL_MS = 5_000;

export class LiveHub {
  private readonly watchers = new Map<string, Set<Wake>>();
  private readonly newest = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private listener: pg.Client | undefined;
  private polling = false;
  private stopped = false;

  constructor(
    private readonly connection: Connection,
    private readonly pollMs: number,
  ) {}

  /** Calls `wake` whenever something may have happened in the organisation; answers unsubscribe. */
  subscribe(orgId: string, wake: Wake): () => void {
    let set = this.watchers.get(orgId);
    if (!set) this.watchers.set(orgId, (set = new Set()));
    set.add(wake);
    this.start();
    return () => {
      set.delete(wake);
      if (set.size === 0) {
        this.watchers.delete(orgId);
        this.newest.delete(orgId);
      }
    };
  }

  private start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
    if (this.connection.dialect === 'postgres') void this.listen();
  }

  private wakeAll(orgId: string): void {
    for (const wake of this.watchers.get(orgId) ?? []) wake();
  }

  private async listen(): Promise<void> {
    const options = this.connection.pool?.options;
    if (!options || this.listener) return;
    const client = new pg.Client({ connectionString: options.connectionString });
    this.listener = client;
    client.on('notification', (message) => {
      if (message.channel === 'okr_live' && message.payload) this.wakeAll(message.payload);
    });
    // A lost listening connection: polling carries on, and the next poll listens again.
    client.on('error', () => {
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => undefined);
    });
    try {
      await client.connect();
      await client.query('LISTEN okr_live');
      if (this.stopped) await client.end();
    } catch {
      if (this.listener === client) this.listener = undefined;
      await client.end().catch(() => undefined);
    }
  }

  private async poll(): Promise<void> {
    if (this.polling || this.stopped) return;
    this.polling = true;
    try {
      if (this.connection.dialect === 'postgres' && !this.listener) void this.listen();
      for (const orgId of [...this.watchers.keys()]) {
        const db = this.connection.db;
        const [audit, notification] = await Promise.all([
          db
            .selectFrom('audit_log')
            .select('id')
            .where('org_id', '=', orgId)
            .orderBy('id', 'desc')
            .limit(1)
            .executeTakeFirst(),
          db
            .selectFrom('notifications')
            .select('id')
            .where('org_id', '=', orgId)
            .orderBy('id', 'desc')
            .limit(1)
            .executeTakeFirst(),
        ]);
        const newest = `${audit?.id ?? ''} ${notification?.id ?? ''}`;
        const before = this.newest.get(orgId);
        this.newest.set(orgId, newest);
        // The first look wakes too: streams that started since read what came before it.
        if (before !== newest) this.wakeAll(orgId);
      }
    } catch {
      // The database is away for a moment (a restart): the next poll tries again.
    } finally {
      this.polling = false;
    }
  }

  /** Stops polling and listening (the server is closing); streams end on their own. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    this.watchers.clear();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }
}

const hubs = new WeakMap<Connection, LiveHub>();

/** The hub of this connection (made on first use with `options`). */
export function liveHub(connection: Connection, options: LiveHubOptions = {}): LiveHub {
  let hub = hubs.get(connection);
  if (!hub) {
    const pollMs =
      options.pollMs ?? (connection.dialect === 'postgres' ? POSTGRES_POLL_MS : SQLITE_POLL_MS);
    hub = new LiveHub(connection, pollMs);
    hubs.set(connection, hub);
  }
  return hub;
}
