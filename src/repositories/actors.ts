/** Loading who is acting: a user's membership, roles and teams in one organisation. */
import { sql } from 'kysely';
import type { OrgRole } from '../contracts/model.ts';
import type { Connection } from '../db/connection.ts';
import { readThrough } from '../db/read-cache.ts';
import type { Actor } from '../policy/policy.ts';

export interface OrganisationRow {
  id: string;
  slug: string;
  name: string;
}

const ACTOR_WEIGHT = 500;
/** What an actor is read from: only writes to these (or cascades into them) drop a cached one. */
const ACTOR_TABLES = ['organisations', 'memberships', 'member_roles', 'team_members'] as const;

/**
 * The actor for `userId` in the organisation with this slug, or null when the organisation does
 * not exist or the user is not a member (callers answer both with 404). Through the read cache:
 * a change of membership, role or team is a write to one of ACTOR_TABLES, after which it is read
 * afresh.
 */
export async function loadActor(
  connection: Connection,
  orgSlug: string,
  userId: string,
): Promise<{ organisation: OrganisationRow; actor: Actor } | null> {
  return readThrough(
    connection,
    `actor ${orgSlug} ${userId}`,
    () => readActor(connection, orgSlug, userId),
    () => ACTOR_WEIGHT,
    ACTOR_TABLES,
  );
}

async function readActor(
  connection: Connection,
  orgSlug: string,
  userId: string,
): Promise<{ organisation: OrganisationRow; actor: Actor } | null> {
  const { db } = connection;
  const membership = await db
    .selectFrom('organisations as o')
    .innerJoin('memberships as m', 'm.org_id', 'o.id')
    .select(['o.id', 'o.slug', 'o.name'])
    .where('o.slug', '=', orgSlug)
    .where('m.user_id', '=', userId)
    .executeTakeFirst();
  if (!membership) return null;
  // Roles and teams in one query: a role row has no lead flag, a team row no role.
  const grants = await db
    .selectFrom('member_roles')
    .select(['role as value', sql<number>`0`.as('is_team'), sql<number>`0`.as('is_lead')])
    .where('org_id', '=', membership.id)
    .where('user_id', '=', userId)
    .unionAll(
      db
        .selectFrom('team_members')
        .select(['team_id as value', sql<number>`1`.as('is_team'), 'is_lead'])
        .where('org_id', '=', membership.id)
        .where('user_id', '=', userId),
    )
    .execute();
  const roles = new Set<OrgRole>();
  const teamIds = new Set<string>();
  const leadTeamIds = new Set<string>();
  for (const grant of grants) {
    if (Number(grant.is_team) !== 1) roles.add(grant.value as OrgRole);
    else {
      teamIds.add(grant.value);
      if (Number(grant.is_lead) === 1) leadTeamIds.add(grant.value);
    }
  }
  return {
    organisation: membership,
    actor: {
      userId,
      orgId: membership.id,
      roles,
      teamIds,
      leadTeamIds,
    },
  };
}
