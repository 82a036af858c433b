/** The mailer's queue: notifications whose e-mail is pending, claimed one at a time. */
import type { Db } from '../services/context.ts';

export interface PendingEmail {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  email_attempts: number;
  to_email: string;
  to_name: string;
  org_slug: string;
  org_name: string;
}

/** The oldest pending e-mails, with the recipient's address and the organisation's slug. */
export async function pendingEmails(db: Db, limit: number): Promise<PendingEmail[]> {
  return db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .innerJoin('organisations as o', 'o.id', 'n.org_id')
    .select([
      'n.id',
      'n.kind',
      'n.title',
      'n.body',
      'n.link',
      'n.email_attempts',
      'u.email as to_email',
      'u.name as to_name',
      'o.slug as org_slug',
      'o.name as org_name',
    ])
    .where('n.email_status', '=', 'pending')
    .orderBy('n.id')
    .limit(limit)
    .execute();
}

/**
 * Claims a pending e-mail for sending ('sending'): only one claimer succeeds, and a message
 * claimed is never picked again, so nobody gets it twice.
 */
export async function claimEmail(db: Db, id: string): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set((eb) => ({ email_status: 'sending', email_attempts: eb('email_attempts', '+', 1) }))
    .where('id', '=', id)
    .where('email_status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function settleEmail(
  db: Db,
  id: string,
  outcome: { status: 'sent' | 'pending' | 'failed'; at: string; error: string | null },
): Promise<void> {
  await db
    .updateTable('notifications')
    .set({
      email_status: outcome.status,
      email_error: outcome.error,
      ...(outcome.status === 'sent' ? { emailed_at: outcome.at } : {}),
    })
    .where('id', '=', id)
    .execute();
}
