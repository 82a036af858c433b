/**
 * Turning a valid cycle file into the rows an import writes: what is new (organisation, users,
 * memberships, roles, teams, team members) next to what already exists, then the cycle and
 * everything under it with the file's ids, each list in an order its foreign keys allow.
 */
import { v7 as uuidv7 } from 'uuid';
import type {
  CycleFile,
  CycleFileObjective,
  CycleFileTeam,
  CycleImportCounts,
} from '../../contracts/cycle-file.ts';
import type { AuditEntry } from '../../repositories/audit.ts';
import type { CycleImportRows, ImportContext } from '../../repositories/cycle-snapshot.ts';
import {
  alignmentRow,
  checkInRow,
  commentRow,
  cycleRow,
  dependencyRow,
  initiativeRow,
  keyResultRow,
  memberRoleRow,
  membershipRow,
  normaliseEmail,
  objectiveReaderRow,
  objectiveRow,
  objectiveTagRow,
  objectiveTeamRow,
  organisationRow,
  teamMemberRow,
  teamRow,
  userRow,
} from '../../repositories/rows.ts';

export interface ImportPlan {
  orgId: string;
  organisationCreated: boolean;
  rows: CycleImportRows;
  counts: CycleImportCounts;
  audit: AuditEntry;
}

function lookup<V>(map: Map<string, V>, key: string, what: string): V {
  const value = map.get(key);
  // Validation resolved every reference before planning; a miss here is a bug, not bad input.
  if (value === undefined) throw new Error(`import plan: unresolved ${what} ${key}`);
  return value;
}

/** Parents before children, so that a row never refers to one not yet written. */
function parentsFirst<T>(
  items: readonly T[],
  key: (item: T) => string,
  parent: (item: T) => string | null,
): T[] {
  const byKey = new Map(items.map((item) => [key(item), item]));
  const done = new Set<string>();
  const out: T[] = [];
  const visit = (item: T) => {
    const k = key(item);
    if (done.has(k)) return;
    done.add(k);
    const p = parent(item);
    const before = p === null ? undefined : byKey.get(p);
    if (before !== undefined) visit(before);
    out.push(item);
  };
  items.forEach(visit);
  return out;
}

/** The rows that importing `file` into a database in the state `context` describes writes. */
export function planImport(file: CycleFile, context: ImportContext, now: Date): ImportPlan {
  const at = now.toISOString();
  const orgId = context.organisation?.id ?? uuidv7();
  const rows: CycleImportRows = {
    organisations: [],
    users: [],
    memberships: [],
    memberRoles: [],
    teams: [],
    teamMembers: [],
    teamLeadUpdates: [],
    cycles: [],
    objectives: [],
    objectiveReaders: [],
    objectiveTeams: [],
    objectiveTags: [],
    alignments: [],
    keyResults: [],
    initiatives: [],
    checkIns: [],
    dependencies: [],
    comments: [],
  };
  if (!context.organisation) {
    const o = file.organisation;
    rows.organisations.push(
      organisationRow({
        id: orgId,
        slug: o.slug,
        name: o.name,
        mission: o.mission,
        vision: o.vision,
        createdAt: at,
      }),
    );
  }

  const userIds = new Map<string, string>();
  for (const [email, user] of context.users) if (user.member) userIds.set(email, user.id);
  for (const person of file.people) {
    const email = normaliseEmail(person.email);
    const existing = context.users.get(email);
    const userId = existing?.id ?? uuidv7();
    if (!existing)
      rows.users.push(userRow({ id: userId, email, name: person.name, createdAt: at }));
    if (!existing?.member) rows.memberships.push(membershipRow({ orgId, userId, createdAt: at }));
    userIds.set(email, userId);
  }
  const user = (email: string) => lookup(userIds, normaliseEmail(email), 'person');
  const maybeUser = (email: string | null) => (email === null ? null : user(email));

  for (const entry of file.roles ?? []) {
    const userId = user(entry.email);
    for (const role of entry.roles) {
      if (!context.roles.has(`${userId} ${role}`))
        rows.memberRoles.push(memberRoleRow(orgId, userId, role));
    }
  }

  const teamIds = new Map<string, string>();
  for (const [name, team] of context.teams) teamIds.set(name, team.id);
  const newTeams = file.teams.filter((t) => !context.teams.has(t.name));
  for (const team of newTeams) teamIds.set(team.name, uuidv7());
  const team = (name: string) => lookup(teamIds, name, 'team');
  const maybeTeam = (name: string | null) => (name === null ? null : team(name));
  for (const t of parentsFirst<CycleFileTeam>(
    newTeams,
    (t) => t.name,
    (t) => t.parent,
  )) {
    rows.teams.push(
      teamRow({
        id: team(t.name),
        orgId,
        name: t.name,
        parentId: maybeTeam(t.parent),
        createdAt: at,
      }),
    );
  }
  for (const t of file.teams) {
    const teamId = team(t.name);
    for (const [emails, isLead] of [
      [t.leads, true],
      [t.members, false],
    ] as const) {
      for (const email of emails) {
        const userId = user(email);
        const existing = context.teamMembers.get(`${teamId} ${userId}`);
        if (existing === undefined)
          rows.teamMembers.push(teamMemberRow(orgId, teamId, userId, isLead));
        else if (isLead && !existing) rows.teamLeadUpdates.push({ teamId, userId });
      }
    }
  }

  const c = file.cycle;
  rows.cycles.push(
    cycleRow({
      id: c.id,
      orgId,
      name: c.name,
      startDate: c.startDate,
      endDate: c.endDate,
      status: c.status,
      createdAt: at,
    }),
  );
  for (const o of parentsFirst<CycleFileObjective>(
    file.objectives,
    (o) => o.id,
    (o) => o.carriedFrom,
  )) {
    planObjective(rows, o, { orgId, cycleId: c.id, user, maybeUser, team, maybeTeam });
  }
  for (const comment of file.comments ?? []) {
    rows.comments.push(
      commentRow({
        id: comment.id,
        orgId,
        objectiveId: comment.objective,
        keyResultId: comment.keyResult,
        authorId: maybeUser(comment.author),
        body: comment.body,
        createdAt: comment.createdAt,
      }),
    );
  }

  const counts: CycleImportCounts = {
    organisations: rows.organisations.length,
    users: rows.users.length,
    memberships: rows.memberships.length,
    roles: rows.memberRoles.length,
    teams: rows.teams.length,
    teamMembers: rows.teamMembers.length + rows.teamLeadUpdates.length,
    cycles: rows.cycles.length,
    objectives: rows.objectives.length,
    alignments: rows.alignments.length,
    readers: rows.objectiveReaders.length,
    contributingTeams: rows.objectiveTeams.length,
    tags: rows.objectiveTags.length,
    keyResults: rows.keyResults.length,
    initiatives: rows.initiatives.length,
    checkIns: rows.checkIns.length,
    dependencies: rows.dependencies.length,
    comments: rows.comments.length,
  };
  const audit: AuditEntry = {
    orgId,
    actorId: null,
    action: 'cycle.imported',
    objectType: 'cycle',
    objectId: c.id,
    after: counts,
    at: now,
  };
  return { orgId, organisationCreated: !context.organisation, rows, counts, audit };
}

interface Resolvers {
  orgId: string;
  cycleId: string;
  user: (email: string) => string;
  maybeUser: (email: string | null) => string | null;
  team: (name: string) => string;
  maybeTeam: (name: string | null) => string | null;
}

function planObjective(rows: CycleImportRows, o: CycleFileObjective, r: Resolvers): void {
  const { orgId } = r;
  rows.objectives.push(
    objectiveRow({
      id: o.id,
      orgId,
      cycleId: r.cycleId,
      level: o.level,
      title: o.title,
      rationale: o.rationale,
      ownerId: r.maybeUser(o.owner),
      teamId: r.maybeTeam(o.team),
      visibility: o.visibility,
      status: o.status,
      includeChildren: o.includeChildren,
      score: o.score,
      carriedFromId: o.carriedFrom,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
    }),
  );
  for (const email of o.readers)
    rows.objectiveReaders.push(objectiveReaderRow(orgId, o.id, r.user(email)));
  for (const name of o.contributingTeams)
    rows.objectiveTeams.push(objectiveTeamRow(orgId, o.id, r.team(name)));
  for (const tag of o.tags) rows.objectiveTags.push(objectiveTagRow(orgId, o.id, tag));
  // The file does not say when an alignment was made; the objective's creation is the best guess.
  for (const parentId of o.parents)
    rows.alignments.push(alignmentRow(orgId, o.id, parentId, o.createdAt));
  for (const k of o.keyResults) {
    // Derived, but not by the progress recomputation: the latest check-in's time.
    let lastCheckInAt: string | null = null;
    for (const checkIn of k.checkIns) {
      if (lastCheckInAt === null || Date.parse(checkIn.createdAt) > Date.parse(lastCheckInAt))
        lastCheckInAt = checkIn.createdAt;
    }
    rows.keyResults.push(
      keyResultRow({
        id: k.id,
        orgId,
        objectiveId: o.id,
        title: k.title,
        kind: k.kind,
        direction: k.direction,
        currency: k.currency,
        start: k.start,
        target: k.target,
        current: k.current,
        unit: k.unit,
        weight: k.weight,
        ownerId: r.maybeUser(k.owner),
        contributesToId: k.contributesTo,
        position: k.position,
        confidence: k.confidence,
        score: k.score,
        lastCheckInAt,
        createdAt: k.createdAt,
        updatedAt: k.updatedAt,
      }),
    );
    for (const i of k.initiatives) {
      rows.initiatives.push(
        initiativeRow({
          id: i.id,
          orgId,
          keyResultId: k.id,
          title: i.title,
          ownerId: r.maybeUser(i.owner),
          status: i.status,
          dueDate: i.dueDate,
          createdAt: i.createdAt,
        }),
      );
    }
    for (const ci of k.checkIns) {
      rows.checkIns.push(
        checkInRow({
          id: ci.id,
          orgId,
          keyResultId: k.id,
          value: ci.value,
          confidence: ci.confidence,
          note: ci.note,
          authorId: r.maybeUser(ci.author),
          source: ci.source,
          createdAt: ci.createdAt,
        }),
      );
    }
    for (const d of k.dependsOn) {
      rows.dependencies.push(
        dependencyRow({
          id: d.id,
          orgId,
          keyResultId: k.id,
          dependsOnId: d.keyResult,
          note: d.note,
          neededBy: d.neededBy,
          status: d.status,
          createdAt: d.createdAt,
        }),
      );
    }
  }
}
