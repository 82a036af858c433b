/** The signed-in user as the web app first loads them: who, where, in which roles and teams. */
import { AppError } from '../../contracts/app-error.ts';
import { orgRoleSchema } from '../../contracts/model.ts';
import type { Me } from '../../contracts/api/auth.ts';
import type { Connection } from '../../db/connection.ts';
import { findUserById, listMembershipsOf } from '../../repositories/accounts.ts';
import { presentUser } from './sessions.ts';

/**
 * The user with every organisation they belong to, their roles and teams there, and the CSRF
 * token of the session (null when the request came with an API token).
 */
export async function loadMe(connection: Connection, userId: string, csrfToken: string | null): Promise<Me> {
  const user = await findUserById(connection.db, userId);
  // The credential was live a moment ago; a user deleted since is signed out.
  if (!user) throw new AppError('unauthenticated', 'Sign in first.');
  const { organisations, roles, teams } = await listMembershipsOf(connection.db, userId);
  return {
    user: presentUser(user),
    csrfToken,
    organisations: organisations.map((organisation) => ({
      id: organisation.id,
      slug: organisation.slug,
      name: organisation.name,
      roles: roles.flatMap((row) => {
        const role = orgRoleSchema.safeParse(row.role);
        return row.org_id === organisation.id && role.success ? [role.data] : [];
      }),
      teams: teams
        .filter((team) => team.org_id === organisation.id)
        .map((team) => ({ id: team.id, name: team.name, isLead: team.is_lead === 1 })),
    })),
  };
}
