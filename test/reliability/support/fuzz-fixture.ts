/**
 * What the fuzzer runs against: the real API over a demo-loaded database of the dialect, with
 * a pinned clock, real signed-in actors (tokens made through the API), a session cookie, dead
 * tokens, a second organisation to borrow foreign ids from, and the ids of everything by kind.
 */
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Dialect } from '../../../src/db/connection.ts';
import type { OrgRole } from '../../../src/contracts/model.ts';
import { memberRoleRow } from '../../../src/repositories/rows.ts';
import { DEMO_PASSWORD, loadDemoOrganisation } from '../../../src/services/demo-organisation.ts';
import { hashSecret } from '../../../src/services/secrets.ts';
import { notify } from '../../../src/services/notifications/notify.ts';
import { client, startTestApi, type TestApi } from '../../support/api.ts';
import {
  buildCycle,
  buildKeyResult,
  buildObjective,
  buildOrganisation,
  buildTeam,
  buildUser,
} from '../../support/builders.ts';
import type { OpenApiDocument } from './fuzz-openapi.ts';
import type { Credentials } from './fuzz-requests.ts';
import type { IdKind, IdPools } from './fuzz-values.ts';

export interface FuzzFixture {
  api: TestApi;
  doc: OpenApiDocument;
  pools: IdPools;
  credentials: Credentials;
  actors: string[];
  /** User ids of the fuzzing actors (never offered as ids to change, so they keep their access). */
  actorIds: string[];
}

/** The demo people who fuzz: the CEO made every role (so requests reach every handler), a team lead, a member. */
const ACTORS: Record<string, string> = {
  everything: 'ceo@acme.test',
  lead: 'lead@acme.test',
  member: 'member@acme.test',
};
const EVERY_ROLE: OrgRole[] = ['champion', 'coordinator', 'admin'];

async function signIn(url: string, email: string) {
  const response = await client(url).post<{ csrfToken: string; user: { id: string } }>(
    '/api/v1/auth/login',
    { email, password: DEMO_PASSWORD },
  );
  if (response.status !== 200)
    throw new Error(`signing in as ${email}: ${response.status} ${JSON.stringify(response.body)}`);
  const cookie =
    (response.headers.getSetCookie().find((c) => c.startsWith('okr_session=')) ?? '').split(
      ';',
    )[0] ?? '';
  return {
    cookie,
    userId: response.body.user.id,
    headers: { cookie, 'x-csrf-token': response.body.csrfToken },
  };
}

export async function startFuzzFixture(dialect: Dialect, now: Date): Promise<FuzzFixture> {
  const api = await startTestApi(dialect, { now: () => now });
  try {
    const { db } = api.connection;
    const demo = await loadDemoOrganisation(api.connection, { now });
    const ceo = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', ACTORS.everything ?? '')
      .executeTakeFirstOrThrow();
    for (const role of EVERY_ROLE)
      await db
        .insertInto('member_roles')
        .values(memberRoleRow(demo.orgId, ceo.id, role))
        .execute();

    const tokens: Record<string, string> = {};
    const actorIds: string[] = [];
    let cookie = '';
    for (const [actor, email] of Object.entries(ACTORS)) {
      const session = await signIn(api.url, email);
      actorIds.push(session.userId);
      if (actor === 'everything') cookie = session.cookie;
      const created = await client(api.url).post<{ token: string }>(
        '/api/v1/tokens',
        { name: `fuzz ${actor}` },
        session.headers,
      );
      if (created.status !== 201) throw new Error(`token for ${email}: ${created.status}`);
      tokens[actor] = created.body.token;
    }
    // Victims the fuzzer may revoke: another session and another token of the CEO.
    const victim = await signIn(api.url, ACTORS.everything ?? '');
    await client(api.url).post('/api/v1/tokens', { name: 'victim' }, victim.headers);
    const dead = await client(api.url).post<{ id: string; token: string }>(
      '/api/v1/tokens',
      { name: 'revoked' },
      victim.headers,
    );
    await client(api.url).delete(`/api/v1/tokens/${dead.body.id}`, victim.headers);
    const expired = `okr_${randomBytes(32).toString('base64url')}`;
    await db
      .insertInto('api_tokens')
      .values({
        id: uuidv7(),
        token_hash: hashSecret(expired),
        user_id: ceo.id,
        name: 'expired',
        prefix: expired.slice(0, 12),
        created_at: new Date(now.getTime() - 10 * 86_400_000).toISOString(),
        expires_at: new Date(now.getTime() - 86_400_000).toISOString(),
      })
      .execute();
    const invited = await client(api.url).post(
      '/api/v1/orgs/acme/invitations',
      { email: 'invited@example.test', roles: ['executive'] },
      victim.headers,
    );
    if (invited.status !== 201) throw new Error(`invitation: ${invited.status}`);

    // Another organisation: its ids must answer 404 to everyone here.
    const other = await buildOrganisation(api.connection, { slug: 'globex' });
    const stranger = await buildUser(api.connection, other.id, { roles: ['admin'] });
    const team = await buildTeam(api.connection, other.id, { leads: [stranger.id] });
    const cycle = await buildCycle(api.connection, other.id);
    const objective = await buildObjective(api.connection, other.id, {
      cycleId: cycle.id,
      teamId: team.id,
      ownerId: stranger.id,
    });
    const keyResult = await buildKeyResult(api.connection, other.id, {
      objectiveId: objective.id,
      ownerId: stranger.id,
    });

    const ids = async (
      table:
        | 'teams'
        | 'cycles'
        | 'objectives'
        | 'key_results'
        | 'initiatives'
        | 'dependencies'
        | 'collaboration_requests'
        | 'comments'
        | 'knowledge_notes'
        | 'themes'
        | 'kpis'
        | 'invitations'
        | 'announcements'
        | 'questions'
        | 'webhook_endpoints'
        | 'webhook_deliveries'
        | 'data_sources',
    ) =>
      (
        await db
          .selectFrom(table)
          .select('id')
          .where('org_id', '=', demo.orgId)
          .orderBy('id')
          .execute()
      ).map((row) => row.id);
    const members = (
      await db
        .selectFrom('memberships')
        .select('user_id')
        .where('org_id', '=', demo.orgId)
        .orderBy('user_id')
        .execute()
    )
      .map((row) => row.user_id)
      .filter((id) => !actorIds.includes(id));
    await webhookAndDataSource(db, demo.orgId, now);
    const own: Record<IdKind, string[]> = {
      team: await ids('teams'),
      cycle: await ids('cycles'),
      objective: await ids('objectives'),
      'key-result': await ids('key_results'),
      initiative: await ids('initiatives'),
      'import-mapping': [],
      dependency: await ids('dependencies'),
      'collaboration-request': await ids('collaboration_requests'),
      comment: await ids('comments'),
      note: await ids('knowledge_notes'),
      theme: await ids('themes'),
      kpi: await ids('kpis'),
      invitation: await ids('invitations'),
      notification: [],
      announcement: await ids('announcements'),
      question: await ids('questions'),
      webhook: await ids('webhook_endpoints'),
      'webhook-delivery': await ids('webhook_deliveries'),
      'data-source': await ids('data_sources'),
      user: members,
      session: (
        await db
          .selectFrom('sessions')
          .select('id')
          .where('user_id', '=', ceo.id)
          .where('revoked_at', 'is', null)
          .orderBy('id')
          .execute()
      )
        .map((row) => row.id)
        .slice(-1),
      token: (
        await db.selectFrom('api_tokens').select('id').where('name', '=', 'victim').execute()
      ).map((row) => row.id),
    };
    // Each fuzzing actor has a notification to mark read.
    await notify(db, {
      orgId: demo.orgId,
      kind: 'reminder',
      actorId: null,
      recipients: actorIds,
      title: 'Your check-ins are due',
      at: now,
    });
    own.notification = (
      await db
        .selectFrom('notifications')
        .select('id')
        .where('org_id', '=', demo.orgId)
        .orderBy('id')
        .execute()
    ).map((row) => row.id);
    // A saved import mapping to read, change and delete.
    const mappingId = uuidv7();
    await db
      .insertInto('import_mappings')
      .values({
        id: mappingId,
        org_id: demo.orgId,
        name: 'Fuzzed mapping',
        mapping: '{}',
        created_by: actorIds[0] ?? null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
    own['import-mapping'] = [mappingId];
    const doc = (await client(api.url).get<OpenApiDocument>('/api/v1/openapi.json')).body;
    // Each token is used once now, so the first fuzzed request does not record "last used".
    for (const token of Object.values(tokens)) await client(api.url, token).get('/api/v1/me');
    return {
      api,
      doc,
      pools: {
        own,
        foreign: [other.id, stranger.id, team.id, cycle.id, objective.id, keyResult.id],
        slug: demo.slug,
        foreignSlug: other.slug,
      },
      credentials: { tokens, cookie, deadTokens: [dead.body.token, expired] },
      actors: Object.keys(ACTORS),
      actorIds,
    };
  } catch (error) {
    await api.close();
    throw error;
  }
}

/** A webhook endpoint with a failed delivery, and a push data source, in the organisation. */
async function webhookAndDataSource(
  db: FuzzFixture['api']['connection']['db'],
  orgId: string,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const endpoint = uuidv7();
  await db
    .insertInto('webhook_endpoints')
    .values({
      id: endpoint,
      org_id: orgId,
      url: 'https://hooks.example.test/okr',
      description: 'CRM',
      events: ',check_in.created,',
      secret: 'whsec_fuzz',
      active: 1,
      created_by: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('webhook_deliveries')
    .values({
      id: uuidv7(),
      org_id: orgId,
      endpoint_id: endpoint,
      event_id: uuidv7(),
      event_type: 'check_in.created',
      payload: '{}',
      status: 'failed',
      attempts: 8,
      next_attempt_at: at,
      last_attempt_at: at,
      response_status: 500,
      response_body: '',
      duration_ms: 1,
      error: 'HTTP 500',
      created_at: at,
    })
    .execute();
  const keyResult = await db
    .selectFrom('key_results')
    .select('id')
    .where('org_id', '=', orgId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('data_sources')
    .values({
      id: uuidv7(),
      org_id: orgId,
      key_result_id: keyResult.id,
      kind: 'push',
      url: null,
      pointer: null,
      header_name: null,
      header_secret: null,
      interval_minutes: null,
      token_hash: 'not-a-real-token-hash',
      created_by: null,
      created_at: at,
      updated_at: at,
      last_value: null,
      last_success_at: null,
      last_attempt_at: null,
      last_error: null,
      next_run_at: null,
    })
    .execute();
}
