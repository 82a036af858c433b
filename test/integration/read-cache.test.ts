/**
 * The read cache never serves a stale view: writes through the API, through the server's own
 * connection and through another connection (another process, another instance) all show on the
 * next read of an objective and of a cycle's tree; the clock-driven expected progress is fresh.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type Connection } from '../../src/db/connection.ts';
import { ReadCache } from '../../src/db/read-cache.ts';
import { client, startTestApi, type TestApi } from '../support/api.ts';
import { buildCycle, buildKeyResult, buildObjective, buildOrganisation, buildToken, buildUser } from '../support/builders.ts';
import { createTestDatabase, dialectsUnderTest, openTestConnection, type TestDatabase } from '../support/databases.ts';

type Body = Record<string, unknown>;

describe('ReadCache', () => {
  it('serves an entry only at the version it was built at, and drops it after', () => {
    const cache = new ReadCache(100);
    cache.set('a', '1', 'view', 10);
    expect(cache.get('a', '1')).toBe('view');
    expect(cache.get('a', '2')).toBeUndefined();
    expect(cache.get('a', '1')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps its weight bounded, evicting the least recently used first', () => {
    const cache = new ReadCache(30);
    cache.set('a', '1', 'A', 10);
    cache.set('b', '1', 'B', 10);
    cache.set('c', '1', 'C', 10);
    expect(cache.get('a', '1')).toBe('A');
    cache.set('d', '1', 'D', 10);
    expect(cache.get('b', '1')).toBeUndefined();
    expect(cache.get('a', '1')).toBe('A');
    expect(cache.get('c', '1')).toBe('C');
    expect(cache.get('d', '1')).toBe('D');
    cache.set('huge', '1', 'H', 31);
    expect(cache.get('huge', '1')).toBeUndefined();
    expect(cache.size).toBe(3);
  });
});

describe('the SQLite write tracker behind table-scoped versions', () => {
  let database: TestDatabase;
  let connection: Connection;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    connection = await openTestConnection(database);
    await sql`CREATE TABLE parent (id INTEGER PRIMARY KEY, label TEXT)`.execute(connection.db);
    await sql`CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id) ON DELETE CASCADE)`.execute(connection.db);
    await sql`CREATE TABLE other (id INTEGER PRIMARY KEY, label TEXT)`.execute(connection.db);
  });
  afterAll(async () => {
    await connection?.close();
    await database?.drop();
  });
  // The tables are not in the typed schema: go through an untyped view of the same Kysely.
  const db = () => connection.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const childVersion = () => connection.dataVersion?.(['child']);

  it("keeps a table's version through writes to other tables and moves it on a write to that table", async () => {
    const before = childVersion();
    await db().insertInto('other').values({ label: 'x' }).execute();
    await db().updateTable('other').set({ label: 'y' }).execute();
    await db().insertInto('parent').values({ id: 1, label: 'p' }).execute();
    expect(childVersion()).toBe(before);
    await db().insertInto('child').values({ id: 10, parent_id: 1 }).execute();
    const afterInsert = childVersion();
    expect(afterInsert).not.toBe(before);
    // A write that changed nothing leaves it.
    await db().deleteFrom('child').where('id', '=', 999).execute();
    expect(childVersion()).toBe(afterInsert);
    await db().updateTable('child as c').set({ parent_id: 1 }).where('c.id', '=', 10).execute();
    expect(childVersion()).not.toBe(afterInsert);
  });

  it('moves every version when a write is undone, so that nothing read in between outlives it', async () => {
    const other = () => connection.dataVersion?.(['other']);
    const whole = () => connection.dataVersion?.();
    // A whole transaction rolled back: the version read inside it, after its write, is not the
    // version after the rollback (a value cached in between would otherwise look current).
    const failing = db().transaction().execute(async (trx) => {
      await trx.insertInto('parent').values({ id: 50, label: 'undone' }).execute();
      const inside = [childVersion(), other(), whole()];
      throw Object.assign(new Error('undo'), { inside });
    });
    const inside = ((await failing.catch((error: unknown) => error)) as { inside: unknown[] }).inside;
    expect([childVersion(), other(), whole()].map((v, i) => v === inside[i])).toEqual([false, false, false]);
    // Rolled back to a savepoint inside a transaction that commits.
    const trx = await db().startTransaction().execute();
    const sp = await trx.savepoint('job').execute();
    await sp.insertInto('parent').values({ id: 51, label: 'undone' }).execute();
    const afterWrite = childVersion();
    await sp.rollbackToSavepoint('job').execute();
    expect(childVersion()).not.toBe(afterWrite);
    await trx.commit().execute();
  });

  it('moves every version on writes it cannot attribute: cascades, raw SQL, the raw handle', async () => {
    let version = childVersion();
    const moved = () => {
      const now = childVersion();
      const changed = now !== version;
      version = now;
      return changed;
    };
    await db().insertInto('parent').values({ id: 2, label: 'q' }).execute();
    await db().insertInto('child').values({ id: 20, parent_id: 2 }).execute();
    version = childVersion();
    // Deleting a parent cascades into child, which the DELETE on parent does not name.
    await db().deleteFrom('parent').where('id', '=', 2).execute();
    expect(moved()).toBe(true);
    await sql`INSERT INTO other (label) VALUES ('raw')`.execute(connection.db);
    expect(moved()).toBe(true);
    connection.sqlite?.prepare("INSERT INTO other (label) VALUES ('handle')").run();
    expect(moved()).toBe(true);
    await db().insertInto('other').values({ label: 'typed' }).execute();
    expect(moved()).toBe(false);
    // Writes of progress columns only count apart, as '<table>#volatile'.
    const org = await buildOrganisation(connection);
    const { id } = await buildObjective(connection, org.id, { cycleId: (await buildCycle(connection, org.id)).id });
    const plain = () => connection.dataVersion?.(['objectives']);
    const volatile = () => connection.dataVersion?.(['objectives#volatile']);
    const [plain0, volatile0] = [plain(), volatile()];
    await connection.db.updateTable('objectives').set({ progress: 0.5, health: 'on_track' }).where('id', '=', id).execute();
    expect([plain(), volatile() !== volatile0]).toEqual([plain0, true]);
    const volatile1 = volatile();
    await connection.db.updateTable('objectives').set({ progress: 0.6, title: 'Renamed' }).where('id', '=', id).execute();
    expect([plain() !== plain0, volatile()]).toEqual([true, volatile1]);
    // Writes of details only (a rationale, a unit) count apart too, as '<table>#detail'; with
    // volatile columns in the same UPDATE, as both.
    const detail = () => connection.dataVersion?.(['objectives#detail']);
    const [plain1, detail1, volatile2] = [plain(), detail(), volatile()];
    await connection.db.updateTable('objectives').set({ rationale: 'Why', version: 2, updated_at: 'now' }).where('id', '=', id).execute();
    expect([plain(), detail() !== detail1, volatile()]).toEqual([plain1, true, volatile2]);
    const detail2 = detail();
    await connection.db.updateTable('objectives').set({ status: 'done', progress: 1 }).where('id', '=', id).execute();
    expect([plain(), detail() !== detail2, volatile() !== volatile2]).toEqual([plain1, true, true]);
    await connection.db.updateTable('objectives').set({ rationale: 'Why not', title: 'Renamed again' }).where('id', '=', id).execute();
    expect(plain()).not.toBe(plain1);
    // Without tables, any write moves the version.
    const whole = connection.dataVersion?.();
    await db().insertInto('other').values({ label: 'typed' }).execute();
    expect(connection.dataVersion?.()).not.toBe(whole);
  });
});

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`reads after writes on ${dialect}`, () => {
    let api: TestApi;
    let other: Connection;
    let clock = new Date('2026-11-15T12:00:00.000Z');
    beforeAll(async () => {
      api = await startTestApi(dialect, { now: () => clock });
      other = await openDatabase(dialect === 'sqlite' ? { dialect, file: api.database.url } : { dialect, url: api.database.url });
    });
    afterAll(async () => {
      await other?.close();
      await api?.close();
    });

    it('brings a cached tree up to date after check-ins, and rebuilds it after an edit or a new key result', async () => {
      const w = await world();
      const tree = async () => (await w.as.get<{ nodes: Body[] }>(`${w.base}/cycles/${w.cycle.id}/tree`)).body.nodes;
      expect((await tree())[0]).toMatchObject({ title: 'First title', progress: 0, keyResultCount: 1 });
      // Check-ins write only progress and health: the cached tree is patched.
      expect((await w.as.post(`${w.base}/key-results/${w.kr.id}/check-ins`, { value: 30 })).status).toBe(201);
      expect((await tree())[0]).toMatchObject({ title: 'First title', progress: 0.3, health: expect.any(String) as unknown, keyResultCount: 1 });
      expect((await w.as.post(`${w.base}/key-results/${w.kr.id}/check-ins`, { value: 60 })).status).toBe(201);
      expect((await tree())[0]?.progress).toBeCloseTo(0.6);
      // An edit of what the tree shows rebuilds it.
      const current = (await w.as.get<Body>(`${w.base}/objectives/${w.objective.id}`)).body;
      const edited = await w.as.patch(`${w.base}/objectives/${w.objective.id}`, { title: 'Edited title' }, { 'if-match': `"${String(current.version)}"` });
      expect(edited.status).toBe(200);
      expect((await tree())[0]).toMatchObject({ title: 'Edited title', progress: 0.6 });
      const created = await w.as.post(`${w.base}/objectives/${w.objective.id}/key-results`, { title: 'Second key result from 0 to 10', kind: 'number', direction: 'increase', start: 0, target: 10 });
      expect(created.status).toBe(201);
      expect((await tree())[0]).toMatchObject({ title: 'Edited title', keyResultCount: 2, progress: 0.3 });
      // Edits of what the tree does not show keep it (then patched like after check-ins): a
      // rationale; a key result's target, which moves the objective's progress.
      const now = (await w.as.get<Body>(`${w.base}/objectives/${w.objective.id}`)).body;
      const rationale = await w.as.patch(`${w.base}/objectives/${w.objective.id}`, { rationale: 'Because it matters' }, { 'if-match': `"${String(now.version)}"` });
      expect(rationale.status).toBe(200);
      expect((await tree())[0]).toMatchObject({ title: 'Edited title', keyResultCount: 2, progress: 0.3 });
      const kr = (await w.as.get<Body>(`${w.base}/key-results/${w.kr.id}`)).body;
      const target = await w.as.patch(`${w.base}/key-results/${w.kr.id}`, { target: 200, unit: 'accounts' }, { 'if-match': `"${String(kr.version)}"` });
      expect(target.status).toBe(200);
      expect((await tree())[0]?.progress).toBeCloseTo(0.15);
    });

    async function world() {
      const c = api.connection;
      const org = await buildOrganisation(c);
      const user = await buildUser(c, org.id, { name: 'Erin Exec', roles: ['executive'] });
      const as = client(api.url, await buildToken(c, user.id));
      const cycle = await buildCycle(c, org.id, { name: '2026-Q4', status: 'active' });
      const objective = await buildObjective(c, org.id, { cycleId: cycle.id, level: 'company', title: 'First title', ownerId: user.id });
      const kr = await buildKeyResult(c, org.id, { objectiveId: objective.id, ownerId: user.id, start: 0, target: 100 });
      const base = `/api/v1/orgs/${org.slug}`;
      return { as, cycle, objective, kr, base, userId: user.id, orgId: org.id };
    }

    it('shows a change made by another connection on the next read of an objective and of the tree', async () => {
      const w = await world();
      const read = async () => (await w.as.get<Body>(`${w.base}/objectives/${w.objective.id}`)).body;
      const tree = async () => (await w.as.get<{ nodes: Body[] }>(`${w.base}/cycles/${w.cycle.id}/tree`)).body.nodes;
      expect((await read()).title).toBe('First title');
      expect((await read()).title).toBe('First title');
      expect((await tree()).map((n) => n.title)).toEqual(['First title']);

      await other.db.updateTable('objectives').set({ title: 'Changed elsewhere' }).where('id', '=', w.objective.id).execute();
      expect((await read()).title).toBe('Changed elsewhere');
      expect((await tree()).map((n) => n.title)).toEqual(['Changed elsewhere']);

      await sql`UPDATE objectives SET progress = 0.25 WHERE id = ${w.objective.id}`.execute(other.db);
      expect((await read()).progress).toBe(0.25);
      expect((await tree())[0]?.progress).toBe(0.25);
    });

    it('shares one tree among people who may read the same private objectives, and shows each only what they may read', async () => {
      const w = await world();
      const c = api.connection;
      const member = async (name: string, roles: 'admin'[] = []) => {
        const user = await buildUser(c, w.orgId, { name, roles });
        return { id: user.id, as: client(api.url, await buildToken(c, user.id)) };
      };
      const [reader, outsider, admin] = [await member('Rae Reader'), await member('Otto Outsider'), await member('Ada Admin', ['admin'])];
      const secret = await buildObjective(c, w.orgId, { cycleId: w.cycle.id, level: 'company', title: 'Secret plan', ownerId: w.userId, visibility: 'private', readers: [reader.id] });
      const titles = async (as: typeof w.as) => {
        const nodes = (await as.get<{ nodes: Body[] }>(`${w.base}/cycles/${w.cycle.id}/tree`)).body.nodes;
        return Object.fromEntries(nodes.map((n) => [String(n.id), n.title]));
      };
      const hidden = { [w.objective.id]: 'First title', [secret.id]: 'A private objective' };
      const shown = { [w.objective.id]: 'First title', [secret.id]: 'Secret plan' };
      // Each kind of reader, then each again from the cache.
      for (let round = 0; round < 2; round++) {
        expect(await titles(outsider.as)).toEqual(hidden);
        expect(await titles(reader.as)).toEqual(shown);
        expect(await titles(w.as)).toEqual(shown);
        expect(await titles(admin.as)).toEqual(shown);
      }
      // Made a reader, the outsider sees it on the next read; the reader removed no longer does.
      await other.db.insertInto('objective_readers').values({ org_id: w.orgId, objective_id: secret.id, user_id: outsider.id }).execute();
      await other.db.deleteFrom('objective_readers').where('objective_id', '=', secret.id).where('user_id', '=', reader.id).execute();
      expect(await titles(outsider.as)).toEqual(shown);
      expect(await titles(reader.as)).toEqual(hidden);
    });

    it('refuses a revoked token and a removed member on the very next request', async () => {
      const w = await world();
      const path = `${w.base}/objectives/${w.objective.id}`;
      expect((await w.as.get(path)).status).toBe(200);
      expect((await w.as.get(path)).status).toBe(200);
      await other.db.updateTable('api_tokens').set({ revoked_at: clock.toISOString() }).where('user_id', '=', w.userId).execute();
      expect((await w.as.get(path)).status).toBe(401);

      const v = await world();
      const vPath = `${v.base}/objectives/${v.objective.id}`;
      expect((await v.as.get(vPath)).status).toBe(200);
      await other.db.deleteFrom('member_roles').where('user_id', '=', v.userId).execute();
      await other.db.deleteFrom('memberships').where('user_id', '=', v.userId).execute();
      expect((await v.as.get(vPath)).status).toBe(404);
    });

    it('shows a check-in through the API on the next read, and keeps the expected progress on the clock', async () => {
      const w = await world();
      const read = async () => (await w.as.get<Body>(`${w.base}/objectives/${w.objective.id}`)).body;
      const before = await read();
      expect(before.progress).toBe(0);
      const checkIn = await w.as.post(`${w.base}/key-results/${w.kr.id}/check-ins`, { value: 40, confidence: 0.8 });
      expect(checkIn.status).toBe(201);
      const after = await read();
      expect(after.progress).toBeCloseTo(0.4);
      expect((await w.as.get<{ nodes: Body[] }>(`${w.base}/cycles/${w.cycle.id}/tree`)).body.nodes[0]?.progress).toBeCloseTo(0.4);

      const expectedThen = after.expectedProgress as number;
      clock = new Date(clock.getTime() + 7 * 24 * 3600 * 1000);
      const later = await read();
      expect(later.expectedProgress as number).toBeGreaterThan(expectedThen);
      expect(later.progress).toBeCloseTo(0.4);
    });
  });
}
