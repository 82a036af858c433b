/**
 * Accepting an invitation: the link's secret proves the e-mail address, so it may create the
 * account and set its first password. It is single-use and expires; used, expired, revoked and
 * unknown links all get the same 404.
 */
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../contracts/app-error.ts';
import { newPasswordSchema, type InvitationAcceptBody } from '../../contracts/api/auth.ts';
import {
  claimInvitation,
  findPendingInvitation,
  findUserByEmail,
  grantMembership,
  insertUser,
  setPasswordHash,
  type UserRecord,
} from '../../repositories/accounts.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { hasSsoIdentity, ssoRequiredOrganisations } from '../../repositories/sso.ts';
import { userRow } from '../../repositories/rows.ts';
import { inTransaction } from '../context.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';
import { enforce } from '../rate-limit.ts';
import { hashSecret } from '../secrets.ts';
import { invitationRoles } from './invitations.ts';
import { startSession, type AccountContext, type ClientInfo, type NewSession } from './sessions.ts';
import { accountKey, addressKey, loginLimits } from './sign-in.ts';

function ssoFirst(): AppError {
  return new AppError(
    'sso_required',
    'Your account signs in with single sign-on: sign in that way first, then open the invitation link again.',
  );
}

function invalidInvitation(): AppError {
  return new AppError('not_found', 'This invitation link is invalid or has expired.');
}

/**
 * The password hash the account will have, or an error. A new account, or one that never had a
 * password, gets the given one (which must be a valid new password). An account with a password
 * keeps it, and the given password must be that one: the link alone must not sign anybody in to
 * an existing account, since whoever created the invitation has seen the link.
 */
async function passwordFor(
  ctx: AccountContext,
  user: UserRecord | undefined,
  body: InvitationAcceptBody,
  signedInUserId: string | null,
): Promise<string | null> {
  // The owner, signed in already, needs to prove nothing more.
  if (user && signedInUserId === user.id) return null;
  const password = body.password;
  if (password === undefined) {
    const message = signedInUserId
      ? 'is needed: the invitation is for another account than the one signed in'
      : 'is needed';
    throw new AppError('bad_input', `A password ${message}.`, [{ path: 'body.password', message }]);
  }
  if (user?.password_hash) {
    await enforce(ctx.rateLimits, accountKey(user.email), loginLimits().perAccount, ctx.now);
    if (!(await verifyPassword(user.password_hash, password))) {
      throw new AppError('unauthenticated', 'You already have an account with this e-mail address; enter its current password.');
    }
    // Signing in with the password is what an organisation requiring single sign-on refuses.
    if ((await ssoRequiredOrganisations(ctx.connection.db, user.id)).length > 0) throw ssoFirst();
    return null;
  }
  // An account that signs in through a provider has no password for the link to set: the link
  // has been seen by the inviting admin, who must not gain an account another organisation uses.
  if (user && (await hasSsoIdentity(ctx.connection.db, user.id))) throw ssoFirst();
  const valid = newPasswordSchema.safeParse(password);
  if (!valid.success) {
    const message = valid.error.issues[0]?.message ?? 'is not a valid password';
    throw new AppError('bad_input', `The password ${message}.`, [{ path: 'body.password', message }]);
  }
  return hashPassword(password);
}

/**
 * Accepts an invitation: creates the account if the e-mail is new (or sets the first password of
 * one without), grants membership, roles and team, and signs in. An existing account proves
 * itself with its password or by being signed in (`signedInUserId`); one that signs in with
 * single sign-on (or whose organisation requires it) only by being signed in. Audited as
 * `invitation.accepted` (plus `user.created` for a new account and `session.created`).
 */
export async function acceptInvitation(
  ctx: AccountContext,
  body: InvitationAcceptBody,
  client: ClientInfo,
  signedInUserId: string | null = null,
): Promise<NewSession> {
  const { connection, rateLimits, now } = ctx;
  await enforce(rateLimits, addressKey(client.ip), loginLimits().perAddress, now);
  const nowIso = now.toISOString();
  const invitation = await findPendingInvitation(connection.db, hashSecret(body.token), nowIso);
  if (!invitation) throw invalidInvitation();
  const existing = await findUserByEmail(connection.db, invitation.email);
  const passwordHash = await passwordFor(ctx, existing, body, signedInUserId);

  return inTransaction(ctx, async (trx) => {
    // Claiming first makes the link single-use even when two requests race.
    if (!(await claimInvitation(trx, invitation.id, nowIso))) throw invalidInvitation();
    let user: UserRecord;
    if (existing) {
      user = existing;
      if (passwordHash) {
        await setPasswordHash(trx, existing.id, passwordHash);
        await recordAudit(trx, { orgId: null, actorId: existing.id, action: 'user.password_set', objectType: 'user', objectId: existing.id, at: now });
      }
    } else {
      const name = body.name ?? invitation.name ?? invitation.email.split('@')[0] ?? invitation.email;
      user = { id: uuidv7(), email: invitation.email, name, password_hash: passwordHash };
      await insertUser(trx, userRow({ id: user.id, email: user.email, name, passwordHash, createdAt: nowIso }));
      await recordAudit(trx, {
        orgId: invitation.org_id,
        actorId: user.id,
        action: 'user.created',
        objectType: 'user',
        objectId: user.id,
        after: { email: user.email, name },
        at: now,
      });
    }
    const roles = invitationRoles(invitation.roles);
    await grantMembership(trx, { orgId: invitation.org_id, userId: user.id, roles, teamId: invitation.team_id, createdAt: nowIso });
    await recordAudit(trx, {
      orgId: invitation.org_id,
      actorId: user.id,
      action: 'invitation.accepted',
      objectType: 'invitation',
      objectId: invitation.id,
      after: { email: invitation.email, userId: user.id, roles, teamId: invitation.team_id, newAccount: !existing },
      at: now,
    });
    return startSession(trx, user, client, now);
  });
}
