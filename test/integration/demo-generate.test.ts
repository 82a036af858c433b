/**
 * The demo organisation and the synthetic generator, on SQLite and PostgreSQL: what the demo must
 * show, that it loads once only, that generation is deterministic and proportioned, and that the
 * SQL alignment walks agree with a plain breadth-first search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/contracts/app-error.ts';
import { KR_DIRECTIONS, KR_KINDS } from '../../src/contracts/model.ts';
import type { Connection } from '../../src/db/connection.ts';
import type { TableName } from '../../src/db/schema.ts';
import { ancestorIds, descendantIds } from '../../src/repositories/alignment-queries.ts';
import { DEMO_PASSWORD, loadDemoOrganisation } from '../../src/services/demo-organisation.ts';
import { generateOrganisation } from '../../src/services/generate-organisation.ts';
import { verifyPassword } from '../../src/services/passwords.ts';
import {
  createTestDatabase,
  dialectsUnderTest,
  openTestConnection,
  type TestDatabase,
} from '../support/databases.ts';

const NOW = new Date('2026-11-20T10:30:00.000Z');
const DAY_MS = 86_400_000;

const TABLES: TableName[] = [
  'organisations',
  'users',
  'memberships',
  'member_roles',
  'teams',
  'team_members',
  'cycles',
  'objectives',
  'objective_readers',
  'objective_teams',
  'objective_tags',
  'alignments',
  'key_results',
  'initiatives',
  'check_ins',
  'dependencies',
  'comments',
  'audit_log',
];

async function countRows(connection: Connection): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await connection.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** Every row of every table, each table sorted the same way on both dialects. */
async function dumpAll(connection: Connection): Promise<Record<string, string[]>> {
  const dump: Record<string, string[]> = {};
  for (const table of TABLES) {
    const rows = await connection.db.selectFrom(table).selectAll().execute();
    dump[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return dump;
}

function bfs(start: string, next: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const n of next.get(queue[i] as string) ?? []) {
      if (n !== start && !seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}

const dialects = await dialectsUnderTest();

for (const { dialect, skip } of dialects) {
  describe.skipIf(skip)(`okr demo on ${dialect}`, () => {
    let database: TestDatabase;
    let connection: Connection;
    let orgId: string;

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      connection = await openTestConnection(database);
      const outcome = await loadDemoOrganisation(connection, { now: NOW });
      orgId = outcome.orgId;
      expect(outcome.recomputed.objectives).toBeGreaterThan(20);
    });
    afterAll(async () => {
      await connection?.close();
      await database?.drop();
    });

    it('has about 60 people in about 10 teams over three levels', async () => {
      const { db } = connection;
      const people = await db
        .selectFrom('memberships')
        .select('user_id')
        .where('org_id', '=', orgId)
        .execute();
      expect(people.length).toBeGreaterThanOrEqual(55);
      expect(people.length).toBeLessThanOrEqual(65);
      const teams = await db
        .selectFrom('teams')
        .select(['id', 'parent_id', 'name'])
        .where('org_id', '=', orgId)
        .execute();
      expect(teams.length).toBeGreaterThanOrEqual(9);
      const parentOf = new Map(teams.map((t) => [t.id, t.parent_id]));
      const depth = (id: string | null): number =>
        id === null ? 0 : 1 + depth(parentOf.get(id) ?? null);
      expect(Math.max(...teams.map((t) => depth(t.id)))).toBe(3);
      const org = await db
        .selectFrom('organisations')
        .selectAll()
        .where('id', '=', orgId)
        .executeTakeFirstOrThrow();
      expect(org).toMatchObject({ slug: 'acme', name: 'Acme' });
    });

    it('has the six demo sign-ins in their roles and teams, with password okr-demo', async () => {
      const { db } = connection;
      const expected: Record<string, { roles: string[]; lead?: string; member?: string }> = {
        'ceo@acme.test': { roles: ['executive'] },
        'champion@acme.test': { roles: ['champion'] },
        'coordinator@acme.test': { roles: ['coordinator'] },
        'lead@acme.test': { roles: [], lead: 'Checkout' },
        'member@acme.test': { roles: [], member: 'Checkout' },
        'admin@acme.test': { roles: ['admin'] },
      };
      for (const [email, want] of Object.entries(expected)) {
        const user = await db
          .selectFrom('users')
          .selectAll()
          .where('email', '=', email)
          .executeTakeFirstOrThrow();
        expect(user.password_hash).toMatch(/^\$argon2id\$/);
        expect(await verifyPassword(user.password_hash, DEMO_PASSWORD)).toBe(true);
        expect(await verifyPassword(user.password_hash, 'wrong')).toBe(false);
        const roles = await db
          .selectFrom('member_roles')
          .select('role')
          .where('user_id', '=', user.id)
          .where('org_id', '=', orgId)
          .execute();
        expect(roles.map((r) => r.role).sort()).toEqual(want.roles);
        const teams = await db
          .selectFrom('team_members')
          .innerJoin('teams', 'teams.id', 'team_members.team_id')
          .select(['teams.name', 'team_members.is_lead'])
          .where('team_members.user_id', '=', user.id)
          .execute();
        if (want.lead) expect(teams).toContainEqual({ name: want.lead, is_lead: 1 });
        if (want.member) {
          expect(teams).toContainEqual({ name: want.member, is_lead: 0 });
          const owned = await db
            .selectFrom('key_results')
            .innerJoin('objectives', 'objectives.id', 'key_results.objective_id')
            .innerJoin('teams', 'teams.id', 'objectives.team_id')
            .select('key_results.id')
            .where('key_results.owner_id', '=', user.id)
            .where('teams.name', '=', want.member)
            .execute();
          expect(owned.length).toBeGreaterThanOrEqual(2);
        }
      }
    });

    it('has a closed past quarter with scores and an active quarter containing now', async () => {
      const { db } = connection;
      const cycles = await db
        .selectFrom('cycles')
        .selectAll()
        .where('org_id', '=', orgId)
        .orderBy('start_date')
        .execute();
      expect(cycles.map((c) => [c.name, c.status, c.start_date, c.end_date])).toEqual([
        ['2026-Q3', 'closed', '2026-07-01', '2026-09-30'],
        ['2026-Q4', 'active', '2026-10-01', '2026-12-31'],
      ]);
      const [closed] = cycles;
      const pastObjectives = await db
        .selectFrom('objectives')
        .select(['id', 'score'])
        .where('cycle_id', '=', closed?.id ?? '')
        .execute();
      expect(pastObjectives.length).toBeGreaterThan(3);
      expect(pastObjectives.every((o) => o.score !== null && o.score >= 0 && o.score <= 1)).toBe(
        true,
      );
      const pastKrs = await db
        .selectFrom('key_results')
        .innerJoin('objectives', 'objectives.id', 'key_results.objective_id')
        .select('key_results.score')
        .where('objectives.cycle_id', '=', closed?.id ?? '')
        .execute();
      expect(pastKrs.every((k) => k.score !== null)).toBe(true);
    });

    it('covers every level, kind and direction, baseline-first, shared, private, alignment and collaboration', async () => {
      const { db } = connection;
      const active = await db
        .selectFrom('cycles')
        .select('id')
        .where('org_id', '=', orgId)
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow();
      const objectives = await db
        .selectFrom('objectives')
        .selectAll()
        .where('cycle_id', '=', active.id)
        .execute();
      expect(new Set(objectives.map((o) => o.level))).toEqual(
        new Set(['company', 'team', 'individual', 'shared']),
      );
      const krs = await db
        .selectFrom('key_results')
        .innerJoin('objectives', 'objectives.id', 'key_results.objective_id')
        .selectAll('key_results')
        .where('objectives.cycle_id', '=', active.id)
        .execute();
      expect(new Set(krs.map((k) => k.kind))).toEqual(new Set(KR_KINDS));
      expect(new Set(krs.map((k) => k.direction))).toEqual(new Set(KR_DIRECTIONS));
      expect(
        krs.filter((k) => k.kind === 'currency').every((k) => /^[A-Z]{3}$/.test(k.currency ?? '')),
      ).toBe(true);
      expect(krs.some((k) => k.target_value === null)).toBe(true);
      expect(
        krs.every((k) => k.confidence === null || (k.confidence >= 0 && k.confidence <= 1)),
      ).toBe(true);

      const shared = objectives.filter((o) => o.level === 'shared').map((o) => o.id);
      const contributing = await db
        .selectFrom('objective_teams')
        .select('objective_id')
        .where('org_id', '=', orgId)
        .execute();
      for (const id of shared)
        expect(contributing.filter((c) => c.objective_id === id).length).toBeGreaterThanOrEqual(2);

      const privateOnes = objectives.filter((o) => o.visibility === 'private');
      expect(privateOnes.length).toBeGreaterThanOrEqual(1);
      const readers = await db
        .selectFrom('objective_readers')
        .select('objective_id')
        .where('org_id', '=', orgId)
        .execute();
      expect(readers.some((r) => r.objective_id === privateOnes[0]?.id)).toBe(true);

      const alignments = await db
        .selectFrom('alignments')
        .select(['child_id', 'parent_id'])
        .where('org_id', '=', orgId)
        .execute();
      const parentsOf = new Map<string, string[]>();
      for (const a of alignments)
        parentsOf.set(a.child_id, [...(parentsOf.get(a.child_id) ?? []), a.parent_id]);
      const level = new Map(objectives.map((o) => [o.id, o.level]));
      expect([...parentsOf.values()].some((parents) => parents.length > 1)).toBe(true);
      expect(
        objectives.some(
          (o) => o.level === 'team' && parentsOf.get(o.id)?.some((p) => level.get(p) === 'company'),
        ),
      ).toBe(true);
      expect(
        objectives.some(
          (o) =>
            o.level === 'individual' && parentsOf.get(o.id)?.some((p) => level.get(p) === 'team'),
        ),
      ).toBe(true);

      const dependencies = await db
        .selectFrom('dependencies as d')
        .innerJoin('key_results as a', 'a.id', 'd.key_result_id')
        .innerJoin('objectives as ao', 'ao.id', 'a.objective_id')
        .innerJoin('key_results as b', 'b.id', 'd.depends_on_id')
        .innerJoin('objectives as bo', 'bo.id', 'b.objective_id')
        .select(['ao.team_id as from_team', 'bo.team_id as to_team'])
        .where('d.org_id', '=', orgId)
        .execute();
      expect(dependencies.some((d) => d.from_team !== d.to_team)).toBe(true);
      const counts = await countRows(connection);
      expect(counts.comments).toBeGreaterThan(5);
      expect(counts.objective_tags).toBeGreaterThan(5);
      expect(counts.initiatives).toBeGreaterThan(3);
      const audit = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('org_id', '=', orgId)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['organisation.demo_loaded']);
    });

    it('keeps every key result equal to its latest check-in, with weeks of history', async () => {
      const { db } = connection;
      const krs = await db
        .selectFrom('key_results')
        .selectAll()
        .where('org_id', '=', orgId)
        .execute();
      const checkIns = await db
        .selectFrom('check_ins')
        .selectAll()
        .where('org_id', '=', orgId)
        .execute();
      const byKr = new Map<string, typeof checkIns>();
      for (const c of checkIns)
        byKr.set(c.key_result_id, [...(byKr.get(c.key_result_id) ?? []), c]);
      for (const kr of krs) {
        const history = (byKr.get(kr.id) ?? []).sort((a, b) =>
          a.created_at.localeCompare(b.created_at),
        );
        const latest = history.at(-1);
        expect(latest, kr.title).toBeDefined();
        expect([kr.current_value, kr.confidence, kr.last_check_in_at]).toEqual([
          latest?.value,
          latest?.confidence,
          latest?.created_at,
        ]);
        expect(history.every((c) => c.created_at < NOW.toISOString())).toBe(true);
        expect(
          history.every((c) => c.confidence !== null && c.confidence >= 0 && c.confidence <= 1),
        ).toBe(true);
      }
      expect(Math.max(...[...byKr.values()].map((h) => h.length))).toBeGreaterThanOrEqual(8);
      expect(checkIns.filter((c) => c.note !== null).length).toBeGreaterThan(checkIns.length / 3);
    });

    it('shows objectives on track, at risk and off track, and a stale key result', async () => {
      const { db } = connection;
      const rows = await db
        .selectFrom('objectives')
        .innerJoin('cycles', 'cycles.id', 'objectives.cycle_id')
        .select(['objectives.health'])
        .where('cycles.status', '=', 'active')
        .where('objectives.org_id', '=', orgId)
        .execute();
      for (const health of ['on_track', 'at_risk', 'off_track']) {
        expect(rows.filter((r) => r.health === health).length, health).toBeGreaterThanOrEqual(2);
      }
      const staleBefore = new Date(NOW.getTime() - 21 * DAY_MS).toISOString();
      const stale = await db
        .selectFrom('key_results')
        .innerJoin('objectives', 'objectives.id', 'key_results.objective_id')
        .innerJoin('cycles', 'cycles.id', 'objectives.cycle_id')
        .select('key_results.id')
        .where('cycles.status', '=', 'active')
        .where('key_results.last_check_in_at', '<', staleBefore)
        .execute();
      expect(stale.length).toBeGreaterThanOrEqual(1);
    });

    it('refuses to load twice and changes nothing', async () => {
      const before = await countRows(connection);
      const error = await loadDemoOrganisation(connection, { now: NOW }).catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe('conflict');
      expect((error as Error).message).toMatch(/already exists/);
      expect(await countRows(connection)).toEqual(before);
    });
  });

  describe.skipIf(skip)(`okr generate on ${dialect}`, () => {
    const databases: TestDatabase[] = [];
    const connections: Connection[] = [];
    let first: Connection;
    let firstOrgId: string;

    async function generated(
      seed: number,
      checkInsPerKeyResult = 10,
    ): Promise<{ connection: Connection; orgId: string }> {
      const database = await createTestDatabase(dialect);
      databases.push(database);
      const connection = await openTestConnection(database);
      connections.push(connection);
      const outcome = await generateOrganisation(connection, {
        people: 200,
        seed,
        slug: 'bench',
        now: NOW,
        checkInsPerKeyResult,
      });
      return { connection, orgId: outcome.orgId };
    }

    beforeAll(async () => {
      ({ connection: first, orgId: firstOrgId } = await generated(7));
    });
    afterAll(async () => {
      for (const c of connections) await c.close();
      for (const d of databases) await d.drop();
    });

    it('has the proportions of a real organisation', async () => {
      const counts = await countRows(first);
      expect(counts).toMatchObject({
        organisations: 1,
        users: 200,
        memberships: 200,
        teams: 20,
        objectives: 600,
        key_results: 2000,
        check_ins: 20_000,
        cycles: 1,
      });
      const { db } = first;
      const levels = await db
        .selectFrom('objectives')
        .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('level')
        .execute();
      const byLevel = Object.fromEntries(levels.map((l) => [l.level, Number(l.n)]));
      expect(byLevel).toEqual({ company: 6, shared: 24, team: 180, individual: 390 });
      const aligned = await db.selectFrom('alignments').select('child_id').distinct().execute();
      expect(aligned.length / (600 - 6)).toBeGreaterThan(0.94);
      const teams = await db.selectFrom('teams').select(['id', 'parent_id']).execute();
      const parentOf = new Map(teams.map((t) => [t.id, t.parent_id]));
      const depth = (id: string | null): number =>
        id === null ? 0 : 1 + depth(parentOf.get(id) ?? null);
      expect(Math.max(...teams.map((t) => depth(t.id)))).toBeGreaterThanOrEqual(3);
      const roles = await db.selectFrom('member_roles').select('role').distinct().execute();
      expect(roles.map((r) => r.role).sort()).toEqual([
        'admin',
        'champion',
        'coordinator',
        'executive',
      ]);
      const krs = await db
        .selectFrom('key_results')
        .select(['kind', 'direction', 'health', 'last_check_in_at'])
        .execute();
      expect(new Set(krs.map((k) => k.kind)).size).toBe(4);
      expect(new Set(krs.map((k) => k.direction)).size).toBe(4);
      expect(
        krs.every(
          (k) =>
            k.health !== null &&
            k.last_check_in_at !== null &&
            k.last_check_in_at < NOW.toISOString(),
        ),
      ).toBe(true);
    });

    it('keeps every key result equal to its latest check-in', async () => {
      const { db } = first;
      const latest = await db
        .selectFrom('check_ins as c')
        .innerJoin('key_results as k', 'k.id', 'c.key_result_id')
        .select([
          'k.id',
          'k.current_value',
          'k.confidence',
          'c.value',
          'c.confidence as check_in_confidence',
        ])
        .whereRef('c.created_at', '=', 'k.last_check_in_at')
        .execute();
      expect(latest.length).toBe(2000);
      expect(
        latest.every((r) => r.current_value === r.value && r.confidence === r.check_in_confidence),
      ).toBe(true);
    });

    it('is deterministic: the same seed gives identical rows, another seed different ones', async () => {
      const again = await generated(7);
      expect(again.orgId).toBe(firstOrgId);
      const [a, b] = await Promise.all([dumpAll(first), dumpAll(again.connection)]);
      for (const table of TABLES) expect(b[table], table).toEqual(a[table]);
      // Another seed (with fewer check-ins, to stay fast) gives other people, objectives and edges.
      const other = await generated(8, 1);
      const c = await dumpAll(other.connection);
      for (const table of ['users', 'objectives'] as const) {
        expect(c[table]?.length, table).toBe(a[table]?.length);
        expect(c[table], table).not.toEqual(a[table]);
      }
      expect(c.alignments).not.toEqual(a.alignments);
      // The same seed under another slug gets other ids, so both fit in one database.
      const twin = await generateOrganisation(again.connection, {
        people: 20,
        seed: 7,
        slug: 'bench-twin',
        now: NOW,
      });
      expect(twin.orgId).not.toBe(firstOrgId);
    });

    it('walks descendants and ancestors in SQL exactly like a breadth-first search', async () => {
      const { db } = first;
      const edges = await db.selectFrom('alignments').select(['child_id', 'parent_id']).execute();
      const down = new Map<string, string[]>();
      const up = new Map<string, string[]>();
      for (const e of edges) {
        down.set(e.parent_id, [...(down.get(e.parent_id) ?? []), e.child_id]);
        up.set(e.child_id, [...(up.get(e.child_id) ?? []), e.parent_id]);
      }
      const companies = await db
        .selectFrom('objectives')
        .select('id')
        .where('level', '=', 'company')
        .execute();
      let walked = 0;
      for (const { id } of companies) {
        const sqlIds = await descendantIds(db, id);
        expect(new Set(sqlIds).size).toBe(sqlIds.length);
        expect(new Set(sqlIds)).toEqual(bfs(id, down));
        walked += sqlIds.length;
      }
      expect(walked).toBeGreaterThan(100);
      const leaves = await db
        .selectFrom('objectives')
        .select('id')
        .where('level', '=', 'individual')
        .orderBy('id')
        .limit(40)
        .execute();
      let multiParent = 0;
      for (const { id } of leaves) {
        const sqlIds = await ancestorIds(db, id);
        const expected = bfs(id, up);
        expect(new Set(sqlIds)).toEqual(expected);
        if (expected.size > (up.get(id)?.length ?? 0)) multiParent++;
      }
      expect(multiParent).toBeGreaterThan(0);
      expect(await descendantIds(db, 'no-such-objective')).toEqual([]);
    });
  });
}
