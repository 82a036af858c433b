/**
 * The commands for people who use a server (`okr login`, `okr okrs`, `okr checkin`), run as real
 * processes against a real API server over SQLite: what they store, print and change, and the
 * clear one-line errors of the usual mistakes.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/services/passwords.ts';
import { dependencyRow } from '../../src/repositories/rows.ts';
import { hashSecret } from '../../src/services/secrets.ts';
import { client, startTestApi, type TestApi } from '../support/api.ts';
import {
  buildCycle,
  buildKeyResult,
  buildObjective,
  buildOrganisation,
  buildToken,
  buildUser,
} from '../support/builders.ts';
import { runOkr, type CliResult } from '../support/cli.ts';

const PASSWORD = 'correct horse battery staple';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 1;
}

/** Each `okr` run starts a Node process that loads the CLI's TypeScript: seconds on a busy machine. */
const CLI_TIMEOUT_MS = 120_000;

const anyText: unknown = expect.any(String);

const failure = (result: CliResult) => ({ code: result.code, stderr: result.stderr });

describe('okr login, okrs and checkin against a server', () => {
  let api: TestApi;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okrw-cli-server-'));
  /** A folder that does not exist yet: login creates it. */
  const config = path.join(dir, 'okr-wizard', 'config.json');
  const asUser = (args: string[], input?: string, configFile = config) =>
    runOkr(args, { env: { OKR_CONFIG: configFile }, ...(input !== undefined ? { input } : {}) });
  let org: { id: string; slug: string };
  let user: { id: string; email: string };
  let keyResult: { id: string };

  beforeAll(async () => {
    api = await startTestApi('sqlite');
    const c = api.connection;
    org = await buildOrganisation(c);
    user = await buildUser(c, org.id, {
      name: 'Mia Member',
      passwordHash: await hashPassword(PASSWORD),
    });
    const cycle = await buildCycle(c, org.id, { name: '2026-Q4', status: 'active' });
    const objective = await buildObjective(c, org.id, {
      cycleId: cycle.id,
      level: 'individual',
      ownerId: user.id,
      title: 'Ship the mobile app',
    });
    keyResult = await buildKeyResult(c, org.id, {
      objectiveId: objective.id,
      ownerId: user.id,
      title: 'Weekly active users',
      start: 0,
      target: 100,
    });
  });

  /** A client config with a fresh API token of the user, as `okr login` writes it. */
  async function signedInConfig(name: string): Promise<string> {
    const file = path.join(dir, name);
    const token = await buildToken(api.connection, user.id);
    fs.writeFileSync(file, JSON.stringify({ server: api.url, token, org: org.slug }), {
      mode: 0o600,
    });
    return file;
  }

  const checkInValues = async () =>
    (
      await api.connection.db
        .selectFrom('check_ins')
        .select('value')
        .where('key_result_id', '=', keyResult.id)
        .orderBy('id')
        .execute()
    ).map((c) => c.value);

  afterAll(async () => {
    await api?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'signs in with the password from stdin and stores a token only the user can read',
    async () => {
      const login = await asUser(
        ['login', '--server', `${api.url}/`, '--email', user.email, '--password-stdin'],
        `${PASSWORD}\n`,
      );
      expect(login).toMatchObject({ code: 0, stderr: '' });
      expect(login.stdout).toContain(`Signed in to ${api.url} (organisation ${org.slug})`);
      expect(login.stdout).toContain(config);

      expect(fs.statSync(config).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(config)).mode & 0o777).toBe(0o700);
      const stored = JSON.parse(fs.readFileSync(config, 'utf8')) as Record<string, string>;
      expect(stored).toEqual({ server: api.url, token: anyText, org: org.slug });
      // A personal API token of the user (the sign-in session itself was ended).
      const tokens = await api.connection.db
        .selectFrom('api_tokens')
        .select(['user_id', 'revoked_at'])
        .where('token_hash', '=', hashSecret(stored.token ?? ''))
        .execute();
      expect(tokens).toEqual([{ user_id: user.id, revoked_at: null }]);
      const sessions = await api.connection.db
        .selectFrom('sessions')
        .select('revoked_at')
        .where('user_id', '=', user.id)
        .execute();
      expect(sessions).toEqual([{ revoked_at: anyText }]);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'lists my key results, then records a check-in and prints the new progress',
    async () => {
      // Signed in as `okr login` leaves it (that command is the test above).
      const tokenConfig = await signedInConfig('okrs.json');
      const okrs = await asUser(['okrs', '--json'], undefined, tokenConfig);
      expect(okrs).toMatchObject({ code: 0, stderr: '' });
      const mine = JSON.parse(okrs.stdout) as { keyResults: { id: string; title: string }[] };
      expect(mine.keyResults).toEqual([
        expect.objectContaining({ id: keyResult.id, title: 'Weekly active users' }),
      ]);

      const checkIn = await asUser(
        ['checkin', keyResult.id, '42', '--confidence', 'high', '--note', 'Launch week went well'],
        undefined,
        tokenConfig,
      );
      expect(checkIn).toMatchObject({ code: 0, stderr: '' });
      expect(checkIn.stdout).toContain('Checked in 42 on "Weekly active users": progress 42%');

      const stored = await api.connection.db
        .selectFrom('check_ins')
        .select(['value', 'confidence', 'note', 'author_id', 'source'])
        .where('key_result_id', '=', keyResult.id)
        .execute();
      expect(stored).toEqual([
        {
          value: 42,
          confidence: 0.85,
          note: 'Launch week went well',
          author_id: user.id,
          source: 'user',
        },
      ]);
      const after = await api.connection.db
        .selectFrom('key_results')
        .select('current_value')
        .where('id', '=', keyResult.id)
        .executeTakeFirstOrThrow();
      expect(after.current_value).toBe(42);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'prints my history across cycles with the check-in just made, and refuses a bad --limit',
    async () => {
      const tokenConfig = await signedInConfig('history.json');
      const history = await asUser(['history'], undefined, tokenConfig);
      expect(history).toMatchObject({ code: 0, stderr: '' });
      expect(history.stdout).toContain('History of Mia Member');
      expect(history.stdout).toContain('2026-Q4 (active): 1 objectives, mean progress 42%, not graded, 1 check-ins');
      expect(history.stdout).toContain('42 on "Weekly active users": Launch week went well');
      const json = await asUser(['history', user.id, '--json', '--limit', '1'], undefined, tokenConfig);
      expect(JSON.parse(json.stdout)).toMatchObject({ person: { id: user.id }, checkIns: [{ value: 42 }] });
      const bad = await asUser(['history', '--limit', '0'], undefined, tokenConfig);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('--limit must be a whole number from 1 to 500');
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'prints a key result at risk through a dependency, with the path',
    async () => {
      const c = api.connection;
      const owner = await buildUser(c, org.id, { name: 'Bea Backend' });
      const cycle = await c.db
        .selectFrom('objectives')
        .select('cycle_id')
        .where('org_id', '=', org.id)
        .executeTakeFirstOrThrow();
      const objective = await buildObjective(c, org.id, {
        cycleId: cycle.cycle_id,
        level: 'individual',
        ownerId: owner.id,
        title: 'A faster backend',
      });
      const needed = await buildKeyResult(c, org.id, {
        objectiveId: objective.id,
        ownerId: owner.id,
        title: 'Sync API live',
      });
      await c.db
        .insertInto('dependencies')
        .values(
          dependencyRow({
            id: uuidv7(),
            orgId: org.id,
            keyResultId: keyResult.id,
            dependsOnId: needed.id,
            createdAt: new Date().toISOString(),
          }),
        )
        .execute();
      // Nearly done, whatever the date, but its owner is not confident: at risk, and so is the
      // key result that needs it.
      const checkIn = await client(api.url, await buildToken(c, owner.id)).post(
        `/api/v1/orgs/${org.slug}/key-results/${needed.id}/check-ins`,
        { value: 99, confidence: 0.1 },
      );
      expect(checkIn.status).toBe(201);
      const okrs = await asUser(['okrs'], undefined, await signedInConfig('risk.json'));
      expect(okrs).toMatchObject({ code: 0, stderr: '' });
      expect(okrs.stdout).toContain(
        'at risk through a dependency: Sync API live is at risk (Sync API live -> Weekly active users)',
      );
    },
    CLI_TIMEOUT_MS,
  );

  describe('fails with a clear message and a non-zero exit', () => {
    /** Runs a check-in command that must fail, and checks that no check-in was stored. */
    async function failedCheckIn(args: string[]): Promise<CliResult> {
      const before = await checkInValues();
      const result = await asUser(
        ['checkin', ...args],
        undefined,
        await signedInConfig('mistakes.json'),
      );
      expect(await checkInValues()).toEqual(before);
      return result;
    }

    it(
      'on a wrong password, storing nothing',
      async () => {
        const notWritten = path.join(dir, 'never-written', 'config.json');
        const login = await asUser(
          ['login', '--server', api.url, '--email', user.email, '--password-stdin'],
          'not the password\n',
          notWritten,
        );
        expect(failure(login)).toEqual({
          code: 1,
          stderr: 'okr: The server said 401: E-mail or password is wrong.\n',
        });
        expect(fs.existsSync(notWritten)).toBe(false);
      },
      CLI_TIMEOUT_MS,
    );

    it(
      'on a value that is not a number',
      async () => {
        expect(failure(await failedCheckIn([keyResult.id, 'abc']))).toEqual({
          code: 1,
          stderr: "okr: The value must be a number, not 'abc'.\n",
        });
      },
      CLI_TIMEOUT_MS,
    );

    it(
      'on a confidence outside low, medium, high and 0 to 1',
      async () => {
        expect(failure(await failedCheckIn([keyResult.id, '42', '--confidence', '7']))).toEqual({
          code: 1,
          stderr: "okr: --confidence must be low, medium, high or a number from 0 to 1, not '7'.\n",
        });
      },
      CLI_TIMEOUT_MS,
    );

    it(
      'on a key result the server does not know',
      async () => {
        const unknown = await failedCheckIn([uuidv7(), '42']);
        expect(unknown.code).toBe(1);
        expect(unknown.stderr).toMatch(/^okr: The server said 404: .+\n$/);
      },
      CLI_TIMEOUT_MS,
    );

    it(
      'without a signed-in config, telling to run okr login',
      async () => {
        const result = await asUser(['okrs'], undefined, path.join(dir, 'nobody', 'config.json'));
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(
          /^okr: Not signed in to a server; run `okr login --server URL` first/,
        );
      },
      CLI_TIMEOUT_MS,
    );

    it(
      'when the server cannot be reached',
      async () => {
        const unreachable = path.join(dir, 'unreachable.json');
        fs.writeFileSync(
          unreachable,
          JSON.stringify({
            server: `http://127.0.0.1:${await closedPort()}`,
            token: 'okr_nothing',
            org: org.slug,
          }),
        );
        const result = await asUser(['okrs'], undefined, unreachable);
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(
          /^okr: Cannot reach the server at http:\/\/127\.0\.0\.1:\d+: .+\n$/,
        );
      },
      CLI_TIMEOUT_MS,
    );
  });
});
