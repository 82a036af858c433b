/**
 * Where `okr login` keeps the server and token: $OKR_CONFIG, else
 * $XDG_CONFIG_HOME/okr-wizard/config.json, else ~/.config/okr-wizard/config.json (mode 0600).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../contracts/app-error.ts';
import { makeFolders } from '../db/folders.ts';

const configSchema = z.object({ server: z.url(), token: z.string().min(1), org: z.string().optional() });
export type ClientConfig = z.infer<typeof configSchema>;

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.OKR_CONFIG) return env.OKR_CONFIG;
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'okr-wizard', 'config.json');
}

export function readClientConfig(): ClientConfig {
  const file = configPath();
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch {
    throw new AppError('unauthenticated', `Not signed in to a server; run \`okr login --server URL\` first (no ${file}).`);
  }
  const parsed = configSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new AppError('bad_input', `${file} is damaged; run \`okr login\` again.`);
  return parsed.data;
}

export function writeClientConfig(config: ClientConfig): string {
  const file = configPath();
  makeFolders(path.dirname(file), 0o700);
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}
