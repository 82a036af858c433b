/**
 * Concurrency (issue 7, part 4), through a real HTTP server on both dialects: many clients
 * changing the same key results and objectives with the same ETag lose no update — exactly one
 * succeeds, every other gets 412 with the current version; many concurrent check-ins on one key
 * result are all stored and the latest by time sets its value and progress; concurrent check-ins
 * on sibling key results leave every objective's stored progress equal to a recomputation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRole } from '../../src/contracts/model.ts';
import { computeOrganisationProgress } from '../../src/domain/organisation-progress.ts';
import { loadProgressInputs } from '../../src/repositories/progress.ts';
import { Prng } from '../../src/services/demo/prng.ts';
import { recomputeOrganisation } from '../../src/services/recompute.ts';
import { client, startTestApi, type ApiResponse, type TestApi } from '../support/api.ts';
import {
  buildCycle,
  buildKeyResult,
  buildObjective,
  buildOrganisation,
  buildToken,
  buildUser,
} from '../support/builders.ts';
import { dialectsUnderTest } from '../support/databases.ts';
import { RELIABILITY_TIMEOUT_MS, sized } from './mode.ts';

const EDITORS = sized(50, 500);
const EDIT_ROUNDS = sized(3, 10);
const CHECK_INS = sized(100, 1_000);
const SIBLINGS = sized(8, 20);
const SIBLING_ROUNDS = sized(5, 25);

/** Mid-quarter, so that expected progress and health are fixed. */
const NOW = new Date('2026-11-15T12:00:00.000Z').getTime();
const DAY = 24 * 60 * 60 * 1000;

type Body = Record<string, unknown>;
type Client = ReturnType<typeof client>;

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/** Executives (who may edit everything of a company objective) and champions (only its wording). */
async function buildWorld(api: TestApi) {
  const c = api.connection;
  const org = await buildOrganisation(c);
  const cycle = await buildCycle(c, org.id, { name: '2026-Q4', status: 'active' });
  const editors: { role: OrgRole; as: Client }[] = [];
  for (let i = 0; i < EDITORS; i += 1) {
    const role: OrgRole = i % 2 === 0 ? 'executive' : 'champion';
    const user = await buildUser(c, org.id, { name: `Editor ${i}`, roles: [role] });
    editors.push({ role, as: client(api.url, await buildToken(c, user.id)) });
  }
  const owner = await buildUser(c, org.id, { name: 'Olive Owner' });
  const company = await buildObjective(c, org.id, {
    cycleId: cycle.id,
    level: 'company',
    ownerId: owner.id,
    includeChildren: true,
  });
  return { c, org, cycle, editors, owner, company, base: `/api/v1/orgs/${org.slug}` };
}

/** The checks every 412 answer must pass: a problem JSON carrying the current object. */
function expectStale(response: ApiResponse<Body>, current: Body) {
  expect(response.status).toBe(412);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({
    type: expect.stringMatching(/^https:\/\//) as unknown,
    title: 'Precondition failed',
    status: 412,
    code: 'stale_version',
    requestId: expect.any(String) as unknown,
    current,
  });
}

/** Stored progress (and health, at `at`) of the organisation's rows equals a recomputation. */
async function progressMismatches(api: TestApi, orgId: string, at: Date, withHealth: boolean) {
  const rows = await loadProgressInputs(api.connection, orgId);
  const computed = computeOrganisationProgress(rows.input, at);
  const mismatches: string[] = [];
  for (const [kind, stored] of [
    ['keyResults', rows.storedKeyResults],
    ['objectives', rows.storedObjectives],
  ] as const) {
    for (const s of stored) {
      const c = computed[kind].get(s.id);
      if (!c || c.progress !== s.progress || (withHealth && c.health !== s.health))
        mismatches.push(
          `${kind} ${s.id}: stored ${JSON.stringify(s)}, recomputed ${JSON.stringify(c)}`,
        );
    }
  }
  return mismatches;
}

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`concurrent writers on ${dialect}`, () => {
    let api: TestApi;
    let clock: () => Date = () => new Date(NOW);
    let world: Awaited<ReturnType<typeof buildWorld>>;

    beforeAll(async () => {
      api = await startTestApi(dialect, { now: () => clock() });
      world = await buildWorld(api);
    });
    afterAll(async () => {
      await api?.close();
    });

    it(
      `gives exactly one of ${EDITORS} clients sending the same ETag its key result edit, and the others 412 with the current version`,
      async () => {
        const c = world.c;
        for (let round = 0; round < EDIT_ROUNDS; round += 1) {
          const kr = await buildKeyResult(c, world.org.id, {
            objectiveId: world.company.id,
            start: 0,
            target: 100,
          });
          const path = `${world.base}/key-results/${kr.id}`;
          const seen = await world.editors[0]!.as.get<Body>(path);
          const version = Number(seen.body.version);
          expect(seen.headers.get('etag')).toBe(`"${version}"`);
          // Executives change the title and target together, champions only the title.
          const bodies = world.editors.map((e, i) =>
            e.role === 'executive'
              ? { title: `Round ${round} title ${i}`, target: 200 + i }
              : { title: `Round ${round} wording ${i}` },
          );
          const responses = await Promise.all(
            world.editors.map((e, i) => e.as.patch<Body>(path, bodies[i], ifMatch(version))),
          );

          const winners = responses.flatMap((r, i) => (r.status === 200 ? [i] : []));
          expect(winners).toHaveLength(1);
          const w = winners[0]!;
          const winning = bodies[w]!;
          const won = { title: winning.title, target: 'target' in winning ? winning.target : 100 };
          expect(responses[w]!.body).toMatchObject({ id: kr.id, version: version + 1, ...won });
          expect(responses[w]!.headers.get('etag')).toBe(`"${version + 1}"`);
          for (const [i, response] of responses.entries())
            if (i !== w) expectStale(response, { id: kr.id, version: version + 1, ...won });

          const stored = await c.db
            .selectFrom('key_results')
            .select(['title', 'target_value', 'version'])
            .where('id', '=', kr.id)
            .executeTakeFirstOrThrow();
          expect(stored).toEqual({
            title: won.title,
            target_value: won.target,
            version: version + 1,
          });
          const audited = await c.db
            .selectFrom('audit_log')
            .select('after_json')
            .where('object_id', '=', kr.id)
            .where('action', '=', 'key_result.updated')
            .execute();
          expect(audited.map((a) => (JSON.parse(a.after_json ?? '{}') as Body).title)).toEqual([
            won.title,
          ]);
        }
      },
      RELIABILITY_TIMEOUT_MS,
    );

    it(
      `gives exactly one of ${EDITORS} clients sending the same ETag its objective edit, and the others 412 with the current version`,
      async () => {
        const c = world.c;
        for (let round = 0; round < EDIT_ROUNDS; round += 1) {
          const objective = await buildObjective(c, world.org.id, {
            cycleId: world.cycle.id,
            level: 'company',
            ownerId: world.owner.id,
            title: `Objective of round ${round}`,
          });
          const path = `${world.base}/objectives/${objective.id}`;
          const seen = await world.editors[1]!.as.get<Body>(path);
          const version = Number(seen.body.version);
          expect(seen.headers.get('etag')).toBe(`"${version}"`);
          // Executives change the wording and the tags (another table) together, champions the wording.
          const bodies = world.editors.map((e, i) => ({
            title: `Round ${round} objective ${i}`,
            rationale: `Rationale ${i}`,
            ...(e.role === 'executive' ? { tags: [`editor-${i}`] } : {}),
          }));
          const responses = await Promise.all(
            world.editors.map((e, i) => e.as.patch<Body>(path, bodies[i], ifMatch(version))),
          );

          const winners = responses.flatMap((r, i) => (r.status === 200 ? [i] : []));
          expect(winners).toHaveLength(1);
          const w = winners[0]!;
          const won = {
            title: bodies[w]!.title,
            rationale: bodies[w]!.rationale,
            tags: bodies[w]!.tags ?? [],
          };
          expect(responses[w]!.body).toMatchObject({
            id: objective.id,
            version: version + 1,
            ...won,
          });
          expect(responses[w]!.headers.get('etag')).toBe(`"${version + 1}"`);
          for (const [i, response] of responses.entries())
            if (i !== w) expectStale(response, { id: objective.id, version: version + 1, ...won });

          const stored = await c.db
            .selectFrom('objectives')
            .select(['title', 'rationale', 'version'])
            .where('id', '=', objective.id)
            .executeTakeFirstOrThrow();
          expect(stored).toEqual({
            title: won.title,
            rationale: won.rationale,
            version: version + 1,
          });
          const tags = await c.db
            .selectFrom('objective_tags')
            .select('tag')
            .where('objective_id', '=', objective.id)
            .execute();
          expect(tags.map((t) => t.tag)).toEqual(won.tags);
          const audited = await c.db
            .selectFrom('audit_log')
            .select('after_json')
            .where('object_id', '=', objective.id)
            .where('action', '=', 'objective.updated')
            .execute();
          expect(audited.map((a) => (JSON.parse(a.after_json ?? '{}') as Body).title)).toEqual([
            won.title,
          ]);
        }
      },
      RELIABILITY_TIMEOUT_MS,
    );

    it(
      `stores all of ${CHECK_INS} concurrent check-ins on one key result, and the latest by time sets its value and progress`,
      async () => {
        const c = world.c;
        const random = new Prng(Date.now() % 2 ** 31);
        const member = await buildUser(c, world.org.id, { name: 'Kim Keyresult' });
        const objective = await buildObjective(c, world.org.id, {
          cycleId: world.cycle.id,
          level: 'individual',
          ownerId: member.id,
          parentIds: [world.company.id],
        });
        const kr = await buildKeyResult(c, world.org.id, {
          objectiveId: objective.id,
          ownerId: member.id,
          start: 0,
          target: CHECK_INS,
        });
        await recomputeOrganisation(c, world.org.id, new Date(NOW));
        const tokens = await Promise.all(
          Array.from({ length: 10 }, () => buildToken(c, member.id)),
        );
        // The server stamps each check-in with its clock: here every call reads a distinct random
        // moment of one day, so arrival order and time order differ.
        const used = new Set<number>();
        clock = () => {
          let offset = random.int(DAY);
          while (used.has(offset)) offset = random.int(DAY);
          used.add(offset);
          return new Date(NOW + offset);
        };
        const values = Array.from({ length: CHECK_INS }, (_, i) => i);
        for (let i = values.length - 1; i > 0; i -= 1) {
          const j = random.int(i + 1);
          [values[i], values[j]] = [values[j]!, values[i]!];
        }
        const path = `${world.base}/key-results/${kr.id}`;
        let responses: ApiResponse<{
          checkIn: { id: string; value: number; createdAt: string; confidence: number };
        }>[];
        try {
          responses = await Promise.all(
            values.map((value, i) =>
              client(api.url, tokens[i % tokens.length]).post<{
                checkIn: { id: string; value: number; createdAt: string; confidence: number };
              }>(`${path}/check-ins`, { value, confidence: (i % 10) / 10 }),
            ),
          );
        } finally {
          clock = () => new Date(NOW);
        }
        expect(responses.map((r) => r.status)).toEqual(values.map(() => 201));
        const created = responses.map((r) => r.body.checkIn);
        expect(new Set(created.map((x) => x.createdAt)).size).toBe(CHECK_INS);
        const latest = created.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
        expect(created.map((x) => x.value).sort((a, b) => a - b)).toEqual(values.map((_, i) => i));

        const stored = await c.db
          .selectFrom('check_ins')
          .select(['id', 'value', 'created_at'])
          .where('key_result_id', '=', kr.id)
          .execute();
        expect(stored.map((s) => s.id).sort()).toEqual(created.map((x) => x.id).sort());
        const row = await c.db
          .selectFrom('key_results')
          .selectAll()
          .where('id', '=', kr.id)
          .executeTakeFirstOrThrow();
        expect({
          current: row.current_value,
          confidence: row.confidence,
          at: row.last_check_in_at,
          progress: row.progress,
          version: row.version,
        }).toEqual({
          current: latest.value,
          confidence: latest.confidence,
          at: latest.createdAt,
          progress: latest.value / CHECK_INS,
          version: 1 + CHECK_INS,
        });
        const shown = await client(api.url, tokens[0]).get<Body>(path);
        expect(shown.body).toMatchObject({
          current: latest.value,
          progress: latest.value / CHECK_INS,
          lastCheckInAt: latest.createdAt,
        });
        const listed = await client(api.url, tokens[0]).get<{ items: { id: string }[] }>(
          `${path}/check-ins?limit=1`,
        );
        expect(listed.body.items.map((x) => x.id)).toEqual([latest.id]);
        const objectiveRow = await c.db
          .selectFrom('objectives')
          .select('progress')
          .where('id', '=', objective.id)
          .executeTakeFirstOrThrow();
        expect(objectiveRow.progress).toBe(latest.value / CHECK_INS);
        expect(await progressMismatches(api, world.org.id, new Date(NOW), false)).toEqual([]);
        const audited = await c.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('object_id', '=', kr.id)
          .where('action', '=', 'key_result.checked_in')
          .executeTakeFirstOrThrow();
        expect(Number(audited.n)).toBe(CHECK_INS);
      },
      RELIABILITY_TIMEOUT_MS,
    );

    it(
      `keeps objectives' stored progress equal to a recomputation under concurrent check-ins on ${SIBLINGS} sibling key results`,
      async () => {
        const c = world.c;
        const random = new Prng(Date.now() % 2 ** 31);
        const member = await buildUser(c, world.org.id, { name: 'Sam Sibling' });
        const token = await buildToken(c, member.id);
        const parent = await buildObjective(c, world.org.id, {
          cycleId: world.cycle.id,
          level: 'company',
          ownerId: member.id,
          includeChildren: true,
        });
        const children = [
          await buildObjective(c, world.org.id, {
            cycleId: world.cycle.id,
            level: 'individual',
            ownerId: member.id,
            parentIds: [parent.id],
          }),
          await buildObjective(c, world.org.id, {
            cycleId: world.cycle.id,
            level: 'individual',
            ownerId: member.id,
            parentIds: [parent.id],
          }),
        ];
        const keyResults = [];
        for (let i = 0; i < SIBLINGS; i += 1) {
          keyResults.push(
            await buildKeyResult(c, world.org.id, {
              objectiveId: children[i % 2]!.id,
              ownerId: member.id,
              start: 0,
              target: 100,
              weight: 1 + (i % 3),
            }),
          );
        }
        await recomputeOrganisation(c, world.org.id, new Date(NOW));
        const api1 = client(api.url, token);
        for (let round = 0; round < SIBLING_ROUNDS; round += 1) {
          const responses = await Promise.all(
            keyResults.map((kr) =>
              api1.post(`${world.base}/key-results/${kr.id}/check-ins`, { value: random.int(101) }),
            ),
          );
          expect(responses.map((r) => r.status)).toEqual(keyResults.map(() => 201));
          expect(
            await progressMismatches(api, world.org.id, new Date(NOW), true),
            `round ${round + 1} of ${SIBLING_ROUNDS}`,
          ).toEqual([]);
        }
      },
      RELIABILITY_TIMEOUT_MS,
    );
  });
}
