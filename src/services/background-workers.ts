/**
 * BACKGROUND WORKERS of `okr serve` — one small place, to move onto the shared scheduler
 * (src/services/jobs/) when it lands. Each worker is an idempotent function of (connection, now),
 * safe to run concurrently in several instances; here a simple timer runs each in turn, never
 * overlapping itself, until `stop()`.
 */
import type { Connection } from '../db/connection.ts';
import { pollDueDataSources } from './data-sources/run-source.ts';
import { deliverDueWebhooks } from './webhooks/deliver.ts';

export const WORKERS: readonly {
  name: string;
  run: (c: Connection, now: Date) => Promise<unknown>;
}[] = [
  { name: 'webhook deliveries', run: deliverDueWebhooks },
  { name: 'data sources', run: pollDueDataSources },
];

export interface RunningWorkers {
  stop(): Promise<void>;
}

export function startBackgroundWorkers(
  connection: Connection,
  options: { everyMs?: number; onError?: (name: string, error: unknown) => void } = {},
): RunningWorkers {
  const everyMs = options.everyMs ?? 5_000;
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    current = (async () => {
      for (const worker of WORKERS) {
        if (stopped) return;
        try {
          await worker.run(connection, new Date());
        } catch (error) {
          options.onError?.(worker.name, error);
        }
      }
    })();
    void current.then(() => {
      if (!stopped) timer = setTimeout(tick, everyMs);
    });
  };
  timer = setTimeout(tick, everyMs);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
