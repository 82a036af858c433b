/** Knowledge notes, grades and retrospectives as API objects, with the caller's abilities. */
import type {
  GradeView,
  KnowledgeNoteView,
  NoteKind,
  NoteLink,
  RetrospectiveView,
} from '../contracts/api/knowledge.ts';
import type { CycleStatus, ObjectiveLevel } from '../contracts/model.ts';
import { finalScore, gradeState } from '../domain/grading.ts';
import { scoreBand } from '../domain/scoring.ts';
import { can, gradeAbilities, type Actor, type ObjectiveFacts } from '../policy/policy.ts';
import type {
  GradeRecord,
  GradingObjectiveRecord,
  KnowledgeNoteRecord,
} from '../repositories/knowledge.ts';
import { renderMarkdown } from './markdown.ts';

/** The stored links (JSON); anything unreadable is no links rather than an error. */
export function parseLinks(json: string): NoteLink[] {
  try {
    const parsed = JSON.parse(json) as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (l): l is NoteLink =>
        typeof l === 'object' &&
        l !== null &&
        typeof (l as NoteLink).title === 'string' &&
        typeof (l as NoteLink).url === 'string',
    );
  } catch {
    return [];
  }
}

export function presentNote(
  actor: Actor,
  objective: ObjectiveFacts,
  row: KnowledgeNoteRecord,
): KnowledgeNoteView {
  const retrospective = row.kind === 'retrospective';
  // A retrospective changes through its own route, by those who may write it.
  const edit = retrospective
    ? false
    : can(actor, 'note.update', { type: 'note', objective, authorId: row.author_id });
  return {
    id: row.id,
    kind: row.kind as NoteKind,
    objective: {
      id: row.objective_id,
      title: row.objective_title,
      level: row.objective_level as ObjectiveLevel,
      cycleId: row.cycle_id,
      cycleName: row.cycle_name,
      team: row.team_id ? { id: row.team_id, name: row.team_name ?? '' } : null,
    },
    author: row.author_id ? { id: row.author_id, name: row.author_name ?? '' } : null,
    body: row.body,
    html: renderMarkdown(row.body),
    links: parseLinks(row.links),
    retrospective: retrospective
      ? {
          wentWell: row.went_well ?? '',
          wentBadly: row.went_badly ?? '',
          learned: row.learned ?? '',
        }
      : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    abilities: { canEdit: edit, canDelete: edit },
  };
}

/** What the audit log keeps of a note. */
export function noteSnapshot(row: {
  objective_id: string;
  kind: string;
  body: string;
  links: string;
  went_well?: string | null;
  went_badly?: string | null;
  learned?: string | null;
}): Record<string, unknown> {
  return {
    objectiveId: row.objective_id,
    kind: row.kind,
    body: row.body,
    links: parseLinks(row.links),
    ...(row.kind === 'retrospective'
      ? { wentWell: row.went_well, wentBadly: row.went_badly, learned: row.learned }
      : {}),
  };
}

export function gradeSnapshot(row: GradeRecord | undefined): Record<string, unknown> | null {
  if (!row) return null;
  return {
    objectiveId: row.objective_id,
    proposedScore: row.proposed_score,
    proposedReason: row.proposed_reason,
    proposedBy: row.proposed_by,
    confirmedScore: row.confirmed_score,
    confirmedNote: row.confirmed_note,
    confirmedBy: row.confirmed_by,
  };
}

export function presentGrade(
  actor: Actor,
  facts: ObjectiveFacts,
  objective: GradingObjectiveRecord,
  cycle: { id: string; name: string; status: CycleStatus },
  grade: GradeRecord | undefined,
  suggestedScore: number,
): GradeView {
  const scores = {
    proposed: grade?.proposed_score ?? null,
    confirmed: grade?.confirmed_score ?? null,
  };
  const score = finalScore(scores);
  return {
    objective: {
      id: objective.id,
      title: objective.title,
      level: objective.level as ObjectiveLevel,
      team: objective.team_id ? { id: objective.team_id, name: objective.team_name ?? '' } : null,
      owner: objective.owner_id
        ? { id: objective.owner_id, name: objective.owner_name ?? '' }
        : null,
      progress: objective.progress,
    },
    cycle,
    suggestedScore,
    state: gradeState(scores),
    proposal: grade
      ? {
          score: grade.proposed_score,
          reason: grade.proposed_reason,
          by: grade.proposed_by
            ? { id: grade.proposed_by, name: grade.proposed_by_name ?? '' }
            : null,
          at: grade.proposed_at,
        }
      : null,
    confirmation:
      grade && grade.confirmed_score !== null && grade.confirmed_at !== null
        ? {
            score: grade.confirmed_score,
            note: grade.confirmed_note,
            by: grade.confirmed_by
              ? { id: grade.confirmed_by, name: grade.confirmed_by_name ?? '' }
              : null,
            at: grade.confirmed_at,
          }
        : null,
    score,
    band: score === null ? null : scoreBand(score),
    version: grade?.version ?? 0,
    abilities: gradeAbilities(actor, facts),
  };
}

export function presentRetrospective(
  actor: Actor,
  objectiveId: string,
  facts: ObjectiveFacts,
  row: KnowledgeNoteRecord | undefined,
  notes: KnowledgeNoteView[],
): RetrospectiveView {
  const answers = row
    ? { wentWell: row.went_well ?? '', wentBadly: row.went_badly ?? '', learned: row.learned ?? '' }
    : null;
  return {
    objectiveId,
    answers,
    html: answers
      ? {
          wentWell: renderMarkdown(answers.wentWell),
          wentBadly: renderMarkdown(answers.wentBadly),
          learned: renderMarkdown(answers.learned),
        }
      : null,
    author: row?.author_id ? { id: row.author_id, name: row.author_name ?? '' } : null,
    updatedAt: row?.updated_at ?? null,
    version: row?.version ?? 0,
    canEdit: can(actor, 'retrospective.write', { type: 'objective', objective: facts }),
    notes,
  };
}
