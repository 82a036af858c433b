/**
 * Builders for test data: each inserts one thing with sensible defaults and returns its ids.
 * No shared fixtures; every test builds what it needs.
 */
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type {
  CycleStatus,
  KrDirection,
  KrKind,
  ObjectiveLevel,
  OrgRole,
  Visibility,
} from '../../src/contracts/model.ts';
import type { Connection } from '../../src/db/connection.ts';
import {
  alignmentRow,
  cycleRow,
  keyResultRow,
  memberRoleRow,
  membershipRow,
  objectiveRow,
  organisationRow,
  teamMemberRow,
  teamRow,
  userRow,
} from '../../src/repositories/rows.ts';
import { hashSecret } from '../../src/services/secrets.ts';

const AT = '2026-10-01T09:00:00.000Z';
const unique = () => randomBytes(4).toString('hex');

export async function buildOrganisation(c: Connection, o: { slug?: string; name?: string } = {}) {
  const id = uuidv7();
  const slug = o.slug ?? `org-${unique()}`;
  await c.db.insertInto('organisations').values(organisationRow({ id, slug, name: o.name ?? slug, createdAt: AT })).execute();
  return { id, slug };
}

export async function buildUser(
  c: Connection,
  orgId: string | null,
  o: { email?: string; name?: string; roles?: OrgRole[]; passwordHash?: string | null } = {},
) {
  const id = uuidv7();
  const email = o.email ?? `user-${unique()}@example.test`;
  await c.db.insertInto('users').values(userRow({ id, email, name: o.name ?? email.split('@')[0] ?? email, passwordHash: o.passwordHash ?? null, createdAt: AT })).execute();
  if (orgId) await addMember(c, orgId, id, o.roles ?? []);
  return { id, email };
}

export async function addMember(c: Connection, orgId: string, userId: string, roles: OrgRole[] = []) {
  await c.db.insertInto('memberships').values(membershipRow({ orgId, userId, createdAt: AT })).execute();
  for (const role of roles) await c.db.insertInto('member_roles').values(memberRoleRow(orgId, userId, role)).execute();
}

export async function buildTeam(
  c: Connection,
  orgId: string,
  o: { name?: string; parentId?: string | null; leads?: string[]; members?: string[] } = {},
) {
  const id = uuidv7();
  await c.db.insertInto('teams').values(teamRow({ id, orgId, name: o.name ?? `Team ${unique()}`, parentId: o.parentId ?? null, createdAt: AT })).execute();
  for (const userId of o.leads ?? []) await c.db.insertInto('team_members').values(teamMemberRow(orgId, id, userId, true)).execute();
  for (const userId of o.members ?? []) await c.db.insertInto('team_members').values(teamMemberRow(orgId, id, userId, false)).execute();
  return { id };
}

export async function buildCycle(
  c: Connection,
  orgId: string,
  o: { name?: string; status?: CycleStatus; startDate?: string; endDate?: string } = {},
) {
  const id = uuidv7();
  await c.db
    .insertInto('cycles')
    .values(cycleRow({ id, orgId, name: o.name ?? `Cycle ${unique()}`, startDate: o.startDate ?? '2026-10-01', endDate: o.endDate ?? '2026-12-31', status: o.status ?? 'active', createdAt: AT }))
    .execute();
  return { id };
}

export async function buildObjective(
  c: Connection,
  orgId: string,
  o: {
    cycleId: string;
    level?: ObjectiveLevel;
    title?: string;
    rationale?: string | null;
    ownerId?: string | null;
    teamId?: string | null;
    visibility?: Visibility;
    readers?: string[];
    contributingTeams?: string[];
    parentIds?: string[];
    includeChildren?: boolean;
  },
) {
  const id = uuidv7();
  await c.db
    .insertInto('objectives')
    .values(
      objectiveRow({
        id,
        orgId,
        cycleId: o.cycleId,
        level: o.level ?? 'team',
        title: o.title ?? `Customers love our checkout ${unique()}`,
        rationale: o.rationale ?? 'Because it matters.',
        ownerId: o.ownerId ?? null,
        teamId: o.teamId ?? null,
        visibility: o.visibility ?? 'public',
        includeChildren: o.includeChildren ?? false,
        createdAt: AT,
      }),
    )
    .execute();
  for (const userId of o.readers ?? []) await c.db.insertInto('objective_readers').values({ org_id: orgId, objective_id: id, user_id: userId }).execute();
  for (const teamId of o.contributingTeams ?? []) await c.db.insertInto('objective_teams').values({ org_id: orgId, objective_id: id, team_id: teamId }).execute();
  for (const parentId of o.parentIds ?? []) await c.db.insertInto('alignments').values(alignmentRow(orgId, id, parentId, AT)).execute();
  return { id };
}

export async function buildKeyResult(
  c: Connection,
  orgId: string,
  o: {
    objectiveId: string;
    title?: string;
    kind?: KrKind;
    direction?: KrDirection;
    start?: number;
    target?: number | null;
    current?: number;
    ownerId?: string | null;
    weight?: number;
  },
) {
  const id = uuidv7();
  await c.db
    .insertInto('key_results')
    .values(
      keyResultRow({
        id,
        orgId,
        objectiveId: o.objectiveId,
        title: o.title ?? `Raise conversion ${unique()}`,
        kind: o.kind ?? 'number',
        direction: o.direction ?? 'increase',
        start: o.start ?? 0,
        target: o.target === undefined ? 100 : o.target,
        current: o.current ?? o.start ?? 0,
        ownerId: o.ownerId ?? null,
        weight: o.weight ?? 1,
        createdAt: AT,
      }),
    )
    .execute();
  return { id };
}

/** A personal API token for the user, stored the way the server stores them. */
export async function buildToken(c: Connection, userId: string): Promise<string> {
  const token = `okr_${randomBytes(24).toString('base64url')}`;
  await c.db
    .insertInto('api_tokens')
    .values({ id: uuidv7(), token_hash: hashSecret(token), user_id: userId, name: 'test', prefix: token.slice(0, 8), created_at: AT })
    .execute();
  return token;
}
