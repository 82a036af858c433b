/** The audit log: every change with the state before and after (admins: `audit.read`). */
import type { AuditEntryView, AuditQuery } from '../../contracts/api/collaboration.ts';
import { pageOf, type Page } from '../../contracts/api/page.ts';
import { authorize } from '../../policy/policy.ts';
import { presentAuditEntry } from '../../presenters/collaboration.ts';
import { listAuditRecords } from '../../repositories/activity.ts';
import type { ServiceContext } from '../context.ts';

/** Entries of the organisation, newest first, filtered by object, actor and exact action. */
export async function readAuditLog(
  ctx: ServiceContext,
  query: AuditQuery,
): Promise<Page<AuditEntryView>> {
  const { actor } = ctx;
  authorize(actor, 'audit.read', { type: 'organisation' });
  const rows = await listAuditRecords(ctx.connection.db, actor.orgId, {
    objectId: query.objectId,
    actorId: query.actorId,
    action: query.action,
    before: query.cursor,
    limit: query.limit,
  });
  return pageOf(rows, query.limit, (row) => row.id, presentAuditEntry);
}
