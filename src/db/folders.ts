/** Creating folders for database, export and config files. */
import fs from 'node:fs';
import path from 'node:path';

/**
 * Creates a folder and its missing ancestors, one level at a time: Node 20's recursive mkdir
 * never returns for some paths (e.g. under /proc).
 */
export function makeFolders(folder: string, mode?: number): void {
  const missing: string[] = [];
  for (let current = folder; !fs.existsSync(current); current = path.dirname(current)) {
    missing.push(current);
    if (path.dirname(current) === current) break;
  }
  for (const next of missing.reverse()) fs.mkdirSync(next, mode === undefined ? undefined : { mode });
}
