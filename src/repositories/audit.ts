/** The audit log: who did what to which object, with the state before and after. */
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../services/context.ts';

export interface AuditEntry {
  orgId: string | null;
  actorId: string | null;
  /** `<object>.<verb>`, e.g. `objective.updated`, `key_result.checked_in`. */
  action: string;
  objectType: string;
  objectId: string | null;
  before?: unknown;
  after?: unknown;
  at: Date;
}

/** Appends an audit row; call it inside the transaction that makes the change. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: uuidv7(),
      org_id: entry.orgId,
      actor_id: entry.actorId,
      action: entry.action,
      object_type: entry.objectType,
      object_id: entry.objectId,
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
      created_at: entry.at.toISOString(),
    })
    .execute();
}
