/**
 * The cycle report: every objective of a cycle the caller may read with its progress and scores
 * (proposed, confirmed, and the one that counts), averaged per team and per level, and what its
 * retrospective says was learned. Served as JSON, Markdown and CSV (presenters/cycle-report.ts).
 */
import type { CycleReportView } from '../../contracts/api/knowledge.ts';
import type { CycleStatus, ObjectiveLevel } from '../../contracts/model.ts';
import { finalScore, gradeState, groupScores } from '../../domain/grading.ts';
import { listScope } from '../../policy/policy.ts';
import { findCycle } from '../../repositories/cycles.ts';
import {
  cycleObjectivesForGrading,
  firstTeamOf,
  gradesOf,
  learnedOf,
} from '../../repositories/knowledge.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../service-errors.ts';

const LEVEL_ORDER: readonly ObjectiveLevel[] = ['company', 'shared', 'team', 'individual'];

/** The team an objective counts under: its team, its owner's first team, or its level's name. */
function teamLabel(level: string, teamName: string | null, ownerTeam: string | undefined): string {
  if (teamName) return teamName;
  if (level === 'company') return 'Company';
  if (level === 'shared') return 'Shared';
  return ownerTeam ?? 'No team';
}

export async function cycleReport(ctx: ServiceContext, cycleId: string): Promise<CycleReportView> {
  const { actor } = ctx;
  const db = ctx.connection.db;
  const cycle = await findCycle(db, actor.orgId, cycleId);
  if (!cycle) throw notFound('cycle');
  const records = await cycleObjectivesForGrading(db, listScope(actor), cycleId, undefined);
  const ids = records.map((r) => r.id);
  const [grades, learned, ownerTeams] = await Promise.all([
    gradesOf(db, actor.orgId, ids),
    learnedOf(db, actor.orgId, ids),
    firstTeamOf(
      db,
      actor.orgId,
      records
        .filter((r) => r.level === 'individual' && r.owner_id)
        .map((r) => r.owner_id as string),
    ),
  ]);
  const objectives = records.map((record) => {
    const grade = grades.get(record.id);
    const scores = {
      proposed: grade?.proposed_score ?? null,
      confirmed: grade?.confirmed_score ?? null,
    };
    return {
      id: record.id,
      title: record.title,
      level: record.level as ObjectiveLevel,
      team: teamLabel(
        record.level,
        record.team_name,
        record.owner_id ? ownerTeams.get(record.owner_id) : undefined,
      ),
      owner: record.owner_name,
      progress: record.progress,
      proposedScore: scores.proposed,
      confirmedScore: scores.confirmed,
      score: finalScore(scores),
      state: gradeState(scores),
      learned: learned.get(record.id) ?? null,
    };
  });
  const rows = (key: (o: (typeof objectives)[number]) => string) =>
    objectives.map((o) => ({
      key: key(o),
      proposed: o.proposedScore,
      confirmed: o.confirmedScore,
    }));
  const byTeam = groupScores(rows((o) => o.team)).sort((a, b) => a.key.localeCompare(b.key));
  const byLevel = groupScores(rows((o) => o.level)).sort(
    (a, b) =>
      LEVEL_ORDER.indexOf(a.key as ObjectiveLevel) - LEVEL_ORDER.indexOf(b.key as ObjectiveLevel),
  );
  const overall = groupScores(rows(() => 'All objectives'))[0] ?? {
    key: 'All objectives',
    objectives: 0,
    scored: 0,
    confirmed: 0,
    average: null,
  };
  return {
    cycle: {
      id: cycle.id,
      name: cycle.name,
      status: cycle.status as CycleStatus,
      startDate: cycle.start_date,
      endDate: cycle.end_date,
    },
    objectives,
    byTeam,
    byLevel,
    overall,
  };
}
