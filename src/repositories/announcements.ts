/** Announcements, their audiences, linked objectives and acknowledgements. */
import type { Insertable, Selectable } from 'kysely';
import type { AnnouncementTable } from '../db/schema.ts';
import type { Recipient } from '../domain/understanding.ts';
import type { ListScope } from '../policy/policy.ts';
import type { Db } from '../services/context.ts';
import { readableBy } from './objectives.ts';

export type AnnouncementRecord = Selectable<AnnouncementTable> & { publisher_name: string | null };

function announcementsQuery(db: Db, orgId: string) {
  return db
    .selectFrom('announcements as a')
    .leftJoin('users as u', 'u.id', 'a.published_by')
    .selectAll('a')
    .select('u.name as publisher_name')
    .where('a.org_id', '=', orgId);
}

export async function findAnnouncement(
  db: Db,
  orgId: string,
  id: string,
): Promise<AnnouncementRecord | undefined> {
  return announcementsQuery(db, orgId).where('a.id', '=', id).executeTakeFirst();
}

export interface AnnouncementListing {
  /** Everything (publishers); otherwise only what is addressed to `userId`'s teams or everyone. */
  all: boolean;
  userId: string;
  teamIds: readonly string[];
  /** Only those not yet acknowledged by `userId` (and addressed to them). */
  pending: boolean;
  after?: string | undefined;
  limit: number;
}

/** Announcements, newest first (`limit + 1` rows); withdrawn ones only for publishers. */
export async function listAnnouncements(
  db: Db,
  orgId: string,
  listing: AnnouncementListing,
): Promise<AnnouncementRecord[]> {
  let query = announcementsQuery(db, orgId);
  const addressed = listing.pending || !listing.all;
  if (addressed) {
    const teamIds = [...listing.teamIds];
    query = query
      .where('a.withdrawn_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('a.audience', '=', 'organisation'),
          ...(teamIds.length > 0
            ? [
                eb.exists(
                  eb
                    .selectFrom('announcement_teams as at')
                    .select('at.team_id')
                    .whereRef('at.announcement_id', '=', 'a.id')
                    .where('at.team_id', 'in', teamIds),
                ),
              ]
            : []),
        ]),
      );
  }
  if (listing.pending) {
    query = query.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('announcement_acknowledgements as k')
            .select('k.user_id')
            .whereRef('k.announcement_id', '=', 'a.id')
            .where('k.user_id', '=', listing.userId),
        ),
      ),
    );
  }
  if (listing.after) query = query.where('a.id', '<', listing.after);
  return query
    .orderBy('a.id', 'desc')
    .limit(listing.limit + 1)
    .execute();
}

export async function insertAnnouncement(
  db: Db,
  row: Insertable<AnnouncementTable>,
  teamIds: readonly string[],
  objectiveIds: readonly string[],
): Promise<void> {
  await db.insertInto('announcements').values(row).execute();
  if (teamIds.length > 0) {
    await db
      .insertInto('announcement_teams')
      .values(teamIds.map((team_id) => ({ announcement_id: row.id, org_id: row.org_id, team_id })))
      .execute();
  }
  await replaceObjectives(db, row.org_id, row.id, objectiveIds);
}

export async function replaceObjectives(
  db: Db,
  orgId: string,
  id: string,
  objectiveIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('announcement_objectives').where('announcement_id', '=', id).execute();
  if (objectiveIds.length === 0) return;
  await db
    .insertInto('announcement_objectives')
    .values(
      [...new Set(objectiveIds)].map((objective_id) => ({
        announcement_id: id,
        org_id: orgId,
        objective_id,
      })),
    )
    .execute();
}

export type AnnouncementChange = Partial<
  Pick<AnnouncementTable, 'title' | 'body' | 'rationale' | 'withdrawn_at'>
>;

/** Changes an announcement and bumps its version; false when the version is not `expected`. */
export async function updateAnnouncement(
  db: Db,
  orgId: string,
  id: string,
  expected: number,
  change: AnnouncementChange,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('announcements')
    .set((eb) => ({ ...change, updated_at: at, version: eb(eb.ref('version'), '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Records a reminder unless one was sent since `notBefore`: false when another reminder won the
 * race (the condition is checked by the database, so two instances cannot both send).
 */
export async function markReminded(
  db: Db,
  orgId: string,
  id: string,
  at: string,
  notBefore: string,
): Promise<boolean> {
  const result = await db
    .updateTable('announcements')
    .set({ reminded_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where((eb) => eb.or([eb('reminded_at', 'is', null), eb('reminded_at', '<=', notBefore)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The audience teams of each announcement, with their names. */
export async function teamsOf(
  db: Db,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, { id: string; name: string }[]>> {
  const byAnnouncement = new Map<string, { id: string; name: string }[]>();
  if (ids.length === 0) return byAnnouncement;
  const rows = await db
    .selectFrom('announcement_teams as at')
    .innerJoin('teams as t', 't.id', 'at.team_id')
    .select(['at.announcement_id', 't.id', 't.name'])
    .where('at.org_id', '=', orgId)
    .where('at.announcement_id', 'in', [...ids])
    .orderBy('t.name')
    .execute();
  for (const row of rows) {
    const list = byAnnouncement.get(row.announcement_id) ?? [];
    list.push({ id: row.id, name: row.name });
    byAnnouncement.set(row.announcement_id, list);
  }
  return byAnnouncement;
}

/** The linked objectives of each announcement that the scope may read. */
export async function objectivesOf(
  db: Db,
  scope: ListScope,
  ids: readonly string[],
): Promise<Map<string, { id: string; title: string }[]>> {
  const byAnnouncement = new Map<string, { id: string; title: string }[]>();
  if (ids.length === 0) return byAnnouncement;
  const rows = await db
    .selectFrom('announcement_objectives as ao')
    .innerJoin('objectives as o', 'o.id', 'ao.objective_id')
    .select(['ao.announcement_id', 'o.id', 'o.title'])
    .where('ao.org_id', '=', scope.orgId)
    .where('ao.announcement_id', 'in', [...ids])
    .where(readableBy(scope, 'o'))
    .orderBy('o.title')
    .execute();
  for (const row of rows) {
    const list = byAnnouncement.get(row.announcement_id) ?? [];
    list.push({ id: row.id, title: row.title });
    byAnnouncement.set(row.announcement_id, list);
  }
  return byAnnouncement;
}

/** When `userId` acknowledged each of the announcements (those they did). */
export async function acknowledgedAtBy(
  db: Db,
  orgId: string,
  userId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('announcement_acknowledgements')
    .select(['announcement_id', 'acknowledged_at'])
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('announcement_id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.announcement_id, r.acknowledged_at]));
}

/** Records an acknowledgement; false when the person had already acknowledged. */
export async function insertAcknowledgement(
  db: Db,
  orgId: string,
  id: string,
  userId: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .insertInto('announcement_acknowledgements')
    .values({ announcement_id: id, org_id: orgId, user_id: userId, acknowledged_at: at })
    .onConflict((oc) => oc.columns(['announcement_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** Who acknowledged the announcements (any of them). */
export async function acknowledgers(
  db: Db,
  orgId: string,
  ids: readonly string[],
): Promise<{ announcement_id: string; user_id: string }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('announcement_acknowledgements')
    .select(['announcement_id', 'user_id'])
    .where('org_id', '=', orgId)
    .where('announcement_id', 'in', [...ids])
    .execute();
}

/**
 * The members of the organisation with their teams (people in no team have none), by name.
 * With `teamIds`, only the members of those teams, each with those of their teams only.
 */
export async function peopleWithTeams(
  db: Db,
  orgId: string,
  teamIds?: readonly string[],
): Promise<(Recipient & { name: string })[]> {
  let people = db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.name'])
    .where('m.org_id', '=', orgId);
  if (teamIds) {
    if (teamIds.length === 0) return [];
    people = people.where((eb) =>
      eb.exists(
        eb
          .selectFrom('team_members as tm')
          .select('tm.user_id')
          .whereRef('tm.user_id', '=', 'm.user_id')
          .where('tm.org_id', '=', orgId)
          .where('tm.team_id', 'in', [...teamIds]),
      ),
    );
  }
  const rows = await people.orderBy('u.name').orderBy('m.user_id').execute();
  let memberships = db
    .selectFrom('team_members')
    .select(['user_id', 'team_id'])
    .where('org_id', '=', orgId);
  if (teamIds) memberships = memberships.where('team_id', 'in', [...teamIds]);
  const teamsByUser = new Map<string, string[]>();
  for (const row of await memberships.execute()) {
    const list = teamsByUser.get(row.user_id) ?? [];
    list.push(row.team_id);
    teamsByUser.set(row.user_id, list);
  }
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    teamIds: teamsByUser.get(r.user_id) ?? [],
  }));
}

/** Company objectives the scope may read (of one cycle, or all), by title. */
export async function companyObjectives(
  db: Db,
  scope: ListScope,
  cycleId: string | undefined,
): Promise<{ id: string; title: string; cycle_id: string }[]> {
  let query = db
    .selectFrom('objectives as o')
    .select(['o.id', 'o.title', 'o.cycle_id'])
    .where('o.org_id', '=', scope.orgId)
    .where('o.level', '=', 'company')
    .where(readableBy(scope, 'o'));
  if (cycleId) query = query.where('o.cycle_id', '=', cycleId);
  return query.orderBy('o.title').orderBy('o.id').limit(500).execute();
}

/** The announcements (not withdrawn) linking each of the objectives. */
export async function announcementsAbout(
  db: Db,
  orgId: string,
  objectiveIds: readonly string[],
): Promise<{ objective_id: string; announcement_id: string }[]> {
  if (objectiveIds.length === 0) return [];
  return db
    .selectFrom('announcement_objectives as ao')
    .innerJoin('announcements as a', 'a.id', 'ao.announcement_id')
    .select(['ao.objective_id', 'ao.announcement_id'])
    .where('ao.org_id', '=', orgId)
    .where('a.withdrawn_at', 'is', null)
    .where('ao.objective_id', 'in', [...objectiveIds])
    .execute();
}
