/** Approval of members' objectives (migration 0006): the rows, the leads' queue and who leads whom. */
import type { Selectable } from 'kysely';
import type { ObjectiveApprovalTable } from '../db/schema.ts';
import type { Db } from '../services/context.ts';

export type ApprovalRow = Selectable<ObjectiveApprovalTable>;

export async function findApproval(
  db: Db,
  orgId: string,
  objectiveId: string,
): Promise<ApprovalRow | undefined> {
  return db
    .selectFrom('objective_approvals')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('objective_id', '=', objectiveId)
    .executeTakeFirst();
}

export async function insertApproval(db: Db, row: ApprovalRow): Promise<void> {
  await db.insertInto('objective_approvals').values(row).execute();
}

export async function updateApproval(
  db: Db,
  orgId: string,
  objectiveId: string,
  changes: Partial<Omit<ApprovalRow, 'objective_id' | 'org_id'>>,
): Promise<void> {
  await db
    .updateTable('objective_approvals')
    .set(changes)
    .where('org_id', '=', orgId)
    .where('objective_id', '=', objectiveId)
    .execute();
}

/**
 * Whether someone other than `ownerId` leads a team `ownerId` is in: someone who can approve.
 * `among`: only these people count (the readers of a private objective); null: anyone.
 */
export async function hasLead(
  db: Db,
  orgId: string,
  ownerId: string,
  among: readonly string[] | null = null,
): Promise<boolean> {
  if (among !== null && among.length === 0) return false;
  let query = db
    .selectFrom('team_members as mine')
    .innerJoin('team_members as lead', 'lead.team_id', 'mine.team_id')
    .select('lead.user_id')
    .where('mine.org_id', '=', orgId)
    .where('mine.user_id', '=', ownerId)
    .where('lead.is_lead', '=', 1)
    .where('lead.user_id', '<>', ownerId);
  if (among !== null) query = query.where('lead.user_id', 'in', [...among]);
  const row = await query.limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Objectives pending approval whose owner is in a team `leadId` leads (not `leadId`'s own), and
 * `leadId`'s own objectives still in approval — ids, oldest submission first.
 */
export async function approvalQueue(
  db: Db,
  orgId: string,
  leadId: string,
): Promise<{ waiting: string[]; own: string[] }> {
  const [waiting, own] = await Promise.all([
    db
      .selectFrom('objective_approvals as a')
      .innerJoin('objectives as o', 'o.id', 'a.objective_id')
      .select('a.objective_id')
      .where('a.org_id', '=', orgId)
      .where('a.state', '=', 'pending')
      .where('o.owner_id', '<>', leadId)
      .where('o.owner_id', 'in', (eb) =>
        eb
          .selectFrom('team_members as member')
          .innerJoin('team_members as lead', 'lead.team_id', 'member.team_id')
          .select('member.user_id')
          .where('lead.org_id', '=', orgId)
          .where('lead.user_id', '=', leadId)
          .where('lead.is_lead', '=', 1),
      )
      .orderBy('a.submitted_at')
      .orderBy('a.objective_id')
      .limit(500)
      .execute(),
    db
      .selectFrom('objective_approvals as a')
      .innerJoin('objectives as o', 'o.id', 'a.objective_id')
      .select('a.objective_id')
      .where('a.org_id', '=', orgId)
      .where('a.state', 'in', ['pending', 'returned'])
      .where('o.owner_id', '=', leadId)
      .orderBy('a.submitted_at')
      .orderBy('a.objective_id')
      .limit(500)
      .execute(),
  ]);
  return { waiting: waiting.map((r) => r.objective_id), own: own.map((r) => r.objective_id) };
}

/** The approval rows of these objectives. */
export async function approvalsOf(
  db: Db,
  orgId: string,
  objectiveIds: readonly string[],
): Promise<Map<string, ApprovalRow>> {
  if (objectiveIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('objective_approvals')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('objective_id', 'in', [...objectiveIds])
    .execute();
  return new Map(rows.map((r) => [r.objective_id, r]));
}
