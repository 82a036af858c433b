/**
 * Commands for people who use a server rather than a database file: `okr login`, `okr okrs`
 * (my OKRs), `okr checkin` and `okr history` (check-ins and results across cycles). They talk to the public REST API with a personal API token.
 */
import os from 'node:os';
import readline from 'node:readline/promises';
import type { Command } from 'commander';
import { AppError } from '../../contracts/app-error.ts';
import { callApi } from '../api-client.ts';
import { readClientConfig, writeClientConfig } from '../client-config.ts';
import { printJson } from '../run.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function ask(question: string, hidden = false): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  if (hidden && process.stdin.isTTY) {
    // Echo nothing while the password is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  }
  try {
    const answer = await rl.question(question);
    if (hidden) process.stderr.write('\n');
    return answer.trim();
  } finally {
    rl.close();
  }
}

interface Me {
  user: { id: string; email: string; name: string };
  organisations: { slug: string; name: string }[];
}

async function chooseOrg(server: string, token: string, wanted?: string): Promise<string> {
  const { body } = await callApi<Me>(server, { method: 'GET', path: '/api/v1/me', token });
  if (wanted) {
    if (!body.organisations.some((o) => o.slug === wanted)) {
      throw new AppError('not_found', `You are not a member of '${wanted}' (you are in: ${body.organisations.map((o) => o.slug).join(', ') || 'none'}).`);
    }
    return wanted;
  }
  const first = body.organisations[0];
  if (!first) throw new AppError('not_found', 'You are not a member of any organisation on this server.');
  return first.slug;
}

export function registerServerCommands(program: Command): void {
  program
    .command('login')
    .description('Sign in to an OKR Wizard server and store a personal API token for the other commands')
    .requiredOption('--server <url>', 'the server, e.g. http://localhost:3000')
    .option('--email <email>', 'your e-mail (asked when missing)')
    .option('--password-stdin', 'read the password from standard input (for scripts)')
    .option('--token <token>', 'store an existing personal API token instead of signing in')
    .option('--org <slug>', 'the organisation to use by default')
    .action(async (options: { server: string; email?: string; passwordStdin?: boolean; token?: string; org?: string }) => {
      const server = options.server.replace(/\/+$/, '');
      if (!URL.canParse(server) || !/^https?:$/.test(new URL(server).protocol)) {
        throw new AppError('bad_input', `--server must be an http:// or https:// URL, not '${options.server}'.`);
      }
      let token = options.token;
      if (!token) {
        const email = options.email ?? (await ask('E-mail: '));
        const password = options.passwordStdin ? await readStdin() : await ask('Password: ', true);
        const login = await callApi<{ csrfToken: string }>(server, { method: 'POST', path: '/api/v1/auth/login', body: { email, password } });
        const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        const session = { cookie, 'x-csrf-token': login.body.csrfToken };
        const created = await callApi<{ token: string }>(server, {
          method: 'POST',
          path: '/api/v1/tokens',
          body: { name: `okr CLI on ${os.hostname()}` },
          headers: session,
        });
        token = created.body.token;
        await callApi(server, { method: 'POST', path: '/api/v1/auth/logout', headers: session }).catch(() => undefined);
      }
      const org = await chooseOrg(server, token, options.org);
      const file = writeClientConfig({ server, token, org });
      console.log(`Signed in to ${server} (organisation ${org}); token stored in ${file}.`);
    });

  program
    .command('okrs')
    .description('Show my objectives and key results in the active cycle (needs `okr login`)')
    .option('--org <slug>', 'organisation (default: the one chosen at login)')
    .option('--json', 'print JSON')
    .action(async (options: { org?: string; json?: boolean }) => {
      const config = readClientConfig();
      const org = options.org ?? config.org ?? (await chooseOrg(config.server, config.token));
      const { body } = await callApi<MyOkrs>(config.server, { method: 'GET', path: `/api/v1/orgs/${encodeURIComponent(org)}/me/okrs`, token: config.token });
      if (options.json) return printJson(body);
      printMyOkrs(body);
    });

  program
    .command('checkin')
    .description('Check in on a key result: its new value, optionally confidence and a note (needs `okr login`)')
    .argument('<kr-id>', 'the key result id (see `okr okrs`)')
    .argument('<value>', 'the new current value')
    .option('--confidence <c>', 'low, medium, high, or a number from 0 to 1')
    .option('--note <text>', 'what happened')
    .option('--org <slug>', 'organisation (default: the one chosen at login)')
    .option('--json', 'print JSON')
    .action(async (krId: string, valueText: string, options: { confidence?: string; note?: string; org?: string; json?: boolean }) => {
      const value = Number(valueText);
      if (valueText.trim() === '' || !Number.isFinite(value)) throw new AppError('bad_input', `The value must be a number, not '${valueText}'.`);
      const confidence = parseConfidence(options.confidence);
      const config = readClientConfig();
      const org = options.org ?? config.org ?? (await chooseOrg(config.server, config.token));
      const { body } = await callApi<CheckInResult>(config.server, {
        method: 'POST',
        path: `/api/v1/orgs/${encodeURIComponent(org)}/key-results/${encodeURIComponent(krId)}/check-ins`,
        token: config.token,
        body: { value, ...(confidence !== undefined ? { confidence } : {}), ...(options.note ? { note: options.note } : {}) },
      });
      if (options.json) return printJson(body);
      const kr = body.keyResult;
      console.log(`Checked in ${value} on "${kr?.title ?? krId}": progress ${percent(kr?.progress)}${kr?.health ? `, ${kr.health.replace('_', ' ')}` : ''}.`);
    });

  registerHistoryCommand(program);
}

interface History {
  person: { name: string };
  cycles: {
    cycle: { name: string; status: string };
    objectives: { title: string; progress: number; score: number | null }[];
    averageProgress: number | null;
    averageScore: number | null;
    checkInCount: number;
  }[];
  checkIns: { value: number; note: string | null; createdAt: string; keyResult: { title: string; unit: string | null } }[];
}

function printHistory(history: History): void {
  console.log(`History of ${history.person.name}`);
  if (history.cycles.length === 0) console.log('  (nothing yet)');
  for (const entry of history.cycles) {
    const score = entry.averageScore === null ? 'not graded' : `mean score ${entry.averageScore.toFixed(2)}`;
    const progress = entry.averageProgress === null ? '' : `, mean progress ${percent(entry.averageProgress)}`;
    console.log(`\n${entry.cycle.name} (${entry.cycle.status}): ${entry.objectives.length} objectives${progress}, ${score}, ${entry.checkInCount} check-ins`);
    for (const o of entry.objectives) {
      console.log(`  ${percent(o.progress).padStart(4)}  ${o.score === null ? '    ' : o.score.toFixed(2)}  ${o.title}`);
    }
  }
  console.log('\nLatest check-ins');
  if (history.checkIns.length === 0) console.log('  (none)');
  for (const c of history.checkIns) {
    console.log(`  ${c.createdAt.slice(0, 10)}  ${c.value}${c.keyResult.unit ? ` ${c.keyResult.unit}` : ''} on "${c.keyResult.title}"${c.note ? `: ${c.note}` : ''}`);
  }
}

export function registerHistoryCommand(program: Command): void {
  program
    .command('history')
    .description("Show a person's check-ins and objectives across cycles, mine by default (needs `okr login`)")
    .argument('[person-id]', "someone else's id (see their page); default: me")
    .option('--limit <n>', 'how many of the latest check-ins to list (1 to 500)', '20')
    .option('--org <slug>', 'organisation (default: the one chosen at login)')
    .option('--json', 'print JSON')
    .action(async (personId: string | undefined, options: { limit: string; org?: string; json?: boolean }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
        throw new AppError('bad_input', `--limit must be a whole number from 1 to 500, not '${options.limit}'.`);
      }
      const config = readClientConfig();
      const org = options.org ?? config.org ?? (await chooseOrg(config.server, config.token));
      const id = personId ?? (await callApi<Me>(config.server, { method: 'GET', path: '/api/v1/me', token: config.token })).body.user.id;
      const { body } = await callApi<History>(config.server, {
        method: 'GET',
        path: `/api/v1/orgs/${encodeURIComponent(org)}/people/${encodeURIComponent(id)}/history?limit=${limit}`,
        token: config.token,
      });
      if (options.json) return printJson(body);
      printHistory(body);
    });
}

const BANDS: Record<string, number> = { low: 0.2, medium: 0.55, high: 0.85 };

export function parseConfidence(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const band = BANDS[text.toLowerCase()];
  if (band !== undefined) return band;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new AppError('bad_input', `--confidence must be low, medium, high or a number from 0 to 1, not '${text}'.`);
  }
  return n;
}

function percent(p: number | undefined): string {
  return p === undefined ? '?' : `${Math.round(p * 100)}%`;
}

interface MyKeyResult {
  id: string;
  title: string;
  progress: number;
  health: string | null;
  current: number;
  target: number | null;
  unit: string | null;
  dueForCheckIn?: boolean;
  dependencyRisk?: { level: string; path: { title: string }[] } | null;
}
interface MyOkrs {
  cycle?: { name: string } | null;
  objectives: { id: string; title: string; progress: number; health: string | null }[];
  keyResults: MyKeyResult[];
}
interface CheckInResult {
  keyResult?: { title: string; progress: number; health: string | null };
}

function printMyOkrs(okrs: MyOkrs): void {
  console.log(`Cycle: ${okrs.cycle?.name ?? '(none active)'}`);
  console.log('\nMy objectives');
  if (okrs.objectives.length === 0) console.log('  (none)');
  for (const o of okrs.objectives) console.log(`  ${percent(o.progress).padStart(4)}  ${(o.health ?? '').padEnd(9)}  ${o.title}`);
  console.log('\nMy key results');
  if (okrs.keyResults.length === 0) console.log('  (none)');
  for (const k of okrs.keyResults) {
    const values = `${k.current}${k.target === null ? '' : ` / ${k.target}`}${k.unit ? ` ${k.unit}` : ''}`;
    console.log(`  ${k.dueForCheckIn ? 'DUE ' : '    '}${percent(k.progress).padStart(4)}  ${(k.health ?? '').padEnd(9)}  ${k.title} (${values})  id ${k.id}`);
    const risk = k.dependencyRisk;
    if (risk) {
      const source = risk.path[0]?.title ?? 'A key result';
      console.log(`                   at risk through a dependency: ${source} is ${risk.level.replace('_', ' ')} (${risk.path.map((step) => step.title).join(' -> ')})`);
    }
  }
}
