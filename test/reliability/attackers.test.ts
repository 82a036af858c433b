/**
 * Attackers (issue 7, part 3), beyond the permission matrix: through a real HTTP server on both
 * dialects, two organisations (the demo Acme and Globex) attack each other and themselves.
 *
 * - IDOR: every route of the OpenAPI document that takes an id — in its path, its query or its
 *   body — is called with every kind of id of the OTHER organisation, under the attacker's own
 *   slug and under the victim's: 404 (or, for a body, a refusal), and not one row of the
 *   database changes. The attacker holds every role in their own organisation, so nothing but
 *   the organisation boundary stands in the way.
 * - A token or session of one organisation on another: 404 everywhere; a person in both
 *   organisations keeps each organisation's roles apart.
 * - Escalation: people giving themselves roles or a team lead; a lead editing another team.
 * - Private objectives: never in lists, search, the tree (but as a stub), activity, comments,
 *   dependencies, my OKRs, counts, for anyone who may not read them; while their readers do see
 *   them in the same places (so the search for leaks is known to find them).
 */
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestApi, type TestApi } from '../support/api.ts';
import { dialectsUnderTest } from '../support/databases.ts';
import { RELIABILITY_TIMEOUT_MS, sized } from './mode.ts';
import { leaksIn, readAll, showsInFull } from './support/attack-leaks.ts';
import {
  attackRoutes,
  fillPath,
  hasPath,
  kindOfParam,
  sampleBodies,
  splitSample,
  withValue,
  type AttackRoute,
  type OpenApiDocument,
} from './support/attack-routes.ts';
import { changedTables, snapshot } from './support/attack-snapshot.ts';
import {
  ALL_ROLES,
  ID_KINDS,
  buildAttackWorld,
  sampleIds,
  versionOf,
  type AttackWorld,
  type IdKind,
  type Side,
} from './support/attack-world.ts';

/** Requests in flight at once: enough to overlap, few enough for a shared 2-core machine. */
const CONCURRENCY = 4;

async function inPool<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

interface Attempt {
  method: string;
  path: string;
  body?: unknown;
  ifMatch?: string;
  label: string;
}

const isSuccess = (status: number) => status >= 200 && status < 300;

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`attackers on ${dialect}`, () => {
    let api: TestApi;
    let w: AttackWorld;
    let routes: AttackRoute[];
    /** Requests made by the IDOR sweeps, for the figures printed at the end. */
    const tried = { path: 0, query: 0, body: 0 };

    /** Long mode: more of each organisation's ids, from every table, tried on every path id. */
    const extraIds = new Map<string, string[]>();

    beforeAll(async () => {
      api = await startTestApi(dialect);
      w = await buildAttackWorld(api.connection, api.url);
      for (const [side, other] of [
        [w.acme, w.globex],
        [w.globex, w.acme],
      ] as const)
        extraIds.set(
          side.name,
          await sampleIds(api.connection, side.orgId, other.orgId, sized(0, 40)),
        );
      const doc = (await (await fetch(`${api.url}/api/v1/openapi.json`)).json()) as OpenApiDocument;
      routes = attackRoutes(doc);
    }, RELIABILITY_TIMEOUT_MS);

    afterAll(async () => {
      console.log(
        `[attackers ${dialect}] IDOR requests: ${tried.path} path, ${tried.query} query, ${tried.body} body`,
      );
      await api?.close();
    });

    const sides = (): [Side, Side][] => [
      [w.globex, w.acme],
      [w.acme, w.globex],
    ];

    /** The attacker's own id of each kind, for the ids of a route that are not under attack. */
    const ownId = (own: Side, kind: IdKind) => own.ids[kind];

    async function attempt(token: string, a: Attempt) {
      return client(api.url, token).call<{ code?: string }>(a.method, a.path, {
        ...(a.body !== undefined ? { body: a.body } : {}),
        headers: a.ifMatch ? { 'if-match': a.ifMatch } : {},
      });
    }

    it('finds the attack surface in the OpenAPI document, and can fill every id and body it names', () => {
      const withIds = routes.filter((r) => r.idParams.length > 0);
      expect(withIds.length).toBeGreaterThanOrEqual(40);
      // Every path id names a known kind, every body has a sample, and every id field of a body
      // is set by one of its samples (else the body sweep would leave it out).
      const problems: string[] = [];
      for (const route of routes) {
        for (const param of route.idParams) {
          try {
            kindOfParam(route.path, param);
          } catch (error) {
            problems.push((error as Error).message);
          }
        }
        if (!route.body) continue;
        const samples = sampleBodies(route.key, w.acme);
        if (!samples) {
          problems.push(`${route.key}: no sample body in attack-routes.ts`);
          continue;
        }
        for (const path of route.bodyIdPaths)
          if (!samples.some((s) => hasPath(splitSample(s).body, path)))
            problems.push(`${route.key}: no sample body sets ${path.join('.')}`);
      }
      expect(problems).toEqual([]);
    });

    it(
      'IDOR in the path: every id of the other organisation answers as a missing id would (404), under either slug, and no row changes',
      async () => {
        const failures: string[] = [];
        const notFoundAs400 = new Set<string>();
        for (const [own, victim] of sides()) {
          const attempts: { attempt: Attempt; missing?: Attempt }[] = [];
          for (const route of routes.filter((r) => r.idParams.length > 0)) {
            const sample = sampleBodies(route.key, own)?.[0];
            const body = route.body ? splitSample(sample).body : undefined;
            const kinds = route.idParams.map((p) => kindOfParam(route.path, p));
            for (const [index, param] of route.idParams.entries()) {
              const slugs = route.underOrg ? [own, victim] : [own];
              for (const under of slugs) {
                // The ids not under attack: the attacker's own under their slug, the victim's under the victim's.
                const path = (id: string) =>
                  fillPath(
                    route,
                    under.slug,
                    Object.fromEntries(
                      route.idParams.map((p, i) => [
                        p,
                        p === param ? id : under.ids[kinds[i] ?? 'objective'],
                      ]),
                    ),
                  );
                const common = {
                  method: route.method,
                  ...(body !== undefined ? { body } : {}),
                };
                // What an id that exists nowhere gets: a foreign id must get exactly the same.
                const missing: Attempt = {
                  ...common,
                  path: path(uuidv7()),
                  ...(route.ifMatch ? { ifMatch: '"1"' } : {}),
                  label: `${route.key} {${param}}=missing under ${under.slug}`,
                };
                for (const victimKind of ID_KINDS) {
                  const victimId = victim.ids[victimKind];
                  const version =
                    victimKind === kinds[index]
                      ? await versionOf(api.connection, victim, victimKind, victimId)
                      : 1;
                  attempts.push({
                    ...(under === own ? { missing } : {}),
                    attempt: {
                      ...common,
                      path: path(victimId),
                      ...(route.ifMatch ? { ifMatch: `"${version}"` } : {}),
                      label: `${route.key} {${param}}=${victim.name} ${victimKind} under ${under.slug}`,
                    },
                  });
                }
              }
            }
          }
          // The paths are well formed: with the attacker's own ids, every GET among them answers 200.
          for (const route of routes.filter((r) => r.idParams.length > 0 && r.method === 'GET')) {
            const kinds = route.idParams.map((p) => kindOfParam(route.path, p));
            const path = fillPath(
              route,
              own.slug,
              Object.fromEntries(
                route.idParams.map((p, i) => [p, own.ids[kinds[i] ?? 'objective']]),
              ),
            );
            const answer = await client(api.url, own.boss.token).get(path);
            if (answer.status !== 200)
              failures.push(`control: GET ${path} with own ids answered ${answer.status}`);
          }
          // In long mode, many more of the victim's ids: a sample of every table.
          for (const [index, route] of routes.filter((r) => r.idParams.length > 0).entries()) {
            if (!route.underOrg) continue;
            const body = route.body
              ? splitSample(sampleBodies(route.key, own)?.[0]).body
              : undefined;
            const kinds = route.idParams.map((p) => kindOfParam(route.path, p));
            for (const param of route.idParams) {
              const missing: Attempt = {
                method: route.method,
                ...(body !== undefined ? { body } : {}),
                path: fillPath(
                  route,
                  own.slug,
                  Object.fromEntries(
                    route.idParams.map((p, i) => [
                      p,
                      p === param ? uuidv7() : own.ids[kinds[i] ?? 'objective'],
                    ]),
                  ),
                ),
                ...(route.ifMatch ? { ifMatch: '"1"' } : {}),
                label: `${route.key} {${param}}=missing under ${own.slug}`,
              };
              for (const victimId of extraIds.get(victim.name) ?? []) {
                attempts.push({
                  missing,
                  attempt: {
                    ...missing,
                    path: fillPath(
                      route,
                      own.slug,
                      Object.fromEntries(
                        route.idParams.map((p, i) => [
                          p,
                          p === param ? victimId : own.ids[kinds[i] ?? 'objective'],
                        ]),
                      ),
                    ),
                    label: `${route.key} {${param}}=${victim.name} ${victimId} under ${own.slug} (#${index})`,
                  },
                });
              }
            }
          }
          const before = await snapshot(api.connection);
          const missingAnswers = new Map<string, Promise<{ status: number; code?: string }>>();
          await inPool(attempts, async ({ attempt: a, missing }) => {
            const response = await attempt(own.boss.token, a);
            tried.path++;
            let expected: { status: number; code?: string } = { status: 404, code: 'not_found' };
            if (missing) {
              let answer = missingAnswers.get(missing.label);
              if (!answer) {
                answer = attempt(own.boss.token, missing).then((r) => ({
                  status: r.status,
                  code: r.body?.code,
                }));
                missingAnswers.set(missing.label, answer);
              }
              expected = await answer;
              // A missing id is "not found" — or, for an id naming another thing to link to, a
              // field error on that id; never a success or a 403.
              if (expected.status === 400)
                notFoundAs400.add(missing.label.replace(/ under .*/, ''));
              else if (expected.status !== 404)
                failures.push(`${missing.label}: ${expected.status}`);
            }
            if (response.status !== expected.status || response.body?.code !== expected.code)
              failures.push(
                `${a.label}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)} (a missing id: ${expected.status})`,
              );
          });
          const changed = changedTables(before, await snapshot(api.connection));
          if (changed.length > 0)
            failures.push(`${own.name} attacking ${victim.name} changed ${changed.join(', ')}`);
          // The victim's credentials the attacker aimed at still work.
          const credentials: Record<string, string>[] = [
            { cookie: victim.member.cookie },
            { authorization: `Bearer ${victim.member.token}` },
          ];
          for (const headers of credentials) {
            const me = await fetch(`${api.url}/api/v1/me`, { headers });
            if (me.status !== 200)
              failures.push(`${victim.name}'s member lost a credential: ${me.status}`);
          }
        }
        expect(failures).toEqual([]);
        // The one route that names a missing id as a field error: linking to a parent.
        expect([...notFoundAs400].sort()).toEqual([
          'PUT /api/v1/orgs/{org}/objectives/{id}/parents/{parentId} {parentId}=missing',
        ]);
        expect(tried.path).toBeGreaterThan(1000);
      },
      RELIABILITY_TIMEOUT_MS,
    );

    it(
      'IDOR in query filters: an id of the other organisation finds nothing of theirs',
      async () => {
        const failures: string[] = [];
        for (const [own, victim] of sides()) {
          const victimIds = Object.values(victim.ids);
          for (const route of routes.filter((r) => r.queryIdParams.length > 0 && r.underOrg)) {
            const kinds = route.idParams.map((p) => kindOfParam(route.path, p));
            const path = fillPath(
              route,
              own.slug,
              Object.fromEntries(
                route.idParams.map((p, i) => [p, ownId(own, kinds[i] ?? 'objective')]),
              ),
            );
            for (const param of route.queryIdParams) {
              for (const victimKind of ID_KINDS) {
                // (A required query parameter the path came with gives way to the one attacked.)
                const [bare = path, given = ''] = path.split('?');
                const kept = new URLSearchParams(given);
                kept.set(param, victim.ids[victimKind]);
                const full = `${bare}?${kept.toString()}`;
                const response = await client(api.url, own.boss.token).get<{ items?: unknown[] }>(
                  full,
                );
                tried.query++;
                const label = `GET ${full} (${victim.name} ${victimKind})`;
                // Either "no such thing here" or an empty answer; never the victim's data.
                const empty =
                  response.status === 200 &&
                  Array.isArray(response.body.items) &&
                  response.body.items.length === 0;
                if (response.status !== 404 && !empty)
                  failures.push(
                    `${label}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`,
                  );
                const text = JSON.stringify(response.body);
                const shown = victimIds.filter(
                  (id) => id !== victim.ids[victimKind] && text.includes(id),
                );
                if (shown.length > 0) failures.push(`${label}: shows ${shown.join(', ')}`);
              }
            }
          }
        }
        expect(failures).toEqual([]);
      },
      RELIABILITY_TIMEOUT_MS,
    );

    it(
      'IDOR in bodies: every id field of every body, set to an id of the other organisation, is refused and changes nothing',
      async () => {
        const failures: string[] = [];
        for (const [own, victim] of sides()) {
          for (const route of routes.filter((r) => r.bodyIdPaths.length > 0 && r.underOrg)) {
            const samples = sampleBodies(route.key, own) ?? [];
            const kinds = route.idParams.map((p) => kindOfParam(route.path, p));
            const target = async (on?: string) => {
              const ids = Object.fromEntries(
                route.idParams.map((p, i) => [
                  p,
                  i === 0 && on ? on : ownId(own, kinds[i] ?? 'objective'),
                ]),
              );
              const kind = kinds[0];
              const version = kind
                ? await versionOf(api.connection, own, kind, ids[route.idParams[0] ?? ''] ?? '')
                : 1;
              return {
                path: fillPath(route, own.slug, ids),
                ifMatch: route.ifMatch ? `"${version}"` : undefined,
              };
            };
            for (const { body: sample, on } of samples.map(splitSample)) {
              // The sample is a valid request: it succeeds with the attacker's own ids.
              const baseline = await target(on);
              const ok = await attempt(own.boss.token, {
                method: route.method,
                path: baseline.path,
                body: sample,
                ...(baseline.ifMatch ? { ifMatch: baseline.ifMatch } : {}),
                label: 'baseline',
              });
              if (!isSuccess(ok.status)) {
                failures.push(
                  `${route.key} baseline ${JSON.stringify(sample)}: ${ok.status} ${JSON.stringify(ok.body)}`,
                );
                continue;
              }
              const before = await snapshot(api.connection);
              for (const idPath of route.bodyIdPaths.filter((p) => hasPath(sample, p))) {
                for (const victimKind of ID_KINDS) {
                  const call = await target(on);
                  const response = await attempt(own.boss.token, {
                    method: route.method,
                    path: call.path,
                    body: withValue(sample, idPath, victim.ids[victimKind]),
                    ...(call.ifMatch ? { ifMatch: call.ifMatch } : {}),
                    label: '',
                  });
                  tried.body++;
                  const label = `${route.key} ${idPath.join('.')}=${victim.name} ${victimKind}`;
                  if (response.status !== 400 && response.status !== 404)
                    failures.push(
                      `${label}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`,
                    );
                }
              }
              const changed = changedTables(before, await snapshot(api.connection));
              if (changed.length > 0)
                failures.push(
                  `${route.key} with ${victim.name}'s ids changed ${changed.join(', ')}`,
                );
            }
          }
        }
        expect(failures).toEqual([]);
      },
      RELIABILITY_TIMEOUT_MS,
    );

    it(
      'a token or session on an organisation its user is not in: every route under the other slug answers 404 and changes nothing',
      async () => {
        const failures: string[] = [];
        let calls = 0;
        for (const [own, victim] of sides()) {
          const before = await snapshot(api.connection);
          for (const route of routes.filter((r) => r.underOrg)) {
            const kinds = route.idParams.map((p) => kindOfParam(route.path, p));
            const path = fillPath(
              route,
              victim.slug,
              Object.fromEntries(
                route.idParams.map((p, i) => [p, victim.ids[kinds[i] ?? 'objective']]),
              ),
            );
            const body = route.body
              ? splitSample(sampleBodies(route.key, victim)?.[0]).body
              : undefined;
            const credentials: [string, Record<string, string>][] = [
              ['boss token', { authorization: `Bearer ${own.boss.token}` }],
              ['member session', { cookie: own.member.cookie, 'x-csrf-token': own.member.csrf }],
            ];
            for (const [how, headers] of credentials) {
              const response = await client(api.url).call<{ code?: string }>(route.method, path, {
                ...(body !== undefined ? { body } : {}),
                headers: { ...headers, ...(route.ifMatch ? { 'if-match': '"1"' } : {}) },
              });
              calls++;
              if (response.status !== 404 || response.body?.code !== 'not_found')
                failures.push(
                  `${route.key} as ${own.name} ${how} on ${victim.slug}: ${response.status}`,
                );
            }
          }
          const changed = changedTables(before, await snapshot(api.connection));
          if (changed.length > 0)
            failures.push(`${own.name} on ${victim.slug} changed ${changed.join(', ')}`);
        }
        expect(failures).toEqual([]);
        expect(calls).toBeGreaterThan(200);
      },
      RELIABILITY_TIMEOUT_MS,
    );

    it(
      'a person in both organisations keeps their roles apart: every role in Globex, a plain member in Acme',
      async () => {
        const agent = client(api.url, w.doubleAgent.token);
        const acme = w.acme;
        const before = await snapshot(api.connection);
        const ifMatchOf = async (userId: string) => ({
          'if-match': `"${await versionOf(api.connection, acme, 'user', userId)}"`,
        });
        // Globex's admin, but in Acme no admin, executive, champion or coordinator action.
        const answers = {
          selfAdmin: (
            await agent.patch(
              `${acme.base}/members/${w.doubleAgent.id}`,
              { roles: ALL_ROLES },
              await ifMatchOf(w.doubleAgent.id),
            )
          ).status,
          otherRoles: (
            await agent.patch(
              `${acme.base}/members/${acme.member.id}`,
              { roles: ['admin'] },
              await ifMatchOf(acme.member.id),
            )
          ).status,
          invite: (
            await agent.post(`${acme.base}/invitations`, {
              email: 'accomplice@example.test',
              roles: ['admin'],
            })
          ).status,
          audit: (await agent.get(`${acme.base}/audit`)).status,
          cycle: (
            await agent.post(`${acme.base}/cycles`, {
              name: 'Agent cycle',
              startDate: '2030-01-01',
              endDate: '2030-03-31',
            })
          ).status,
          companyObjective: (
            await agent.post(`${acme.base}/objectives`, {
              cycleId: acme.ids.cycle,
              level: 'company',
              title: 'Agent objective',
            })
          ).status,
          privateObjective: (
            await agent.get(`${acme.base}/objectives/${acme.ids.privateObjective}`)
          ).status,
          team: (await agent.post(`${acme.base}/teams`, { name: 'Agent team' })).status,
          theme: (await agent.post(`${acme.base}/themes`, { name: 'Agent theme' })).status,
        };
        expect(answers).toEqual({
          selfAdmin: 403,
          otherRoles: 403,
          invite: 403,
          audit: 403,
          cycle: 403,
          companyObjective: 403,
          privateObjective: 404,
          team: 403,
          theme: 403,
        });
        expect(changedTables(before, await snapshot(api.connection))).toEqual([]);
        // The same person's Globex powers are intact: the refusals are about the organisation.
        expect((await agent.get(`${w.globex.base}/audit`)).status).toBe(200);
        const me = await agent.get<{ roles: string[] }>(`${acme.base}/members/${w.doubleAgent.id}`);
        expect(me.body.roles).toEqual([]);
      },
      RELIABILITY_TIMEOUT_MS,
    );

    it(
      'nobody gives themself a role or a team to lead: executives, champions, coordinators, leads, members',
      async () => {
        const acme = w.acme;
        const before = await snapshot(api.connection);
        const checkout = (await w.teamObjective('lead@acme.test', true)).teamId;
        const results: Record<string, Record<string, number>> = {};
        for (const [name, person] of Object.entries(w.demoPeople)) {
          if (name === 'admin') continue;
          const as = client(api.url, person.token);
          const ifMatch = {
            'if-match': `"${await versionOf(api.connection, acme, 'user', person.id)}"`,
          };
          const rolesNow = async () =>
            (await as.get<{ roles: string[] }>(`${acme.base}/members/${person.id}`)).body.roles;
          const rolesBefore = await rolesNow();
          results[name] = {
            allRoles: (
              await as.patch(`${acme.base}/members/${person.id}`, { roles: ALL_ROLES }, ifMatch)
            ).status,
            admin: (
              await as.patch(
                `${acme.base}/members/${person.id}`,
                { roles: [...rolesBefore, 'admin'] },
                ifMatch,
              )
            ).status,
            leadCheckout: (
              await as.call('PUT', `${acme.base}/teams/${checkout}/members/${person.id}`, {
                body: { isLead: true },
              })
            ).status,
            leadOtherTeam: (
              await as.call('PUT', `${acme.base}/teams/${acme.ids.team}/members/${person.id}`, {
                body: { isLead: true },
              })
            ).status,
            inviteAdmin: (
              await as.post(`${acme.base}/invitations`, {
                email: `${name}-accomplice@example.test`,
                roles: ['admin'],
              })
            ).status,
          };
          expect(await rolesNow()).toEqual(rolesBefore);
        }
        const refused = {
          allRoles: 403,
          admin: 403,
          leadCheckout: 403,
          leadOtherTeam: 403,
          inviteAdmin: 403,
        };
        expect(results).toEqual({
          ceo: refused,
          champion: refused,
          coordinator: refused,
          lead: refused,
          member: refused,
        });
        expect(changedTables(before, await snapshot(api.connection))).toEqual([]);
        // An admin may (so the refusals above are about who asks, not about the requests).
        const admin = client(api.url, w.demoPeople.admin.token);
        const member = w.demoPeople.member.id;
        for (const roles of [['champion'], []]) {
          const answer = await admin.patch(
            `${acme.base}/members/${member}`,
            { roles },
            {
              'if-match': `"${await versionOf(api.connection, acme, 'user', member)}"`,
            },
          );
          expect(answer.status).toBe(200);
        }
      },
      RELIABILITY_TIMEOUT_MS,
    );

    it(
      "a lead edits their own team's objectives, never another team's",
      async () => {
        const acme = w.acme;
        const lead = client(api.url, w.demoPeople.lead.token);
        const mine = await w.teamObjective('lead@acme.test', true);
        const theirs = await w.teamObjective('lead@acme.test', false);
        const v = async (id: string) => ({
          'if-match': `"${await versionOf(api.connection, acme, 'objective', id)}"`,
        });
        const kv = async (id: string) => ({
          'if-match': `"${await versionOf(api.connection, acme, 'keyResult', id)}"`,
        });
        const before = await snapshot(api.connection);
        const view = await lead.get<{ abilities: Record<string, boolean> }>(
          `${acme.base}/objectives/${theirs.objectiveId}`,
        );
        expect(view.status).toBe(200);
        expect(view.body.abilities).toMatchObject({
          canEdit: false,
          canDelete: false,
          canAddKeyResult: false,
        });
        const kr = { title: 'Hijack', kind: 'number', direction: 'increase', start: 0, target: 1 };
        const answers = {
          editTitle: (
            await lead.patch(
              `${acme.base}/objectives/${theirs.objectiveId}`,
              { title: 'Hijacked' },
              await v(theirs.objectiveId),
            )
          ).status,
          delete: (
            await lead.delete(
              `${acme.base}/objectives/${theirs.objectiveId}`,
              await v(theirs.objectiveId),
            )
          ).status,
          addKeyResult: (
            await lead.post(`${acme.base}/objectives/${theirs.objectiveId}/key-results`, kr)
          ).status,
          editKeyResult: (
            await lead.patch(
              `${acme.base}/key-results/${theirs.keyResultId}`,
              { title: 'Hijacked' },
              await kv(theirs.keyResultId),
            )
          ).status,
          deleteKeyResult: (
            await lead.delete(
              `${acme.base}/key-results/${theirs.keyResultId}`,
              await kv(theirs.keyResultId),
            )
          ).status,
          checkIn: (
            await lead.post(`${acme.base}/key-results/${theirs.keyResultId}/check-ins`, {
              value: 1,
            })
          ).status,
          initiative: (
            await lead.post(`${acme.base}/key-results/${theirs.keyResultId}/initiatives`, {
              title: 'Hijack',
            })
          ).status,
          realign: (
            await lead.call(
              'PUT',
              `${acme.base}/objectives/${theirs.objectiveId}/parents/${mine.objectiveId}`,
              { headers: await v(theirs.objectiveId) },
            )
          ).status,
          createForThem: (
            await lead.post(`${acme.base}/objectives`, {
              cycleId: theirs.cycleId,
              level: 'team',
              teamId: theirs.teamId,
              title: 'Planted',
            })
          ).status,
          handOwnToThem: (
            await lead.patch(
              `${acme.base}/objectives/${mine.objectiveId}`,
              { teamId: theirs.teamId },
              await v(mine.objectiveId),
            )
          ).status,
        };
        expect(answers).toEqual({
          editTitle: 403,
          delete: 403,
          addKeyResult: 403,
          editKeyResult: 403,
          deleteKeyResult: 403,
          checkIn: 403,
          initiative: 403,
          realign: 403,
          createForThem: 403,
          handOwnToThem: 403,
        });
        expect(changedTables(before, await snapshot(api.connection))).toEqual([]);
        // Their own team's objective they may edit.
        const own = await lead.patch(
          `${acme.base}/objectives/${mine.objectiveId}`,
          { title: 'Checkout without friction' },
          await v(mine.objectiveId),
        );
        expect(own.status).toBe(200);
      },
      RELIABILITY_TIMEOUT_MS,
    );

    it(
      'private objectives never reach those who may not read them: lists, search, tree, activity, comments, dependencies, my OKRs, counts',
      async () => {
        const acme = w.acme;
        const boss = client(api.url, acme.boss.token);
        const kit = acme.kitPrivate;
        const demoPrivate = w.demoPrivate;
        const themeName = 'acme theme';
        // Around the kit's private objective: a public objective aligned under it, a theme tag on
        // it and on a public objective, and a key result owned by someone who may not read it.
        const child = (
          await boss.post<{ id: string }>(`${acme.base}/objectives`, {
            cycleId: acme.ids.cycle,
            level: 'team',
            teamId: acme.ids.team,
            title: 'acme public child of a secret',
            parentIds: [kit.objectiveId],
          })
        ).body.id;
        for (const id of [kit.objectiveId, acme.ids.objective]) {
          const tagged = await boss.patch(
            `${acme.base}/objectives/${id}`,
            { tags: [themeName] },
            {
              'if-match': `"${await versionOf(api.connection, acme, 'objective', id)}"`,
            },
          );
          expect(tagged.status).toBe(200);
        }
        // A private company objective with a key result owned by someone who may not read it.
        const ownedUnseen = await boss.post<{ id: string; keyResults: { id: string }[] }>(
          `${acme.base}/objectives`,
          {
            cycleId: acme.ids.cycle,
            level: 'company',
            title: 'acme secret company objective',
            visibility: 'private',
            readerIds: [acme.boss.id],
            keyResults: [
              {
                title: 'acme secret key result the member owns',
                kind: 'number',
                direction: 'increase',
                start: 0,
                target: 5,
                ownerId: acme.member.id,
              },
            ],
          },
        );
        expect(ownedUnseen.status).toBe(201);
        // A private key result that is behind, in the demo's active cycle, and a public key
        // result depending on it: the risk travels to the public one, whose readers must see
        // only "A private key result" on its path.
        const demoCycle = (
          await api.connection.db
            .selectFrom('cycles')
            .select('id')
            .where('org_id', '=', acme.orgId)
            .where('status', '=', 'active')
            .where('id', '!=', acme.ids.cycle)
            .executeTakeFirstOrThrow()
        ).id;
        const withKeyResult = (title: string, krTitle: string, visibility: 'public' | 'private') =>
          boss.post<{ id: string; keyResults: { id: string }[] }>(`${acme.base}/objectives`, {
            cycleId: demoCycle,
            level: 'company',
            title,
            visibility,
            readerIds: [acme.boss.id],
            keyResults: [
              {
                title: krTitle,
                kind: 'number',
                direction: 'increase',
                start: 0,
                target: 100,
                ownerId: acme.boss.id,
              },
            ],
          });
        const behind = await withKeyResult(
          'acme secret objective behind',
          'acme secret key result behind',
          'private',
        );
        const downstream = await withKeyResult(
          'acme public objective downstream',
          'acme public key result downstream',
          'public',
        );
        expect([behind.status, downstream.status]).toEqual([201, 201]);
        const behindKr = behind.body.keyResults[0]?.id ?? '';
        const downstreamKr = downstream.body.keyResults[0]?.id ?? '';
        expect(
          (
            await boss.post(`${acme.base}/key-results/${behindKr}/check-ins`, {
              value: 0,
              confidence: 0.1,
            })
          ).status,
        ).toBe(201);
        expect(
          (
            await boss.post(`${acme.base}/dependencies`, {
              keyResultId: downstreamKr,
              dependsOnId: behindKr,
            })
          ).status,
        ).toBe(201);
        const markers = {
          kit: {
            ...kit,
            texts: [
              ...kit.texts,
              'acme secret company objective',
              'acme secret key result the member owns',
              'acme secret objective behind',
              'acme secret key result behind',
            ],
            ids: [
              ...kit.ids,
              ownedUnseen.body.id,
              ...ownedUnseen.body.keyResults.map((k) => k.id),
              behind.body.id,
              behindKr,
            ],
          },

          demo: demoPrivate,
        };

        const cycles = (
          await api.connection.db
            .selectFrom('cycles')
            .select('id')
            .where('org_id', '=', acme.orgId)
            .execute()
        ).map((r) => r.id);
        const { owner_id: demoOwner, team_id: peopleTeam } = await api.connection.db
          .selectFrom('objectives')
          .select(['owner_id', 'team_id'])
          .where('id', '=', demoPrivate.objectiveId)
          .executeTakeFirstOrThrow();
        const demoParent = (
          await api.connection.db
            .selectFrom('alignments')
            .select('parent_id')
            .where('child_id', '=', demoPrivate.objectiveId)
            .executeTakeFirstOrThrow()
        ).parent_id;
        const b = acme.base;
        const words = [
          'secret',
          'compensation',
          'board has approved',
          kit.texts[0] ?? '',
          demoPrivate.texts[0] ?? '',
        ];
        const lists = [
          ...cycles.map((c) => `${b}/objectives?cycle=${c}`),
          ...words.map((q) => `${b}/objectives?q=${encodeURIComponent(q)}`),
          `${b}/objectives?team=${acme.ids.team}`,
          `${b}/objectives?team=${peopleTeam ?? ''}`,
          `${b}/objectives?owner=${acme.boss.id}`,
          `${b}/objectives?owner=${demoOwner ?? ''}`,
          `${b}/objectives?level=team`,
          `${b}/objectives?status=active`,
          ...['on_track', 'at_risk', 'off_track', 'none'].map((h) => `${b}/objectives?health=${h}`),
          `${b}/objectives?tag=${encodeURIComponent(themeName)}`,
          `${b}/activity`,
          `${b}/dependencies`,
          `${b}/dependencies?keyResultId=${acme.ids.keyResult}`,
          `${b}/dependencies?teamId=${acme.ids.team}`,
          `${b}/objectives/${acme.ids.objective}/comments`,
          `${b}/key-results/${acme.ids.keyResult}/comments`,
          `${b}/key-results/${acme.ids.keyResult}/check-ins`,
          `${b}/key-results/${acme.ids.keyResult}/initiatives`,
          `${b}/members`,
          `${b}/teams`,
          `${b}/cycles`,
        ];
        const singles = [
          ...cycles.map((c) => `${b}/cycles/${c}/tree`),
          ...cycles.map((c) => `${b}/me/okrs?cycle=${c}`),
          `${b}/me/okrs`,
          `${b}/objectives/${child}`,
          `${b}/objectives/${acme.spare.objective}`,
          `${b}/objectives/${demoParent}`,
          `${b}/objectives/${acme.ids.objective}`,
          `${b}/key-results/${acme.ids.keyResult}`,
          `${b}/objectives/${downstream.body.id}`,
          `${b}/key-results/${downstreamKr}`,
          `${b}/members/${acme.boss.id}`,
          `${b}/members/${acme.member.id}`,
          `${b}/teams/${acme.ids.team}`,
          `${b}/teams/tree`,
          `${b}`,
          `${b}/themes`,
        ];
        const direct = [
          `${b}/objectives/${kit.objectiveId}`,
          `${b}/objectives/${kit.objectiveId}/comments`,
          `${b}/key-results/${acme.ids.privateKeyResult}`,
          `${b}/key-results/${acme.ids.privateKeyResult}/comments`,
          `${b}/key-results/${acme.ids.privateKeyResult}/check-ins`,
          `${b}/key-results/${acme.ids.privateKeyResult}/initiatives`,
          `${b}/activity?objectiveId=${kit.objectiveId}`,
          `${b}/dependencies?keyResultId=${acme.ids.privateKeyResult}`,
          `${b}/objectives/${demoPrivate.objectiveId}`,
          `${b}/activity?objectiveId=${demoPrivate.objectiveId}`,
        ];

        /** Everything `token` reads from the lists and views above, as one list of bodies. */
        const readEverything = async (token: string) => {
          const bodies: { path: string; body: unknown }[] = [];
          for (const path of [...lists, ...singles])
            for (const body of await readAll(api.url, token, path)) bodies.push({ path, body });
          return bodies;
        };
        const viewers: [string, string, ('kit' | 'demo')[]][] = [
          ['member', w.demoPeople.member.token, ['kit', 'demo']],
          ['lead', w.demoPeople.lead.token, ['kit', 'demo']],
          ['champion', w.demoPeople.champion.token, ['kit', 'demo']],
          ['coordinator', w.demoPeople.coordinator.token, ['kit', 'demo']],
          ['double agent', w.doubleAgent.token, ['kit', 'demo']],
          // A named reader of the demo's private objective, not of the kit's.
          ['ceo', w.demoPeople.ceo.token, ['kit']],
        ];
        const failures: string[] = [];
        let reads = 0;
        for (const [name, token, hidden] of viewers) {
          const bodies = await readEverything(token);
          reads += bodies.length;
          for (const { path, body } of bodies) {
            const leaks = leaksIn(
              body,
              hidden.map((k) => markers[k]),
            );
            if (leaks.length > 0) failures.push(`${name}, GET ${path}: ${leaks.join('; ')}`);
          }
          for (const path of direct) {
            const hiddenHere = path.includes(demoPrivate.objectiveId) ? 'demo' : 'kit';
            if (!hidden.includes(hiddenHere)) continue;
            // Not found, or (for a filter) nothing found: as for an id that does not exist.
            const response = await client(api.url, token).get<{ items?: unknown[] }>(path);
            const empty = response.status === 200 && response.body.items?.length === 0;
            if (response.status !== 404 && !empty)
              failures.push(
                `${name}: GET ${path} answered ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`,
              );
          }
          const themes = await client(api.url, token).get<{
            items: { name: string; objectiveCount: number }[];
          }>(`${b}/themes`);
          const count = themes.body.items.find((t) => t.name === themeName)?.objectiveCount;
          if (count !== 1)
            failures.push(`${name}: the theme counts ${count} objectives, not the 1 they may read`);
        }
        expect(failures).toEqual([]);

        // Those who may read them see them in the same places: the search above can find a leak.
        const showing = (bodies: { path: string; body: unknown }[], m: typeof markers.kit) =>
          new Set(bodies.filter(({ body }) => showsInFull(body, m)).map(({ path }) => path));
        const bossSees = showing(await readEverything(acme.boss.token), markers.kit);
        const kitCycle = acme.ids.cycle;
        expect([...bossSees]).toEqual(
          expect.arrayContaining([
            `${b}/objectives?cycle=${kitCycle}`,
            `${b}/objectives?q=secret`,
            `${b}/objectives?q=${encodeURIComponent(kit.texts[0] ?? '')}`,
            `${b}/objectives?team=${acme.ids.team}`,
            `${b}/objectives?owner=${acme.boss.id}`,
            `${b}/objectives?tag=${encodeURIComponent(themeName)}`,
            `${b}/activity`,
            `${b}/dependencies`,
            `${b}/dependencies?keyResultId=${acme.ids.keyResult}`,
            `${b}/cycles/${kitCycle}/tree`,
            `${b}/me/okrs?cycle=${kitCycle}`,
            `${b}/objectives/${child}`,
            `${b}/objectives/${acme.spare.objective}`,
            `${b}/objectives/${downstream.body.id}`,
            `${b}/key-results/${downstreamKr}`,
          ]),
        );
        // …and the others see that the public key result is at risk, through a private one.
        const risk = await client(api.url, w.demoPeople.member.token).get<{
          dependencyRisk: { level: string; path: unknown[] } | null;
        }>(`${b}/key-results/${downstreamKr}`);
        expect(risk.body.dependencyRisk?.path[0]).toEqual({
          private: true,
          title: 'A private key result',
        });
        const ceoSees = showing(await readEverything(w.demoPeople.ceo.token), markers.demo);
        expect([...ceoSees]).toEqual(
          expect.arrayContaining([
            `${b}/objectives?q=compensation`,
            `${b}/objectives?owner=${demoOwner ?? ''}`,
            `${b}/objectives/${demoParent}`,
          ]),
        );
        const bossActivity = JSON.stringify(
          await readAll(api.url, acme.boss.token, `${b}/activity`),
        );
        expect(bossActivity).toContain(kit.texts[0]);
        const bossThemes = await boss.get<{ items: { name: string; objectiveCount: number }[] }>(
          `${b}/themes`,
        );
        expect(bossThemes.body.items.find((t) => t.name === themeName)?.objectiveCount).toBe(2);
        console.log(
          `[attackers ${dialect}] private objectives: ${reads} responses read by ${viewers.length} non-readers`,
        );
      },
      RELIABILITY_TIMEOUT_MS,
    );

    it(
      'the activity feed does not show, once an objective is deleted, the title it was given when it was made private',
      async () => {
        const acme = w.acme;
        const boss = client(api.url, acme.boss.token);
        const secretTitle = `Close the Berlin office ${uuidv7().slice(-6)}`;
        const id = (
          await boss.post<{ id: string }>(`${acme.base}/objectives`, {
            cycleId: acme.ids.cycle,
            level: 'team',
            teamId: acme.ids.team,
            title: 'An innocent public title',
          })
        ).body.id;
        const madePrivate = await boss.patch(
          `${acme.base}/objectives/${id}`,
          { title: secretTitle, visibility: 'private', readerIds: [acme.boss.id] },
          { 'if-match': `"${await versionOf(api.connection, acme, 'objective', id)}"` },
        );
        expect(madePrivate.status).toBe(200);
        const member = client(api.url, w.demoPeople.member.token);
        const feed = async (token: string) =>
          JSON.stringify(await readAll(api.url, token, `${acme.base}/activity`));
        expect(await feed(w.demoPeople.member.token)).not.toContain(secretTitle);
        const deleted = await boss.delete(`${acme.base}/objectives/${id}`, {
          'if-match': `"${await versionOf(api.connection, acme, 'objective', id)}"`,
        });
        expect(deleted.status).toBe(204);
        expect(await feed(w.demoPeople.member.token)).not.toContain(secretTitle);
        expect((await member.get(`${acme.base}/objectives/${id}`)).status).toBe(404);
        // Its public past stays public, and admins still see all of it.
        expect(await feed(w.demoPeople.member.token)).toContain('An innocent public title');
        expect(await feed(acme.boss.token)).toContain(secretTitle);
      },
      RELIABILITY_TIMEOUT_MS,
    );
  });
}
