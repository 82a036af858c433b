/**
 * Inviting people into an organisation by e-mail. The invitation carries the roles and team the
 * person will get; its link holds a single-use secret that expires after 7 days. Only people
 * who may manage people (admins) invite, list and revoke.
 */
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { AppError } from '../../contracts/app-error.ts';
import type { CreatedInvitation, InvitationCreateBody, InvitationView } from '../../contracts/api/auth.ts';
import { orgRoleSchema, type OrgRole } from '../../contracts/model.ts';
import { authorize, type Actor } from '../../policy/policy.ts';
import {
  findUserByEmail,
  insertInvitation,
  isMember,
  listPendingInvitations,
  revokeInvitations,
  teamExists,
  type InvitationRecord,
} from '../../repositories/accounts.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { inTransaction } from '../context.ts';
import { hashSecret, newSecret } from '../secrets.ts';
import type { AccountContext } from './sessions.ts';

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

const storedRolesSchema = z.array(orgRoleSchema);

/** The roles an invitation grants, from their stored JSON (anything unreadable grants none). */
export function invitationRoles(stored: string): OrgRole[] {
  try {
    const parsed = storedRolesSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function presentInvitation(row: InvitationRecord): InvitationView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: invitationRoles(row.roles),
    teamId: row.team_id,
    invitedBy: row.invited_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

/**
 * Invites an e-mail address into the actor's organisation (audited as `invitation.created`). An
 * earlier pending invitation of the same address is replaced. 409 when the person is already a
 * member; 400 when the team is not one of the organisation's.
 */
export async function invite(ctx: AccountContext, actor: Actor, body: InvitationCreateBody): Promise<CreatedInvitation> {
  authorize(actor, 'people.manage', { type: 'organisation' });
  const { connection, now } = ctx;
  const teamId = body.teamId ?? null;
  if (teamId && !(await teamExists(connection.db, actor.orgId, teamId))) {
    throw new AppError('bad_input', 'That team is not in this organisation.', [{ path: 'body.teamId', message: 'is not a team of this organisation' }]);
  }
  const existing = await findUserByEmail(connection.db, body.email);
  if (existing && (await isMember(connection.db, actor.orgId, existing.id))) {
    throw new AppError('conflict', `${body.email} is already a member of this organisation.`);
  }
  const roles = [...new Set(body.roles ?? [])];
  const token = newSecret();
  const id = uuidv7();
  const nowIso = now.toISOString();
  const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS).toISOString();
  await inTransaction(ctx, async (trx) => {
    const replaced = await revokeInvitations(trx, actor.orgId, { email: body.email }, nowIso);
    await insertInvitation(trx, {
      id,
      org_id: actor.orgId,
      email: body.email,
      name: body.name ?? null,
      roles: JSON.stringify(roles),
      team_id: teamId,
      token_hash: hashSecret(token),
      invited_by: actor.userId,
      created_at: nowIso,
      expires_at: expiresAt,
      accepted_at: null,
      revoked_at: null,
    });
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'invitation.created',
      objectType: 'invitation',
      objectId: id,
      after: { email: body.email, name: body.name ?? null, roles, teamId, expiresAt, replaced },
      at: now,
    });
  });
  return { id, email: body.email, expiresAt, acceptUrl: `/invite/${token}`, token };
}

/** The organisation's pending invitations (not accepted, revoked or expired), newest first. */
export async function listInvitations(ctx: AccountContext, actor: Actor): Promise<InvitationView[]> {
  authorize(actor, 'people.manage', { type: 'organisation' });
  const rows = await listPendingInvitations(ctx.connection.db, actor.orgId, ctx.now.toISOString());
  return rows.map(presentInvitation);
}

/** Revokes a pending invitation (audited as `invitation.revoked`); 404 when there is none. */
export async function revokeInvitation(ctx: AccountContext, actor: Actor, invitationId: string): Promise<void> {
  authorize(actor, 'people.manage', { type: 'organisation' });
  await inTransaction(ctx, async (trx) => {
    const revoked = await revokeInvitations(trx, actor.orgId, { id: invitationId }, ctx.now.toISOString());
    if (revoked === 0) throw new AppError('not_found', 'No pending invitation with that id.');
    await recordAudit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'invitation.revoked',
      objectType: 'invitation',
      objectId: invitationId,
      at: ctx.now,
    });
  });
}
