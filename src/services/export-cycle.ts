/**
 * Exporting a whole cycle: as a cycle file (JSON or CSV) that `okr import` reads back exactly,
 * or as a Markdown report for people.
 */
import { AppError } from '../contracts/app-error.ts';
import {
  CYCLE_FILE_FORMAT_VERSION,
  type CycleFile,
  type CycleFileFormat,
  type CycleFileObjective,
  type CycleFileTeam,
} from '../contracts/cycle-file.ts';
import type {
  CheckInSource,
  CycleStatus,
  DependencyStatus,
  Health,
  InitiativeStatus,
  KrDirection,
  KrKind,
  ObjectiveLevel,
  ObjectiveStatus,
  OrgRole,
  Visibility,
} from '../contracts/model.ts';
import type { Connection } from '../db/connection.ts';
import {
  findUsersById,
  listCycles,
  readCycleSnapshot,
  type CycleSnapshot,
} from '../repositories/cycle-snapshot.ts';
import { resolveOrganisation, type OrganisationRef } from '../repositories/organisations.ts';
import { formatCycleCsv } from './cycle-formats/csv.ts';
import { formatCycleJson } from './cycle-formats/json.ts';
import { formatCycleMarkdown, type DerivedProgress } from './cycle-formats/markdown.ts';

/** Plain code-unit order: the same on every machine and locale. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => byText(key(a), key(b)));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list === undefined) groups.set(k, [item]);
    else list.push(item);
  }
  return groups;
}

/** Builds the cycle file of a stored cycle, plus the derived progress the Markdown report shows. */
export async function buildCycleFile(
  connection: Connection,
  organisation: OrganisationRef,
  cycleId: string,
): Promise<{ file: CycleFile; derived: DerivedProgress }> {
  const snapshot = await readCycleSnapshot(connection.db, organisation.id, cycleId);
  if (!snapshot)
    throw new AppError(
      'not_found',
      `There is no cycle ${cycleId} in organisation "${organisation.slug}".`,
    );

  const teamsById = new Map(snapshot.teams.map((t) => [t.id, t]));
  const teamName = (id: string | null) => (id === null ? null : (teamsById.get(id)?.name ?? null));
  // Teams the cycle refers to, and their ancestors.
  const teamIds = new Set<string>();
  const addTeam = (id: string | null) => {
    for (
      let current = id;
      current !== null && !teamIds.has(current);
      current = teamsById.get(current)?.parent_id ?? null
    ) {
      teamIds.add(current);
    }
  };
  for (const objective of snapshot.objectives) addTeam(objective.team_id);
  for (const link of snapshot.objectiveTeams) addTeam(link.team_id);
  const members = snapshot.teamMembers.filter((m) => teamIds.has(m.team_id));

  const userIds = new Set<string>();
  const addUser = (id: string | null) => {
    if (id !== null) userIds.add(id);
  };
  for (const o of snapshot.objectives) addUser(o.owner_id);
  for (const r of snapshot.readers) addUser(r.user_id);
  for (const k of snapshot.keyResults) addUser(k.owner_id);
  for (const i of snapshot.initiatives) addUser(i.owner_id);
  for (const c of snapshot.checkIns) addUser(c.author_id);
  for (const c of snapshot.comments) addUser(c.author_id);
  for (const m of members) addUser(m.user_id);
  const users = await findUsersById(connection.db, [...userIds]);
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  const email = (id: string | null) => (id === null ? null : (emailOf.get(id) ?? null));

  const teams: CycleFileTeam[] = sortedBy(
    [...teamIds].flatMap((id) => {
      const team = teamsById.get(id);
      return team ? [team] : [];
    }),
    (t) => t.name,
  ).map((team) => {
    const own = members.filter((m) => m.team_id === team.id);
    const emails = (lead: boolean) =>
      own
        .filter((m) => (m.is_lead === 1) === lead)
        .flatMap((m) => email(m.user_id) ?? [])
        .sort(byText);
    return {
      name: team.name,
      parent: teamName(team.parent_id),
      leads: emails(true),
      members: emails(false),
    };
  });

  const rolesByUser = groupBy(
    snapshot.roles.filter((r) => userIds.has(r.user_id)),
    (r) => r.user_id,
  );
  const roles = sortedBy(
    [...rolesByUser].flatMap(([userId, list]) => {
      const address = email(userId);
      return address === null
        ? []
        : [{ email: address, roles: list.map((r) => r.role as OrgRole).sort(byText) }];
    }),
    (r) => r.email,
  );

  const file: CycleFile = {
    formatVersion: CYCLE_FILE_FORMAT_VERSION,
    organisation: {
      slug: snapshot.organisation.slug,
      name: snapshot.organisation.name,
      mission: snapshot.organisation.mission,
      vision: snapshot.organisation.vision,
    },
    people: sortedBy(users, (u) => u.email).map((u) => ({ email: u.email, name: u.name })),
    teams,
    roles,
    cycle: {
      id: snapshot.cycle.id,
      name: snapshot.cycle.name,
      startDate: snapshot.cycle.start_date,
      endDate: snapshot.cycle.end_date,
      status: snapshot.cycle.status as CycleStatus,
    },
    objectives: objectivesOf(snapshot, email, teamName),
    comments: sortedBy(snapshot.comments, (c) => c.id).map((c) => ({
      id: c.id,
      objective: c.objective_id,
      keyResult: c.key_result_id,
      author: email(c.author_id),
      body: c.body,
      createdAt: c.created_at,
    })),
  };

  const derived: DerivedProgress = {
    objectives: new Map(
      snapshot.objectives.map((o) => [
        o.id,
        { progress: o.progress, health: o.health as Health | null },
      ]),
    ),
    keyResults: new Map(
      snapshot.keyResults.map((k) => [
        k.id,
        { progress: k.progress, health: k.health as Health | null },
      ]),
    ),
  };
  return { file, derived };
}

function objectivesOf(
  snapshot: CycleSnapshot,
  email: (id: string | null) => string | null,
  teamName: (id: string | null) => string | null,
): CycleFileObjective[] {
  const readers = groupBy(snapshot.readers, (r) => r.objective_id);
  const contributing = groupBy(snapshot.objectiveTeams, (t) => t.objective_id);
  const tags = groupBy(snapshot.tags, (t) => t.objective_id);
  const parents = groupBy(snapshot.alignments, (a) => a.child_id);
  const keyResults = groupBy(snapshot.keyResults, (k) => k.objective_id);
  const initiatives = groupBy(snapshot.initiatives, (i) => i.key_result_id);
  const checkIns = groupBy(snapshot.checkIns, (c) => c.key_result_id);
  const dependencies = groupBy(snapshot.dependencies, (d) => d.key_result_id);
  const strings = (values: (string | null)[]) =>
    values.flatMap((v) => (v === null ? [] : [v])).sort(byText);

  return sortedBy(snapshot.objectives, (o) => o.id).map((o) => ({
    id: o.id,
    level: o.level as ObjectiveLevel,
    title: o.title,
    rationale: o.rationale,
    owner: email(o.owner_id),
    team: teamName(o.team_id),
    contributingTeams: strings((contributing.get(o.id) ?? []).map((t) => teamName(t.team_id))),
    visibility: o.visibility as Visibility,
    readers: strings((readers.get(o.id) ?? []).map((r) => email(r.user_id))),
    tags: strings((tags.get(o.id) ?? []).map((t) => t.tag)),
    status: o.status as ObjectiveStatus,
    includeChildren: o.include_children === 1,
    score: o.score,
    carriedFrom: o.carried_from_id,
    parents: strings((parents.get(o.id) ?? []).map((a) => a.parent_id)),
    createdAt: o.created_at,
    updatedAt: o.updated_at,
    keyResults: sortedBy(keyResults.get(o.id) ?? [], (k) => k.id).map((k) => ({
      id: k.id,
      title: k.title,
      kind: k.kind as KrKind,
      direction: k.direction as KrDirection,
      currency: k.currency,
      start: k.start_value,
      target: k.target_value,
      current: k.current_value,
      unit: k.unit,
      weight: k.weight,
      owner: email(k.owner_id),
      contributesTo: k.contributes_to_id,
      position: k.position,
      confidence: k.confidence,
      score: k.score,
      createdAt: k.created_at,
      updatedAt: k.updated_at,
      initiatives: sortedBy(initiatives.get(k.id) ?? [], (i) => i.id).map((i) => ({
        id: i.id,
        title: i.title,
        owner: email(i.owner_id),
        status: i.status as InitiativeStatus,
        dueDate: i.due_date,
        createdAt: i.created_at,
      })),
      checkIns: sortedBy(checkIns.get(k.id) ?? [], (c) => c.id).map((c) => ({
        id: c.id,
        value: c.value,
        confidence: c.confidence,
        note: c.note,
        author: email(c.author_id),
        source: c.source as CheckInSource,
        createdAt: c.created_at,
      })),
      dependsOn: sortedBy(dependencies.get(k.id) ?? [], (d) => d.id).map((d) => ({
        id: d.id,
        keyResult: d.depends_on_id,
        note: d.note,
        neededBy: d.needed_by,
        status: d.status as DependencyStatus,
        createdAt: d.created_at,
      })),
    })),
  }));
}

export interface ExportCycleRequest {
  /** Organisation slug; may be omitted when the database has only one organisation. */
  organisation?: string;
  /** The cycle's name or id. */
  cycle: string;
  format: CycleFileFormat;
}

export interface ExportCycleResult {
  content: string;
  organisation: string;
  cycle: { id: string; name: string };
  objectives: number;
  keyResults: number;
}

/**
 * Exports one cycle of an organisation as JSON or CSV (a cycle file that `importCycle` reads
 * back to the same rows) or as a Markdown report. The output is deterministic: everything is
 * ordered by id (people by e-mail, teams by name), so exporting twice gives the same bytes.
 * Fails with `not_found` (naming the cycles there are) when the cycle does not exist.
 */
export async function exportCycle(
  connection: Connection,
  request: ExportCycleRequest,
): Promise<ExportCycleResult> {
  const organisation = await resolveOrganisation(connection, request.organisation);
  const cycles = await listCycles(connection.db, organisation.id);
  const cycle =
    cycles.find((c) => c.id === request.cycle) ?? cycles.find((c) => c.name === request.cycle);
  if (!cycle) {
    const names = cycles.map((c) => c.name).join(', ');
    throw new AppError(
      'not_found',
      `Organisation "${organisation.slug}" has no cycle named or with id "${request.cycle}". ` +
        (cycles.length === 0 ? 'It has no cycles yet.' : `Cycles: ${names}.`),
    );
  }
  const { file, derived } = await buildCycleFile(connection, organisation, cycle.id);
  const content =
    request.format === 'json'
      ? formatCycleJson(file)
      : request.format === 'csv'
        ? formatCycleCsv(file)
        : formatCycleMarkdown(file, derived);
  return {
    content,
    organisation: organisation.slug,
    cycle: { id: cycle.id, name: cycle.name },
    objectives: file.objectives.length,
    keyResults: file.objectives.reduce((sum, o) => sum + o.keyResults.length, 0),
  };
}
