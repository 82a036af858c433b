import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRole } from '../../src/contracts/model.ts';
import { client, startTestApi, type TestApi } from '../support/api.ts';
import { v7 as uuidv7 } from 'uuid';
import { commentRow, dependencyRow, initiativeRow } from '../../src/repositories/rows.ts';
import {
  buildCycle,
  buildKeyResult,
  buildObjective,
  buildOrganisation,
  buildTeam,
  buildToken,
  buildUser,
} from '../support/builders.ts';
import { dialectsUnderTest } from '../support/databases.ts';

type Body = Record<string, unknown>;
type Page = { items: Body[]; nextCursor: string | null };
const ifMatch = (version: number | string) => ({ 'if-match': `"${version}"` });

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(
    `initiatives, dependencies, comments, activity and audit API on ${dialect}`,
    () => {
      let api: TestApi;
      beforeAll(async () => {
        api = await startTestApi(dialect);
      });
      afterAll(async () => {
        await api?.close();
      });

      /**
       * An organisation in an active cycle: a public team objective led by `lead` with a key result
       * owned by `owner`, and a private objective of `lead` that only `reader` may also read.
       */
      async function world() {
        const c = api.connection;
        const org = await buildOrganisation(c);
        const other = await buildOrganisation(c);
        const user = async (orgId: string, name: string, roles: OrgRole[] = []) => {
          const built = await buildUser(c, orgId, { name, roles });
          return { ...built, api: client(api.url, await buildToken(c, built.id)) };
        };
        const admin = await user(org.id, 'Ada Admin', ['admin']);
        const lead = await user(org.id, 'Lea Lead');
        const owner = await user(org.id, 'Owen Owner');
        const coordinator = await user(org.id, 'Cora Coordinator', ['coordinator']);
        const reader = await user(org.id, 'Rita Reader');
        const member = await user(org.id, 'Mia Member');
        const outsider = await user(other.id, 'Otto Outsider', ['admin', 'coordinator']);
        const cycle = await buildCycle(c, org.id, { status: 'active' });
        const team = await buildTeam(c, org.id, {
          name: 'Growth',
          leads: [lead.id],
          members: [owner.id],
        });
        const objective = await buildObjective(c, org.id, {
          cycleId: cycle.id,
          level: 'team',
          teamId: team.id,
          ownerId: lead.id,
          title: 'Grow the business',
        });
        const keyResult = await buildKeyResult(c, org.id, {
          objectiveId: objective.id,
          ownerId: owner.id,
          title: 'Signups',
        });
        const secret = await buildObjective(c, org.id, {
          cycleId: cycle.id,
          level: 'individual',
          ownerId: lead.id,
          visibility: 'private',
          readers: [reader.id],
          title: 'Secret plan',
        });
        const secretKeyResult = await buildKeyResult(c, org.id, {
          objectiveId: secret.id,
          title: 'Hidden metric',
        });
        const otherCycle = await buildCycle(c, other.id);
        const foreignObjective = await buildObjective(c, other.id, { cycleId: otherCycle.id });
        const foreignKeyResult = await buildKeyResult(c, other.id, {
          objectiveId: foreignObjective.id,
        });
        const foreignNeeded = await buildKeyResult(c, other.id, {
          objectiveId: foreignObjective.id,
        });
        // One of each in the other organisation, for "someone else's id" checks.
        const foreign = { initiative: uuidv7(), dependency: uuidv7(), comment: uuidv7() };
        const at = '2026-10-02T09:00:00.000Z';
        await c.db
          .insertInto('initiatives')
          .values(
            initiativeRow({
              id: foreign.initiative,
              orgId: other.id,
              keyResultId: foreignKeyResult.id,
              title: 'Theirs',
              status: 'planned',
              createdAt: at,
            }),
          )
          .execute();
        await c.db
          .insertInto('dependencies')
          .values(
            dependencyRow({
              id: foreign.dependency,
              orgId: other.id,
              keyResultId: foreignKeyResult.id,
              dependsOnId: foreignNeeded.id,
              createdAt: at,
            }),
          )
          .execute();
        await c.db
          .insertInto('comments')
          .values(
            commentRow({
              id: foreign.comment,
              orgId: other.id,
              objectiveId: foreignObjective.id,
              authorId: outsider.id,
              body: 'Theirs',
              createdAt: at,
            }),
          )
          .execute();
        return {
          org,
          admin,
          lead,
          owner,
          coordinator,
          reader,
          member,
          outsider,
          cycle,
          team,
          objective,
          keyResult,
          secret,
          secretKeyResult,
          foreignObjective,
          foreignKeyResult,
          foreign,
          base: `/api/v1/orgs/${org.slug}`,
          otherBase: `/api/v1/orgs/${other.slug}`,
        };
      }
      type World = Awaited<ReturnType<typeof world>>;

      async function audit(action: string, objectId: string) {
        return api.connection.db
          .selectFrom('audit_log')
          .selectAll()
          .where('action', '=', action)
          .where('object_id', '=', objectId)
          .execute();
      }

      async function expectRefusedForStrangers(w: World, routes: [string, string, unknown?][]) {
        for (const [method, path, body] of routes) {
          const options = body === undefined ? {} : { body };
          expect(
            (await client(api.url).call(method, `${w.base}${path}`, options)).status,
            `${method} ${path} anonymous`,
          ).toBe(401);
          const foreign = await w.outsider.api.call(method, `${w.base}${path}`, {
            ...options,
            headers: ifMatch(1),
          });
          expect(foreign.status, `${method} ${path} as a non-member`).toBe(404);
        }
      }

      async function closeCycle(w: World) {
        await api.connection.db
          .updateTable('cycles')
          .set({ status: 'closed' })
          .where('id', '=', w.cycle.id)
          .execute();
      }

      describe('initiatives', () => {
        async function initiative(w: World) {
          const created = await w.owner.api.post<Body & { id: string }>(
            `${w.base}/key-results/${w.keyResult.id}/initiatives`,
            { title: 'Run a webinar' },
          );
          expect(created.status).toBe(201);
          return created.body;
        }

        it('refuses strangers and objects of other organisations', async () => {
          const w = await world();
          const made = await initiative(w);
          await expectRefusedForStrangers(w, [
            ['GET', `/key-results/${w.keyResult.id}/initiatives`],
            ['POST', `/key-results/${w.keyResult.id}/initiatives`, { title: 'x' }],
            ['PATCH', `/initiatives/${made.id}`, { title: 'y' }],
            ['DELETE', `/initiatives/${made.id}`],
          ]);
          expect(
            (await w.outsider.api.get(`${w.otherBase}/key-results/${w.keyResult.id}/initiatives`))
              .status,
          ).toBe(404);
          expect(
            (await w.admin.api.get(`${w.base}/key-results/${w.foreignKeyResult.id}/initiatives`))
              .status,
          ).toBe(404);
          expect(
            (
              await w.admin.api.post(`${w.base}/key-results/${w.foreignKeyResult.id}/initiatives`, {
                title: 'x',
              })
            ).status,
          ).toBe(404);
          expect(
            (await w.member.api.get(`${w.base}/key-results/${w.secretKeyResult.id}/initiatives`))
              .status,
          ).toBe(404);
          expect(
            (
              await w.admin.api.patch(
                `${w.base}/initiatives/${w.foreign.initiative}`,
                { title: 'Mine' },
                ifMatch(1),
              )
            ).status,
          ).toBe(404);
          expect(
            (await w.admin.api.delete(`${w.base}/initiatives/${w.foreign.initiative}`, ifMatch(1)))
              .status,
          ).toBe(404);
          expect(
            (
              await w.owner.api.get(
                `${w.base}/key-results/${w.keyResult.id}/initiatives?cursor=x&limit=many`,
              )
            ).status,
          ).toBe(400);
          expect(
            (
              await w.owner.api.patch(
                `${w.base}/initiatives/${made.id}`,
                { status: 'paused' },
                ifMatch(1),
              )
            ).body,
          ).toMatchObject({ status: 400, errors: [{ path: 'body.status' }] });
          expect(
            (await w.owner.api.patch(`${w.base}/initiatives/not-an-id`, { title: 'x' }, ifMatch(1)))
              .status,
          ).toBe(400);
        });

        it('lets the key result owner add, change and delete initiatives, with If-Match', async () => {
          const w = await world();
          const path = `${w.base}/key-results/${w.keyResult.id}/initiatives`;
          const bad = await w.owner.api.post(path, {
            title: '',
            status: 'someday',
            dueDate: '2026-02-30',
            extra: 1,
          });
          expect(bad.status).toBe(400);
          expect(
            (await w.owner.api.post(path, { title: 'Ads', ownerId: w.outsider.id })).body,
          ).toMatchObject({ status: 400, errors: [{ path: 'body.ownerId' }] });
          expect((await w.member.api.post(path, { title: 'Mine' })).status).toBe(403);

          const created = await w.owner.api.post<Body & { id: string }>(path, {
            title: 'Run a webinar',
            ownerId: w.member.id,
            dueDate: '2026-11-15',
          });
          expect(created).toMatchObject({
            status: 201,
            body: {
              title: 'Run a webinar',
              status: 'planned',
              owner: { id: w.member.id, name: 'Mia Member' },
              abilities: { canEdit: true },
            },
          });
          expect(await audit('initiative.created', created.body.id)).toHaveLength(1);
          const list = await w.member.api.get<Page>(path);
          expect(list.body.items).toEqual([
            expect.objectContaining({
              id: created.body.id,
              abilities: { canEdit: false, canDelete: false },
            }),
          ]);

          const one = `${w.base}/initiatives/${created.body.id}`;
          expect((await w.member.api.patch(one, { status: 'done' }, ifMatch(1))).status).toBe(403);
          expect((await w.owner.api.patch(one, { status: 'done' })).status).toBe(428);
          const done = await w.lead.api.patch(one, { status: 'done', ownerId: null }, ifMatch(1));
          expect(done).toMatchObject({
            status: 200,
            body: { status: 'done', owner: null, version: 2 },
          });
          expect(done.headers.get('etag')).toBe('"2"');
          expect((await w.owner.api.patch(one, { title: 'Late' }, ifMatch(1))).body).toMatchObject({
            status: 412,
            current: { status: 'done', version: 2 },
          });
          expect((await w.owner.api.delete(one, ifMatch(1))).status).toBe(412);
          expect((await w.owner.api.delete(one, ifMatch(2))).status).toBe(204);
          expect(await audit('initiative.deleted', created.body.id)).toHaveLength(1);
        });

        it('refuses writes under a closed cycle', async () => {
          const w = await world();
          const made = await initiative(w);
          await closeCycle(w);
          expect(
            (
              await w.owner.api.post(`${w.base}/key-results/${w.keyResult.id}/initiatives`, {
                title: 'Late idea',
              })
            ).body,
          ).toMatchObject({ status: 409, code: 'cycle_closed' });
          expect(
            (
              await w.owner.api.patch(
                `${w.base}/initiatives/${made.id}`,
                { title: 'Changed' },
                ifMatch(1),
              )
            ).status,
          ).toBe(409);
          expect(
            (await w.owner.api.get(`${w.base}/key-results/${w.keyResult.id}/initiatives`)).status,
          ).toBe(200);
        });

        it('refuses writes once the cycle is closed through its transitions', async () => {
          const w = await world();
          const champion = await buildUser(api.connection, w.org.id, { roles: ['champion'] });
          const asChampion = client(api.url, await buildToken(api.connection, champion.id));
          const move = (to: string, version: number) =>
            asChampion.post(
              `${w.base}/cycles/${w.cycle.id}/transitions`,
              { to, acknowledge: true },
              ifMatch(version),
            );
          expect((await move('grading', 1)).status).toBe(200);
          expect((await move('closed', 2)).status).toBe(200);
          expect(
            (
              await w.owner.api.post(`${w.base}/key-results/${w.keyResult.id}/initiatives`, {
                title: 'Too late',
              })
            ).body,
          ).toMatchObject({ status: 409, code: 'cycle_closed' });
          expect(
            (
              await w.member.api.post(`${w.base}/objectives/${w.objective.id}/comments`, {
                body: 'Too late',
              })
            ).body,
          ).toMatchObject({ status: 409, code: 'cycle_closed' });
        });
      });

      describe('dependencies', () => {
        async function keyResults(w: World, count: number) {
          return Promise.all(
            Array.from({ length: count }, (_, i) =>
              buildKeyResult(api.connection, w.org.id, {
                objectiveId: w.objective.id,
                title: `KR ${String.fromCharCode(65 + i)}`,
              }),
            ),
          );
        }

        it('refuses strangers, other organisations and key results the caller cannot read', async () => {
          const w = await world();
          const [a] = await keyResults(w, 1);
          const created = await w.coordinator.api.post<Body & { id: string }>(
            `${w.base}/dependencies`,
            { keyResultId: a?.id, dependsOnId: w.keyResult.id },
          );
          await expectRefusedForStrangers(w, [
            ['GET', '/dependencies'],
            ['POST', '/dependencies', { keyResultId: a?.id, dependsOnId: w.keyResult.id }],
            ['PATCH', `/dependencies/${created.body.id}`, { status: 'resolved' }],
            ['DELETE', `/dependencies/${created.body.id}`],
          ]);
          const foreign = await w.coordinator.api.post(`${w.base}/dependencies`, {
            keyResultId: w.keyResult.id,
            dependsOnId: w.foreignKeyResult.id,
          });
          expect(foreign).toMatchObject({
            status: 404,
            body: { errors: [{ path: 'body.dependsOnId' }] },
          });
          expect(
            (
              await w.coordinator.api.post(`${w.base}/dependencies`, {
                keyResultId: w.keyResult.id,
                dependsOnId: w.secretKeyResult.id,
              })
            ).status,
          ).toBe(404);
          expect(
            (
              await w.outsider.api.patch(
                `${w.otherBase}/dependencies/${created.body.id}`,
                { status: 'resolved' },
                ifMatch(1),
              )
            ).status,
          ).toBe(404);
          expect(
            (
              await w.admin.api.patch(
                `${w.base}/dependencies/${w.foreign.dependency}`,
                { status: 'resolved' },
                ifMatch(1),
              )
            ).status,
          ).toBe(404);
          expect(
            (await w.admin.api.delete(`${w.base}/dependencies/${w.foreign.dependency}`, ifMatch(1)))
              .status,
          ).toBe(404);
          expect(
            (
              await w.admin.api.get<Page>(
                `${w.base}/dependencies?keyResultId=${w.foreignKeyResult.id}`,
              )
            ).body.items,
          ).toEqual([]);
          expect(
            (
              await w.coordinator.api.patch(
                `${w.base}/dependencies/${created.body.id}`,
                { status: 'done', neededBy: 'soon' },
                ifMatch(1),
              )
            ).status,
          ).toBe(400);
        });

        it('records, lists, resolves and deletes dependencies', async () => {
          const w = await world();
          const [a] = await keyResults(w, 1);
          const body = {
            keyResultId: w.keyResult.id,
            dependsOnId: a?.id,
            note: 'Needs the API',
            neededBy: '2026-11-30',
          };
          expect((await w.member.api.post(`${w.base}/dependencies`, body)).status).toBe(403);
          const self = await w.coordinator.api.post(`${w.base}/dependencies`, {
            keyResultId: w.keyResult.id,
            dependsOnId: w.keyResult.id,
          });
          expect(self).toMatchObject({
            status: 400,
            body: { errors: [{ path: 'body.dependsOnId' }] },
          });
          expect(
            (
              await w.coordinator.api.post(`${w.base}/dependencies`, {
                keyResultId: 'nope',
                neededBy: 'soon',
              })
            ).status,
          ).toBe(400);

          const created = await w.coordinator.api.post<Body & { id: string }>(
            `${w.base}/dependencies`,
            body,
          );
          expect(created).toMatchObject({
            status: 201,
            body: {
              keyResult: { id: w.keyResult.id, title: 'Signups' },
              dependsOn: { id: a?.id, title: 'KR A' },
              note: 'Needs the API',
              status: 'open',
              abilities: { canEdit: true },
            },
          });
          expect(await audit('dependency.created', created.body.id)).toHaveLength(1);
          expect((await w.lead.api.post(`${w.base}/dependencies`, body)).body).toMatchObject({
            status: 409,
            code: 'duplicate',
          });

          const ids = async (query: string) =>
            (await w.member.api.get<Page>(`${w.base}/dependencies${query}`)).body.items.map(
              (d) => d.id,
            );
          expect(await ids(`?keyResultId=${a?.id}`)).toEqual([created.body.id]);
          expect(await ids(`?teamId=${w.team.id}&status=open`)).toEqual([created.body.id]);
          expect(await ids('?status=resolved')).toEqual([]);
          expect((await w.member.api.get(`${w.base}/dependencies?status=maybe`)).status).toBe(400);

          const path = `${w.base}/dependencies/${created.body.id}`;
          expect((await w.member.api.patch(path, { status: 'resolved' }, ifMatch(1))).status).toBe(
            403,
          );
          expect((await w.coordinator.api.patch(path, { status: 'resolved' })).status).toBe(428);
          const resolved = await w.coordinator.api.patch(path, { status: 'resolved' }, ifMatch(1));
          expect(resolved).toMatchObject({ status: 200, body: { status: 'resolved', version: 2 } });
          expect(await audit('dependency.resolved', created.body.id)).toHaveLength(1);
          expect(
            (await w.coordinator.api.patch(path, { note: 'x' }, ifMatch(1))).body,
          ).toMatchObject({ status: 412, current: { status: 'resolved' } });
          expect((await w.coordinator.api.delete(path, ifMatch(2))).status).toBe(204);
          expect(await audit('dependency.deleted', created.body.id)).toHaveLength(1);
        });

        it('refuses a dependency that would close a loop, naming it', async () => {
          const w = await world();
          const [a, b, c] = await keyResults(w, 3);
          const link = (from: string | undefined, to: string | undefined) =>
            w.coordinator.api.post(`${w.base}/dependencies`, {
              keyResultId: from,
              dependsOnId: to,
            });
          expect((await link(a?.id, b?.id)).status).toBe(201);
          expect((await link(b?.id, c?.id)).status).toBe(201);
          const loop = await link(c?.id, a?.id);
          expect(loop).toMatchObject({
            status: 409,
            body: {
              code: 'dependency_loop',
              type: 'https://okr-wizard.dev/problems/dependency-loop',
              errors: [{ path: 'body.dependsOnId', message: 'would close a dependency loop' }],
            },
          });
          expect(loop.body.detail).toBe(
            'This dependency would close a loop: “KR C” depends on “KR A”, which depends on “KR B”, which depends on “KR C”.',
          );
          expect((await link(a?.id, c?.id)).status).toBe(201);
        });

        it('hides dependencies on private key results from those who cannot read them', async () => {
          const w = await world();
          const created = await w.reader.api.post(`${w.base}/dependencies`, {
            keyResultId: w.keyResult.id,
            dependsOnId: w.secretKeyResult.id,
          });
          expect(created.status).toBe(403);
          const byLead = await w.lead.api.post<Body & { id: string }>(`${w.base}/dependencies`, {
            keyResultId: w.keyResult.id,
            dependsOnId: w.secretKeyResult.id,
          });
          expect(byLead.status).toBe(201);
          expect((await w.member.api.get<Page>(`${w.base}/dependencies`)).body.items).toEqual([]);
          expect((await w.reader.api.get<Page>(`${w.base}/dependencies`)).body.items).toHaveLength(
            1,
          );
          expect(
            (
              await w.member.api.patch(
                `${w.base}/dependencies/${byLead.body.id}`,
                { note: 'x' },
                ifMatch(1),
              )
            ).status,
          ).toBe(404);
        });
      });

      describe('comments', () => {
        it('refuses strangers, other organisations and objectives the caller cannot read', async () => {
          const w = await world();
          const made = await w.member.api.post<Body & { id: string }>(
            `${w.base}/objectives/${w.objective.id}/comments`,
            { body: 'Nice' },
          );
          await expectRefusedForStrangers(w, [
            ['GET', `/objectives/${w.objective.id}/comments`],
            ['GET', `/key-results/${w.keyResult.id}/comments`],
            ['POST', `/objectives/${w.objective.id}/comments`, { body: 'x' }],
            ['POST', `/key-results/${w.keyResult.id}/comments`, { body: 'x' }],
            ['PATCH', `/comments/${made.body.id}`, { body: 'y' }],
            ['DELETE', `/comments/${made.body.id}`],
          ]);
          expect(
            (await w.admin.api.get(`${w.base}/objectives/${w.foreignObjective.id}/comments`))
              .status,
          ).toBe(404);
          expect(
            (await w.admin.api.get(`${w.base}/key-results/${w.foreignKeyResult.id}/comments`))
              .status,
          ).toBe(404);
          expect(
            (await w.member.api.get(`${w.base}/objectives/${w.secret.id}/comments`)).status,
          ).toBe(404);
          expect(
            (await w.member.api.get(`${w.base}/key-results/${w.secretKeyResult.id}/comments`))
              .status,
          ).toBe(404);
          expect(
            (
              await w.member.api.post(`${w.base}/objectives/${w.secret.id}/comments`, {
                body: 'Peek',
              })
            ).status,
          ).toBe(404);
          expect(
            (await w.reader.api.get(`${w.base}/objectives/${w.secret.id}/comments`)).status,
          ).toBe(200);
          expect(
            (
              await w.outsider.api.patch(
                `${w.base}/comments/${w.foreign.comment}`,
                { body: 'Mine' },
                ifMatch(1),
              )
            ).status,
          ).toBe(404);
          expect(
            (
              await w.admin.api.patch(
                `${w.base}/comments/${w.foreign.comment}`,
                { body: 'Mine' },
                ifMatch(1),
              )
            ).status,
          ).toBe(404);
          expect(
            (await w.admin.api.delete(`${w.base}/comments/${w.foreign.comment}`, ifMatch(1)))
              .status,
          ).toBe(404);
        });

        it('lets readers comment and authors edit and delete their own comments', async () => {
          const w = await world();
          const path = `${w.base}/key-results/${w.keyResult.id}/comments`;
          expect((await w.member.api.post(path, { body: '   ' })).body).toMatchObject({
            status: 400,
            errors: [{ path: 'body.body' }],
          });
          expect((await w.member.api.post(path, { body: 'x'.repeat(10_001) })).status).toBe(400);
          expect((await w.member.api.post(path, { body: 'Hi', pinned: true })).status).toBe(400);
          const created = await w.member.api.post<Body & { id: string }>(path, {
            body: 'How do we count signups?',
          });
          expect(created).toMatchObject({
            status: 201,
            body: {
              keyResultId: w.keyResult.id,
              objectiveId: null,
              author: { id: w.member.id, name: 'Mia Member' },
              abilities: { canEdit: true },
            },
          });
          expect(await audit('comment.created', created.body.id)).toHaveLength(1);
          await w.owner.api.post(path, { body: 'By verified e-mail.' });
          const list = await w.owner.api.get<Page>(`${path}?limit=1`);
          expect(list.body.items).toEqual([
            expect.objectContaining({
              body: 'How do we count signups?',
              abilities: { canEdit: false, canDelete: false },
            }),
          ]);
          expect(
            (await w.owner.api.get<Page>(`${path}?cursor=${list.body.nextCursor}`)).body.items.map(
              (c) => c.body,
            ),
          ).toEqual(['By verified e-mail.']);
          expect(
            (await w.owner.api.get<Page>(`${w.base}/objectives/${w.objective.id}/comments`)).body
              .items,
          ).toEqual([]);

          const one = `${w.base}/comments/${created.body.id}`;
          expect(
            (await w.admin.api.patch(one, { body: 'Edited by admin' }, ifMatch(1))).status,
          ).toBe(403);
          expect((await w.member.api.patch(one, { body: 'Edited' })).status).toBe(428);
          const edited = await w.member.api.patch(
            one,
            { body: 'How do we count sign-ups?' },
            ifMatch(1),
          );
          expect(edited).toMatchObject({
            status: 200,
            body: { body: 'How do we count sign-ups?', version: 2 },
          });
          expect((await w.member.api.patch(one, { body: 'Again' }, ifMatch(1))).body).toMatchObject(
            { status: 412, current: { body: 'How do we count sign-ups?' } },
          );
          expect((await w.owner.api.delete(one, ifMatch(2))).status).toBe(403);
          expect((await w.member.api.delete(one, ifMatch(2))).status).toBe(204);
          expect(await audit('comment.deleted', created.body.id)).toHaveLength(1);
        });
      });

      describe('activity feed', () => {
        it('refuses strangers', async () => {
          const w = await world();
          await expectRefusedForStrangers(w, [['GET', '/activity']]);
          expect(
            (await w.member.api.get(`${w.base}/activity?objectiveId=${w.foreignObjective.id}`))
              .status,
          ).toBe(404);
          expect((await w.member.api.get(`${w.base}/activity?limit=500`)).status).toBe(400);
        });

        it('shows what happened, newest first, without what the caller cannot read', async () => {
          const w = await world();
          await w.owner.api.post(`${w.base}/key-results/${w.keyResult.id}/initiatives`, {
            title: 'Run a webinar',
          });
          await w.reader.api.post(`${w.base}/objectives/${w.secret.id}/comments`, {
            body: 'Secret thoughts',
          });
          await w.member.api.post(`${w.base}/objectives/${w.objective.id}/comments`, {
            body: 'Public thoughts',
          });
          await w.admin.api.post(`${w.base}/teams`, { name: 'Platform' });

          const seen = await w.member.api.get<Page>(`${w.base}/activity`);
          expect(seen.status).toBe(200);
          expect(seen.body.items.map((e) => e.summary)).toEqual([
            'Created team “Platform”',
            'Commented on objective “Grow the business”',
            'Created initiative “Run a webinar”',
          ]);
          // A summary line, never the payloads.
          expect(Object.keys(seen.body.items[0] ?? {}).sort()).toEqual([
            'action',
            'actor',
            'at',
            'id',
            'objectId',
            'objectType',
            'summary',
          ]);
          expect(seen.body.items[0]).toMatchObject({
            actor: { id: w.admin.id, name: 'Ada Admin' },
            action: 'team.created',
            objectType: 'team',
          });
          const asReader = await w.reader.api.get<Page>(`${w.base}/activity`);
          expect(asReader.body.items.map((e) => e.summary)).toContain(
            'Commented on objective “Secret plan”',
          );

          expect(
            (await w.member.api.get(`${w.base}/activity?objectiveId=${w.secret.id}`)).status,
          ).toBe(404);
          const aboutSecret = await w.reader.api.get<Page>(
            `${w.base}/activity?objectiveId=${w.secret.id}`,
          );
          expect(aboutSecret.body.items.map((e) => e.action)).toEqual(['comment.created']);
          const aboutPublic = await w.member.api.get<Page>(
            `${w.base}/activity?objectiveId=${w.objective.id}`,
          );
          expect(aboutPublic.body.items.map((e) => e.action)).toEqual([
            'comment.created',
            'initiative.created',
          ]);

          const first = await w.member.api.get<Page>(`${w.base}/activity?limit=2`);
          expect(first.body.items).toHaveLength(2);
          const second = await w.member.api.get<Page>(
            `${w.base}/activity?limit=2&cursor=${first.body.nextCursor}`,
          );
          expect(second.body.items.map((e) => e.action)).toEqual(['initiative.created']);
          expect(second.body.nextCursor).toBeNull();
        });
      });

      describe('audit log', () => {
        it('is for admins only, with the states before and after', async () => {
          const w = await world();
          await expectRefusedForStrangers(w, [['GET', '/audit']]);
          const created = await w.owner.api.post<Body & { id: string }>(
            `${w.base}/key-results/${w.keyResult.id}/initiatives`,
            { title: 'Run a webinar' },
          );
          await w.owner.api.patch(
            `${w.base}/initiatives/${created.body.id}`,
            { status: 'in_progress' },
            ifMatch(1),
          );
          await w.member.api.post(`${w.base}/objectives/${w.objective.id}/comments`, {
            body: 'Go!',
          });

          expect((await w.member.api.get(`${w.base}/audit`)).body).toMatchObject({
            status: 403,
            code: 'forbidden',
          });
          const all = await w.admin.api.get<Page>(`${w.base}/audit`);
          expect(all.body.items.map((e) => e.action)).toEqual([
            'comment.created',
            'initiative.updated',
            'initiative.created',
          ]);
          const about = await w.admin.api.get<Page>(
            `${w.base}/audit?objectId=${created.body.id}&action=initiative.updated&actorId=${w.owner.id}`,
          );
          expect(about.body.items).toHaveLength(1);
          expect(about.body.items[0]).toMatchObject({
            actor: { id: w.owner.id, name: 'Owen Owner' },
            objectType: 'initiative',
            before: { status: 'planned', title: 'Run a webinar' },
            after: { status: 'in_progress' },
          });
          const paged = await w.admin.api.get<Page>(`${w.base}/audit?limit=2`);
          const rest = await w.admin.api.get<Page>(
            `${w.base}/audit?limit=2&cursor=${paged.body.nextCursor}`,
          );
          expect(rest.body.items.map((e) => e.action)).toEqual(['initiative.created']);
          expect((await w.admin.api.get(`${w.base}/audit?actorId=me&cursor=%%%`)).status).toBe(400);
        });
      });
    },
  );
}
