/**
 * The two organisations the attacker suite plays in: the demo organisation Acme (as `okr demo`
 * loads it) and a second one, Globex. Each gets a "boss" — every organisation role and the lead
 * of a team, so that in their own organisation nothing but the organisation boundary stops them
 * — who builds a kit of one of every thing through the API (team, cycle, public and private
 * objectives, key results, check-in, initiative, dependency, comment, theme, invitation), and a
 * plain member signed in both ways (a session and a personal token). A third person, the double
 * agent, is every role in Globex but only a plain member of Acme.
 */
import { sql } from 'kysely';
import type { OrgRole } from '../../../src/contracts/model.ts';
import { registerQueryIds } from './attack-routes.ts';
import type { Connection } from '../../../src/db/connection.ts';
import { themeRow } from '../../../src/repositories/rows.ts';
import { loadDemoOrganisation, DEMO_PASSWORD } from '../../../src/services/demo-organisation.ts';
import { hashPassword } from '../../../src/services/passwords.ts';
import { notify } from '../../../src/services/notifications/notify.ts';
import { client } from '../../support/api.ts';
import {
  addMember,
  buildOrganisation,
  buildTeam,
  buildToken,
  buildUser,
} from '../../support/builders.ts';
import { v7 as uuidv7 } from 'uuid';

export const ALL_ROLES: OrgRole[] = ['executive', 'champion', 'coordinator', 'admin'];

/** The kinds of ids an organisation's things have; every id-taking route is tried with all of them. */
export const ID_KINDS = [
  'user',
  'team',
  'cycle',
  'objective',
  'privateObjective',
  'keyResult',
  'privateKeyResult',
  'checkIn',
  'initiative',
  'dependency',
  'collaborationRequest',
  'comment',
  'note',
  'theme',
  'kpi',
  'invitation',
  'session',
  'token',
  'importMapping',
  'notification',
  'announcement',
  'question',
  'webhook',
  'webhookDelivery',
  'dataSource',
] as const;
export type IdKind = (typeof ID_KINDS)[number];

/** Words and ids of a private objective and everything under it. */
export interface PrivateMarkers {
  objectiveId: string;
  /** Texts only the private objective and what hangs on it carry. */
  texts: string[];
  /** Ids of the objective, its key results, check-ins, initiatives, comments and dependencies. */
  ids: string[];
}

export interface Side {
  name: 'acme' | 'globex';
  orgId: string;
  slug: string;
  base: string;
  /** Every role and the lead of `ids.team`; owns the kit. */
  boss: { id: string; token: string };
  /** A plain member: `ids.user`, signed in with `ids.session` (cookie) and `ids.token`. */
  member: {
    id: string;
    email: string;
    password: string;
    token: string;
    cookie: string;
    csrf: string;
  };
  ids: Record<IdKind, string>;
  /** Own things for the second id of a route and for valid bodies. */
  spare: {
    team: string;
    objective: string;
    sharedObjective: string;
    keyResult: string;
    user: string;
    /** A second open request for help to the boss's team, naming no key result. */
    collaborationRequest: string;
    /** A key result of that request's objective that nothing depends on. */
    keyResultThatNeedsHelp: string;
    /** A cycle in planning (objectives are carried into it). */
    cycle: string;
  };
  /** The private objective of the kit (readers: the boss alone). */
  kitPrivate: PrivateMarkers;
}

export type AttackWorld = Awaited<ReturnType<typeof buildAttackWorld>>;

async function signIn(
  url: string,
  email: string,
  password: string,
): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`Sign-in of ${email}: ${response.status}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('okr_session='));
  const { csrfToken } = (await response.json()) as { csrfToken?: string };
  if (!cookie || !csrfToken) throw new Error(`No session cookie or CSRF token for ${email}`);
  return { cookie: cookie.split(';')[0] ?? '', csrf: csrfToken };
}

async function created(
  response: Promise<{ status: number; body: unknown }>,
  what: string,
): Promise<string> {
  const { status, body } = await response;
  // A check-in answers with the check-in and what it changed; everything else with itself.
  const answer = body as { id?: unknown; checkIn?: { id?: unknown } } | null;
  const id = answer?.checkIn?.id ?? answer?.id;
  if (status !== 201 || typeof id !== 'string')
    throw new Error(`Creating ${what}: ${status} ${JSON.stringify(body)}`);
  return id;
}

/**
 * The kit of one organisation, made by its boss through the API: what the routes take ids of.
 */
async function buildKit(
  c: Connection,
  url: string,
  side: Omit<Side, 'ids' | 'spare' | 'kitPrivate'>,
  teamId: string,
) {
  const api = client(url, side.boss.token);
  const b = side.base;
  const spareTeam = (await buildTeam(c, side.orgId, { name: `${side.name} spare team` })).id;
  const cycle = await created(
    api.post(`${b}/cycles`, {
      name: `${side.name} attack cycle`,
      startDate: '2026-01-01',
      endDate: '2099-12-31',
      status: 'active',
    }),
    'cycle',
  );
  const spareCycle = await created(
    api.post(`${b}/cycles`, {
      name: `${side.name} next cycle`,
      startDate: '2100-01-01',
      endDate: '2100-03-31',
    }),
    'spare cycle',
  );
  const spareObjective = await created(
    api.post(`${b}/objectives`, {
      cycleId: cycle,
      level: 'company',
      title: `${side.name} company objective`,
    }),
    'spare objective',
  );
  const objective = await created(
    api.post(`${b}/objectives`, {
      cycleId: cycle,
      level: 'team',
      teamId,
      title: `${side.name} public objective`,
      rationale: `${side.name} public rationale`,
      parentIds: [spareObjective],
    }),
    'objective',
  );
  const sharedObjective = await created(
    api.post(`${b}/objectives`, {
      cycleId: cycle,
      level: 'shared',
      title: `${side.name} shared objective`,
      contributingTeamIds: [teamId],
    }),
    'shared objective',
  );
  const keyResult = await created(
    api.post(`${b}/objectives/${objective}/key-results`, {
      title: `${side.name} public key result`,
      kind: 'number',
      direction: 'increase',
      start: 0,
      target: 10,
      ownerId: side.boss.id,
    }),
    'key result',
  );
  const spareKeyResult = await created(
    api.post(`${b}/objectives/${spareObjective}/key-results`, {
      title: `${side.name} spare key result`,
      kind: 'number',
      direction: 'increase',
      start: 0,
      target: 10,
    }),
    'spare key result',
  );
  const privateTitle = `${side.name} secret objective ${uuidv7().slice(-8)}`;
  const privateRationale = `${side.name} secret rationale nobody else reads`;
  const privateObjective = await created(
    api.post(`${b}/objectives`, {
      cycleId: cycle,
      level: 'team',
      teamId,
      title: privateTitle,
      rationale: privateRationale,
      visibility: 'private',
      readerIds: [side.boss.id],
      parentIds: [spareObjective],
    }),
    'private objective',
  );
  const privateKeyResultTitle = `${side.name} secret key result`;
  const privateKeyResult = await created(
    api.post(`${b}/objectives/${privateObjective}/key-results`, {
      title: privateKeyResultTitle,
      kind: 'number',
      direction: 'increase',
      start: 0,
      target: 10,
      ownerId: side.boss.id,
    }),
    'private key result',
  );
  const checkIn = await created(
    api.post(`${b}/key-results/${keyResult}/check-ins`, { value: 3, note: 'public note' }),
    'check-in',
  );
  const privateCheckIn = await created(
    api.post(`${b}/key-results/${privateKeyResult}/check-ins`, {
      value: 4,
      note: `${side.name} secret check-in note`,
    }),
    'private check-in',
  );
  const initiative = await created(
    api.post(`${b}/key-results/${keyResult}/initiatives`, { title: `${side.name} initiative` }),
    'initiative',
  );
  const privateInitiative = await created(
    api.post(`${b}/key-results/${privateKeyResult}/initiatives`, {
      title: `${side.name} secret initiative`,
    }),
    'private initiative',
  );
  const dependency = await created(
    api.post(`${b}/dependencies`, { keyResultId: keyResult, dependsOnId: spareKeyResult }),
    'dependency',
  );
  const privateDependency = await created(
    api.post(`${b}/dependencies`, { keyResultId: privateKeyResult, dependsOnId: keyResult }),
    'private dependency',
  );
  // The spare team asks the boss's team (which the boss leads, so may answer) for help with a
  // key result nothing depends on yet, so accepting it as a dependency closes no loop.
  const askingKeyResult = await created(
    api.post(`${b}/objectives/${spareObjective}/key-results`, {
      title: `${side.name} key result that needs help`,
      kind: 'number',
      direction: 'increase',
      start: 0,
      target: 10,
    }),
    'key result that needs help',
  );
  const collaborationRequest = await created(
    api.post(`${b}/collaboration-requests`, {
      fromTeamId: spareTeam,
      toTeamId: teamId,
      objectiveId: spareObjective,
      keyResultId: askingKeyResult,
      message: `${side.name} request for help`,
    }),
    'collaboration request',
  );
  const spareKeyResultThatNeedsHelp = await created(
    api.post(`${b}/objectives/${spareObjective}/key-results`, {
      title: `${side.name} second key result that needs help`,
      kind: 'number',
      direction: 'increase',
      start: 0,
      target: 10,
    }),
    'second key result that needs help',
  );
  const spareRequest = await created(
    api.post(`${b}/collaboration-requests`, {
      fromTeamId: spareTeam,
      toTeamId: teamId,
      objectiveId: spareObjective,
      message: `${side.name} second request for help`,
    }),
    'second collaboration request',
  );
  const privateRequest = await created(
    api.post(`${b}/collaboration-requests`, {
      fromTeamId: teamId,
      toTeamId: spareTeam,
      objectiveId: privateObjective,
      message: `${side.name} secret request for help`,
    }),
    'private collaboration request',
  );
  const comment = await created(
    api.post(`${b}/objectives/${objective}/comments`, { body: `${side.name} public comment` }),
    'comment',
  );
  const privateComment = await created(
    api.post(`${b}/objectives/${privateObjective}/comments`, {
      body: `${side.name} secret comment`,
    }),
    'private comment',
  );
  const privateKeyResultComment = await created(
    api.post(`${b}/key-results/${privateKeyResult}/comments`, {
      body: `${side.name} secret key result comment`,
    }),
    'private key result comment',
  );
  const note = await created(
    api.post(`${b}/objectives/${objective}/notes`, { body: `${side.name} public note` }),
    'note',
  );
  const privateNote = await created(
    api.post(`${b}/objectives/${privateObjective}/notes`, { body: `${side.name} secret note` }),
    'private note',
  );
  const announcement = await created(
    api.post(`${b}/announcements`, {
      title: `${side.name} announcement`,
      body: 'Read me.',
      rationale: 'Because it matters.',
      objectiveIds: [objective],
    }),
    'announcement',
  );
  const question = await created(
    api.post(`${b}/questions`, { text: `${side.name} question`, objectiveId: objective }),
    'question',
  );
  const theme = uuidv7();
  await c.db
    .insertInto('themes')
    .values(
      themeRow({
        id: theme,
        orgId: side.orgId,
        name: `${side.name} theme`,
        description: null,
        position: 0,
        createdAt: '2026-10-01T09:00:00.000Z',
      }),
    )
    .execute();
  const importMapping = await created(
    api.post(`${b}/import-mappings`, { name: `${side.name} mapping`, mapping: {} }),
    'import mapping',
  );
  // A KPI owned by the member (the boss, an executive, may edit it and record its values).
  const kpi = uuidv7();
  await c.db
    .insertInto('kpis')
    .values({
      id: kpi,
      org_id: side.orgId,
      name: `${side.name} KPI`,
      owner_id: side.member.id,
      direction: 'higher',
      green_threshold: 2,
      amber_threshold: 1,
      created_at: '2026-10-01T09:00:00.000Z',
      updated_at: '2026-10-01T09:00:00.000Z',
    })
    .execute();
  const invitation = await created(
    api.post(`${b}/invitations`, { email: `invitee-${side.name}@example.test` }),
    'invitation',
  );
  const session = await c.db
    .selectFrom('sessions')
    .select('id')
    .where('user_id', '=', side.member.id)
    .executeTakeFirstOrThrow();
  const token = await c.db
    .selectFrom('api_tokens')
    .select('id')
    .where('user_id', '=', side.member.id)
    .executeTakeFirstOrThrow();
  // The boss's notification (the boss attacks the other side with their own ids).
  await notify(c.db, {
    orgId: side.orgId,
    kind: 'mention',
    actorId: side.member.id,
    recipients: [side.boss.id],
    title: `${side.name} mentioned you`,
    at: new Date('2026-10-01T09:00:00.000Z'),
  });
  const notification = await c.db
    .selectFrom('notifications')
    .select('id')
    .where('user_id', '=', side.boss.id)
    .where('org_id', '=', side.orgId)
    .executeTakeFirstOrThrow();
  // The boss (an admin) registers a webhook and sends it a test event; the key result takes
  // pushed values.
  const webhook = await created(
    api.post(`${b}/webhooks`, { url: 'https://hooks.example.test/okr', events: ['check_in.created'] }),
    'webhook',
  );
  const webhookDelivery = await created(
    api.post(`${b}/webhooks/${webhook}/test`).then((r) => ({ ...r, status: r.status === 202 ? 201 : r.status })),
    'webhook delivery',
  );
  const dataSource = await created(
    api.post(`${b}/key-results/${keyResult}/data-source`, { kind: 'push' }),
    'data source',
  );
  const ids: Record<IdKind, string> = {
    user: side.member.id,
    team: teamId,
    cycle,
    objective,
    privateObjective,
    keyResult,
    privateKeyResult,
    checkIn,
    initiative,
    dependency,
    collaborationRequest,
    comment,
    note,
    theme,
    kpi,
    invitation,
    session: session.id,
    token: token.id,
    notification: notification.id,
    announcement,
    question,
    webhook,
    webhookDelivery,
    dataSource,
    importMapping,
  };
  const kitPrivate: PrivateMarkers = {
    objectiveId: privateObjective,
    texts: [
      privateTitle,
      privateRationale,
      privateKeyResultTitle,
      `${side.name} secret check-in note`,
      `${side.name} secret initiative`,
      `${side.name} secret comment`,
      `${side.name} secret key result comment`,
      `${side.name} secret note`,
      `${side.name} secret request for help`,
    ],
    ids: [
      privateObjective,
      privateKeyResult,
      privateCheckIn,
      privateInitiative,
      privateDependency,
      privateComment,
      privateKeyResultComment,
      privateNote,
      privateRequest,
    ],
  };
  return {
    ids,
    spare: {
      team: spareTeam,
      objective: spareObjective,
      sharedObjective,
      keyResult: spareKeyResult,
      user: side.boss.id,
      collaborationRequest: spareRequest,
      keyResultThatNeedsHelp: spareKeyResultThatNeedsHelp,
      cycle: spareCycle,
    },
    kitPrivate,
  };
}

/** The demo's private objective ("Prepare the Sales compensation redesign") and what hangs on it. */
async function demoPrivateMarkers(c: Connection, orgId: string): Promise<PrivateMarkers> {
  const objective = await c.db
    .selectFrom('objectives')
    .select(['id', 'title', 'rationale'])
    .where('org_id', '=', orgId)
    .where('visibility', '=', 'private')
    .executeTakeFirstOrThrow();
  const keyResults = await c.db
    .selectFrom('key_results')
    .select(['id', 'title'])
    .where('objective_id', '=', objective.id)
    .execute();
  const krIds = keyResults.map((k) => k.id);
  const comments = await c.db
    .selectFrom('comments')
    .select(['id', 'body'])
    .where((eb) => eb.or([eb('objective_id', '=', objective.id), eb('key_result_id', 'in', krIds)]))
    .execute();
  const checkIns = await c.db
    .selectFrom('check_ins')
    .select('id')
    .where('key_result_id', 'in', krIds)
    .execute();
  const notes = await c.db
    .selectFrom('knowledge_notes')
    .select(['id', 'body'])
    .where('objective_id', '=', objective.id)
    .execute();
  const initiatives = await c.db
    .selectFrom('initiatives')
    .select(['id', 'title'])
    .where('key_result_id', 'in', krIds)
    .execute();
  const dependencies = await c.db
    .selectFrom('dependencies')
    .select('id')
    .where((eb) => eb.or([eb('key_result_id', 'in', krIds), eb('depends_on_id', 'in', krIds)]))
    .execute();
  return {
    objectiveId: objective.id,
    texts: [
      objective.title,
      ...(objective.rationale ? [objective.rationale] : []),
      ...keyResults.map((k) => k.title),
      ...comments.map((x) => x.body),
      ...notes.map((x) => x.body),
      ...initiatives.map((i) => i.title),
    ],
    ids: [
      objective.id,
      ...krIds,
      ...comments.map((x) => x.id),
      ...notes.map((x) => x.id),
      ...checkIns.map((x) => x.id),
      ...initiatives.map((x) => x.id),
      ...dependencies.map((x) => x.id),
    ],
  };
}

async function userIdOf(c: Connection, email: string): Promise<string> {
  return (
    await c.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
  ).id;
}

/** Builds both organisations on the database the API under `url` uses. */
export async function buildAttackWorld(c: Connection, url: string) {
  const demo = await loadDemoOrganisation(c);
  const password = 'globex-member-password';
  const passwordHash = await hashPassword(password);

  async function side(
    name: 'acme' | 'globex',
    orgId: string,
    slug: string,
    member: { id: string; email: string; password: string },
  ): Promise<Side> {
    const boss = await buildUser(c, orgId, { name: `${name} boss`, roles: ALL_ROLES });
    const team = await buildTeam(c, orgId, { name: `${name} red team`, leads: [boss.id] });
    const partial = {
      name,
      orgId,
      slug,
      base: `/api/v1/orgs/${slug}`,
      boss: { id: boss.id, token: await buildToken(c, boss.id) },
      member: {
        ...member,
        token: await buildToken(c, member.id),
        ...(await signIn(url, member.email, member.password)),
      },
    };
    const built = { ...partial, ...(await buildKit(c, url, partial, team.id)) };
    registerQueryIds(slug, built.ids);
    return built;
  }

  const acmeMemberEmail = 'member@acme.test';
  const acme = await side('acme', demo.orgId, demo.slug, {
    id: await userIdOf(c, acmeMemberEmail),
    email: acmeMemberEmail,
    password: DEMO_PASSWORD,
  });
  const globexOrg = await buildOrganisation(c, { slug: 'globex', name: 'Globex' });
  const globexMember = await buildUser(c, globexOrg.id, {
    email: 'member@globex.test',
    name: 'Gloria Globex',
    passwordHash,
  });
  const globex = await side('globex', globexOrg.id, globexOrg.slug, {
    id: globexMember.id,
    email: globexMember.email,
    password,
  });

  // Every role in Globex, a plain member (no role, no team) in Acme.
  const doubleAgent = await buildUser(c, globexOrg.id, { name: 'Double Agent', roles: ALL_ROLES });
  await addMember(c, demo.orgId, doubleAgent.id, []);
  const doubleAgentToken = await buildToken(c, doubleAgent.id);

  const demoToken = async (email: string) => {
    const id = await userIdOf(c, email);
    return { id, token: await buildToken(c, id) };
  };
  return {
    demo,
    acme,
    globex,
    doubleAgent: { id: doubleAgent.id, token: doubleAgentToken },
    /** Demo people by their sign-in e-mail, with a fresh personal token each. */
    demoPeople: {
      ceo: await demoToken('ceo@acme.test'),
      champion: await demoToken('champion@acme.test'),
      coordinator: await demoToken('coordinator@acme.test'),
      lead: await demoToken('lead@acme.test'),
      member: { id: acme.member.id, token: acme.member.token },
      admin: await demoToken('admin@acme.test'),
    },
    demoPrivate: await demoPrivateMarkers(c, demo.orgId),
    /**
     * A public team objective of the demo's active cycle, with a key result the lead does not
     * own: of the team the lead leads (`mine`), or of a team they do not lead.
     */
    async teamObjective(leadEmail: string, mine: boolean) {
      const leadId = await userIdOf(c, leadEmail);
      const led = c.db
        .selectFrom('team_members')
        .select('team_id')
        .where('user_id', '=', leadId)
        .where('is_lead', '=', 1);
      const row = await c.db
        .selectFrom('objectives as o')
        .innerJoin('cycles as cy', 'cy.id', 'o.cycle_id')
        .innerJoin('key_results as k', 'k.objective_id', 'o.id')
        .select([
          'o.id as objectiveId',
          'k.id as keyResultId',
          'o.team_id as teamId',
          'o.cycle_id as cycleId',
        ])
        .where('o.org_id', '=', demo.orgId)
        .where('o.level', '=', 'team')
        .where('o.visibility', '=', 'public')
        .where('cy.status', '=', 'active')
        .where('cy.id', '!=', acme.ids.cycle)
        .where('o.team_id', mine ? 'in' : 'not in', led)
        .where((eb) => eb.or([eb('k.owner_id', 'is', null), eb('k.owner_id', '!=', leadId)]))
        .orderBy('o.id')
        .orderBy('k.id')
        .executeTakeFirstOrThrow();
      return { ...row, teamId: row.teamId ?? '' };
    },
  };
}

/** The version a route's If-Match must carry for the id, read from its table (1 when unknown). */
export async function versionOf(
  c: Connection,
  side: Side,
  kind: IdKind,
  id: string,
): Promise<number> {
  const table: Partial<Record<IdKind, string>> = {
    team: 'teams',
    cycle: 'cycles',
    objective: 'objectives',
    privateObjective: 'objectives',
    keyResult: 'key_results',
    privateKeyResult: 'key_results',
    initiative: 'initiatives',
    dependency: 'dependencies',
    collaborationRequest: 'collaboration_requests',
    comment: 'comments',
    note: 'knowledge_notes',
    theme: 'themes',
    kpi: 'kpis',
    announcement: 'announcements',
    question: 'questions',
    webhook: 'webhook_endpoints',
  };
  if (kind === 'user') {
    const row = await c.db
      .selectFrom('memberships')
      .select('version')
      .where('org_id', '=', side.orgId)
      .where('user_id', '=', id)
      .executeTakeFirst();
    return row?.version ?? 1;
  }
  const name = table[kind];
  if (!name) return 1;
  const row = await sql<{
    version: number;
  }>`SELECT version FROM ${sql.table(name)} WHERE id = ${id}`.execute(c.db);
  return Number(row.rows[0]?.version ?? 1);
}

/**
 * Up to `perTable` ids of the organisation from each table that has its own ids; its members
 * only if they are not members of `otherOrgId` too (there they are the attacker's own people).
 */
export async function sampleIds(
  c: Connection,
  orgId: string,
  otherOrgId: string,
  perTable: number,
): Promise<string[]> {
  if (perTable === 0) return [];
  const tables = [
    'teams',
    'cycles',
    'objectives',
    'key_results',
    'check_ins',
    'initiatives',
    'dependencies',
    'collaboration_requests',
    'comments',
    'knowledge_notes',
    'themes',
    'kpis',
    'invitations',
    'notifications',
    'announcements',
    'questions',
    'webhook_endpoints',
    'webhook_deliveries',
    'data_sources',
    'import_mappings',
  ] as const;
  const ids: string[] = [];
  for (const table of tables) {
    const rows = await c.db
      .selectFrom(table)
      .select('id')
      .where('org_id', '=', orgId)
      .orderBy('id')
      .limit(perTable)
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  const members = await c.db
    .selectFrom('memberships')
    .select('user_id')
    .where('org_id', '=', orgId)
    .where('user_id', 'not in', (eb) =>
      eb.selectFrom('memberships as m').select('m.user_id').where('m.org_id', '=', otherOrgId),
    )
    .orderBy('user_id')
    .limit(perTable)
    .execute();
  return [...ids, ...members.map((m) => m.user_id)];
}
