/**
 * What importing a sheet into a cycle would create: the rows read with the mapping (the pure
 * rules in domain/sheet-import.ts), then each row's team and people looked up, objectives that
 * already exist in the cycle found, and each objective judged by the policy as drafted
 * (`objective.create` and `key_result.create`). The dry run presents this plan; the import
 * computes it again inside its transaction and creates exactly its objectives.
 */
import type {
  ImportRunBody,
  ImportReport,
  ImportedObjective,
  RejectedRow,
} from '../../contracts/api/imports.ts';
import { AppError, type FieldError } from '../../contracts/app-error.ts';
import type { KeyResultCreateBody, ObjectiveCreateBody } from '../../contracts/api/okrs.ts';
import { cycleAllows } from '../../domain/cycle.ts';
import {
  REQUIRED_FIELDS,
  groupByObjective,
  readSheetRows,
  type ColumnMapping,
  type RowProblem,
  type SheetRow,
} from '../../domain/sheet-import.ts';
import { authorize, can, type Actor } from '../../policy/policy.ts';
import {
  memberById,
  membersByEmail,
  objectiveTitlesOfCycle,
  teamMemberIds,
  teamsByName,
  type ImportPerson,
  type ImportTeam,
} from '../../repositories/imports.ts';
import type { CycleInfo } from '../../repositories/objective-facts.ts';
import { cycleOf } from '../../repositories/objectives.ts';
import type { Db } from '../context.ts';
import { badInput, draftFacts } from '../objectives/objective-rules.ts';
import { readSheet } from './sheet.ts';

/** One objective to create, with what the report shows of it. */
export interface PlannedObjective {
  view: ImportedObjective;
  body: ObjectiveCreateBody;
}

export interface ImportPlan {
  cycle: CycleInfo;
  rows: number;
  objectives: PlannedObjective[];
  rejected: RejectedRow[];
}

interface ResolvedRow {
  row: SheetRow;
  team: ImportTeam | null;
  owner: ImportPerson;
  keyResultOwner: ImportPerson | null;
}

function mappingProblems(mapping: ColumnMapping, columns: readonly string[]): FieldError[] {
  const problems: FieldError[] = [];
  for (const field of REQUIRED_FIELDS) {
    if (mapping[field] === undefined)
      problems.push({
        path: `body.mapping.${field}`,
        message: 'is required: choose the column that holds it',
      });
  }
  for (const [field, column] of Object.entries(mapping)) {
    if (column !== undefined && !columns.includes(column))
      problems.push({
        path: `body.mapping.${field}`,
        message: `names no column of the sheet ('${column}')`,
      });
  }
  return problems;
}

const email = (text: string | null) => (text === null ? null : text.toLowerCase());

/** Plans the import; 400 for a bad sheet, mapping or cycle, 409 when the cycle takes no new OKRs. */
export async function planImport(db: Db, actor: Actor, body: ImportRunBody): Promise<ImportPlan> {
  authorize(actor, 'import.run', { type: 'organisation' });
  const orgId = actor.orgId;
  const sheet = readSheet(body.csv);
  const mapping: ColumnMapping = body.mapping;
  const problems = mappingProblems(mapping, sheet.columns);
  const cycle = await cycleOf(db, orgId, body.cycleId);
  if (!cycle)
    problems.push({ path: 'body.cycleId', message: 'is not a cycle of this organisation' });
  if (problems.length > 0 || !cycle) throw badInput(problems);
  if (!cycleAllows(cycle.status, 'create_okrs')) {
    throw new AppError(
      'cycle_closed',
      `The cycle ${cycle.name} is ${cycle.status}; it takes no new objectives.`,
    );
  }

  const read = readSheetRows(sheet.columns, sheet.rows, mapping);
  const taken = read.flatMap((r) => (r.ok ? [r.row] : []));
  const [teams, people, me, existing] = await Promise.all([
    teamsByName(db, orgId),
    membersByEmail(
      db,
      orgId,
      taken.flatMap((r) =>
        [email(r.objective.owner), email(r.keyResult.owner)].filter((e): e is string => e !== null),
      ),
    ),
    memberById(db, orgId, actor.userId),
    objectiveTitlesOfCycle(db, orgId, cycle.id),
  ]);
  if (!me) throw new AppError('not_found', 'Not found.');
  const teamIds = taken.flatMap((r) => {
    const team = r.objective.team === null ? undefined : teams.get(r.objective.team.toLowerCase());
    return team ? [team.id] : [];
  });
  const membersOf = await teamMemberIds(db, orgId, teamIds);
  const existingKeys = new Set(
    existing.map((o) => `${o.title.trim().toLowerCase()}\u0000${o.level}\u0000${o.teamId ?? ''}`),
  );

  const rejected: RejectedRow[] = [];
  const reject = (
    row: { line: number },
    cells: { objective: string; keyResult: string },
    reasons: RowProblem[],
  ) => rejected.push({ line: row.line, ...cells, reasons });
  const byLine = new Map(sheet.rows.map((r) => [r.line, r]));
  const cellsOf = (line: number) => {
    const source = byLine.get(line);
    const at = (column: string | undefined) =>
      column === undefined ? '' : (source?.values[sheet.columns.indexOf(column)] ?? '').trim();
    return { objective: at(mapping.objective), keyResult: at(mapping.keyResult) };
  };
  for (const r of read) if (!r.ok) reject(r, cellsOf(r.line), r.problems);

  const resolved: { row: SheetRow; resolved: ResolvedRow }[] = [];
  for (const row of taken) {
    const reasons: RowProblem[] = [];
    const { objective, keyResult } = row;
    const team = objective.team === null ? null : (teams.get(objective.team.toLowerCase()) ?? null);
    if (objective.team !== null && team === null)
      reasons.push({ code: 'unknown_team', message: `no team is called '${objective.team}'` });
    if (objective.level === 'team' && objective.team === null)
      reasons.push({ code: 'unknown_team', message: 'a team objective needs a team' });
    const ownerEmail = email(objective.owner);
    const owner = ownerEmail === null ? me : people.get(ownerEmail);
    if (!owner)
      reasons.push({
        code: 'unknown_owner',
        message: `no member of the organisation has the e-mail '${objective.owner ?? ''}'`,
      });
    const krEmail = email(keyResult.owner);
    let keyResultOwner: ImportPerson | null = null;
    const teamMembers = objective.level === 'team' && team ? membersOf.get(team.id) : undefined;
    if (krEmail !== null) {
      keyResultOwner = people.get(krEmail) ?? null;
      if (!keyResultOwner)
        reasons.push({
          code: 'unknown_owner',
          message: `no member of the organisation has the e-mail '${keyResult.owner ?? ''}'`,
        });
      else if (teamMembers && !teamMembers.has(keyResultOwner.id)) {
        reasons.push({
          code: 'owner_not_in_team',
          message: `${keyResult.owner ?? ''} is not in the team ${team?.name ?? ''}, so cannot own its key result`,
        });
      }
    } else if (owner && objective.owner !== null && (!teamMembers || teamMembers.has(owner.id))) {
      // Without a key result owner column the objective's owner owns it, when they may.
      keyResultOwner = owner;
    }
    const teamId = objective.level === 'team' ? (team?.id ?? null) : null;
    if (
      existingKeys.has(
        `${objective.title.toLowerCase()}\u0000${objective.level}\u0000${teamId ?? ''}`,
      )
    ) {
      reasons.push({
        code: 'duplicate',
        message: `the cycle ${cycle.name} already has this objective`,
      });
    }
    if (reasons.length > 0 || !owner)
      reject(row, { objective: objective.title, keyResult: keyResult.title }, reasons);
    else resolved.push({ row, resolved: { row, team, owner, keyResultOwner } });
  }

  const objectives: PlannedObjective[] = [];
  for (const group of groupByObjective(resolved)) {
    const first = (group.rows[0] as { resolved: ResolvedRow }).resolved;
    const { objective } = first.row;
    const teamId = objective.level === 'team' ? (first.team?.id ?? null) : null;
    const facts = await draftFacts(db, orgId, {
      level: objective.level,
      ownerId: first.owner.id,
      teamId,
      visibility: 'public',
      readerIds: [],
      contributingTeamIds: [],
      cycle,
    });
    const resource = { type: 'objective' as const, objective: facts };
    if (!can(actor, 'objective.create', resource) || !can(actor, 'key_result.create', resource)) {
      const where =
        objective.level === 'team'
          ? `team objectives of ${first.team?.name ?? ''}`
          : objective.level === 'company'
            ? 'company objectives'
            : `objectives for ${first.owner.name}`;
      for (const { row } of group.rows) {
        reject(row, { objective: row.objective.title, keyResult: row.keyResult.title }, [
          { code: 'permission', message: `you may not create ${where}` },
        ]);
      }
      continue;
    }
    const keyResults = group.rows.map(({ resolved: r }) => {
      const kr = r.row.keyResult;
      return {
        line: r.row.line,
        id: null,
        title: kr.title,
        kind: kr.unit === '%' ? ('percentage' as const) : ('number' as const),
        direction: kr.target > kr.start ? ('increase' as const) : ('decrease' as const),
        start: kr.start,
        target: kr.target,
        current: kr.current,
        unit: kr.unit === '%' ? null : kr.unit,
        owner: r.keyResultOwner ? { id: r.keyResultOwner.id, name: r.keyResultOwner.name } : null,
        checkIn: kr.current !== kr.start,
      };
    });
    const view: ImportedObjective = {
      id: null,
      title: objective.title,
      rationale: objective.rationale,
      level: objective.level,
      team:
        objective.level === 'team' && first.team
          ? { id: first.team.id, name: first.team.name }
          : null,
      owner: { id: first.owner.id, name: first.owner.name },
      lines: group.rows.map(({ row }) => row.line),
      keyResults,
    };
    const body: ObjectiveCreateBody = {
      cycleId: cycle.id,
      level: objective.level,
      title: objective.title,
      rationale: objective.rationale,
      ownerId: first.owner.id,
      teamId,
      keyResults: keyResults.map((kr, position): KeyResultCreateBody => ({
        title: kr.title,
        kind: kr.kind,
        direction: kr.direction,
        start: kr.start,
        target: kr.target,
        current: kr.start,
        unit: kr.unit,
        ownerId: kr.owner?.id ?? null,
        position,
      })),
    };
    objectives.push({ view, body });
  }
  rejected.sort((a, b) => a.line - b.line);
  return { cycle, rows: sheet.rows.length, objectives, rejected };
}

/** The report of a plan (before or after creating it). */
export function reportOf(plan: ImportPlan, dryRun: boolean): ImportReport {
  const keyResults = plan.objectives.flatMap((o) => o.view.keyResults);
  return {
    dryRun,
    cycle: { id: plan.cycle.id, name: plan.cycle.name },
    counts: {
      rows: plan.rows,
      accepted: keyResults.length,
      rejected: plan.rejected.length,
      objectives: plan.objectives.length,
      keyResults: keyResults.length,
      checkIns: keyResults.filter((kr) => kr.checkIn).length,
    },
    objectives: plan.objectives.map((o) => o.view),
    rejected: plan.rejected,
  };
}
