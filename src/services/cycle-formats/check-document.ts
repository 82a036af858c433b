/**
 * The checks a cycle file must pass on its own, before the database is asked anything: no
 * duplicate ids, e-mails or names, references that resolve inside the file, alignment that
 * follows the level rules and has no loops, dates in order. References the file cannot resolve
 * itself (a person already in the organisation, a parent objective of an enclosing cycle) are
 * handed back as external references, for the import to look up in the database.
 */
import type { CycleFile, CycleFileObjective } from '../../contracts/cycle-file.ts';
import type { ObjectiveLevel } from '../../contracts/model.ts';
import { ALLOWED_PARENT_LEVELS, findCycle } from '../../domain/alignment.ts';
import { normaliseEmail } from '../../repositories/rows.ts';
import { describeValue, type DocumentIssue, type PathSegment } from './issues.ts';

export type ObjectiveReferenceRole = 'parent' | 'contributesTo' | 'carriedFrom';

export interface ExternalReferences {
  /** Normalised e-mails not among the file's people, with where they are used. */
  emails: Map<string, PathSegment[][]>;
  /** Team names not among the file's teams. */
  teams: Map<string, PathSegment[][]>;
  /** Objective ids not in the file. `childLevel` is the level of the objective aligning to it. */
  objectives: Map<
    string,
    { path: PathSegment[]; role: ObjectiveReferenceRole; childLevel: ObjectiveLevel }[]
  >;
  /** Key result ids (depended on) not in the file. */
  keyResults: Map<string, PathSegment[][]>;
}

export interface DocumentCheck {
  issues: DocumentIssue[];
  external: ExternalReferences;
}

function remember<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Runs every check that needs only the file. */
export function checkCycleDocument(file: CycleFile): DocumentCheck {
  const issues: DocumentIssue[] = [];
  const add = (path: PathSegment[], problem: string) => issues.push({ path, problem });
  const external: ExternalReferences = {
    emails: new Map(),
    teams: new Map(),
    objectives: new Map(),
    keyResults: new Map(),
  };

  const people = new Set<string>();
  file.people.forEach((person, i) => {
    const email = normaliseEmail(person.email);
    if (people.has(email))
      add(['people', i, 'email'], `${describeValue(person.email)} is listed more than once`);
    people.add(email);
  });
  const personRef = (email: string | null, path: PathSegment[]) => {
    if (email === null) return;
    const normalised = normaliseEmail(email);
    if (!people.has(normalised)) remember(external.emails, normalised, path);
  };

  const teamIndex = new Map<string, number>();
  file.teams.forEach((team, i) => {
    if (teamIndex.has(team.name))
      add(['teams', i, 'name'], `${describeValue(team.name)} is listed more than once`);
    else teamIndex.set(team.name, i);
  });
  const teamRef = (name: string | null, path: PathSegment[]) => {
    if (name !== null && !teamIndex.has(name)) remember(external.teams, name, path);
  };
  file.teams.forEach((team, i) => {
    if (team.parent === team.name) add(['teams', i, 'parent'], 'is the team itself');
    else teamRef(team.parent, ['teams', i, 'parent']);
    const listed = new Set<string>();
    for (const list of ['leads', 'members'] as const) {
      team[list].forEach((email, j) => {
        const normalised = normaliseEmail(email);
        if (listed.has(normalised)) {
          add(
            ['teams', i, list, j],
            `${describeValue(email)} is listed more than once in team ${describeValue(team.name)}`,
          );
        }
        listed.add(normalised);
        personRef(email, ['teams', i, list, j]);
      });
    }
  });
  checkTeamLoops(file, teamIndex, add);

  const roleEmails = new Set<string>();
  (file.roles ?? []).forEach((entry, i) => {
    const email = normaliseEmail(entry.email);
    if (roleEmails.has(email))
      add(['roles', i, 'email'], `${describeValue(entry.email)} is listed more than once`);
    roleEmails.add(email);
    personRef(entry.email, ['roles', i, 'email']);
    entry.roles.forEach((role, j) => {
      if (entry.roles.indexOf(role) !== j)
        add(['roles', i, 'roles', j], `'${role}' is listed more than once`);
    });
  });

  if (file.cycle.endDate < file.cycle.startDate) {
    add(['cycle', 'endDate'], `${file.cycle.endDate} is before startDate ${file.cycle.startDate}`);
  }

  checkObjectives(file, add, external, personRef, teamRef);
  return { issues, external };
}

function checkTeamLoops(
  file: CycleFile,
  teamIndex: Map<string, number>,
  add: (path: PathSegment[], problem: string) => void,
): void {
  file.teams.forEach((team, i) => {
    const chain = [team.name];
    let parent = team.parent;
    while (parent !== null && parent !== team.name && !chain.includes(parent)) {
      chain.push(parent);
      const index = teamIndex.get(parent);
      parent = index === undefined ? null : (file.teams[index]?.parent ?? null);
    }
    // Report a loop once: at its first team in the file.
    const inLoop = parent === team.name && chain.length > 1;
    if (inLoop && chain.every((name) => (teamIndex.get(name) ?? -1) >= i)) {
      add(
        ['teams', i, 'parent'],
        `team parents form a loop: ${[...chain, team.name].join(' -> ')}`,
      );
    }
  });
}

function checkObjectives(
  file: CycleFile,
  add: (path: PathSegment[], problem: string) => void,
  external: ExternalReferences,
  personRef: (email: string | null, path: PathSegment[]) => void,
  teamRef: (name: string | null, path: PathSegment[]) => void,
): void {
  const objectives = new Map<string, { objective: CycleFileObjective; index: number }>();
  const keyResults = new Set<string>();
  const seen = {
    initiatives: new Set<string>(),
    checkIns: new Set<string>(),
    dependsOn: new Set<string>(),
  };
  const once = (set: Set<string>, id: string, path: PathSegment[], what: string) => {
    if (set.has(id)) add(path, `${id} is used by another ${what}`);
    set.add(id);
  };

  file.objectives.forEach((objective, i) => {
    if (objectives.has(objective.id))
      add(['objectives', i, 'id'], `${objective.id} is used by another objective`);
    else objectives.set(objective.id, { objective, index: i });
    objective.keyResults.forEach((keyResult, k) => {
      once(keyResults, keyResult.id, ['objectives', i, 'keyResults', k, 'id'], 'key result');
    });
  });

  const edges: { childId: string; parentId: string; path: PathSegment[] }[] = [];
  file.objectives.forEach((objective, i) => {
    const at = (...rest: PathSegment[]): PathSegment[] => ['objectives', i, ...rest];
    personRef(objective.owner, at('owner'));
    teamRef(objective.team, at('team'));
    const unique = (
      list: readonly string[],
      name: string,
      each?: (value: string, j: number) => void,
    ) => {
      list.forEach((value, j) => {
        if (list.indexOf(value) !== j)
          add(at(name, j), `${describeValue(value)} is listed more than once`);
        else each?.(value, j);
      });
    };
    unique(objective.contributingTeams, 'contributingTeams', (team, j) =>
      teamRef(team, at('contributingTeams', j)),
    );
    unique(objective.readers, 'readers', (email, j) => personRef(email, at('readers', j)));
    unique(objective.tags, 'tags');
    unique(objective.parents, 'parents', (parentId, j) => {
      if (parentId === objective.id) return add(at('parents', j), 'is the objective itself');
      const parent = objectives.get(parentId)?.objective;
      if (parent === undefined) {
        remember(external.objectives, parentId, {
          path: at('parents', j),
          role: 'parent',
          childLevel: objective.level,
        });
        return;
      }
      const problem = levelProblem(objective.level, parent.level);
      if (problem) add(at('parents', j), `${parentId} ${problem}`);
      edges.push({ childId: objective.id, parentId, path: at('parents', j) });
    });
    if (objective.carriedFrom === objective.id) add(at('carriedFrom'), 'is the objective itself');
    else if (objective.carriedFrom !== null && !objectives.has(objective.carriedFrom)) {
      remember(external.objectives, objective.carriedFrom, {
        path: at('carriedFrom'),
        role: 'carriedFrom',
        childLevel: objective.level,
      });
    }

    objective.keyResults.forEach((keyResult, k) => {
      const kr = (...rest: PathSegment[]): PathSegment[] => at('keyResults', k, ...rest);
      personRef(keyResult.owner, kr('owner'));
      if (keyResult.contributesTo === objective.id)
        add(kr('contributesTo'), "is the key result's own objective");
      else if (keyResult.contributesTo !== null && !objectives.has(keyResult.contributesTo)) {
        remember(external.objectives, keyResult.contributesTo, {
          path: kr('contributesTo'),
          role: 'contributesTo',
          childLevel: objective.level,
        });
      }
      keyResult.initiatives.forEach((initiative, n) => {
        once(seen.initiatives, initiative.id, kr('initiatives', n, 'id'), 'initiative');
        personRef(initiative.owner, kr('initiatives', n, 'owner'));
      });
      keyResult.checkIns.forEach((checkIn, n) => {
        once(seen.checkIns, checkIn.id, kr('checkIns', n, 'id'), 'check-in');
        personRef(checkIn.author, kr('checkIns', n, 'author'));
      });
      const dependedOn = new Set<string>();
      keyResult.dependsOn.forEach((dependency, n) => {
        once(seen.dependsOn, dependency.id, kr('dependsOn', n, 'id'), 'dependency');
        const path = kr('dependsOn', n, 'keyResult');
        if (dependency.keyResult === keyResult.id) add(path, 'is the key result itself');
        else if (dependedOn.has(dependency.keyResult))
          add(path, `${dependency.keyResult} is depended on more than once`);
        else if (!keyResults.has(dependency.keyResult))
          remember(external.keyResults, dependency.keyResult, path);
        dependedOn.add(dependency.keyResult);
      });
    });
  });

  checkCarryLoops(file, objectives, add);
  checkAlignmentLoops(edges, add);

  const comments = new Set<string>();
  (file.comments ?? []).forEach((comment, i) => {
    once(comments, comment.id, ['comments', i, 'id'], 'comment');
    if (comment.objective === null && comment.keyResult === null) {
      add(['comments', i], 'names neither an objective nor a key result');
    }
    if (comment.objective !== null && !objectives.has(comment.objective)) {
      add(['comments', i, 'objective'], `${comment.objective} is not an objective of this file`);
    }
    if (comment.keyResult !== null && !keyResults.has(comment.keyResult)) {
      add(['comments', i, 'keyResult'], `${comment.keyResult} is not a key result of this file`);
    }
    personRef(comment.author, ['comments', i, 'author']);
  });
}

/** Why a `child` objective may not align to a `parent`, or undefined when it may. */
export function levelProblem(child: ObjectiveLevel, parent: ObjectiveLevel): string | undefined {
  const allowed = ALLOWED_PARENT_LEVELS[child];
  if (allowed.includes(parent)) return undefined;
  const a = (level: string) => (/^[aeiou]/.test(level) ? `an ${level}` : `a ${level}`);
  return allowed.length === 0
    ? `cannot be a parent: ${a(child)} objective aligns to no other objective`
    : `is ${a(parent)} objective; ${a(child)} objective aligns only to ${allowed.join(', ')} objectives`;
}

/** Every alignment loop, each reported once at the alignment that closes it. */
function checkAlignmentLoops(
  edges: { childId: string; parentId: string; path: PathSegment[] }[],
  add: (path: PathSegment[], problem: string) => void,
): void {
  let remaining = edges;
  for (;;) {
    const loop = findCycle(remaining);
    if (loop === null) return;
    const [childId, parentId] = loop as [string, string];
    const edge = remaining.find((e) => e.childId === childId && e.parentId === parentId);
    if (edge === undefined) return;
    add(edge.path, `${parentId} closes an alignment loop: ${loop.join(' -> ')}`);
    remaining = remaining.filter((e) => e !== edge);
  }
}

/** Objectives carried from each other in a circle cannot be inserted (nor make sense). */
function checkCarryLoops(
  file: CycleFile,
  objectives: Map<string, { objective: CycleFileObjective; index: number }>,
  add: (path: PathSegment[], problem: string) => void,
): void {
  file.objectives.forEach((objective, i) => {
    const chain = [objective.id];
    let from = objective.carriedFrom;
    while (from !== null && from !== objective.id && !chain.includes(from)) {
      chain.push(from);
      from = objectives.get(from)?.objective.carriedFrom ?? null;
    }
    if (
      from === objective.id &&
      chain.length > 1 &&
      chain.every((id) => (objectives.get(id)?.index ?? -1) >= i)
    ) {
      add(
        ['objectives', i, 'carriedFrom'],
        `objectives are carried from each other in a loop: ${[...chain, objective.id].join(' -> ')}`,
      );
    }
  });
}
