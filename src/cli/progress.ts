/**
 * Progress for long CLI work: a live bar on a terminal, a line every few seconds otherwise (so
 * logs of CI and scripts still show the work moving). Always on stderr, never mixed with output.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  start(label: string, total: number): void;
  increment(by?: number): void;
  stop(): void;
}

export function createProgress(enabled = true): Progress {
  if (!enabled) return { start() {}, increment() {}, stop() {} };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: '{label} [{bar}] {percentage}% {value}/{total} {eta_formatted}', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let running = false;
    return {
      start(label, total) {
        if (running) bar.stop();
        bar.start(total, 0, { label: label.padEnd(14) });
        running = true;
      },
      increment(by = 1) {
        bar.increment(by);
      },
      stop() {
        if (running) bar.stop();
        running = false;
      },
    };
  }
  let label = '';
  let total = 0;
  let done = 0;
  let lastPrint = 0;
  return {
    start(nextLabel, nextTotal) {
      label = nextLabel;
      total = nextTotal;
      done = 0;
      lastPrint = Date.now();
      process.stderr.write(`${label}: 0/${total}\n`);
    },
    increment(by = 1) {
      done += by;
      if (Date.now() - lastPrint > 2000) {
        lastPrint = Date.now();
        process.stderr.write(`${label}: ${done}/${total}\n`);
      }
    },
    stop() {
      if (total > 0) process.stderr.write(`${label}: ${done}/${total} done\n`);
      total = 0;
    },
  };
}
