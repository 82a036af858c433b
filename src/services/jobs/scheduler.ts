/**
 * Scheduled work inside the server. Every few seconds the scheduler looks at each job; a job
 * that is due runs only where its turn was taken (the shared state: a lease row in the
 * database, src/repositories/job-leases.ts, or a Redis lock when OKR_REDIS_URL is set), so with
 * several instances on one database each turn of a job runs once. A job's run is bounded by its
 * lease: a crashed instance's lease expires and another takes over.
 */
import { randomUUID } from 'node:crypto';
import type { Connection } from '../../db/connection.ts';
import type { Mailer } from '../mail/mailer.ts';
import { databaseJobTurns } from '../shared-state/database.ts';
import type { JobTurns } from '../shared-state/shared-state.ts';

export interface JobContext {
  connection: Connection;
  /** The scheduler's clock (tests pin it). */
  now: Date;
  mailer: Mailer;
  /** The web app's address for links in e-mails, e.g. https://okr.example.com */
  publicUrl: string;
  log: (message: string) => void;
}

export interface Job {
  /** Unique; the lease row's key. */
  name: string;
  /** How often it runs (at most once per this many milliseconds, over all instances). */
  everyMs: number;
  /**
   * The longest a run may take before another instance may start one (with Redis: how long a
   * dead instance's lock outlives it; a live one renews its lock while the run lasts).
   */
  leaseMs?: number;
  run(ctx: JobContext): Promise<void>;
}

export interface SchedulerOptions {
  connection: Connection;
  jobs: readonly Job[];
  mailer: Mailer;
  publicUrl: string;
  now?: () => Date;
  /** How often due jobs are looked for (default 5 s). */
  tickMs?: number;
  /** This instance's name in the lease table (default a random id). */
  holder?: string;
  /** Where turns of jobs are taken (default: lease rows in the database). */
  turns?: JobTurns;
  log?: (message: string) => void;
}

const DEFAULT_LEASE_MS = 5 * 60_000;

export class Scheduler {
  readonly holder: string;
  private readonly options: SchedulerOptions;
  private readonly turns: JobTurns;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(options: SchedulerOptions) {
    this.options = options;
    this.holder = options.holder ?? randomUUID();
    this.turns = options.turns ?? databaseJobTurns(options.connection);
  }

  /** Starts looking for due jobs every tick (the first look right away). */
  start(): void {
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.runDue()
        .then(() => undefined)
        .catch((error: unknown) => this.log(`scheduler: ${String(error)}`))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.timer = setTimeout(tick, this.options.tickMs ?? 5_000);
        });
    };
    tick();
  }

  /** Stops ticking and waits for a run in progress (call before closing the database). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Runs every job that is due and whose lease this instance takes; answers the names run. */
  async runDue(): Promise<string[]> {
    const ran: string[] = [];
    for (const job of this.options.jobs) {
      if (this.stopped) break;
      if (await this.attempt(job, true)) ran.push(job.name);
    }
    return ran;
  }

  /**
   * Runs one job now, due or not (tests, operators), unless another instance holds its lease.
   * Answers whether it ran here.
   */
  async runNow(name: string): Promise<boolean> {
    const job = this.options.jobs.find((candidate) => candidate.name === name);
    if (!job) throw new Error(`no job named ${name}`);
    return this.attempt(job, false);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private log(message: string): void {
    (this.options.log ?? ((text: string) => process.stderr.write(`${text}\n`)))(message);
  }

  private async attempt(job: Job, onlyWhenDue: boolean): Promise<boolean> {
    const now = this.now();
    const slot = { name: job.name, everyMs: job.everyMs, leaseMs: job.leaseMs ?? DEFAULT_LEASE_MS };
    const turn = await this.turns.begin(slot, this.holder, now, onlyWhenDue);
    if (!turn) return false;
    let error: string | null = null;
    try {
      await job.run({
        connection: this.options.connection,
        now,
        mailer: this.options.mailer,
        publicUrl: this.options.publicUrl,
        log: (message) => this.log(message),
      });
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
      this.log(`job ${job.name} failed: ${error}`);
    }
    await turn.finish(error);
    return true;
  }
}
