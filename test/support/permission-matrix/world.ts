/**
 * The organisation the permission matrix runs against: two teams (A led by LA with member MA,
 * B led by LB with member MB), people holding each organisation role, an active and a closed
 * cycle with objectives of every level (and a private one), key results, initiatives, comments
 * and dependencies on them; and a second organisation with one of everything, for the
 * "someone else's id" calls. Every thing the matrix targets is described by a spec, so the test
 * can build a fresh copy of it when a call is expected to change it, and derive the policy facts
 * from the same spec.
 */
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { ObjectiveLevel, OrgRole, Visibility } from '../../../src/contracts/model.ts';
import type { Connection } from '../../../src/db/connection.ts';
import type { Actor, KeyResultFacts, ObjectiveFacts } from '../../../src/policy/policy.ts';
import {
  commentRow,
  dependencyRow,
  initiativeRow,
  teamMemberRow,
} from '../../../src/repositories/rows.ts';
import { hashSecret } from '../../../src/services/secrets.ts';
import {
  buildCycle,
  buildKeyResult,
  buildObjective,
  buildOrganisation,
  buildTeam,
  buildToken,
  buildUser,
} from '../builders.ts';

export const ACTORS = [
  'anonymous',
  'executive',
  'champion',
  'coordinator',
  'admin',
  'LA',
  'MA',
  'LB',
  'MB',
] as const;
export type ActorName = (typeof ACTORS)[number];
export type PersonName = Exclude<ActorName, 'anonymous'>;
export const PEOPLE_NAMES = ACTORS.filter((a): a is PersonName => a !== 'anonymous');
export type TeamKey = 'A' | 'B';

const PEOPLE: Record<PersonName, { roles: OrgRole[]; leads?: TeamKey[]; memberOf?: TeamKey[] }> = {
  executive: { roles: ['executive'] },
  champion: { roles: ['champion'] },
  coordinator: { roles: ['coordinator'] },
  admin: { roles: ['admin'] },
  LA: { roles: [], leads: ['A'] },
  MA: { roles: [], memberOf: ['A'] },
  LB: { roles: [], leads: ['B'] },
  MB: { roles: [], memberOf: ['B'] },
};

export type ObjectiveKind =
  'company' | 'teamA' | 'teamB' | 'individualMA' | 'shared' | 'privateMA' | 'closedTeamA';

interface ObjectiveSpec {
  level: ObjectiveLevel;
  owner: PersonName;
  team?: TeamKey;
  contributing?: readonly TeamKey[];
  visibility?: Visibility;
  readers?: readonly PersonName[];
  cycle: 'active' | 'closed';
  /** The objective it is aligned to (and the one the alignment routes align it to). */
  parent: ObjectiveKind | null;
}

export const OBJECTIVES: Record<ObjectiveKind, ObjectiveSpec> = {
  company: { level: 'company', owner: 'executive', cycle: 'active', parent: null },
  teamA: { level: 'team', owner: 'LA', team: 'A', cycle: 'active', parent: 'company' },
  teamB: { level: 'team', owner: 'LB', team: 'B', cycle: 'active', parent: 'company' },
  individualMA: { level: 'individual', owner: 'MA', cycle: 'active', parent: 'teamA' },
  shared: {
    level: 'shared',
    owner: 'coordinator',
    contributing: ['A', 'B'],
    cycle: 'active',
    parent: 'company',
  },
  privateMA: {
    level: 'individual',
    owner: 'MA',
    visibility: 'private',
    readers: ['MB'],
    cycle: 'active',
    parent: 'teamA',
  },
  closedTeamA: { level: 'team', owner: 'LA', team: 'A', cycle: 'closed', parent: null },
};
export const OBJECTIVE_KINDS = Object.keys(OBJECTIVES) as ObjectiveKind[];

export const KEY_RESULTS = {
  companyKR: { objective: 'company', owner: 'MB' },
  teamAKR: { objective: 'teamA', owner: 'MA' },
  teamBKR: { objective: 'teamB', owner: 'MB' },
  individualKR: { objective: 'individualMA', owner: 'MA' },
  sharedKR_A: { objective: 'shared', owner: 'MA' },
  sharedKR_B: { objective: 'shared', owner: 'MB' },
  privateKR: { objective: 'privateMA', owner: 'MA' },
  closedKR: { objective: 'closedTeamA', owner: 'MA' },
} as const satisfies Record<string, { objective: ObjectiveKind; owner: PersonName }>;
export type KeyResultKind = keyof typeof KEY_RESULTS;
export const KEY_RESULT_KINDS = Object.keys(KEY_RESULTS) as KeyResultKind[];

/** Comments a person may find: their own on an objective and on a key result, someone else's, a private one, one in a closed cycle. */
export const COMMENTS = {
  mine: { on: 'objective', target: 'teamA', author: 'self' },
  mineOnKeyResult: { on: 'key_result', target: 'teamBKR', author: 'self' },
  theirs: { on: 'objective', target: 'teamB', author: 'MB' },
  private: { on: 'objective', target: 'privateMA', author: 'MA' },
  closed: { on: 'objective', target: 'closedTeamA', author: 'self' },
} as const satisfies Record<
  string,
  | { on: 'objective'; target: ObjectiveKind; author: PersonName | 'self' }
  | { on: 'key_result'; target: KeyResultKind; author: PersonName | 'self' }
>;
export type CommentKind = keyof typeof COMMENTS;
export const COMMENT_KINDS = Object.keys(COMMENTS) as CommentKind[];

/** Dependencies: each key result depending on a public company key result, and one needing the private key result. */
export const DEPENDENCIES = {
  ...Object.fromEntries(
    KEY_RESULT_KINDS.map((k) => [k, { dependent: k, needed: 'needed' as const }]),
  ),
  needsPrivate: { dependent: 'teamAKR', needed: 'privateKR' },
} as Record<
  KeyResultKind | 'needsPrivate',
  { dependent: KeyResultKind; needed: KeyResultKind | 'needed' }
>;
export type DependencyKind = keyof typeof DEPENDENCIES;
export const DEPENDENCY_KINDS = Object.keys(DEPENDENCIES) as DependencyKind[];

const AT = '2026-10-02T09:00:00.000Z';
const FAR_FUTURE = '2999-01-01T00:00:00.000Z';

export interface Person {
  id: string;
  token: string;
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

/** Builds both organisations. `c` is the connection the API under test uses. */
export async function buildWorld(c: Connection) {
  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${++counter}-${randomBytes(3).toString('hex')}`;

  /** Several inserts in one transaction: one commit (and one fsync) for a fresh copy. */
  const inOne = <T>(work: (trx: Connection) => Promise<T>): Promise<T> =>
    c.db.transaction().execute((trx) => work({ ...c, db: trx }));

  const org = await buildOrganisation(c, { name: 'Acme' });
  const other = await buildOrganisation(c, { name: 'Globex' });

  const people = {} as Record<PersonName, Person>;
  for (const name of PEOPLE_NAMES) {
    const user = await buildUser(c, org.id, { name, roles: PEOPLE[name].roles });
    people[name] = { id: user.id, token: await buildToken(c, user.id) };
  }
  const person = (name: PersonName) => people[name].id;
  const teamMembers = (key: TeamKey, lead: boolean) =>
    PEOPLE_NAMES.filter((n) =>
      ((lead ? PEOPLE[n].leads : PEOPLE[n].memberOf) ?? []).includes(key),
    ).map(person);
  const teams: Record<TeamKey, string> = {
    A: (
      await buildTeam(c, org.id, {
        name: 'Team A',
        leads: teamMembers('A', true),
        members: teamMembers('A', false),
      })
    ).id,
    B: (
      await buildTeam(c, org.id, {
        name: 'Team B',
        leads: teamMembers('B', true),
        members: teamMembers('B', false),
      })
    ).id,
  };
  /** A plain member in no team. */
  const nobody = await buildUser(c, org.id, { name: 'Nobody' });
  const cycles = {
    active: (await buildCycle(c, org.id, { name: '2026-Q4', status: 'active' })).id,
    closed: (
      await buildCycle(c, org.id, {
        name: '2026-Q3',
        status: 'closed',
        startDate: '2026-07-01',
        endDate: '2026-09-30',
      })
    ).id,
  };

  const objectives = {} as Record<ObjectiveKind, string>;
  async function objective(kind: ObjectiveKind, o: { aligned: boolean }): Promise<string> {
    const spec: ObjectiveSpec = OBJECTIVES[kind];
    return (
      await inOne((trx) =>
        buildObjective(trx, org.id, {
          cycleId: cycles[spec.cycle],
          level: spec.level,
          title: `${kind} objective`,
          ownerId: person(spec.owner),
          teamId: spec.team ? teams[spec.team] : null,
          visibility: spec.visibility ?? 'public',
          readers: (spec.readers ?? []).map(person),
          contributingTeams: (spec.contributing ?? []).map((t) => teams[t]),
          parentIds: o.aligned && spec.parent ? [objectives[spec.parent]] : [],
        }),
      )
    ).id;
  }
  for (const kind of OBJECTIVE_KINDS) objectives[kind] = await objective(kind, { aligned: true });

  async function keyResult(kind: KeyResultKind): Promise<string> {
    const spec = KEY_RESULTS[kind];
    return (
      await buildKeyResult(c, org.id, {
        objectiveId: objectives[spec.objective],
        ownerId: person(spec.owner),
        title: `${kind} ${unique('kr')}`,
      })
    ).id;
  }
  const keyResults = {} as Record<KeyResultKind, string>;
  for (const kind of KEY_RESULT_KINDS) keyResults[kind] = await keyResult(kind);
  /** A public key result others depend on. */
  const needed = (
    await buildKeyResult(c, org.id, { objectiveId: objectives.company, title: 'Needed by others' })
  ).id;

  async function initiative(kind: KeyResultKind): Promise<string> {
    const id = uuidv7();
    await c.db
      .insertInto('initiatives')
      .values(
        initiativeRow({
          id,
          orgId: org.id,
          keyResultId: keyResults[kind],
          title: `Initiative on ${kind}`,
          status: 'planned',
          createdAt: AT,
        }),
      )
      .execute();
    return id;
  }
  const initiatives = {} as Record<KeyResultKind, string>;
  for (const kind of KEY_RESULT_KINDS) initiatives[kind] = await initiative(kind);

  async function comment(kind: CommentKind, self: PersonName): Promise<string> {
    const spec = COMMENTS[kind];
    const id = uuidv7();
    const on =
      spec.on === 'objective'
        ? { objectiveId: objectives[spec.target] }
        : { keyResultId: keyResults[spec.target] };
    const authorId = person(spec.author === 'self' ? self : spec.author);
    await c.db
      .insertInto('comments')
      .values(
        commentRow({
          id,
          orgId: org.id,
          ...on,
          authorId,
          body: `A ${kind} comment`,
          createdAt: AT,
        }),
      )
      .execute();
    return id;
  }
  /** The comments each person finds, by kind (`self` comments are theirs). */
  const comments = {} as Record<PersonName, Record<CommentKind, string>>;
  const sharedComments = {} as Record<CommentKind, string>;
  for (const kind of COMMENT_KINDS)
    if (COMMENTS[kind].author !== 'self') sharedComments[kind] = await comment(kind, 'MA');
  for (const name of PEOPLE_NAMES) {
    const own = { ...sharedComments };
    for (const kind of COMMENT_KINDS)
      if (COMMENTS[kind].author === 'self') own[kind] = await comment(kind, name);
    comments[name] = own;
  }

  async function dependency(kind: DependencyKind, dependentId?: string): Promise<string> {
    const spec = DEPENDENCIES[kind];
    const id = uuidv7();
    const dependsOnId = spec.needed === 'needed' ? needed : keyResults[spec.needed];
    await c.db
      .insertInto('dependencies')
      .values(
        dependencyRow({
          id,
          orgId: org.id,
          keyResultId: dependentId ?? keyResults[spec.dependent],
          dependsOnId,
          createdAt: AT,
        }),
      )
      .execute();
    return id;
  }
  const dependencies = {} as Record<DependencyKind, string>;
  for (const kind of DEPENDENCY_KINDS) dependencies[kind] = await dependency(kind);

  async function invitation(orgId: string, invitedBy: string): Promise<string> {
    const id = uuidv7();
    await c.db
      .insertInto('invitations')
      .values({
        id,
        org_id: orgId,
        email: `${unique('invitee')}@example.test`,
        name: null,
        roles: '[]',
        team_id: null,
        token_hash: hashSecret(unique('secret')),
        invited_by: invitedBy,
        created_at: AT,
        expires_at: FAR_FUTURE,
        accepted_at: null,
        revoked_at: null,
      })
      .execute();
    return id;
  }
  const pendingInvitation = await invitation(org.id, person('admin'));

  // The other organisation: an admin, a team, a cycle, an objective with two key results, and
  // an initiative, a comment, a dependency and an invitation of its own.
  const outsider = await buildUser(c, other.id, { name: 'Otto Outsider', roles: ['admin'] });
  const foreignTeam = await buildTeam(c, other.id, { name: 'Their team', members: [outsider.id] });
  const foreignCycle = await buildCycle(c, other.id);
  const foreignObjective = await buildObjective(c, other.id, {
    cycleId: foreignCycle.id,
    level: 'team',
    teamId: foreignTeam.id,
    ownerId: outsider.id,
  });
  const foreignKeyResult = await buildKeyResult(c, other.id, {
    objectiveId: foreignObjective.id,
    ownerId: outsider.id,
  });
  const foreignNeeded = await buildKeyResult(c, other.id, { objectiveId: foreignObjective.id });
  const foreign = {
    admin: { id: outsider.id, token: await buildToken(c, outsider.id) },
    user: outsider.id,
    team: foreignTeam.id,
    cycle: foreignCycle.id,
    objective: foreignObjective.id,
    keyResult: foreignKeyResult.id,
    initiative: uuidv7(),
    comment: uuidv7(),
    dependency: uuidv7(),
    invitation: '',
  };
  await c.db
    .insertInto('initiatives')
    .values(
      initiativeRow({
        id: foreign.initiative,
        orgId: other.id,
        keyResultId: foreign.keyResult,
        title: 'Theirs',
        status: 'planned',
        createdAt: AT,
      }),
    )
    .execute();
  await c.db
    .insertInto('comments')
    .values(
      commentRow({
        id: foreign.comment,
        orgId: other.id,
        objectiveId: foreign.objective,
        authorId: outsider.id,
        body: 'Theirs',
        createdAt: AT,
      }),
    )
    .execute();
  await c.db
    .insertInto('dependencies')
    .values(
      dependencyRow({
        id: foreign.dependency,
        orgId: other.id,
        keyResultId: foreign.keyResult,
        dependsOnId: foreignNeeded.id,
        createdAt: AT,
      }),
    )
    .execute();
  foreign.invitation = await invitation(other.id, outsider.id);

  /** The policy's view of each person (null: not signed in). */
  function actor(name: ActorName): Actor | null {
    if (name === 'anonymous') return null;
    const spec = PEOPLE[name];
    const leads = (spec.leads ?? []).map((t) => teams[t]);
    return {
      userId: person(name),
      orgId: org.id,
      roles: new Set(spec.roles),
      teamIds: new Set([...leads, ...(spec.memberOf ?? []).map((t) => teams[t])]),
      leadTeamIds: new Set(leads),
    };
  }
  const teamsOf = (id: string): string[] => {
    const name = PEOPLE_NAMES.find((n) => person(n) === id);
    if (!name) return [];
    return [...(PEOPLE[name].leads ?? []), ...(PEOPLE[name].memberOf ?? [])].map((t) => teams[t]);
  };

  /** The policy facts of an objective as drafted (owner, team, contributing teams, cycle). */
  function draftFacts(d: {
    level: ObjectiveLevel;
    ownerId: string | null;
    team?: TeamKey;
    contributing?: readonly TeamKey[];
    cycle: 'active' | 'closed';
    visibility?: Visibility;
    readers?: readonly string[];
  }): ObjectiveFacts {
    return {
      level: d.level,
      ownerId: d.ownerId,
      teamId: d.team ? teams[d.team] : null,
      visibility: d.visibility ?? 'public',
      readerIds: d.readers ?? [],
      contributingTeamIds: (d.contributing ?? []).map((t) => teams[t]),
      ownerTeamIds: d.ownerId ? teamsOf(d.ownerId) : [],
      cycleStatus: d.cycle,
    };
  }
  const facts = {
    objective(kind: ObjectiveKind): ObjectiveFacts {
      const spec: ObjectiveSpec = OBJECTIVES[kind];
      return draftFacts({
        level: spec.level,
        ownerId: person(spec.owner),
        ...(spec.team ? { team: spec.team } : {}),
        ...(spec.contributing ? { contributing: spec.contributing } : {}),
        cycle: spec.cycle,
        ...(spec.visibility ? { visibility: spec.visibility } : {}),
        readers: (spec.readers ?? []).map(person),
      });
    },
    keyResult(kind: KeyResultKind): KeyResultFacts {
      const ownerId = person(KEY_RESULTS[kind].owner);
      return { ownerId, ownerTeamIds: teamsOf(ownerId) };
    },
    draft: draftFacts,
  };

  /** Fresh copies, for calls expected to change (or delete) what they target. */
  const fresh = {
    objective: (kind: ObjectiveKind, o: { aligned: boolean }) => objective(kind, o),
    keyResult: keyResult,
    initiative: async (kind: KeyResultKind) => {
      const id = uuidv7();
      await c.db
        .insertInto('initiatives')
        .values(
          initiativeRow({
            id,
            orgId: org.id,
            keyResultId: keyResults[kind],
            title: 'Fresh initiative',
            status: 'planned',
            createdAt: AT,
          }),
        )
        .execute();
      return id;
    },
    comment,
    /** A dependency of the kind whose dependent key result is new; with that key result's id. */
    dependency: async (kind: DependencyKind) => {
      const keyResultId = await keyResult(DEPENDENCIES[kind].dependent);
      return { id: await dependency(kind, keyResultId), keyResultId };
    },
    team: async () => (await buildTeam(c, org.id, { name: unique('Team') })).id,
    /** A new member of the organisation, in the team when one is given. */
    member: (team?: TeamKey) =>
      inOne(async (trx) => {
        const user = await buildUser(trx, org.id, { name: unique('Member') });
        if (team)
          await trx.db
            .insertInto('team_members')
            .values(teamMemberRow(org.id, teams[team], user.id, false))
            .execute();
        return user.id;
      }),
    cycle: async () =>
      (await buildCycle(c, org.id, { name: unique('Cycle'), status: 'active' })).id,
    invitation: () => invitation(org.id, person('admin')),
  };

  return {
    org,
    other,
    base: `/api/v1/orgs/${org.slug}`,
    otherBase: `/api/v1/orgs/${other.slug}`,
    people,
    nobody: nobody.id,
    teams,
    cycles,
    objectives,
    keyResults,
    needed,
    initiatives,
    comments,
    dependencies,
    pendingInvitation,
    foreign,
    /** Words only the private objective, its key result, initiative and comments carry. */
    privateWords: [
      'privateMA objective',
      'privateKR ',
      'Initiative on privateKR',
      'A private comment',
    ],
    actor,
    facts,
    fresh,
    unique,
  };
}
