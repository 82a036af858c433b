/**
 * Running data sources: fetch a pull source's URL, find the number at its JSON Pointer and
 * record it as a check-in with source `integration` through the normal check-in service (so
 * progress, audit and webhooks follow), as the person who connected the source. Any failure
 * (HTTP error, not JSON, nothing at the pointer, not a number, timeout, a refused check-in) is
 * recorded on the source and retried with backoff; a failure never writes a check-in.
 *
 * `pollDueDataSources` is safe to run concurrently: each source is claimed by one conditional
 * UPDATE (src/repositories/data-sources.ts `claimDataSource`) before it is fetched.
 */
import { isAppError } from '../../contracts/app-error.ts';
import type { Connection } from '../../db/connection.ts';
import { resolvePointer } from '../../domain/json-pointer.ts';
import { backoffDelay, DATA_SOURCE_BACKOFF } from '../../domain/retry-backoff.ts';
import type { Actor } from '../../policy/policy.ts';
import { loadActor } from '../../repositories/actors.ts';
import {
  claimDataSource,
  dueDataSourceIds,
  findDataSource,
  recordSourceFailure,
  recordSourceSuccess,
  type DataSourceRow,
} from '../../repositories/data-sources.ts';
import { checkIn } from '../key-results/check-in.ts';
import { describeFailure } from '../webhooks/deliver.ts';

export const FETCH_TIMEOUT_MS = 10_000;
/** A claimed source is due again after this long if its worker never recorded an outcome. */
const LEASE_MS = 5 * 60_000;
/** The most of an answer read (a JSON document with one number in it is small). */
const MAX_BODY_BYTES = 1_000_000;
const BATCH = 20;

export interface SourceRunOptions {
  random?: () => number;
  timeoutMs?: number;
}

/** A failure to report on the source (its message is shown on the key result's page). */
class SourceFailure extends Error {}

/** The person who connected the source, as an actor of its organisation. */
async function connectorActor(connection: Connection, row: DataSourceRow): Promise<Actor> {
  const org = await connection.db
    .selectFrom('organisations')
    .select('slug')
    .where('id', '=', row.org_id)
    .executeTakeFirst();
  const found =
    org && row.created_by ? await loadActor(connection, org.slug, row.created_by) : null;
  if (!found) {
    throw new SourceFailure(
      'The person who connected this source is no longer in the organisation; connect it again.',
    );
  }
  return found.actor;
}

/** The number at the pointer of a JSON answer (numbers, or strings that are one). */
export function numberAt(text: string, pointer: string): number {
  let document: unknown;
  try {
    document = JSON.parse(text) as unknown;
  } catch {
    throw new SourceFailure('The answer is not JSON.');
  }
  const found = resolvePointer(document, pointer);
  if (!found.found) throw new SourceFailure(`Nothing at ${pointer || '(the whole document)'}.`);
  const { value } = found;
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isFinite(number)) {
    throw new SourceFailure(`The value at ${pointer || '(the whole document)'} is not a number.`);
  }
  return number;
}

async function fetchValue(row: DataSourceRow, options: SourceRunOptions): Promise<number> {
  if (!row.url || row.pointer === null) throw new SourceFailure('The source has no URL.');
  let response: Response;
  try {
    response = await fetch(row.url, {
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? FETCH_TIMEOUT_MS),
      headers: {
        accept: 'application/json',
        'user-agent': 'OKR-Wizard-DataSources/1',
        ...(row.header_name && row.header_secret ? { [row.header_name]: row.header_secret } : {}),
      },
    });
  } catch (error) {
    throw new SourceFailure(describeFailure(error));
  }
  if (response.status < 200 || response.status > 299) {
    await response.body?.cancel();
    throw new SourceFailure(`HTTP ${response.status}.`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new SourceFailure(describeFailure(error));
  }
  if (text.length > MAX_BODY_BYTES) throw new SourceFailure('The answer is too large.');
  return numberAt(text, row.pointer);
}

/**
 * Records `value` as an `integration` check-in unless the key result already has it (a pull
 * source re-reading the same number writes nothing). Returns the check-in id, or null.
 */
export async function recordValue(
  connection: Connection,
  row: DataSourceRow,
  value: number,
  now: Date,
  options: { always: boolean; note?: string },
): Promise<string | null> {
  const actor = await connectorActor(connection, row);
  if (!options.always) {
    const kr = await connection.db
      .selectFrom('key_results')
      .select('current_value')
      .where('org_id', '=', row.org_id)
      .where('id', '=', row.key_result_id)
      .executeTakeFirst();
    if (kr && kr.current_value === value) return null;
  }
  try {
    const created = await checkIn(
      { connection, actor, now },
      row.key_result_id,
      { value, note: options.note ?? null },
      { source: 'integration' },
    );
    return created.checkIn.id;
  } catch (error) {
    if (isAppError(error)) throw new SourceFailure(`The check-in was refused: ${error.message}`);
    throw error;
  }
}

function retryAt(row: DataSourceRow, now: Date, failures: number, random: number): string {
  const interval = (row.interval_minutes ?? 60) * 60_000;
  const wait = Math.min(interval, backoffDelay(failures, DATA_SOURCE_BACKOFF, random));
  return new Date(now.getTime() + wait).toISOString();
}

/** Fetches a claimed pull source once and records the outcome. True when it succeeded. */
export async function runPullSource(
  connection: Connection,
  row: DataSourceRow,
  now: Date,
  options: SourceRunOptions = {},
): Promise<boolean> {
  const at = now.toISOString();
  try {
    const value = await fetchValue(row, options);
    await recordValue(connection, row, value, now, { always: false });
    const next = new Date(now.getTime() + (row.interval_minutes ?? 60) * 60_000).toISOString();
    await recordSourceSuccess(connection.db, row.id, value, at, next);
    return true;
  } catch (error) {
    if (!(error instanceof SourceFailure)) throw error;
    const random = (options.random ?? Math.random)();
    await recordSourceFailure(
      connection.db,
      row.id,
      error.message,
      at,
      (failures) => retryAt(row, now, failures, random),
      row.consecutive_failures,
    );
    return false;
  }
}

/** Records a failure of a push (a refused check-in) on the source. */
export async function recordPushFailure(
  connection: Connection,
  row: DataSourceRow,
  message: string,
  now: Date,
): Promise<void> {
  await recordSourceFailure(
    connection.db,
    row.id,
    message,
    now.toISOString(),
    () => null,
    row.consecutive_failures,
  );
}

export { SourceFailure };

/** Claims and runs a source now, whenever it was due (the "fetch now" button). */
export async function runSourceNow(
  connection: Connection,
  id: string,
  now: Date,
  options: SourceRunOptions = {},
): Promise<boolean> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
  const row = await findDataSource(connection.db, null, id);
  if (!row || !(await claimDataSource(connection.db, id, row.next_run_at ?? '9999', leaseUntil))) {
    return false;
  }
  return runPullSource(connection, row, now, options);
}

export interface PollRun {
  fetched: number;
  succeeded: number;
  failed: number;
}

/** Runs every pull source due at `now`, each at most once in this run. */
export async function pollDueDataSources(
  connection: Connection,
  now: Date,
  options: SourceRunOptions = {},
): Promise<PollRun> {
  const run: PollRun = { fetched: 0, succeeded: 0, failed: 0 };
  const at = now.toISOString();
  const seen = new Set<string>();
  for (;;) {
    const due = (await dueDataSourceIds(connection.db, at, BATCH)).filter((id) => !seen.has(id));
    if (due.length === 0) return run;
    for (const id of due) {
      seen.add(id);
      const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
      if (!(await claimDataSource(connection.db, id, at, leaseUntil))) continue;
      const row = await findDataSource(connection.db, null, id);
      if (!row) continue;
      run.fetched += 1;
      if (await runPullSource(connection, row, now, options)) run.succeeded += 1;
      else run.failed += 1;
    }
  }
}
