/**
 * The permission matrix: every route under /api/v1/orgs/ × every kind of caller × their own
 * things, other teams' things and the other organisation's things → the status the policy says.
 *
 * Expectations are not written by hand: each row lists the checks its use case makes (the thing
 * exists in this organisation, the policy action and the facts it is judged on, any rule of the
 * use case's own), and ./support/permission-matrix/expected-status.ts turns them into a status
 * with `can()`/`scopeOf()` over the grants in src/policy/rules.ts. Each route is also called with
 * our ids under the other organisation's slug (404: the callers are not members there). And
 * whatever a caller may read must not carry the words of the private objective (its title, key
 * result, initiative, comment) unless they may read it.
 *
 * A call expected to change or delete what it targets gets a freshly built copy of it, so the
 * shared organisation stays as built and the cases stay independent of their order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, type Actor, type ObjectiveFacts, type Resource } from '../../src/policy/policy.ts';
import { client, startTestApi, type TestApi } from '../support/api.ts';
import { dialectsUnderTest } from '../support/databases.ts';
import {
  expectedStatus,
  found,
  okr,
  onObjective,
  org,
  rule,
  type Check,
} from '../support/permission-matrix/expected-status.ts';
import {
  ACTORS,
  COMMENT_KINDS,
  COMMENTS,
  DEPENDENCIES,
  DEPENDENCY_KINDS,
  KEY_RESULT_KINDS,
  KEY_RESULTS,
  OBJECTIVE_KINDS,
  OBJECTIVES,
  buildWorld,
  type ActorName,
  type CommentKind,
  type DependencyKind,
  type KeyResultKind,
  type ObjectiveKind,
  type PersonName,
  type World,
} from '../support/permission-matrix/world.ts';
import { v7 as uuidv7 } from 'uuid';
import type { Action } from '../../src/policy/rules.ts';
import { themeRow } from '../../src/repositories/rows.ts';

type Success = 200 | 201 | 202 | 204;

interface CaseContext {
  api: TestApi;
  w: World;
  actor: ActorName;
  /** Who acts; MA stands in for the anonymous caller, whose calls never get past the 401. */
  self: PersonName;
  target: string;
  /** ETags already read, by thing: the shared things do not change (fresh copies have new ids). */
  etags: Map<string, Promise<string>>;
}

interface Call {
  path: string;
  body?: unknown;
  /** The If-Match to send, fetched as an admin of the target's organisation. */
  etag?: () => Promise<string>;
}

interface Case {
  checks: Check[];
  success: Success;
  /** The call; `fresh` when it is expected to change what it targets, so a copy is built for it. */
  call(fresh: boolean): Promise<Call>;
}

interface Row {
  targets: readonly string[];
  case(c: CaseContext): Case;
}

// ---- reading the current ETag, as an admin ----------------------------------------------------

function asAdmin(c: CaseContext, foreign: boolean) {
  return {
    base: foreign ? c.w.otherBase : c.w.base,
    api: client(c.api.url, foreign ? c.w.foreign.admin.token : c.w.people.admin.token),
  };
}

function remembered(c: CaseContext, key: string, read: () => Promise<string>): Promise<string> {
  let etag = c.etags.get(key);
  if (!etag) c.etags.set(key, (etag = read()));
  return etag;
}

/** The ETag of a thing that has its own GET. */
function etagOf(c: CaseContext, path: string, foreign = false): Promise<string> {
  return remembered(c, `${foreign} ${path}`, () => readEtag(c, path, foreign));
}

async function readEtag(c: CaseContext, path: string, foreign: boolean): Promise<string> {
  const admin = asAdmin(c, foreign);
  const response = await admin.api.get(`${admin.base}${path}`);
  const etag = response.headers.get('etag');
  if (response.status !== 200 || !etag)
    throw new Error(`No ETag from GET ${path}: ${response.status}`);
  return etag;
}

/** The ETag of a thing only listed (initiatives, comments, dependencies): its version in the list. */
function etagInList(
  c: CaseContext,
  listPath: string,
  id: string,
  foreign = false,
): Promise<string> {
  return remembered(c, `${foreign} ${listPath} ${id}`, () =>
    readEtagInList(c, listPath, id, foreign),
  );
}

async function readEtagInList(
  c: CaseContext,
  listPath: string,
  id: string,
  foreign: boolean,
): Promise<string> {
  const admin = asAdmin(c, foreign);
  const separator = listPath.includes('?') ? '&' : '?';
  const response = await admin.api.get<{ items: { id: string; version: number }[] }>(
    `${admin.base}${listPath}${separator}limit=200`,
  );
  const item = response.body.items?.find((i) => i.id === id);
  if (!item) throw new Error(`${id} is not in GET ${listPath} (${response.status})`);
  return `"${item.version}"`;
}

// ---- targets -----------------------------------------------------------------------------------

/** A thing a call targets: its policy facts (null: the other organisation's), its id, shared or fresh. */
interface Target<F> {
  facts: F | null;
  id(fresh: boolean): Promise<string>;
}

const foreignTarget = <F>(id: string): Target<F> => ({
  facts: null,
  id: () => Promise.resolve(id),
});

/** The checks when the target is found in this organisation; a 404 when it is the other's. */
function whenFound<F>(t: Target<F>, checks: (facts: F) => Check[]): Check[] {
  return t.facts === null ? [found(false)] : [found(true), ...checks(t.facts)];
}

const OBJECTIVE_TARGETS = [...OBJECTIVE_KINDS, 'foreign'] as const;

function objectiveTarget(c: CaseContext, o: { aligned?: boolean } = {}): Target<ObjectiveFacts> {
  if (c.target === 'foreign') return foreignTarget(c.w.foreign.objective);
  const kind = c.target as ObjectiveKind;
  return {
    facts: c.w.facts.objective(kind),
    id: (fresh) =>
      fresh
        ? c.w.fresh.objective(kind, { aligned: o.aligned ?? true })
        : Promise.resolve(c.w.objectives[kind]),
  };
}

const KEY_RESULT_TARGETS = [...KEY_RESULT_KINDS, 'foreign'] as const;
type KeyResultResource = Extract<Resource, { type: 'key_result' }>;

function keyResultResource(w: World, kind: KeyResultKind): KeyResultResource {
  return {
    type: 'key_result',
    objective: w.facts.objective(KEY_RESULTS[kind].objective),
    keyResult: w.facts.keyResult(kind),
  };
}

function keyResultTarget(c: CaseContext): Target<KeyResultResource> {
  if (c.target === 'foreign') return foreignTarget(c.w.foreign.keyResult);
  const kind = c.target as KeyResultKind;
  return {
    facts: keyResultResource(c.w, kind),
    id: (fresh) => (fresh ? c.w.fresh.keyResult(kind) : Promise.resolve(c.w.keyResults[kind])),
  };
}

/** The key result an initiative target hangs on (for listing it). */
function initiativeTarget(c: CaseContext): Target<KeyResultResource> & { keyResultId: string } {
  if (c.target === 'foreign')
    return { ...foreignTarget(c.w.foreign.initiative), keyResultId: c.w.foreign.keyResult };
  const kind = c.target as KeyResultKind;
  return {
    facts: keyResultResource(c.w, kind),
    id: (fresh) => (fresh ? c.w.fresh.initiative(kind) : Promise.resolve(c.w.initiatives[kind])),
    keyResultId: c.w.keyResults[kind],
  };
}

const COMMENT_TARGETS = [...COMMENT_KINDS, 'foreign'] as const;

function commentTarget(c: CaseContext): Target<Resource> & { listPath: string } {
  if (c.target === 'foreign')
    return {
      ...foreignTarget(c.w.foreign.comment),
      listPath: `/objectives/${c.w.foreign.objective}/comments`,
    };
  const kind = c.target as CommentKind;
  const spec = COMMENTS[kind];
  const objective = c.w.facts.objective(
    spec.on === 'objective' ? spec.target : KEY_RESULTS[spec.target].objective,
  );
  const author = spec.author === 'self' ? c.self : spec.author;
  return {
    facts: { type: 'comment', objective, authorId: c.w.people[author].id },
    id: (fresh) =>
      fresh ? c.w.fresh.comment(kind, c.self) : Promise.resolve(c.w.comments[c.self][kind]),
    listPath:
      spec.on === 'objective'
        ? `/objectives/${c.w.objectives[spec.target]}/comments`
        : `/key-results/${c.w.keyResults[spec.target]}/comments`,
  };
}

const DEPENDENCY_TARGETS = [...DEPENDENCY_KINDS, 'foreign'] as const;

function dependencyTarget(c: CaseContext): Target<{
  dependent: KeyResultResource;
  needed: ObjectiveFacts;
}> & {
  idAndDependent(fresh: boolean): Promise<{ id: string; keyResultId: string }>;
} {
  const { w } = c;
  if (c.target === 'foreign') {
    return {
      ...foreignTarget(w.foreign.dependency),
      idAndDependent: () =>
        Promise.resolve({ id: w.foreign.dependency, keyResultId: w.foreign.keyResult }),
    };
  }
  const kind = c.target as DependencyKind;
  const spec = DEPENDENCIES[kind];
  const idAndDependent = async (fresh: boolean) =>
    fresh
      ? w.fresh.dependency(kind)
      : { id: w.dependencies[kind], keyResultId: w.keyResults[spec.dependent] };
  return {
    facts: {
      dependent: keyResultResource(w, spec.dependent),
      needed: w.facts.objective(
        spec.needed === 'needed' ? 'company' : KEY_RESULTS[spec.needed].objective,
      ),
    },
    id: async (fresh) => (await idAndDependent(fresh)).id,
    idAndDependent,
  };
}

/** Notes: on team A's objective by the caller or by LA, on the private objective, on the closed one. */
const NOTE_TARGETS = ['teamA, own', 'teamA, by LA', 'privateMA, by MA', 'closedTeamA, own', 'foreign'] as const;

/** A new note (version 1) of the kind: every call gets its own, so edits and deletes never collide. */
function noteTarget(c: CaseContext): Target<Resource> {
  const { w } = c;
  const insert = async (orgId: string, objectiveId: string, authorId: string) => {
    const id = uuidv7();
    const at = new Date().toISOString();
    await c.api.connection.db
      .insertInto('knowledge_notes')
      .values({
        id,
        org_id: orgId,
        objective_id: objectiveId,
        author_id: authorId,
        kind: 'note',
        body: 'A note',
        search_text: 'a note',
        created_at: at,
        updated_at: at,
      })
      .execute();
    return id;
  };
  if (c.target === 'foreign') {
    return { facts: null, id: () => insert(w.other.id, w.foreign.objective, w.foreign.user) };
  }
  const [kind = 'teamA', by = ''] = c.target.split(', ') as [ObjectiveKind, string];
  const author = by === 'own' ? c.self : (by.replace('by ', '') as PersonName);
  return {
    facts: { type: 'note', objective: w.facts.objective(kind), authorId: w.people[author].id },
    id: () => insert(w.org.id, w.objectives[kind], w.people[author].id),
  };
}

const REQUEST_TARGETS = [...OBJECTIVE_KINDS, 'foreign'] as const;
type RequestResource = Extract<Resource, { type: 'collaboration_request' }>;

/** A request from team A to team B on the objective. */
const requestOn = (c: CaseContext, objective: ObjectiveFacts): RequestResource => ({
  type: 'collaboration_request',
  objective,
  fromTeamId: c.w.teams.A,
  toTeamId: c.w.teams.B,
});

/** An open request (version 1) on an objective of the target's kind, built for each call. */
function requestTarget(c: CaseContext): Target<RequestResource> {
  const foreign = c.target === 'foreign';
  return {
    facts: foreign ? null : requestOn(c, c.w.facts.objective(c.target as ObjectiveKind)),
    id: async () => {
      const db = c.api.connection.db;
      const team = foreign ? c.w.foreign.team : null;
      const orgId = team
        ? (await db.selectFrom('teams').select('org_id').where('id', '=', team).executeTakeFirstOrThrow()).org_id
        : c.w.org.id;
      const id = uuidv7();
      await db
        .insertInto('collaboration_requests')
        .values({
          id,
          org_id: orgId,
          from_team_id: team ?? c.w.teams.A,
          to_team_id: team ?? c.w.teams.B,
          objective_id: foreign ? c.w.foreign.objective : c.w.objectives[c.target as ObjectiveKind],
          message: 'Can you help?',
          status: 'open',
          created_at: new Date().toISOString(),
        })
        .execute();
      return id;
    },
  };
}

/** Teams A and B (each with objectives), a team with nothing in it (built per call), the other organisation's. */
type TeamKind = 'A' | 'B' | 'unused' | 'foreign';

function teamTarget(c: CaseContext): Target<object> {
  const kind = c.target as TeamKind;
  if (kind === 'foreign') return foreignTarget(c.w.foreign.team);
  return {
    facts: {},
    id: (fresh) =>
      fresh || kind === 'unused' ? c.w.fresh.team() : Promise.resolve(c.w.teams[kind]),
  };
}

function memberTarget(c: CaseContext): Target<{ userId: string }> {
  const kind = c.target as 'MA' | 'MB' | 'foreign';
  if (kind === 'foreign') return foreignTarget(c.w.foreign.user);
  return {
    facts: { userId: c.w.people[kind].id },
    id: (fresh) =>
      fresh ? c.w.fresh.member(kind === 'MA' ? 'A' : 'B') : Promise.resolve(c.w.people[kind].id),
  };
}

function cycleTarget(c: CaseContext): Target<{ closed: boolean }> {
  const kind = c.target as 'active' | 'closed' | 'foreign';
  if (kind === 'foreign') return foreignTarget(c.w.foreign.cycle);
  return {
    facts: { closed: kind === 'closed' },
    id: (fresh) => (fresh ? c.w.fresh.cycle() : Promise.resolve(c.w.cycles[kind])),
  };
}

/** A cycle or objective named in the query string; none for the target 'organisation'. */
const optionalCycle = (c: CaseContext) => (c.target === 'organisation' ? null : cycleTarget(c));
const optionalObjective = (c: CaseContext) =>
  c.target === 'organisation' ? null : objectiveTarget(c);

// ---- rows --------------------------------------------------------------------------------------

const ORGANISATION = ['organisation'] as const;

/** A new strategic theme of our organisation (version 1), for one edit or delete. */
async function freshTheme(c: CaseContext): Promise<string> {
  const id = uuidv7();
  await c.api.connection.db
    .insertInto('themes')
    .values(themeRow({ id, orgId: c.w.org.id, name: c.w.unique('Theme'), createdAt: new Date().toISOString() }))
    .execute();
  return id;
}

/** Removes our organisation's override of a playbook key, so the built-in text shows again. */
async function clearPlaybookOverride(c: CaseContext, key = 'step.review'): Promise<void> {
  await c.api.connection.db
    .deleteFrom('playbook_entries')
    .where('org_id', '=', c.w.org.id)
    .where('key', '=', key)
    .execute();
}

/** KPIs: one owned by member MA (the owner's relation), one with no owner, one of the other organisation. */
const KPI_TARGETS = ['kpiOfMA', 'kpiOfNobody', 'foreignKpi'] as const;

function kpiTarget(c: CaseContext) {
  const foreign = c.target === 'foreignKpi';
  const ownerId = c.target === 'kpiOfMA' ? c.w.people.MA.id : null;
  return {
    foreign,
    ownerId,
    /** A new KPI (version 1) for each call: edits, deletes and values leave the others alone. */
    id: async () => {
      const id = uuidv7();
      const at = new Date().toISOString();
      await c.api.connection.db
        .insertInto('kpis')
        .values({
          id,
          org_id: foreign ? c.w.other.id : c.w.org.id,
          name: c.w.unique('KPI'),
          owner_id: foreign ? null : ownerId,
          direction: 'higher',
          green_threshold: 2,
          amber_threshold: 1,
          created_at: at,
          updated_at: at,
        })
        .execute();
      return id;
    },
  };
}

// ---- announcements and questions ---------------------------------------------------------------

const ANNOUNCEMENT_TARGETS = ['everyone', 'teamA', 'foreign'] as const;

/** A new announcement (version 1) to everyone or to team A, built for each call. */
function announcementTarget(c: CaseContext): Target<{ recipient: boolean }> {
  const { w } = c;
  const foreign = c.target === 'foreign';
  const actor = w.actor(c.actor);
  const toTeam = c.target === 'teamA';
  return {
    facts: foreign ? null : { recipient: !toTeam || (actor?.teamIds.has(w.teams.A) ?? false) },
    id: async () => {
      const id = uuidv7();
      const at = new Date().toISOString();
      const orgId = foreign ? w.other.id : w.org.id;
      await c.api.connection.db
        .insertInto('announcements')
        .values({
          id,
          org_id: orgId,
          title: 'Our focus',
          body: 'We focus.',
          rationale: 'Because.',
          audience: toTeam ? 'teams' : 'organisation',
          published_by: null,
          published_at: at,
          updated_at: at,
          withdrawn_at: null,
          reminded_at: null,
        })
        .execute();
      if (toTeam) {
        await c.api.connection.db
          .insertInto('announcement_teams')
          .values({ announcement_id: id, org_id: orgId, team_id: w.teams.A })
          .execute();
      }
      return id;
    },
  };
}

/** The announcement is readable (404 otherwise), then the action's own grant (403). */
function onAnnouncement(c: CaseContext, recipient: boolean, action?: Action): Check[] {
  const actor = c.w.actor(c.actor);
  const resource: Resource = { type: 'announcement', recipient };
  const readable = actor !== null && can(actor, 'announcement.read', resource);
  return [rule(!readable, 404), ...(action ? [org(action, resource)] : [])];
}

const QUESTION_TARGETS = ['by MA', 'by MA on privateMA', 'foreign'] as const;

/** A new open question (version 1), built for each call. */
function questionTarget(c: CaseContext): Target<Extract<Resource, { type: 'question' }>> {
  const { w } = c;
  const foreign = c.target === 'foreign';
  const onPrivate = c.target === 'by MA on privateMA';
  return {
    facts: foreign
      ? null
      : {
          type: 'question',
          askerId: w.people.MA.id,
          objective: onPrivate ? w.facts.objective('privateMA') : null,
        },
    id: async () => {
      const id = uuidv7();
      const at = new Date().toISOString();
      await c.api.connection.db
        .insertInto('questions')
        .values({
          id,
          org_id: foreign ? w.other.id : w.org.id,
          asker_id: foreign ? w.foreign.user : w.people.MA.id,
          text: 'How many key results?',
          objective_id: onPrivate ? w.objectives.privateMA : null,
          announcement_id: null,
          status: 'open',
          assignee_id: null,
          answer: null,
          answered_by: null,
          answered_at: null,
          faq_title: null,
          search_text: 'how many key results?',
          created_at: at,
          updated_at: at,
        })
        .execute();
      return id;
    },
  };
}

const readsQuestion = (c: CaseContext, f: Extract<Resource, { type: 'question' }>) => {
  const actor = c.w.actor(c.actor);
  return actor !== null && can(actor, 'question.read', f);
};

/** A sheet of one individual objective of the caller (no owner column: the caller owns it). */
const IMPORT_CSV = (title: string) => `Objective,Key Result,Target\n${title},Signups,10\n`;
const importBody = (c: CaseContext) => ({
  csv: IMPORT_CSV(c.w.unique('Imported')),
  mapping: { objective: 'Objective', keyResult: 'Key Result', target: 'Target' },
  cycleId: c.w.cycles.active,
});

/** A new saved import mapping of our organisation by MA (version 1), for one read, edit or delete. */
async function freshMapping(c: CaseContext): Promise<string> {
  const id = uuidv7();
  const at = new Date().toISOString();
  await c.api.connection.db
    .insertInto('import_mappings')
    .values({ id, org_id: c.w.org.id, name: c.w.unique('Mapping'), mapping: '{}', created_by: c.w.people.MA.id, created_at: at, updated_at: at })
    .execute();
  return id;
}

/** A route on the organisation as a whole (lists, creating things). */
function orgRow(
  checks: (c: CaseContext) => Check[],
  success: Success,
  call: (c: CaseContext) => Omit<Call, 'etag'>,
): Row {
  return {
    targets: ORGANISATION,
    case: (c) => ({ checks: checks(c), success, call: () => Promise.resolve(call(c)) }),
  };
}

/** A route on one thing: the target family gives its facts and ids, `make` the checks and the call. */
function row<T>(
  targets: readonly string[],
  target: (c: CaseContext) => T,
  make: (t: T, c: CaseContext) => Case,
): Row {
  return { targets, case: (c) => make(target(c), c) };
}

const keyResultBody = {
  title: 'Cut churn',
  kind: 'number',
  direction: 'increase',
  start: 0,
  target: 10,
};
const uniqueEmail = (c: CaseContext) => `${c.w.unique('invitee')}@example.test`;

/** What each draft of POST /objectives is: level, owner, team and cycle. */
const DRAFTS = [
  'company',
  'teamA',
  'teamB',
  'individualSelf',
  'individualMA',
  'shared',
  'closedTeamA',
  'foreignCycle',
] as const;
type DraftKind = (typeof DRAFTS)[number];

function draftOf(c: CaseContext) {
  const kind = c.target as DraftKind;
  const { w } = c;
  const self = w.people[c.self].id;
  const d = {
    company: { level: 'company', ownerId: self, cycle: 'active' },
    teamA: { level: 'team', ownerId: self, team: 'A', cycle: 'active' },
    teamB: { level: 'team', ownerId: self, team: 'B', cycle: 'active' },
    individualSelf: { level: 'individual', ownerId: self, cycle: 'active' },
    individualMA: { level: 'individual', ownerId: w.people.MA.id, cycle: 'active' },
    shared: { level: 'shared', ownerId: self, contributing: ['A', 'B'], cycle: 'active' },
    closedTeamA: { level: 'team', ownerId: self, team: 'A', cycle: 'closed' },
    foreignCycle: { level: 'company', ownerId: self, cycle: 'active' },
  } as const satisfies Record<DraftKind, Parameters<World['facts']['draft']>[0]>;
  const draft: Parameters<World['facts']['draft']>[0] = d[kind];
  return {
    facts: kind === 'foreignCycle' ? null : w.facts.draft(draft),
    body: {
      cycleId: kind === 'foreignCycle' ? w.foreign.cycle : w.cycles[draft.cycle],
      level: draft.level,
      title: `New ${kind} objective`,
      ...(draft.ownerId !== self ? { ownerId: draft.ownerId } : {}),
      ...(draft.team ? { teamId: w.teams[draft.team] } : {}),
      ...(draft.contributing
        ? { contributingTeamIds: draft.contributing.map((t) => w.teams[t]) }
        : {}),
    },
  };
}

/** Team A's objective with a parent (or a needed key result) of the other organisation. */
const FOREIGN_PARENT = 'teamA, foreign parent';
const FOREIGN_NEEDED = 'teamAKR, foreign needed';
const ALIGNMENT_TARGETS = [...OBJECTIVE_TARGETS, FOREIGN_PARENT] as const;
const alignmentChild = (c: CaseContext, o: { aligned: boolean }) =>
  objectiveTarget({ ...c, target: c.target === FOREIGN_PARENT ? 'teamA' : c.target }, o);

/**
 * The objective each kind is aligned to by the alignment routes. A company objective aligns to
 * nothing; it is offered itself (400), as every other objective is already below it.
 */
function alignmentParent(c: CaseContext): string {
  if (c.target === FOREIGN_PARENT) return c.w.foreign.objective;
  if (c.target === 'foreign' || c.target === 'company') return c.w.objectives.company;
  const parent = OBJECTIVES[c.target as ObjectiveKind].parent;
  return c.w.objectives[parent ?? 'company'];
}

const O = '/api/v1/orgs/:org';

/** Every route under /api/v1/orgs/, keyed `METHOD url`. A served route without a row fails the suite. */
const MATRIX: Record<string, Row> = {
  // ---- invitations (admins: people.manage)
  [`GET ${O}/invitations`]: orgRow(
    () => [org('people.manage')],
    200,
    (c) => ({ path: `${c.w.base}/invitations` }),
  ),
  [`POST ${O}/invitations`]: orgRow(
    () => [org('people.manage')],
    201,
    (c) => ({ path: `${c.w.base}/invitations`, body: { email: uniqueEmail(c) } }),
  ),
  [`DELETE ${O}/invitations/:id`]: row(
    ['pending', 'foreign'],
    (c) => c.target,
    (kind, c) => ({
      // Revoking asks for people.manage before looking the invitation up.
      checks: [org('people.manage'), found(kind !== 'foreign')],
      success: 204,
      call: async (fresh) => {
        const id =
          kind === 'foreign'
            ? c.w.foreign.invitation
            : fresh
              ? await c.w.fresh.invitation()
              : c.w.pendingInvitation;
        return { path: `${c.w.base}/invitations/${id}` };
      },
    }),
  ),

  // ---- members
  [`GET ${O}/members`]: orgRow(
    () => [],
    200,
    (c) => ({ path: `${c.w.base}/members` }),
  ),
  [`GET ${O}/members/:userId`]: row(['MA', 'MB', 'foreign'], memberTarget, (t, c) => ({
    checks: whenFound(t, () => []),
    success: 200,
    call: async (fresh) => ({ path: `${c.w.base}/members/${await t.id(fresh)}` }),
  })),
  [`PATCH ${O}/members/:userId`]: row(['MA', 'MB', 'foreign'], memberTarget, (t, c) => ({
    checks: whenFound(t, (f) => [org('people.manage', { type: 'person', userId: f.userId })]),
    success: 200,
    call: async (fresh) => {
      const id = await t.id(fresh);
      return {
        path: `${c.w.base}/members/${id}`,
        body: { title: 'Keeper of the roadmap' },
        etag: () => etagOf(c, `/members/${id}`, t.facts === null),
      };
    },
  })),
  [`DELETE ${O}/members/:userId`]: row(['MA', 'MB', 'foreign'], memberTarget, (t, c) => ({
    checks: whenFound(t, (f) => [org('people.manage', { type: 'person', userId: f.userId })]),
    success: 204,
    call: async (fresh) => {
      const id = await t.id(fresh);
      return {
        path: `${c.w.base}/members/${id}`,
        etag: () => etagOf(c, `/members/${id}`, t.facts === null),
      };
    },
  })),

  // ---- teams
  [`GET ${O}/teams`]: orgRow(
    () => [],
    200,
    (c) => ({ path: `${c.w.base}/teams` }),
  ),
  [`GET ${O}/teams/tree`]: orgRow(
    () => [],
    200,
    (c) => ({ path: `${c.w.base}/teams/tree` }),
  ),
  [`GET ${O}/teams/:id`]: row(['A', 'B', 'foreign'], teamTarget, (t, c) => ({
    checks: whenFound(t, () => []),
    success: 200,
    call: async (fresh) => ({ path: `${c.w.base}/teams/${await t.id(fresh)}` }),
  })),
  [`POST ${O}/teams`]: orgRow(
    () => [org('people.manage')],
    201,
    (c) => ({ path: `${c.w.base}/teams`, body: { name: c.w.unique('Team') } }),
  ),
  [`PATCH ${O}/teams/:id`]: row(['A', 'B', 'foreign'], teamTarget, (t, c) => ({
    checks: whenFound(t, () => [org('people.manage')]),
    success: 200,
    call: async (fresh) => {
      const id = await t.id(fresh);
      return {
        path: `${c.w.base}/teams/${id}`,
        body: { name: c.w.unique('Renamed') },
        etag: () => etagOf(c, `/teams/${id}`, t.facts === null),
      };
    },
  })),
  [`DELETE ${O}/teams/:id`]: row(['A', 'B', 'unused', 'foreign'], teamTarget, (t, c) => ({
    // Teams A and B have objectives: 409 for whoever may manage people.
    checks: whenFound(t, () => [org('people.manage'), rule(c.target !== 'unused', 409)]),
    success: 204,
    call: async (fresh) => {
      const id = await t.id(fresh);
      return {
        path: `${c.w.base}/teams/${id}`,
        etag: () => etagOf(c, `/teams/${id}`, t.facts === null),
      };
    },
  })),
  // ---- weekly team review: any member reads it, the team's leads mark it (a mark only appends,
  // so the shared teams serve every call)
  [`GET ${O}/teams/:id/review`]: row(['A', 'B', 'foreign'], teamTarget, (t, c) => ({
    checks: whenFound(t, () => [
      org('team_review.read', { type: 'team', teamId: c.w.teams[c.target as 'A' | 'B'] }),
    ]),
    success: 200,
    call: async () => ({ path: `${c.w.base}/teams/${await t.id(false)}/review` }),
  })),
  [`POST ${O}/teams/:id/review`]: row(['A', 'B', 'foreign'], teamTarget, (t, c) => ({
    checks: whenFound(t, () => [
      org('team_review.mark', { type: 'team', teamId: c.w.teams[c.target as 'A' | 'B'] }),
    ]),
    success: 201,
    call: async () => ({ path: `${c.w.base}/teams/${await t.id(false)}/review` }),
  })),
  // ---- check-in cadence: anyone reads a team's, its leads and the champions set it
  [`GET ${O}/teams/:id/cadence`]: row(['A', 'B', 'foreign'], teamTarget, (t, c) => ({
    checks: whenFound(t, () => []),
    success: 200,
    call: async () => ({ path: `${c.w.base}/teams/${await t.id(false)}/cadence` }),
  })),
  [`PUT ${O}/teams/:id/cadence`]: row(['A', 'B', 'foreign'], teamTarget, (t, c) => ({
    checks: whenFound(t, () => [
      org('cadence.manage', { type: 'team', teamId: c.w.teams[c.target as 'A' | 'B'] }),
    ]),
    success: 200,
    call: async () => ({
      path: `${c.w.base}/teams/${await t.id(false)}/cadence`,
      body: { checkInCadenceDays: 7, checkInWeekday: 1 },
    }),
  })),
  // ---- the caller's own notification centre: every member has one; another's id is a 404
  [`GET ${O}/me/notifications`]: orgRow(() => [], 200, (c) => ({ path: `${c.w.base}/me/notifications` })),
  [`GET ${O}/me/notifications/unread-count`]: orgRow(() => [], 200, (c) => ({
    path: `${c.w.base}/me/notifications/unread-count`,
  })),
  [`POST ${O}/me/notifications/:id/read`]: orgRow(() => [found(false)], 200, (c) => ({
    path: `${c.w.base}/me/notifications/0190a1b2-0000-7000-8000-00000000abcd/read`,
  })),
  [`POST ${O}/me/notifications/read-all`]: orgRow(() => [], 200, (c) => ({
    path: `${c.w.base}/me/notifications/read-all`,
  })),
  [`GET ${O}/me/notification-settings`]: orgRow(() => [], 200, (c) => ({
    path: `${c.w.base}/me/notification-settings`,
  })),
  [`PUT ${O}/me/notification-settings`]: orgRow(() => [], 200, (c) => ({
    path: `${c.w.base}/me/notification-settings`,
    body: { settings: [{ kind: 'mention', email: true }] },
  })),
  [`PUT ${O}/teams/:id/members/:userId`]: row(
    ['A', 'B', 'foreignTeam', 'foreignUser'],
    (c) => c.target as 'A' | 'B' | 'foreignTeam' | 'foreignUser',
    (kind, c) => ({
      checks: [found(kind !== 'foreignTeam'), found(kind !== 'foreignUser'), org('people.manage')],
      success: 200,
      call: async (fresh) => {
        const team =
          kind === 'foreignTeam' ? c.w.foreign.team : c.w.teams[kind === 'B' ? 'B' : 'A'];
        const user =
          kind === 'foreignUser' ? c.w.foreign.user : fresh ? await c.w.fresh.member() : c.w.nobody;
        return { path: `${c.w.base}/teams/${team}/members/${user}`, body: { isLead: false } };
      },
    }),
  ),
  [`DELETE ${O}/teams/:id/members/:userId`]: row(
    ['A', 'B', 'foreignTeam', 'foreignUser'],
    (c) => c.target as 'A' | 'B' | 'foreignTeam' | 'foreignUser',
    (kind, c) => ({
      // The membership is looked up after the permission: a non-admin learns nothing either way.
      checks: [found(kind !== 'foreignTeam'), org('people.manage'), found(kind !== 'foreignUser')],
      success: 204,
      call: async (fresh) => {
        const teamKey = kind === 'B' ? 'B' : 'A';
        const team = kind === 'foreignTeam' ? c.w.foreign.team : c.w.teams[teamKey];
        const user =
          kind === 'foreignUser'
            ? c.w.foreign.user
            : fresh
              ? await c.w.fresh.member(teamKey)
              : c.w.people[teamKey === 'A' ? 'MA' : 'MB'].id;
        return { path: `${c.w.base}/teams/${team}/members/${user}` };
      },
    }),
  ),

  // ---- the organisation: strategy, settings, themes
  [`GET ${O}`]: orgRow(
    () => [],
    200,
    (c) => ({ path: c.w.base }),
  ),
  [`PATCH ${O}`]: row(ORGANISATION, () => null, (_t, c) => ({
    checks: [org('theme.manage')],
    success: 200,
    call: () =>
      Promise.resolve({
        path: c.w.base,
        body: { mission: c.w.unique('Mission') },
        // Successful calls change the organisation's version: read it afresh each time.
        etag: () => readEtag(c, '', false),
      }),
  })),
  [`GET ${O}/themes`]: orgRow(
    () => [],
    200,
    (c) => ({ path: `${c.w.base}/themes` }),
  ),
  [`POST ${O}/themes`]: orgRow(
    () => [org('theme.manage')],
    201,
    (c) => ({ path: `${c.w.base}/themes`, body: { name: c.w.unique('Theme') } }),
  ),
  [`PATCH ${O}/themes/:id`]: row(ORGANISATION, () => null, (_t, c) => ({
    checks: [org('theme.manage')],
    success: 200,
    call: async () => {
      const id = await freshTheme(c);
      return { path: `${c.w.base}/themes/${id}`, body: { description: 'Why it matters' }, etag: () => Promise.resolve('"1"') };
    },
  })),
  [`DELETE ${O}/themes/:id`]: row(ORGANISATION, () => null, (_t, c) => ({
    checks: [org('theme.manage')],
    success: 204,
    call: async () => {
      const id = await freshTheme(c);
      return { path: `${c.w.base}/themes/${id}`, etag: () => Promise.resolve('"1"') };
    },
  })),

  // ---- the playbook (champions change it; everyone reads it)
  [`GET ${O}/playbook`]: orgRow(
    () => [],
    200,
    (c) => ({ path: `${c.w.base}/playbook` }),
  ),
  [`PUT ${O}/playbook/:key`]: row(ORGANISATION, () => null, (_t, c) => ({
    checks: [org('playbook.manage')],
    success: 200,
    call: async (fresh) => {
      // The first override of a key needs no If-Match: start each successful call from none.
      if (fresh) await clearPlaybookOverride(c);
      return { path: `${c.w.base}/playbook/step.review`, body: { body: c.w.unique('Guidance') } };
    },
  })),
  [`DELETE ${O}/playbook/:key`]: row(ORGANISATION, () => null, (_t, c) => ({
    checks: [org('playbook.manage')],
    success: 200,
    call: async (fresh) => {
      if (fresh) {
        await clearPlaybookOverride(c, 'step.align');
        await c.api.connection.db
          .insertInto('playbook_entries')
          .values({
            org_id: c.w.org.id,
            key: 'step.align',
            body: 'Align to one objective.',
            updated_by: null,
            updated_at: new Date().toISOString(),
          })
          .execute();
      }
      return { path: `${c.w.base}/playbook/step.align`, etag: () => Promise.resolve('"1"') };
    },
  })),

  // ---- cycles
  [`GET ${O}/cycles`]: orgRow(
    () => [],
    200,
    (c) => ({ path: `${c.w.base}/cycles` }),
  ),
  [`POST ${O}/cycles`]: orgRow(
    () => [org('cycle.manage')],
    201,
    (c) => ({
      path: `${c.w.base}/cycles`,
      body: { name: c.w.unique('Cycle'), startDate: '2027-01-01', endDate: '2027-03-31' },
    }),
  ),
  [`GET ${O}/cycles/:id`]: row(['active', 'closed', 'foreign'], cycleTarget, (t, c) => ({
    checks: whenFound(t, () => []),
    success: 200,
    call: async (fresh) => ({ path: `${c.w.base}/cycles/${await t.id(fresh)}` }),
  })),
  [`PATCH ${O}/cycles/:id`]: row(['active', 'closed', 'foreign'], cycleTarget, (t, c) => ({
    checks: whenFound(t, (f) => [org('cycle.manage'), rule(f.closed, 409)]),
    success: 200,
    call: async (fresh) => {
      const id = await t.id(fresh);
      return {
        path: `${c.w.base}/cycles/${id}`,
        body: { name: c.w.unique('Renamed') },
        etag: () => etagOf(c, `/cycles/${id}`, t.facts === null),
      };
    },
  })),
  [`POST ${O}/cycles/:id/transitions`]: row(
    ['active', 'closed', 'foreign'],
    cycleTarget,
    (t, c) => ({
      checks: whenFound(t, (f) => [org('cycle.manage'), rule(f.closed, 409)]),
      success: 200,
      call: async (fresh) => {
        const id = await t.id(fresh);
        return {
          path: `${c.w.base}/cycles/${id}/transitions`,
          body: { to: t.facts?.closed ? 'active' : 'grading', acknowledge: true },
          etag: () => etagOf(c, `/cycles/${id}`, t.facts === null),
        };
      },
    }),
  ),
  [`GET ${O}/cycles/:id/tree`]: row(['active', 'closed', 'foreign'], cycleTarget, (t, c) => ({
    checks: whenFound(t, () => []),
    success: 200,
    call: async (fresh) => ({ path: `${c.w.base}/cycles/${await t.id(fresh)}/tree` }),
  })),

  // ---- objectives
  [`GET ${O}/objectives`]: orgRow(
    () => [],
    200,
    (c) => ({ path: `${c.w.base}/objectives` }),
  ),
  [`GET ${O}/cycles/:id/transition-checks`]: row(
    ['active', 'closed', 'foreign'],
    cycleTarget,
    (t, c) => ({
      checks: whenFound(t, () => [org('cycle.manage')]),
      success: 200,
      call: async (fresh) => ({
        path: `${c.w.base}/cycles/${await t.id(fresh)}/transition-checks?to=${t.facts?.closed ? 'active' : 'grading'}`,
      }),
    }),
  ),
  [`GET ${O}/cycles/:id/carry-over`]: row(['active', 'closed', 'foreign'], cycleTarget, (t, c) => ({
    checks: whenFound(t, () => [org('cycle.manage')]),
    success: 200,
    call: async (fresh) => ({ path: `${c.w.base}/cycles/${await t.id(fresh)}/carry-over` }),
  })),
  [`POST ${O}/cycles/:id/carry-over`]: row(['active', 'closed', 'foreign'], cycleTarget, (t, c) => ({
    checks: whenFound(t, () => [org('cycle.manage')]),
    success: 201,
    call: async (fresh) => ({
      path: `${c.w.base}/cycles/${await t.id(fresh)}/carry-over`,
      body: { targetCycleId: await c.w.fresh.cycle(), objectiveIds: [] },
    }),
  })),
  [`GET ${O}/health`]: row(['organisation', 'active', 'closed', 'foreign'], optionalCycle, (t, c) => ({
    checks: t ? whenFound(t, () => [org('health.read')]) : [org('health.read')],
    success: 200,
    call: async () => ({ path: `${c.w.base}/health${t ? `?cycle=${await t.id(false)}` : ''}` }),
  })),
  [`GET ${O}/me/score-requests`]: orgRow(
    () => [],
    200,
    (c) => ({ path: `${c.w.base}/me/score-requests` }),
  ),
  [`GET ${O}/me/okrs`]: row(
    ['organisation', 'active', 'closed', 'foreign'],
    optionalCycle,
    (t, c) => ({
      // Without ?cycle= the current cycle; a cycle of another organisation is a 404.
      checks: t ? whenFound(t, () => []) : [],
      success: 200,
      call: async () => ({ path: `${c.w.base}/me/okrs${t ? `?cycle=${await t.id(false)}` : ''}` }),
    }),
  ),
  [`POST ${O}/objectives`]: row(DRAFTS, draftOf, (draft, c) => ({
    // A cycle of another organisation is a bad reference in the body: 400 before the policy.
    checks:
      draft.facts === null
        ? [rule(true, 400)]
        : [okr('objective.create', onObjective(draft.facts))],
    success: 201,
    call: () => Promise.resolve({ path: `${c.w.base}/objectives`, body: draft.body }),
  })),
  [`GET ${O}/objectives/:id`]: row(OBJECTIVE_TARGETS, objectiveTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('objective.read', onObjective(f))]),
    success: 200,
    call: async (fresh) => ({ path: `${c.w.base}/objectives/${await t.id(fresh)}` }),
  })),
  [`PATCH ${O}/objectives/:id`]: row(OBJECTIVE_TARGETS, objectiveTarget, (t, c) => ({
    // Only the title changes, which the champion's wording-only grant allows.
    checks: whenFound(t, (f) => [okr('objective.update', onObjective(f))]),
    success: 200,
    call: async (fresh) => {
      const id = await t.id(fresh);
      return {
        path: `${c.w.base}/objectives/${id}`,
        body: { title: 'Reworded objective' },
        etag: () => etagOf(c, `/objectives/${id}`, t.facts === null),
      };
    },
  })),
  [`DELETE ${O}/objectives/:id`]: row(OBJECTIVE_TARGETS, objectiveTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('objective.delete', onObjective(f))]),
    success: 204,
    call: async (fresh) => {
      const id = await t.id(fresh);
      return {
        path: `${c.w.base}/objectives/${id}`,
        etag: () => etagOf(c, `/objectives/${id}`, t.facts === null),
      };
    },
  })),
  [`PUT ${O}/objectives/:id/parents/:parentId`]: row(
    ALIGNMENT_TARGETS,
    (c) => alignmentChild(c, { aligned: false }),
    (t, c) => ({
      // Alignment is not wording: the full edit grant is needed. A company objective aligns to
      // nothing, and a parent of another organisation is a parent the caller cannot see: 400.
      checks: whenFound(t, (f) => [
        okr('objective.update', onObjective(f), { fullScope: true }),
        rule(f.level === 'company' || c.target === FOREIGN_PARENT, 400),
      ]),
      success: 200,
      call: async (fresh) => {
        const id = await t.id(fresh);
        return {
          path: `${c.w.base}/objectives/${id}/parents/${alignmentParent(c)}`,
          etag: () => etagOf(c, `/objectives/${id}`, t.facts === null),
        };
      },
    }),
  ),
  [`DELETE ${O}/objectives/:id/parents/:parentId`]: row(
    ALIGNMENT_TARGETS,
    (c) => alignmentChild(c, { aligned: true }),
    (t, c) => ({
      // Not aligned to that objective (the company one is aligned to nothing; nothing is aligned
      // to another organisation's): 404 once the caller may change the objective.
      checks: whenFound(t, (f) => [
        okr('objective.update', onObjective(f), { fullScope: true }),
        rule(f.level === 'company' || c.target === FOREIGN_PARENT, 404),
      ]),
      success: 200,
      call: async (fresh) => {
        const id = await t.id(fresh);
        return {
          path: `${c.w.base}/objectives/${id}/parents/${alignmentParent(c)}`,
          etag: () => etagOf(c, `/objectives/${id}`, t.facts === null),
        };
      },
    }),
  ),
  // ---- the team lead's tools (issue 6): cascade and approval
  [`GET ${O}/objectives/:id/cascade-proposal`]: row(OBJECTIVE_TARGETS, objectiveTarget, (t, c) => ({
    // Read the parent (404), refuse an individual one (400), then judge the team objective the
    // caller would create for team A in the parent's cycle.
    checks: whenFound(t, (f) => [
      okr('objective.read', onObjective(f)),
      rule(f.level === 'individual', 400),
      okr(
        'objective.create',
        onObjective(
          c.w.facts.draft({
            level: 'team',
            ownerId: c.w.people[c.self].id,
            team: 'A',
            cycle: f.cycleStatus === 'closed' ? 'closed' : 'active',
          }),
        ),
      ),
    ]),
    success: 200,
    call: async (fresh) => ({
      path: `${c.w.base}/objectives/${await t.id(fresh)}/cascade-proposal?team=${c.w.teams.A}`,
    }),
  })),
  [`GET ${O}/approvals`]: orgRow(
    () => [],
    200,
    (c) => ({ path: `${c.w.base}/approvals` }),
  ),
  ...Object.fromEntries(
    (
      [
        ['approve', 'objective.approve', undefined],
        ['return', 'objective.approve', { comment: 'Make it measurable.' }],
        ['submit', 'objective.submit', undefined],
      ] as const
    ).map(([step, action, body]) => [
      `POST ${O}/objectives/:id/approval/${step}`,
      row(OBJECTIVE_TARGETS, objectiveTarget, (t, c) => ({
        // The shared objectives never went through approval: 409 once the policy allows the step.
        checks: whenFound(t, (f) => [okr(action, onObjective(f)), rule(true, 409)]),
        success: 200,
        call: async (fresh) => {
          const id = await t.id(fresh);
          return {
            path: `${c.w.base}/objectives/${id}/approval/${step}`,
            ...(body ? { body } : {}),
            etag: () => etagOf(c, `/objectives/${id}`, t.facts === null),
          };
        },
      })),
    ]),
  ),
  [`POST ${O}/objectives/:id/key-results`]: row(OBJECTIVE_TARGETS, objectiveTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('key_result.create', onObjective(f))]),
    success: 201,
    call: async () => ({
      path: `${c.w.base}/objectives/${await t.id(false)}/key-results`,
      body: keyResultBody,
    }),
  })),
  [`GET ${O}/objectives/:id/comments`]: row(OBJECTIVE_TARGETS, objectiveTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('objective.read', onObjective(f))]),
    success: 200,
    call: async (fresh) => ({ path: `${c.w.base}/objectives/${await t.id(fresh)}/comments` }),
  })),
  [`POST ${O}/objectives/:id/comments`]: row(OBJECTIVE_TARGETS, objectiveTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('comment.create', onObjective(f))]),
    success: 201,
    call: async () => ({
      path: `${c.w.base}/objectives/${await t.id(false)}/comments`,
      body: { body: 'Looks good' },
    }),
  })),

  // ---- key results and check-ins
  [`GET ${O}/key-results/:id`]: row(KEY_RESULT_TARGETS, keyResultTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('objective.read', f)]),
    success: 200,
    call: async (fresh) => ({ path: `${c.w.base}/key-results/${await t.id(fresh)}` }),
  })),
  [`PATCH ${O}/key-results/:id`]: row(KEY_RESULT_TARGETS, keyResultTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('key_result.update', f)]),
    success: 200,
    call: async (fresh) => {
      const id = await t.id(fresh);
      return {
        path: `${c.w.base}/key-results/${id}`,
        body: { title: 'Reworded key result' },
        etag: () => etagOf(c, `/key-results/${id}`, t.facts === null),
      };
    },
  })),
  [`DELETE ${O}/key-results/:id`]: row(KEY_RESULT_TARGETS, keyResultTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('key_result.delete', f)]),
    success: 204,
    call: async (fresh) => {
      const id = await t.id(fresh);
      return {
        path: `${c.w.base}/key-results/${id}`,
        etag: () => etagOf(c, `/key-results/${id}`, t.facts === null),
      };
    },
  })),
  [`POST ${O}/key-results/:id/check-ins`]: row(KEY_RESULT_TARGETS, keyResultTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('key_result.check_in', f)]),
    success: 201,
    call: async (fresh) => ({
      path: `${c.w.base}/key-results/${await t.id(fresh)}/check-ins`,
      body: { value: 4 },
    }),
  })),
  [`GET ${O}/key-results/:id/check-ins`]: row(KEY_RESULT_TARGETS, keyResultTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('objective.read', f)]),
    success: 200,
    call: async (fresh) => ({ path: `${c.w.base}/key-results/${await t.id(fresh)}/check-ins` }),
  })),
  [`GET ${O}/key-results/:id/forecast`]: row(KEY_RESULT_TARGETS, keyResultTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('objective.read', f)]),
    success: 200,
    call: async (fresh) => ({ path: `${c.w.base}/key-results/${await t.id(fresh)}/forecast` }),
  })),

  // ---- initiatives
  [`GET ${O}/key-results/:id/initiatives`]: row(KEY_RESULT_TARGETS, keyResultTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('objective.read', f)]),
    success: 200,
    call: async (fresh) => ({ path: `${c.w.base}/key-results/${await t.id(fresh)}/initiatives` }),
  })),
  [`POST ${O}/key-results/:id/initiatives`]: row(KEY_RESULT_TARGETS, keyResultTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('initiative.manage', f)]),
    success: 201,
    call: async () => ({
      path: `${c.w.base}/key-results/${await t.id(false)}/initiatives`,
      body: { title: 'Run a webinar' },
    }),
  })),
  [`PATCH ${O}/initiatives/:id`]: row(KEY_RESULT_TARGETS, initiativeTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('initiative.manage', f)]),
    success: 200,
    call: async (fresh) => {
      const id = await t.id(fresh);
      return {
        path: `${c.w.base}/initiatives/${id}`,
        body: { title: 'Run two webinars' },
        etag: () =>
          etagInList(c, `/key-results/${t.keyResultId}/initiatives`, id, t.facts === null),
      };
    },
  })),
  [`DELETE ${O}/initiatives/:id`]: row(KEY_RESULT_TARGETS, initiativeTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('initiative.manage', f)]),
    success: 204,
    call: async (fresh) => {
      const id = await t.id(fresh);
      return {
        path: `${c.w.base}/initiatives/${id}`,
        etag: () =>
          etagInList(c, `/key-results/${t.keyResultId}/initiatives`, id, t.facts === null),
      };
    },
  })),

  // ---- dependencies
  [`GET ${O}/dependencies`]: orgRow(
    () => [],
    200,
    (c) => ({ path: `${c.w.base}/dependencies` }),
  ),
  [`POST ${O}/dependencies`]: row(
    [...KEY_RESULT_TARGETS, FOREIGN_NEEDED],
    (c) => keyResultTarget({ ...c, target: c.target === FOREIGN_NEEDED ? 'teamAKR' : c.target }),
    (t, c) => ({
      // The target is the dependent key result; it depends on a public company key result (or
      // on one of the other organisation's, which is not found once the dependent may be managed).
      checks: whenFound(t, (f) => [
        okr('dependency.manage', f),
        found(c.target !== FOREIGN_NEEDED),
      ]),
      success: 201,
      call: async (fresh) => ({
        path: `${c.w.base}/dependencies`,
        body: {
          keyResultId: await t.id(fresh),
          dependsOnId: c.target === FOREIGN_NEEDED ? c.w.foreign.keyResult : c.w.needed,
        },
      }),
    }),
  ),
  [`PATCH ${O}/dependencies/:id`]: row(DEPENDENCY_TARGETS, dependencyTarget, (t, c) => ({
    // Both ends must be readable; the rights come from the dependent key result.
    checks: whenFound(t, (f) => [
      okr('objective.read', onObjective(f.needed)),
      okr('dependency.manage', f.dependent),
    ]),
    success: 200,
    call: async (fresh) => {
      const { id, keyResultId } = await t.idAndDependent(fresh);
      return {
        path: `${c.w.base}/dependencies/${id}`,
        body: { note: 'Needed before launch' },
        etag: () => etagInList(c, `/dependencies?keyResultId=${keyResultId}`, id, t.facts === null),
      };
    },
  })),
  [`DELETE ${O}/dependencies/:id`]: row(DEPENDENCY_TARGETS, dependencyTarget, (t, c) => ({
    checks: whenFound(t, (f) => [
      okr('objective.read', onObjective(f.needed)),
      okr('dependency.manage', f.dependent),
    ]),
    success: 204,
    call: async (fresh) => {
      const { id, keyResultId } = await t.idAndDependent(fresh);
      return {
        path: `${c.w.base}/dependencies/${id}`,
        etag: () => etagInList(c, `/dependencies?keyResultId=${keyResultId}`, id, t.facts === null),
      };
    },
  })),

  // ---- collaboration requests (team A asks team B on an objective of each kind) and the map
  [`GET ${O}/collaboration-requests`]: orgRow(
    () => [],
    200,
    (c) => ({ path: `${c.w.base}/collaboration-requests` }),
  ),
  [`POST ${O}/collaboration-requests`]: row(OBJECTIVE_TARGETS, objectiveTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('collaboration_request.create', requestOn(c, f))]),
    success: 201,
    call: async () => ({
      path: `${c.w.base}/collaboration-requests`,
      body: {
        fromTeamId: c.w.teams.A,
        toTeamId: c.w.teams.B,
        objectiveId: await t.id(false),
        message: 'Can you help?',
      },
    }),
  })),
  [`GET ${O}/collaboration-requests/:id`]: row(REQUEST_TARGETS, requestTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('objective.read', onObjective(f.objective))]),
    success: 200,
    call: async () => ({ path: `${c.w.base}/collaboration-requests/${await t.id(true)}` }),
  })),
  [`POST ${O}/collaboration-requests/:id/accept`]: row(REQUEST_TARGETS, requestTarget, (t, c) => ({
    // Accepted as a contribution, which only a shared objective takes (400 for the others).
    checks: whenFound(t, (f) => [
      okr('collaboration_request.respond', f),
      rule(c.target !== 'shared', 400),
    ]),
    success: 200,
    call: async () => ({
      path: `${c.w.base}/collaboration-requests/${await t.id(true)}/accept`,
      body: { as: 'contribution' },
      etag: () => Promise.resolve('"1"'),
    }),
  })),
  [`POST ${O}/collaboration-requests/:id/decline`]: row(REQUEST_TARGETS, requestTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('collaboration_request.respond', f)]),
    success: 200,
    call: async () => ({
      path: `${c.w.base}/collaboration-requests/${await t.id(true)}/decline`,
      body: { reason: 'Our quarter is full.' },
      etag: () => Promise.resolve('"1"'),
    }),
  })),
  [`GET ${O}/cross-team-map`]: orgRow(
    () => [],
    200,
    (c) => ({ path: `${c.w.base}/cross-team-map` }),
  ),

  // ---- comments
  [`GET ${O}/key-results/:id/comments`]: row(KEY_RESULT_TARGETS, keyResultTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('objective.read', f)]),
    success: 200,
    call: async (fresh) => ({ path: `${c.w.base}/key-results/${await t.id(fresh)}/comments` }),
  })),
  [`POST ${O}/key-results/:id/comments`]: row(KEY_RESULT_TARGETS, keyResultTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('comment.create', f)]),
    success: 201,
    call: async () => ({
      path: `${c.w.base}/key-results/${await t.id(false)}/comments`,
      body: { body: 'How do we count this?' },
    }),
  })),
  [`PATCH ${O}/comments/:id`]: row(COMMENT_TARGETS, commentTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('comment.update', f)]),
    success: 200,
    call: async (fresh) => {
      const id = await t.id(fresh);
      return {
        path: `${c.w.base}/comments/${id}`,
        body: { body: 'Edited' },
        etag: () => etagInList(c, t.listPath, id, t.facts === null),
      };
    },
  })),
  [`DELETE ${O}/comments/:id`]: row(COMMENT_TARGETS, commentTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('comment.update', f)]),
    success: 204,
    call: async (fresh) => {
      const id = await t.id(fresh);
      return {
        path: `${c.w.base}/comments/${id}`,
        etag: () => etagInList(c, t.listPath, id, t.facts === null),
      };
    },
  })),

  // ---- restructuring and a person's history
  [`POST ${O}/key-results/:id/move`]: row(KEY_RESULT_TARGETS, keyResultTarget, (t, c) => ({
    // Judged on the objective it leaves and the one it joins: a fresh objective of the same kind
    // (same cycle, team and readers), so both sides have the same facts.
    checks: whenFound(t, (f) => [okr('key_result.move', f), okr('key_result.move', f)]),
    success: 200,
    call: async (fresh) => {
      const id = await t.id(fresh);
      const kind = c.target as KeyResultKind;
      const objectiveId =
        t.facts === null
          ? c.w.objectives.teamA
          : fresh
            ? await c.w.fresh.objective(KEY_RESULTS[kind].objective, { aligned: false })
            : c.w.objectives[KEY_RESULTS[kind].objective];
      return {
        path: `${c.w.base}/key-results/${id}/move`,
        body: { objectiveId },
        etag: () => etagOf(c, `/key-results/${id}`, t.facts === null),
      };
    },
  })),
  [`POST ${O}/objectives/:id/move`]: row(
    OBJECTIVE_TARGETS,
    (c) => objectiveTarget(c, { aligned: false }),
    (t, c) => ({
      // Judged where it is and where it goes: a new active cycle of the same dates.
      checks: whenFound(t, (f) => [
        okr('objective.move', onObjective(f)),
        okr('objective.move', onObjective({ ...f, cycleStatus: 'active' })),
      ]),
      success: 200,
      call: async (fresh) => {
        const id = await t.id(fresh);
        return {
          path: `${c.w.base}/objectives/${id}/move`,
          body: { cycleId: fresh ? await c.w.fresh.cycle() : c.w.cycles.active },
          etag: () => etagOf(c, `/objectives/${id}`, t.facts === null),
        };
      },
    }),
  ),
  [`POST ${O}/objectives/:id/duplicate`]: row(OBJECTIVE_TARGETS, objectiveTarget, (t, c) => ({
    // A copy in the same cycle, judged as a new objective of the same kind with key results.
    checks: whenFound(t, (f) => [
      okr('objective.read', onObjective(f)),
      okr('objective.create', onObjective(f)),
      okr('key_result.create', onObjective(f)),
    ]),
    success: 201,
    call: async () => ({
      path: `${c.w.base}/objectives/${await t.id(false)}/duplicate`,
      body: {},
    }),
  })),
  [`GET ${O}/people/:userId/history`]: row(['MA', 'MB', 'foreign'], memberTarget, (t, c) => ({
    // Anyone in the organisation; a person of another organisation is not found.
    checks: [
      org('person.history.read', { type: 'person', userId: t.facts?.userId ?? c.w.foreign.user }),
      found(t.facts !== null),
    ],
    success: 200,
    call: async () => ({ path: `${c.w.base}/people/${await t.id(false)}/history` }),
  })),

  // ---- knowledge notes (readers write; authors edit), grading, retrospectives, cycle report
  [`GET ${O}/objectives/:id/notes`]: row(OBJECTIVE_TARGETS, objectiveTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('objective.read', onObjective(f))]),
    success: 200,
    call: async (fresh) => ({ path: `${c.w.base}/objectives/${await t.id(fresh)}/notes` }),
  })),
  [`POST ${O}/objectives/:id/notes`]: row(OBJECTIVE_TARGETS, objectiveTarget, (t, c) => ({
    // Notes stay open in a closed cycle: the closed objective takes them too.
    checks: whenFound(t, (f) => [okr('note.create', onObjective(f))]),
    success: 201,
    call: async () => ({
      path: `${c.w.base}/objectives/${await t.id(false)}/notes`,
      body: { body: 'What we learned', links: [{ title: 'Doc', url: 'https://docs.example/x' }] },
    }),
  })),

  // ---- imports from spreadsheets (anyone imports; each row is judged as it would be created)
  [`POST ${O}/imports/preview`]: orgRow(
    () => [org('import.run')],
    200,
    (c) => ({ path: `${c.w.base}/imports/preview`, body: { csv: IMPORT_CSV('Grow') } }),
  ),
  [`POST ${O}/imports/dry-run`]: orgRow(
    () => [org('import.run')],
    200,
    (c) => ({ path: `${c.w.base}/imports/dry-run`, body: importBody(c) }),
  ),
  // The sheet holds the caller's own individual objective, which everyone may create.
  [`POST ${O}/imports`]: orgRow(
    () => [org('import.run')],
    201,
    (c) => ({ path: `${c.w.base}/imports`, body: importBody(c) }),
  ),
  [`GET ${O}/import-mappings`]: orgRow(
    () => [org('import.run')],
    200,
    (c) => ({ path: `${c.w.base}/import-mappings` }),
  ),
  [`POST ${O}/import-mappings`]: orgRow(
    () => [org('import.run')],
    201,
    (c) => ({ path: `${c.w.base}/import-mappings`, body: { name: c.w.unique('Mapping'), mapping: { objective: 'Objective' } } }),
  ),
  [`GET ${O}/import-mappings/:id`]: row(ORGANISATION, () => null, (_t, c) => ({
    checks: [org('import.run')],
    success: 200,
    call: async () => ({ path: `${c.w.base}/import-mappings/${await freshMapping(c)}` }),
  })),
  // Saved by MA: MA and the champions change it.
  [`PATCH ${O}/import-mappings/:id`]: row(ORGANISATION, () => null, (_t, c) => ({
    checks: [org('import_mapping.update', { type: 'import_mapping', authorId: c.w.people.MA.id })],
    success: 200,
    call: async () => ({
      path: `${c.w.base}/import-mappings/${await freshMapping(c)}`,
      body: { name: c.w.unique('Renamed') },
      etag: () => Promise.resolve('"1"'),
    }),
  })),
  [`DELETE ${O}/import-mappings/:id`]: row(ORGANISATION, () => null, (_t, c) => ({
    checks: [org('import_mapping.update', { type: 'import_mapping', authorId: c.w.people.MA.id })],
    success: 204,
    call: async () => ({
      path: `${c.w.base}/import-mappings/${await freshMapping(c)}`,
      etag: () => Promise.resolve('"1"'),
    }),
  })),
  [`GET ${O}/notes`]: orgRow(
    () => [],
    200,
    (c) => ({ path: `${c.w.base}/notes?q=learned` }),
  ),
  [`GET ${O}/notes/similar`]: orgRow(
    () => [],
    200,
    (c) => ({ path: `${c.w.base}/notes/similar?title=privateMA+objective+teamA` }),
  ),
  [`PATCH ${O}/notes/:id`]: row(NOTE_TARGETS, noteTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('note.update', f)]),
    success: 200,
    call: async (fresh) => ({
      path: `${c.w.base}/notes/${await t.id(fresh)}`,
      body: { body: 'Reworded note' },
      etag: () => Promise.resolve('"1"'),
    }),
  })),
  [`DELETE ${O}/notes/:id`]: row(NOTE_TARGETS, noteTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('note.update', f)]),
    success: 204,
    call: async (fresh) => ({
      path: `${c.w.base}/notes/${await t.id(fresh)}`,
      etag: () => Promise.resolve('"1"'),
    }),
  })),
  [`GET ${O}/cycles/:id/grades`]: row(['active', 'closed', 'foreign'], cycleTarget, (t, c) => ({
    checks: whenFound(t, () => []),
    success: 200,
    call: async () => ({ path: `${c.w.base}/cycles/${await t.id(false)}/grades` }),
  })),
  [`GET ${O}/cycles/:id/report`]: row(['active', 'closed', 'foreign'], cycleTarget, (t, c) => ({
    checks: whenFound(t, () => []),
    success: 200,
    call: async () => ({ path: `${c.w.base}/cycles/${await t.id(false)}/report` }),
  })),
  [`GET ${O}/cycles/:id/report.md`]: row(['active', 'closed', 'foreign'], cycleTarget, (t, c) => ({
    checks: whenFound(t, () => []),
    success: 200,
    call: async () => ({ path: `${c.w.base}/cycles/${await t.id(false)}/report.md` }),
  })),
  [`GET ${O}/cycles/:id/report.csv`]: row(['active', 'closed', 'foreign'], cycleTarget, (t, c) => ({
    checks: whenFound(t, () => []),
    success: 200,
    call: async () => ({ path: `${c.w.base}/cycles/${await t.id(false)}/report.csv` }),
  })),
  [`GET ${O}/objectives/:id/grade`]: row(OBJECTIVE_TARGETS, objectiveTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('objective.read', onObjective(f))]),
    success: 200,
    call: async () => ({ path: `${c.w.base}/objectives/${await t.id(false)}/grade` }),
  })),
  [`PUT ${O}/objectives/:id/grade/proposal`]: row(OBJECTIVE_TARGETS, objectiveTarget, (t, c) => ({
    // The world's cycles are active and closed: grading is refused (409) to those it is granted to.
    checks: whenFound(t, (f) => [okr('grade.propose', onObjective(f))]),
    success: 200,
    call: async (fresh) => ({
      path: `${c.w.base}/objectives/${await t.id(fresh)}/grade/proposal`,
      body: { score: 0.5, reason: 'Half way' },
      etag: () => Promise.resolve('"0"'),
    }),
  })),
  [`PUT ${O}/objectives/:id/grade/confirmation`]: row(OBJECTIVE_TARGETS, objectiveTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('grade.confirm', onObjective(f))]),
    success: 200,
    call: async (fresh) => ({
      path: `${c.w.base}/objectives/${await t.id(fresh)}/grade/confirmation`,
      body: { score: 0.5 },
      etag: () => Promise.resolve('"0"'),
    }),
  })),
  [`GET ${O}/objectives/:id/retrospective`]: row(OBJECTIVE_TARGETS, objectiveTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('objective.read', onObjective(f))]),
    success: 200,
    call: async () => ({ path: `${c.w.base}/objectives/${await t.id(false)}/retrospective` }),
  })),
  [`PUT ${O}/objectives/:id/retrospective`]: row(OBJECTIVE_TARGETS, objectiveTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('retrospective.write', onObjective(f))]),
    success: 200,
    call: async (fresh) => ({
      path: `${c.w.base}/objectives/${await t.id(fresh)}/retrospective`,
      body: { wentWell: 'A', wentBadly: 'B', learned: 'C' },
      etag: () => Promise.resolve('"0"'),
    }),
  })),

  // ---- activity and audit
  [`GET ${O}/activity`]: row(['organisation', ...OBJECTIVE_TARGETS], optionalObjective, (t, c) => ({
    // Optionally about one objective (?objectiveId=), which the caller must be able to read.
    checks: [
      org('activity.read'),
      ...(t ? whenFound(t, (f) => [okr('objective.read', onObjective(f))]) : []),
    ],
    success: 200,
    call: async () => ({
      path: `${c.w.base}/activity${t ? `?objectiveId=${await t.id(false)}` : ''}`,
    }),
  })),
  [`GET ${O}/audit`]: orgRow(
    () => [org('audit.read')],
    200,
    (c) => ({ path: `${c.w.base}/audit` }),
  ),

  // ---- strategy and KPIs
  [`GET ${O}/strategy`]: row(['organisation', 'active', 'foreignCycle'], (c) => c.target, (target, c) => ({
    checks: [found(target !== 'foreignCycle')],
    success: 200,
    call: () =>
      Promise.resolve({
        path: `${c.w.base}/strategy${
          target === 'organisation' ? '' : `?cycle=${target === 'active' ? c.w.cycles.active : c.w.foreign.cycle}`
        }`,
      }),
  })),
  [`GET ${O}/kpis`]: orgRow(
    () => [],
    200,
    (c) => ({ path: `${c.w.base}/kpis` }),
  ),
  [`POST ${O}/kpis`]: orgRow(
    () => [org('kpi.create')],
    201,
    (c) => ({
      path: `${c.w.base}/kpis`,
      body: { name: c.w.unique('KPI'), direction: 'higher', greenThreshold: 2, amberThreshold: 1 },
    }),
  ),
  [`GET ${O}/kpis/:id`]: row(KPI_TARGETS, kpiTarget, (t, c) => ({
    checks: [found(!t.foreign)],
    success: 200,
    call: async () => ({ path: `${c.w.base}/kpis/${await t.id()}` }),
  })),
  [`PATCH ${O}/kpis/:id`]: row(KPI_TARGETS, kpiTarget, (t, c) => ({
    checks: [found(!t.foreign), org('kpi.manage', { type: 'kpi', ownerId: t.ownerId })],
    success: 200,
    call: async () => ({
      path: `${c.w.base}/kpis/${await t.id()}`,
      body: { description: 'What it measures' },
      etag: () => Promise.resolve('"1"'),
    }),
  })),
  [`DELETE ${O}/kpis/:id`]: row(KPI_TARGETS, kpiTarget, (t, c) => ({
    checks: [found(!t.foreign), org('kpi.manage', { type: 'kpi', ownerId: t.ownerId })],
    success: 204,
    call: async () => ({ path: `${c.w.base}/kpis/${await t.id()}`, etag: () => Promise.resolve('"1"') }),
  })),
  [`GET ${O}/kpis/:id/values`]: row(KPI_TARGETS, kpiTarget, (t, c) => ({
    checks: [found(!t.foreign)],
    success: 200,
    call: async () => ({ path: `${c.w.base}/kpis/${await t.id()}/values` }),
  })),
  [`POST ${O}/kpis/:id/values`]: row(KPI_TARGETS, kpiTarget, (t, c) => ({
    checks: [found(!t.foreign), org('kpi.record', { type: 'kpi', ownerId: t.ownerId })],
    success: 201,
    call: async () => ({ path: `${c.w.base}/kpis/${await t.id()}/values`, body: { value: 1 } }),
  })),

  // ---- announcements, understanding, the question desk and the FAQ
  [`GET ${O}/announcements`]: orgRow(() => [], 200, (c) => ({ path: `${c.w.base}/announcements` })),
  [`POST ${O}/announcements`]: orgRow(
    () => [org('announcement.publish', { type: 'announcement', recipient: false })],
    201,
    (c) => ({
      path: `${c.w.base}/announcements`,
      body: { title: 'Focus', body: 'We focus.', rationale: 'Because.', audience: 'teams', teamIds: [c.w.teams.A] },
    }),
  ),
  [`GET ${O}/announcements/:id`]: row(ANNOUNCEMENT_TARGETS, announcementTarget, (t, c) => ({
    checks: whenFound(t, (f) => onAnnouncement(c, f.recipient)),
    success: 200,
    call: async () => ({ path: `${c.w.base}/announcements/${await t.id(false)}` }),
  })),
  [`PATCH ${O}/announcements/:id`]: row(ANNOUNCEMENT_TARGETS, announcementTarget, (t, c) => ({
    checks: whenFound(t, (f) => onAnnouncement(c, f.recipient, 'announcement.publish')),
    success: 200,
    call: async () => ({
      path: `${c.w.base}/announcements/${await t.id(false)}`,
      body: { title: 'Focus, clarified' },
      etag: () => Promise.resolve('"1"'),
    }),
  })),
  [`DELETE ${O}/announcements/:id`]: row(ANNOUNCEMENT_TARGETS, announcementTarget, (t, c) => ({
    checks: whenFound(t, (f) => onAnnouncement(c, f.recipient, 'announcement.publish')),
    success: 204,
    call: async () => ({
      path: `${c.w.base}/announcements/${await t.id(false)}`,
      etag: () => Promise.resolve('"1"'),
    }),
  })),
  [`POST ${O}/announcements/:id/acknowledgement`]: row(ANNOUNCEMENT_TARGETS, announcementTarget, (t, c) => ({
    checks: whenFound(t, (f) => onAnnouncement(c, f.recipient, 'announcement.acknowledge')),
    success: 200,
    call: async () => ({ path: `${c.w.base}/announcements/${await t.id(false)}/acknowledgement` }),
  })),
  [`GET ${O}/announcements/:id/understanding`]: row(ANNOUNCEMENT_TARGETS, announcementTarget, (t, c) => ({
    checks: whenFound(t, (f) => onAnnouncement(c, f.recipient, 'understanding.read')),
    success: 200,
    call: async () => ({ path: `${c.w.base}/announcements/${await t.id(false)}/understanding` }),
  })),
  [`POST ${O}/announcements/:id/reminders`]: row(ANNOUNCEMENT_TARGETS, announcementTarget, (t, c) => ({
    checks: whenFound(t, (f) => onAnnouncement(c, f.recipient, 'understanding.read')),
    success: 200,
    call: async () => ({ path: `${c.w.base}/announcements/${await t.id(false)}/reminders` }),
  })),
  [`GET ${O}/understanding/objectives`]: orgRow(
    () => [org('understanding.read', { type: 'announcement', recipient: false })],
    200,
    (c) => ({ path: `${c.w.base}/understanding/objectives` }),
  ),
  [`GET ${O}/questions`]: orgRow(() => [], 200, (c) => ({ path: `${c.w.base}/questions` })),
  [`POST ${O}/questions`]: orgRow(
    () => [],
    201,
    (c) => ({ path: `${c.w.base}/questions`, body: { text: 'What is a good key result?' } }),
  ),
  [`GET ${O}/questions/:id`]: row(QUESTION_TARGETS, questionTarget, (t, c) => ({
    checks: whenFound(t, (f) => [rule(!readsQuestion(c, f), 404)]),
    success: 200,
    call: async () => ({ path: `${c.w.base}/questions/${await t.id(false)}` }),
  })),
  [`PATCH ${O}/questions/:id`]: row(QUESTION_TARGETS, questionTarget, (t, c) => ({
    checks: whenFound(t, (f) => [rule(!readsQuestion(c, f), 404), org('question.manage', f)]),
    success: 200,
    call: async () => ({
      path: `${c.w.base}/questions/${await t.id(false)}`,
      body: { answer: 'Two to five.' },
      etag: () => Promise.resolve('"1"'),
    }),
  })),
  [`GET ${O}/faq`]: orgRow(() => [], 200, (c) => ({ path: `${c.w.base}/faq?q=key` })),
  // ---- webhooks (admins: webhook.manage)
  [`GET ${O}/webhooks`]: orgRow(() => [org('webhook.manage')], 200, (c) => ({ path: `${c.w.base}/webhooks` })),
  [`POST ${O}/webhooks`]: orgRow(() => [org('webhook.manage')], 201, (c) => ({
    path: `${c.w.base}/webhooks`,
    body: { url: 'https://hooks.example.test/okr', events: ['check_in.created'] },
  })),
  [`GET ${O}/webhooks/:id`]: webhookRow(200, (c, id) => ({ path: `${c.w.base}/webhooks/${id}` })),
  [`PATCH ${O}/webhooks/:id`]: webhookRow(200, (c, id) => ({
    path: `${c.w.base}/webhooks/${id}`,
    body: { description: 'CRM' },
    etag: () => Promise.resolve('"1"'),
  })),
  [`DELETE ${O}/webhooks/:id`]: webhookRow(204, (c, id) => ({
    path: `${c.w.base}/webhooks/${id}`,
    etag: () => Promise.resolve('"1"'),
  })),
  [`GET ${O}/webhooks/:id/deliveries`]: webhookRow(200, (c, id) => ({
    path: `${c.w.base}/webhooks/${id}/deliveries`,
  })),
  [`POST ${O}/webhooks/:id/test`]: webhookRow(202, (c, id) => ({
    path: `${c.w.base}/webhooks/${id}/test`,
  })),
  [`POST ${O}/webhook-deliveries/:id/redeliver`]: row(ORGANISATION, () => null, (_t, c) => ({
    checks: [org('webhook.manage')],
    success: 202,
    call: async () => ({ path: `${c.w.base}/webhook-deliveries/${await freshDelivery(c)}/redeliver` }),
  })),

  // ---- single sign-on (admins: sso.manage); one configuration per organisation
  [`GET ${O}/sso`]: orgRow(() => [org('sso.manage')], 200, (c) => ({ path: `${c.w.base}/sso` })),
  [`PUT ${O}/sso`]: row(ORGANISATION, () => null, (_t, c) => ({
    checks: [org('sso.manage')],
    success: 200,
    call: () =>
      Promise.resolve({
        path: `${c.w.base}/sso`,
        body: {
          issuer: 'https://idp.example.test',
          clientId: 'okr',
          allowedDomains: ['example.test'],
          enabled: false,
        },
        etag: () => ssoEtag(c),
      }),
  })),
  [`DELETE ${O}/sso`]: row(ORGANISATION, () => null, (_t, c) => ({
    checks: [org('sso.manage')],
    success: 204,
    call: async () => {
      await ensureSsoConfig(c);
      return { path: `${c.w.base}/sso`, etag: () => ssoEtag(c) };
    },
  })),
  [`POST ${O}/sso/test`]: row(ORGANISATION, () => null, (_t, c) => ({
    checks: [org('sso.manage')],
    success: 200,
    call: async () => {
      await ensureSsoConfig(c);
      return { path: `${c.w.base}/sso/test` };
    },
  })),

  // ---- data sources (who may edit the key result: key_result.data_source)
  [`GET ${O}/key-results/:id/data-source`]: row(KEY_RESULT_TARGETS, keyResultTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('objective.read', f)]),
    success: 200,
    call: async (fresh) => ({ path: `${c.w.base}/key-results/${await t.id(fresh)}/data-source` }),
  })),
  [`POST ${O}/key-results/:id/data-source`]: row(KEY_RESULT_TARGETS, keyResultTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('key_result.data_source', f)]),
    success: 201,
    call: async (fresh) => ({
      path: `${c.w.base}/key-results/${await t.id(fresh)}/data-source`,
      body: { kind: 'push' },
    }),
  })),
  [`DELETE ${O}/key-results/:id/data-source`]: row(KEY_RESULT_TARGETS, keyResultTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('key_result.data_source', f)]),
    success: 204,
    call: async (fresh) => {
      const id = await t.id(fresh);
      if (fresh) await freshDataSource(c, id);
      return { path: `${c.w.base}/key-results/${id}/data-source`, etag: () => Promise.resolve('"1"') };
    },
  })),
  [`POST ${O}/key-results/:id/data-source/fetch`]: row(KEY_RESULT_TARGETS, keyResultTarget, (t, c) => ({
    checks: whenFound(t, (f) => [okr('key_result.data_source', f)]),
    success: 200,
    call: async (fresh) => {
      const id = await t.id(fresh);
      if (fresh) await freshDataSource(c, id);
      return { path: `${c.w.base}/key-results/${id}/data-source/fetch` };
    },
  })),
};

/** A webhook endpoint of our organisation (version 1), for one call. */
async function freshEndpoint(c: CaseContext): Promise<string> {
  const id = uuidv7();
  const at = new Date().toISOString();
  await c.api.connection.db
    .insertInto('webhook_endpoints')
    .values({ id, org_id: c.w.org.id, url: 'https://hooks.example.test/okr', description: '', events: ',check_in.created,', secret: 'whsec_test', active: 1, created_by: null, created_at: at, updated_at: at })
    .execute();
  return id;
}

/** A failed delivery to a fresh endpoint, ready to be sent again. */
async function freshDelivery(c: CaseContext): Promise<string> {
  const endpointId = await freshEndpoint(c);
  const id = uuidv7();
  const at = new Date().toISOString();
  await c.api.connection.db
    .insertInto('webhook_deliveries')
    .values({ id, org_id: c.w.org.id, endpoint_id: endpointId, event_id: uuidv7(), event_type: 'check_in.created', payload: '{}', status: 'failed', attempts: 8, next_attempt_at: at, last_attempt_at: at, response_status: 500, response_body: '', duration_ms: 1, error: 'HTTP 500', created_at: at })
    .execute();
  return id;
}

/** A pull data source (whose URL refuses connections) on the key result. */
async function freshDataSource(c: CaseContext, keyResultId: string): Promise<void> {
  const at = new Date().toISOString();
  await c.api.connection.db
    .insertInto('data_sources')
    .values({ id: uuidv7(), org_id: c.w.org.id, key_result_id: keyResultId, kind: 'pull', url: 'http://127.0.0.1:9/none', pointer: '/n', header_name: null, header_secret: null, interval_minutes: 60, token_hash: null, created_by: null, created_at: at, updated_at: at, last_value: null, last_success_at: null, last_attempt_at: null, last_error: null, next_run_at: '9999-01-01T00:00:00.000Z' })
    .execute();
}

/** Our organisation's single sign-on configuration exists (its issuer refuses connections). */
async function ensureSsoConfig(c: CaseContext): Promise<void> {
  const at = new Date().toISOString();
  await c.api.connection.db
    .insertInto('sso_configs')
    .values({ org_id: c.w.org.id, issuer: 'http://127.0.0.1:9', client_id: 'okr', client_secret: null, allowed_domains: '["example.test"]', provisioned_role: 'member', enabled: 0, require_sso: 0, updated_by: null, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('org_id').doNothing())
    .execute();
}

/** The configuration's current version as an ETag ("0" when there is none). */
async function ssoEtag(c: CaseContext): Promise<string> {
  const row = await c.api.connection.db.selectFrom('sso_configs').select('version').where('org_id', '=', c.w.org.id).executeTakeFirst();
  return `"${row?.version ?? 0}"`;
}

/** A route on one webhook endpoint of ours (made afresh for each call). */
function webhookRow(success: Success, call: (c: CaseContext, id: string) => Call): Row {
  return row(ORGANISATION, () => null, (_t, c) => ({
    checks: [org('webhook.manage')],
    success,
    call: async () => call(c, await freshEndpoint(c)),
  }));
}

// ---- running it ----------------------------------------------------------------------------------

/** Our ids under the other organisation's slug, where none of our callers is a member. */
const UNDER_OTHER_SLUG = 'ours under the other slug';
const CONCURRENCY = 4;

async function inPool<T>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

const canReadPrivate = (w: World, actor: Actor) =>
  can(actor, 'objective.read', onObjective(w.facts.objective('privateMA')));

/** Runs every case of a route; returns the ones that did not answer as the policy says. */
async function runRoute(
  api: TestApi,
  w: World,
  etags: Map<string, Promise<string>>,
  key: string,
  matrixRow: Row,
): Promise<string[]> {
  const [method = '', url = ''] = key.split(' ');
  const isWrite = method !== 'GET';
  const cases = [...matrixRow.targets, UNDER_OTHER_SLUG].flatMap((target) =>
    ACTORS.map((actor) => ({ actor, target })),
  );
  const mismatches: string[] = [];
  await inPool(cases, CONCURRENCY, async ({ actor, target }) => {
    const underOtherSlug = target === UNDER_OTHER_SLUG;
    const c: CaseContext = {
      api,
      w,
      etags,
      actor,
      self: actor === 'anonymous' ? 'MA' : actor,
      target: underOtherSlug ? (matrixRow.targets[0] ?? '') : target,
    };
    const planned = matrixRow.case(c);
    const expected = underOtherSlug
      ? actor === 'anonymous'
        ? 401
        : 404
      : expectedStatus(w.actor(actor), planned.checks, planned.success);
    const call = await planned.call(isWrite && expected < 300);
    const path = underOtherSlug ? call.path.replace(w.base, w.otherBase) : call.path;
    const headers: Record<string, string> = {};
    if (call.etag)
      headers['if-match'] = actor === 'anonymous' || underOtherSlug ? '"1"' : await call.etag();
    const token = actor === 'anonymous' ? undefined : w.people[actor].token;
    const response = await client(api.url, token).call<{ code?: string; detail?: string }>(
      method,
      path,
      {
        ...(call.body !== undefined ? { body: call.body } : {}),
        headers,
      },
    );
    if (response.status !== expected) {
      const problem =
        response.body && typeof response.body === 'object'
          ? ` ${response.body.code ?? ''}: ${response.body.detail ?? ''}`
          : '';
      mismatches.push(
        `${method} ${url} as ${actor} on ${target}: expected ${expected}, got ${response.status}${problem}`,
      );
    }
    // What a caller may read never carries the words of a private objective they may not read.
    const actorFacts = w.actor(actor);
    if (
      method === 'GET' &&
      response.status === 200 &&
      actorFacts &&
      !canReadPrivate(w, actorFacts)
    ) {
      const text = JSON.stringify(response.body);
      const leaked = w.privateWords.filter((words) => text.includes(words));
      if (leaked.length > 0)
        mismatches.push(`${method} ${url} as ${actor} on ${target}: shows ${leaked.join(', ')}`);
    }
  });
  return mismatches.sort();
}

for (const { dialect, skip } of await dialectsUnderTest()) {
  describe.skipIf(skip)(`permission matrix on ${dialect}`, () => {
    let api: TestApi;
    let w: World;
    const etags = new Map<string, Promise<string>>();
    beforeAll(async () => {
      api = await startTestApi(dialect);
      w = await buildWorld(api.connection);
    });
    afterAll(async () => {
      await api?.close();
    });

    it('has a row for exactly the routes served under /api/v1/orgs/', () => {
      const served = api.app.routeList
        .filter((route) => route.url.startsWith('/api/v1/orgs/'))
        // The live update stream never ends, so it cannot be a row here; who may open it (members
        // 200, anyone else 404) is proven in test/integration/live-updates.test.ts.
        .filter((route) => route.url !== '/api/v1/orgs/:org/events')
        .map((route) => `${route.method} ${route.url}`)
        .sort();
      expect(Object.keys(MATRIX).sort()).toEqual(served);
    });

    for (const [key, matrixRow] of Object.entries(MATRIX)) {
      it(`${key}: every caller × target answers as the policy says`, async () => {
        expect(await runRoute(api, w, etags, key, matrixRow)).toEqual([]);
      });
    }
  });
}
