/**
 * At most a few reads in flight at once: an objective page asks for each key result's check-ins,
 * initiatives and dependencies, and a wide objective must not fire dozens of requests together.
 * A waiting read that is cancelled (its component left the page) leaves the queue.
 */
const MAX_PARALLEL = 3;

let running = 0;
const waiting: (() => void)[] = [];

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError');
}

/** Runs `task` once fewer than MAX_PARALLEL limited tasks run. */
export async function limited<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  if (signal?.aborted) throw abortReason(signal);
  if (running < MAX_PARALLEL) {
    running += 1;
  } else {
    // The slot is handed over by the task that finishes (running stays the same).
    await new Promise<void>((resolve, reject) => {
      const start = () => {
        signal?.removeEventListener('abort', cancel);
        resolve();
      };
      const cancel = () => {
        const index = waiting.indexOf(start);
        if (index >= 0) waiting.splice(index, 1);
        reject(abortReason(signal as AbortSignal));
      };
      waiting.push(start);
      signal?.addEventListener('abort', cancel, { once: true });
    });
  }
  try {
    return await task();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}
