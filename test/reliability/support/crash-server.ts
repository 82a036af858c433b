/**
 * The real `okr serve` as a child process, for the crash-safety suite: started on a database,
 * killed with SIGKILL, started again. Every child started here is remembered so that a failing
 * test still leaves no server behind (`killAllServers` in afterAll).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { OKR_BIN } from '../../support/cli.ts';

export interface OkrServer {
  /** http://127.0.0.1:<port> */
  url: string;
  child: ChildProcess;
  /** SIGKILL, resolved once the process is gone. */
  kill(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** How long a start may take on a busy 2-core machine (tsx loads the TypeScript sources). */
const START_TIMEOUT_MS = 60_000;

/** Starts `okr serve --db <db> --port 0 --host 127.0.0.1` and waits until it prints its URL. */
export function startOkrServer(db: string): Promise<OkrServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [OKR_BIN, 'serve', '--db', db, '--port', '0', '--host', '127.0.0.1', '--log-level', 'warn'],
      { env: { ...process.env, OKR_DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    running.add(child);
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    void exited.then(() => running.delete(child));
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`okr serve did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // Keep only the tail: a long run logs warnings for hours.
      if (output.length > 20_000) output = output.slice(-10_000);
      const port = /OKR Wizard is running at http:\/\/\S+:(\d+)/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({
          url: `http://127.0.0.1:${port}`,
          child,
          kill() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
            return exited;
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`okr serve exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
}

/** SIGKILLs every server this module started that is still running. */
export async function killAllServers(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGKILL');
        }),
    ),
  );
}
