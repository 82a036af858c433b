/** Loading who is acting: a user's membership, roles and teams in one organisation. */
import type { OrgRole } from '../contracts/model.ts';
import type { Connection } from '../db/connection.ts';
import type { Actor } from '../policy/policy.ts';

export interface OrganisationRow {
  id: string;
  slug: string;
  name: string;
}

/**
 * The actor for `userId` in the organisation with this slug, or null when the organisation does
 * not exist or the user is not a member (callers answer both with 404).
 */
export async function loadActor(
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
  const [roles, teams] = await Promise.all([
    db.selectFrom('member_roles').select('role').where('org_id', '=', membership.id).where('user_id', '=', userId).execute(),
    db.selectFrom('team_members').select(['team_id', 'is_lead']).where('org_id', '=', membership.id).where('user_id', '=', userId).execute(),
  ]);
  return {
    organisation: membership,
    actor: {
      userId,
      orgId: membership.id,
      roles: new Set(roles.map((r) => r.role as OrgRole)),
      teamIds: new Set(teams.map((t) => t.team_id)),
      leadTeamIds: new Set(teams.filter((t) => t.is_lead === 1).map((t) => t.team_id)),
    },
  };
}
