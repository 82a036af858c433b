/**
 * The delivery worker: posts due outbox rows to their endpoints, signed, and records what
 * happened. Safe to run concurrently in one process or several instances: each row is claimed
 * by one conditional UPDATE (src/repositories/webhooks.ts `claimDelivery`) before it is sent.
 * Delivery is at least once: a worker that dies between sending and recording sends again
 * after the lease; receivers de-duplicate on X-OKR-Delivery.
 */
import type { Connection } from '../../db/connection.ts';
import { backoffDelay, WEBHOOK_BACKOFF, WEBHOOK_MAX_ATTEMPTS } from '../../domain/retry-backoff.ts';
import { signWebhook } from '../../domain/webhook-signature.ts';
import {
  claimDelivery,
  dueDeliveryIds,
  findDelivery,
  findEndpoint,
  recordAttempt,
  type WebhookDeliveryRow,
} from '../../repositories/webhooks.ts';

/** How long one attempt may take before it counts as failed. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** A claimed row is due again after this long if its worker never recorded an outcome. */
const LEASE_MS = 5 * 60_000;
/** How much of a receiver's answer is kept. */
export const RESPONSE_BODY_LIMIT = 2000;
const BATCH = 20;

export interface DeliverOptions {
  /** [0, 1) for the retry jitter; Math.random unless a test fixes it. */
  random?: () => number;
  timeoutMs?: number;
}

export interface DeliveryRun {
  attempted: number;
  succeeded: number;
  failed: number;
}

/** Sends every delivery due at `now` (in batches), each at most once in this run. */
export async function deliverDueWebhooks(
  connection: Connection,
  now: Date,
  options: DeliverOptions = {},
): Promise<DeliveryRun> {
  const run: DeliveryRun = { attempted: 0, succeeded: 0, failed: 0 };
  const at = now.toISOString();
  const seen = new Set<string>();
  for (;;) {
    const due = (await dueDeliveryIds(connection.db, at, BATCH)).filter((id) => !seen.has(id));
    if (due.length === 0) return run;
    for (const id of due) {
      seen.add(id);
      const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
      if (!(await claimDelivery(connection.db, id, at, leaseUntil))) continue;
      const delivery = await findDelivery(connection.db, null, id);
      if (!delivery) continue;
      run.attempted += 1;
      const ok = await attempt(connection, delivery, now, options);
      if (ok) run.succeeded += 1;
      else run.failed += 1;
    }
  }
}

async function attempt(
  connection: Connection,
  delivery: WebhookDeliveryRow,
  now: Date,
  options: DeliverOptions,
): Promise<boolean> {
  const endpoint = await findEndpoint(connection.db, delivery.org_id, delivery.endpoint_id);
  const attemptedAt = now.toISOString();
  if (!endpoint || endpoint.active !== 1) {
    await recordAttempt(connection.db, delivery.id, {
      status: 'failed',
      next_attempt_at: attemptedAt,
      last_attempt_at: attemptedAt,
      response_status: null,
      response_body: null,
      duration_ms: null,
      error: 'The endpoint is disabled.',
    });
    return false;
  }
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  let status: number | null = null;
  let body: string | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? DELIVERY_TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'OKR-Wizard-Webhooks/1',
        'x-okr-event': delivery.event_type,
        'x-okr-delivery': delivery.id,
        'x-okr-timestamp': String(timestamp),
        'x-okr-signature': signWebhook(endpoint.secret, timestamp, delivery.payload),
      },
      body: delivery.payload,
    });
    status = response.status;
    body = (await response.text()).slice(0, RESPONSE_BODY_LIMIT);
    if (status < 200 || status > 299) error = `HTTP ${status}`;
  } catch (caught) {
    error = describeFailure(caught);
  }
  const durationMs = Math.round(performance.now() - started);
  const succeeded = error === null;
  const exhausted = delivery.attempts >= WEBHOOK_MAX_ATTEMPTS;
  const retryAt = new Date(
    now.getTime() +
      backoffDelay(delivery.attempts, WEBHOOK_BACKOFF, (options.random ?? Math.random)()),
  ).toISOString();
  await recordAttempt(connection.db, delivery.id, {
    status: succeeded ? 'succeeded' : exhausted ? 'failed' : 'pending',
    next_attempt_at: succeeded || exhausted ? attemptedAt : retryAt,
    last_attempt_at: attemptedAt,
    response_status: status,
    response_body: body,
    duration_ms: durationMs,
    error,
  });
  return succeeded;
}

/** A short, safe reason for a failed request (no stack, no internals). */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'Timed out.';
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    if (cause && typeof cause.code === 'string') return `Could not connect (${cause.code}).`;
    if (cause && typeof cause.message === 'string') return cause.message.slice(0, 200);
    return error.message.slice(0, 200);
  }
  return 'The request failed.';
}
